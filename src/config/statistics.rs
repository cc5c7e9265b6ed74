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
    /// An open incident whose last report is older than this many days is
    /// listed (and warned by `gazette check`).
    #[serde(default = "default_follow_up_days")]
    pub follow_up_days: u32,
}

impl Default for IncidentConfig {
    fn default() -> Self {
        IncidentConfig {
            deadlines: default_deadlines(),
            follow_up_days: default_follow_up_days(),
        }
    }
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
