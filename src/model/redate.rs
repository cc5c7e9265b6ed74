//! A page moved to another date of the same month, in place: the preview's
//! fast path for the commonest front-matter edit after a title. A date
//! decides the page's place in the newest-first order, and so in its
//! section's list (when sorted by date), in each of its terms' lists and in
//! its month of the archive, and who its neighbours are; within one month
//! it decides nothing else the model holds (the archive's months, the
//! catalogue's years and the annual reports' counts stay as they were; the
//! caller leaves the pages whose dates decide more to a full build: see
//! `serve::patch`).

use std::collections::BTreeSet;

use super::{NewestFirst, PageId, Site};

/// What moving a page changed, for the values and outputs that show it.
#[derive(Debug, Default)]
pub struct Moved {
    /// Pages whose place in a list changed: in each list holding the
    /// moved page, every page between its old and its new place (the page
    /// too). A list's page shows a different slice exactly when its slice
    /// holds one of them.
    pub shifted: BTreeSet<PageId>,
    /// Pages whose previous or next neighbour changed.
    pub relinked: BTreeSet<PageId>,
}

impl Site {
    /// Gives page `id` the date `date`, whose year and month are those of
    /// its old date (the caller checks), and puts it in its new place in
    /// every list.
    pub fn redate(&mut self, id: PageId, date: jiff::Zoned) -> Moved {
        let page = &mut self.pages[id.index()];
        debug_assert!(
            page.date
                .as_ref()
                .is_some_and(|d| (d.year(), d.month()) == (date.year(), date.month())),
            "a move within one month"
        );
        page.date = Some(date);
        self.newest_first = NewestFirst::of(&self.pages);
        let mut moved = Moved::default();
        self.resort_section(id, &mut moved);
        let order = &self.newest_first;
        for taxonomy in &mut self.taxonomies {
            for term in &mut taxonomy.terms {
                if term.pages.contains(&id) {
                    resort(&mut term.pages, id, order, &mut moved.shifted);
                }
            }
        }
        let date = self.pages[id.index()]
            .date
            .as_ref()
            .map(|d| (d.year(), d.month()));
        let month = date.and_then(|(y, m)| month_list(&mut self.archive, y, m));
        if let Some(month) = month {
            resort(month, id, &self.newest_first, &mut moved.shifted);
        }
        moved
    }

    /// The page's section in its new order, and its pages' neighbours.
    fn resort_section(&mut self, id: PageId, moved: &mut Moved) {
        let sid = self.pages[id.index()].section;
        let section = &mut self.sections[sid.index()];
        let before = section.pages.clone();
        super::assemble::sort_pages(section, &self.pages, &self.newest_first);
        if section.pages == before {
            return;
        }
        shifted_between(&before, &section.pages, id, &mut moved.shifted);
        let links =
            |pages: &[super::Page], ids: &[PageId]| -> Vec<(Option<PageId>, Option<PageId>)> {
                ids.iter()
                    .map(|p| (pages[p.index()].previous, pages[p.index()].next))
                    .collect()
            };
        let old = links(&self.pages, &section.pages);
        for p in &section.pages {
            let page = &mut self.pages[p.index()];
            page.previous = None;
            page.next = None;
        }
        super::assemble::link_section(section, &mut self.pages);
        let new = links(&self.pages, &section.pages);
        for ((p, a), b) in section.pages.iter().zip(old).zip(new) {
            if a != b {
                moved.relinked.insert(*p);
            }
        }
    }
}

/// The archive's list of pages dated in `month` of `year`.
fn month_list(archive: &mut super::Archive, year: i16, month: i8) -> Option<&mut [PageId]> {
    let months = &mut archive.years.iter_mut().find(|y| y.year == year)?.months;
    let month = months.iter_mut().find(|m| m.month == month)?;
    Some(&mut month.pages)
}

/// `list`, which holds `id`, in the new order; the pages between its old
/// and new place go into `shifted`.
fn resort(list: &mut [PageId], id: PageId, order: &NewestFirst, shifted: &mut BTreeSet<PageId>) {
    let before = list.to_vec();
    order.sort(list);
    shifted_between(&before, list, id, shifted);
}

fn shifted_between(
    before: &[PageId],
    after: &[PageId],
    id: PageId,
    shifted: &mut BTreeSet<PageId>,
) {
    let place = |list: &[PageId]| list.iter().position(|p| *p == id);
    if let (Some(old), Some(new)) = (place(before), place(after)) {
        shifted.extend(&after[old.min(new)..=old.max(new)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_between_the_old_and_new_place_shift() {
        let ids: Vec<PageId> = (0..5).map(PageId).collect();
        let after = vec![ids[3], ids[0], ids[1], ids[2], ids[4]];
        let mut shifted = BTreeSet::new();
        shifted_between(&ids, &after, ids[3], &mut shifted);
        assert_eq!(shifted.into_iter().collect::<Vec<_>>(), ids[..4].to_vec());
        let mut none = BTreeSet::new();
        shifted_between(&ids, &ids, ids[2], &mut none);
        assert_eq!(none.into_iter().collect::<Vec<_>>(), vec![ids[2]]);
    }
}
