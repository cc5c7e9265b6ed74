//! Which edits the fast path of a rebuild can take: the commonest edit of a
//! preview session is typing in the body of one page. When every touched
//! file is a page of the last build whose front matter is byte for byte the
//! same, the model, the plan and every other page stand, and only the text
//! of those pages has to be put in (see `Ready::patch_bodies`).

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::load::{self, Source};
use crate::model::{PageId, Ref, Site};
use crate::render::templates::Theme;

/// The new sources of the touched pages, or `None` when any touched path is
/// something else: a new, deleted or renamed file, a section, an asset, a
/// template, a data file, a file that no longer loads, or a page whose front
/// matter changed.
pub fn edited_bodies(
    root: &Path,
    site: &Site,
    touched: &[PathBuf],
) -> Option<Vec<(PageId, Source)>> {
    let content = root.join("content");
    let taxonomies: Vec<String> = site
        .config
        .taxonomies
        .iter()
        .map(|t| t.name.clone())
        .collect();
    let mut edited: Vec<(PageId, Source)> = Vec::new();
    for path in touched {
        let rel = relative(&content, path)?;
        let Some(Ref::Page(id)) = site.by_source.get(&rel) else {
            return None;
        };
        if edited.iter().any(|(e, _)| e == id) {
            continue;
        }
        let old = &site.page(*id).source;
        let new = load::load_file(path, &rel, &taxonomies).ok()?;
        if new.text[..new.body_offset] != old.text[..old.body_offset] {
            return None;
        }
        // Same front matter text, so the same parsed front matter, and the
        // old one also carries what the build added (the index number).
        edited.push((
            *id,
            Source {
                text: new.text,
                ..old.clone()
            },
        ));
    }
    Some(edited)
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
