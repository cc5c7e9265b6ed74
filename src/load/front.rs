//! Typed front matter. Parsing goes text → generic map (TOML or YAML) →
//! canonical keys (aliases, taxonomies, unknown-key errors) → this struct, so
//! every error can name the key and its line.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use super::date::DateValue;

/// Everything a page or section may declare. One flat struct: which keys a
/// page or a section may use is checked before deserialising (see `keys`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<DateValue>,
    pub updated: Option<DateValue>,
    pub draft: bool,
    pub slug: Option<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub aliases: Vec<String>,
    pub weight: Option<i64>,
    pub template: Option<String>,
    pub description: Option<String>,
    pub extra: Map<String, Value>,
    pub audience: Option<Audience>,
    pub disclosure: Option<Disclosure>,
    /// Any value refuses the file: classified material never passes through.
    pub classification: Option<Value>,
    pub review: Option<Review>,
    pub publish_at: Option<DateValue>,
    pub expires: Option<DateValue>,
    pub changes: Vec<Change>,
    pub withdrawn: Option<Withdrawn>,
    /// Personal-data findings an editor has cleared for publication.
    pub waivers: Vec<Waiver>,

    // Documents (公文) — catalogue entries.
    pub doc_number: Option<String>,
    pub issuer: Option<String>,
    pub written: Option<DateValue>,
    pub genre: Option<String>,
    pub subject: Option<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub keywords: Vec<String>,
    pub validity: Option<Validity>,
    pub replaced_by: Option<String>,
    /// When `validity` last changed (repealed, expired, revised): the banner
    /// shows it and the annual report counts repeals by its year.
    pub validity_date: Option<DateValue>,
    /// 规章 or 行政规范性文件: what table 二 of the annual report counts.
    pub doc_kind: Option<DocKind>,
    pub index_number: Option<String>,
    pub attachments: Vec<Attachment>,

    // Information items (政务信息).
    pub unit: Option<String>,
    pub author: Option<String>,
    pub category: Option<String>,
    pub event_time: Option<DateValue>,
    pub report_time: Option<DateValue>,
    pub follow_up_of: Option<String>,
    pub commission: Option<String>,
    pub adoptions: Vec<Map<String, Value>>,
    pub annotations: Vec<Map<String, Value>>,
    /// On the last report of an incident (终报): the thread is closed.
    pub closed: bool,

    // Sections.
    pub sort_by: Option<SortBy>,
    pub paginate_by: Option<usize>,
    pub page_template: Option<String>,

    // Bulletin issues (期).
    pub series: Option<String>,
    pub number: Option<u32>,
    pub total_number: Option<u32>,
    pub supplement: Option<Value>,
    pub editor_note: Option<String>,
    pub distribution: Option<BTreeMap<String, Vec<String>>>,
    pub copies: Option<u32>,
    pub signed_by: Option<String>,
    /// Sub-series of the series (普刊, 专报, 参阅), numbered apart.
    pub sub_series: Option<String>,

    /// Taxonomy terms (`tags`, `categories`, others from config), gathered
    /// from top-level keys and a Zola-style `[taxonomies]` table.
    #[serde(skip_deserializing)]
    pub taxonomies: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub by: String,
    pub date: DateValue,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub date: DateValue,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Withdrawn {
    pub date: DateValue,
    pub reason: String,
}

/// One personal-data finding cleared for publication: the value's hash (as
/// printed by the check), why, and who decided.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    pub hash: String,
    pub reason: String,
    pub by: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    pub file: String,
    #[serde(default)]
    pub title: Option<String>,
}

/// Defines a closed set of values that editors may write in English or Chinese.
macro_rules! word_enum {
    ($name:ident, $what_zh:literal, $what_en:literal, { $($variant:ident => [$($word:literal),+]),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The words accepted for each value; the first is canonical.
            pub fn words(self) -> &'static [&'static str] {
                match self { $($name::$variant => &[$($word),+]),+ }
            }

            pub fn label(self) -> &'static str {
                self.words()[0]
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(text: &str) -> Result<Self, String> {
                let text = text.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.words().iter().any(|w| w.eq_ignore_ascii_case(text)))
                    .ok_or_else(|| {
                        let allowed: Vec<&str> = Self::ALL.iter().map(|v| v.label()).collect();
                        crate::t!(
                            format!("{}不能是 “{}”，只能是：{}", $what_zh, text, allowed.join("、")),
                            format!("{} cannot be “{}”; use one of: {}", $what_en, text, allowed.join(", "))
                        )
                    })
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.label())
            }
        }
    };
}

word_enum!(Audience, "受众", "audience", {
    Public => ["public", "公开", "公众"],
    Internal => ["internal", "内部"],
});

word_enum!(Disclosure, "公开属性", "disclosure", {
    Proactive => ["主动公开", "proactive"],
    OnRequest => ["依申请公开", "on_request"],
    Withheld => ["不予公开", "withheld"],
});

word_enum!(Validity, "有效性", "validity", {
    Valid => ["有效", "valid"],
    Revised => ["已修订", "revised"],
    Repealed => ["已废止", "repealed"],
    Expired => ["失效", "expired"],
});

word_enum!(DocKind, "文件类别", "doc_kind", {
    Rules => ["规章", "rules"],
    Normative => ["行政规范性文件", "normative"],
    Other => ["其他", "other"],
});

word_enum!(SortBy, "排序方式", "sort_by", {
    Date => ["date", "日期"],
    Weight => ["weight", "权重"],
    Title => ["title", "标题"],
});

/// Accepts `"a"` as well as `["a", "b"]`, as Hugo does for aliases and keywords.
fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_take_chinese_and_english_words() {
        assert_eq!("内部".parse::<Audience>().unwrap(), Audience::Internal);
        assert_eq!("public".parse::<Audience>().unwrap(), Audience::Public);
        assert_eq!("已废止".parse::<Validity>().unwrap(), Validity::Repealed);
        let err = "秘密".parse::<Disclosure>().unwrap_err();
        assert!(err.contains("主动公开"), "{err}");
    }
}
