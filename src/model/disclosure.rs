//! Pages made from data files rather than Markdown: the disclosure guide
//! and the annual reports. They are public by nature (主动公开): every
//! profile builds them, and a public profile requires their confidentiality
//! review as it does for Markdown pages.

use std::sync::Arc;

use super::Site;
use super::annual_report::{self, AnnualReport};
use crate::diagnostic::Diagnostic;
use crate::load::data::guide::{self, GuideData};
use crate::load::data::{DataFile, PageData, ReviewData, text};
use crate::t;

#[derive(Debug, Default)]
pub struct Disclosure {
    pub guide: Option<GuidePage>,
    /// Oldest first.
    pub reports: Vec<AnnualReport>,
}

#[derive(Debug)]
pub struct GuidePage {
    pub file: Arc<DataFile<GuideData>>,
    pub path: String,
    pub title: String,
    pub date: Option<jiff::Zoned>,
    pub updated: Option<jiff::Zoned>,
}

impl Disclosure {
    /// (site path, source file, aliases) of every data page.
    pub fn pages(&self) -> Vec<(&str, &str, &[String])> {
        let guide = self.guide.iter().map(|g| {
            (
                g.path.as_str(),
                g.file.rel.as_str(),
                g.file.data.aliases.as_slice(),
            )
        });
        let reports = self.reports.iter().map(|r| {
            (
                r.path.as_str(),
                r.file.rel.as_str(),
                r.file.data.aliases.as_slice(),
            )
        });
        guide.chain(reports).collect()
    }

    /// The page a link names: by its data file (`@/data/guide.toml`) or as
    /// if it were the Markdown file at its URL (`@/disclosure/guide.md`), so
    /// links written before a page moved to data keep working.
    pub fn path_of_source(&self, rel: &str) -> Option<&str> {
        self.pages()
            .into_iter()
            .find(|(path, file, _)| *file == rel || format!("{}.md", path.trim_matches('/')) == rel)
            .map(|(path, _, _)| path)
    }
}

pub fn resolve(data: PageData, site: &Site) -> (Disclosure, Vec<Diagnostic>) {
    let mut ds = Vec::new();
    let offset = site.config.offset();
    let guide = data.guide.map(|file| {
        ds.extend(guide::check(&file));
        ds.extend(review_required(site, &file, &file.data.review));
        GuidePage {
            path: match text(&file.data.path) {
                Some(p) => format!("/{}/", p.trim_matches('/')),
                None => guide::DEFAULT_PATH.to_string(),
            },
            title: text(&file.data.title)
                .unwrap_or("政府信息公开指南")
                .to_string(),
            date: file
                .data
                .date
                .as_ref()
                .map(|d| d.get_ref().0.resolve(offset)),
            updated: file
                .data
                .updated
                .as_ref()
                .map(|d| d.get_ref().0.resolve(offset)),
            file: Arc::new(file),
        }
    });
    for file in &data.reports {
        ds.extend(review_required(site, file, &file.data.review));
    }
    let (reports, report_ds) = annual_report::resolve(data.reports, site);
    ds.extend(report_ds);
    (Disclosure { guide, reports }, ds)
}

/// In a public profile a data page, like any 主动公开 page, needs its
/// confidentiality review.
fn review_required<T>(
    site: &Site,
    file: &DataFile<T>,
    review: &Option<toml::Spanned<ReviewData>>,
) -> Option<Diagnostic> {
    let public = site.profile.as_ref().is_some_and(|p| p.public);
    (public && review.is_none()).then(|| {
        file.error(
            1,
            t!(
                "公开构建中，此页面须有保密审查记录（review）",
                "in a public build this page needs its confidentiality review (review)"
            ),
            t!(
                "加上 review = { by = \"审查人\", date = 2025-01-17 }",
                "add review = { by = \"reviewer\", date = 2025-01-17 }"
            ),
        )
        .rule("publishing")
    })
}
