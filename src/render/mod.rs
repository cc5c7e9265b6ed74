//! Stage 4, render: Markdown of every page and section (in parallel), the
//! shared template values built once (a page's own value, in a build, when
//! its output asks for it), then every planned job rendered in parallel
//! into `(path, bytes)`.

mod bulletin;
mod catalogue;
mod catalogue_export;
mod csv;
pub mod disclosure;
mod document_values;
mod feed;
mod jobs;
pub mod json_ld;
pub mod markdown;
pub mod memo;
mod menu;
mod one_pass_map;
mod pager;
mod sitemap;
pub mod statistics;
pub mod templates;
pub mod values;

use std::collections::BTreeMap;
use std::path::Path;

use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Location};
use crate::model::Site;
use crate::plan::Planned;
use crate::t;
use markdown::Rendered;
use templates::{Engine, Lookup, SharedLookup, Theme};
use values::Values;

/// One rendered output file: text (HTML, XML, CSV, JSON) as bytes, as tera
/// writes it. Its UTF-8 is checked once, by [`Output::text`], with a SIMD
/// check that runs at memory speed on Chinese text (std's check of a
/// 10 KB Chinese page cost more than a tenth of a build's render stage).
#[derive(Debug, Clone)]
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl Output {
    /// The output as text, for the checks it passes on its way out.
    pub fn text(&self) -> Result<&str, Diagnostic> {
        simdutf8::basic::from_utf8(&self.bytes).map_err(|_| {
            Diagnostic::error(t!(
                format!("生成的 {} 不是有效的 UTF-8 文本", self.path),
                format!("the rendered {} is not valid UTF-8", self.path)
            ))
            .with_hint(t!(
                "检查模板或数据中是否有二进制内容",
                "look for binary content in the templates or data"
            ))
        })
    }
}

/// Renders the Markdown of every page and section, and checks the anchors
/// of internal links. With `free_bodies` (a build: the site's `content/`
/// folder), each page's body is freed as soon as its Markdown is rendered,
/// a chunk at a time, so that the bodies and all the rendered HTML are never
/// in memory together; a report that needs a body line reads the file again.
pub fn markdown_all(
    site: &mut Site,
    cache: Option<&markdown::cache::Cache>,
    free_bodies: Option<&Path>,
) -> (Vec<Rendered>, Vec<Rendered>, Vec<Diagnostic>) {
    /// Pages rendered between two rounds of freeing.
    const CHUNK: usize = 2048;
    let mut diagnostics = Vec::new();
    let mut keep = |list: Vec<(Rendered, Vec<Diagnostic>)>| -> Vec<Rendered> {
        list.into_iter()
            .map(|(r, d)| {
                diagnostics.extend(d);
                r
            })
            .collect()
    };
    let mut pages = Vec::with_capacity(site.pages.len());
    for start in (0..site.pages.len()).step_by(CHUNK) {
        let end = (start + CHUNK).min(site.pages.len());
        let site_ref: &Site = site;
        let chunk: Vec<(Rendered, Vec<Diagnostic>)> = site_ref.pages[start..end]
            .par_iter()
            .map(|p| {
                let (mut rendered, ds) = markdown_one(site_ref, &p.source, cache);
                if free_bodies.is_some() {
                    // The template value now, the String freed at once: a
                    // build never holds a page's HTML twice.
                    rendered.into_template_value();
                }
                (rendered, ds)
            })
            .collect();
        pages.extend(keep(chunk));
        if free_bodies.is_some() {
            for page in &mut site.pages[start..end] {
                page.source.drop_body();
            }
        }
    }
    let site_ref: &Site = site;
    let sections: Vec<(Rendered, Vec<Diagnostic>)> = site_ref
        .sections
        .par_iter()
        .map(|s| {
            s.source
                .as_ref()
                .map(|source| markdown_one(site_ref, source, cache))
                .unwrap_or_default()
        })
        .collect();
    let sections = keep(sections);
    diagnostics.extend(check_anchors(site, free_bodies, &pages, &sections));
    if free_bodies.is_some() {
        site.drop_bodies();
    }
    (pages, sections, diagnostics)
}

