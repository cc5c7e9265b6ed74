//! Table 二 (主动公开政府信息情况): the 规章 and 行政规范性文件 rows come
//! from the data file where given, else from the site's documents; the
//! decision counts and the fee total must be given.

use toml::Spanned;

use super::documents;
use super::form;
use crate::diagnostic::Diagnostic;
use crate::load::data::DataFile;
use crate::load::data::annual_report::{Count, DocCounts, ReportData};
use crate::load::front::DocKind;
use crate::model::Site;
use crate::t;

/// A count and whether the build computed it from the site's documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub value: i64,
    pub computed: bool,
}

#[derive(Debug, Clone)]
pub struct Table2 {
    /// 本年制发件数, 本年废止件数, 现行有效件数.
    pub rules: [Cell; 3],
    pub normative: [Cell; 3],
    pub licensing: Option<i64>,
    pub punishment: Option<i64>,
    pub coercion: Option<i64>,
    /// 万元.
    pub fees: Option<f64>,
}

pub fn resolve(file: &DataFile<ReportData>, year: i16, site: &Site) -> (Table2, Vec<Diagnostic>) {
    let mut ds = Vec::new();
    let p = &file.data.proactive;
    let rules = doc_row(
        file,
        &p.rules,
        "rules",
        form::RULES,
        documents::count(site, DocKind::Rules, year),
        &mut ds,
    );
    let normative = doc_row(
        file,
        &p.normative,
        "normative",
        form::NORMATIVE,
        documents::count(site, DocKind::Normative, year),
        &mut ds,
    );
    let mut decision =
        |count: &Count, key: &str, label: &str| required_count(file, count, key, label, &mut ds);
    let licensing = decision(&p.licensing, "licensing", form::LICENSING);
    let punishment = decision(&p.punishment, "punishment", form::PUNISHMENT);
    let coercion = decision(&p.coercion, "coercion", form::COERCION);
    let fees = fees(file, &p.fees, &mut ds);
    let table = Table2 {
        rules,
        normative,
        licensing,
        punishment,
        coercion,
        fees,
    };
    (table, ds)
}

fn doc_row(
    file: &DataFile<ReportData>,
    given: &DocCounts,
    key: &str,
    label: &str,
    computed: [i64; 3],
    ds: &mut Vec<Diagnostic>,
) -> [Cell; 3] {
    let cells = [&given.issued, &given.repealed, &given.valid];
    let mut out = [Cell {
        value: 0,
        computed: true,
    }; 3];
    for (i, cell) in cells.iter().enumerate() {
        out[i] = match cell {
            Some(v) if *v.get_ref() >= 0 => Cell {
                value: *v.get_ref(),
                computed: false,
            },
            Some(v) => {
                ds.push(negative(
                    file,
                    v,
                    &format!("proactive.{key}"),
                    label,
                    form::TABLE2_DOC_COLUMNS[i],
                ));
                Cell {
                    value: 0,
                    computed: false,
                }
            }
            None => Cell {
                value: computed[i],
                computed: true,
            },
        };
    }
    out
}

fn required_count(
    file: &DataFile<ReportData>,
    count: &Count,
    key: &str,
    label: &str,
    ds: &mut Vec<Diagnostic>,
) -> Option<i64> {
    match count {
        Some(v) if *v.get_ref() >= 0 => Some(*v.get_ref()),
        Some(v) => {
            ds.push(negative(
                file,
                v,
                &format!("proactive.{key}"),
                label,
                form::TABLE2_DECISIONS,
            ));
            None
        }
        None => {
            ds.push(missing(
                file,
                &format!("proactive.{key}"),
                label,
                form::TABLE2_DECISIONS,
                "0",
            ));
            None
        }
    }
}

fn fees(
    file: &DataFile<ReportData>,
    fees: &Option<Spanned<f64>>,
    ds: &mut Vec<Diagnostic>,
) -> Option<f64> {
    match fees {
        Some(v) if v.get_ref().is_finite() && *v.get_ref() >= 0.0 => Some(*v.get_ref()),
        Some(v) => {
            ds.push(file.error(
                file.line_of(v),
                t!(
                    format!(
                        "表二“{}”行“{}”列是 {}：金额不能为负",
                        form::FEES,
                        form::TABLE2_FEES,
                        v.get_ref()
                    ),
                    format!(
                        "table 二, row “{}”, column “{}” is {}: an amount cannot be negative",
                        form::FEES,
                        form::TABLE2_FEES,
                        v.get_ref()
                    )
                ),
                t!(
                    "填写以万元计的金额，如 fees = 12.5",
                    "give the amount in 10,000 yuan, like fees = 12.5"
                ),
            ));
            None
        }
        None => {
            ds.push(missing(
                file,
                "proactive.fees",
                form::FEES,
                form::TABLE2_FEES,
                "0.0",
            ));
            None
        }
    }
}

fn negative(
    file: &DataFile<ReportData>,
    v: &Spanned<i64>,
    key: &str,
    row: &str,
    column: &str,
) -> Diagnostic {
    file.error(
        file.line_of(v),
        t!(
            format!("表二“{row}”行“{column}”列（{key}）是 {}：件数不能为负", v.get_ref()),
            format!("table 二, row “{row}”, column “{column}” ({key}) is {}: a count cannot be negative", v.get_ref())
        ),
        t!("填写 0 或正整数", "write 0 or a positive whole number"),
    )
}

fn missing(
    file: &DataFile<ReportData>,
    key: &str,
    row: &str,
    column: &str,
    example: &str,
) -> Diagnostic {
    let leaf = key.rsplit('.').next().unwrap_or(key);
    file.error(
        file.table_line("proactive"),
        t!(
            format!("缺少表二“{row}”行“{column}”列（{key}）"),
            format!("table 二, row “{row}”, column “{column}” ({key}) is missing")
        ),
        t!(
            format!("在 [proactive] 下加上 {leaf} = {example}"),
            format!("add {leaf} = {example} under [proactive]")
        ),
    )
}
