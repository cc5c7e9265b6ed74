//! The ledger and the circular of one period. Every countable event —
//! an item submitted, an adoption, an annotation, a commission answered or
//! missed, a late first report, an incident left without follow-up — is
//! one dated entry with its points; a circular sums the entries of its
//! period per unit and per author, then ranks them.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;

use super::commissions::CommissionStatus;
use super::incidents::Thread;
use super::items::Item;
use super::period::Period;
use super::ranking;
use crate::config::scoring::{Cents, Rules};
use crate::config::statistics::PeriodKind;
use crate::load::data::deductions::Deduction;
use crate::load::data::units::Unit;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Submitted {
        category: Option<String>,
    },
    Adopted {
        level: usize,
    },
    Annotated,
    Answered,
    Missed,
    LateReport,
    NoFollowUp,
    /// From `data/deductions.toml`.
    Deduction,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub date: Date,
    pub unit: String,
    /// Credited author, when the entry comes from an item with one.
    pub author: Option<String>,
    pub kind: Kind,
    pub points: Cents,
}

/// Every entry, from the items, commissions and threads.
pub fn ledger(
    items: &[Item],
    commissions: &[CommissionStatus],
    threads: &[Thread],
    rules: &Rules,
    levels: &[String],
) -> Vec<Entry> {
    let mut out = Vec::new();
    let push =
        |out: &mut Vec<Entry>, date: Option<Date>, item: &Item, kind: Kind, points: Cents| {
            if let Some(date) = date {
                out.push(Entry {
                    date,
                    unit: item.unit.clone(),
                    author: item.author.clone(),
                    kind,
                    points,
                });
            }
        };
    for item in items {
        push(
            &mut out,
            item.submitted,
            item,
            Kind::Submitted {
                category: item.category.clone(),
            },
            rules.submission,
        );
        let percent = if item.annotated() {
            rules.annotated_percent
        } else {
            100
        };
        for a in &item.adoptions {
            let level = levels.iter().position(|l| *l == a.level).unwrap_or(0);
            let points = rules.adoption_points(&a.level, a.outlet.as_deref()) * percent / 100;
            push(
                &mut out,
                a.date.or(item.submitted),
                item,
                Kind::Adopted { level },
                points,
            );
        }
        for a in &item.annotations {
            let points = rules.annotation_points(&a.level);
            push(
                &mut out,
                a.date.or(item.submitted),
                item,
                Kind::Annotated,
                points,
            );
        }
    }
    for c in commissions {
        for (_, i) in &c.answered {
            let item = &items[*i];
            push(
                &mut out,
                item.submitted,
                item,
                Kind::Answered,
                rules.answered,
            );
        }
        for unit in &c.missed {
            out.push(Entry {
                date: c.commission.due,
                unit: unit.clone(),
                author: None,
                kind: Kind::Missed,
                points: rules.missed,
            });
        }
    }
    for t in threads {
        let root = &items[t.root];
        if t.late.is_some() {
            push(
                &mut out,
                root.submitted,
                root,
                Kind::LateReport,
                rules.late_report,
            );
        }
        if let Some(since) = t.overdue_since {
            out.push(Entry {
                date: since,
                unit: root.unit.clone(),
                author: None,
                kind: Kind::NoFollowUp,
                points: rules.no_follow_up,
            });
        }
    }
    out
}

/// The entries of the deductions recorded by the office.
pub fn deductions(list: &[Deduction], rules: &Rules) -> Vec<Entry> {
    list.iter()
        .map(|d| Entry {
            date: d.date,
            unit: d.unit.clone(),
            author: None,
            kind: Kind::Deduction,
            points: rules.deduction_points(d.kind),
        })
        .collect()
}

/// One line of a circular's table: a unit, or an author of a unit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// The unit's name, or the author's.
    pub name: String,
    /// The unit's kind (乡镇 …) for a unit; the unit for an author.
    pub detail: String,
    pub submitted: u32,
    pub by_level: Vec<u32>,
    pub adopted: u32,
    pub annotated: u32,
    pub answered: u32,
    pub missed: u32,
    /// Deductions: late first reports, silent incidents, recorded ones.
    pub late: u32,
    pub points: Cents,
    pub rank: usize,
    /// Meets the award rule (annual circulars only).
    pub award: bool,
}

