//! The fields every paginated list gives its template (`paginator`).

use std::ops::Range;

use serde::Serialize;

use super::values::Values;
use crate::plan;

#[derive(Serialize)]
pub struct Pager {
    pub current_index: usize,
    pub number_pagers: usize,
    pub total_pages: usize,
    pub first: String,
    pub last: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// Pager `index` (from 0) of a list of `total` items at `base`, `per`
    /// to a page; with the range of the items it shows.
    pub fn new(
        values: &Values,
        base: &str,
        total: usize,
        per: usize,
        index: usize,
    ) -> (Pager, Range<usize>) {
        let per = per.max(1);
        let pagers = plan::pager_count(total, per);
        let href = |i: usize| values.href(&plan::pager_path(base, i));
        let pager = Pager {
            current_index: index + 1,
            number_pagers: pagers,
            total_pages: total,
            first: href(0),
            last: href(pagers - 1),
            previous: (index > 0).then(|| href(index - 1)),
            next: (index + 1 < pagers).then(|| href(index + 1)),
        };
        (pager, slice(total, per, index))
    }
}

/// Which of `total` items page `index` shows, `per` to a page.
pub fn slice(total: usize, per: usize, index: usize) -> Range<usize> {
    let per = per.max(1);
    let start = (index * per).min(total);
    start..(start + per).min(total)
}
