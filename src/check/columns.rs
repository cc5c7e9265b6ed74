//! The column report of `gazette check` (an inspection's first questions):
//! for every column (栏目, a section of the site), how many pages it has and
//! the date of the newest, against the column's freshness limit
//! (`[conformance.freshness]`); empty columns; pages without a publish date.
//! Bulletin series, years and issues are numbered publications, not columns,
//! and are left out.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::config::conformance::Limit;
use crate::diagnostic::Diagnostic;
use crate::model::{Section, SectionId, Site};
use crate::t;

pub const RULE: &str = "conformance";

/// One line of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// Folder under `content/`.
    pub dir: String,
    pub title: String,
    pub path: String,
    /// Pages of the column and the columns below it.
    pub pages: usize,
    pub newest: Option<jiff::civil::Date>,
    pub limit: Option<Limit>,
    pub status: Status,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Updated within its limit.
    Fresh,
    /// Its newest page is older than its limit allows, by this many days.
    Stale { days: i64 },
    /// No page at all.
    Empty,
    /// Pages, but no limit applies.
    Unlimited,
}

/// The report and its findings (warnings: the build is fine, the site
/// would fail an inspection).
pub fn report(
    site: &Site,
    limits: &BTreeMap<String, Limit>,
    today: jiff::civil::Date,
) -> (Vec<Column>, Vec<Diagnostic>) {
    let numbered = bulletin_folders(site);
    let mut columns = Vec::new();
    let mut out = Vec::new();
    for section in &site.sections {
        if section.id == SectionId::ROOT || numbered.contains(&section.id) {
            continue;
        }
        let (pages, newest) = tally(site, section.id);
        let limit = limit_of(&section.dir, limits);
        let status = match (pages, newest, limit) {
            (0, _, _) => Status::Empty,
            (_, Some(newest), Some(limit)) if limit.until(newest) < today => Status::Stale {
                days: (today - limit.until(newest)).get_days().into(),
            },
            (_, _, Some(_)) => Status::Fresh,
            (_, _, None) => Status::Unlimited,
        };
        if let Some(d) = finding(section, status, newest, limit, today) {
            out.push(d);
        }
        columns.push(Column {
            dir: section.dir.clone(),
            title: section.title.clone(),
            path: section.path.clone(),
            pages,
            newest,
            limit,
            status,
        });
    }
    out.extend(undated(site, &numbered));
    (columns, out)
}

/// Sections that are bulletin series, years or issues.
fn bulletin_folders(site: &Site) -> HashSet<SectionId> {
    let mut set: HashSet<SectionId> = site.bulletins.issues().map(|(_, i)| i.handle).collect();
    set.extend(
        site.sections
            .iter()
            .filter(|s| site.bulletins.folder(&s.dir).is_some())
            .map(|s| s.id),
    );
    set
}

/// Pages of a section and all below it, and the newest publish date.
fn tally(site: &Site, id: SectionId) -> (usize, Option<jiff::civil::Date>) {
    let section = site.section(id);
    let mut pages = section.pages.len();
    let mut newest = section
        .pages
        .iter()
        .filter_map(|p| site.page(*p).date.as_ref().map(jiff::Zoned::date))
        .max();
    for child in &section.children {
        let (n, d) = tally(site, *child);
        pages += n;
        newest = newest.max(d);
    }
    (pages, newest)
}

/// The limit of the nearest folder, this one or an ancestor, with one.
fn limit_of(dir: &str, limits: &BTreeMap<String, Limit>) -> Option<Limit> {
    let mut dir = dir;
    loop {
        if let Some(limit) = limits.get(dir) {
            return Some(*limit);
        }
        dir = dir.rsplit_once('/')?.0;
    }
}

fn finding(
    section: &Section,
    status: Status,
    newest: Option<jiff::civil::Date>,
    limit: Option<Limit>,
    today: jiff::civil::Date,
) -> Option<Diagnostic> {
    let title = &section.title;
    let diagnostic = match status {
        Status::Empty => Diagnostic::warning(t!(
            format!("栏目“{title}”没有任何信息（空白栏目）"),
            format!("column “{title}” has no page (an empty column)")
        ))
        .with_hint(t!(
            "检查时空白栏目不合格：发布信息，或删除该栏目并从菜单中去掉",
            "inspections fail empty columns: publish in it, or remove it and its menu entry"
        )),
        Status::Stale { days } => {
            let newest = newest?;
            let limit = limit?.label();
            let ago = (today - newest).get_days();
            Diagnostic::warning(t!(
                format!("栏目“{title}”最近一次更新是 {newest}（{ago} 天前），超过更新时限 {limit} 已 {days} 天"),
                format!("column “{title}” was last updated on {newest} ({ago} days ago), {days} days past its limit of {limit}")
            ))
            .with_hint(t!(
                "发布新信息；时限在 gazette.toml 的 [conformance.freshness] 中按栏目目录设置",
                "publish something new; limits are set per column folder in [conformance.freshness] of gazette.toml"
            ))
        }
        Status::Fresh | Status::Unlimited => return None,
    };
    let file = match &section.source {
        Some(s) => format!("content/{}", s.rel),
        None => format!("content/{}", section.dir),
    };
    Some(diagnostic.rule(RULE).in_file(file).at_line(1))
}

/// Every page outside the bulletins without a publish date.
fn undated(site: &Site, numbered: &HashSet<SectionId>) -> Vec<Diagnostic> {
    site.pages
        .iter()
        .filter(|p| p.date.is_none() && !numbered.contains(&p.section))
        .map(|p| {
            Diagnostic::warning(t!(
                format!("“{}”没有发布日期", p.title()),
                format!("“{}” has no publish date", p.title())
            ))
            .rule(RULE)
            .in_file(format!("content/{}", p.source.rel))
            .at_line(1)
            .with_source(p.source.text.clone())
            .with_hint(t!(
                "检查时没有发布日期的页面不合格：在前置元数据中加上 date = 2024-03-05",
                "inspections fail pages without a publish date: add date = 2024-03-05 to the front matter"
            ))
        })
        .collect()
}
