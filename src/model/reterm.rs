//! A page's terms changed in place (a tag added, removed or swapped): the
//! preview's fast path for the next commonest front-matter edit after a
//! title and a date. Terms are the only thing the model makes of a page's
//! taxonomy lists, so an edit that leaves every term in being (none new,
//! none emptied) changes the members of some terms and nothing else: not
//! the plan's outputs, as long as each term keeps its number of list pages
//! (the caller checks with [`Site::retermable`]).

use std::collections::BTreeSet;

use super::{PageId, Site};
use crate::load::front::FrontMatter;

impl Site {
    /// Whether page `id`, whose front matter is now `front` (it was the
    /// page's, but for its taxonomy lists), can be moved into its new
    /// terms in place: every term it joins exists, every term it leaves
    /// keeps other pages, and each changed term's list keeps its number of
    /// list pages, `pagers(taxonomy, entries)`. Otherwise the terms, or the
    /// outputs planned for them, change: the caller builds afresh.
    pub fn retermable(
        &self,
        id: PageId,
        front: &FrontMatter,
        pagers: impl Fn(usize, usize) -> usize,
    ) -> bool {
        let old = &self.page(id).source.front;
        self.taxonomies.iter().enumerate().all(|(t, tax)| {
            let before = names(old, &tax.name);
            let after = names(front, &tax.name);
            let pagers = |n: usize| pagers(t, n);
            let term = |name: &str| {
                tax.terms
                    .binary_search_by(|term| term.name.as_str().cmp(name))
                    .ok()
                    .map(|i| &tax.terms[i])
            };
            let left = before.difference(&after).all(|name| {
                term(name).is_some_and(|t| {
                    t.pages.contains(&id)
                        && t.pages.len() > 1
                        && pagers(t.pages.len() - 1) == pagers(t.pages.len())
                })
            });
            let joined = after.difference(&before).all(|name| {
                term(name).is_some_and(|t| {
                    !t.pages.contains(&id) && pagers(t.pages.len() + 1) == pagers(t.pages.len())
                })
            });
            left && joined
        })
    }

    /// Puts page `id`, whose source already holds its new taxonomy lists,
    /// in the terms those lists name and takes it out of the others, each
    /// list in newest-first order as a clean build makes it. Returns the
    /// terms that gained or lost it, as (taxonomy, term) indices.
    pub fn reterm(&mut self, id: PageId) -> BTreeSet<(usize, usize)> {
        let front = self.pages[id.index()].source.front.clone();
        let order = &self.newest_first;
        let mut changed = BTreeSet::new();
        for (t, tax) in self.taxonomies.iter_mut().enumerate() {
            let wanted = names(&front, &tax.name);
            for (i, term) in tax.terms.iter_mut().enumerate() {
                let listed = term.pages.contains(&id);
                if listed == wanted.contains(term.name.as_str()) {
                    continue;
                }
                if listed {
                    term.pages.retain(|p| *p != id);
                } else {
                    term.pages.push(id);
                    order.sort(&mut term.pages);
                }
                changed.insert((t, i));
            }
        }
        changed
    }
}

/// The page's terms of taxonomy `name` as the model reads them: trimmed,
/// the empty ones left out (see `taxonomy::collect`).
fn names<'f>(front: &'f FrontMatter, name: &str) -> BTreeSet<&'f str> {
    front
        .taxonomies
        .get(name)
        .into_iter()
        .flatten()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect()
}
