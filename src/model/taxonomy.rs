//! Taxonomies (`tags`, `categories`, …) and their terms, each term listing
//! its pages newest first.

use std::collections::HashMap;

use rayon::prelude::*;

use super::url::slugify;
use super::{Page, PageId};
use crate::config::Config;

#[derive(Debug)]
pub struct Taxonomy {
    pub name: String,
    pub title: String,
    /// `/tags/`
    pub path: String,
    pub paginate_by: Option<usize>,
    /// Sorted by term name for stable output.
    pub terms: Vec<Term>,
}

#[derive(Debug)]
pub struct Term {
    pub name: String,
    /// `/tags/营商环境/`
    pub path: String,
    pub pages: Vec<PageId>,
}

pub fn collect(config: &Config, pages: &[Page], order: &super::NewestFirst) -> Vec<Taxonomy> {
    config
        .taxonomies
        .iter()
        .map(|tc| {
            let path = format!("/{}/", slugify(&tc.name));
            // Each page's list read in parallel: at 100,000 pages the
            // reads are cache misses on every page's front matter.
            let lists: Vec<(PageId, &[String])> = pages
                .par_iter()
                .filter_map(|p| Some((p.id, p.source.front.taxonomies.get(&tc.name)?.as_slice())))
                .collect();
            let mut terms: Vec<(&str, Vec<PageId>)> = pages_by_term(&lists, CHUNK)
                .into_iter()
                .filter(|(name, _)| !name.is_empty())
                .collect();
            terms.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
            let terms = terms
                .into_par_iter()
                .map(|(name, mut ids)| {
                    order.sort(&mut ids);
                    Term {
                        path: format!("{path}{}/", slugify(name)),
                        name: name.to_string(),
                        pages: ids,
                    }
                })
                .collect();
            Taxonomy {
                name: tc.name.clone(),
                title: tc.title().to_string(),
                path,
                paginate_by: tc.paginate_by,
                terms,
            }
        })
        .collect()
}

/// Pages whose lists one thread gathers at a time.
const CHUNK: usize = 2048;

type Terms<'p> = HashMap<&'p str, Vec<PageId>, ahash::RandomState>;

/// Each term (trimmed) of the pages' `lists` with its pages in page order,
/// each page once. Gathered `chunk` pages at a time in parallel and merged
/// in chunk order, with the names borrowed from the pages: at 100,000
/// pages one pass with an owned, ordered key per tag cost 170 ms.
fn pages_by_term<'p>(lists: &[(PageId, &'p [String])], chunk: usize) -> Terms<'p> {
    let chunks: Vec<Terms<'p>> = lists
        .par_chunks(chunk)
        .map(|chunk| {
            let mut terms = Terms::default();
            for &(page, list) in chunk {
                for name in list {
                    let ids = terms.entry(name.trim()).or_default();
                    if ids.last() != Some(&page) {
                        ids.push(page);
                    }
                }
            }
            terms
        })
        .collect();
    let mut chunks = chunks.into_iter();
    let mut all = chunks.next().unwrap_or_default();
    for chunk in chunks {
        for (name, ids) in chunk {
            all.entry(name).or_default().extend(ids);
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(terms: Terms<'_>) -> Vec<(String, Vec<PageId>)> {
        let mut v: Vec<_> = terms.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        v.sort();
        v
    }

    #[test]
    fn terms_are_trimmed_listed_once_a_page_and_merged_in_page_order() {
        let lists: Vec<Vec<String>> = [
            vec!["防汛", " 演练 "],
            vec!["防汛"],
            vec!["演练", "演练"],
            vec![""],
            vec!["防汛", "防汛 "],
        ]
        .iter()
        .map(|l| l.iter().map(|s| s.to_string()).collect())
        .collect();
        let pages: Vec<(PageId, &[String])> = lists
            .iter()
            .enumerate()
            .map(|(i, l)| (PageId(i as u32), l.as_slice()))
            .collect();
        let expected = vec![
            (String::new(), vec![PageId(3)]),
            ("演练".to_string(), vec![PageId(0), PageId(2)]),
            ("防汛".to_string(), vec![PageId(0), PageId(1), PageId(4)]),
        ];
        // One page a chunk merges to what one chunk of all gives.
        for chunk in [1, 2, 3, usize::MAX] {
            assert_eq!(
                sorted(pages_by_term(&pages, chunk)),
                expected,
                "chunk {chunk}"
            );
        }
    }
}
