//! The sums of the annual report's tables (2021 national format), each
//! broken one an error naming the data file, the line, the table, the row
//! and the column:
//! - table 三, per column: 一 + 二 = 三（七） + 四; （七） = （一）+（二）+ every
//!   reason row of （三）…（六）; this year's 二 = last year's 四 when last
//!   year's report exists;
//! - table 三, per row: 总计 = 自然人 + the five 法人或其他组织 columns;
//! - table 四, per row: 总计 = the four results.

use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::model::annual_report::form::{self, Part, TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS};
use crate::model::annual_report::{AnnualReport, Counts};
use crate::t;

const RULE: &str = "annual-report";

pub fn check(site: &Site) -> Vec<Diagnostic> {
    let reports = &site.disclosure.reports;
    let mut out = Vec::new();
    for (i, report) in reports.iter().enumerate() {
        out.extend(row_totals(report));
        out.extend(column_sums(report));
        let previous = i
            .checked_sub(1)
            .map(|p| &reports[p])
            .filter(|p| p.year + 1 == report.year);
        if let Some(previous) = previous {
            out.extend(carried_over(report, previous));
        }
    }
    out
}

fn error(report: &AnnualReport, line: usize, message: String, hint: String) -> Diagnostic {
    report.file.error(line, message, hint).rule(RULE)
}

fn row<'a>(report: &'a AnnualReport, key: &str) -> Option<&'a Counts> {
    report.table3[form::table3_index(key)].as_ref()
}

/// 总计 column of table 三 and of table 四.
fn row_totals(report: &AnnualReport) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let t3 = TABLE3_ROWS
        .iter()
        .zip(&report.table3)
        .map(|(spec, counts)| {
            (
                t!(
                    format!("表三“{}”行", form::table3_full_label(spec)),
                    format!("table 三, row “{}”", form::table3_full_label(spec))
                ),
                counts,
                &TABLE3_COLUMNS[..],
            )
        });
    let t4 = report.table4.iter().enumerate().map(|(i, counts)| {
        (
            t!(
                format!("表四“{}”行", form::table4_full_label(i)),
                format!("table 四, row “{}”", form::table4_full_label(i))
            ),
            counts,
            &TABLE4_COLUMNS[..],
        )
    });
    for (name, counts, columns) in t3.chain(t4) {
        let Some(c) = counts else { continue };
        let last = c.values.len() - 1;
        let sum: i64 = c.values[..last].iter().sum();
        if c.values[last] != sum {
            let parts = columns[..last].join(t!("、", ", ").as_str());
            out.push(error(
                report,
                c.lines[last],
                t!(
                    format!(
                        "{name}“{}”列是 {}，但 {parts} 之和是 {sum}",
                        columns[last], c.values[last]
                    ),
                    format!(
                        "{name}, column “{}” is {}, but {parts} add up to {sum}",
                        columns[last], c.values[last]
                    )
                ),
                t!(
                    format!("核对这一行；若各列无误，总计应为 {sum}"),
                    format!("check the row; if its columns are right, the total is {sum}")
                ),
            ));
        }
    }
    out
}

/// Per column of table 三: （七） is the sum of the results, and
/// 一 + 二 = （七） + 四.
fn column_sums(report: &AnnualReport) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let total = row(report, "total");
    let results: Vec<&Counts> = TABLE3_ROWS
        .iter()
        .zip(&report.table3)
        .filter(|(spec, _)| spec.part == Part::Result && spec.key != "total")
        .filter_map(|(_, c)| c.as_ref())
        .collect();
    let all_results = results.len()
        == TABLE3_ROWS
            .iter()
            .filter(|r| r.part == Part::Result)
            .count()
            - 1;
    for (col, column) in TABLE3_COLUMNS.iter().enumerate() {
        if let Some(total) = total
            && all_results
        {
            let sum: i64 = results.iter().map(|c| c.values[col]).sum();
            if total.values[col] != sum {
                out.push(error(
                    report,
                    total.lines[col],
                    t!(
                        format!("表三“（七）总计”行“{column}”列是 {}，但（一）至（六）各行之和是 {sum}", total.values[col]),
                        format!("table 三, row “（七）总计”, column “{column}” is {}, but rows （一） to （六） add up to {sum}", total.values[col])
                    ),
                    t!(
                        "（七）总计等于予以公开、部分公开和（三）至（六）各项理由之和",
                        "（七） is the sum of （一）, （二） and every reason row of （三） to （六）"
                    ),
                ));
            }
        }
        let (Some(new), Some(over), Some(total), Some(forward)) = (
            row(report, "new"),
            row(report, "carried_over"),
            total,
            row(report, "carried_forward"),
        ) else {
            continue;
        };
        let (a, b) = (
            new.values[col] + over.values[col],
            total.values[col] + forward.values[col],
        );
        if a != b {
            out.push(error(
                report,
                forward.lines[col],
                t!(
                    format!("表三“{column}”列不平衡：一（{}）加二（{}）为 {a}，三（七）总计（{}）加四（{}）为 {b}", new.values[col], over.values[col], total.values[col], forward.values[col]),
                    format!("table 三, column “{column}” does not balance: 一 ({}) + 二 ({}) = {a}, 三（七） ({}) + 四 ({}) = {b}", new.values[col], over.values[col], total.values[col], forward.values[col])
                ),
                t!(
                    "本年新收加上年结转，应等于本年办理完毕加结转下年度：核对这四行的这一列",
                    "new plus carried over must equal handled plus carried forward: check this column of the four rows"
                ),
            ));
        }
    }
    out
}

/// This year's 二 is last year's 四, column by column.
fn carried_over(report: &AnnualReport, previous: &AnnualReport) -> Vec<Diagnostic> {
    let (Some(now), Some(before)) = (
        row(report, "carried_over"),
        row(previous, "carried_forward"),
    ) else {
        return Vec::new();
    };
    TABLE3_COLUMNS
        .iter()
        .enumerate()
        .filter(|(col, _)| now.values[*col] != before.values[*col])
        .map(|(col, column)| {
            error(
                report,
                now.lines[col],
                t!(
                    format!(
                        "表三“二、上年结转政府信息公开申请数量”行“{column}”列是 {}，但 {} 年度报告（{}）“四、结转下年度继续办理”是 {}",
                        now.values[col], previous.year, previous.file.rel, before.values[col]
                    ),
                    format!(
                        "table 三, row “二、上年结转政府信息公开申请数量”, column “{column}” is {}, but the {} report ({}) carried {} forward",
                        now.values[col], previous.year, previous.file.rel, before.values[col]
                    )
                ),
                t!(
                    format!("上年结转应等于上一年度报告的结转下年度数：{}", before.values[col]),
                    format!("carried over must equal last year's carried forward: {}", before.values[col])
                ),
            )
        })
        .collect()
}
