//! The preview's page values and summaries, kept from one rebuild to the next.
//!
//! After a front-matter edit the preview rebuilds the model and every
//! value, and making and hashing 10,000 page values was a third of that
//! rebuild's work. A page value is a function of a known list of inputs
//! (see [`Values::page`]): the page's source text and index number, its
//! rendered Markdown, a few fields of the model's page, the clock's
//! verdict on it, its own and its neighbours' summaries, and the values
//! every page shares. When all of them are what they were, the last
//! value (and its hash) is taken as it is.
//!
//! Source text and Markdown are compared by identity: the load cache and
//! the Markdown cache hand out the same allocation while a file and its
//! rendering are unchanged, and each entry here holds a reference to what
//! it was made from, so no other text can take that address meanwhile.
//! Summaries, which every list shows, are kept the same way.

use std::collections::HashMap;
use std::sync::Arc;

use tera::Value;

use super::{Values, expired, iso, scheduled};
use crate::model::{Page, Site};
use crate::render::markdown::Rendered;
use crate::render::memo::{Fingerprint, hash_of};

/// The summaries and page values of the last full rebuild, by source path.
#[derive(Default)]
pub struct Reuse {
    by_source: HashMap<String, Kept>,
    /// How many page values the rebuild that made this one took from the
    /// one before.
    taken: usize,
}

/// One page's summary and value, and what they were made from.
struct Kept {
    /// Held so that their addresses, which [`Kept::made_from`] compares,
    /// stay theirs.
    text: Arc<str>,
    content: Value,
    summary: Made,
    /// `None` for a page whose value reads more than [`inputs`] covers.
    page: Option<Made>,
}

impl Kept {
    /// Whether `page`'s source text and Markdown are the very ones this
    /// entry was made from (see the module's comment).
    fn made_from(&self, page: &Page, rendered: &Rendered) -> bool {
        let same_content = match (self.content.as_str(), rendered.content.as_ref()) {
            (Some(kept), Some(now)) => now.as_str().is_some_and(|now| std::ptr::eq(kept, now)),
            _ => false,
        };
        same_content && Arc::ptr_eq(&self.text, &page.source.text)
    }
}

/// A value made or taken, its hash, and the hash of its inputs (`None`:
/// not to be taken again).
#[derive(Clone)]
pub struct Made {
    pub value: Value,
    pub hash: u64,
    inputs: Option<u64>,
    /// Taken from the last rebuild, not made now.
    taken: bool,
}

impl Made {
    /// `kept` when it was made from `inputs`, else `make()` made now.
    fn take_or(kept: Option<&Made>, inputs: Option<u64>, make: impl FnOnce() -> Value) -> Made {
        if let Some(k) = kept.filter(|k| inputs.is_some() && k.inputs == inputs) {
            return Made {
                taken: true,
                ..k.clone()
            };
        }
        let value = make();
        Made {
            hash: hash_of(&value),
            value,
            inputs,
            taken: false,
        }
    }
}

impl Reuse {
    /// The entry of `page` when it was made from the same text and Markdown.
    fn kept(&self, page: &Page, rendered: &Rendered) -> Option<&Kept> {
        self.by_source
            .get(&page.source.rel)
            .filter(|k| k.made_from(page, rendered))
    }

    /// The summary of `page` (from `rendered`): the kept one when its
    /// inputs are unchanged, else a new one.
    pub(super) fn summary(
        &self,
        values: &Values,
        site: &Site,
        shared: u64,
        page: &Page,
        rendered: &Rendered,
    ) -> Made {
        let mut f = Fingerprint::default();
        f.u64(shared)
            .str(&page.path)
            .str(iso(&page.date).as_deref().unwrap_or("\u{0}"))
            .u64(page.section.index() as u64);
        let kept = self.kept(page, rendered).map(|k| &k.summary);
        Made::take_or(kept, Some(f.finish()), || {
            values.summary(site, page, rendered)
        })
    }

