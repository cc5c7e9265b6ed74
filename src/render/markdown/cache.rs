//! Rendered Markdown kept between rebuilds of the preview server. An entry
//! is reused when the source text is the very same (the load cache hands
//! back the same `Arc`) and every internal link it resolved still resolves
//! to the same URL: links are the only thing outside the file that Markdown
//! output depends on.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::{BrokenLink, Rendered};

struct Entry {
    text: Arc<str>,
    body_offset: usize,
    summary_chars: usize,
    /// Every link target looked up, and what it resolved to.
    lookups: Vec<(String, Option<String>)>,
    rendered: Rendered,
    broken: Vec<BrokenLink>,
}

#[derive(Default)]
pub struct Cache {
    /// Shared with the lookups, which copy an entry out after the lock is
    /// released (the render threads would wait on each other's copies).
    entries: Mutex<HashMap<String, Arc<Entry>>>,
}

pub struct Input<'a> {
    pub rel: &'a str,
    pub text: &'a Arc<str>,
    pub body_offset: usize,
    pub summary_chars: usize,
}

impl Cache {
    pub fn render(
        &self,
        input: Input<'_>,
        resolve: &dyn Fn(&str) -> Option<String>,
    ) -> (Rendered, Vec<BrokenLink>) {
        let entry = self
            .entries
            .lock()
            .expect("cache lock")
            .get(input.rel)
            .cloned();
        if let Some(e) = entry
            && Arc::ptr_eq(&e.text, input.text)
            && e.body_offset == input.body_offset
            && e.summary_chars == input.summary_chars
            && e.lookups.iter().all(|(t, r)| resolve(t) == *r)
        {
            return (e.rendered.clone(), e.broken.clone());
        }
        let lookups = RefCell::new(Vec::new());
        let recording = |target: &str| {
            let r = resolve(target);
            lookups.borrow_mut().push((target.to_string(), r.clone()));
            r
        };
        let body = &input.text[input.body_offset..];
        let (mut rendered, broken) = super::render(body, input.summary_chars, &recording);
        rendered.into_template_value();
        self.entries.lock().expect("cache lock").insert(
            input.rel.to_string(),
            Arc::new(Entry {
                text: input.text.clone(),
                body_offset: input.body_offset,
                summary_chars: input.summary_chars,
                lookups: lookups.into_inner(),
                rendered: rendered.clone(),
                broken: broken.clone(),
            }),
        );
        (rendered, broken)
    }
}
