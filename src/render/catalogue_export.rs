//! Downloads of the catalogue (the regulation's 下载): `catalogue.csv`
//! (UTF-8 with a BOM so spreadsheet programs read the Chinese, RFC 4180
//! quoting, CRLF) and `catalogue.json` (DCAT-style). Both hold exactly the
//! documents of the build's profile, in catalogue order.

use serde_json::{Value, json};

use super::catalogue::row;
use super::values::Values;
use crate::model::{Page, Site};

pub const CSV_HEADER: &[&str] = &[
    "索引号",
    "标题",
    "文号",
    "发文机关",
    "成文日期",
    "发布日期",
    "有效性",
    "主题分类",
    "体裁",
    "主题词",
    "链接",
];

pub fn csv(site: &Site, values: &Values) -> String {
    let mut out = String::from("\u{feff}");
    push_record(&mut out, CSV_HEADER.iter().copied());
    let Some(cat) = &site.catalogue else {
        return out;
    };
    for id in &cat.documents {
        let page = site.page(*id);
        let r = row(values, page);
        let keywords = page.source.front.keywords.join("；");
        let link = Values::permalink(site, &page.path);
        let written = r.written.unwrap_or_default();
        let date = r.date.unwrap_or_default();
        push_record(
            &mut out,
            [
                r.index_number,
                r.title,
                r.doc_number,
                r.issuer,
                &written,
                &date,
                r.validity,
                r.subject,
                r.genre,
                &keywords,
                &link,
            ],
        );
    }
    out
}

fn push_record<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_field(field));
    }
    out.push_str("\r\n");
}

/// RFC 4180: a field with a comma, quote or line break is quoted, and its
/// quotes are doubled.
pub fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

pub fn json(site: &Site, values: &Values) -> String {
    let Some(cat) = &site.catalogue else {
        return "{}".into();
    };
    let datasets: Vec<Value> = cat
        .documents
        .iter()
        .map(|id| dataset(site, values, site.page(*id)))
        .collect();
    let publisher = site
        .config
        .extra
        .get("host")
        .and_then(|h| h.as_str())
        .unwrap_or(&site.config.title);
    let catalogue = json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "文号": "https://schema.org/legislationIdentifier",
            "有效性": "https://schema.org/legislationLegalForce"
        },
        "@type": "dcat:Catalog",
        "dct:title": format!("{}政府信息公开目录", site.config.title),
        "dct:publisher": publisher,
        "dct:language": site.config.language,
        "dcat:landingPage": Values::permalink(site, &cat.path),
        "dcat:dataset": datasets,
    });
    let mut text = serde_json::to_string_pretty(&catalogue).unwrap_or_default();
    text.push('\n');
    text
}

fn dataset(site: &Site, values: &Values, page: &Page) -> Value {
    let r = row(values, page);
    let front = &page.source.front;
    let modified = page
        .updated
        .as_ref()
        .or(page.date.as_ref())
        .map(|d| d.date().to_string());
    let mut d = json!({
        "@type": "dcat:Dataset",
        "dct:identifier": r.index_number,
        "dct:title": r.title,
        "dct:issued": r.date,
        "dct:modified": modified,
        "dct:created": r.written,
        "dct:publisher": r.issuer,
        "dct:subject": r.subject,
        "dct:type": r.genre,
        "dcat:keyword": front.keywords,
        "dcat:landingPage": Values::permalink(site, &page.path),
        "文号": r.doc_number,
        "有效性": r.validity,
    });
    let replacement = front
        .replaced_by
        .as_deref()
        .and_then(|t| site.path_of_source(crate::check::validity::target(t)));
    if let (Some(path), Some(map)) = (replacement, d.as_object_mut()) {
        map.insert(
            "dct:isReplacedBy".into(),
            Value::from(Values::permalink(site, path)),
        );
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("梧政发〔2024〕3号"), "梧政发〔2024〕3号");
        assert_eq!(csv_field("甲,乙"), "\"甲,乙\"");
        assert_eq!(csv_field("说\"明\""), "\"说\"\"明\"\"\"");
        assert_eq!(csv_field("一\n二"), "\"一\n二\"");
    }
}
