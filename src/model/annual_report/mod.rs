//! Annual reports, resolved from their data files: year, path, title, the
//! three tables as plain numbers with the line of every value, table 二's
//! document counts completed from the site's pages. Values that cannot be
//! used (missing, negative, a row of the wrong length) are reported here
//! and left out, so the sum checks of `check::annual_report` never report
//! the same problem twice.

mod documents;
pub mod form;
mod table2;

use std::sync::Arc;

use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::load::data::annual_report::{ReportData, Row};
use crate::load::data::{DataFile, require, text};
use crate::t;

pub use table2::{Cell, Table2};

/// One row of table 三 or 四 that passed the shape checks.
#[derive(Debug, Clone)]
pub struct Counts {
    pub values: Vec<i64>,
    /// Line of each value.
    pub lines: Vec<usize>,
}

#[derive(Debug)]
pub struct AnnualReport {
    pub file: Arc<DataFile<ReportData>>,
    pub year: i16,
    /// Site path (`/disclosure/annual-report-2024/`).
    pub path: String,
    pub title: String,
    pub organ: String,
    pub date: Option<jiff::Zoned>,
    pub table2: Table2,
    /// In the order of `form::TABLE3_ROWS`; `None` where the row is unusable.
    pub table3: Vec<Option<Counts>>,
    /// In the order of `form::TABLE4_ROWS`.
    pub table4: Vec<Option<Counts>>,
}

impl AnnualReport {
    /// Output path of the CSV export of table `n` (2, 3 or 4).
    pub fn csv_path(&self, n: u8) -> String {
        format!("{}table-{n}.csv", self.path)
    }
}

/// Resolves every report file; reports are returned oldest first.
pub fn resolve(
    files: Vec<DataFile<ReportData>>,
    site: &crate::model::Site,
) -> (Vec<AnnualReport>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diagnostics = Vec::new();
    for file in files {
        let file = Arc::new(file);
        let Some(year) = year_of(&file, &mut diagnostics) else {
            continue;
        };
        diagnostics.extend(required_values(&file));
        let (table2, ds) = table2::resolve(&file, year, site);
        diagnostics.extend(ds);
        let table3 = form::TABLE3_ROWS
            .iter()
            .map(|r| {
                let row = file.data.applications.row(r.key).expect("a form key");
                let name = t!(
                    format!("表三“{}”行", form::table3_full_label(r)),
                    format!("table 三, row “{}”", form::table3_full_label(r))
                );
                counts(
                    &file,
                    row,
                    &format!("applications.{}", r.key),
                    &name,
                    &form::TABLE3_COLUMNS,
                    &mut diagnostics,
                )
            })
            .collect();
        let table4 = (0..form::TABLE4_ROWS.len())
            .map(|i| {
                let (key, _) = form::TABLE4_ROWS[i];
                let row = file.data.appeals.row(key).expect("a form key");
                let name = t!(
                    format!("表四“{}”行", form::table4_full_label(i)),
                    format!("table 四, row “{}”", form::table4_full_label(i))
                );
                counts(
                    &file,
                    row,
                    &format!("appeals.{key}"),
                    &name,
                    &form::TABLE4_COLUMNS,
                    &mut diagnostics,
                )
            })
            .collect();
        let offset = site.config.offset();
        out.push(AnnualReport {
            path: report_path(&file, year),
            title: text(&file.data.title).map_or_else(
                || format!("{}{year}年政府信息公开工作年度报告", site.config.title),
                str::to_string,
            ),
            organ: text(&file.data.organ)
                .unwrap_or(&site.config.title)
                .to_string(),
            date: file
                .data
                .date
                .as_ref()
                .map(|d| d.get_ref().0.resolve(offset)),
            year,
            table2,
            table3,
            table4,
            file,
        });
    }
    out.sort_by_key(|r| r.year);
    (out, diagnostics)
}

