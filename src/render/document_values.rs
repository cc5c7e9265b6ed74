//! Template values of documents (公文) beyond `page.meta`: the validity
//! banner (`validity_change`) and the JSON-LD (`json_ld`).

use serde::Serialize;
use tera::Value;

use super::values::Values;
use crate::check::validity::target;
use crate::load::front::Validity;
use crate::model::{Page, Ref, Site, catalogue::is_document};

#[derive(Serialize)]
struct Replacement<'a> {
    title: &'a str,
    path: String,
}

/// What the banner of a repealed, expired or revised document shows.
#[derive(Serialize)]
struct ValidityChange<'a> {
    validity: &'static str,
    /// `2025-03-14`, or none.
    date: Option<String>,
    /// The replacing page, when this build has it.
    replaced_by: Option<Replacement<'a>>,
    /// A replacement was named but this build does not publish it: say so,
    /// with no link and no title.
    replacement_withheld: bool,
}

/// The page of this build that `page` names as its replacement
/// (`replaced_by`), whose title its banner shows.
pub fn replacement<'a>(site: &'a Site, page: &Page) -> Option<&'a Page> {
    let by = page.source.front.replaced_by.as_deref()?;
    match site.by_source.get(target(by)) {
        Some(Ref::Page(id)) => Some(site.page(*id)),
        _ => None,
    }
}

/// `validity_change` and `json_ld` of a page (none for other pages).
pub fn fields(site: &Site, values: &Values, page: &Page) -> Vec<(&'static str, Value)> {
    let front = &page.source.front;
    let replacement = replacement(site, page);
    let change = match front.validity {
        Some(v @ (Validity::Repealed | Validity::Expired | Validity::Revised)) => {
            Value::from_serializable(&ValidityChange {
                validity: v.label(),
                date: front.validity_date.map(|d| d.date().to_string()),
                replaced_by: replacement.map(|p| Replacement {
                    title: p.title(),
                    path: values.href(&p.path),
                }),
                replacement_withheld: front.replaced_by.is_some() && replacement.is_none(),
            })
        }
        _ => Value::none(),
    };
    let json_ld = if is_document(page) {
        Value::from(super::json_ld::legislation(
            site,
            page,
            replacement.map(|p| p.path.as_str()),
        ))
    } else {
        Value::none()
    };
    vec![("validity_change", change), ("json_ld", json_ld)]
}
