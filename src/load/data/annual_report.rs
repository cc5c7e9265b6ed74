//! `data/annual-reports/YYYY.toml`: one annual disclosure report
//! (政府信息公开工作年度报告) per file, in the 2021 national format. This
//! module only reads the file; the tables are validated and completed in
//! `model::annual_report`, the sums checked in `check::annual_report`.

use serde::Deserialize;
use toml::Spanned;

use super::{DataDate, ReviewData, Text};

pub const DIR: &str = "data/annual-reports";

/// A count with its place in the file.
pub type Count = Option<Spanned<i64>>;
/// A row of table 三 or 四: one count per column, each with its place.
pub type Row = Option<Spanned<Vec<Spanned<i64>>>>;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReportData {
    /// Must match the file name when given.
    pub year: Count,
    pub title: Text,
    /// The reporting organ (落款); default: the site name.
    pub organ: Text,
    /// Publication date.
    pub date: Option<Spanned<DataDate>>,
    pub review: Option<Spanned<ReviewData>>,
    pub description: Text,
    /// Site path; default `/disclosure/annual-report-YYYY/`.
    pub path: Text,
    pub aliases: Vec<String>,
    pub text: Prose,
    pub proactive: Proactive,
    pub applications: Applications,
    pub appeals: Appeals,
}

/// The prose of the six sections (Markdown).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Prose {
    pub intro: Text,
    /// 一、总体情况 (required).
    pub general: Text,
    pub proactive: Text,
    pub applications: Text,
    pub appeals: Text,
    /// 五、存在的主要问题及改进情况 (required).
    pub problems: Text,
    /// 六、其他需要报告的事项 (required).
    pub other: Text,
}

/// Table 二. `rules` and `normative` cells left out are counted from the
/// site's documents.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Proactive {
    pub rules: DocCounts,
    pub normative: DocCounts,
    pub licensing: Count,
    pub punishment: Count,
    pub coercion: Count,
    /// 万元.
    pub fees: Option<Spanned<f64>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DocCounts {
    pub issued: Count,
    pub repealed: Count,
    pub valid: Count,
}

/// Table 三: seven numbers per row (自然人, the five 法人或其他组织
/// columns, 总计).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Applications {
    pub new: Row,
    pub carried_over: Row,
    pub granted: Row,
    pub partly_granted: Row,
    pub refused: Refused,
    pub unavailable: Unavailable,
    pub not_processed: NotProcessed,
    pub other: OtherHandling,
    pub total: Row,
    pub carried_forward: Row,
}

/// （三）不予公开: eight reasons.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Refused {
    pub state_secret: Row,
    pub prohibited_by_law: Row,
    pub three_safeties: Row,
    pub third_party: Row,
    pub internal_affairs: Row,
    pub process_info: Row,
    pub enforcement_files: Row,
    pub query_matters: Row,
}

/// （四）无法提供: three reasons.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Unavailable {
    pub not_held: Row,
    pub needs_creation: Row,
    pub still_unclear: Row,
}

/// （五）不予处理: five reasons.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NotProcessed {
    pub petition: Row,
    pub repeated: Row,
    pub publication: Row,
    pub excessive: Row,
    pub confirmation: Row,
}

/// （六）其他处理: three.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OtherHandling {
    pub no_correction: Row,
    pub no_fee: Row,
    pub other: Row,
}

/// Table 四: five numbers per row (结果维持, 结果纠正, 其他结果, 尚未审结, 总计).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Appeals {
    pub review: Row,
    pub direct_suit: Row,
    pub suit_after_review: Row,
}

impl Applications {
    /// The row at `key`, the key as written in the file
    /// (`refused.state_secret`); `None` for a key of no row.
    pub fn row(&self, key: &str) -> Option<&Row> {
        Some(match key {
            "new" => &self.new,
            "carried_over" => &self.carried_over,
            "granted" => &self.granted,
            "partly_granted" => &self.partly_granted,
            "refused.state_secret" => &self.refused.state_secret,
            "refused.prohibited_by_law" => &self.refused.prohibited_by_law,
            "refused.three_safeties" => &self.refused.three_safeties,
            "refused.third_party" => &self.refused.third_party,
            "refused.internal_affairs" => &self.refused.internal_affairs,
            "refused.process_info" => &self.refused.process_info,
            "refused.enforcement_files" => &self.refused.enforcement_files,
            "refused.query_matters" => &self.refused.query_matters,
            "unavailable.not_held" => &self.unavailable.not_held,
            "unavailable.needs_creation" => &self.unavailable.needs_creation,
            "unavailable.still_unclear" => &self.unavailable.still_unclear,
            "not_processed.petition" => &self.not_processed.petition,
            "not_processed.repeated" => &self.not_processed.repeated,
            "not_processed.publication" => &self.not_processed.publication,
            "not_processed.excessive" => &self.not_processed.excessive,
            "not_processed.confirmation" => &self.not_processed.confirmation,
            "other.no_correction" => &self.other.no_correction,
            "other.no_fee" => &self.other.no_fee,
            "other.other" => &self.other.other,
            "total" => &self.total,
            "carried_forward" => &self.carried_forward,
            _ => return None,
        })
    }
}

impl Appeals {
    pub fn row(&self, key: &str) -> Option<&Row> {
        Some(match key {
            "review" => &self.review,
            "direct_suit" => &self.direct_suit,
            "suit_after_review" => &self.suit_after_review,
            _ => return None,
        })
    }
}