/// The Markdown of one source, with its broken internal links.
pub fn markdown_one(
    site: &Site,
    source: &crate::load::Source,
    cache: Option<&markdown::cache::Cache>,
) -> (Rendered, Vec<Diagnostic>) {
    let base = site.config.base_path();
    let resolve = |rel: &str| -> Option<String> {
        site.path_of_source(rel)
            .map(|p| crate::model::url::encode_path(&crate::model::url::with_base(&base, p)))
    };
    let chars = site.config.build.summary_chars;
    let (rendered, broken) = match cache {
        Some(c) => c.render(
            markdown::cache::Input {
                rel: &source.rel,
                text: &source.text,
                body_offset: source.body_offset,
                summary_chars: chars,
            },
            &resolve,
        ),
        None => markdown::render(source.body(), chars, &resolve),
    };
    let diags = broken
        .into_iter()
        .map(|b| broken_link(site, source, b))
        .collect();
    (rendered, diags)
}

/// `@/a.md#x` must name a heading id of `a.md`. `content`: where to read a
/// source again whose body a build has freed.
pub fn check_anchors(
    site: &Site,
    content: Option<&Path>,
    pages: &[Rendered],
    sections: &[Rendered],
) -> Vec<Diagnostic> {
    let ids_of = |target: &str| -> Option<Vec<String>> {
        let rendered = match site.by_source.get(target.trim_start_matches('/'))? {
            crate::model::Ref::Page(id) => &pages[id.index()],
            crate::model::Ref::Section(id) => &sections[id.index()],
        };
        let mut ids = Vec::new();
        collect_ids(&rendered.toc, &mut ids);
        Some(ids)
    };
    let sources = site
        .pages
        .iter()
        .map(|p| (&p.source, &pages[p.id.index()]))
        .chain(
            site.sections
                .iter()
                .filter_map(|s| Some((s.source.as_ref()?, &sections[s.id.index()]))),
        );
    let mut out = Vec::new();
    for (source, rendered) in sources {
        for a in &rendered.anchored {
            let Some(ids) = ids_of(&a.target) else {
                continue;
            };
            if ids.contains(&a.anchor) {
                continue;
            }
            let source = match content {
                Some(dir) => source.reloaded(dir),
                None => std::borrow::Cow::Borrowed(source),
            };
            let location = Location::of_offset(&source.text, source.body_offset + a.offset);
            out.push(
                Diagnostic::error(t!(
                    format!("链接 @/{}#{} 的锚点在目标页中不存在", a.target, a.anchor),
                    format!(
                        "the anchor of @/{}#{} names no heading of that page",
                        a.target, a.anchor
                    )
                ))
                .in_file(format!("content/{}", source.rel))
                .at(location)
                .with_source(source.text.clone())
                .with_hint(t!(
                    format!("目标页的标题锚点有：{}", ids.join("、")),
                    format!("the target's heading ids are: {}", ids.join(", "))
                )),
            );
        }
    }
    out
}

fn collect_ids(toc: &[markdown::TocEntry], ids: &mut Vec<String>) {
    for entry in toc {
        ids.push(entry.id.clone());
        collect_ids(&entry.children, ids);
    }
}

fn broken_link(site: &Site, source: &crate::load::Source, b: markdown::BrokenLink) -> Diagnostic {
    let location = Location::of_offset(&source.text, source.body_offset + b.offset);
    if let Some(v) = site.withheld.get(b.target.trim_start_matches('/')) {
        let profile = site.profile.as_ref().map_or("", |p| p.name.as_str());
        let why = match v.disclosure {
            Some(d) if v.audience == crate::load::front::Audience::Public => d.label(),
            _ => v.audience.label(),
        };
        return Diagnostic::error(t!(
            format!("本页链接到 content/{}，而该页（{why}）不在 {profile} 构建中：公开页面不得链接到不公开的页面", b.target),
            format!("this page links to content/{}, which ({why}) is not part of the {profile} build: a published page must not link to a withheld one", b.target)
        ))
        .in_file(format!("content/{}", source.rel))
        .at(location)
        .with_source(source.text.clone())
        .with_hint(t!(
            "删除这个链接，或确认目标页可以公开后修改它的 audience / disclosure",
            "remove the link, or make the target public after checking that it may be published"
        ));
    }
    Diagnostic::error(t!(
        format!("内部链接 @/{} 指向的文件不存在", b.target),
        format!("internal link @/{} points at no file", b.target)
    ))
    .in_file(format!("content/{}", source.rel))
    .at(location)
    .with_source(source.text.clone())
    .with_hint(t!(
        "路径从 content/ 算起，如 @/notices/a.md；检查文件名是否改过",
        "paths start at content/, like @/notices/a.md; check whether the file was renamed"
    ))
}

