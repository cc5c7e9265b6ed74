//! Which edits the fast path of a rebuild can take: the commonest edits of a
//! preview session are typing in the body of one page and changing its
//! title, its date or its tags. When every touched file is a page of the
//! last build whose front matter is the same but for its title, for a date
//! in the same month or for terms that exist before and after, the plan and
//! every other page stand, and only those pages' text, title, date and
//! terms have to be put in, and a moved page's lists put in their new order
//! (see `Ready::patch_bodies`).

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::load::{self, Source};
use crate::model::{PageId, Ref, Site};
use crate::render::templates::Theme;

/// One touched page of the last build and its new source.
pub struct Edit {
    pub id: PageId,
    pub source: Source,
    pub change: Change,
}

/// What changed in an edited page besides its body.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Nothing: the same front matter.
    Body,
    /// Its title (the rest of its front matter did not): lists,
    /// neighbours, feeds and exports show it too.
    Title,
    /// Its date, now this one, in the same month of the same year: the
    /// page moves in its lists.
    Date(jiff::Zoned),
    /// Its taxonomy lists, joining and leaving terms that exist before and
    /// after, each with as many list pages (see `Site::retermable`).
    Terms,
}

/// The new sources of the touched pages, or `None` when any touched path is
/// something else: a new, deleted or renamed file, a section, an asset, a
/// template, a data file, a file that no longer loads, or a page whose front
/// matter changed beyond a title, a date or terms the fast path can put in
/// (see [`front_edit`]). `last` is what the last build reported.
pub fn edited_pages(
    root: &Path,
    site: &Site,
    last: &[Diagnostic],
    touched: &[PathBuf],
) -> Option<Vec<Edit>> {
    let content = root.join("content");
    let taxonomies: Vec<String> = site
        .config
        .taxonomies
        .iter()
        .map(|t| t.name.clone())
        .collect();
    let mut edited: Vec<Edit> = Vec::new();
    for path in touched {
        let rel = relative(&content, path)?;
        let Some(Ref::Page(id)) = site.by_source.get(&rel) else {
            return None;
        };
        if edited.iter().any(|e| e.id == *id) {
            continue;
        }
        let old = &site.page(*id).source;
        let new = load::load_file(path, &rel, &taxonomies).ok()?;
        let edit = if new.text[..new.body_offset] == old.text[..old.body_offset] {
            // Same front matter text, so the same parsed front matter, and
            // the old one also carries what the build added (the index
            // number).
            Edit {
                id: *id,
                source: Source {
                    text: new.text,
                    ..old.clone()
                },
                change: Change::Body,
            }
        } else {
            let (source, change) = front_edit(site, *id, new, last, &taxonomies)?;
            Edit {
                id: *id,
                source,
                change,
            }
        };
        edited.push(edit);
    }
    Some(edited)
}

/// The edits as the pipeline puts them in: the new sources, and which
/// pages got a new title, date or terms.
pub fn page_edits(edits: Vec<Edit>) -> crate::pipeline::PageEdits {
    let mut out = crate::pipeline::PageEdits::default();
    for edit in edits {
        match edit.change {
            Change::Body => {}
            Change::Title => out.retitled.push(edit.id),
            Change::Date(date) => out.redated.push((edit.id, date)),
            Change::Terms => out.retermed.push(edit.id),
        }
        out.sources.push((edit.id, edit.source));
    }
    out
}

