//! Template functions: look up a page, a section, a taxonomy or a URL.
//! They read prebuilt values; nothing is serialised per call.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::model::{Ref, SectionId};
use crate::render::values::Values;

/// What the functions can see: the values and the source → id index.
pub struct Lookup {
    pub values: Values,
    pub by_source: HashMap<String, Ref>,
    pub sections_by_dir: HashMap<String, SectionId>,
    /// Page ids of each section, in display order.
    pub section_pages: Vec<Vec<crate::model::PageId>>,
    pub taxonomy_names: Vec<String>,
}

impl Lookup {
    fn find(&self, path: &str) -> Option<Ref> {
        let path = path.trim_start_matches("@/").trim_start_matches('/');
        if let Some(r) = self.by_source.get(path) {
            return Some(*r);
        }
        let dir = path.trim_end_matches("_index.md").trim_end_matches('/');
        self.sections_by_dir.get(dir).map(|id| Ref::Section(*id))
    }
}

/// The lookup the functions read, swappable: the preview server patches the
/// values of an edited page in place instead of rebuilding the engine (whose
/// functions hold this cell, not the values).
#[derive(Clone)]
pub struct SharedLookup(Arc<RwLock<Arc<Lookup>>>);

impl SharedLookup {
    pub fn new(lookup: Lookup) -> SharedLookup {
        SharedLookup(Arc::new(RwLock::new(Arc::new(lookup))))
    }

    /// The current lookup; a cheap reference-count increment.
    pub fn get(&self) -> Arc<Lookup> {
        self.0.read().expect("lookup lock").clone()
    }

    /// Changes the lookup in place. `None` while another holder (a render
    /// in progress) still reads it.
    pub fn update<R>(&self, change: impl FnOnce(&mut Lookup) -> R) -> Option<R> {
        let mut guard = self.0.write().expect("lookup lock");
        Arc::get_mut(&mut guard).map(change)
    }
}

fn not_found(what: &str, path: &str) -> tera::Error {
    tera::Error::message(crate::t!(
        format!("找不到{what} “{path}”"),
        format!("no {what} “{path}”")
    ))
}

pub fn register(tera: &mut Tera, lookup: SharedLookup) {
    let l = lookup.clone();
    tera.register_function(
        "get_page",
        move |kw: Kwargs, _: &State| -> TeraResult<Value> {
            let l = l.get();
            let path = kw.must_get::<&str>("path")?;
            match l.find(path) {
                Some(Ref::Page(id)) => Ok(l.values.page_value(id)),
                _ => Err(not_found("页面", path)),
            }
        },
    );
    let l = lookup.clone();
    tera.register_function(
        "get_section",
        move |kw: Kwargs, _: &State| -> TeraResult<Value> {
            let l = l.get();
            let path = kw.must_get::<&str>("path")?;
            match l.find(path) {
                Some(Ref::Section(id)) => Ok(l.values.sections[id.index()].clone()),
                _ => Err(not_found("栏目", path)),
            }
        },
    );
    let l = lookup.clone();
    tera.register_function(
        "get_section_pages",
        move |kw: Kwargs, _: &State| -> TeraResult<Value> {
            let l = l.get();
            let path = kw.must_get::<&str>("path")?;
            let limit = kw.get::<usize>("limit")?.unwrap_or(10);
            Ok(match l.find(path) {
                Some(Ref::Section(id)) => {
                    let ids = &l.section_pages[id.index()];
                    l.values.list(&ids[..ids.len().min(limit)])
                }
                _ => Value::from(Vec::<Value>::new()),
            })
        },
    );
    let l = lookup.clone();
    tera.register_function(
        "get_taxonomy",
        move |kw: Kwargs, _: &State| -> TeraResult<Value> {
            let l = l.get();
            let kind = kw.must_get::<&str>("kind")?;
            l.taxonomy_names
                .iter()
                .position(|n| n == kind)
                .map(|i| l.values.taxonomies[i].clone())
                .ok_or_else(|| not_found("分类法", kind))
        },
    );
    let l = lookup;
    tera.register_function(
        "get_url",
        move |kw: Kwargs, _: &State| -> TeraResult<String> {
            let l = l.get();
            let path = kw.must_get::<&str>("path")?;
            if path.starts_with("@/") {
                return match l.find(path) {
                    // A summary has the same `path` as its page's value.
                    Some(Ref::Page(id)) => Ok(l.values.summaries[id.index()]
                        .get_from_path("path")
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default()),
                    Some(Ref::Section(id)) => Ok(l.values.sections[id.index()]
                        .get_from_path("path")
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default()),
                    None => Err(not_found("页面", path)),
                };
            }
            let absolute = if path.starts_with('/') {
                path.to_string()
            } else {
                format!("/{path}")
            };
            Ok(l.values.href(&absolute))
        },
    );
}
