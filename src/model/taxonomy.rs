//! Taxonomies (`tags`, `categories`, …) and their terms, each term listing
//! its pages newest first.

use std::collections::BTreeMap;

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
            let mut terms: BTreeMap<String, Vec<PageId>> = BTreeMap::new();
            for page in pages {
                if let Some(list) = page.source.front.taxonomies.get(&tc.name) {
                    for name in list {
                        let ids = terms.entry(name.trim().to_string()).or_default();
                        if ids.last() != Some(&page.id) {
                            ids.push(page.id);
                        }
                    }
                }
            }
            let path = format!("/{}/", slugify(&tc.name));
            let terms = terms
                .into_iter()
                .filter(|(name, _)| !name.is_empty())
                .map(|(name, mut ids)| {
                    order.sort(&mut ids);
                    Term {
                        path: format!("{path}{}/", slugify(&name)),
                        name,
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