/// `new`, the source of page `id` whose front matter text changed, and
/// what changed, when only its title, its date or its taxonomy lists
/// changed and nothing the last build made of the old one depends on it
/// beyond what the fast path makes again (the page, its summary, its
/// neighbours, bulletin values, pages it replaces, lists and their order,
/// terms and their pages, feeds, sitemaps and exports).
/// `None`, for the full path, when the rest of the front matter changed, or
/// when the title, date or terms also decide:
/// - an order: its section is sorted by title (for a title);
/// - the information-work statistics: the page is a reported item, whose
///   title and date the model keeps (incident threads, outcome records);
/// - a finding of the last build in this file other than the text checks
///   a patch redoes (an assigned index number, say, is noted once, by the
///   build that assigns it): those findings would stand as they were;
/// - for a date, anything [`movable`] does not allow;
/// - for terms, a term made or emptied, or one whose number of list pages
///   changes (the plan's outputs change: see `Site::retermable`).
fn front_edit(
    site: &Site,
    id: PageId,
    mut new: Source,
    last: &[Diagnostic],
    taxonomies: &[String],
) -> Option<(Source, Change)> {
    let page = site.page(id);
    let old = &page.source;
    // The old front matter parsed afresh, as `new`'s was: the one the build
    // kept also holds what the build added (an index number).
    let split = load::split::split(&old.text).ok()?;
    let before = load::parse::front_matter(&split, old.owner, taxonomies).ok()?;
    let after = serde_json::to_value(&*new.front).ok()?;
    let differs_only_in = |set: &dyn Fn(&mut load::front::FrontMatter)| {
        let mut front = before.clone();
        set(&mut front);
        serde_json::to_value(&front).ok().as_ref() == Some(&after)
    };
    let change = if differs_only_in(&|f| f.title.clone_from(&new.front.title)) {
        let sorted_by_title = site
            .section(page.section)
            .source
            .as_ref()
            .is_some_and(|s| s.front.sort_by == Some(crate::load::front::SortBy::Title));
        if sorted_by_title {
            return None;
        }
        Change::Title
    } else if differs_only_in(&|f| f.date = new.front.date) {
        Change::Date(movable(site, id, &new.front)?)
    } else if differs_only_in(&|f| f.taxonomies.clone_from(&new.front.taxonomies)) {
        let pagers = |t, n| crate::plan::pager_count(n, crate::plan::term_per_page(site, t));
        if !site.retermable(id, &new.front, pagers) {
            return None;
        }
        Change::Terms
    } else {
        return None;
    };
    let reported = site
        .statistics
        .as_ref()
        .is_some_and(|s| s.items.iter().any(|i| i.rel == old.rel));
    let file = Path::new("content").join(&old.rel);
    let noted = last.iter().any(|d| {
        d.file.as_deref() == Some(file.as_path()) && !crate::pipeline::Patched::redoes(d.rule)
    });
    if reported || noted {
        return None;
    }
    std::sync::Arc::make_mut(&mut new.front)
        .index_number
        .clone_from(&old.front.index_number);
    Some((new, change))
}

/// The new date of page `id`, whose front matter is now `front`, when the
/// model can move the page there in place (see `Site::redate`): dated
/// before and after, in the same month of the same year (the archive's
/// months and the annual reports' yearly counts stand; a date ahead of
/// the clock hides nothing: `publish_at` does), and a page whose date decides
/// nothing else: not a document of the catalogue (its lists, index
/// numbers, years, the annual report's counts), no `written` date (the
/// working-day and validity checks compare the two), and no confidentiality
/// review dated after it (the publishing rules' finding).
fn movable(site: &Site, id: PageId, front: &load::front::FrontMatter) -> Option<jiff::Zoned> {
    let page = site.page(id);
    let offset = site.config.offset();
    let old = page.date.as_ref()?;
    let new = front.date?.resolve(offset);
    let same_month = (old.year(), old.month()) == (new.year(), new.month());
    let catalogued = site
        .catalogue
        .as_ref()
        .is_some_and(|c| c.documents.contains(&id));
    let reviewed_later = front
        .review
        .as_ref()
        .is_some_and(|r| r.date.resolve(offset).date() > new.date());
    let plain = front.written.is_none() && !reviewed_later;
    (same_month && !catalogued && plain).then_some(new)
}

/// Whether every touched path is a template file the last build read (its
/// theme's or the site's `templates/`) and still there: an edit the
/// templates-only fast path can take. A new or deleted template, or any
/// other file, takes the full path.
pub fn only_templates(root: &Path, theme: &Theme, touched: &[PathBuf]) -> bool {
    !touched.is_empty()
        && touched.iter().all(|path| {
            let Some(rel) = relative(root, path) else {
                return false;
            };
            path.is_file() && theme.templates.iter().any(|t| t.display == rel)
        })
}

/// `path` inside `root`, `/`-separated, as messages show it.
fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel: Vec<&str> = path
        .strip_prefix(root)
        .ok()?
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<_>>()?;
    Some(rel.join("/"))
}

/// Drops repeated findings (a finding of the last build that a rescan of a
/// rendered page found again).
pub fn dedupe(diagnostics: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    diagnostics.retain(|d| {
        seen.insert((
            d.file.clone(),
            d.location.map(|l| (l.line, l.column)),
            d.message.clone(),
        ))
    });
}
