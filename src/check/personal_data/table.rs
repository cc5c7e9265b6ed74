//! Markdown table columns whose header names personal data: a published
//! list with a 身份证号 or 联系电话 column leaks, whatever its rows hold.

use super::context::Keywords;
use super::{Finding, Kind, Level};

/// Header words that name a column of personal data (家庭住址 is covered
/// by 住址).
const KEYWORDS: Keywords = Keywords::new(&[
    "身份证",
    "联系电话",
    "手机",
    "住址",
    "家庭住址",
    "银行账号",
    "银行卡号",
]);

/// Reports each sensitive header cell of each table in `text`: a row with
/// a pipe followed by a delimiter row.
pub(super) fn scan(text: &str, out: &mut Vec<Finding>) {
    if !has_pipe(text.as_bytes()) {
        return;
    }
    let mut previous: Option<(usize, &str)> = None;
    for (offset, line) in lines(text) {
        if let Some((header_offset, header)) = previous
            && is_delimiter_row(line.as_bytes())
        {
            header_cells(text, header_offset, header, out);
        }
        previous = has_pipe(line.as_bytes()).then_some((offset, line));
    }
}

/// A vectorised search (every source and rendered page passes here).
fn has_pipe(bytes: &[u8]) -> bool {
    memchr::memchr(b'|', bytes).is_some()
}

/// Lines of `text` without their line ending, with their byte offsets.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1);
    let ends = ends.chain((!text.ends_with('\n')).then_some(text.len()));
    ends.scan(0, |start, end| {
        let line = &text[*start..end];
        let at = *start;
        *start = end;
        Some((at, line.trim_end_matches(['\n', '\r'])))
    })
}

/// True for a GFM delimiter row such as `| --- | :---: |` (with a pipe).
fn is_delimiter_row(line: &[u8]) -> bool {
    let line = line.trim_ascii();
    if !has_pipe(line) {
        return false;
    }
    let inner = without_edge(line, b'|');
    inner
        .split(|&b| b == b'|')
        .all(|cell| is_delimiter_cell(cell.trim_ascii()))
}

fn is_delimiter_cell(cell: &[u8]) -> bool {
    let dashes = without_edge(cell, b':');
    !dashes.is_empty() && dashes.iter().all(|&b| b == b'-')
}

/// `bytes` without one `edge` byte at either end.
fn without_edge(bytes: &[u8], edge: u8) -> &[u8] {
    let bytes = bytes.strip_prefix(&[edge]).unwrap_or(bytes);
    bytes.strip_suffix(&[edge]).unwrap_or(bytes)
}

fn header_cells(text: &str, offset: usize, line: &str, out: &mut Vec<Finding>) {
    if !KEYWORDS.occur_in(line) {
        return;
    }
    for (start, cell) in cells(line) {
        if KEYWORDS.occur_in(cell) {
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
    let starts = std::iter::once(0).chain(pipes.clone().map(|i| i + 1));
    let ends = pipes.chain(std::iter::once(line.len()));
    starts
        .zip(ends)
        .filter_map(move |(a, b)| trimmed(line, a, b))
}

fn trimmed(line: &str, a: usize, b: usize) -> Option<(usize, &str)> {
    let cell = &line[a..b];
    let lead = cell.len() - cell.trim_start().len();
    let cell = cell.trim();
    (!cell.is_empty()).then_some((a + lead, cell))
}
