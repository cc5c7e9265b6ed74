//! Template values, built once per section and per page summary and shared
//! by every output that shows them (tera values are reference-counted, so a
//! list of 10,000 summaries costs 10,000 pointer copies, not 10,000
//! serialisations). A page's full value is shown by its own output and
//! hardly anywhere else, so a build makes it when asked ([`PageValues`]).

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use super::markdown::{Rendered, TocEntry};
use super::one_pass_map::{OnePassMap, intern};
use crate::model::url::encode_path;
use crate::model::{Page, PageId, Section, SectionId, Site};

mod reuse;
pub use reuse::Reuse;

/// Values of every page and section, indexed by id.
pub struct Values {
    pages: PageValues,
    pub summaries: Vec<Value>,
    pub sections: Vec<Value>,
    pub taxonomies: Vec<Value>,
    pub base_path: String,
    /// `bulletin` and `item` values of the bulletin pages.
    pub bulletins: super::bulletin::BulletinValues,
    /// The guide and annual reports (pages made from data files).
    pub disclosure: super::disclosure::DisclosureValues,
    /// Circulars, commissions, incidents and item outcomes (intranet only).
    pub statistics: super::statistics::values::StatisticsValues,
    /// Values that thousands of pages show, made once and shared.
    shared: Shared,
    /// The preview's hash of each page value and of each summary, by page
    /// id (see `LookupFingerprints`); empty in a build.
    pub page_hashes: Vec<u64>,
    pub summary_hashes: Vec<u64>,
}

/// Every page's value: made up front, or each one when it is asked for.
enum PageValues {
    /// The preview: every value made once and kept, since its memo
    /// fingerprints them and an edit patches them one page at a time.
    Built(Vec<Value>),
    /// A build: a page's value is made from its rendered Markdown when
    /// something asks for it (its own output, nearly always the only one;
    /// `get_page`; the issue page of a bulletin item) and dropped with that
    /// output. Made all up front and held to the end, the values were a
    /// quarter of a build's peak memory (some 5 KB of map entries a page,
    /// 54 MiB at 10,000 pages).
    OnDemand {
        site: Arc<Site>,
        rendered: Vec<Rendered>,
    },
}

/// A term's link, a section's link and the ancestor links of its pages:
/// each page's value holds clones (reference counts), not copies. At
/// 100,000 pages copies of these were a large part of the page values.
struct Shared {
    /// By taxonomy, then term (in `Taxonomy::terms` order).
    term_links: Vec<Vec<Value>>,
    /// By taxonomy: its name, the key of its list in a page's value.
    taxonomy_names: Vec<&'static str>,
    /// By taxonomy: its title (`标签`).
    taxonomy_titles: Vec<Value>,
    /// By section id.
    section_links: Vec<Value>,
    /// By section id: the links from the root down to that section.
    ancestors: Vec<Value>,
    /// The `meta` of a page with no government fields (most pages of a
    /// news or bulletin site): one map, not one per page.
    empty_meta: Value,
}

#[derive(Serialize)]
struct Link<'a> {
    title: &'a str,
    path: String,
}

/// A file beside a bundle page: its name as written, its href.
#[derive(Serialize)]
struct Asset<'a> {
    name: &'a str,
    path: String,
}

#[derive(Serialize)]
struct TermLink<'a> {
    name: &'a str,
    path: String,
}

#[derive(Serialize)]
struct Summary<'a> {
    title: &'a str,
    path: String,
    permalink: String,
    date: Option<String>,
    description: &'a str,
    section: Value,
}

#[derive(Serialize)]
/// What a page's value adds to its summary's fields (title, path,
/// permalink, date, description and section, shared with the summary).
struct PageFields<'a> {
    summary: &'a str,
    toc: &'a [TocEntry],
    word_count: usize,
    reading_minutes: usize,
    updated: Option<String>,
    slug: &'a str,
    draft: bool,
    /// The `publish_at` time while it is still ahead (preview shows it).
    scheduled: Option<String>,
    source: &'a str,
    extra: &'a serde_json::Map<String, serde_json::Value>,
    assets: Vec<Asset<'a>>,
    withdrawn: Option<&'a crate::load::front::Withdrawn>,
    /// The `expires` date when it has passed.
    expired: Option<String>,
    changes: &'a [crate::load::front::Change],
    audience: Option<&'static str>,
    disclosure: Option<&'static str>,
}

