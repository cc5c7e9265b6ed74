//! Outcome records (采用, 批示) typed from the free tables of an item's
//! front matter: known keys only (English or Chinese), required values
//! present, dates parsed, levels declared by `[scoring]`, statuses known.
//! A problem is a message and a hint; the caller places it at the key's line.

use jiff::civil::Date;
use serde_json::{Map, Value};

use crate::config::scoring::Rules;
use crate::load::date::DateValue;
use crate::t;

/// One adoption (采用): by which level and body, when, in which outlet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adoption {
    pub level: String,
    pub by: Option<String>,
    /// `None`: the item's own date.
    pub date: Option<Date>,
    pub outlet: Option<String>,
}

/// One leader's annotation (批示) and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub leader: String,
    pub level: String,
    pub date: Option<Date>,
    pub text: Option<String>,
    pub routing: Option<String>,
    /// 批示 → 交办 → 受理 → 落实.
    pub status: Option<String>,
}

/// The follow-up stages of an annotation, in order.
pub const STATUSES: [&str; 4] = ["批示", "交办", "受理", "落实"];

/// What is wrong, and how to fix it.
pub type Problem = (String, String);

/// Reads the fields of one record; `keys` lists (canonical, Chinese labels).
struct Record<'a> {
    map: &'a Map<String, Value>,
    what: &'static str,
}

impl Record<'_> {
    fn check_keys(&self, known: &[(&str, &[&str])]) -> Result<(), Problem> {
        for key in self.map.keys() {
            if !known
                .iter()
                .any(|(k, labels)| k == key || labels.contains(&key.as_str()))
            {
                let names: Vec<String> = known
                    .iter()
                    .map(|(k, labels)| format!("{k}（{}）", labels.join("、")))
                    .collect();
                return Err((
                    t!(
                        format!("{}记录中有未知的键 “{key}”", self.what),
                        format!("unknown key “{key}” in an {} record", self.what)
                    ),
                    t!(
                        format!("可用的键：{}", names.join("、")),
                        format!("keys: {}", names.join(", "))
                    ),
                ));
            }
        }
        Ok(())
    }

    fn text(&self, key: &str, labels: &[&str]) -> Result<Option<String>, Problem> {
        let found = std::iter::once(key)
            .chain(labels.iter().copied())
            .find_map(|k| self.map.get(k));
        match found {
            None => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
            Some(other) => Err((
                t!(
                    format!("{}记录的 {key} 应是文字，而不是 {other}", self.what),
                    format!(
                        "{key} of an {} record should be text, not {other}",
                        self.what
                    )
                ),
                t!(
                    format!("写成 {key} = \"…\""),
                    format!("write {key} = \"…\"")
                ),
            )),
        }
    }

    fn required(&self, key: &str, labels: &[&str]) -> Result<String, Problem> {
        self.text(key, labels)?.ok_or_else(|| {
            (
                t!(
                    format!("{}记录缺少 {key}", self.what),
                    format!("an {} record has no {key}", self.what)
                ),
                t!(format!("加上 {key} = \"…\""), format!("add {key} = \"…\"")),
            )
        })
    }

    fn date(&self, labels: &[&str]) -> Result<Option<Date>, Problem> {
        let Some(text) = self.text("date", labels)? else {
            return Ok(None);
        };
        text.parse::<DateValue>()
            .map(|d| Some(d.date()))
            .map_err(|e| (e, t!("写成 date = 2024-03-05", "write date = 2024-03-05")))
    }

    /// The `level`, which must be one of `declared` (named `key` in
    /// `[scoring]`) when the rule set declares any.
    fn level(&self, declared: &[String], key: &str) -> Result<String, Problem> {
        let level = self.required("level", &["级别"])?;
        if declared.is_empty() || declared.contains(&level) {
            return Ok(level);
        }
        Err((
            t!(
                format!(
                    "{}级别 “{level}” 没有在 gazette.toml 的 [scoring] {key} 中声明",
                    self.what
                ),
                format!(
                    "the {} level “{level}” is not declared in {key} under [scoring] in gazette.toml",
                    self.what
                )
            ),
            t!(
                format!("可用的级别：{}", declared.join("、")),
                format!("levels: {}", declared.join(", "))
            ),
        ))
    }
}

const ADOPTION_KEYS: &[(&str, &[&str])] = &[
    ("level", &["级别"]),
    ("by", &["采用单位"]),
    ("date", &["日期", "采用日期"]),
    ("outlet", &["刊物", "载体"]),
];

const ANNOTATION_KEYS: &[(&str, &[&str])] = &[
    ("leader", &["领导", "批示领导"]),
    ("level", &["级别"]),
    ("date", &["日期", "批示日期"]),
    ("text", &["内容", "批示内容"]),
    ("routing", &["流转"]),
    ("status", &["状态", "办理状态"]),
];

pub fn adoption(map: &Map<String, Value>, rules: &Rules) -> Result<Adoption, Problem> {
    let r = Record {
        map,
        what: if crate::lang::english() {
            "adoption"
        } else {
            "采用"
        },
    };
    r.check_keys(ADOPTION_KEYS)?;
    Ok(Adoption {
        level: r.level(&rules.levels, "levels")?,
        by: r.text("by", &["采用单位"])?,
        date: r.date(&["日期", "采用日期"])?,
        outlet: r.text("outlet", &["刊物", "载体"])?,
    })
}

pub fn annotation(map: &Map<String, Value>, rules: &Rules) -> Result<Annotation, Problem> {
    let r = Record {
        map,
        what: if crate::lang::english() {
            "annotation"
        } else {
            "批示"
        },
    };
    r.check_keys(ANNOTATION_KEYS)?;
    let status = r.text("status", &["状态", "办理状态"])?;
    if let Some(s) = &status
        && !STATUSES.contains(&s.as_str())
    {
        return Err((
            t!(
                format!("批示的办理状态 “{s}” 无法识别"),
                format!("the annotation status “{s}” is not known")
            ),
            t!(
                format!("只能是：{}", STATUSES.join("、")),
                format!("use one of: {}", STATUSES.join(", "))
            ),
        ));
    }
    Ok(Annotation {
        leader: r.required("leader", &["领导", "批示领导"])?,
        level: r.level(&rules.annotation_levels, "annotation_levels")?,
        date: r.date(&["日期", "批示日期"])?,
        text: r.text("text", &["内容", "批示内容"])?,
        routing: r.text("routing", &["流转"])?,
        status,
    })
}
