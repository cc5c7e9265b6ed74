//! Loaded sources → `Site`: sections from folders, page paths, sort orders,
//! neighbours, taxonomies and the archive.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use super::url::clean_slug;
use super::{Page, PageId, PlacedAsset, Ref, Section, SectionId, Site};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::load::front::SortBy;
use crate::load::{Loaded, Source, file_name};

/// What the command line decides about a build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub drafts: bool,
    /// Include pages whose `publish_at` is still ahead (preview only).
    pub future: bool,
    pub now: jiff::Zoned,
    /// `None`: no profiles declared, everything is built.
    pub profile: Option<crate::config::Profile>,
}

/// Assembles the site. Problems (such as a `slug` that collides) are returned
/// beside a usable site so that all errors of a build are reported together.
pub fn assemble(
    config: Arc<Config>,
    loaded: Loaded,
    opts: &BuildOptions,
) -> (Site, Vec<Diagnostic>) {
    let offset = config.offset();
    let diagnostics = Vec::new();
    let (section_sources, page_sources): (Vec<Source>, Vec<Source>) = loaded
        .sources
        .into_iter()
        .partition(|s| s.owner == crate::load::keys::Owner::Section);
    let page_sources: Vec<Source> = page_sources
        .into_iter()
        .filter(|s| is_published(s, opts, offset, config.build.expired))
        .collect();
    let filtered = super::visibility::filter(
        section_sources,
        page_sources,
        &config,
        opts.profile.as_ref(),
    );
    let kept_assets: Vec<crate::load::Asset> = loaded
        .assets
        .into_iter()
        .filter(|a| !filtered.withholds_asset(&a.rel))
        .collect();
    let (page_sources, visibilities): (Vec<Source>, Vec<_>) = filtered.pages.into_iter().unzip();

    let mut sections = make_sections(filtered.sections, &page_sources);
    let mut by_source = HashMap::new();
    for s in &sections {
        if let Some(src) = &s.source {
            by_source.insert(src.rel.clone(), Ref::Section(s.id));
        }
    }
    let dir_to_section: HashMap<String, SectionId> =
        sections.iter().map(|s| (s.dir.clone(), s.id)).collect();

    // Each page on its own (paths, dates in the site's offset), in parallel;
    // then the indexes, in page order.
    let mut pages: Vec<Page> = page_sources
        .into_par_iter()
        .zip(visibilities)
        .enumerate()
        .map(|(i, (source, visibility))| {
            let mut page = make_page(PageId(i as u32), source, &sections, &dir_to_section, offset);
            page.visibility = visibility;
            page
        })
        .collect();
    for page in &pages {
        by_source.insert(page.source.rel.clone(), Ref::Page(page.id));
        sections[page.section.index()].pages.push(page.id);
    }
    let newest_first = super::NewestFirst::of(&pages);
    for section in &mut sections {
        sort_pages(section, &pages, &newest_first);
    }
    link_neighbours(&sections, &mut pages);
    let (assets, bundled) = place_assets(kept_assets, &pages, &dir_to_section, &sections);
    for (id, output) in bundled {
        pages[id.index()].assets.push(output);
    }
    let taxonomies = super::taxonomy::collect(&config, &pages, &newest_first);
    let archive = super::archive::collect(&pages, &newest_first);
    let catalogue = super::catalogue::collect(config.catalogue.as_ref(), &pages, &newest_first);
    let bulletins = super::bulletin::Bulletins::build(
        &config,
        sections
            .iter()
            .filter_map(|s| Some((s.id, s.source.as_ref()?)))
            .filter(|(_, s)| super::bulletin::is_issue(s)),
        pages.iter().map(|p| (p.id, &p.source)),
    );
    let site = Site {
        config,
        pages,
        sections,
        taxonomies,
        archive,
        assets,
        by_source,
        withheld: filtered.withheld,
        profile: opts.profile.clone(),
        now: opts.now.clone(),
        catalogue,
        bulletins,
        disclosure: Default::default(),
        statistics: None,
        newest_first,
    };
    (site, diagnostics)
}