impl Default for Shared {
    fn default() -> Shared {
        Shared {
            term_links: Vec::new(),
            taxonomy_names: Vec::new(),
            taxonomy_titles: Vec::new(),
            section_links: Vec::new(),
            ancestors: Vec::new(),
            empty_meta: Value::from_serializable(&Meta::default()),
        }
    }
}

/// Government fields shown by the page template.
#[derive(Serialize, Default, PartialEq)]
struct Meta<'a> {
    doc_number: Option<&'a str>,
    issuer: Option<&'a str>,
    written: Option<String>,
    genre: Option<&'a str>,
    subject: Option<&'a str>,
    keywords: &'a [String],
    validity: Option<&'static str>,
    index_number: Option<&'a str>,
    unit: Option<&'a str>,
    author: Option<&'a str>,
    category: Option<&'a str>,
}

/// The `publish_at` time of `front` while it is still ahead.
fn scheduled(site: &Site, front: &crate::load::front::FrontMatter) -> Option<String> {
    iso(&front
        .publish_at
        .map(|at| at.resolve(site.config.offset()))
        .filter(|at| at.timestamp() > site.now.timestamp()))
}

/// The `expires` date of `front` once it has passed.
fn expired(site: &Site, front: &crate::load::front::FrontMatter) -> Option<String> {
    front
        .expires
        .map(|e| e.resolve(site.config.offset()))
        .filter(|e| e.timestamp() <= site.now.timestamp())
        .map(|e| e.date().to_string())
}

