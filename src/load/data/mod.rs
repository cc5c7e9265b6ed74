//! Structured data files under `data/` that become pages: the disclosure
//! guide (`data/guide.toml`) and the annual reports
//! (`data/annual-reports/YYYY.toml`). TOML, read with the byte span of every
//! value, so each problem can name its file and line.

pub mod annual_report;
pub mod commissions;
pub mod deductions;
pub mod guide;
pub mod units;

use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use toml::Spanned;

use super::date::DateValue;
use crate::diagnostic::{Diagnostic, Location};
use crate::t;

/// A string value with its place in the file.
pub type Text = Option<Spanned<String>>;

/// One data file, parsed.
#[derive(Debug, Clone)]
pub struct DataFile<T> {
    /// Relative to the site root, `/`-separated (`data/guide.toml`).
    pub rel: String,
    pub text: Arc<str>,
    pub data: T,
}

impl<T> DataFile<T> {
    /// 1-based line of a byte offset.
    pub fn line_at(&self, offset: usize) -> usize {
        Location::of_offset(&self.text, offset).line
    }

    pub fn line_of<V>(&self, value: &Spanned<V>) -> usize {
        self.line_at(value.span().start)
    }

    /// Line of the `[table]` header (or `table = {…}`), else 1.
    pub fn table_line(&self, table: &str) -> usize {
        if table.is_empty() {
            return 1;
        }
        super::parse::line_in(&self.text, 1, table).unwrap_or(1)
    }

    /// An error in this file at `line`, with a snippet.
    pub fn error(&self, line: usize, message: String, hint: String) -> Diagnostic {
        Diagnostic::error(message)
            .in_file(&self.rel)
            .at_line(line)
            .with_source(self.text.clone())
            .with_hint(hint)
    }
}

/// Reads and parses `root/rel`; `Ok(None)` when the file does not exist.
pub fn read<T: DeserializeOwned>(
    root: &Path,
    rel: &str,
) -> Result<Option<DataFile<T>>, Diagnostic> {
    let abs = root.join(rel);
    if !abs.is_file() {
        return Ok(None);
    }
    let bytes = std::fs::read(&abs).map_err(|e| {
        Diagnostic::error(t!(format!("无法读取：{e}"), format!("cannot read: {e}"))).in_file(rel)
    })?;
    let text: Arc<str> = Arc::from(&*super::text::decode(&bytes).map_err(|d| d.in_file(rel))?);
    let data = toml::from_str::<T>(&text).map_err(|e| {
        Diagnostic::from_toml(&e, &text).in_file(rel).with_hint(t!(
            "数据文件的格式见 docs/CONTENT.md 的“数据文件”一节",
            "see “Data files” in docs/CONTENT.md for the format"
        ))
    })?;
    Ok(Some(DataFile {
        rel: rel.to_string(),
        text,
        data,
    }))
}

/// A date in a data file: a TOML date (`2025-01-20`) or a string in any
/// form front matter accepts.
#[derive(Debug, Clone, Copy)]
pub struct DataDate(pub DateValue);

impl<'de> Deserialize<'de> for DataDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Toml(toml::value::Datetime),
            Text(String),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Toml(dt) => dt.to_string(),
            Raw::Text(s) => s,
        };
        text.parse().map(DataDate).map_err(serde::de::Error::custom)
    }
}

/// `review = { by = "…", date = 2025-01-17 }`: the confidentiality review
/// a public build requires of every 主动公开 page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewData {
    pub by: String,
    pub date: DataDate,
}

/// The text of an optional string value, trimmed; `None` when absent or blank.
pub fn text(value: &Text) -> Option<&str> {
    value
        .as_ref()
        .map(|s| s.get_ref().trim())
        .filter(|s| !s.is_empty())
}

/// An error for a required value that is missing (at its table's line) or
/// blank (at its own line). `key` is the full key to add (`office.fax`).
pub fn require<T>(file: &DataFile<T>, value: &Text, key: &str, label: &str) -> Option<Diagnostic> {
    if text(value).is_some() {
        return None;
    }
    let (table, leaf) = key.rsplit_once('.').unwrap_or(("", key));
    let line = match value {
        Some(v) => file.line_of(v),
        None => file.table_line(table),
    };
    let (message, hint) = match value {
        Some(_) => (
            t!(
                format!("{label}（{key}）是空的"),
                format!("{label} ({key}) is empty")
            ),
            t!(format!("填写 {key}"), format!("fill in {key}")),
        ),
        None => (
            t!(
                format!("缺少{label}（{key}）"),
                format!("{label} ({key}) is missing")
            ),
            if table.is_empty() {
                t!(
                    format!("加上 {leaf} = \"…\""),
                    format!("add {leaf} = \"…\"")
                )
            } else {
                t!(
                    format!("在 [{table}] 下加上 {leaf} = \"…\""),
                    format!("add {leaf} = \"…\" under [{table}]")
                )
            },
        ),
    };
    Some(file.error(line, message, hint))
}

/// The data files that become pages, read and parsed (not yet validated).
#[derive(Debug, Default)]
pub struct PageData {
    pub guide: Option<DataFile<guide::GuideData>>,
    pub reports: Vec<DataFile<annual_report::ReportData>>,
}

/// Reads `data/guide.toml` and `data/annual-reports/*.toml`.
pub fn load_pages(root: &Path) -> (PageData, Vec<Diagnostic>) {
    let mut data = PageData::default();
    let mut ds = Vec::new();
    match read(root, guide::FILE) {
        Ok(g) => data.guide = g,
        Err(d) => ds.push(d),
    }
    let dir = root.join(annual_report::DIR);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    for name in names {
        match read(root, &format!("{}/{name}", annual_report::DIR)) {
            Ok(Some(file)) => data.reports.push(file),
            Ok(None) => {}
            Err(d) => ds.push(d),
        }
    }
    (data, ds)
}

/// Reads and validates `data/units.toml`, `data/commissions.toml` and
/// `data/deductions.toml`, the files the statistics read.
pub fn load_statistics(root: &Path) -> (crate::model::statistics::Inputs, Vec<Diagnostic>) {
    let mut inputs = crate::model::statistics::Inputs::default();
    let mut ds = Vec::new();
    match read::<units::UnitsData>(root, units::FILE) {
        Ok(Some(file)) => {
            let (roster, problems) = units::roster(&file);
            ds.extend(problems);
            inputs.units = Some(roster);
        }
        Ok(None) => {}
        Err(d) => {
            ds.push(d);
            inputs.units = Some(Vec::new());
        }
    }
    match read::<commissions::CommissionsData>(root, commissions::FILE) {
        Ok(Some(file)) => {
            let roster = inputs.units.as_deref().unwrap_or_default();
            let (list, problems) = commissions::list(&file, roster);
            ds.extend(problems);
            inputs.commissions = list;
        }
        Ok(None) => {}
        Err(d) => ds.push(d),
    }
    match read::<deductions::DeductionsData>(root, deductions::FILE) {
        Ok(Some(file)) => {
            let roster = inputs.units.as_deref().unwrap_or_default();
            let (list, problems) = deductions::list(&file, roster);
            ds.extend(problems);
            inputs.deductions = list;
        }
        Ok(None) => {}
        Err(d) => ds.push(d),
    }
    (inputs, ds)
}
