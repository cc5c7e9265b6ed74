//! The home page's `GovernmentOrganization`: the office that runs the site.

use serde_json::{Map, Value, json};

use super::script_safe;
use crate::config::government::GovernmentView;

/// The organisation as a JSON-LD document, ready for a `<script>` element.
pub fn organization(gov: &GovernmentView, base_url: &str) -> String {
    let mut org = Map::new();
    org.insert("@context".into(), json!("https://schema.org"));
    org.insert("@type".into(), json!("GovernmentOrganization"));
    org.insert("name".into(), json!(gov.site_name));
    org.insert("url".into(), json!(base_url));
    if let Some(address) = &gov.address {
        org.insert(
            "address".into(),
            json!({ "@type": "PostalAddress", "streetAddress": address, "addressCountry": "CN" }),
        );
    }
    if let Some(phone) = &gov.phone {
        org.insert("telephone".into(), json!(phone));
    }
    if let Some(code) = &gov.site_id_code {
        org.insert(
            "identifier".into(),
            json!({ "@type": "PropertyValue", "propertyID": "SiteIDCode", "value": code }),
        );
    }
    if let Some(host) = &gov.host {
        org.insert(
            "department".into(),
            json!({ "@type": "GovernmentOrganization", "name": host }),
        );
    }
    script_safe(&Value::Object(org).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> GovernmentView {
        GovernmentView {
            site_name: "某县人民政府</script><script>alert(1)".into(),
            domain: None,
            site_id_code: Some("1234560001".into()),
            host: None,
            address: Some("人民路1号".into()),
            phone: Some("0000-1".into()),
            icp: None,
            psb: None,
            error_report_url: None,
        }
    }

    #[test]
    fn the_organization_is_json_that_stays_inside_its_script() {
        let text = organization(&view(), "https://a.gov.cn/");
        assert!(!text.contains("</"), "{text}");
        let parsed: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed["@type"], "GovernmentOrganization");
        assert_eq!(parsed["name"], "某县人民政府</script><script>alert(1)");
        assert_eq!(parsed["identifier"]["value"], "1234560001");
        assert_eq!(parsed["address"]["streetAddress"], "人民路1号");
    }
}
