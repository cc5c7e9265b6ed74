//! CSV exports of the annual report's tables, with the labels of the
//! national format (written by `render::csv`).

use super::report::format_fee;
use crate::model::annual_report::form;
use crate::model::annual_report::{AnnualReport, Cell};

pub fn table(report: &AnnualReport, n: u8) -> String {
    let rows = match n {
        2 => table2(report),
        3 => table3(report),
        _ => table4(report),
    };
    let mut out = crate::render::csv::Csv::new();
    for row in rows {
        out.record(row);
    }
    out.finish()
}

/// Long form: one line per figure, with where it came from.
fn table2(r: &AnnualReport) -> Vec<Vec<String>> {
    let t = &r.table2;
    let mut rows = vec![vec![
        "条款".into(),
        form::TABLE2_ITEM.into(),
        "指标".into(),
        "数值".into(),
        "数据来源".into(),
    ]];
    let source = |computed: bool| {
        if computed {
            "本站文件统计"
        } else {
            "填报"
        }
    };
    for (label, cells) in [(form::RULES, &t.rules), (form::NORMATIVE, &t.normative)] {
        for (column, cell) in form::TABLE2_DOC_COLUMNS.iter().zip(cells.iter()) {
            let Cell { value, computed } = *cell;
            rows.push(vec![
                form::TABLE2_ART_1.into(),
                label.into(),
                (*column).into(),
                value.to_string(),
                source(computed).into(),
            ]);
        }
    }
    let decisions = [
        (form::TABLE2_ART_5, form::LICENSING, t.licensing),
        (form::TABLE2_ART_6, form::PUNISHMENT, t.punishment),
        (form::TABLE2_ART_6, form::COERCION, t.coercion),
    ];
    for (article, label, value) in decisions {
        let value = value.map(|v| v.to_string()).unwrap_or_default();
        rows.push(vec![
            article.into(),
            label.into(),
            form::TABLE2_DECISIONS.into(),
            value,
            source(false).into(),
        ]);
    }
    let fees = t.fees.map(format_fee).unwrap_or_default();
    rows.push(vec![
        form::TABLE2_ART_8.into(),
        form::FEES.into(),
        form::TABLE2_FEES.into(),
        fees,
        source(false).into(),
    ]);
    rows
}

fn table3(r: &AnnualReport) -> Vec<Vec<String>> {
    let mut header = vec!["项目".to_string()];
    for (i, column) in form::TABLE3_COLUMNS.iter().enumerate() {
        header.push(if (1..=5).contains(&i) {
            format!("{}：{column}", form::TABLE3_ORGANISATIONS)
        } else {
            (*column).to_string()
        });
    }
    let mut rows = vec![header];
    for (spec, counts) in form::TABLE3_ROWS.iter().zip(&r.table3) {
        let mut row = vec![form::table3_full_label(spec)];
        row.extend(
            counts
                .iter()
                .flat_map(|c| c.values.iter().map(i64::to_string)),
        );
        rows.push(row);
    }
    rows
}

fn table4(r: &AnnualReport) -> Vec<Vec<String>> {
    let mut header = vec!["类别".to_string()];
    header.extend(form::TABLE4_COLUMNS.iter().map(|c| c.to_string()));
    let mut rows = vec![header];
    for (i, counts) in r.table4.iter().enumerate() {
        let mut row = vec![form::table4_full_label(i)];
        row.extend(
            counts
                .iter()
                .flat_map(|c| c.values.iter().map(i64::to_string)),
        );
        rows.push(row);
    }
    rows
}
