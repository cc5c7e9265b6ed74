//! Incident threads (紧急信息 + 续报): a first report and the items that
//! follow it up (`follow_up_of`, also of a follow-up), in report order. A
//! first report is late when it came more hours after the event than its
//! category allows; an open thread is overdue when its last report is older
//! than the configured number of days.

use std::collections::HashMap;

use jiff::ToSpan;
use jiff::civil::Date;

use super::items::Item;
use crate::config::statistics::IncidentConfig;

#[derive(Debug, Clone)]
pub struct Thread {
    /// Index of the first report in the items.
    pub root: usize,
    /// Follow-ups in report order.
    pub follow_ups: Vec<usize>,
    pub closed: bool,
    /// The first report was late: (hours allowed, minutes it took).
    pub late: Option<(f64, i64)>,
    /// Open, and silent since this day (last report + the allowed days).
    pub overdue_since: Option<Date>,
    /// The deadline could not be checked: no `event_time` or `report_time`.
    pub unchecked: bool,
    /// URL segment: the first report's file name.
    pub slug: String,
}

/// The root of an item's thread, following `follow_up_of` through
/// follow-ups; `None` when a link names no item or loops.
fn root_of(i: usize, items: &[Item], by_rel: &HashMap<&str, usize>) -> Option<usize> {
    let mut at = i;
    for _ in 0..=items.len() {
        match items[at].follow_up_of.as_deref() {
            None => return Some(at),
            Some(target) => at = *by_rel.get(target.trim_start_matches('/'))?,
        }
    }
    None
}

/// Every thread among `items`, ordered by the first report.
pub fn threads(items: &[Item], config: &IncidentConfig, today: Date) -> Vec<Thread> {
    let by_rel: HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.rel.as_str(), i))
        .collect();
    let mut follow_ups: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        if item.follow_up_of.is_some()
            && let Some(root) = root_of(i, items, &by_rel)
        {
            follow_ups.entry(root).or_default().push(i);
        }
    }
    let mut slugs: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let deadline = item
            .category
            .as_deref()
            .and_then(|c| config.deadline(item.series.as_deref(), c));
        if item.follow_up_of.is_some() || (deadline.is_none() && !follow_ups.contains_key(&i)) {
            continue;
        }
        let mut ups = follow_ups.remove(&i).unwrap_or_default();
        ups.sort_by_key(|j| (items[*j].reported.as_ref().map(|z| z.timestamp()), *j));
        let closed = item.closed || ups.iter().any(|j| items[*j].closed);
        let (late, unchecked) = match (deadline, &item.event_time, item.has_report_time) {
            (Some(hours), Some(event), true) => {
                let reported = item.reported.as_ref().expect("report_time given");
                let minutes =
                    (reported.timestamp().as_second() - event.timestamp().as_second()) / 60;
                let late = minutes as f64 > hours * 60.0;
                (late.then_some((hours, minutes)), false)
            }
            (Some(_), _, _) => (None, true),
            (None, _, _) => (None, false),
        };
        let last = ups
            .last()
            .map_or(item, |j| &items[*j])
            .reported
            .as_ref()
            .map(|z| z.date());
        let overdue_since = match last {
            Some(day) if !closed => {
                let since = day + i64::from(config.follow_up_days).days();
                (since < today).then_some(since)
            }
            _ => None,
        };
        let stem = crate::load::file_name(&item.rel)
            .trim_end_matches(".md")
            .to_string();
        let stem = if stem == "index" {
            let parent = crate::model::assemble::parent_dir(&item.rel);
            crate::load::file_name(&parent).to_string()
        } else {
            stem
        };
        let n = slugs.entry(stem.clone()).or_insert(0);
        *n += 1;
        let slug = if *n == 1 { stem } else { format!("{stem}-{n}") };
        out.push(Thread {
            root: i,
            follow_ups: ups,
            closed,
            late,
            overdue_since,
            unchecked,
            slug,
        });
    }
    out
}
