//! Rendering one planned job: choose the template, fill the per-output
//! context (a handful of shared values), render.

use serde::Serialize;
use tera::Value;

use super::memo::Memo;
use super::templates::{Ctx, Engine};
use super::values::Values;
use super::{Output, feed, sitemap};
use crate::diagnostic::Diagnostic;
use crate::model::{PageId, SectionId, Site};
use crate::plan::{self, Job, Planned};
use crate::t;

/// Site-wide values, set once in tera's global context; `menu` is
/// [`menu_items`]' list, which becomes `config.menu`.
pub fn globals(site: &Site, menu: &[crate::config::MenuItem]) -> Ctx {
    #[derive(Serialize)]
    struct TaxRef<'a> {
        name: &'a str,
        title: &'a str,
    }
    #[derive(Serialize)]
    struct ConfigView<'a> {
        title: &'a str,
        description: &'a str,
        base_url: &'a str,
        language: &'a str,
        menu: &'a [crate::config::MenuItem],
        extra: &'a serde_json::Map<String, serde_json::Value>,
        taxonomies: Vec<TaxRef<'a>>,
        government: crate::config::government::GovernmentView,
        /// Whether the build writes a search index (the header's search box).
        search: bool,
    }
    let c = &site.config;
    let view = ConfigView {
        title: &c.title,
        description: &c.description,
        base_url: &c.base_url,
        language: &c.language,
        menu,
        extra: &c.extra,
        taxonomies: c
            .taxonomies
            .iter()
            .map(|t| TaxRef {
                name: &t.name,
                title: t.title(),
            })
            .collect(),
        government: c.government_view(),
        search: c.build.search,
    };
    let mut ctx = Ctx::new();
    ctx.insert(
        "government_jsonld",
        &super::json_ld::organization(&view.government, &c.base_url_slash()),
    );
    ctx.insert("config", &view);
    ctx.insert("current_year", &site.now.year());
    // The site's root path, encoded and ending in `/`: the theme's own files
    // are `{{ root }}css/site.css`, which costs a page nothing, where a
    // `get_url` call per file was a twentieth of rendering a page.
    ctx.insert("root", &root(site));
    ctx.insert_value("catalogue", super::catalogue::global(site));
    ctx
}

/// The global `root`: the site's root path, encoded and ending in `/`.
pub fn root(site: &Site) -> String {
    crate::model::url::encode_path(&format!(
        "{}/",
        site.config.base_path().trim_end_matches('/')
    ))
}

/// `config.menu` as templates get it: internal URLs with the base path
/// applied and encoded. Entries that point at a path this build does not
/// produce (an intranet-only column in the public build) are left out, so
/// the menu never links to what a profile withholds.
pub fn menu_items(site: &Site, jobs: &[Planned]) -> Vec<crate::config::MenuItem> {
    let base = site.config.base_path();
    let produced: std::collections::HashSet<&str> =
        jobs.iter().map(|j| j.output.as_str()).collect();
    site.config
        .menu
        .iter()
        .filter(|m| !m.url.starts_with('/') || menu_target_exists(&m.url, &produced))
        .map(|m| crate::config::MenuItem {
            name: m.name.clone(),
            url: if m.url.starts_with('/') {
                crate::model::url::encode_path(&crate::model::url::with_base(&base, &m.url))
            } else {
                m.url.clone()
            },
        })
        .collect()
}

fn menu_target_exists(url: &str, produced: &std::collections::HashSet<&str>) -> bool {
    let path = url
        .split(['#', '?'])
        .next()
        .unwrap_or(url)
        .trim_start_matches('/');
    path.is_empty()
        || produced.contains(path)
        || produced.contains(format!("{}/index.html", path.trim_end_matches('/')).as_str())
}

/// The template of page `id`: its own choice, its section's, a bulletin
/// item's, or `page.html`. Borrowed: the preview's fast paths ask it of
/// every page at each rebuild.
fn page_template(site: &Site, id: PageId) -> &str {
    let page = site.page(id);
    page.source
        .front
        .template
        .as_deref()
        .or_else(|| {
            site.section(page.section)
                .source
                .as_ref()
                .and_then(|s| s.front.page_template.as_deref())
        })
        .or_else(|| super::bulletin::page_template(site, id))
        .unwrap_or("page.html")
}

