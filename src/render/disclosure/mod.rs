//! Template values of the pages made from data files (the disclosure guide,
//! annual reports), built once; their prose is Markdown, rendered with the
//! same link rules as pages. Also their CSV exports and sitemap entries.

pub mod csv;
mod guide;
mod report;

use serde::Serialize;
use tera::Value;

use super::markdown;
use super::values::{Values, iso};
use crate::diagnostic::Diagnostic;
use crate::load::data::{DataFile, Text};
use crate::model::Site;
use crate::t;

/// Values of the guide and of every report (same order as the model).
#[derive(Default)]
pub struct DisclosureValues {
    pub guide: Option<Value>,
    pub reports: Vec<Value>,
}

#[derive(Serialize)]
pub struct Link {
    pub title: String,
    pub path: String,
}

/// A page made from data, as lists show it.
#[derive(Serialize)]
struct Listed {
    title: String,
    path: String,
    date: Option<String>,
    /// Href of the section the page sits in (its parent path).
    parent: String,
}

pub fn build(site: &Site, values: &Values) -> (DisclosureValues, Vec<Diagnostic>) {
    let mut ds = Vec::new();
    let md = Prose { site, values };
    let guide = site
        .disclosure
        .guide
        .as_ref()
        .map(|g| guide::value(&md, g, &mut ds));
    let reports = site
        .disclosure
        .reports
        .iter()
        .map(|r| report::value(&md, r, &mut ds))
        .collect();
    (DisclosureValues { guide, reports }, ds)
}

/// The global `disclosure_pages`: the guide and the reports (newest first),
/// for the section lists they belong in.
pub fn listed(site: &Site, values: &Values) -> Value {
    let d = &site.disclosure;
    let guide = d.guide.iter().map(|g| Listed {
        title: g.title.clone(),
        path: values.href(&g.path),
        date: iso(&g.updated),
        parent: values.href(parent_path(&g.path)),
    });
    let reports = d.reports.iter().rev().map(|r| Listed {
        title: r.title.clone(),
        path: values.href(&r.path),
        date: iso(&r.date),
        parent: values.href(parent_path(&r.path)),
    });
    Value::from_serializable(&guide.chain(reports).collect::<Vec<_>>())
}

/// (path, lastmod) of the data pages, for the sitemap.
pub fn sitemap_urls(site: &Site) -> Vec<(String, Option<String>)> {
    let d = &site.disclosure;
    d.guide
        .iter()
        .map(|g| (g.path.clone(), iso(&g.updated)))
        .chain(d.reports.iter().map(|r| (r.path.clone(), iso(&r.date))))
        .collect()
}

/// `/disclosure/guide/` → `/disclosure/`.
fn parent_path(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    trimmed.rfind('/').map_or("/", |i| &path[..=i])
}

/// Renders Markdown from data files with the site's link resolution.
struct Prose<'a> {
    site: &'a Site,
    values: &'a Values,
}

impl Prose<'_> {
    /// HTML of an optional prose value; broken `@/` links are reported at
    /// their line in the data file.
    fn html<T>(
        &self,
        file: &DataFile<T>,
        value: &Text,
        ds: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let spanned = value.as_ref()?;
        let text = spanned.get_ref();
        if text.trim().is_empty() {
            return None;
        }
        let base = self.site.config.base_path();
        let resolve = |rel: &str| -> Option<String> {
            self.site
                .path_of_source(rel)
                .map(|p| crate::model::url::encode_path(&crate::model::url::with_base(&base, p)))
        };
        let (rendered, broken) = markdown::render(text, usize::MAX, &resolve);
        // A multi-line string's text starts on the line after its quotes.
        let raw = &file.text[spanned.span().start..];
        let first = file.line_of(spanned)
            + usize::from(raw.starts_with("\"\"\"\n") || raw.starts_with("'''\n"));
        for b in broken {
            let line = first + text[..b.offset.min(text.len())].matches('\n').count();
            ds.push(file.error(
                line,
                t!(
                    format!("内部链接 @/{} 指向的文件不存在", b.target),
                    format!("internal link @/{} points at no file", b.target)
                ),
                t!(
                    "路径从 content/ 算起，如 @/notices/a.md；检查文件名是否改过",
                    "paths start at content/, like @/notices/a.md; check whether the file was renamed"
                ),
            ));
        }
        Some(rendered.html)
    }

    /// Breadcrumbs of a data page: the section at its parent path and that
    /// section's ancestors; `[]` when no section is there.
    fn ancestors(&self, path: &str) -> Vec<Link> {
        let parent = parent_path(path);
        let Some(section) = self.site.sections.iter().find(|s| s.path == parent) else {
            return Vec::new();
        };
        let mut ids = self.site.ancestors(section.id);
        ids.push(section.id);
        ids.into_iter()
            .map(|id| {
                let s = self.site.section(id);
                Link {
                    title: s.title.clone(),
                    path: self.values.href(&s.path),
                }
            })
            .collect()
    }
}

/// `guide.html` with `guide`.
pub fn render_guide(
    r: &super::jobs::Renderer<'_>,
    out: &str,
) -> Result<Option<Vec<u8>>, Diagnostic> {
    let guide = r
        .site
        .disclosure
        .guide
        .as_ref()
        .expect("planned with a guide");
    let mut ctx = r.blank();
    r.place(&mut ctx, &guide.path);
    ctx.insert_value(
        "guide",
        r.values
            .disclosure
            .guide
            .clone()
            .unwrap_or(tera::Value::none()),
    );
    r.template(GUIDE_TEMPLATE, &ctx, out)
}

/// The templates of the guide and of an annual report.
pub const GUIDE_TEMPLATE: &str = "guide.html";
pub const REPORT_TEMPLATE: &str = "annual-report.html";

/// `annual-report.html` with `report`.
pub fn render_report(
    r: &super::jobs::Renderer<'_>,
    index: usize,
    out: &str,
) -> Result<Option<Vec<u8>>, Diagnostic> {
    let report = &r.site.disclosure.reports[index];
    let mut ctx = r.blank();
    r.place(&mut ctx, &report.path);
    ctx.insert_value("report", r.values.disclosure.reports[index].clone());
    r.template(REPORT_TEMPLATE, &ctx, out)
}