pub fn iso(date: &Option<jiff::Zoned>) -> Option<String> {
    date.as_ref()
        .map(|d| d.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
}

impl Values {
    /// `keep` (the preview, with the values of its last rebuild) makes
    /// every page value now, taking those whose inputs are unchanged (see
    /// [`Reuse`]), and leaves `rendered` with the caller; otherwise the
    /// values take `rendered` and make each page's value when it is asked
    /// for (see [`PageValues::OnDemand`]).
    pub fn build(
        site: &Arc<Site>,
        rendered: Vec<Rendered>,
        sections_md: &[Rendered],
        keep: Option<&mut Reuse>,
    ) -> (Values, Option<Vec<Rendered>>) {
        let base_path = site.config.base_path();
        let mut v = Values {
            pages: PageValues::Built(Vec::new()),
            summaries: Vec::new(),
            sections: Vec::new(),
            taxonomies: Vec::new(),
            base_path,
            bulletins: Default::default(),
            disclosure: Default::default(),
            statistics: Default::default(),
            shared: Shared::default(),
            page_hashes: Vec::new(),
            summary_hashes: Vec::new(),
        };
        v.shared = v.shared(site);
        debug_assert!(
            site.pages
                .iter()
                .enumerate()
                .all(|(i, p)| p.id.index() == i)
        );
        let kept = if let Some(reuse) = keep {
            let last = std::mem::take(reuse);
            let shared = reuse::shared_hash(site, &v);
            let summaries: Vec<reuse::Made> = site
                .pages
                .par_iter()
                .zip(rendered.par_iter())
                .map(|(p, r)| last.summary(&v, site, shared, p, r))
                .collect();
            v.summaries = summaries.iter().map(|m| m.value.clone()).collect();
            v.summary_hashes = summaries.iter().map(|m| m.hash).collect();
            let common = reuse::Common { shared };
            let made: Vec<reuse::Made> = site
                .pages
                .par_iter()
                .zip(rendered.par_iter())
                .map(|(p, r)| last.page(&v, site, &common, p, r))
                .collect();
            *reuse = Reuse::of(site, &rendered, summaries, &made);
            v.page_hashes = made.iter().map(|m| m.hash).collect();
            v.pages = PageValues::Built(made.into_iter().map(|m| m.value).collect());
            Some(rendered)
        } else {
            v.summaries = site
                .pages
                .par_iter()
                .map(|p| v.summary(site, p, &rendered[p.id.index()]))
                .collect();
            v.pages = PageValues::OnDemand {
                site: site.clone(),
                rendered,
            };
            None
        };
        v.sections = site
            .sections
            .iter()
            .map(|s| v.section(site, s, &sections_md[s.id.index()]))
            .collect();
        v.taxonomies = site.taxonomies.iter().map(|t| v.taxonomy(t)).collect();
        v.bulletins = super::bulletin::BulletinValues::build(site, &v);
        v.statistics = super::statistics::values::build(site, &v);
        (v, kept)
    }

    /// The value `page` of page `id`: a reference-count copy of the one made
    /// up front, or made now (see [`PageValues`]).
    pub fn page_value(&self, id: PageId) -> Value {
        match &self.pages {
            PageValues::Built(values) => values[id.index()].clone(),
            PageValues::OnDemand { site, rendered } => {
                self.page(site, site.page(id), &rendered[id.index()])
            }
        }
    }

    /// The page values made up front (the preview's); `None` in a build.
    pub fn built_pages(&self) -> Option<&[Value]> {
        match &self.pages {
            PageValues::Built(values) => Some(values),
            PageValues::OnDemand { .. } => None,
        }
    }

    /// Rebuilds what shows the Markdown of `edited` pages, when only their
    /// bodies changed, the titles of those `retitled` and some dates (the
    /// rest of the front matter and the paths as in the last build): their
    /// page and summary values, the page values of their neighbours (which
    /// embed their summaries), of the pages `relinked` to new neighbours
    /// by a date, and of the documents they replace (whose validity banner
    /// names them), and the bulletin values (which embed items).
    /// Returns every page whose values were rebuilt, and the edited pages
    /// whose summary changed.
    pub fn patch_bodies(
        &mut self,
        site: &Site,
        rendered: &[Rendered],
        edited: &[PageId],
        retitled: &[PageId],
        relinked: &[PageId],
    ) -> (Vec<PageId>, Vec<PageId>) {
        let mut rebuilt: Vec<PageId> = edited.to_vec();
        rebuilt.extend(relinked);
        if !retitled.is_empty() {
            rebuilt.extend(
                site.pages
                    .iter()
                    .filter(|p| {
                        super::document_values::replacement(site, p)
                            .is_some_and(|r| retitled.contains(&r.id))
                    })
                    .map(|p| p.id),
            );
        }
        let mut summarised = Vec::new();
        for &id in edited {
            let summary = self.summary(site, site.page(id), &rendered[id.index()]);
            if summary != self.summaries[id.index()] {
                if let Some(hash) = self.summary_hashes.get_mut(id.index()) {
                    *hash = crate::render::memo::hash_of(&summary);
                }
                self.summaries[id.index()] = summary;
                summarised.push(id);
                rebuilt.extend(
                    site.pages
                        .iter()
                        .filter(|p| p.previous == Some(id) || p.next == Some(id))
                        .map(|p| p.id),
                );
            }
        }
        rebuilt.sort();
        rebuilt.dedup();
        for &id in &rebuilt {
            let value = self.page(site, site.page(id), &rendered[id.index()]);
            if let Some(hash) = self.page_hashes.get_mut(id.index()) {
                *hash = crate::render::memo::hash_of(&value);
            }
            match &mut self.pages {
                PageValues::Built(values) => values[id.index()] = value,
                PageValues::OnDemand { .. } => {
                    unreachable!("only the preview's values are patched")
                }
            }
        }
        self.bulletins = super::bulletin::BulletinValues::build(site, self);
        (rebuilt, summarised)
    }

    /// Makes again the values of the taxonomies `changed`, whose terms
    /// gained or lost pages (their counts).
    pub fn patch_taxonomies(&mut self, site: &Site, changed: &std::collections::BTreeSet<usize>) {
        for &t in changed {
            self.taxonomies[t] = self.taxonomy(&site.taxonomies[t]);
        }
    }

    /// A site path as an href: base path applied, percent-encoded.
    pub fn href(&self, path: &str) -> String {
        encode_path(&crate::model::url::with_base(&self.base_path, path))
    }

    pub fn permalink(site: &Site, path: &str) -> String {
        format!(
            "{}{}",
            site.config.base_url_slash().trim_end_matches('/'),
            encode_path(path)
        )
    }

    fn section_link<'a>(&self, section: &'a Section) -> Link<'a> {
        Link {
            title: &section.title,
            path: self.href(&section.path),
        }
    }

    fn summary(&self, site: &Site, page: &Page, rendered: &Rendered) -> Value {
        let front = &page.source.front;
        Value::from_serializable(&Summary {
            title: page.title(),
            path: self.href(&page.path),
            permalink: Self::permalink(site, &page.path),
            date: iso(&page.date),
            description: front
                .description
                .as_deref()
                .unwrap_or(&rendered.summary_text),
            section: self.shared.section_links[page.section.index()].clone(),
        })
    }

    fn page(&self, site: &Site, page: &Page, rendered: &Rendered) -> Value {
        let front = &page.source.front;
        let fields = PageFields {
            summary: rendered.summary_html.as_deref().unwrap_or(""),
            toc: &rendered.toc,
            word_count: rendered.word_count,
            reading_minutes: rendered.word_count.div_ceil(400).max(1),
            updated: iso(&page.updated),
            slug: &page.slug,
            draft: front.draft,
            scheduled: scheduled(site, front),
            source: &page.source.rel,
            extra: &front.extra,
            assets: page
                .assets
                .iter()
                .map(|a| Asset {
                    name: a.rsplit('/').next().unwrap_or(a),
                    path: self.href(&format!("/{a}")),
                })
                .collect(),
            withdrawn: front.withdrawn.as_ref(),
            expired: expired(site, front),
            changes: &front.changes,
            audience: Some(page.visibility.audience.label()),
            disclosure: page.visibility.disclosure.map(|d| d.label()),
        };
        let fields = Value::from_serializable(&fields)
            .into_map()
            .expect("a struct serialises to a map");
        let mut map = OnePassMap::with_capacity(fields.len() + 24);
        map.extend_owned(fields);
        let content = match &rendered.content {
            Some(value) => value.clone(),
            None => Value::from(rendered.html.as_str()),
        };
        map.insert("content", content);
        let meta = meta(front);
        let meta = if meta == Meta::default() {
            self.shared.empty_meta.clone()
        } else {
            Value::from_serializable(&meta)
        };
        map.insert("meta", meta);
        map.insert("previous", self.neighbour(page.previous));
        map.insert("next", self.neighbour(page.next));
        // The summary's strings, shared rather than made again (the
        // summary is built first: see `build` and `patch_bodies`).
        if let Some(summary) = self.summaries.get(page.id.index()).and_then(Value::as_map) {
            map.extend_from(summary);
        }
        let section = page.section.index();
        map.insert("ancestors", self.shared.ancestors[section].clone());
        let lists = self.page_term_lists(site, page);
        let mut terms = OnePassMap::with_capacity(lists.len());
        for (name, list) in &lists {
            terms.insert(name, list.clone());
        }
        map.insert("taxonomies", terms.into_value());
        map.insert("term_lists", self.term_lists(&lists));
        for (name, list) in lists {
            map.insert(name, list);
        }
        for (name, value) in super::document_values::fields(site, self, page) {
            map.insert(name, value);
        }
        map.into_value()
    }

    fn neighbour(&self, id: Option<PageId>) -> Value {
        id.map_or(Value::none(), |id| self.summaries[id.index()].clone())
    }

    fn page_term_lists(&self, site: &Site, page: &Page) -> Vec<(&'static str, Value)> {
        site.taxonomies
            .iter()
            .zip(&self.shared.term_links)
            .zip(&self.shared.taxonomy_names)
            .map(|((tax, links), &name)| {
                let names = page.source.front.taxonomies.get(&tax.name);
                let list: Vec<Value> = names
                    .into_iter()
                    .flatten()
                    .filter_map(|n| {
                        let i = tax
                            .terms
                            .binary_search_by(|t| t.name.as_str().cmp(n.trim()))
                            .ok()?;
                        Some(links[i].clone())
                    })
                    .collect();
                (name, Value::from(list))
            })
            .collect()
    }

    /// `page.term_lists`: the taxonomies the page has terms in, in the
    /// order of `gazette.toml`, each `{name, title, terms}`. What the
    /// default theme's footer shows; picking them out in the template (a
    /// list comprehension over `config.taxonomies`) was 1.6 % of a build.
    fn term_lists(&self, lists: &[(&'static str, Value)]) -> Value {
        let used: Vec<Value> = lists
            .iter()
            .zip(&self.shared.taxonomy_titles)
            .filter(|((_, terms), _)| terms.is_truthy())
            .map(|((name, terms), title)| {
                let mut list = OnePassMap::with_capacity(3);
                list.insert("name", Value::from(*name));
                list.insert("title", title.clone());
                list.insert("terms", terms.clone());
                list.into_value()
            })
            .collect();
        Value::from(used)
    }

    fn shared(&self, site: &Site) -> Shared {
        let term_links = site
            .taxonomies
            .iter()
            .map(|tax| {
                tax.terms
                    .iter()
                    .map(|t| {
                        Value::from_serializable(&TermLink {
                            name: &t.name,
                            path: self.href(&t.path),
                        })
                    })
                    .collect()
            })
            .collect();
        let section_links = site
            .sections
            .iter()
            .map(|s| Value::from_serializable(&self.section_link(s)))
            .collect();
        let ancestors = site
            .sections
            .iter()
            .map(|s| Value::from_serializable(&self.ancestor_links(site, s.id, true)))
            .collect();
        Shared {
            term_links,
            taxonomy_names: site.taxonomies.iter().map(|t| intern(&t.name)).collect(),
            taxonomy_titles: site
                .taxonomies
                .iter()
                .map(|t| Value::from(t.title.as_str()))
                .collect(),
            section_links,
            ancestors,
            ..Shared::default()
        }
    }

    fn ancestor_links<'a>(
        &self,
        site: &'a Site,
        id: SectionId,
        include_self: bool,
    ) -> Vec<Link<'a>> {
        let mut ids = site.ancestors(id);
        if include_self {
            ids.push(id);
        }
        ids.into_iter()
            .map(|s| self.section_link(site.section(s)))
            .collect()
    }

    fn section(&self, site: &Site, section: &Section, rendered: &Rendered) -> Value {
        #[derive(Serialize)]
        struct Sub<'a> {
            title: &'a str,
            path: String,
            page_count: usize,
        }
        #[derive(Serialize)]
        struct Fields<'a> {
            title: &'a str,
            description: &'a str,
            content: &'a str,
            path: String,
            permalink: String,
            ancestors: Vec<Link<'a>>,
            subsections: Vec<Sub<'a>>,
            page_count: usize,
            extra: Option<&'a serde_json::Map<String, serde_json::Value>>,
        }
        let front = section.source.as_ref().map(|s| &s.front);
        Value::from_serializable(&Fields {
            title: &section.title,
            description: front.and_then(|f| f.description.as_deref()).unwrap_or(""),
            content: rendered.html_str(),
            path: self.href(&section.path),
            permalink: Self::permalink(site, &section.path),
            ancestors: self.ancestor_links(site, section.id, false),
            subsections: section
                .children
                .iter()
                .map(|c| {
                    let c = site.section(*c);
                    Sub {
                        title: &c.title,
                        path: self.href(&c.path),
                        page_count: c.pages.len(),
                    }
                })
                .collect(),
            page_count: section.pages.len(),
            extra: front.map(|f| &f.extra),
        })
    }

    fn taxonomy(&self, tax: &crate::model::Taxonomy) -> Value {
        #[derive(Serialize)]
        struct TermRef<'a> {
            name: &'a str,
            path: String,
            count: usize,
        }
        #[derive(Serialize)]
        struct Fields<'a> {
            name: &'a str,
            title: &'a str,
            path: String,
            terms: Vec<TermRef<'a>>,
        }
        Value::from_serializable(&Fields {
            name: &tax.name,
            title: &tax.title,
            path: self.href(&tax.path),
            terms: tax
                .terms
                .iter()
                .map(|t| TermRef {
                    name: &t.name,
                    path: self.href(&t.path),
                    count: t.pages.len(),
                })
                .collect(),
        })
    }

    /// Summaries of `ids`, for lists.
    pub fn list(&self, ids: &[PageId]) -> Value {
        Value::from(
            ids.iter()
                .map(|id| self.summaries[id.index()].clone())
                .collect::<Vec<_>>(),
        )
    }
}

fn meta(front: &crate::load::front::FrontMatter) -> Meta<'_> {
    Meta {
        doc_number: front.doc_number.as_deref(),
        issuer: front.issuer.as_deref(),
        written: front.written.map(|d| d.date().to_string()),
        genre: front.genre.as_deref(),
        subject: front.subject.as_deref(),
        keywords: &front.keywords,
        validity: front.validity.map(|v| v.label()),
        index_number: front.index_number.as_deref(),
        unit: front.unit.as_deref(),
        author: front.author.as_deref(),
        category: front.category.as_deref(),
    }
}
