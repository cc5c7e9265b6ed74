//! schema.org `Legislation` for document pages, as JSON-LD: 文号 is the
//! `legislationIdentifier`, 有效性 the `legislationLegalForce`. The JSON is
//! safe inside `<script>`: every `<`, `>` and `&` is written as `\u003c`…

use serde_json::{Value, json};

use super::script_safe;
use crate::load::front::Validity;
use crate::model::{Page, Site};
use crate::render::values::Values;

/// schema.org's `LegalForceStatus` for a validity.
pub fn legal_force(validity: Validity) -> &'static str {
    match validity {
        Validity::Valid => "InForce",
        Validity::Revised => "PartiallyInForce",
        Validity::Repealed | Validity::Expired => "NotInForce",
    }
}

/// The JSON-LD text of a document page; `replacement` is the site path of
/// the page that replaces it, when this build has that page.
pub fn legislation(site: &Site, page: &Page, replacement: Option<&str>) -> String {
    let front = &page.source.front;
    let organisation = |name: &str| json!({ "@type": "GovernmentOrganization", "name": name });
    let mut map = serde_json::Map::new();
    let mut put = |k: &str, v: Value| {
        if !v.is_null() {
            map.insert(k.to_string(), v);
        }
    };
    put("@context", json!("https://schema.org"));
    put("@type", json!("Legislation"));
    put("name", json!(page.title()));
    put("url", json!(Values::permalink(site, &page.path)));
    put("inLanguage", json!(site.config.language));
    put("legislationIdentifier", json!(front.doc_number));
    put("identifier", json!(front.index_number));
    put(
        "legislationLegalForce",
        json!(front.validity.map(legal_force)),
    );
    put(
        "datePublished",
        json!(page.date.as_ref().map(|d| d.date().to_string())),
    );
    put(
        "legislationDate",
        json!(front.written.map(|w| w.date().to_string())),
    );
    put("legislationType", json!(front.genre));
    if let Some(issuer) = front.issuer.as_deref() {
        put("publisher", organisation(issuer));
        put("legislationPassedBy", organisation(issuer));
    }
    if !front.keywords.is_empty() {
        put("keywords", json!(front.keywords.join(",")));
    }
    if let Some(path) = replacement {
        put("supersededBy", json!(Values::permalink(site, path)));
    }
    script_safe(&serde_json::to_string(&Value::Object(map)).unwrap_or_default())
}
