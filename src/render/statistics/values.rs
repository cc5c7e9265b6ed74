//! Template values of the statistics pages, built once per build: the
//! index, every circular, commission and incident thread, and the outcome
//! records of each item page.

mod outcomes;

use std::collections::HashMap;

use serde::Serialize;
use tera::Value;

use crate::config::scoring::{Cents, format_cents};
use crate::model::statistics::Statistics;
use crate::model::statistics::items::Item;
use crate::model::statistics::tally::{Circular, Row};
use crate::model::{PageId, Ref, Site};
use crate::render::values::Values;

pub struct StatisticsValues {
    pub index: Value,
    pub circulars: Vec<Value>,
    pub commissions: Vec<Value>,
    pub incidents: Vec<Value>,
    /// `outcomes` of the pages of items with records, commissions or threads.
    pub outcomes: HashMap<PageId, Value>,
}

impl Default for StatisticsValues {
    fn default() -> Self {
        StatisticsValues {
            index: Value::none(),
            circulars: Vec::new(),
            commissions: Vec::new(),
            incidents: Vec::new(),
            outcomes: HashMap::new(),
        }
    }
}

#[derive(Serialize)]
pub(super) struct ItemRef {
    title: String,
    /// None when this build has no page for the item.
    path: Option<String>,
    unit: String,
    author: Option<String>,
    category: Option<String>,
    date: Option<String>,
    reported: Option<String>,
    closed: bool,
}

#[derive(Serialize)]
struct RowView {
    rank: usize,
    name: String,
    detail: String,
    submitted: u32,
    by_level: Vec<u32>,
    adopted: u32,
    annotated: u32,
    answered: u32,
    missed: u32,
    late: u32,
    /// `50.0%`, or `—` when nothing was submitted.
    rate: String,
    points: String,
    award: bool,
}

#[derive(Serialize)]
struct Share {
    name: String,
    count: u32,
    share: String,
}

#[derive(Serialize)]
struct PeriodLink {
    label: String,
    path: String,
}

struct Builder<'a> {
    site: &'a Site,
    stats: &'a Statistics,
    values: &'a Values,
}

/// `3/4` → `75.0%`; `—` for nothing out of nothing.
pub fn percent(part: u32, whole: u32) -> String {
    if whole == 0 {
        return "—".into();
    }
    let tenths = (u64::from(part) * 1000 + u64::from(whole) / 2) / u64::from(whole);
    format!("{}.{}%", tenths / 10, tenths % 10)
}

pub fn points(c: Cents) -> String {
    format_cents(c)
}

pub fn build(site: &Site, values: &Values) -> StatisticsValues {
    let Some(stats) = &site.statistics else {
        return StatisticsValues::default();
    };
    let b = Builder {
        site,
        stats,
        values,
    };
    StatisticsValues {
        index: b.index(),
        circulars: stats.circulars.iter().map(|c| b.circular(c)).collect(),
        commissions: (0..stats.commissions.len())
            .map(|i| b.commission(i))
            .collect(),
        incidents: (0..stats.threads.len()).map(|i| b.incident(i)).collect(),
        outcomes: b.outcomes(),
    }
}

