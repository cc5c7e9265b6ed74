//! `[statistics]` in `gazette.toml`: where the circulars (通报) go, which
//! periods get one, and the incident (紧急信息) deadlines. The circulars
//! themselves are built only in a profile that never reaches the public,
//! and only when the site has a roster of reporting units
//! (`data/units.toml`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatisticsConfig {
    /// Site path of the circulars, commissions and incidents.
    #[serde(default = "default_path")]
    pub path: String,
    /// Which circulars to make: `month`, `quarter`, `half`, `year`.
    #[serde(default = "default_periods")]
    pub periods: Vec<PeriodKind>,
    #[serde(default)]
    pub incidents: IncidentConfig,
}

impl Default for StatisticsConfig {
    fn default() -> Self {
        StatisticsConfig {
            path: default_path(),
            periods: default_periods(),
            incidents: IncidentConfig::default(),
        }
    }
}

/// Deadlines of incident reports (紧急信息).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IncidentConfig {
    /// Hours allowed from `event_time` to the first report's `report_time`,
    /// by `category` (`{ 紧急 = 2 }`). A first report of such a category
    /// opens an incident thread even before it has follow-ups.
    #[serde(default = "default_deadlines")]
    pub deadlines: BTreeMap<String, f64>,
    /// Deadlines of one bulletin series, by category, over `deadlines`
    /// (`[statistics.incidents.series.zwxx]` with `"紧急" = 1`).
    #[serde(default)]
    pub series: BTreeMap<String, BTreeMap<String, f64>>,
    /// An open incident whose last report is older than this many days is
    /// listed (and warned by `gazette check`).
    #[serde(default = "default_follow_up_days")]
    pub follow_up_days: u32,
}

impl Default for IncidentConfig {
    fn default() -> Self {
        IncidentConfig {
            deadlines: default_deadlines(),
            series: BTreeMap::new(),
            follow_up_days: default_follow_up_days(),
        }
    }
}

impl IncidentConfig {
    /// Hours allowed for a first report of `category` in `series`: the
    /// series' own deadline, else the site's.
    pub fn deadline(&self, series: Option<&str>, category: &str) -> Option<f64> {
        series
            .and_then(|s| self.series.get(s))
            .and_then(|d| d.get(category))
            .or_else(|| self.deadlines.get(category))
            .copied()
    }
}

/// `[statistics.incidents.series.KEY]` must name a declared series.
pub fn check(config: &super::Config, text: &str) -> Vec<crate::diagnostic::Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let declared: Vec<&str> = config.series.keys().map(String::as_str).collect();
    config
        .statistics
        .incidents
        .series
        .keys()
        .filter(|key| !config.series.contains_key(*key))
        .map(|key| {
            let line = text
                .lines()
                .position(|l| {
                    let l = l.trim_start();
                    l.starts_with("[statistics.incidents.series.") && l.contains(key.as_str())
                })
                .map_or_else(
                    || crate::load::parse::line_in(text, 1, "series").unwrap_or(1),
                    |i| i + 1,
                );
            crate::diagnostic::Diagnostic::error(crate::t!(
                format!("[statistics.incidents.series.{key}] 中的刊物 “{key}” 没有在 [series] 中声明"),
                format!("[statistics.incidents.series.{key}] names “{key}”, which is not a declared [series]")
            ))
            .in_file(super::CONFIG_FILE)
            .at_line(line)
            .with_source(std::sync::Arc::from(text))
            .with_hint(if declared.is_empty() {
                crate::t!("先用 [series.键名] 声明刊物", "declare the series as [series.KEY] first")
            } else {
                crate::t!(
                    format!("已声明的刊物：{}", declared.join("、")),
                    format!("declared series: {}", declared.join(", "))
                )
            })
            .rule("statistics")
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodKind {
    Month,
    Quarter,
    Half,
    Year,
}

fn default_path() -> String {
    "/statistics/".into()
}
fn default_periods() -> Vec<PeriodKind> {
    vec![
        PeriodKind::Month,
        PeriodKind::Quarter,
        PeriodKind::Half,
        PeriodKind::Year,
    ]
}
fn default_deadlines() -> BTreeMap<String, f64> {
    BTreeMap::from([("紧急".to_string(), 2.0)])
}
fn default_follow_up_days() -> u32 {
    3
}

impl StatisticsConfig {
    /// The path with one slash at each end.
    pub fn site_path(&self) -> String {
        let inner = self.path.trim_matches('/');
        if inner.is_empty() {
            default_path()
        } else {
            format!("/{inner}/")
        }
    }
}
