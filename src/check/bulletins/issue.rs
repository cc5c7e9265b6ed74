//! One issue's own keys and folder: a declared series and sub-series, a
//! number and a date that agree with the folder `<year>/<number>/`, a
//! boolean `supplement`, a distribution of 报/送/发, a positive `copies`.

use std::collections::BTreeMap;

use super::{DATE, NUMBER, SERIES, at_key, file, series_title};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::load::Source;
use crate::model::bulletin::{DISTRIBUTION_KEYS, FolderKind, IssueFolder, issue_label};
use crate::t;

const SUB_SERIES: &[&str] = &["sub_series", "刊别", "子刊"];
const SUPPLEMENT: &[&str] = &["supplement", "增刊"];
const DISTRIBUTION: &[&str] = &["distribution", "发送范围"];
const COPIES: &[&str] = &["copies", "印数"];

pub fn check(config: &Config, source: &Source) -> Vec<Diagnostic> {
    let front = &source.front;
    let Some(key) = front.series.as_deref() else {
        return Vec::new();
    };
    let Some(series) = config.series.get(key) else {
        let known: Vec<&str> = config.series.keys().map(String::as_str).collect();
        return vec![at_key(
            source,
            SERIES,
            t!(
                format!("刊物 “{key}” 未在 gazette.toml 中声明"),
                format!("the series “{key}” is not declared in gazette.toml")
            ),
            if known.is_empty() {
                t!(
                    format!("在 gazette.toml 中声明：[series.{key}] name = \"刊物名称\""),
                    format!("declare it in gazette.toml: [series.{key}] name = \"title\"")
                )
            } else {
                t!(
                    format!("已声明的刊物：{}", known.join("、")),
                    format!("declared series: {}", known.join(", "))
                )
            },
        )];
    };
    let mut out = Vec::new();
    if let Some(sub) = front.sub_series.as_deref()
        && !series.sub_series.iter().any(|s| s.trim() == sub.trim())
    {
        out.push(at_key(
            source,
            SUB_SERIES,
            t!(
                format!("{}没有声明子刊 “{sub}”", series_title(config, key)),
                format!("{} declares no sub-series “{sub}”", series_title(config, key))
            ),
            if series.sub_series.is_empty() {
                t!(
                    format!("该刊物没有子刊：删除 sub_series，或在 [series.{key}] 中加 sub_series = [\"{sub}\"]"),
                    format!("the series has no sub-series: remove sub_series, or add sub_series = [\"{sub}\"] to [series.{key}]")
                )
            } else {
                t!(
                    format!("已声明的子刊：{}", series.sub_series.join("、")),
                    format!("declared sub-series: {}", series.sub_series.join(", "))
                )
            },
        ));
    }
    if let Some(value) = &front.supplement
        && !value.is_boolean()
    {
        out.push(at_key(
            source,
            SUPPLEMENT,
            t!(
                format!("增刊（supplement）只能是 true 或 false，而不是 {value}"),
                format!("supplement must be true or false, not {value}")
            ),
            t!(
                "增刊写 supplement = true，期号写在 number 中，目录名为 zk<期号>（如 2024/zk1/）",
                "write supplement = true with its own number, in a folder zk<number> (e.g. 2024/zk1/)"
            ),
        ));
    }
    out.extend(required(source));
    out.extend(folder(source));
    out.extend(distribution(source));
    out
}

fn required(source: &Source) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if source.front.number.is_none() {
        out.push(at_key(
            source,
            SERIES,
            t!("期缺少期号（number）", "the issue has no number"),
            t!(
                "加上 number = N（第N期，每年从1起）",
                "add number = N (第N期, from 1 each year)"
            ),
        ));
    }
    if source.front.date.is_none() {
        out.push(at_key(
            source,
            SERIES,
            t!("期缺少印发日期（date）", "the issue has no date"),
            t!(
                "加上 date = 2024-03-05：报头右侧印的日期",
                "add date = 2024-03-05: the date printed in the masthead"
            ),
        ));
    }
    out
}

