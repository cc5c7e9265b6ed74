//! Stage 2, model: the `Site` — pages, sections, taxonomies and the archive,
//! every cross-reference resolved to a typed id, immutable once built.

pub mod annual_report;
mod archive;
mod assemble;
pub mod bulletin;
pub mod catalogue;
pub mod disclosure;
mod redate;
mod reterm;
pub mod statistics;
mod taxonomy;
pub mod url;
mod visibility;

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::Config;
use crate::load::{Asset, Source};

pub use archive::{Archive, Month, Year};
pub use assemble::{BuildOptions, assemble, next_deadline};
pub use catalogue::{Catalogue, CatalogueList};
pub use redate::Moved;
pub use taxonomy::{Taxonomy, Term};
pub use visibility::Visibility;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SectionId(pub u32);

impl PageId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl SectionId {
    pub const ROOT: SectionId = SectionId(0);
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What a source path (`notices/a.md`) stands for in the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ref {
    Page(PageId),
    Section(SectionId),
}

#[derive(Debug)]
pub struct Page {
    pub id: PageId,
    pub source: Source,
    /// Site path, unencoded, with slashes at both ends (`/notices/通知/`).
    pub path: String,
    pub slug: String,
    pub section: SectionId,
    pub date: Option<jiff::Zoned>,
    pub updated: Option<jiff::Zoned>,
    pub previous: Option<PageId>,
    pub next: Option<PageId>,
    /// Output-relative paths of assets beside a bundle page.
    pub assets: Vec<String>,
    pub visibility: Visibility,
}

impl Page {
    pub fn title(&self) -> &str {
        self.source.front.title.as_deref().unwrap_or_default()
    }
}

#[derive(Debug)]
pub struct Section {
    pub id: SectionId,
    /// `None` for a folder without `_index.md`: it still lists its pages.
    pub source: Option<Source>,
    /// Folder relative to `content/` (`""` for the home page).
    pub dir: String,
    pub path: String,
    pub title: String,
    pub parent: Option<SectionId>,
    pub children: Vec<SectionId>,
    /// In display order (date newest first unless `sort_by` says otherwise).
    pub pages: Vec<PageId>,
}

/// A non-Markdown file of `content/` and the output path it is copied to.
#[derive(Debug, Clone)]
pub struct PlacedAsset {
    pub asset: Asset,
    pub output: String,
}

/// The whole site for one build.
#[derive(Debug)]
pub struct Site {
    pub config: Arc<Config>,
    pub pages: Vec<Page>,
    pub sections: Vec<Section>,
    pub taxonomies: Vec<Taxonomy>,
    pub archive: Archive,
    pub assets: Vec<PlacedAsset>,
    pub by_source: HashMap<String, Ref>,
    /// Sources this profile leaves out, with why; only for link errors.
    pub withheld: HashMap<String, Visibility>,
    pub profile: Option<crate::config::Profile>,
    pub now: jiff::Zoned,
    /// The disclosure catalogue, when `[catalogue]` is configured.
    pub catalogue: Option<Catalogue>,
    /// Bulletin series, issues and items this profile may show.
    pub bulletins: bulletin::Bulletins<SectionId, PageId>,
    /// Pages made from data files: the disclosure guide, annual reports.
    pub disclosure: disclosure::Disclosure,
    /// Circulars, commissions and incident threads (intranet builds only).
    pub statistics: Option<statistics::Statistics>,
    /// Every page's place newest first, for sorting lists of pages.
    pub newest_first: NewestFirst,
}

impl Site {
    /// Frees every page's and section's Markdown body (see
    /// [`crate::load::Source::drop_body`]); a build calls it once the
    /// Markdown is rendered.
    pub fn drop_bodies(&mut self) {
        for page in &mut self.pages {
            page.source.drop_body();
        }
        for section in &mut self.sections {
            if let Some(source) = &mut section.source {
                source.drop_body();
            }
        }
    }

    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id.index()]
    }

    pub fn section(&self, id: SectionId) -> &Section {
        &self.sections[id.index()]
    }

    /// Site path of a source file given as written in a link (`notices/a.md`).
    pub fn path_of_source(&self, rel: &str) -> Option<&str> {
        let rel = rel.trim_start_matches('/');
        match self.by_source.get(rel) {
            Some(Ref::Page(id)) => Some(&self.page(*id).path),
            Some(Ref::Section(id)) => Some(&self.section(*id).path),
            None => self.disclosure.path_of_source(rel),
        }
    }

    /// Ancestors of a section from the home page down to (not including) it.
    pub fn ancestors(&self, mut id: SectionId) -> Vec<SectionId> {
        let mut chain = Vec::new();
        while let Some(parent) = self.section(id).parent {
            chain.push(parent);
            id = parent;
        }
        chain.reverse();
        chain
    }
}

/// Every page's place in the site's newest-first order: newest first,
/// undated pages last, ties broken by source path, so the order never
/// depends on the file system or the thread schedule.
///
/// Made once, so that sorting a list (a section, a term, a month) compares
/// two numbers: comparing the pages' dates at each step cost 220 ms of the
/// model stage at 100,000 pages, whose pages lie far apart in memory.
#[derive(Debug)]
pub struct NewestFirst(Vec<u32>);

impl NewestFirst {
    pub fn of(pages: &[Page]) -> NewestFirst {
        let mut ids: Vec<PageId> = pages.iter().map(|p| p.id).collect();
        ids.sort_by_cached_key(|id| {
            let p = &pages[id.index()];
            (
                std::cmp::Reverse(p.date.as_ref().map(|d| d.timestamp())),
                p.source.rel.as_str(),
            )
        });
        let mut place = vec![0; pages.len()];
        for (n, id) in ids.iter().enumerate() {
            place[id.index()] = n as u32;
        }
        NewestFirst(place)
    }

    /// Puts `ids` in the newest-first order (places are distinct, so an
    /// unstable sort gives the one order).
    pub fn sort(&self, ids: &mut [PageId]) {
        ids.sort_unstable_by_key(|id| self.0[id.index()]);
    }
}
