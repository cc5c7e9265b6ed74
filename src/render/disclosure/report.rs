//! The `report` value of `annual-report.html`: prose as HTML, the three
//! tables as rows ready for the national layout, labels from `form`.

use serde::Serialize;
use tera::Value;

use super::{Link, Prose};
use crate::diagnostic::Diagnostic;
use crate::model::annual_report::form::{self, Part};
use crate::model::annual_report::{AnnualReport, Cell, Counts};
use crate::render::values::{Values, iso};

#[derive(Serialize)]
struct Report<'a> {
    year: i16,
    title: &'a str,
    organ: &'a str,
    description: Option<&'a str>,
    path: String,
    permalink: String,
    source: &'a str,
    date: Option<String>,
    ancestors: Vec<Link>,
    sections: [&'static str; 6],
    text: Text,
    table2: Table2,
    table3: Table3,
    table4: Table4,
    csv: Csv,
}

#[derive(Serialize)]
struct Text {
    intro: Option<String>,
    general: Option<String>,
    proactive: Option<String>,
    applications: Option<String>,
    appeals: Option<String>,
    problems: Option<String>,
    other: Option<String>,
}

#[derive(Serialize)]
struct Table2 {
    rules: [Cell2; 3],
    normative: [Cell2; 3],
    licensing: Option<i64>,
    punishment: Option<i64>,
    coercion: Option<i64>,
    fees: Option<String>,
    /// Whether any count was computed from the site's documents.
    computed: bool,
    doc_columns: [&'static str; 3],
}

#[derive(Serialize)]
struct Cell2 {
    value: i64,
    computed: bool,
}

#[derive(Serialize)]
struct Table3 {
    note: &'static str,
    applicants: &'static str,
    organisations: &'static str,
    result: &'static str,
    result_rows: usize,
    columns: [&'static str; 7],
    rows: Vec<Row3>,
}

#[derive(Serialize)]
struct Row3 {
    key: &'static str,
    label: &'static str,
    /// 一、二、四: the label spans the three label columns.
    top: bool,
    /// The first row of 三、本年度办理结果.
    result_first: bool,
    /// （三）不予公开 … for reason rows.
    group: Option<&'static str>,
    group_first: bool,
    group_rows: usize,
    values: Vec<i64>,
}

#[derive(Serialize)]
struct Table4 {
    columns: [&'static str; 5],
    review: &'static str,
    litigation: &'static str,
    direct: &'static str,
    after_review: &'static str,
    /// The fifteen counts in the order of the national layout.
    values: Vec<i64>,
}

#[derive(Serialize)]
struct Csv {
    table2: String,
    table3: String,
    table4: String,
}

pub(super) fn value(md: &Prose<'_>, r: &AnnualReport, ds: &mut Vec<Diagnostic>) -> Value {
    let file = &*r.file;
    let p = &file.data.text;
    let mut html = |v| md.html(file, v, ds);
    let text = Text {
        intro: html(&p.intro),
        general: html(&p.general),
        proactive: html(&p.proactive),
        applications: html(&p.applications),
        appeals: html(&p.appeals),
        problems: html(&p.problems),
        other: html(&p.other),
    };
    let fields = Report {
        year: r.year,
        title: &r.title,
        organ: &r.organ,
        description: crate::load::data::text(&file.data.description),
        path: md.values.href(&r.path),
        permalink: Values::permalink(md.site, &r.path),
        source: &file.rel,
        date: iso(&r.date),
        ancestors: md.ancestors(&r.path),
        sections: form::SECTIONS,
        text,
        table2: table2(r),
        table3: table3(r),
        table4: table4(r),
        csv: Csv {
            table2: md.values.href(&r.csv_path(2)),
            table3: md.values.href(&r.csv_path(3)),
            table4: md.values.href(&r.csv_path(4)),
        },
    };
    Value::from_serializable(&fields)
}

fn table2(r: &AnnualReport) -> Table2 {
    let t = &r.table2;
    let cells = |row: &[Cell; 3]| {
        row.map(|c| Cell2 {
            value: c.value,
            computed: c.computed,
        })
    };
    Table2 {
        rules: cells(&t.rules),
        normative: cells(&t.normative),
        licensing: t.licensing,
        punishment: t.punishment,
        coercion: t.coercion,
        fees: t.fees.map(format_fee),
        computed: t.rules.iter().chain(&t.normative).any(|c| c.computed),
        doc_columns: form::TABLE2_DOC_COLUMNS,
    }
}

/// 万元 with up to four decimals, no trailing zeros (`1286.45`, `0`).
pub fn format_fee(fee: f64) -> String {
    let text = format!("{fee:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn table3(r: &AnnualReport) -> Table3 {
    let rows = form::TABLE3_ROWS
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            let group_rows = form::TABLE3_ROWS
                .iter()
                .filter(|o| spec.group.is_some() && o.group == spec.group)
                .count();
            Row3 {
                key: spec.key,
                label: spec.label,
                top: spec.part == Part::Top,
                result_first: spec.part == Part::Result
                    && form::TABLE3_ROWS[i - 1].part == Part::Top,
                group: spec.group,
                group_first: spec.group.is_some() && form::TABLE3_ROWS[i - 1].group != spec.group,
                group_rows,
                values: values(&r.table3[i], 7),
            }
        })
        .collect();
    Table3 {
        note: form::TABLE3_NOTE,
        applicants: form::TABLE3_APPLICANTS,
        organisations: form::TABLE3_ORGANISATIONS,
        result: form::TABLE3_RESULT,
        result_rows: form::TABLE3_ROWS
            .iter()
            .filter(|r| r.part == Part::Result)
            .count(),
        columns: form::TABLE3_COLUMNS,
        rows,
    }
}

fn table4(r: &AnnualReport) -> Table4 {
    Table4 {
        columns: form::TABLE4_COLUMNS,
        review: form::TABLE4_REVIEW,
        litigation: form::TABLE4_LITIGATION,
        direct: form::TABLE4_ROWS[1].1,
        after_review: form::TABLE4_ROWS[2].1,
        values: r.table4.iter().flat_map(|c| values(c, 5)).collect(),
    }
}

/// A row's numbers; zeros for a row that failed its checks (such a build
/// has errors and writes nothing).
fn values(counts: &Option<Counts>, n: usize) -> Vec<i64> {
    counts
        .as_ref()
        .map_or_else(|| vec![0; n], |c| c.values.clone())
}
