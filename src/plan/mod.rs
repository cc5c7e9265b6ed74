//! Stage 3, plan: a flat list of outputs, each a job with its output path.
//! Two jobs that want the same path are an error naming both sources.

pub mod catalogue;

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::model::{PageId, SectionId, Site};
use crate::t;

mod disclosure;
mod statistics;

/// Above this many URLs a sitemap is split (the sitemaps.org limit).
pub const SITEMAP_LIMIT: usize = 50_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    Page(PageId),
    /// `index` counts pagers from 0.
    Section {
        section: SectionId,
        index: usize,
    },
    Taxonomy {
        taxonomy: usize,
    },
    Term {
        taxonomy: usize,
        term: usize,
        index: usize,
    },
    ArchiveIndex,
    ArchiveYear {
        year: usize,
    },
    ArchiveMonth {
        year: usize,
        month: usize,
    },
    /// `None`: the whole site.
    Feed {
        section: Option<SectionId>,
    },
    Sitemap {
        part: usize,
    },
    SitemapIndex {
        parts: usize,
    },
    Robots,
    NotFound,
    /// The search page, which queries the offline index in the browser.
    Search,
    Alias {
        to: PageId,
    },
    /// A list of the disclosure catalogue; `index` counts pagers from 0.
    Catalogue {
        list: crate::model::CatalogueList,
        index: usize,
    },
    CatalogueCsv,
    CatalogueJson,
    /// The disclosure guide, from `data/guide.toml`.
    Guide,
    /// An annual report: index into `site.disclosure.reports`.
    AnnualReport {
        report: usize,
    },
    /// CSV export of table `table` (2, 3 or 4) of an annual report.
    AnnualReportCsv {
        report: usize,
        table: u8,
    },
    /// A redirect for an alias of a page made from a data file.
    DataAlias {
        to: String,
    },
    /// The list of circulars, commissions and incidents.
    StatisticsIndex,
    /// A circular: index into `site.statistics.circulars`.
    Circular {
        index: usize,
    },
    /// A circular's unit table (or, with `authors`, its author table) as CSV.
    CircularCsv {
        index: usize,
        authors: bool,
    },
    Commission {
        index: usize,
    },
    /// An incident thread: index into `site.statistics.threads`.
    Incident {
        index: usize,
    },
}

#[derive(Debug, Clone)]
pub struct Planned {
    pub job: Job,
    /// Relative to the output folder, `/`-separated (`notices/a/index.html`).
    pub output: String,
    /// The source that asked for this output, for messages.
    pub origin: String,
}

/// Pager `index` of a list rooted at `base` (`/notices/`, `/notices/page/2/`).
pub fn pager_path(base: &str, index: usize) -> String {
    if index == 0 {
        base.to_string()
    } else {
        format!("{base}page/{}/", index + 1)
    }
}

pub fn pager_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

pub(crate) fn index_file(path: &str) -> String {
    format!("{}index.html", path.trim_start_matches('/'))
}

pub fn section_per_page(site: &Site, id: SectionId) -> usize {
    site.section(id)
        .source
        .as_ref()
        .and_then(|s| s.front.paginate_by)
        .unwrap_or(site.config.build.paginate_by)
}

pub fn term_per_page(site: &Site, taxonomy: usize) -> usize {
    site.taxonomies[taxonomy]
        .paginate_by
        .unwrap_or(site.config.build.paginate_by)
}

/// Every output of the site, with duplicate paths reported.
pub fn plan(site: &Site) -> (Vec<Planned>, Vec<Diagnostic>) {
    let mut jobs = Vec::new();
    let mut push = |job: Job, output: String, origin: &str| {
        jobs.push(Planned {
            job,
            output,
            origin: origin.to_string(),
        })
    };
    for page in &site.pages {
        let origin = format!("content/{}", page.source.rel);
        push(Job::Page(page.id), index_file(&page.path), &origin);
        for alias in &page.source.front.aliases {
            push(Job::Alias { to: page.id }, alias_file(alias), &origin);
        }
    }
    for section in &site.sections {
        let origin = section.source.as_ref().map_or_else(
            || format!("content/{}", section.dir),
            |s| format!("content/{}", s.rel),
        );
        let pagers = pager_count(section.pages.len(), section_per_page(site, section.id));
        for index in 0..pagers {
            let job = Job::Section {
                section: section.id,
                index,
            };
            push(job, index_file(&pager_path(&section.path, index)), &origin);
        }
        // The home section's feed is the site feed, planned below.
        if !section.pages.is_empty() && section.id != SectionId::ROOT {
            let feed = format!("{}atom.xml", section.path.trim_start_matches('/'));
            push(
                Job::Feed {
                    section: Some(section.id),
                },
                feed,
                &origin,
            );
        }
    }
    plan_lists(site, &mut push);
    catalogue::plan(site, &mut push);
    disclosure::plan(site, &mut push);
    statistics::plan(site, &mut push);
    check_duplicates(jobs)
}

