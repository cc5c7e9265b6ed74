//! The `guide` value of `guide.html`.

use serde::Serialize;
use tera::Value;

use super::{Link, Prose};
use crate::diagnostic::Diagnostic;
use crate::load::data::text;
use crate::model::disclosure::GuidePage;
use crate::render::values::{Values, iso};

#[derive(Serialize)]
struct Guide<'a> {
    title: &'a str,
    path: String,
    permalink: String,
    source: &'a str,
    date: Option<String>,
    updated: Option<String>,
    ancestors: Vec<Link>,
    intro: Option<String>,
    arrangement: Option<String>,
    proactive: Proactive,
    on_request: OnRequest,
    office: Office<'a>,
    supervision: Option<String>,
}

#[derive(Serialize)]
struct Proactive {
    scope: Option<String>,
    channels: Option<String>,
    time_limit: Option<String>,
}

#[derive(Serialize)]
struct OnRequest {
    channels: Option<String>,
    procedure: Option<String>,
    fees: Option<String>,
}

/// Contact values are plain text, shown as they are written.
#[derive(Serialize)]
struct Office<'a> {
    name: Option<&'a str>,
    address: Option<&'a str>,
    postcode: Option<&'a str>,
    hours: Option<&'a str>,
    phone: Option<&'a str>,
    fax: Option<&'a str>,
    email: Option<&'a str>,
    website: Option<&'a str>,
}

pub(super) fn value(md: &Prose<'_>, page: &GuidePage, ds: &mut Vec<Diagnostic>) -> Value {
    let file = &*page.file;
    let g = &file.data;
    let mut html = |v| md.html(file, v, ds);
    let fields = Guide {
        title: &page.title,
        path: md.values.href(&page.path),
        permalink: Values::permalink(md.site, &page.path),
        source: &file.rel,
        date: iso(&page.date),
        updated: iso(&page.updated),
        ancestors: md.ancestors(&page.path),
        intro: html(&g.intro),
        arrangement: html(&g.arrangement.text),
        proactive: Proactive {
            scope: html(&g.proactive.scope),
            channels: html(&g.proactive.channels),
            time_limit: html(&g.proactive.time_limit),
        },
        on_request: OnRequest {
            channels: html(&g.on_request.channels),
            procedure: html(&g.on_request.procedure),
            fees: html(&g.on_request.fees),
        },
        supervision: html(&g.supervision.text),
        office: Office {
            name: text(&g.office.name),
            address: text(&g.office.address),
            postcode: text(&g.office.postcode),
            hours: text(&g.office.hours),
            phone: text(&g.office.phone),
            fax: text(&g.office.fax),
            email: text(&g.office.email),
            website: text(&g.office.website),
        },
    };
    Value::from_serializable(&fields)
}
