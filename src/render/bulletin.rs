//! Template values of the bulletin pages, built once: `bulletin` for a
//! series home, a year and an issue, `item` for an item page. Which
//! template each of them uses is decided here too.

use std::collections::HashMap;

use serde::Serialize;
use tera::Value;

use super::values::Values;
use crate::model::bulletin::{Folder, Issue, IssueRef};
use crate::model::{PageId, SectionId, Site};

type SiteIssue = Issue<SectionId, PageId>;

/// `bulletin` of every series, year and issue section; `item` of every item.
#[derive(Default)]
pub struct BulletinValues {
    pub sections: HashMap<SectionId, Value>,
    pub items: HashMap<PageId, Value>,
}

/// The theme template of a section that is a series home, year or issue.
pub fn section_template(site: &Site, id: SectionId) -> Option<&'static str> {
    if site.bulletins.issue_of(id).is_some() {
        return Some("issue.html");
    }
    match site.bulletins.folder(&site.section(id).dir)? {
        Folder::Home(_) => Some("series.html"),
        Folder::Year(..) => Some("series_year.html"),
    }
}

/// The theme template of a page that is an item of an issue.
pub fn page_template(site: &Site, id: PageId) -> Option<&'static str> {
    site.bulletins.item_of(id).map(|_| "item.html")
}

#[derive(Serialize)]
struct SeriesBrief<'a> {
    key: &'a str,
    name: &'a str,
    unit: Option<&'a str>,
    internal: bool,
    running_number: bool,
    sub_series: &'a [String],
    path: String,
}

#[derive(Serialize)]
struct YearRef {
    year: i16,
    path: String,
    count: usize,
}

#[derive(Serialize)]
struct ItemRef {
    title: String,
    path: String,
}

#[derive(Serialize)]
struct IssueSummary {
    title: String,
    path: String,
    year: i16,
    number: Option<u32>,
    total_number: Option<u32>,
    supplement: bool,
    sub_series: Option<String>,
    date: Option<String>,
    /// `第3期`, `增刊第1期`.
    number_label: String,
    /// `总第103期`, or none.
    total_label: Option<String>,
    /// `2024年第3期`.
    label: String,
    items: Vec<ItemRef>,
}

#[derive(Serialize)]
struct Distribution<'a> {
    label: &'a str,
    units: &'a [String],
}

struct Builder<'a> {
    site: &'a Site,
    values: &'a Values,
    summaries: HashMap<IssueRef, Value>,
    briefs: Vec<Value>,
    dirs: HashMap<&'a str, SectionId>,
}

impl BulletinValues {
    pub fn build(site: &Site, values: &Values) -> BulletinValues {
        let mut b = Builder {
            site,
            values,
            summaries: HashMap::new(),
            briefs: Vec::new(),
            dirs: site
                .sections
                .iter()
                .map(|s| (s.dir.as_str(), s.id))
                .collect(),
        };
        b.briefs = (0..site.bulletins.series.len())
            .map(|s| b.series_brief(s))
            .collect();
        for (at, issue) in site.bulletins.issues() {
            let summary = b.issue_summary(issue);
            b.summaries.insert(at, summary);
        }
        let mut out = BulletinValues::default();
        for section in &site.sections {
            let value = if let Some(at) = site.bulletins.issue_of(section.id) {
                b.issue(at)
            } else {
                match site.bulletins.folder(&section.dir) {
                    Some(Folder::Home(s)) => b.home(s),
                    Some(Folder::Year(s, y)) => b.year(s, y),
                    None => continue,
                }
            };
            out.sections.insert(section.id, value);
        }
        for s in 0..site.bulletins.series.len() {
            b.items(s, &mut out.items);
        }
        out
    }
}