fn section_template(site: &Site, id: SectionId) -> &str {
    let section = site.section(id);
    section
        .source
        .as_ref()
        .and_then(|s| s.front.template.as_deref())
        .or_else(|| super::bulletin::section_template(site, id))
        .unwrap_or(if id == SectionId::ROOT {
            "index.html"
        } else {
            "section.html"
        })
}

/// A `template` that names no template is an error at the key's line.
pub fn check_template_choices(site: &Site, engine: &Engine) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut check = |name: &str, source: &crate::load::Source, keys: &[&str]| {
        if engine.has(name) {
            return;
        }
        let line = source.key_line(keys);
        out.push(
            Diagnostic::error(t!(
                format!("找不到模板 “{name}”"),
                format!("template “{name}” not found")
            ))
            .in_file(format!("content/{}", source.rel))
            .at_line(line)
            .with_source(source.text.clone())
            .with_hint(t!(
                format!(
                    "可用的模板：{}；或在站点的 templates/ 中新建 {name}",
                    engine.names().join("、")
                ),
                format!(
                    "available: {}; or create templates/{name} in the site",
                    engine.names().join(", ")
                )
            )),
        );
    };
    // Each choice is checked where it is written: a page's `template` in the
    // page, a section's `page_template` in its `_index.md`.
    for page in &site.pages {
        if let Some(name) = &page.source.front.template {
            check(name, &page.source, &["template", "模板"]);
        }
    }
    for section in &site.sections {
        if let Some(source) = &section.source {
            check(
                section_template(site, section.id),
                source,
                &["template", "模板"],
            );
            if let Some(name) = &source.front.page_template {
                check(name, source, &["page_template", "页面模板"]);
            }
        }
    }
    out
}

/// Whether page `index` of a list of `ids`, `per` to a page, shows a
/// summary that `patch` changed.
fn shows_any(ids: &[PageId], per: usize, index: usize, patch: &super::PatchScope) -> bool {
    let range = super::pager::slice(ids.len(), per, index);
    ids[range].iter().any(|id| patch.summarised.contains(id))
}

/// Whether an output made without a template shows pages' dates or their
/// order: feeds, sitemaps and the catalogue's exports do; `robots.txt`,
/// redirects and the tables of annual reports and circulars do not (a
/// date edit of a reported item or a document takes the full path).
fn shows_dates(job: &Job) -> bool {
    matches!(
        job,
        Job::Feed { .. }
            | Job::Sitemap { .. }
            | Job::SitemapIndex { .. }
            | Job::CatalogueCsv
            | Job::CatalogueJson
    )
}

/// Whether an output made without a template shows pages' titles: feeds
/// and the catalogue's exports do; sitemaps, `robots.txt`, redirects and
/// the tables of annual reports do not, and circulars' tables show reported
/// items, whose title edits take the full path (`serve::patch`).
fn shows_titles(job: &Job) -> bool {
    match job {
        Job::Feed { .. } | Job::CatalogueCsv | Job::CatalogueJson => true,
        Job::Sitemap { .. }
        | Job::SitemapIndex { .. }
        | Job::Robots
        | Job::Alias { .. }
        | Job::DataAlias { .. }
        | Job::AnnualReportCsv { .. }
        | Job::CircularCsv { .. } => false,
        // Made from templates: see `Renderer::may_have_changed`.
        _ => true,
    }
}

pub struct Renderer<'a> {
    pub site: &'a Site,
    pub engine: &'a Engine,
    pub values: &'a Values,
    /// Set when rendering incrementally (preview server).
    pub memo: Option<&'a Memo>,
    /// Fingerprints of what template functions read: site paths, values.
    pub lookups: super::LookupFingerprints,
    /// Hashes of the shared values, for contexts' fingerprints.
    pub known: Option<std::sync::Arc<super::memo::Known>>,
    /// The menu each output shows (`menu`).
    pub menu: &'a super::menu::Menu,
}

