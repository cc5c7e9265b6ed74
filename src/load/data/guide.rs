//! `data/guide.toml`: the disclosure guide (政府信息公开指南). Article 12 of
//! the regulation names what a guide must state; each of those values is
//! required here, and a missing or blank one fails the build naming the key.

use serde::Deserialize;
use toml::Spanned;

use super::{DataDate, DataFile, ReviewData, Text, require};
use crate::diagnostic::Diagnostic;
use crate::t;

pub const FILE: &str = "data/guide.toml";
pub const DEFAULT_PATH: &str = "/disclosure/guide/";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GuideData {
    pub title: Text,
    /// Site path of the page; default `/disclosure/guide/`.
    pub path: Text,
    /// First published.
    pub date: Option<Spanned<DataDate>>,
    /// Last updated: shown on the page, required.
    pub updated: Option<Spanned<DataDate>>,
    pub review: Option<Spanned<ReviewData>>,
    pub aliases: Vec<String>,
    pub intro: Text,
    pub arrangement: Arrangement,
    pub proactive: Proactive,
    pub on_request: OnRequest,
    pub office: Office,
    pub supervision: Supervision,
}

/// 一、政府信息的分类与编排.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Arrangement {
    pub text: Text,
}

/// 二、主动公开: what, through which channels, how fast.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Proactive {
    pub scope: Text,
    pub channels: Text,
    pub time_limit: Text,
}

/// 三、依申请公开: channels, procedure, fees.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OnRequest {
    pub channels: Text,
    pub procedure: Text,
    pub fees: Text,
}

/// 四、政府信息公开工作机构.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Office {
    pub name: Text,
    pub address: Text,
    pub postcode: Text,
    pub hours: Text,
    pub phone: Text,
    pub fax: Text,
    pub email: Text,
    pub website: Text,
}

/// 五、监督和救济 (optional).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Supervision {
    pub text: Text,
}

/// Every value Article 12 requires, present and not blank.
pub fn check(file: &DataFile<GuideData>) -> Vec<Diagnostic> {
    let g = &file.data;
    let required: [(&Text, &str, &str); 11] = [
        (
            &g.arrangement.text,
            "arrangement.text",
            "政府信息的分类与编排",
        ),
        (
            &g.proactive.channels,
            "proactive.channels",
            "主动公开的获取方式",
        ),
        (
            &g.on_request.channels,
            "on_request.channels",
            "依申请公开的申请渠道",
        ),
        (
            &g.on_request.procedure,
            "on_request.procedure",
            "依申请公开的办理程序",
        ),
        (&g.on_request.fees, "on_request.fees", "依申请公开的收费"),
        (&g.office.name, "office.name", "政府信息公开工作机构名称"),
        (&g.office.address, "office.address", "办公地址"),
        (&g.office.hours, "office.hours", "办公时间"),
        (&g.office.phone, "office.phone", "联系电话"),
        (&g.office.fax, "office.fax", "传真号码"),
        (&g.title, "title", "标题"),
    ];
    let mut out: Vec<Diagnostic> = required
        .iter()
        .filter_map(|(value, key, label)| require(file, value, key, label))
        .collect();
    if super::text(&g.office.email).is_none() && super::text(&g.office.website).is_none() {
        let line = g
            .office
            .email
            .as_ref()
            .or(g.office.website.as_ref())
            .map_or_else(|| file.table_line("office"), |v| file.line_of(v));
        out.push(file.error(
            line,
            t!(
                "缺少政府信息公开工作机构的互联网联系方式（office.email 或 office.website）",
                "the office's internet contact (office.email or office.website) is missing"
            ),
            t!(
                "在 [office] 下加上 email = \"…\" 或 website = \"…\"",
                "add email = \"…\" or website = \"…\" under [office]"
            ),
        ));
    }
    if g.updated.is_none() {
        out.push(file.error(
            1,
            t!(
                "缺少最近更新日期（updated）：指南须标明更新时间",
                "the last-updated date (updated) is missing: a guide must show it"
            ),
            t!("加上 updated = 2025-02-18", "add updated = 2025-02-18"),
        ));
    }
    out
}