type Push<'a> = dyn FnMut(Job, String, &str) + 'a;

fn plan_lists(site: &Site, push: &mut Push<'_>) {
    for (t, tax) in site.taxonomies.iter().enumerate() {
        let origin = format!("gazette.toml (taxonomies: {})", tax.name);
        push(
            Job::Taxonomy { taxonomy: t },
            index_file(&tax.path),
            &origin,
        );
        for (i, term) in tax.terms.iter().enumerate() {
            for index in 0..pager_count(term.pages.len(), term_per_page(site, t)) {
                let job = Job::Term {
                    taxonomy: t,
                    term: i,
                    index,
                };
                push(job, index_file(&pager_path(&term.path, index)), &origin);
            }
        }
    }
    let origin = "archive";
    push(Job::ArchiveIndex, "archive/index.html".into(), origin);
    for (y, year) in site.archive.years.iter().enumerate() {
        push(
            Job::ArchiveYear { year: y },
            index_file(&year.path()),
            origin,
        );
        for (m, month) in year.months.iter().enumerate() {
            let job = Job::ArchiveMonth { year: y, month: m };
            push(job, index_file(&month.path(year.year)), origin);
        }
    }
    push(
        Job::Feed { section: None },
        "atom.xml".into(),
        "gazette.toml",
    );
    let urls = sitemap_urls(site);
    let parts = urls.div_ceil(SITEMAP_LIMIT).max(1);
    if parts == 1 {
        push(Job::Sitemap { part: 0 }, "sitemap.xml".into(), "sitemap");
    } else {
        for part in 0..parts {
            push(
                Job::Sitemap { part },
                format!("sitemap-{}.xml", part + 1),
                "sitemap",
            );
        }
        push(Job::SitemapIndex { parts }, "sitemap.xml".into(), "sitemap");
    }
    push(Job::Robots, "robots.txt".into(), "robots");
    push(Job::NotFound, "404.html".into(), "404");
    if site.config.build.search {
        push(Job::Search, "search/index.html".into(), "search");
    }
}

/// Pages and sections are in the sitemap; lists of terms and pagers are not.
pub fn sitemap_urls(site: &Site) -> usize {
    site.pages.len() + site.sections.len() + site.disclosure.pages().len()
}

pub(crate) fn alias_file(alias: &str) -> String {
    let clean = alias.trim().trim_start_matches('/');
    if clean.ends_with(".html") || clean.ends_with(".htm") {
        clean.to_string()
    } else if clean.is_empty() {
        "index.html".into()
    } else {
        format!("{}/index.html", clean.trim_end_matches('/'))
    }
}

fn check_duplicates(jobs: Vec<Planned>) -> (Vec<Planned>, Vec<Diagnostic>) {
    // Hashed, not ordered: at 130,000 outputs an ordered map's string
    // comparisons made this the one stage that grew faster than the site.
    let mut seen: HashMap<&str, &Planned, ahash::RandomState> =
        HashMap::with_capacity_and_hasher(jobs.len(), ahash::RandomState::default());
    let mut diagnostics = Vec::new();
    let mut keep = vec![true; jobs.len()];
    for (i, job) in jobs.iter().enumerate() {
        if job.output.split('/').any(|seg| seg == "..") {
            diagnostics.push(
                Diagnostic::error(t!(
                    format!("输出路径 {} 会写到输出目录之外", job.output),
                    format!(
                        "the output path {} would leave the output folder",
                        job.output
                    )
                ))
                .in_file(&job.origin)
                .with_hint(t!(
                    "aliases 和 slug 中不要使用 ..",
                    "do not use .. in aliases or slugs"
                )),
            );
            keep[i] = false;
        } else if let Some(first) = seen.get(job.output.as_str()) {
            diagnostics.push(
                Diagnostic::error(duplicate_path_message(
                    &job.output,
                    &first.origin,
                    &job.origin,
                ))
                .in_file(&job.origin)
                .with_hint(t!(
                    "给其中一个设置不同的 slug，或删除重复的 aliases",
                    "give one of them a different slug, or remove the repeated alias"
                )),
            );
            keep[i] = false;
        } else {
            seen.insert(&job.output, job);
        }
    }
    let jobs = jobs
        .into_iter()
        .zip(keep)
        .filter_map(|(j, k)| k.then_some(j))
        .collect();
    (jobs, diagnostics)
}

fn duplicate_path_message(path: &str, first: &str, second: &str) -> String {
    t!(
        format!("两个来源生成同一个输出路径 {path}：{first} 和 {second}"),
        format!("two sources produce the same output path {path}: {first} and {second}")
    )
}
