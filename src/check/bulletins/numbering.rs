//! 第N期 restarts each year per series (and per sub-series); supplements are
//! numbered apart; 总第N期, when the series keeps it, rises by exactly one
//! from issue to issue. Gaps and duplicates name both files.

use std::collections::BTreeMap;

use super::{NUMBER, TOTAL, at_key, file, series_title};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::load::Source;
use crate::model::bulletin::issue_label;
use crate::model::bulletin::{Bulletins, Issue};
use crate::t;

type Model = Bulletins<usize, usize>;
/// One numbering sequence: year, sub-series, supplement.
type Sequence<'a> = (i16, Option<&'a str>, bool);

pub fn check(config: &Config, model: &Model, sources: &[Source]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (s, series) in model.series.iter().enumerate() {
        let title = series_title(config, &series.key);
        let issues: Vec<&Issue<usize, usize>> = model
            .series_issues(s)
            .into_iter()
            .map(|at| model.issue(at))
            .collect();
        out.extend(yearly(&title, &issues, sources));
        let keeps = config.series[&series.key].running_number == Some(true);
        out.extend(running(&title, &series.key, keeps, &issues, sources));
    }
    out
}

/// One numbering sequence: a year of a series, sub-series, supplements.
fn yearly(title: &str, issues: &[&Issue<usize, usize>], sources: &[Source]) -> Vec<Diagnostic> {
    let mut groups: BTreeMap<Sequence, Vec<(u32, &Source)>> = BTreeMap::new();
    for issue in issues {
        if let Some(n) = issue.number {
            let key = (issue.year, issue.sub_series.as_deref(), issue.supplement);
            groups
                .entry(key)
                .or_default()
                .push((n, &sources[issue.handle]));
        }
    }
    let mut out = Vec::new();
    for ((year, sub, supplement), mut list) in groups {
        list.sort_by(|a, b| (a.0, &a.1.rel).cmp(&(b.0, &b.1.rel)));
        let sequence = format!(
            "{title}{year}年{}",
            sub.map_or(String::new(), |s| format!("（{s}）"))
        );
        let label = |n: u32| issue_label(supplement, Some(n));
        let (first, first_source) = list[0];
        if first != 1 {
            out.push(at_key(
                first_source,
                NUMBER,
                t!(
                    format!(
                        "{sequence}的期号应从{}起，而最早的一期是{}",
                        label(1),
                        label(first)
                    ),
                    format!(
                        "{sequence} must start at {}, but the first issue is {}",
                        label(1),
                        label(first)
                    )
                ),
                t!(
                    format!(
                        "补上{}至{}，或更正本期的 number",
                        label(1),
                        label(first - 1)
                    ),
                    format!(
                        "add {} to {}, or correct this issue's number",
                        label(1),
                        label(first - 1)
                    )
                ),
            ));
        }
        for pair in list.windows(2) {
            let ((a, a_src), (b, b_src)) = (pair[0], pair[1]);
            if b == a {
                out.push(at_key(
                    b_src,
                    NUMBER,
                    t!(
                        format!(
                            "{sequence}{} 重复：{} 也是{}",
                            label(b),
                            file(a_src),
                            label(a)
                        ),
                        format!(
                            "{sequence} {} is a duplicate: {} is {} too",
                            label(b),
                            file(a_src),
                            label(a)
                        )
                    ),
                    t!(
                        "每期的期号只能用一次：更正其中一期的 number（和目录名）",
                        "each number is used once: correct the number (and folder) of one of them"
                    ),
                ));
            } else if b > a + 1 {
                let missing = if b == a + 2 {
                    label(a + 1)
                } else {
                    format!("{}至{}", label(a + 1), label(b - 1))
                };
                out.push(at_key(
                    b_src,
                    NUMBER,
                    t!(
                        format!(
                            "{sequence}期号不连续：{}（上一期 {}）与{}之间缺少{missing}",
                            label(a),
                            file(a_src),
                            label(b)
                        ),
                        format!(
                            "{sequence} has a gap: {missing} is missing between {} ({}) and {}",
                            label(a),
                            file(a_src),
                            label(b)
                        )
                    ),
                    t!(
                        format!("补上{missing}，或更正本期的 number（和目录名）"),
                        format!("add {missing}, or correct this issue's number (and folder)")
                    ),
                ));
            }
        }
    }
    out
}

/// 总第N期: required and consecutive when the series keeps it, absent
/// otherwise; never on a supplement.
fn running(
    title: &str,
    key: &str,
    keeps: bool,
    issues: &[&Issue<usize, usize>],
    sources: &[Source],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut streams: BTreeMap<Option<&str>, Vec<&Issue<usize, usize>>> = BTreeMap::new();
    for issue in issues {
        let source = &sources[issue.handle];
        match (issue.total_number, issue.supplement, keeps) {
            (Some(_), true, _) => out.push(at_key(
                source,
                TOTAL,
                t!("增刊单独编号，不计总期号（total_number）", "a supplement is numbered apart and has no running number"),
                t!("删除本期的 total_number", "remove total_number from this issue"),
            )),
            (Some(_), false, false) => out.push(at_key(
                source,
                TOTAL,
                t!(
                    format!("{title}没有声明记总期号，本期却写了 total_number"),
                    format!("{title} does not keep a running number, but this issue has total_number")
                ),
                t!(
                    format!("在 gazette.toml 的 [series.{key}] 中加 running_number = true，或删除 total_number"),
                    format!("add running_number = true to [series.{key}] in gazette.toml, or remove total_number")
                ),
            )),
            (None, false, true) if issue.number.is_some() => out.push(at_key(
                source,
                NUMBER,
                t!(
                    format!("{title}记总期号（running_number = true），本期缺少总期号（total_number）"),
                    format!("{title} keeps a running number (running_number = true); this issue has no total_number")
                ),
                t!("加上 total_number = N（总第N期）", "add total_number = N (总第N期)"),
            )),
            (Some(_), false, true) if issue.number.is_some() => {
                streams.entry(issue.sub_series.as_deref()).or_default().push(issue)
            }
            _ => {}
        }
    }
    for mut stream in streams.into_values() {
        stream.sort_by_key(|i| (i.year, i.number, sources[i.handle].rel.clone()));
        for pair in stream.windows(2) {
            out.extend(consecutive(title, pair[0], pair[1], sources));
        }
    }
    out
}

fn consecutive(
    title: &str,
    a: &Issue<usize, usize>,
    b: &Issue<usize, usize>,
    sources: &[Source],
) -> Option<Diagnostic> {
    let (ta, tb) = (a.total_number?, b.total_number?);
    if tb == ta + 1 {
        return None;
    }
    let (a_src, b_src) = (&sources[a.handle], &sources[b.handle]);
    let which = |i: &Issue<usize, usize>| format!("{}年{}", i.year, issue_label(false, i.number));
    Some(at_key(
        b_src,
        TOTAL,
        t!(
            format!(
                "{title}{}为总第{tb}期，与上一期 {}（{}，总第{ta}期）不连续：应为总第{}期",
                which(b),
                file(a_src),
                which(a),
                ta + 1
            ),
            format!(
                "{title} {} is running number {tb}, which does not follow the previous issue {} ({}, running number {ta}): it should be {}",
                which(b),
                file(a_src),
                which(a),
                ta + 1
            )
        ),
        t!(
            "总期号按年份和期号顺序逐期加一（增刊除外）：更正两期中错的那一期",
            "running numbers rise by one per issue in year and number order (supplements excluded): correct the wrong one of the two"
        ),
    ))
}
