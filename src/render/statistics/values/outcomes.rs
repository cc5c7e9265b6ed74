//! `outcomes` of the item pages: adoptions with the points each earned,
//! annotations, the commission answered and the incident thread.

use std::collections::HashMap;

use serde::Serialize;
use tera::Value;

use super::{Builder, points};
use crate::model::PageId;

impl Builder<'_> {
    /// What an item page shows: adoptions, annotations, the commission it
    /// answers and the incident thread it belongs to.
    pub(super) fn outcomes(&self) -> HashMap<PageId, Value> {
        let s = self.stats;
        #[derive(Serialize)]
        struct AdoptionView<'a> {
            level: &'a str,
            by: Option<&'a str>,
            date: Option<String>,
            outlet: Option<&'a str>,
            points: String,
        }
        #[derive(Serialize)]
        struct AnnotationView<'a> {
            leader: &'a str,
            level: &'a str,
            date: Option<String>,
            text: Option<&'a str>,
            routing: Option<&'a str>,
            status: Option<&'a str>,
        }
        #[derive(Serialize)]
        struct Link {
            title: String,
            path: String,
        }
        let mut out = HashMap::new();
        for (i, item) in s.items.iter().enumerate() {
            let Some(id) = self.page_of(item) else {
                continue;
            };
            let commission = item
                .commission
                .as_deref()
                .and_then(|c| s.commission(c.trim()))
                .map(|c| Link {
                    title: s.commissions[c].commission.topic.clone(),
                    path: self.href(&s.commission_path(c)),
                });
            let thread = s.thread_of(i).map(|t| Link {
                title: s.items[s.threads[t].root].title.clone(),
                path: self.href(&s.incident_path(t)),
            });
            if item.adoptions.is_empty()
                && item.annotations.is_empty()
                && commission.is_none()
                && thread.is_none()
            {
                continue;
            }
            let percent = if item.annotated() {
                s.rules.annotated_percent
            } else {
                100
            };
            let adoptions: Vec<AdoptionView> = item
                .adoptions
                .iter()
                .map(|a| AdoptionView {
                    level: &a.level,
                    by: a.by.as_deref(),
                    date: a.date.map(|d| d.to_string()),
                    outlet: a.outlet.as_deref(),
                    points: points(
                        s.rules.adoption_points(&a.level, a.outlet.as_deref()) * percent / 100,
                    ),
                })
                .collect();
            let annotations: Vec<AnnotationView> = item
                .annotations
                .iter()
                .map(|a| AnnotationView {
                    leader: &a.leader,
                    level: &a.level,
                    date: a.date.map(|d| d.to_string()),
                    text: a.text.as_deref(),
                    routing: a.routing.as_deref(),
                    status: a.status.as_deref(),
                })
                .collect();
            let mut map = tera::Map::new();
            map.insert("adoptions".into(), Value::from_serializable(&adoptions));
            map.insert("annotations".into(), Value::from_serializable(&annotations));
            map.insert("commission".into(), Value::from_serializable(&commission));
            map.insert("incident".into(), Value::from_serializable(&thread));
            map.insert(
                "unit_label".into(),
                Value::from(s.rules.unit_label.as_str()),
            );
            out.insert(id, Value::from(map));
        }
        out
    }
}