/// Where rendered bytes go: a staging folder for `build`, nowhere for
/// `check`, memory for a preview server. Bytes are handed over as soon as a
/// job is rendered, so a build never holds the whole site in memory.
pub trait Sink: Sync {
    fn put(&self, path: &str, text: &str) -> Result<(), Diagnostic>;
}

/// What the preview server keeps between rebuilds so that a rebuild redoes
/// only what changed: parsed files, rendered Markdown, output fingerprints.
#[derive(Default)]
pub struct Incremental {
    pub load: crate::load::Cache,
    pub markdown: markdown::cache::Cache,
    pub memo: memo::Memo,
    pub page_values: values::Reuse,
    pub source_scans: crate::check::source_scans::SourceScans,
}

/// Fingerprints of what template functions can read.
#[derive(Debug, Clone, Default)]
pub struct LookupFingerprints {
    /// The fingerprint of each page value, by page id: a page output's
    /// context reuses it instead of hashing the page again.
    pub pages: Vec<u64>,
    /// Of each summary, section and taxonomy value, in that order.
    others: Vec<u64>,
    /// Every source's URL path and the base path (`get_url`).
    pub paths: u64,
    /// The order of each section's pages (`get_section_pages`): apart from
    /// `paths`, so that a date edit, which reorders a list, leaves the
    /// outputs of templates that only call `get_url` alone.
    pub order: u64,
    /// Every page, section and taxonomy value (`get_page`, `get_section`…).
    pub values: u64,
}

impl LookupFingerprints {
    fn of(site: &Site, values: &Values) -> LookupFingerprints {
        let mut paths = memo::Fingerprint::default();
        paths.str(&values.base_path);
        for p in &site.pages {
            paths.str(&p.source.rel).str(&p.path);
        }
        for s in &site.sections {
            paths.str(&s.dir).str(&s.path);
        }
        // Pages and summaries hashed as they were made (or taken from the
        // last rebuild); sections and taxonomies each on its own, in
        // parallel; then the hashes in order.
        let pages = values.page_hashes.clone();
        debug_assert_eq!(Some(pages.len()), values.built_pages().map(<[_]>::len));
        debug_assert_eq!(values.summary_hashes.len(), values.summaries.len());
        let mut others = values.summary_hashes.clone();
        others.par_extend(
            values
                .sections
                .par_iter()
                .chain(values.taxonomies.par_iter())
                .map(memo::hash_of),
        );
        let mut fingerprints = LookupFingerprints {
            pages,
            others,
            paths: paths.finish(),
            order: Self::order_of(site),
            values: 0,
        };
        fingerprints.combine();
        fingerprints
    }

    /// The fingerprint of every section's order of pages.
    fn order_of(site: &Site) -> u64 {
        let mut order = memo::Fingerprint::default();
        for s in &site.sections {
            for p in &s.pages {
                order.u64(u64::from(p.0));
            }
        }
        order.finish()
    }

    fn combine(&mut self) {
        let mut all = memo::Fingerprint::default();
        for h in self.pages.iter().chain(&self.others) {
            all.u64(*h);
        }
        self.values = all.finish();
    }

    /// The hashes of the values, by their address, for contexts.
    fn known(&self, values: &Values) -> memo::Known {
        let mut known = memo::Known::default();
        for (v, h) in values
            .built_pages()
            .unwrap_or_default()
            .iter()
            .zip(&self.pages)
        {
            known.insert(v, *h);
        }
        let others = values
            .summaries
            .iter()
            .chain(&values.sections)
            .chain(&values.taxonomies);
        for (v, h) in others.zip(&self.others) {
            known.insert(v, *h);
        }
        known
    }

