//! `[conformance]` in `gazette.toml`: how long a column (栏目) may go without a
//! new page before an inspection fails the site for it. BRIEF.md gives the
//! defaults: news two weeks, notices and policies six months.
//!
//! ```toml
//! [conformance.freshness]
//! news = "14d"       # or 14, "2w", "14天", "2周"
//! notices = "6m"     # or "6个月"
//! "disclosure/rules" = "1y"
//! ```
//! A key is a column folder under `content/`; it covers the folders below it
//! unless they have a key of their own.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::{CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, Location};
use crate::t;

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConformanceConfig {
    /// Column folder → limit; `None`: the defaults.
    #[serde(default)]
    pub freshness: Option<BTreeMap<String, Spanned<toml::Value>>>,
}

/// How long a column may stay without a new page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Limit {
    Days(u32),
    Months(u32),
}

impl Limit {
    pub fn label(self) -> String {
        match self {
            Limit::Days(n) if n % 7 == 0 && n > 0 => {
                t!(format!("{} 周", n / 7), format!("{} weeks", n / 7))
            }
            Limit::Days(n) => t!(format!("{n} 天"), format!("{n} days")),
            Limit::Months(n) if n % 12 == 0 && n > 0 => {
                t!(format!("{} 年", n / 12), format!("{} years", n / 12))
            }
            Limit::Months(n) => t!(format!("{n} 个月"), format!("{n} months")),
        }
    }

    /// The last day a column last updated on `newest` is still fresh.
    pub fn until(self, newest: jiff::civil::Date) -> jiff::civil::Date {
        let span = match self {
            Limit::Days(n) => jiff::Span::new().days(i64::from(n)),
            Limit::Months(n) => jiff::Span::new().months(i64::from(n)),
        };
        newest.checked_add(span).unwrap_or(jiff::civil::Date::MAX)
    }
}

/// The defaults of BRIEF.md, by the folder names `gazette init` and the demo use.
pub const DEFAULTS: [(&str, Limit); 3] = [
    ("news", Limit::Days(14)),
    ("notices", Limit::Months(6)),
    ("policies", Limit::Months(6)),
];

/// The limits by column folder, and the problems of the ones written.
pub fn limits(config: &Config, text: &str) -> (BTreeMap<String, Limit>, Vec<Diagnostic>) {
    let Some(written) = &config.conformance.freshness else {
        let defaults = DEFAULTS
            .iter()
            .map(|(k, l)| ((*k).to_string(), *l))
            .collect();
        return (defaults, Vec::new());
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let source: Arc<str> = Arc::from(text);
    let mut limits = BTreeMap::new();
    let mut problems = Vec::new();
    for (dir, value) in written {
        match parse(value.get_ref()) {
            Some(limit) => {
                limits.insert(dir.trim_matches('/').to_string(), limit);
            }
            None => problems.push(
                Diagnostic::error(t!(
                    format!("栏目 “{dir}” 的更新时限 {} 无法识别", value.get_ref()),
                    format!("the freshness limit {} of column “{dir}” is not understood", value.get_ref())
                ))
                .rule("conformance")
                .in_file(CONFIG_FILE)
                .at(Location::of_offset(text, value.span().start))
                .with_source(source.clone())
                .with_hint(t!(
                    "写天数（14）或带单位的字符串：\"14d\"/\"14天\"、\"2w\"/\"2周\"、\"6m\"/\"6个月\"、\"1y\"/\"1年\"",
                    "write days (14) or a string with a unit: \"14d\", \"2w\", \"6m\", \"1y\" (or 天/周/个月/年)"
                )),
            ),
        }
    }
    (limits, problems)
}

fn parse(value: &toml::Value) -> Option<Limit> {
    if let Some(days) = value.as_integer() {
        return u32::try_from(days).ok().filter(|d| *d > 0).map(Limit::Days);
    }
    let s = value.as_str()?.trim();
    let split = s.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = s.split_at(split);
    let n: u32 = number.parse().ok().filter(|n| *n > 0)?;
    match unit.trim() {
        "d" | "天" | "日" => Some(Limit::Days(n)),
        "w" | "周" | "星期" => n.checked_mul(7).map(Limit::Days),
        "m" | "个月" | "月" => Some(Limit::Months(n)),
        "y" | "年" => n.checked_mul(12).map(Limit::Months),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_read_days_weeks_months_and_years_in_both_languages() {
        let v = |s: &str| toml::Value::String(s.into());
        assert_eq!(parse(&toml::Value::Integer(14)), Some(Limit::Days(14)));
        assert_eq!(parse(&v("2w")), Some(Limit::Days(14)));
        assert_eq!(parse(&v("6个月")), Some(Limit::Months(6)));
        assert_eq!(parse(&v("1年")), Some(Limit::Months(12)));
        assert_eq!(parse(&v("14")), None);
        assert_eq!(parse(&v("0d")), None);
        assert_eq!(parse(&toml::Value::Integer(-3)), None);
        let newest = jiff::civil::date(2026, 8, 31);
        assert_eq!(
            Limit::Months(6).until(newest),
            jiff::civil::date(2027, 2, 28)
        );
    }
}
