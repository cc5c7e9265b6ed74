//! The archive: every dated page by year and month, newest first.

use std::collections::BTreeMap;

use super::{Page, PageId};

#[derive(Debug, Default)]
pub struct Archive {
    /// Newest year first.
    pub years: Vec<Year>,
}

#[derive(Debug)]
pub struct Year {
    pub year: i16,
    /// Newest month first.
    pub months: Vec<Month>,
}

#[derive(Debug)]
pub struct Month {
    pub month: i8,
    /// Newest first.
    pub pages: Vec<PageId>,
}

impl Year {
    pub fn path(&self) -> String {
        format!("/archive/{}/", self.year)
    }

    pub fn count(&self) -> usize {
        self.months.iter().map(|m| m.pages.len()).sum()
    }
}

impl Month {
    pub fn path(&self, year: i16) -> String {
        format!("/archive/{year}/{:02}/", self.month)
    }
}

pub fn collect(pages: &[Page], order: &super::NewestFirst) -> Archive {
    let mut by_month: BTreeMap<(i16, i8), Vec<PageId>> = BTreeMap::new();
    for page in pages {
        if let Some(date) = &page.date {
            by_month
                .entry((date.year(), date.month()))
                .or_default()
                .push(page.id);
        }
    }
    let mut years: Vec<Year> = Vec::new();
    for ((year, month), mut ids) in by_month.into_iter().rev() {
        order.sort(&mut ids);
        let entry = Month { month, pages: ids };
        match years.last_mut() {
            Some(y) if y.year == year => y.months.push(entry),
            _ => years.push(Year {
                year,
                months: vec![entry],
            }),
        }
    }
    Archive { years }
}
