//! The template engine: theme files (from disk, or the default theme built
//! into the binary), the site's `templates/` overrides, filters, functions,
//! and the global context every output shares.

mod filters;
mod functions;
mod theme;

use std::collections::HashMap;
use std::sync::Arc;

use tera::Tera;

use crate::diagnostic::{Diagnostic, Location};
use crate::t;

pub use functions::{Lookup, SharedLookup};

use crate::render::memo::{Fingerprint, TemplateDeps};

/// A template context that can also fingerprint what is put in it, so the
/// memo can tell whether an output would come out the same as last time.
/// A full build has no memo and hashes nothing (`fingerprint: None`).
pub struct Ctx {
    inner: tera::Context,
    fingerprint: Option<Fingerprint>,
}

impl Default for Ctx {
    fn default() -> Ctx {
        Ctx::new()
    }
}

impl Ctx {
    /// A context that fingerprints what is put in it.
    pub fn new() -> Ctx {
        Ctx {
            inner: tera::Context::new(),
            fingerprint: Some(Fingerprint::default()),
        }
    }

    /// A context for one output. With `known` (an incremental render), its
    /// fingerprint takes the hashes of those shared values as given instead
    /// of walking them again; without (a full build), nothing is hashed.
    pub fn with_known(known: Option<Arc<crate::render::memo::Known>>) -> Ctx {
        Ctx {
            inner: tera::Context::new(),
            fingerprint: known.map(|k| Fingerprint::with_known(Some(k))),
        }
    }

    pub fn insert<T: serde::Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.insert_value(key, tera::Value::from_serializable(value));
    }

    /// Inserts a value whose fingerprint is already known (a page value,
    /// hashed once per build), saving a second pass over its content.
    pub fn insert_hashed(&mut self, key: &'static str, value: tera::Value, hash: Option<u64>) {
        match (hash, &mut self.fingerprint) {
            (Some(h), Some(f)) => {
                f.str(key).u64(h);
                self.inner.insert_value(key, value);
            }
            _ => self.insert_value(key, value),
        }
    }

    /// Inserts a value made from what the fingerprint already holds (the
    /// global context and this output's `current_path`): it is not hashed.
    pub fn insert_derived(&mut self, key: &'static str, value: tera::Value) {
        self.inner.insert_value(key, value);
    }

    pub fn insert_value(&mut self, key: &'static str, value: tera::Value) {
        if let Some(f) = &mut self.fingerprint {
            f.str(key).value(&value);
        }
        self.inner.insert_value(key, value);
    }

    /// What was put in; 0 for a context that does not fingerprint (only
    /// an incremental render asks, and its contexts do).
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint.as_ref().map_or(0, Fingerprint::finish)
    }
}
pub use theme::{StaticData, StaticFile, Theme};

/// A ready engine plus where each template came from, for error messages.
pub struct Engine {
    pub tera: Tera,
    files: HashMap<String, (String, Arc<str>)>,
    pub deps: TemplateDeps,
    /// Fingerprint of the global context (config, menu, year).
    pub globals: u64,
}

impl Engine {
    /// Parses every template; reports all syntax errors at once.
    pub fn new(
        theme: &Theme,
        lookup: SharedLookup,
        globals: Ctx,
    ) -> Result<Engine, Vec<Diagnostic>> {
        let fingerprint = globals.fingerprint();
        Engine::parse(theme, lookup, globals.inner, fingerprint)
    }

    /// The engine of the same site with `theme`'s templates, after an edit
    /// of templates only: the globals and the functions' lookup are as
    /// they were. The old engine is untouched when the new one fails.
    pub fn reparsed(
        &mut self,
        theme: &Theme,
        lookup: SharedLookup,
    ) -> Result<Engine, Vec<Diagnostic>> {
        let globals = self.tera.global_context().clone();
        Engine::parse(theme, lookup, globals, self.globals)
    }

    fn parse(
        theme: &Theme,
        lookup: SharedLookup,
        globals: tera::Context,
        globals_fingerprint: u64,
    ) -> Result<Engine, Vec<Diagnostic>> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        filters::register(&mut tera);
        functions::register(&mut tera, lookup);
        *tera.global_context() = globals;
        let mut files = HashMap::new();
        for tpl in &theme.templates {
            files.insert(tpl.name.clone(), (tpl.display.clone(), tpl.text.clone()));
        }
        let all = theme.templates.iter().map(|t| (t.name.as_str(), &*t.text));
        if let Err(e) = tera.add_raw_templates(all) {
            return Err(
                each_broken(&tera, theme, &files).unwrap_or_else(|| vec![diagnose(&e, &files)])
            );
        }
        let deps = TemplateDeps::new(theme.templates.iter().map(|t| (t.name.as_str(), &*t.text)));
        Ok(Engine {
            tera,
            files,
            deps,
            globals: globals_fingerprint,
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// The bytes of one template, UTF-8 as tera writes only text; their
    /// UTF-8 is checked once, by whoever reads them as text (see
    /// [`crate::render::Output::text`]).
    pub fn render(&self, name: &str, ctx: &Ctx) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(name, &ctx.inner, &mut out)
            .map_err(|e| diagnose(&e, &self.files))?;
        Ok(out)
    }

    /// Names of the templates a site can choose from, for "unknown template" hints.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.tera.get_template_names().collect();
        names.sort_unstable();
        names
    }
}

/// Every template that does not parse on its own, or `None` when each does
/// (the error is then between templates). tera stops at the first broken
/// file; an editor should see them all. Only a failed parse of the whole
/// theme comes here: parsing every file twice was a twentieth of a small
/// site's build.
fn each_broken(
    tera: &Tera,
    theme: &Theme,
    files: &HashMap<String, (String, Arc<str>)>,
) -> Option<Vec<Diagnostic>> {
    let errors: Vec<Diagnostic> = theme
        .templates
        .iter()
        .filter_map(|tpl| {
            let mut scratch = Tera::default();
            scratch.register_from(tera);
            match scratch.add_raw_template(&tpl.name, &tpl.text) {
                Err(e) if !matches!(e.kind(), tera::ErrorKind::MissingParent { .. }) => {
                    Some(diagnose(&e, files))
                }
                _ => None,
            }
        })
        .collect();
    (!errors.is_empty()).then_some(errors)
}

/// A tera error → a diagnostic naming the template file, line and column.
fn diagnose(e: &tera::Error, files: &HashMap<String, (String, Arc<str>)>) -> Diagnostic {
    let report = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let Some(report) = report else {
        let mut message = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            message.push_str(&format!("：{s}"));
            source = s.source();
        }
        return Diagnostic::error(t!(
            format!("模板错误：{message}"),
            format!("template error: {message}")
        ));
    };
    let (display, text) = files
        .get(report.filename())
        .cloned()
        .unwrap_or_else(|| (report.filename().to_string(), Arc::from("")));
    let span = report.span();
    let kind = match e.kind() {
        tera::ErrorKind::SyntaxError(_) => t!("模板语法错误", "template syntax error"),
        _ => t!("模板渲染错误", "template rendering error"),
    };
    Diagnostic::error(format!("{kind}：{}", report.message()))
        .in_file(display)
        .at(Location {
            line: span.start_line,
            column: span.start_col + 1,
        })
        .with_source(text)
}