impl Builder<'_> {
    fn href(&self, path: &str) -> String {
        self.values.href(path)
    }

    fn page_of(&self, item: &Item) -> Option<PageId> {
        match self.site.by_source.get(&item.rel) {
            Some(Ref::Page(id)) => Some(*id),
            _ => None,
        }
    }

    pub(super) fn item_ref(&self, i: usize) -> ItemRef {
        let item = &self.stats.items[i];
        ItemRef {
            title: item.title.clone(),
            path: self
                .page_of(item)
                .map(|id| self.href(&self.site.page(id).path)),
            unit: item.unit.clone(),
            author: item.author.clone(),
            category: item.category.clone(),
            date: item.submitted.map(|d| d.to_string()),
            reported: item
                .reported
                .as_ref()
                .map(|z| z.strftime("%Y-%m-%d %H:%M").to_string()),
            closed: item.closed,
        }
    }

    fn common(&self) -> tera::Map {
        let s = self.stats;
        let mut map = tera::Map::new();
        map.insert("home".into(), Value::from(self.href(&s.path)));
        map.insert("levels".into(), Value::from_serializable(&s.levels));
        map.insert(
            "unit_label".into(),
            Value::from(s.rules.unit_label.as_str()),
        );
        map
    }

    fn index(&self) -> Value {
        let s = self.stats;
        let mut map = self.common();
        #[derive(Serialize)]
        struct YearGroup {
            year: i16,
            circulars: Vec<PeriodLink>,
        }
        let mut years: Vec<YearGroup> = Vec::new();
        for c in &s.circulars {
            let link = PeriodLink {
                label: c.period.label(),
                path: self.href(&s.circular_path(&c.period)),
            };
            match years.last_mut() {
                Some(y) if y.year == c.period.year => y.circulars.push(link),
                _ => years.push(YearGroup {
                    year: c.period.year,
                    circulars: vec![link],
                }),
            }
        }
        map.insert("years".into(), Value::from_serializable(&years));
        let commissions: Vec<Value> = (0..s.commissions.len())
            .map(|i| self.commission_brief(i))
            .collect();
        map.insert("commissions".into(), Value::from(commissions));
        let incidents: Vec<Value> = (0..s.threads.len())
            .map(|i| self.incident_brief(i))
            .collect();
        map.insert("incidents".into(), Value::from(incidents));
        map.insert("units".into(), Value::from(s.units.len()));
        Value::from(map)
    }

    fn row(&self, r: &Row) -> RowView {
        RowView {
            rank: r.rank,
            name: r.name.clone(),
            detail: r.detail.clone(),
            submitted: r.submitted,
            by_level: r.by_level.clone(),
            adopted: r.adopted,
            annotated: r.annotated,
            answered: r.answered,
            missed: r.missed,
            late: r.late,
            rate: percent(r.adopted, r.submitted),
            points: points(r.points),
            award: r.award,
        }
    }

    fn circular(&self, c: &Circular) -> Value {
        let s = self.stats;
        let mut map = self.common();
        let path = s.circular_path(&c.period);
        map.insert("label".into(), Value::from(c.period.label()));
        map.insert("kind".into(), Value::from(c.period.kind_label()));
        map.insert(
            "title".into(),
            Value::from(format!("{}信息工作通报", c.period.label())),
        );
        map.insert("start".into(), Value::from(c.period.start().to_string()));
        map.insert("end".into(), Value::from(c.period.end().to_string()));
        map.insert("path".into(), Value::from(self.href(&path)));
        map.insert(
            "csv_units".into(),
            Value::from(self.href(&format!("{path}{}", super::UNITS_CSV))),
        );
        map.insert(
            "csv_authors".into(),
            Value::from(self.href(&format!("{path}{}", super::AUTHORS_CSV))),
        );
        let units: Vec<RowView> = c.units.iter().map(|r| self.row(r)).collect();
        let authors: Vec<RowView> = c.authors.iter().map(|r| self.row(r)).collect();
        map.insert("units".into(), Value::from_serializable(&units));
        map.insert("authors".into(), Value::from_serializable(&authors));
        map.insert(
            "zero_submissions".into(),
            Value::from_serializable(&c.zero_submissions),
        );
        map.insert(
            "zero_adoptions".into(),
            Value::from_serializable(&c.zero_adoptions),
        );
        map.insert("submitted".into(), Value::from(c.submitted));
        let shares: Vec<Share> = c
            .categories
            .iter()
            .map(|(name, count)| Share {
                name: name.clone(),
                count: *count,
                share: percent(*count, c.submitted),
            })
            .collect();
        map.insert("categories".into(), Value::from_serializable(&shares));
        let count = |names: &[&str]| -> u32 {
            c.categories
                .iter()
                .filter(|(n, _)| names.contains(&n.as_str()))
                .map(|(_, k)| k)
                .sum()
        };
        let substantive = count(&["问题", "预警", "调研"]);
        let news = count(&["动态"]);
        map.insert(
            "balance".into(),
            Value::from_serializable(&[
                Share {
                    name: "问题、预警、调研".into(),
                    count: substantive,
                    share: percent(substantive, c.submitted),
                },
                Share {
                    name: "动态".into(),
                    count: news,
                    share: percent(news, c.submitted),
                },
            ]),
        );
        let commissions: Vec<Value> = c
            .commissions
            .iter()
            .map(|i| self.commission_brief(*i))
            .collect();
        map.insert("commissions".into(), Value::from(commissions));
        let late: Vec<Value> = c.late.iter().map(|i| self.incident_brief(*i)).collect();
        map.insert("late".into(), Value::from(late));
        let overdue: Vec<Value> = c.overdue.iter().map(|i| self.incident_brief(*i)).collect();
        map.insert("overdue".into(), Value::from(overdue));
        #[derive(Serialize)]
        struct DeductionView<'a> {
            unit: &'a str,
            date: String,
            kind: &'static str,
            reason: &'a str,
            points: String,
        }
        let deductions: Vec<DeductionView> = c
            .deductions
            .iter()
            .map(|i| {
                let d = &s.deductions[*i];
                DeductionView {
                    unit: &d.unit,
                    date: d.date.to_string(),
                    kind: d.kind.label(),
                    reason: &d.reason,
                    points: points(s.rules.deduction_points(d.kind)),
                }
            })
            .collect();
        map.insert("deductions".into(), Value::from_serializable(&deductions));
        let award = s
            .rules
            .award
            .as_ref()
            .filter(|_| c.period.kind == crate::config::statistics::PeriodKind::Year);
        #[derive(Serialize)]
        struct AwardView<'a> {
            name: &'a str,
            min_submitted: u32,
            min_adopted: u32,
        }
        map.insert(
            "award".into(),
            Value::from_serializable(&award.map(|a| AwardView {
                name: &a.name,
                min_submitted: a.min_submitted,
                min_adopted: a.min_adopted,
            })),
        );
        Value::from(map)
    }

    fn commission_brief(&self, i: usize) -> Value {
        let s = self.stats;
        let c = &s.commissions[i];
        let mut map = tera::Map::new();
        map.insert("id".into(), Value::from(c.commission.id.as_str()));
        map.insert("topic".into(), Value::from(c.commission.topic.as_str()));
        map.insert("due".into(), Value::from(c.commission.due.to_string()));
        map.insert("path".into(), Value::from(self.href(&s.commission_path(i))));
        map.insert(
            "units".into(),
            Value::from_serializable(&c.commission.units),
        );
        let answered: Vec<&str> = c.answered.iter().map(|(u, _)| u.as_str()).collect();
        map.insert("answered".into(), Value::from_serializable(&answered));
        map.insert("missed".into(), Value::from_serializable(&c.missed));
        map.insert("pending".into(), Value::from_serializable(&c.pending));
        map.insert("answers".into(), Value::from(c.answers.len()));
        map.insert("overdue".into(), Value::from(c.overdue()));
        Value::from(map)
    }

    fn commission(&self, i: usize) -> Value {
        let c = &self.stats.commissions[i];
        let mut map = self.common();
        map.insert("commission".into(), self.commission_brief(i));
        map.insert(
            "issued".into(),
            Value::from_serializable(&c.commission.issued.map(|d| d.to_string())),
        );
        map.insert("note".into(), Value::from_serializable(&c.commission.note));
        let answers: Vec<ItemRef> = c.answers.iter().map(|i| self.item_ref(*i)).collect();
        map.insert("items".into(), Value::from_serializable(&answers));
        Value::from(map)
    }

    fn incident_brief(&self, i: usize) -> Value {
        let s = self.stats;
        let t = &s.threads[i];
        let mut map = tera::Map::new();
        map.insert("path".into(), Value::from(self.href(&s.incident_path(i))));
        map.insert(
            "first".into(),
            Value::from_serializable(&self.item_ref(t.root)),
        );
        map.insert("reports".into(), Value::from(t.follow_ups.len() + 1));
        map.insert("closed".into(), Value::from(t.closed));
        #[derive(Serialize)]
        struct Late {
            allowed_hours: String,
            took: String,
        }
        map.insert(
            "late".into(),
            Value::from_serializable(&t.late.map(|(hours, minutes)| Late {
                allowed_hours: format_cents(crate::config::scoring::cents(hours)),
                took: format!("{}小时{}分", minutes / 60, minutes % 60),
            })),
        );
        map.insert(
            "overdue_since".into(),
            Value::from_serializable(&t.overdue_since.map(|d| d.to_string())),
        );
        let item = &s.items[t.root];
        map.insert(
            "event_time".into(),
            Value::from_serializable(
                &item
                    .event_time
                    .as_ref()
                    .map(|z| z.strftime("%Y-%m-%d %H:%M").to_string()),
            ),
        );
        Value::from(map)
    }

    fn incident(&self, i: usize) -> Value {
        let t = &self.stats.threads[i];
        let mut map = self.common();
        map.insert("incident".into(), self.incident_brief(i));
        let timeline: Vec<ItemRef> = std::iter::once(t.root)
            .chain(t.follow_ups.iter().copied())
            .map(|i| self.item_ref(i))
            .collect();
        map.insert("timeline".into(), Value::from_serializable(&timeline));
        map.insert(
            "follow_up_days".into(),
            Value::from(self.site.config.statistics.incidents.follow_up_days),
        );
        Value::from(map)
    }
}
