//! Markdown table columns whose header names personal data: a published
//! list with a 身份证号 or 联系电话 column leaks, whatever its rows hold.

use super::{Finding, Kind, Level};

const KEYWORDS: [&str; 7] = [
    "身份证",
    "联系电话",
    "手机",
    "住址",
    "家庭住址",
    "银行账号",
    "银行卡号",
];

/// Reports each sensitive header cell of each table in `text`.
pub(super) fn scan(text: &str, out: &mut Vec<Finding>) {
    if !text.contains('|') {
        return;
    }
    let mut lines = lines(text).peekable();
    while let Some((offset, line)) = lines.next() {
        let is_header = line.contains('|')
            && lines
                .peek()
                .is_some_and(|&(_, next)| is_delimiter_row(next));
        if is_header {
            header(text, offset, line, out);
        }
    }
}

/// Lines of `text` without their line ending, with their byte offsets.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line.trim_end_matches(['\n', '\r'])))
    })
}

/// True for a GFM delimiter row: `| --- | :---: |`, at least one pipe.
fn is_delimiter_row(line: &str) -> bool {
    let line = line.trim();
    line.contains('|')
        && line
            .trim_matches('|')
            .split('|')
            .all(|cell| is_delimiter_cell(cell.trim()))
}

fn is_delimiter_cell(cell: &str) -> bool {
    let dashes = cell.strip_prefix(':').unwrap_or(cell);
    let dashes = dashes.strip_suffix(':').unwrap_or(dashes);
    !dashes.is_empty() && dashes.bytes().all(|b| b == b'-')
}

fn header(text: &str, offset: usize, line: &str, out: &mut Vec<Finding>) {
    for (start, cell) in cells(line) {
        if KEYWORDS.iter().any(|k| cell.contains(k)) {
            let start = offset + start;
            let range = start..start + cell.len();
            out.push(Finding::new(
                Kind::SensitiveColumn,
                Level::Error,
                text,
                range,
            ));
        }
    }
}

/// Trimmed, non-empty cells of a row split at unescaped pipes, with their
/// byte offsets in the row.
fn cells(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = line.as_bytes();
    let pipes =
        (0..bytes.len()).filter(move |&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'));
    let bounds = std::iter::once(0).chain(pipes.clone().map(|i| i + 1));
    let ends = pipes.chain(std::iter::once(line.len()));
    bounds
        .zip(ends)
        .filter_map(move |(a, b)| trimmed(line, a, b))
}

fn trimmed(line: &str, a: usize, b: usize) -> Option<(usize, &str)> {
    let cell = &line[a..b];
    let lead = cell.len() - cell.trim_start().len();
    let cell = cell.trim();
    (!cell.is_empty()).then_some((a + lead, cell))
}
