//! Information items as the statistics see them: who reported, when, in
//! which series, and their outcome records (see `outcomes`), each problem
//! at the key's line.

use jiff::civil::Date;

use crate::config::scoring::Rules;
use crate::diagnostic::Diagnostic;
use crate::load::Source;

pub use super::outcomes::{Adoption, Annotation};
use super::outcomes::{adoption, annotation};

#[derive(Debug, Clone)]
pub struct Item {
    /// Source path relative to `content/`.
    pub rel: String,
    pub title: String,
    pub unit: String,
    pub author: Option<String>,
    pub category: Option<String>,
    /// Key of the bulletin series whose issue holds the item.
    pub series: Option<String>,
    /// The day the item counts in: `report_time`, else `date`.
    pub submitted: Option<Date>,
    pub event_time: Option<jiff::Zoned>,
    /// `report_time`, else `date`: when the item reached the office.
    pub reported: Option<jiff::Zoned>,
    pub has_report_time: bool,
    pub follow_up_of: Option<String>,
    pub commission: Option<String>,
    pub closed: bool,
    pub adoptions: Vec<Adoption>,
    pub annotations: Vec<Annotation>,
}

impl Item {
    pub fn annotated(&self) -> bool {
        !self.annotations.is_empty()
    }
}

/// The items among `sources` (pages with a `unit`), in submission order,
/// and the problems of their outcome records. Issue sections among the
/// sources tell which series an item belongs to.
pub fn items<'a>(
    sources: impl IntoIterator<Item = &'a Source>,
    offset: jiff::tz::Offset,
    rules: &Rules,
) -> (Vec<Item>, Vec<Diagnostic>) {
    let sources: Vec<&Source> = sources.into_iter().collect();
    let series_of: std::collections::HashMap<String, &str> = sources
        .iter()
        .filter(|s| s.owner == crate::load::keys::Owner::Section)
        .filter_map(|s| {
            let series = s.front.series.as_deref()?;
            Some((crate::model::assemble::parent_dir(&s.rel), series))
        })
        .collect();
    let mut out = Vec::new();
    let mut ds = Vec::new();
    for source in sources {
        if source.owner != crate::load::keys::Owner::Page {
            continue;
        }
        let front = &source.front;
        let Some(unit) = front
            .unit
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        else {
            continue;
        };
        let error = |keys: &[&str], message: String, hint: String| {
            Diagnostic::error(message)
                .in_file(format!("content/{}", source.rel))
                .at_line(source.key_line(keys))
                .with_source(source.text.clone())
                .with_hint(hint)
                .rule("statistics")
        };
        let adoptions = front
            .adoptions
            .iter()
            .filter_map(|m| match adoption(m, rules) {
                Ok(a) => Some(a),
                Err((message, hint)) => {
                    ds.push(error(&["adoptions", "采用"], message, hint));
                    None
                }
            })
            .collect();
        let annotations = front
            .annotations
            .iter()
            .filter_map(|m| match annotation(m, rules) {
                Ok(a) => Some(a),
                Err((message, hint)) => {
                    ds.push(error(&["annotations", "批示"], message, hint));
                    None
                }
            })
            .collect();
        let reported = front.report_time.or(front.date).map(|d| d.resolve(offset));
        out.push(Item {
            rel: source.rel.clone(),
            title: front.title.clone().unwrap_or_default(),
            unit: unit.to_string(),
            author: front.author.clone().filter(|a| !a.trim().is_empty()),
            category: front.category.clone().filter(|c| !c.trim().is_empty()),
            series: series_of
                .get(&crate::model::assemble::owning_dir(source))
                .map(|s| s.to_string()),
            submitted: reported.as_ref().map(|z| z.date()),
            event_time: front.event_time.map(|d| d.resolve(offset)),
            reported,
            has_report_time: front.report_time.is_some(),
            follow_up_of: front.follow_up_of.clone(),
            commission: front.commission.clone(),
            closed: front.closed,
            adoptions,
            annotations,
        });
    }
    out.sort_by(|a, b| (a.submitted, &a.rel).cmp(&(b.submitted, &b.rel)));
    (out, ds)
}