    /// The value of `page`: the kept one when its inputs are unchanged,
    /// else a new one.
    pub(super) fn page(
        &self,
        values: &Values,
        site: &Site,
        common: &Common,
        page: &Page,
        rendered: &Rendered,
    ) -> Made {
        let kept = self.kept(page, rendered).and_then(|k| k.page.as_ref());
        let inputs = inputs(site, common, &values.summary_hashes, page, rendered);
        Made::take_or(kept, inputs, || values.page(site, page, rendered))
    }

    /// What the next rebuild can take: every summary and value of this one.
    pub(super) fn of(
        site: &Site,
        rendered: &[Rendered],
        summaries: Vec<Made>,
        pages: &[Made],
    ) -> Reuse {
        let by_source = site
            .pages
            .iter()
            .zip(rendered)
            .zip(summaries.into_iter().zip(pages))
            .filter_map(|((page, r), (summary, made))| {
                let kept = Kept {
                    text: page.source.text.clone(),
                    content: r.content.clone()?,
                    summary,
                    page: made.inputs.is_some().then(|| made.clone()),
                };
                Some((page.source.rel.clone(), kept))
            })
            .collect();
        Reuse {
            by_source,
            taken: pages.iter().filter(|m| m.taken).count(),
        }
    }

    /// How many page values the last rebuild took from the one before.
    pub fn taken(&self) -> usize {
        self.taken
    }
}

/// What every page value of one rebuild reads alike, hashed once.
pub struct Common {
    pub shared: u64,
}

/// The hash of what every summary and page value reads alike: the site's
/// addresses and language, and the values every page shares.
pub fn shared_hash(site: &Site, values: &Values) -> u64 {
    let mut f = Fingerprint::default();
    let config = &site.config;
    f.str(&values.base_path)
        .str(&config.base_url_slash())
        .str(&config.language)
        .str(&config.offset().to_string());
    let shared = &values.shared;
    for links in &shared.term_links {
        f.u64(links.len() as u64);
        for link in links {
            f.value(link);
        }
    }
    for name in &shared.taxonomy_names {
        f.str(name);
    }
    for v in shared
        .taxonomy_titles
        .iter()
        .chain(&shared.section_links)
        .chain(&shared.ancestors)
    {
        f.value(v);
    }
    f.value(&shared.empty_meta);
    f.finish()
}

/// Everything [`Values::page`] reads of `page`, as one hash; `None` when
/// it reads another page beyond its neighbours' summaries (a document
/// replaced by another shows that one's title) or its Markdown has no
/// template value to compare.
fn inputs(
    site: &Site,
    common: &Common,
    summaries: &[u64],
    page: &Page,
    rendered: &Rendered,
) -> Option<u64> {
    let front = &page.source.front;
    if front.replaced_by.is_some() {
        return None;
    }
    // Source text and Markdown are compared by identity ([`Kept::made_from`]).
    rendered.content.as_ref()?.as_str()?;
    let mut f = Fingerprint::default();
    f.u64(common.shared)
        // The one field of the front matter not read from the text.
        .str(front.index_number.as_deref().unwrap_or("\u{0}"))
        .str(&page.source.rel)
        .str(&page.path)
        .str(&page.slug)
        .u64(page.section.index() as u64)
        .str(iso(&page.date).as_deref().unwrap_or("\u{0}"))
        .str(iso(&page.updated).as_deref().unwrap_or("\u{0}"))
        .str(page.visibility.audience.label())
        .str(page.visibility.disclosure.map_or("\u{0}", |d| d.label()))
        .str(scheduled(site, front).as_deref().unwrap_or("\u{0}"))
        .str(expired(site, front).as_deref().unwrap_or("\u{0}"));
    f.u64(page.assets.len() as u64);
    for asset in &page.assets {
        f.str(asset);
    }
    for id in [Some(page.id), page.previous, page.next] {
        match id {
            Some(id) => f.u64(1).u64(summaries[id.index()]),
            None => f.u64(0),
        };
    }
    Some(f.finish())
}