impl Row {
    fn add(&mut self, entry: &Entry) {
        self.points += entry.points;
        match &entry.kind {
            Kind::Submitted { .. } => self.submitted += 1,
            Kind::Adopted { level } => {
                self.adopted += 1;
                if let Some(n) = self.by_level.get_mut(*level) {
                    *n += 1;
                }
            }
            Kind::Annotated => self.annotated += 1,
            Kind::Answered => self.answered += 1,
            Kind::Missed => self.missed += 1,
            Kind::LateReport | Kind::NoFollowUp | Kind::Deduction => self.late += 1,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Circular {
    pub period: Period,
    pub units: Vec<Row>,
    pub authors: Vec<Row>,
    /// Active units that submitted nothing.
    pub zero_submissions: Vec<String>,
    /// Units that submitted but had nothing adopted.
    pub zero_adoptions: Vec<String>,
    /// Items submitted per category (未分类 for none), most first.
    pub categories: Vec<(String, u32)>,
    pub submitted: u32,
    /// Indexes of the commissions due in the period.
    pub commissions: Vec<usize>,
    /// Indexes of threads whose first report, in the period, was late.
    pub late: Vec<usize>,
    /// Indexes of threads that fell silent in the period.
    pub overdue: Vec<usize>,
    /// Indexes of the recorded deductions dated in the period.
    pub deductions: Vec<usize>,
}

pub struct Inputs<'a> {
    pub units: &'a [Unit],
    pub items: &'a [Item],
    pub entries: &'a [Entry],
    pub commissions: &'a [CommissionStatus],
    pub threads: &'a [Thread],
    pub deductions: &'a [Deduction],
    pub levels: usize,
    pub rules: &'a Rules,
}

pub fn circular(period: Period, input: &Inputs<'_>) -> Circular {
    let entries: Vec<&Entry> = input
        .entries
        .iter()
        .filter(|e| period.contains(e.date))
        .collect();
    let blank = Row {
        by_level: vec![0; input.levels],
        ..Row::default()
    };
    // Lookups by name, so a circular costs one pass over its entries
    // however many units the roster has.
    let roster: HashMap<&str, usize> = input
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.name.as_str(), i))
        .collect();
    let order = |unit: &str| roster.get(unit).copied().unwrap_or(usize::MAX);
    // Units: the roster's active units, then any other unit that appears.
    let mut units: Vec<Row> = input
        .units
        .iter()
        .filter(|u| u.active_during(period.start(), period.end()))
        .map(|u| Row {
            name: u.name.clone(),
            detail: u.kind.clone(),
            ..blank.clone()
        })
        .collect();
    let mut row_of: HashMap<String, usize> = units
        .iter()
        .enumerate()
        .map(|(i, r)| (r.name.clone(), i))
        .collect();
    let mut authors: BTreeMap<(usize, String, String), Row> = BTreeMap::new();
    let mut categories: BTreeMap<String, u32> = BTreeMap::new();
    for e in &entries {
        let i = *row_of.entry(e.unit.clone()).or_insert_with(|| {
            units.push(Row {
                name: e.unit.clone(),
                ..blank.clone()
            });
            units.len() - 1
        });
        units[i].add(e);
        if let Some(author) = &e.author {
            authors
                .entry((order(&e.unit), e.unit.clone(), author.clone()))
                .or_insert_with(|| Row {
                    name: author.clone(),
                    detail: e.unit.clone(),
                    ..blank.clone()
                })
                .add(e);
        }
        if let Kind::Submitted { category } = &e.kind {
            let name = category.clone().unwrap_or_else(|| "未分类".into());
            *categories.entry(name).or_default() += 1;
        }
    }
    let zero_submissions = units
        .iter()
        .filter(|r| r.submitted == 0)
        .map(|r| r.name.clone())
        .collect();
    let zero_adoptions = units
        .iter()
        .filter(|r| r.submitted > 0 && r.adopted == 0)
        .map(|r| r.name.clone())
        .collect();
    rank(&mut units);
    let mut authors: Vec<Row> = authors.into_values().collect();
    rank(&mut authors);
    if period.kind == PeriodKind::Year
        && let Some(award) = &input.rules.award
    {
        for a in &mut authors {
            a.award = a.submitted >= award.min_submitted && a.adopted >= award.min_adopted;
        }
    }
    let mut categories: Vec<(String, u32)> = categories.into_iter().collect();
    categories.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| category_order(&a.0).cmp(&category_order(&b.0)))
    });
    let submitted = categories.iter().map(|(_, n)| n).sum();
    let threads = input.threads;
    Circular {
        period,
        units,
        authors,
        zero_submissions,
        zero_adoptions,
        categories,
        submitted,
        commissions: (0..input.commissions.len())
            .filter(|i| period.contains(input.commissions[*i].commission.due))
            .collect(),
        late: (0..threads.len())
            .filter(|i| {
                threads[*i].late.is_some()
                    && input.items[threads[*i].root]
                        .submitted
                        .is_some_and(|d| period.contains(d))
            })
            .collect(),
        overdue: (0..threads.len())
            .filter(|i| {
                threads[*i]
                    .overdue_since
                    .is_some_and(|d| period.contains(d))
            })
            .collect(),
        deductions: (0..input.deductions.len())
            .filter(|i| period.contains(input.deductions[*i].date))
            .collect(),
    }
}

/// The categories of FRONTMATTER.md in their usual order; others after.
pub const CATEGORIES: [&str; 8] = [
    "动态", "经验", "预警", "问题", "调研", "综合", "短波", "紧急",
];

fn category_order(name: &str) -> (usize, String) {
    (
        CATEGORIES
            .iter()
            .position(|c| *c == name)
            .unwrap_or(CATEGORIES.len()),
        name.to_string(),
    )
}

/// Highest points first (ties keep their order: roster, then name), then
/// competition ranks.
fn rank(rows: &mut [Row]) {
    rows.sort_by_key(|r| std::cmp::Reverse(r.points));
    let points: Vec<i64> = rows.iter().map(|r| r.points).collect();
    for (row, r) in rows.iter_mut().zip(ranking::competition(&points)) {
        row.rank = r;
    }
}