    /// Takes the new hashes of the page and summary values of `pages`
    /// (their values were rebuilt, and hashed as they were; nothing else
    /// changed).
    /// Takes the new hashes of the values of the taxonomies `changed`
    /// (see [`Values::patch_taxonomies`]); `patch` combines them.
    fn patch_taxonomies(&mut self, values: &Values, changed: &std::collections::BTreeSet<usize>) {
        let first = values.summaries.len() + values.sections.len();
        for &t in changed {
            self.others[first + t] = memo::hash_of(&values.taxonomies[t]);
        }
    }

    fn patch(&mut self, values: &Values, pages: &[crate::model::PageId]) {
        for id in pages {
            self.pages[id.index()] = values.page_hashes[id.index()];
            self.others[id.index()] = values.summary_hashes[id.index()];
        }
        self.combine();
    }
}

/// Which jobs a render looks at.
#[derive(Clone, Copy)]
pub enum Scope<'a> {
    /// Every job: a build, or a rebuild after any change.
    All,
    /// After page bodies were patched in: only outputs that show what the
    /// patch changed are looked at (see `Renderer::may_have_changed`).
    Patched(&'a PatchScope),
    /// After an edit of templates alone: only the outputs of these
    /// templates (see [`memo::TemplateDeps::changed_since`]); every other
    /// output would be the same bytes.
    Templates(&'a std::collections::HashSet<String>),
}

/// What a patch of page bodies changed in the values.
pub struct PatchScope {
    /// Pages whose page values were rebuilt.
    pub rebuilt: std::collections::HashSet<crate::model::PageId>,
    /// The edited pages whose summary changed (lists show it).
    pub summarised: std::collections::HashSet<crate::model::PageId>,
    /// Whether the title of an edited page changed: feeds and the
    /// catalogue's exports show it too.
    pub titles: bool,
    /// Whether the date of an edited page changed: feeds, sitemaps and the
    /// catalogue's exports show dates and the order; the pages it moved
    /// past are in `summarised` (their places in the lists changed).
    pub dates: bool,
    /// The terms that gained or lost an edited page, as (taxonomy, term)
    /// indices: their pages show their lists and counts, and their
    /// taxonomy's list page and (when the template reads them) its terms'
    /// pages show the counts.
    pub terms: std::collections::BTreeSet<(usize, usize)>,
}

impl PatchScope {
    /// Whether a term of taxonomy `t` gained or lost a page.
    pub fn retermed(&self, t: usize) -> bool {
        self.terms.range((t, 0)..=(t, usize::MAX)).next().is_some()
    }
}

/// What the preview's fast path changed in the model's pages (see
/// [`Prepared::patch_bodies`]).
#[derive(Clone, Copy)]
pub struct PageChanges<'a> {
    /// Pages with a new source: a new body, perhaps a new title, date or terms.
    pub edited: &'a [crate::model::PageId],
    /// Those of them with a new title.
    pub retitled: &'a [crate::model::PageId],
    /// What the new dates moved in the lists, if any date changed.
    pub moved: Option<&'a crate::model::Moved>,
    /// The terms the new terms changed, as (taxonomy, term) indices.
    pub terms: &'a std::collections::BTreeSet<(usize, usize)>,
}

/// A sink that keeps nothing (`gazette check`).
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: &str, _: &str) -> Result<(), Diagnostic> {
        Ok(())
    }
}

/// Markdown rendered, values built, templates parsed: ready to render jobs.
pub struct Prepared {
    engine: Engine,
    lookup: SharedLookup,
    /// The rendered Markdown, kept by the preview server only (a build
    /// drops it once the values are made, to keep its memory low).
    markdown: Option<Markdown>,
    /// Computed on the first incremental render, patched afterwards.
    fingerprints: std::sync::OnceLock<LookupFingerprints>,
    menu: menu::Menu,
}

