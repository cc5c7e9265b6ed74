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
    let mut out = super::csv::Csv::new();
    out.record(CSV_HEADER);
    let Some(cat) = &site.catalogue else {
        return out.finish();
    };
    for id in &cat.documents {
        let page = site.page(*id);
        let r = row(values, page);
        let keywords = page.source.front.keywords.join("；");
        let link = Values::permalink(site, &page.path);
        let written = r.written.unwrap_or_default();
        let date = r.date.unwrap_or_default();
        out.record([
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
        ]);
    }
    out.finish()
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