/// The first moment after `now` at which the same sources would make a
/// different site: a `publish_at` or `expires` time, or a new day (the
/// year is shown and numbers documents; circulars run up to today and
/// incidents fall silent after some days). Before it, a site built at
/// `now` is exactly the site of any later clock; the preview server relies
/// on this to patch an edit into the last build without a new clock.
pub fn next_deadline(
    sources: &[Source],
    offset: jiff::tz::Offset,
    now: &jiff::Zoned,
) -> Option<jiff::Timestamp> {
    let tomorrow = now
        .date()
        .tomorrow()
        .ok()
        .and_then(|d| d.to_zoned(now.time_zone().clone()).ok())
        .map(|z| z.timestamp());
    sources
        .iter()
        .flat_map(|s| [s.front.publish_at, s.front.expires])
        .flatten()
        .map(|d| d.resolve(offset).timestamp())
        .filter(|t| *t > now.timestamp())
        .chain(tomorrow)
        .min()
}

/// Drafts only with `--drafts`; scheduled pages only once their time has
/// come; expired pages only when the site keeps them under a notice.
fn is_published(
    source: &Source,
    opts: &BuildOptions,
    offset: jiff::tz::Offset,
    expired: crate::config::Expired,
) -> bool {
    if source.front.draft && !opts.drafts {
        return false;
    }
    if expired == crate::config::Expired::Drop
        && source
            .front
            .expires
            .is_some_and(|e| e.resolve(offset).timestamp() <= opts.now.timestamp())
    {
        return false;
    }
    match &source.front.publish_at {
        Some(at) => opts.future || at.resolve(offset).timestamp() <= opts.now.timestamp(),
        None => true,
    }
}

/// Folder of a source: `notices/a.md` → `notices`; a bundle `news/x/index.md`
/// belongs to the section of `news`.
pub(super) fn owning_dir(source: &Source) -> String {
    let parent = parent_dir(&source.rel);
    if source.is_bundle() {
        parent_dir(&parent)
    } else {
        parent
    }
}

pub(super) fn parent_dir(rel: &str) -> String {
    rel.rsplit_once('/')
        .map_or(String::new(), |(d, _)| d.to_string())
}

fn make_sections(sources: Vec<Source>, pages: &[Source]) -> Vec<Section> {
    let mut by_dir: BTreeMap<String, Option<Source>> = BTreeMap::new();
    by_dir.insert(String::new(), None);
    // Pages come sorted by path, so most share the folder of the page
    // before; its ancestors are in the map already.
    let mut last = None;
    for page in pages {
        let mut dir = owning_dir(page);
        if last.as_ref() == Some(&dir) {
            continue;
        }
        last = Some(dir.clone());
        loop {
            by_dir.entry(dir.clone()).or_insert(None);
            if dir.is_empty() {
                break;
            }
            dir = parent_dir(&dir);
        }
    }
    for source in sources {
        let mut dir = parent_dir(&source.rel);
        by_dir.insert(dir.clone(), Some(source));
        while !dir.is_empty() {
            dir = parent_dir(&dir);
            by_dir.entry(dir.clone()).or_insert(None);
        }
    }
    // BTreeMap order puts "" (the home page) first: it becomes SectionId::ROOT.
    let mut sections: Vec<Section> = by_dir
        .into_iter()
        .enumerate()
        .map(|(i, (dir, source))| new_section(SectionId(i as u32), dir, source))
        .collect();
    let ids: HashMap<String, SectionId> = sections.iter().map(|s| (s.dir.clone(), s.id)).collect();
    for i in 1..sections.len() {
        let parent = ids[&parent_dir(&sections[i].dir)];
        sections[i].parent = Some(parent);
        let child = sections[i].id;
        sections[parent.index()].children.push(child);
    }
    sections
}

fn new_section(id: SectionId, dir: String, source: Option<Source>) -> Section {
    let path = if dir.is_empty() {
        "/".to_string()
    } else {
        format!(
            "/{}/",
            dir.split('/').map(clean_slug).collect::<Vec<_>>().join("/")
        )
    };
    let title = source
        .as_ref()
        .and_then(|s| s.front.title.clone())
        .unwrap_or_else(|| file_name(&dir).to_string());
    Section {
        id,
        source,
        dir,
        path,
        title,
        parent: None,
        children: Vec::new(),
        pages: Vec::new(),
    }
}