/// Rendered Markdown of every page and section, by id.
pub struct Markdown {
    pub pages: Vec<Rendered>,
    pub sections: Vec<Rendered>,
}

/// Builds the template values from the rendered Markdown and parses the
/// templates. Returns the problems found; `None` when the templates cannot
/// be used.
///
/// `markdown` is [`markdown_all`]'s result; `keep` keeps it (the preview,
/// which patches it, with the page values of its last rebuild), else each
/// page's HTML is freed once its value holds it.
pub fn prepare(
    site: &Arc<Site>,
    jobs: &[Planned],
    theme: &Theme,
    markdown: (Vec<Rendered>, Vec<Rendered>, Vec<Diagnostic>),
    keep: Option<&mut values::Reuse>,
    timings: &mut crate::timing::Timings,
) -> (Option<Prepared>, Vec<Diagnostic>) {
    let (page_md, section_md, mut diagnostics) = markdown;
    let (mut values, kept) = Values::build(site, page_md, &section_md, keep);
    let markdown = kept.map(|pages| Markdown {
        pages,
        sections: section_md,
    });
    let (disclosure_values, disclosure_diags) = disclosure::build(site, &values);
    values.disclosure = disclosure_values;
    diagnostics.extend(disclosure_diags);
    let menu_items = jobs::menu_items(site, jobs);
    let mut globals = jobs::globals(site, &menu_items);
    let menu = menu::Menu::new(menu_items, jobs::root(site));
    globals.insert_value("disclosure_pages", disclosure::listed(site, &values));
    timings.lap("values");
    let lookup = SharedLookup::new(Lookup {
        values,
        by_source: site.by_source.clone(),
        sections_by_dir: site
            .sections
            .iter()
            .map(|s| (s.dir.clone(), s.id))
            .collect(),
        section_pages: site.sections.iter().map(|s| s.pages.clone()).collect(),
        taxonomy_names: site.taxonomies.iter().map(|t| t.name.clone()).collect(),
    });
    let engine = match Engine::new(theme, lookup.clone(), globals) {
        Ok(e) => e,
        Err(ds) => {
            diagnostics.extend(ds);
            return (None, diagnostics);
        }
    };
    diagnostics.extend(jobs::check_template_choices(site, &engine));
    timings.lap("templates");
    (
        Some(Prepared {
            engine,
            lookup,
            markdown,
            fingerprints: std::sync::OnceLock::new(),
            menu,
        }),
        diagnostics,
    )
}

impl Prepared {
    /// The preview server's fast path for an edit of templates only: the
    /// theme's templates parsed again, every value kept. Returns the
    /// problems of the templates a site chooses and the names of the
    /// templates whose output can have changed; `Err` (the old templates
    /// kept) when they do not parse.
    pub fn reparse_templates(
        &mut self,
        site: &Site,
        theme: &Theme,
    ) -> Result<(Vec<Diagnostic>, std::collections::HashSet<String>), Vec<Diagnostic>> {
        let engine = self.engine.reparsed(theme, self.lookup.clone())?;
        let diagnostics = jobs::check_template_choices(site, &engine);
        let changed = engine.deps.changed_since(&self.engine.deps);
        self.engine = engine;
        Ok((diagnostics, changed))
    }

