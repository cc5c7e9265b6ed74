//! Information-work statistics (信息工作统计): items with their outcome
//! records, commissions, incident threads, and the circulars (通报) of every
//! month, quarter, half-year and year. Internal by nature: built only in a
//! profile that never reaches the public, and only for a site with a roster
//! of reporting units (`data/units.toml`).

pub mod commissions;
pub mod incidents;
pub mod items;
pub mod outcomes;
pub mod period;
pub mod ranking;
pub mod tally;

use std::collections::HashMap;

use jiff::civil::Date;

use super::Site;
use crate::config::scoring::Rules;
use crate::load::data::commissions::Commission;
use crate::load::data::deductions::Deduction;
use crate::load::data::units::Unit;
use commissions::CommissionStatus;
use incidents::Thread;
use items::Item;
use period::Period;
use tally::Circular;

/// The data files the statistics read, validated.
#[derive(Debug, Default, Clone)]
pub struct Inputs {
    /// `None`: the site has no `data/units.toml`.
    pub units: Option<Vec<Unit>>,
    pub commissions: Vec<Commission>,
    pub deductions: Vec<Deduction>,
}

#[derive(Debug)]
pub struct Statistics {
    /// Site path with a slash at each end (`/statistics/`).
    pub path: String,
    pub rules: Rules,
    /// Adoption levels, the columns of the tables.
    pub levels: Vec<String>,
    pub units: Vec<Unit>,
    /// In submission order.
    pub items: Vec<Item>,
    pub commissions: Vec<CommissionStatus>,
    pub threads: Vec<Thread>,
    /// From `data/deductions.toml`, in file order.
    pub deductions: Vec<Deduction>,
    /// Newest period first; within a year: year, halves, quarters, months.
    pub circulars: Vec<Circular>,
    by_rel: HashMap<String, usize>,
    /// Item index → its thread.
    thread_at: HashMap<usize, usize>,
}

impl Statistics {
    /// The item made from a source, by its path under `content/`.
    pub fn item(&self, rel: &str) -> Option<usize> {
        self.by_rel.get(rel).copied()
    }

    pub fn commission(&self, id: &str) -> Option<usize> {
        self.commissions.iter().position(|c| c.commission.id == id)
    }

    /// The thread an item belongs to.
    pub fn thread_of(&self, item: usize) -> Option<usize> {
        self.thread_at.get(&item).copied()
    }

    pub fn commissions_path(&self) -> String {
        format!("{}commissions/", self.path)
    }

    pub fn commission_path(&self, i: usize) -> String {
        format!(
            "{}{}/",
            self.commissions_path(),
            self.commissions[i].commission.id
        )
    }

    pub fn incidents_path(&self) -> String {
        format!("{}incidents/", self.path)
    }

    pub fn incident_path(&self, i: usize) -> String {
        format!("{}{}/", self.incidents_path(), self.threads[i].slug)
    }

    pub fn circular_path(&self, period: &Period) -> String {
        format!("{}{}/", self.path, period.slug())
    }
}

/// The statistics of this build, or `None` when it may not have them (a
/// build that reaches the public) or has no roster.
pub fn build(site: &Site, inputs: &Inputs) -> Option<Statistics> {
    if crate::check::privacy::reaches_public(site) {
        return None;
    }
    let units = inputs.units.clone()?;
    let config = &site.config;
    let rules = config.scoring.rules();
    let today = site.now.date();
    let sources = site
        .pages
        .iter()
        .map(|p| &p.source)
        .chain(site.sections.iter().filter_map(|s| s.source.as_ref()));
    let (items, _) = items::items(sources, config.offset(), &rules);
    let levels = if rules.levels.is_empty() {
        let mut found: Vec<String> = items
            .iter()
            .flat_map(|i| i.adoptions.iter().map(|a| a.level.clone()))
            .collect();
        found.sort();
        found.dedup();
        found
    } else {
        rules.levels.clone()
    };
    let commissions = commissions::statuses(&inputs.commissions, &items, today);
    let threads = incidents::threads(&items, &config.statistics.incidents, today);
    let mut entries = tally::ledger(&items, &commissions, &threads, &rules, &levels);
    entries.extend(tally::deductions(&inputs.deductions, &rules));
    let input = tally::Inputs {
        units: &units,
        items: &items,
        entries: &entries,
        commissions: &commissions,
        threads: &threads,
        deductions: &inputs.deductions,
        levels: levels.len(),
        rules: &rules,
    };
    let circulars = periods(&entries, &config.statistics.periods, today)
        .into_iter()
        .map(|p| tally::circular(p, &input))
        .collect();
    let by_rel = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.rel.clone(), i))
        .collect();
    let thread_at = threads
        .iter()
        .enumerate()
        .flat_map(|(t, thread)| {
            std::iter::once(thread.root)
                .chain(thread.follow_ups.iter().copied())
                .map(move |i| (i, t))
        })
        .collect();
    Some(Statistics {
        path: config.statistics.site_path(),
        rules,
        levels,
        units,
        items,
        commissions,
        threads,
        deductions: inputs.deductions.clone(),
        circulars,
        by_rel,
        thread_at,
    })
}

/// Every period of the configured kinds from the first entry to the last
/// (never past today), so a month in which nobody reported still gets its
/// circular. Newest year first; within a year the year, then halves,
/// quarters and months, each newest first.
fn periods(
    entries: &[tally::Entry],
    kinds: &[crate::config::statistics::PeriodKind],
    today: Date,
) -> Vec<Period> {
    let dates = entries.iter().map(|e| e.date).filter(|d| *d <= today);
    let (Some(first), Some(last)) = (dates.clone().min(), dates.max()) else {
        return Vec::new();
    };
    let mut out: Vec<Period> = kinds
        .iter()
        .flat_map(|k| Period::span(*k, first, last))
        .collect();
    out.sort_by(|a, b| {
        b.year
            .cmp(&a.year)
            .then_with(|| b.kind.cmp(&a.kind))
            .then_with(|| b.index.cmp(&a.index))
    });
    out.dedup();
    out
}