fn make_page(
    id: PageId,
    source: Source,
    sections: &[Section],
    dirs: &HashMap<String, SectionId>,
    offset: jiff::tz::Offset,
) -> Page {
    let section = dirs[&owning_dir(&source)];
    let stem = if source.is_bundle() {
        file_name(&parent_dir(&source.rel)).to_string()
    } else {
        file_name(&source.rel).trim_end_matches(".md").to_string()
    };
    let slug = match &source.front.slug {
        Some(s) => clean_slug(s),
        None => clean_slug(&stem),
    };
    let path = format!("{}{}/", sections[section.index()].path, slug);
    let date = source.front.date.map(|d| d.resolve(offset));
    let updated = source.front.updated.map(|d| d.resolve(offset));
    Page {
        id,
        source,
        path,
        slug,
        section,
        date,
        updated,
        previous: None,
        next: None,
        assets: Vec::new(),
        visibility: super::Visibility {
            audience: crate::load::front::Audience::Public,
            disclosure: None,
        },
    }
}

pub(super) fn sort_pages(section: &mut Section, pages: &[Page], order: &super::NewestFirst) {
    let sort_by = section
        .source
        .as_ref()
        .and_then(|s| s.front.sort_by)
        .unwrap_or(SortBy::Date);
    let key_title = |id: &PageId| {
        (
            pages[id.index()].title().to_string(),
            pages[id.index()].source.rel.clone(),
        )
    };
    match sort_by {
        SortBy::Date => order.sort(&mut section.pages),
        SortBy::Weight => section.pages.sort_by_key(|id| {
            let p = &pages[id.index()];
            (
                p.source.front.weight.unwrap_or(i64::MAX),
                p.source.rel.clone(),
            )
        }),
        SortBy::Title => section.pages.sort_by_key(key_title),
    }
}

/// Previous/next follow the section's display order.
fn link_neighbours(sections: &[Section], pages: &mut [Page]) {
    for section in sections {
        link_section(section, pages);
    }
}

/// Previous/next of the pages of one section, in its display order.
pub(super) fn link_section(section: &Section, pages: &mut [Page]) {
    for pair in section.pages.windows(2) {
        let (newer, older) = (pair[0], pair[1]);
        pages[newer.index()].next = Some(older);
        pages[older.index()].previous = Some(newer);
    }
}

/// Bundle assets go beside their page; other files beside their section.
/// Also returns which bundle page each asset belongs to.
fn place_assets(
    assets: Vec<crate::load::Asset>,
    pages: &[Page],
    dirs: &HashMap<String, SectionId>,
    sections: &[Section],
) -> (Vec<PlacedAsset>, Vec<(PageId, String)>) {
    let bundles: HashMap<String, &Page> = pages
        .iter()
        .filter(|p| p.source.is_bundle())
        .map(|p| (parent_dir(&p.source.rel), p))
        .collect();
    let mut bundled = Vec::new();
    let placed = assets
        .into_iter()
        .filter_map(|asset| {
            // The nearest enclosing bundle or section decides where it goes;
            // sub-folders (`images/`) are kept below that.
            let mut dir = parent_dir(&asset.rel);
            loop {
                let rest = asset.rel[dir.len()..].trim_start_matches('/');
                if let Some(page) = bundles.get(&dir) {
                    let output = format!("{}{rest}", page.path.trim_start_matches('/'));
                    bundled.push((page.id, output.clone()));
                    return Some(PlacedAsset { output, asset });
                }
                if let Some(id) = dirs.get(&dir) {
                    let output = format!(
                        "{}{rest}",
                        sections[id.index()].path.trim_start_matches('/')
                    );
                    return Some(PlacedAsset { output, asset });
                }
                if dir.is_empty() {
                    return None;
                }
                dir = parent_dir(&dir);
            }
        })
        .collect();
    (placed, bundled)
}