/// The year is the file name (`2024.toml`); a `year` key must agree.
fn year_of(file: &DataFile<ReportData>, ds: &mut Vec<Diagnostic>) -> Option<i16> {
    let stem = file
        .rel
        .rsplit('/')
        .next()
        .unwrap_or("")
        .trim_end_matches(".toml");
    let Some(year) = stem
        .parse::<i16>()
        .ok()
        .filter(|y| stem.len() == 4 && (1990..=2200).contains(y))
    else {
        ds.push(file.error(
            1,
            t!(
                format!("年度报告的文件名应为年份，如 2024.toml，而不是 {stem}.toml"),
                format!(
                    "an annual report's file name is its year, like 2024.toml, not {stem}.toml"
                )
            ),
            t!("把文件改名为 年份.toml", "rename the file to YEAR.toml"),
        ));
        return None;
    };
    if let Some(given) = &file.data.year
        && *given.get_ref() != i64::from(year)
    {
        ds.push(file.error(
            file.line_of(given),
            t!(
                format!("year = {} 与文件名 {year}.toml 不一致", given.get_ref()),
                format!(
                    "year = {} does not match the file name {year}.toml",
                    given.get_ref()
                )
            ),
            t!(
                format!("写成 year = {year}，或把文件改名"),
                format!("write year = {year}, or rename the file")
            ),
        ));
    }
    Some(year)
}

/// The publication date and the prose of sections 一, 五 and 六.
fn required_values(file: &DataFile<ReportData>) -> Vec<Diagnostic> {
    let p = &file.data.text;
    let mut out: Vec<Diagnostic> = [
        (&p.general, "text.general", "“一、总体情况”的正文"),
        (
            &p.problems,
            "text.problems",
            "“五、存在的主要问题及改进情况”的正文",
        ),
        (&p.other, "text.other", "“六、其他需要报告的事项”的正文"),
    ]
    .iter()
    .filter_map(|(v, key, label)| require(file, v, key, label))
    .collect();
    if file.data.date.is_none() {
        out.push(file.error(
            1,
            t!(
                "缺少发布日期（date）",
                "the publication date (date) is missing"
            ),
            t!("加上 date = 2025-01-20", "add date = 2025-01-20"),
        ));
    }
    out
}

fn report_path(file: &DataFile<ReportData>, year: i16) -> String {
    match text(&file.data.path) {
        Some(p) => format!("/{}/", p.trim_matches('/')),
        None => format!("/disclosure/annual-report-{year}/"),
    }
}

/// A row's numbers, if the row is there, has one number per column, and
/// every number is a count (not negative).
fn counts(
    file: &DataFile<ReportData>,
    row: &Row,
    key: &str,
    name: &str,
    columns: &[&str],
    ds: &mut Vec<Diagnostic>,
) -> Option<Counts> {
    let Some(row) = row else {
        let (table, leaf) = key.rsplit_once('.').unwrap_or(("", key));
        let zeros = vec!["0"; columns.len()].join(", ");
        ds.push(file.error(
            file.table_line(table),
            t!(
                format!("缺少{name}（{key}）"),
                format!("{name} ({key}) is missing")
            ),
            t!(
                format!(
                    "在 [{table}] 下加上 {leaf} = [{zeros}]，依次为：{}",
                    columns.join("、")
                ),
                format!(
                    "add {leaf} = [{zeros}] under [{table}], in the order: {}",
                    columns.join(", ")
                )
            ),
        ));
        return None;
    };
    let cells: &Vec<Spanned<i64>> = row.get_ref();
    if cells.len() != columns.len() {
        ds.push(file.error(
            file.line_of(row),
            t!(
                format!(
                    "{name}（{key}）应有 {} 个数，实有 {} 个",
                    columns.len(),
                    cells.len()
                ),
                format!(
                    "{name} ({key}) needs {} numbers, has {}",
                    columns.len(),
                    cells.len()
                )
            ),
            t!(
                format!("依次填写：{}", columns.join("、")),
                format!("give them in the order: {}", columns.join(", "))
            ),
        ));
        return None;
    }
    let mut ok = true;
    for (cell, column) in cells.iter().zip(columns) {
        if *cell.get_ref() < 0 {
            ok = false;
            ds.push(file.error(
                file.line_of(cell),
                t!(
                    format!("{name}“{column}”列是 {}：件数不能为负", cell.get_ref()),
                    format!(
                        "{name}, column “{column}” is {}: a count cannot be negative",
                        cell.get_ref()
                    )
                ),
                t!("填写 0 或正整数", "write 0 or a positive whole number"),
            ));
        }
    }
    ok.then(|| Counts {
        values: cells.iter().map(|c| *c.get_ref()).collect(),
        lines: cells.iter().map(|c| file.line_of(c)).collect(),
    })
}