impl Builder<'_> {
    fn series_brief(&self, s: usize) -> Value {
        let series = &self.site.bulletins.series[s];
        let config = &self.site.config.series[&series.key];
        Value::from_serializable(&SeriesBrief {
            key: &series.key,
            name: &config.name,
            unit: config.unit.as_deref(),
            internal: config.audience == Some(crate::load::front::Audience::Internal),
            running_number: config.running_number == Some(true),
            sub_series: &config.sub_series,
            path: self.values.href(&self.section_path(&series.dir)),
        })
    }

    /// Site path of the section of folder `dir`.
    fn section_path(&self, dir: &str) -> String {
        self.dirs
            .get(dir)
            .map_or_else(|| "/".to_string(), |id| self.site.section(*id).path.clone())
    }

    fn issue_summary(&self, issue: &SiteIssue) -> Value {
        let section = self.site.section(issue.handle);
        let number_label = crate::model::bulletin::issue_label(issue.supplement, issue.number);
        let items = issue
            .items
            .iter()
            .map(|id| {
                let page = self.site.page(*id);
                ItemRef {
                    title: page.title().to_string(),
                    path: self.values.href(&page.path),
                }
            })
            .collect();
        Value::from_serializable(&IssueSummary {
            title: section.title.clone(),
            path: self.values.href(&section.path),
            year: issue.year,
            number: issue.number,
            total_number: issue.total_number,
            supplement: issue.supplement,
            sub_series: issue.sub_series.clone(),
            date: issue.date.map(|d| d.to_string()),
            label: format!("{}年{number_label}", issue.year),
            number_label,
            total_label: issue
                .total_number
                .filter(|_| !issue.supplement)
                .map(|n| format!("总第{n}期")),
            items,
        })
    }

    fn years(&self, s: usize) -> Vec<YearRef> {
        let series = &self.site.bulletins.series[s];
        series
            .years
            .iter()
            .rev()
            .map(|y| YearRef {
                year: y.year,
                path: self.values.href(&self.section_path(&y.dir)),
                count: y.issues.len(),
            })
            .collect()
    }

    fn base(&self, kind: &str, s: usize) -> tera::Map {
        let mut map = tera::Map::new();
        map.insert("kind".into(), Value::from(kind));
        map.insert("series".into(), self.briefs[s].clone());
        map.insert("years".into(), Value::from_serializable(&self.years(s)));
        map
    }

    fn home(&self, s: usize) -> Value {
        let mut map = self.base("series", s);
        let mut issues: Vec<Value> = self
            .site
            .bulletins
            .series_issues(s)
            .into_iter()
            .map(|at| self.summaries[&at].clone())
            .collect();
        issues.reverse();
        map.insert(
            "latest".into(),
            issues.first().cloned().unwrap_or_else(Value::none),
        );
        map.insert("issues".into(), Value::from(issues));
        Value::from(map)
    }

    fn year(&self, s: usize, y: usize) -> Value {
        let mut map = self.base("year", s);
        let year = &self.site.bulletins.series[s].years[y];
        map.insert("year".into(), Value::from(year.year));
        let issues: Vec<Value> = (0..year.issues.len())
            .map(|i| {
                self.summaries[&IssueRef {
                    series: s,
                    year: y,
                    issue: i,
                }]
                    .clone()
            })
            .collect();
        map.insert("issues".into(), Value::from(issues));
        Value::from(map)
    }

    fn issue(&self, at: IssueRef) -> Value {
        let mut map = self.base("issue", at.series);
        let issue = self.site.bulletins.issue(at);
        let front = self
            .site
            .section(issue.handle)
            .source
            .as_ref()
            .map(|s| &s.front);
        map.insert("issue".into(), self.summaries[&at].clone());
        let order = self.site.bulletins.series_issues(at.series);
        let pos = order.iter().position(|x| *x == at).unwrap_or(0);
        let neighbour = |i: Option<usize>| {
            i.and_then(|i| order.get(i))
                .map_or_else(Value::none, |x| self.summaries[x].clone())
        };
        map.insert("previous".into(), neighbour(pos.checked_sub(1)));
        map.insert("next".into(), neighbour(Some(pos + 1)));
        let year_dir = &self.site.bulletins.series[at.series].years[at.year].dir;
        map.insert(
            "year_path".into(),
            Value::from(self.values.href(&self.section_path(year_dir))),
        );
        let editor_note = front.and_then(|f| f.editor_note.as_deref());
        map.insert("editor_note".into(), Value::from_serializable(&editor_note));
        let distribution: Vec<Distribution> = crate::model::bulletin::DISTRIBUTION_KEYS
            .iter()
            .filter_map(|label| {
                let units = front?.distribution.as_ref()?.get(*label)?;
                (!units.is_empty()).then_some(Distribution { label, units })
            })
            .collect();
        map.insert(
            "distribution".into(),
            Value::from_serializable(&distribution),
        );
        map.insert(
            "copies".into(),
            Value::from_serializable(&front.and_then(|f| f.copies)),
        );
        map.insert(
            "signed_by".into(),
            Value::from_serializable(&front.and_then(|f| f.signed_by.as_deref())),
        );
        let items: Vec<Value> = issue.items.iter().map(|id| self.full_item(*id)).collect();
        map.insert("items".into(), Value::from(items));
        Value::from(map)
    }

    /// An item as the issue page prints it: title, body and credits.
    fn full_item(&self, id: PageId) -> Value {
        let page = &self.values.page_value(id);
        let mut map = tera::Map::new();
        for field in ["title", "path", "content", "meta"] {
            map.insert(
                field.into(),
                page.get_from_path(field)
                    .cloned()
                    .unwrap_or_else(Value::none),
            );
        }
        map.insert("anchor".into(), Value::from(format!("item-{}", id.0)));
        Value::from(map)
    }

    /// `item` of every item of series `s`: its issue, its place, and the
    /// previous and next items across issue boundaries.
    fn items(&self, s: usize, out: &mut HashMap<PageId, Value>) {
        let order: Vec<(IssueRef, PageId)> = self
            .site
            .bulletins
            .series_issues(s)
            .into_iter()
            .flat_map(|at| {
                let issue = self.site.bulletins.issue(at);
                issue.items.iter().map(move |id| (at, *id))
            })
            .collect();
        let link = |i: Option<usize>| -> Value {
            let Some((at, id)) = i.and_then(|i| order.get(i)) else {
                return Value::none();
            };
            let page = self.site.page(*id);
            let mut map = tera::Map::new();
            map.insert("title".into(), Value::from(page.title()));
            map.insert("path".into(), Value::from(self.values.href(&page.path)));
            map.insert("issue".into(), self.summaries[at].clone());
            Value::from(map)
        };
        for (i, (at, id)) in order.iter().enumerate() {
            let issue = self.site.bulletins.issue(*at);
            let mut map = tera::Map::new();
            map.insert("series".into(), self.briefs[s].clone());
            map.insert("issue".into(), self.summaries[at].clone());
            let position = issue.items.iter().position(|x| x == id).unwrap_or(0);
            map.insert("position".into(), Value::from(position + 1));
            map.insert("count".into(), Value::from(issue.items.len()));
            map.insert("previous".into(), link(i.checked_sub(1)));
            map.insert("next".into(), link(Some(i + 1)));
            out.insert(*id, Value::from(map));
        }
    }
}
