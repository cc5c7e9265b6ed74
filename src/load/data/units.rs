//! `data/units.toml`: the reporting units (报送单位) — towns, departments,
//! direct reporting points — with their information officer and the dates
//! they report from and to. Items' `unit` is checked against it, and the
//! circulars list every active unit, so the ones that reported nothing show.

use serde::Deserialize;
use toml::Spanned;

use super::{DataDate, DataFile};
use crate::diagnostic::Diagnostic;
use crate::t;

pub const FILE: &str = "data/units.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct UnitsData {
    pub unit: Vec<UnitEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitEntry {
    pub name: Spanned<String>,
    /// 乡镇, 部门, 直报点 …
    #[serde(default)]
    pub kind: Option<String>,
    /// The unit's information officer (信息员).
    #[serde(default)]
    pub contact: Option<String>,
    #[serde(default)]
    pub active_from: Option<DataDate>,
    #[serde(default)]
    pub active_to: Option<DataDate>,
}

/// One unit as the statistics use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub name: String,
    pub kind: String,
    pub contact: Option<String>,
    pub active_from: Option<jiff::civil::Date>,
    pub active_to: Option<jiff::civil::Date>,
}

impl Unit {
    /// Whether the unit reports on some day of `[start, end]`.
    pub fn active_during(&self, start: jiff::civil::Date, end: jiff::civil::Date) -> bool {
        self.active_from.is_none_or(|f| f <= end) && self.active_to.is_none_or(|t| t >= start)
    }
}

/// The roster in file order, and its problems: a blank or repeated name,
/// an end before the start.
pub fn roster(file: &DataFile<UnitsData>) -> (Vec<Unit>, Vec<Diagnostic>) {
    let mut units: Vec<Unit> = Vec::new();
    let mut ds = Vec::new();
    for entry in &file.data.unit {
        let name = entry.name.get_ref().trim().to_string();
        let line = file.line_of(&entry.name);
        if name.is_empty() {
            ds.push(file.error(
                line,
                t!("报送单位的名称（name）是空的", "a unit's name is empty"),
                t!(
                    "填写单位全称，如 name = \"梧桐镇人民政府\"",
                    "write the unit's full name"
                ),
            ));
            continue;
        }
        if units.iter().any(|u| u.name == name) {
            ds.push(file.error(
                line,
                t!(
                    format!("报送单位 “{name}” 重复"),
                    format!("the unit “{name}” is listed twice")
                ),
                t!("删掉重复的 [[unit]]", "remove the repeated [[unit]]"),
            ));
            continue;
        }
        let from = entry.active_from.map(|d| d.0.date());
        let to = entry.active_to.map(|d| d.0.date());
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            ds.push(file.error(
                line,
                t!(
                    format!("报送单位 “{name}” 的 active_to（{t}）早于 active_from（{f}）"),
                    format!(
                        "the unit “{name}” ends (active_to {t}) before it starts (active_from {f})"
                    )
                ),
                t!("检查这两个日期", "check both dates"),
            ));
        }
        units.push(Unit {
            name,
            kind: entry.kind.clone().unwrap_or_default(),
            contact: entry.contact.clone(),
            active_from: from,
            active_to: to,
        });
    }
    (units, ds)
}
