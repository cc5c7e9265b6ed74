//! The disclosure catalogue (政府信息公开目录) of one build: every document
//! the profile shows, newest first, and the facets it is browsed by —
//! subject (two levels), genre, issuing organ, year and validity. Each facet
//! value is its own list, paginated like any other.

use std::collections::BTreeMap;

use super::url::slugify;
use super::{Page, PageId};
use crate::config::catalogue::CatalogueConfig;

#[derive(Debug)]
pub struct Catalogue {
    /// `/catalogue/`
    pub path: String,
    pub per_page: usize,
    /// Newest first.
    pub documents: Vec<PageId>,
    pub facets: Vec<Facet>,
}

#[derive(Debug)]
pub struct Facet {
    /// `subject`, `genre`, `issuer`, `year`, `validity`.
    pub key: &'static str,
    /// Shown to readers: 主题分类, 体裁, 发文机关, 年份, 有效性.
    pub title: &'static str,
    pub values: Vec<FacetValue>,
}

#[derive(Debug)]
pub struct FacetValue {
    pub name: String,
    /// `/catalogue/genre/通知/`
    pub path: String,
    /// In catalogue order (newest first).
    pub pages: Vec<PageId>,
    /// Second-level subjects under a top-level one.
    pub children: Vec<FacetValue>,
}

/// One list of the catalogue: everything, or one facet value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogueList {
    All,
    Value {
        facet: usize,
        value: usize,
        child: Option<usize>,
    },
}

/// A page is a document (公文) when it has a document number or a genre.
pub fn is_document(page: &Page) -> bool {
    let front = &page.source.front;
    front.doc_number.is_some() || front.genre.is_some()
}

/// The year a document is filed under: its `written` year, else its
/// publication year (the same year its index number uses).
pub fn year_of(page: &Page) -> Option<i16> {
    page.source
        .front
        .written
        .map(|w| w.date().year())
        .or_else(|| page.date.as_ref().map(|d| d.year()))
}

impl Catalogue {
    /// Title, path and pages of a list.
    pub fn list(
        &self,
        list: CatalogueList,
    ) -> (Option<&Facet>, Option<&FacetValue>, &str, &[PageId]) {
        match list {
            CatalogueList::All => (None, None, &self.path, &self.documents),
            CatalogueList::Value {
                facet,
                value,
                child,
            } => {
                let f = &self.facets[facet];
                let mut v = &f.values[value];
                if let Some(c) = child {
                    v = &v.children[c];
                }
                (Some(f), Some(v), &v.path, &v.pages)
            }
        }
    }

    /// Every list, each once, in a stable order.
    pub fn lists(&self) -> Vec<CatalogueList> {
        let mut out = vec![CatalogueList::All];
        for (f, facet) in self.facets.iter().enumerate() {
            for (v, value) in facet.values.iter().enumerate() {
                out.push(CatalogueList::Value {
                    facet: f,
                    value: v,
                    child: None,
                });
                for c in 0..value.children.len() {
                    out.push(CatalogueList::Value {
                        facet: f,
                        value: v,
                        child: Some(c),
                    });
                }
            }
        }
        out
    }
}

type KeyFn = fn(&Page) -> Option<String>;

const FACETS: &[(&str, &str, KeyFn)] = &[
    ("subject", "主题分类", |p| {
        top_subject(p).map(str::to_string)
    }),
    ("genre", "体裁", |p| {
        p.source.front.genre.as_ref().map(|g| g.trim().to_string())
    }),
    ("issuer", "发文机关", |p| {
        p.source.front.issuer.as_ref().map(|i| i.trim().to_string())
    }),
    ("year", "年份", |p| year_of(p).map(|y| y.to_string())),
    ("validity", "有效性", |p| {
        p.source.front.validity.map(|v| v.label().to_string())
    }),
];

fn subject_parts(page: &Page) -> Option<(&str, Option<&str>)> {
    let subject = page.source.front.subject.as_deref()?.trim();
    if subject.is_empty() {
        return None;
    }
    Some(match subject.split_once('\\') {
        Some((top, second)) if !second.trim().is_empty() => (top.trim(), Some(second.trim())),
        Some((top, _)) => (top.trim(), None),
        None => (subject, None),
    })
}

fn top_subject(page: &Page) -> Option<&str> {
    subject_parts(page).map(|(top, _)| top)
}

pub fn collect(
    config: Option<&CatalogueConfig>,
    pages: &[Page],
    order: &super::NewestFirst,
) -> Option<Catalogue> {
    let config = config?;
    let path = config.site_path();
    let mut documents: Vec<PageId> = pages
        .iter()
        .filter(|p| is_document(p))
        .map(|p| p.id)
        .collect();
    order.sort(&mut documents);
    let facets = FACETS
        .iter()
        .map(|(key, title, key_of)| {
            let base = format!("{path}{key}/");
            let mut groups: BTreeMap<String, Vec<PageId>> = BTreeMap::new();
            for id in &documents {
                if let Some(k) = key_of(&pages[id.index()]).filter(|k| !k.is_empty()) {
                    groups.entry(k).or_default().push(*id);
                }
            }
            let mut values: Vec<FacetValue> = groups
                .into_iter()
                .map(|(name, ids)| value(&base, name, ids))
                .collect();
            match *key {
                "year" => values.reverse(),
                "validity" => {
                    values.sort_by_key(|v| v.name.parse::<crate::load::front::Validity>().ok())
                }
                "subject" => {
                    for v in &mut values {
                        v.children = second_level(&v.path, &v.pages, pages);
                    }
                }
                _ => {}
            }
            Facet { key, title, values }
        })
        .collect();
    Some(Catalogue {
        path,
        per_page: config.per_page.max(1),
        documents,
        facets,
    })
}

fn value(base: &str, name: String, pages: Vec<PageId>) -> FacetValue {
    FacetValue {
        path: format!("{base}{}/", slugify(&name)),
        name,
        pages,
        children: Vec::new(),
    }
}

fn second_level(base: &str, ids: &[PageId], pages: &[Page]) -> Vec<FacetValue> {
    let mut groups: BTreeMap<String, Vec<PageId>> = BTreeMap::new();
    for id in ids {
        if let Some((_, Some(second))) = subject_parts(&pages[id.index()]) {
            groups.entry(second.to_string()).or_default().push(*id);
        }
    }
    groups
        .into_iter()
        .map(|(name, ids)| value(base, name, ids))
        .collect()
}
