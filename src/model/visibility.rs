//! Who may see a page. `audience` and `disclosure` resolve page → enclosing
//! sections (and the bulletin series an issue belongs to) → config defaults.
//! A profile's filter runs here, before anything else is built, so a page a
//! profile must not show never exists in that profile's `Site`: no list,
//! feed, term, sitemap or search index downstream can leak it.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::assemble::{owning_dir, parent_dir};
use crate::config::{Config, Profile};
use crate::load::Source;
use crate::load::front::{Audience, Disclosure, FrontMatter};

/// The resolved audience and disclosure of a page or section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visibility {
    pub audience: Audience,
    pub disclosure: Option<Disclosure>,
}

/// Resolves visibility through the folder chain.
pub struct Resolver<'a> {
    sections: HashMap<&'a str, &'a FrontMatter>,
    config: &'a Config,
    /// Year and home folders of bulletin issues: they take their series'
    /// audience (the stricter one when series share a folder).
    series_dirs: HashMap<String, Audience>,
}

impl<'a> Resolver<'a> {
    pub fn new(section_sources: &'a [Source], config: &'a Config) -> Resolver<'a> {
        let sections = section_sources
            .iter()
            .map(|s| (dir_of_index(&s.rel), &*s.front))
            .collect();
        let mut series_dirs: HashMap<String, Audience> = HashMap::new();
        for s in section_sources {
            let Some(audience) = s
                .front
                .series
                .as_ref()
                .and_then(|k| config.series.get(k)?.audience)
            else {
                continue;
            };
            let year = parent_dir(dir_of_index(&s.rel));
            // Never the content root: a series there would hide the site.
            for dir in [parent_dir(&year), year]
                .into_iter()
                .filter(|d| !d.is_empty())
            {
                let entry = series_dirs.entry(dir).or_insert(audience);
                *entry = (*entry).max(audience);
            }
        }
        Resolver {
            sections,
            config,
            series_dirs,
        }
    }

    /// Folder `dir`, its parent, …, the content root: each folder's front
    /// matter (if it has an `_index.md`) and its series audience (if it is
    /// a bulletin series or year folder).
    fn chain(&self, dir: &str) -> Vec<(Option<&'a FrontMatter>, Option<Audience>)> {
        let mut levels = Vec::new();
        let mut dir = dir.to_string();
        loop {
            let front = self.sections.get(dir.as_str()).copied();
            let series = self.series_dirs.get(dir.as_str()).copied();
            if front.is_some() || series.is_some() {
                levels.push((front, series));
            }
            if dir.is_empty() {
                return levels;
            }
            dir = parent_dir(&dir);
        }
    }

    fn series_audience(&self, front: &FrontMatter) -> Option<Audience> {
        let key = front.series.as_ref()?;
        self.config.series.get(key)?.audience
    }

    fn resolve(&self, own: Option<&FrontMatter>, dir: &str) -> Visibility {
        let chain: Vec<(Option<&FrontMatter>, Option<Audience>)> = own
            .map(|f| (Some(f), None))
            .into_iter()
            .chain(self.chain(dir))
            .collect();
        let audience = chain
            .iter()
            .find_map(|(f, series)| {
                f.and_then(|f| f.audience.or_else(|| self.series_audience(f)))
                    .or(*series)
            })
            .or(self.config.defaults.audience)
            .unwrap_or(Audience::Public);
        let disclosure = chain
            .iter()
            .find_map(|(f, _)| f.and_then(|f| f.disclosure))
            .or(self.config.defaults.disclosure);
        Visibility {
            audience,
            disclosure,
        }
    }

    pub fn of_section_dir(&self, dir: &str) -> Visibility {
        self.resolve(None, dir)
    }

    pub fn of_page(&self, page: &Source) -> Visibility {
        self.resolve(Some(&page.front), &owning_dir(page))
    }
}

fn dir_of_index(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(d, _)| d)
}

/// What a profile keeps, and what it withholds (remembered only so that a
/// link to a withheld page gets a precise error).
pub struct Filtered {
    pub sections: Vec<Source>,
    pub pages: Vec<(Source, Visibility)>,
    pub withheld: HashMap<String, Visibility>,
    /// Folders (a withheld section, a withheld bundle) whose files must not
    /// be copied, and single files a withheld page lists as `attachments`.
    pub withheld_dirs: Vec<String>,
    pub withheld_files: HashSet<String>,
}

impl Filtered {
    /// Whether a file of `content/` belongs to something withheld.
    pub fn withholds_asset(&self, rel: &str) -> bool {
        self.withheld_files.contains(rel)
            || self.withheld_dirs.iter().any(|d| {
                d.is_empty() || (rel.starts_with(d.as_str()) && rel[d.len()..].starts_with('/'))
            })
    }
}

/// Keeps what `profile` admits. A folder that is withheld takes its whole
/// subtree with it, whatever its pages say: the stricter setting wins.
pub fn filter(
    sections: Vec<Source>,
    pages: Vec<Source>,
    config: &Config,
    profile: Option<&Profile>,
) -> Filtered {
    let resolver = Resolver::new(&sections, config);
    let page_vis: Vec<Visibility> = pages.par_iter().map(|p| resolver.of_page(p)).collect();
    let Some(profile) = profile else {
        drop(resolver);
        let pages = pages.into_iter().zip(page_vis).collect();
        return Filtered {
            sections,
            pages,
            withheld: HashMap::new(),
            withheld_dirs: Vec::new(),
            withheld_files: HashSet::new(),
        };
    };
    let mut dirs: HashSet<String> = sections
        .iter()
        .map(|s| dir_of_index(&s.rel).to_string())
        .collect();
    for p in &pages {
        dirs.insert(owning_dir(p));
    }
    let dir_vis: HashMap<String, Visibility> = dirs
        .into_iter()
        .map(|d| {
            let v = resolver.of_section_dir(&d);
            (d, v)
        })
        .collect();
    drop(resolver);
    let closed: HashSet<&str> = dir_vis
        .iter()
        .filter(|(_, v)| !profile.admits(v.audience, v.disclosure))
        .map(|(d, _)| d.as_str())
        .collect();
    let in_closed = |dir: &str| -> bool {
        let mut d = dir.to_string();
        loop {
            if closed.contains(d.as_str()) {
                return true;
            }
            if d.is_empty() {
                return false;
            }
            d = parent_dir(&d);
        }
    };
    let mut withheld = HashMap::new();
    let mut withheld_dirs: Vec<String> = closed.iter().map(|d| d.to_string()).collect();
    let mut withheld_files = HashSet::new();
    let mut kept_sections = Vec::new();
    for s in sections {
        let dir = dir_of_index(&s.rel);
        if in_closed(dir) {
            withheld.insert(s.rel.clone(), dir_vis[dir]);
        } else {
            kept_sections.push(s);
        }
    }
    let mut kept_pages = Vec::new();
    for (p, v) in pages.into_iter().zip(page_vis) {
        if profile.admits(v.audience, v.disclosure) && !in_closed(&owning_dir(&p)) {
            kept_pages.push((p, v));
        } else {
            let dir = dir_of_index(&p.rel);
            if p.is_bundle() {
                withheld_dirs.push(dir.to_string());
            }
            for a in &p.front.attachments {
                let file = a.file.trim_start_matches("./");
                withheld_files.insert(if dir.is_empty() {
                    file.to_string()
                } else {
                    format!("{dir}/{file}")
                });
            }
            withheld.insert(p.rel.clone(), v);
        }
    }
    Filtered {
        sections: kept_sections,
        pages: kept_pages,
        withheld,
        withheld_dirs,
        withheld_files,
    }
}