/// The folder `<year>/<number>/` must agree with `date` and `number`.
fn folder(source: &Source) -> Vec<Diagnostic> {
    let front = &source.front;
    let dir = crate::model::bulletin::IssueFolder::of(&source.rel);
    let Some((folder, year, (kind, number))) =
        dir.and_then(|f| Some((f.clone(), f.year()?, f.number()?)))
    else {
        let dir = source.rel.trim_end_matches("_index.md");
        return vec![at_key(
            source,
            SERIES,
            t!(
                format!("期的目录 content/{dir} 不是 <刊物目录>/<年份>/<期号>/ 的形式"),
                format!("the issue folder content/{dir} is not <series folder>/<year>/<number>/")
            ),
            t!(
                "把本期放到如 content/bulletins/zwxx/2024/3/ 的目录中；增刊的目录为 zk<期号>，如 2024/zk1/",
                "put the issue in a folder like content/bulletins/zwxx/2024/3/; a supplement in zk<number>, e.g. 2024/zk1/"
            ),
        )];
    };
    let mut out = Vec::new();
    if let Some(date) = front.date
        && date.date().year() != year
    {
        out.push(at_key(
            source,
            DATE,
            t!(
                format!(
                    "日期 {} 与所在年份目录 {}/ 不一致",
                    date.date(),
                    folder.year_name
                ),
                format!(
                    "the date {} disagrees with the year folder {}/",
                    date.date(),
                    folder.year_name
                )
            ),
            t!(
                "更正日期，或把本期移到对应年份的目录",
                "correct the date, or move the issue to the folder of its year"
            ),
        ));
    }
    let declared = FolderKind::of(source);
    if let Some(n) = front.number
        && (declared, n) != (kind, number)
    {
        let label = issue_label(declared == FolderKind::Supplement, Some(n));
        let expected = match declared {
            FolderKind::Regular => n.to_string(),
            FolderKind::Supplement => format!("zk{n}"),
            FolderKind::SubSeries => format!("{}{n}", front.sub_series.as_deref().unwrap_or("")),
        };
        out.push(at_key(
            source,
            NUMBER,
            t!(
                format!("{label}与所在目录 {}/ 不一致", folder.number_name),
                format!("{label} disagrees with its folder {}/", folder.number_name)
            ),
            t!(
                format!("本期的目录应为 {}/{expected}/（普刊用期号，增刊用 zk加期号，子刊用子刊名加期号）：更正 number，或重命名目录", folder.year_name),
                format!("the issue's folder should be {}/{expected}/ (the number; zk and the number for a supplement; the sub-series and the number for a sub-series): correct number, or rename the folder", folder.year_name)
            ),
        ));
    }
    out
}

fn distribution(source: &Source) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let bad: Vec<&str> = source
        .front
        .distribution
        .iter()
        .flat_map(|d| d.keys())
        .map(String::as_str)
        .filter(|k| !DISTRIBUTION_KEYS.contains(k))
        .collect();
    if !bad.is_empty() {
        out.push(at_key(
            source,
            DISTRIBUTION,
            t!(
                format!("发送范围（distribution）中的 “{}” 无法识别", bad.join("、")),
                format!("distribution has unknown lines “{}”", bad.join(", "))
            ),
            t!(
                "只能是 报（上级）、送（同级和领导）、发（下级）：distribution = { 报 = [...], 送 = [...], 发 = [...] }",
                "use 报 (superiors), 送 (peers and leaders), 发 (subordinates): distribution = { 报 = [...], 送 = [...], 发 = [...] }"
            ),
        ));
    }
    if source.front.copies == Some(0) {
        out.push(at_key(
            source,
            COPIES,
            t!("印数（copies）不能为 0", "copies cannot be 0"),
            t!(
                "写实际印数，如 copies = 60（报尾印“共印60份”），或删除这一行",
                "write the number printed, e.g. copies = 60 (共印60份), or remove the line"
            ),
        ));
    }
    out
}

/// All issues of a series live under one series folder.
pub fn homes<'a>(config: &Config, issues: impl Iterator<Item = &'a Source>) -> Vec<Diagnostic> {
    let mut first: BTreeMap<&str, (String, &Source)> = BTreeMap::new();
    let mut out = Vec::new();
    let mut issues: Vec<&Source> = issues.collect();
    issues.sort_by(|a, b| a.rel.cmp(&b.rel));
    for source in issues {
        let (Some(key), Some(folder)) =
            (source.front.series.as_deref(), IssueFolder::of(&source.rel))
        else {
            continue;
        };
        if !config.series.contains_key(key) {
            continue;
        }
        let (home, other) = first.entry(key).or_insert((folder.home.clone(), source));
        if *home != folder.home {
            out.push(at_key(
                source,
                SERIES,
                t!(
                    format!(
                        "{}的各期应在同一个刊物目录下：本期在 content/{}/，而 {} 在 content/{}/",
                        series_title(config, key),
                        folder.home,
                        file(other),
                        home
                    ),
                    format!(
                        "the issues of {} belong in one series folder: this one is in content/{}/, but {} is in content/{}/",
                        series_title(config, key),
                        folder.home,
                        file(other),
                        home
                    )
                ),
                t!(
                    format!("把本期移到 content/{home}/<年份>/<期号>/，或更正 series"),
                    format!("move this issue to content/{home}/<year>/<number>/, or correct series")
                ),
            ));
        }
    }
    out
}