impl<'a> Renderer<'a> {
    /// The output of one job; `None` when the memo shows it is unchanged.
    pub fn render(&self, planned: &Planned) -> Result<Option<Output>, Diagnostic> {
        let site = self.site;
        let out = &planned.output;
        // Outputs made in Rust (feeds, sitemaps, CSV) are text like the
        // templates' bytes.
        let text = |s: String| Some(s.into_bytes());
        let bytes = match &planned.job {
            Job::Page(id) => {
                let mut ctx = self.context(&site.page(*id).path);
                ctx.insert_hashed(
                    "page",
                    self.values.page_value(*id),
                    self.lookups.pages.get(id.index()).copied(),
                );
                if let Some(item) = self.values.bulletins.items.get(id) {
                    ctx.insert_value("item", item.clone());
                }
                if let Some(outcomes) = self.values.statistics.outcomes.get(id) {
                    ctx.insert_value("outcomes", outcomes.clone());
                }
                self.template(page_template(site, *id), &ctx, out)?
            }
            Job::Section { section, index } => self.section(*section, *index, out)?,
            Job::Taxonomy { taxonomy } => {
                let mut ctx = self.context(&site.taxonomies[*taxonomy].path);
                ctx.insert_value("taxonomy", self.values.taxonomies[*taxonomy].clone());
                self.template("taxonomy.html", &ctx, out)?
            }
            Job::Term {
                taxonomy,
                term,
                index,
            } => self.term(*taxonomy, *term, *index, out)?,
            Job::ArchiveIndex => self.archive(None, None, out)?,
            Job::ArchiveYear { year } => self.archive(Some(*year), None, out)?,
            Job::ArchiveMonth { year, month } => self.archive(Some(*year), Some(*month), out)?,
            Job::Feed { section } => text(self.feed(*section)),
            Job::Sitemap { part } => text(sitemap::sitemap(site, *part)),
            Job::SitemapIndex { parts } => text(sitemap::sitemap_index(site, *parts)),
            Job::Robots => text(sitemap::robots(site)),
            Job::NotFound => self.template("404.html", &self.context("/404.html"), out)?,
            Job::Search => self.template("search.html", &self.context("/search/"), out)?,
            Job::Alias { to } => text(sitemap::redirect(&Values::permalink(
                site,
                &site.page(*to).path,
            ))),
            Job::Catalogue { list, index } => super::catalogue::render(self, *list, *index, out)?,
            Job::CatalogueCsv => text(super::catalogue_export::csv(site, self.values)),
            Job::CatalogueJson => text(super::catalogue_export::json(site, self.values)),
            Job::Guide => super::disclosure::render_guide(self, out)?,
            Job::AnnualReport { report } => super::disclosure::render_report(self, *report, out)?,
            Job::AnnualReportCsv { report, table } => text(super::disclosure::csv::table(
                &site.disclosure.reports[*report],
                *table,
            )),
            Job::DataAlias { to } => text(sitemap::redirect(&Values::permalink(site, to))),
            Job::StatisticsIndex => super::statistics::render_index(self, out)?,
            Job::Circular { index } => super::statistics::render_circular(self, *index, out)?,
            Job::CircularCsv { index, authors } => text(super::statistics::csv::table(
                site.statistics.as_ref().expect("planned with statistics"),
                *index,
                *authors,
            )),
            Job::Commission { index } => super::statistics::render_commission(self, *index, out)?,
            Job::Incident { index } => super::statistics::render_incident(self, *index, out)?,
        };
        Ok(bytes.map(|bytes| Output {
            path: planned.output.clone(),
            bytes,
        }))
    }

    /// After a patch of page bodies, titles and dates, whether this job's
    /// output can differ from the last one. Paths, the rest of the front
    /// matter, templates and globals stand; what changed is the page values
    /// of `patch.rebuilt`, the bulletin values (rebuilt whole), the
    /// summaries or places in lists of `patch.summarised`, and after a date
    /// the order of the lists (between those places). So: a page output (path, page value,
    /// bulletin item, outcome records from front matter: see
    /// [`Renderer::render`]) changes only for a rebuilt page or a bulletin
    /// item; an issue page (it holds bulletin values) may change; a section's
    /// or term's page changes only when its slice of the list holds a
    /// changed summary, the other lists (archive, catalogue, statistics)
    /// when any summary changed; any template that reads values through
    /// functions may change. Feeds, sitemaps, redirects and exports are
    /// made from front matter and data files only: of them, those that show
    /// titles change when a title did (`patch.titles`), those that show
    /// dates or the order when a date did (`patch.dates`).
    pub fn may_have_changed(&self, planned: &Planned, patch: &super::PatchScope) -> bool {
        let Some(name) = self.template_name(planned) else {
            return (patch.titles && shows_titles(&planned.job))
                || (patch.dates && shows_dates(&planned.job));
        };
        let shows_patch = match planned.job {
            Job::Page(id) => {
                patch.rebuilt.contains(&id) || self.values.bulletins.items.contains_key(&id)
            }
            // A section's or a term's page shows the summaries of one slice
            // of its list (see `Renderer::paginator`).
            Job::Section { section, index } => {
                let per = plan::section_per_page(self.site, section);
                self.values.bulletins.sections.contains_key(&section)
                    || shows_any(&self.site.section(section).pages, per, index, patch)
            }
            // A taxonomy's page shows its terms' counts, and so do its
            // terms' pages whose template reads more of the taxonomy than
            // its title and path; a term's own pages show its count and
            // list.
            Job::Taxonomy { taxonomy } => patch.retermed(taxonomy) || !patch.summarised.is_empty(),
            Job::Term {
                taxonomy,
                term,
                index,
            } => {
                let per = plan::term_per_page(self.site, taxonomy);
                let pages = &self.site.taxonomies[taxonomy].terms[term].pages;
                patch.terms.contains(&(taxonomy, term))
                    || (patch.retermed(taxonomy) && self.engine.deps.get(name).reads_taxonomy_terms)
                    || shows_any(pages, per, index, patch)
            }
            // Statistics values come from front matter and data files, but
            // their pages list summaries like the other lists.
            _ => !patch.summarised.is_empty(),
        };
        shows_patch || self.engine.deps.get(name).reads_values
    }

