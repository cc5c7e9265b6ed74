//! Giving every document its index number (索引号). Runs over ALL loaded
//! documents before any profile filters them, so the public and intranet
//! builds give the same numbers. A document is a page with `doc_number` or
//! `genre`; drafts get their number when they stop being drafts.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::Source;
use super::keys::Owner;
use super::registry::{Entry, REGISTRY_FILE, Registry};
use crate::config::catalogue::{CatalogueConfig, IndexPattern};
use crate::diagnostic::Diagnostic;
use crate::t;

const RULE: &str = "index-number";
const KEYS: &[&str] = &["index_number", "索引号"];

/// What the assignment decided: the registry to write when the build
/// succeeds, and whether it differs from the one read.
#[derive(Debug)]
pub struct Assignment {
    pub registry: Registry,
    pub changed: bool,
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether a source is a document (公文) with a catalogue entry.
pub fn is_document(source: &Source) -> bool {
    source.owner == Owner::Page
        && !source.front.draft
        && (source.front.doc_number.is_some() || source.front.genre.is_some())
}

/// Sets `index_number` on every document of `sources` (as given by hand,
/// as registered, or newly assigned) and returns the updated registry.
pub fn assign(
    sources: &mut [Source],
    config: &CatalogueConfig,
    pattern: &IndexPattern,
    registry: Registry,
    fallback_year: i16,
) -> Assignment {
    let before = registry.clone();
    let mut state = State::new(registry);
    let docs: Vec<usize> = (0..sources.len())
        .filter(|&i| is_document(&sources[i]))
        .collect();
    let mut diagnostics = state.take_hand_given(sources, &docs);
    let mut new = Vec::new();
    for &i in &docs {
        let rel = sources[i].rel.clone();
        if sources[i].front.index_number.is_some() {
            continue;
        }
        if let Some(entry) = state.reg.assigned.get(&rel) {
            Arc::make_mut(&mut sources[i].front).index_number = Some(entry.number.clone());
        } else if let Some(entry) = state.reg.retired.remove(&rel) {
            // The same file came back (a revert): it keeps its number.
            Arc::make_mut(&mut sources[i].front).index_number = Some(entry.number.clone());
            state.reg.assigned.insert(rel, entry);
        } else {
            new.push(i);
        }
    }
    // New numbers follow the documents' dates, so the order is stable.
    new.sort_by_key(|&i| {
        (
            year_of(&sources[i], fallback_year),
            date_key(&sources[i]),
            i,
        )
    });
    for i in new {
        let year = year_of(&sources[i], fallback_year);
        let number = state.next_number(config, pattern, year);
        diagnostics.push(assigned_note(&sources[i], &number));
        Arc::make_mut(&mut sources[i].front).index_number = Some(number.clone());
        state.take(&sources[i].rel, number);
    }
    state.retire_missing(sources, &docs);
    let changed = state.reg != before;
    Assignment {
        registry: state.reg,
        changed,
        diagnostics,
    }
}

struct State {
    reg: Registry,
    /// Every number in use or retired → the path that holds it.
    taken: HashMap<String, String>,
}

impl State {
    fn new(reg: Registry) -> State {
        let taken = reg
            .assigned
            .iter()
            .chain(reg.retired.iter())
            .map(|(p, e)| (e.number.clone(), p.clone()))
            .collect();
        State { reg, taken }
    }

    fn take(&mut self, rel: &str, number: String) {
        self.taken.insert(number.clone(), rel.to_string());
        self.reg
            .assigned
            .insert(rel.to_string(), Entry { number, line: 0 });
    }

    /// Numbers written by hand: duplicates (with each other or with the
    /// registry) and changed numbers are errors; the rest are registered.
    fn take_hand_given(&mut self, sources: &[Source], docs: &[usize]) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        let mut by_hand: BTreeMap<String, &Source> = BTreeMap::new();
        for &i in docs {
            let source = &sources[i];
            let Some(number) = source.front.index_number.as_deref().map(str::trim) else {
                continue;
            };
            if let Some(first) = by_hand.get(number) {
                errors.push(duplicate(source, number, &format!("content/{}", first.rel)));
                continue;
            }
            by_hand.insert(number.to_string(), source);
            let registered = self.reg.assigned.get(&source.rel).map(|e| &e.number);
            match (self.taken.get(number), registered) {
                (Some(holder), _) if holder != &source.rel => {
                    let other = if self.reg.retired.contains_key(holder) {
                        t!(
                            format!("{REGISTRY_FILE} 中已删除的 content/{holder}"),
                            format!("the deleted content/{holder} in {REGISTRY_FILE}")
                        )
                    } else {
                        format!("content/{holder}")
                    };
                    errors.push(duplicate(source, number, &other));
                }
                (_, Some(old)) if old != number => errors.push(changed(source, number, old)),
                _ => {
                    let number = number.to_string();
                    self.reg.retired.remove(&source.rel);
                    self.take(&source.rel, number);
                }
            }
        }
        errors
    }

