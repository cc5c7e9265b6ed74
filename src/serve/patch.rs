//! Which edits the fast path of a rebuild can take: the commonest edits of a
//! preview session are typing in the body of one page and changing its
//! title. When every touched file is a page of the last build whose front
//! matter is the same but for its title, the model's order, the plan and
//! every other page stand, and only those pages' text and title have to be
//! put in (see `Ready::patch_bodies`).

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::load::{self, Source};
use crate::model::{PageId, Ref, Site};
use crate::render::templates::Theme;

/// One touched page of the last build and its new source.
pub struct Edit {
    pub id: PageId,
    pub source: Source,
    /// Whether its title changed (the rest of its front matter did not):
    /// lists, neighbours, feeds and exports show it too.
    pub retitled: bool,
}

/// The new sources of the touched pages, or `None` when any touched path is
/// something else: a new, deleted or renamed file, a section, an asset, a
/// template, a data file, a file that no longer loads, or a page whose front
/// matter changed beyond a title the fast path can put in (see
/// [`retitle`]). `last` is what the last build reported.
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
                retitled: false,
            }
        } else {
            Edit {
                id: *id,
                source: retitle(site, *id, new, last, &taxonomies)?,
                retitled: true,
            }
        };
        edited.push(edit);
    }
    Some(edited)
}

/// `new`, the source of page `id` whose front matter text changed, when
/// only its title changed and nothing the last build made of the old one
/// depends on the title beyond what the fast path makes again (the page,
/// its summary, its neighbours, bulletin values, pages it replaces, lists,
/// feeds and exports). `None`, for the full path, when the rest of the front
/// matter changed, or when the title also decides:
/// - an order: its section is sorted by title;
/// - the information-work statistics: the page is a reported item, whose
///   title the model keeps (incident threads, outcome records);
/// - a finding of the last build in this file other than the text checks
///   a patch redoes (an assigned index number, say, is noted once, by the
///   build that assigns it): those findings would stand as they were.
fn retitle(
    site: &Site,
    id: PageId,
    mut new: Source,
    last: &[Diagnostic],
    taxonomies: &[String],
) -> Option<Source> {
    let page = site.page(id);
    let old = &page.source;
    // The old front matter parsed afresh, as `new`'s was: the one the build
    // kept also holds what the build added (an index number).
    let split = load::split::split(&old.text).ok()?;
    let mut before = load::parse::front_matter(&split, old.owner, taxonomies).ok()?;
    before.title.clone_from(&new.front.title);
    if serde_json::to_value(&before).ok()? != serde_json::to_value(&*new.front).ok()? {
        return None;
    }
    let sorted_by_title = site
        .section(page.section)
        .source
        .as_ref()
        .is_some_and(|s| s.front.sort_by == Some(crate::load::front::SortBy::Title));
    let reported = site
        .statistics
        .as_ref()
        .is_some_and(|s| s.items.iter().any(|i| i.rel == old.rel));
    let file = Path::new("content").join(&old.rel);
    let noted = last.iter().any(|d| {
        d.file.as_deref() == Some(file.as_path()) && !crate::pipeline::Patched::redoes(d.rule)
    });
    if sorted_by_title || reported || noted {
        return None;
    }
    std::sync::Arc::make_mut(&mut new.front)
        .index_number
        .clone_from(&old.front.index_number);
    Some(new)
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