    /// The preview server's fast path: the pages `edited` got new bodies,
    /// those of them `retitled` new titles, and some new dates, which
    /// `moved` them in the model's lists; nothing else changed (their
    /// front matter is otherwise the same, so the plan and every other
    /// page's Markdown stand). Re-renders their Markdown and patches the
    /// values and fingerprints that show it.
    /// Returns the problems of the new text (broken links and anchors), or
    /// `None` when this `Prepared` cannot be patched (a build's, which keeps
    /// no Markdown); the caller then builds afresh.
    pub fn patch_bodies(
        &mut self,
        site: &Site,
        changes: &PageChanges<'_>,
        cache: &markdown::cache::Cache,
    ) -> Option<(Vec<Diagnostic>, PatchScope)> {
        let PageChanges {
            edited,
            retitled,
            moved,
            terms: termed,
        } = *changes;
        let markdown = self.markdown.as_mut()?;
        let mut diagnostics = Vec::new();
        for id in edited {
            let (rendered, ds) = markdown_one(site, &site.page(*id).source, Some(cache));
            markdown.pages[id.index()] = rendered;
            diagnostics.extend(ds);
        }
        diagnostics.extend(check_anchors(
            site,
            None,
            &markdown.pages,
            &markdown.sections,
        ));
        let markdown = &*markdown;
        let fingerprints = &mut self.fingerprints;
        let scope = self.lookup.update(|lookup| {
            let relinked: Vec<_> = moved.iter().flat_map(|m| &m.relinked).copied().collect();
            let (rebuilt, summarised) =
                lookup
                    .values
                    .patch_bodies(site, &markdown.pages, edited, retitled, &relinked);
            if moved.is_some() {
                lookup.section_pages = site.sections.iter().map(|s| s.pages.clone()).collect();
            }
            let taxonomies: std::collections::BTreeSet<usize> =
                termed.iter().map(|(t, _)| *t).collect();
            lookup.values.patch_taxonomies(site, &taxonomies);
            if let Some(f) = fingerprints.get_mut() {
                f.patch_taxonomies(&lookup.values, &taxonomies);
                f.patch(&lookup.values, &rebuilt);
                if moved.is_some() {
                    f.order = LookupFingerprints::order_of(site);
                }
            }
            let mut summarised: std::collections::HashSet<_> = summarised.into_iter().collect();
            summarised.extend(moved.iter().flat_map(|m| &m.shifted));
            PatchScope {
                rebuilt: rebuilt.into_iter().collect(),
                summarised,
                titles: !retitled.is_empty(),
                dates: moved.is_some(),
                terms: termed.clone(),
            }
        })?;
        Some((diagnostics, scope))
    }

    /// Renders every job in parallel into `sink`. All problems are returned
    /// together; one broken template is reported once.
    /// With a `memo`, outputs whose inputs did not change are not rendered
    /// and not handed to the sink, which keeps what it had.
    pub fn render_jobs(
        &self,
        site: &Site,
        jobs: &[Planned],
        sink: &dyn Sink,
        progress: &indicatif::ProgressBar,
        memo: Option<&memo::Memo>,
        scope: Scope<'_>,
    ) -> Vec<Diagnostic> {
        let lookup = self.lookup.get();
        let lookups = match memo {
            Some(_) => self
                .fingerprints
                .get_or_init(|| LookupFingerprints::of(site, &lookup.values))
                .clone(),
            None => LookupFingerprints::default(),
        };
        let known = memo.map(|_| Arc::new(lookups.known(&lookup.values)));
        let renderer = jobs::Renderer {
            site,
            engine: &self.engine,
            values: &lookup.values,
            memo,
            lookups,
            known,
            menu: &self.menu,
        };
        let failures: Vec<Diagnostic> = jobs
            .par_iter()
            .filter(|job| match scope {
                Scope::All => true,
                Scope::Patched(patch) => renderer.may_have_changed(job, patch),
                Scope::Templates(names) => renderer
                    .template_name(job)
                    .is_some_and(|name| names.contains(name)),
            })
            .filter_map(|job| {
                let result = renderer.render(job).and_then(|o| match o {
                    Some(o) => sink.put(&o.path, o.text()?),
                    None => Ok(()),
                });
                progress.inc(1);
                result.err()
            })
            .collect();
        dedupe(failures)
    }
}

/// One broken template fails every page that uses it; say it once, with a count.
fn dedupe(failures: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut groups: BTreeMap<String, (Diagnostic, usize)> = BTreeMap::new();
    for d in failures {
        groups
            .entry(d.to_string())
            .and_modify(|(_, n)| *n += 1)
            .or_insert((d, 1));
    }
    groups
        .into_values()
        .map(|(d, n)| {
            if n > 1 {
                let hint = t!(
                    format!("共有 {n} 个输出因此失败"),
                    format!("{n} outputs failed because of this")
                );
                d.with_hint(hint)
            } else {
                d
            }
        })
        .collect()
}