    fn next_number(
        &mut self,
        config: &CatalogueConfig,
        pattern: &IndexPattern,
        year: i16,
    ) -> String {
        let scope = if pattern.has_year() {
            year.to_string()
        } else {
            "*".to_string()
        };
        let last = self.reg.last_seq.entry(scope).or_insert(0);
        loop {
            *last += 1;
            let number = pattern.format(&config.org_code, year, *last);
            if !self.taken.contains_key(&number) {
                return number;
            }
        }
    }

    /// Registered documents that are gone keep their number, retired.
    fn retire_missing(&mut self, sources: &[Source], docs: &[usize]) {
        let present: std::collections::HashSet<&str> =
            docs.iter().map(|&i| sources[i].rel.as_str()).collect();
        let gone: Vec<String> = self
            .reg
            .assigned
            .keys()
            .filter(|p| !present.contains(p.as_str()))
            .cloned()
            .collect();
        for path in gone {
            if let Some(entry) = self.reg.assigned.remove(&path) {
                self.reg.retired.insert(path, entry);
            }
        }
    }
}

fn year_of(source: &Source, fallback: i16) -> i16 {
    let front = &source.front;
    front
        .written
        .or(front.date)
        .map_or(fallback, |d| d.date().year())
}

fn date_key(source: &Source) -> Option<jiff::civil::Date> {
    source.front.written.or(source.front.date).map(|d| d.date())
}

fn located(source: &Source, message: String) -> Diagnostic {
    Diagnostic::error(message)
        .rule(RULE)
        .in_file(format!("content/{}", source.rel))
        .at_line(source.key_line(KEYS))
        .with_source(source.text.clone())
}

fn duplicate(source: &Source, number: &str, other: &str) -> Diagnostic {
    located(
        source,
        t!(
            format!("索引号 {number} 与 {other} 重复"),
            format!("the index number {number} is already used by {other}")
        ),
    )
    .with_hint(t!(
        "索引号必须唯一且不得重复使用：删除 index_number，由构建自动分配",
        "index numbers are unique and never reused: remove index_number and let the build assign one"
    ))
}

fn changed(source: &Source, number: &str, old: &str) -> Diagnostic {
    located(
        source,
        t!(
            format!("本文件的索引号已登记为 {old}，不能改为 {number}"),
            format!(
                "this document's index number is registered as {old}; it cannot become {number}"
            )
        ),
    )
    .with_hint(t!(
        format!("索引号一经发布不得更改：删除 index_number 或写回 {old}"),
        format!("a published index number never changes: remove index_number or write {old}")
    ))
}

fn assigned_note(source: &Source, number: &str) -> Diagnostic {
    Diagnostic::note(t!(
        format!("新分配索引号 {number}（构建成功后记入 {REGISTRY_FILE}）"),
        format!("new index number {number} (recorded in {REGISTRY_FILE} when the build succeeds)")
    ))
    .rule(RULE)
    .in_file(format!("content/{}", source.rel))
}

/// Reads the registry and numbers the documents when the site has a
/// `[catalogue]`. Returns the registry to write once the build succeeds
/// (`None` when nothing changed) and what was found.
pub fn run(
    root: &std::path::Path,
    config: &crate::config::Config,
    sources: &mut [Source],
    fallback_year: i16,
) -> (Option<Registry>, Vec<Diagnostic>) {
    let Some(catalogue) = &config.catalogue else {
        return (None, Vec::new());
    };
    let Ok(pattern) = catalogue.pattern() else {
        return (None, Vec::new()); // reported by the configuration check
    };
    let registry = match Registry::load(root) {
        Ok(r) => r,
        Err(errors) => return (None, errors),
    };
    let done = assign(sources, catalogue, &pattern, registry, fallback_year);
    (done.changed.then_some(done.registry), done.diagnostics)
}