    /// The template a job's output is rendered from; `None` for the
    /// outputs made without one (feeds, sitemaps, `robots.txt`, redirects,
    /// CSV and JSON exports). Must name what [`Renderer::render`] renders:
    /// both preview fast paths choose outputs by it.
    pub fn template_name(&self, planned: &Planned) -> Option<&'a str> {
        Some(match planned.job {
            Job::Page(id) => page_template(self.site, id),
            Job::Section { section, .. } => section_template(self.site, section),
            Job::Taxonomy { .. } => "taxonomy.html",
            Job::Term { .. } => "term.html",
            Job::ArchiveIndex | Job::ArchiveYear { .. } | Job::ArchiveMonth { .. } => {
                "archive.html"
            }
            Job::NotFound => "404.html",
            Job::Search => "search.html",
            Job::Catalogue { .. } => super::catalogue::TEMPLATE,
            Job::Guide => super::disclosure::GUIDE_TEMPLATE,
            Job::AnnualReport { .. } => super::disclosure::REPORT_TEMPLATE,
            Job::StatisticsIndex => "statistics.html",
            Job::Circular { .. } => "circular.html",
            Job::Commission { .. } => "commission.html",
            Job::Incident { .. } => "incident.html",
            Job::CircularCsv { .. }
            | Job::Feed { .. }
            | Job::Sitemap { .. }
            | Job::SitemapIndex { .. }
            | Job::Robots
            | Job::Alias { .. }
            | Job::CatalogueCsv
            | Job::CatalogueJson
            | Job::AnnualReportCsv { .. }
            | Job::DataAlias { .. } => return None,
        })
    }

    /// Renders a template, unless the memo shows the output would be the
    /// same bytes as last time: same template chain, globals, context and,
    /// for templates that call functions, the same paths or values.
    pub fn template(
        &self,
        name: &str,
        ctx: &Ctx,
        output: &str,
    ) -> Result<Option<Vec<u8>>, Diagnostic> {
        if let Some(memo) = self.memo {
            let deps = self.engine.deps.get(name);
            let mut f = crate::render::memo::Fingerprint::default();
            f.str(name)
                .u64(deps.chain)
                .u64(self.engine.globals)
                .u64(ctx.fingerprint());
            // Value functions also see the paths and the order of each
            // section's pages.
            if deps.reads_paths || deps.reads_values {
                f.u64(self.lookups.paths);
            }
            if deps.reads_values {
                f.u64(self.lookups.order).u64(self.lookups.values);
            }
            if memo.unchanged(output, f.finish()) {
                return Ok(None);
            }
        }
        self.engine.render(name, ctx).map(Some)
    }

    /// An empty context for one output.
    pub fn blank(&self) -> Ctx {
        Ctx::with_known(self.known.clone())
    }

    fn context(&self, path: &str) -> Ctx {
        let mut ctx = self.blank();
        self.place(&mut ctx, path);
        ctx
    }

    /// What every output's context holds about where it is: its
    /// `current_path`, and the `menu` with its place marked (made from that
    /// path and the global menu, both fingerprinted already).
    pub fn place(&self, ctx: &mut Ctx, path: &str) {
        ctx.insert("current_path", path);
        ctx.insert_derived("menu", self.menu.of(path));
    }

    fn section(
        &self,
        id: SectionId,
        index: usize,
        out: &str,
    ) -> Result<Option<Vec<u8>>, Diagnostic> {
        let section = self.site.section(id);
        let per = plan::section_per_page(self.site, id);
        let mut ctx = self.context(&plan::pager_path(&section.path, index));
        ctx.insert_value("section", self.values.sections[id.index()].clone());
        if let Some(bulletin) = self.values.bulletins.sections.get(&id) {
            ctx.insert_value("bulletin", bulletin.clone());
        }
        ctx.insert_value(
            "paginator",
            self.paginator(&section.path, &section.pages, per, index),
        );
        self.template(section_template(self.site, id), &ctx, out)
    }

    fn term(
        &self,
        taxonomy: usize,
        term: usize,
        index: usize,
        out: &str,
    ) -> Result<Option<Vec<u8>>, Diagnostic> {
        let tax = &self.site.taxonomies[taxonomy];
        let t = &tax.terms[term];
        let per = plan::term_per_page(self.site, taxonomy);
        let mut ctx = self.context(&plan::pager_path(&t.path, index));
        ctx.insert_value("taxonomy", self.values.taxonomies[taxonomy].clone());
        #[derive(Serialize)]
        struct TermView<'a> {
            name: &'a str,
            path: String,
            count: usize,
        }
        ctx.insert(
            "term",
            &TermView {
                name: &t.name,
                path: self.values.href(&t.path),
                count: t.pages.len(),
            },
        );
        ctx.insert_value("paginator", self.paginator(&t.path, &t.pages, per, index));
        self.template("term.html", &ctx, out)
    }

    fn paginator(&self, base: &str, ids: &[PageId], per: usize, index: usize) -> Value {
        let (pager, range) = super::pager::Pager::new(self.values, base, ids.len(), per, index);
        let mut map = Value::from_serializable(&pager).into_map().expect("a map");
        map.insert("pages".into(), self.values.list(&ids[range]));
        Value::from(map)
    }

    fn archive(
        &self,
        year: Option<usize>,
        month: Option<usize>,
        out: &str,
    ) -> Result<Option<Vec<u8>>, Diagnostic> {
        #[derive(Serialize)]
        struct YearRef {
            year: i16,
            path: String,
            count: usize,
        }
        let archive = &self.site.archive;
        let years: Vec<YearRef> = archive
            .years
            .iter()
            .map(|y| YearRef {
                year: y.year,
                path: self.values.href(&y.path()),
                count: y.count(),
            })
            .collect();
        let path = match (year, month) {
            (Some(y), Some(m)) => archive.years[y].months[m].path(archive.years[y].year),
            (Some(y), None) => archive.years[y].path(),
            _ => "/archive/".to_string(),
        };
        let mut view = tera::Map::new();
        view.insert("years".into(), Value::from_serializable(&years));
        if let Some(y) = year {
            let entry = &archive.years[y];
            view.insert("year".into(), Value::from(entry.year));
            let months: Vec<Value> = entry
                .months
                .iter()
                .enumerate()
                .filter(|(i, _)| month.is_none_or(|m| m == *i))
                .map(|(_, m)| {
                    let mut mm = tera::Map::new();
                    mm.insert("month".into(), Value::from(m.month));
                    mm.insert("count".into(), Value::from(m.pages.len()));
                    mm.insert(
                        "path".into(),
                        Value::from(self.values.href(&m.path(entry.year))),
                    );
                    mm.insert("pages".into(), self.values.list(&m.pages));
                    Value::from(mm)
                })
                .collect();
            view.insert("months".into(), Value::from(months));
        }
        if let Some(m) = month {
            view.insert(
                "month".into(),
                Value::from(archive.years[year.unwrap_or(0)].months[m].month),
            );
        }
        let mut ctx = self.context(&path);
        ctx.insert_value("archive", Value::from(view));
        self.template("archive.html", &ctx, out)
    }

    fn feed(&self, section: Option<SectionId>) -> String {
        let site = self.site;
        match section {
            Some(id) => {
                let s = site.section(id);
                let title = format!("{} - {}", s.title, site.config.title);
                feed::atom(site, &title, &s.path, &s.pages)
            }
            None => {
                let ids: Vec<PageId> = site.pages.iter().map(|p| p.id).collect();
                feed::atom(site, &site.config.title, "/", &ids)
            }
        }
    }
}
