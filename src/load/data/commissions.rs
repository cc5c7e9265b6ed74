//! `data/commissions.toml`: commissions (约稿) — calls for items on a topic,
//! with the units assigned and a due date. Items answer one with
//! `commission = "id"`; assigned units that did not answer by the due date
//! missed it, which the circulars list and the scoring counts.

use serde::Deserialize;
use toml::Spanned;

use super::{DataDate, DataFile};
use crate::diagnostic::Diagnostic;
use crate::t;

pub const FILE: &str = "data/commissions.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CommissionsData {
    pub commission: Vec<CommissionEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommissionEntry {
    pub id: Spanned<String>,
    pub topic: String,
    #[serde(default)]
    pub issued: Option<DataDate>,
    pub due: DataDate,
    /// Names from `data/units.toml`.
    #[serde(default)]
    pub units: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    pub note: Option<String>,
}

/// One commission as the statistics use it.
#[derive(Debug, Clone)]
pub struct Commission {
    pub id: String,
    pub topic: String,
    pub issued: Option<jiff::civil::Date>,
    pub due: jiff::civil::Date,
    pub units: Vec<String>,
    pub note: Option<String>,
}

/// The commissions in file order, and their problems: a blank, repeated or
/// unsafe id, a unit that is not on the roster (with the nearest name).
pub fn list(
    file: &DataFile<CommissionsData>,
    roster: &[super::units::Unit],
) -> (Vec<Commission>, Vec<Diagnostic>) {
    let mut out: Vec<Commission> = Vec::new();
    let mut ds = Vec::new();
    for entry in &file.data.commission {
        let id = entry.id.get_ref().trim().to_string();
        let line = file.line_of(&entry.id);
        if id.is_empty() || id.contains(['/', '\\', '?', '#']) || id.starts_with('.') {
            ds.push(file.error(
                line,
                t!(
                    format!("约稿编号 “{id}” 不能用作网址"),
                    format!("the commission id “{id}” cannot be used in a URL")
                ),
                t!(
                    "用字母、数字、汉字和连字符，如 id = \"2024-03\"",
                    "use letters, digits and hyphens, like id = \"2024-03\""
                ),
            ));
            continue;
        }
        if out.iter().any(|c| c.id == id) {
            ds.push(file.error(
                line,
                t!(
                    format!("约稿编号 “{id}” 重复"),
                    format!("the commission id “{id}” is used twice")
                ),
                t!(
                    "每个约稿的 id 必须唯一",
                    "every commission needs its own id"
                ),
            ));
            continue;
        }
        let units_line = entry.units.as_ref().map_or(line, |u| file.line_of(u));
        let units: Vec<String> = entry
            .units
            .as_ref()
            .map(|u| u.get_ref().clone())
            .unwrap_or_default();
        if !roster.is_empty() {
            for unit in &units {
                if !roster.iter().any(|u| &u.name == unit) {
                    ds.push(file.error(
                        units_line,
                        t!(
                            format!("约稿 “{id}” 的单位 “{unit}” 不在 {} 中", super::units::FILE),
                            format!(
                                "the unit “{unit}” of commission “{id}” is not in {}",
                                super::units::FILE
                            )
                        ),
                        unit_hint(unit, roster),
                    ));
                }
            }
        }
        out.push(Commission {
            id,
            topic: entry.topic.clone(),
            issued: entry.issued.map(|d| d.0.date()),
            due: entry.due.0.date(),
            units,
            note: entry.note.clone(),
        });
    }
    (out, ds)
}

/// "Did you mean" for a unit name: the nearest name on the roster.
pub fn unit_hint(name: &str, roster: &[super::units::Unit]) -> String {
    let nearest = roster
        .iter()
        .map(|u| (crate::load::keys::distance(name, &u.name), &u.name))
        .filter(|(d, n)| *d <= (n.chars().count() / 2).max(1))
        .min();
    match nearest {
        Some((_, n)) => t!(
            format!(
                "是不是 “{n}”？报送单位须与 {} 中的名称一致",
                super::units::FILE
            ),
            format!(
                "did you mean “{n}”? Units must be written as in {}",
                super::units::FILE
            )
        ),
        None => t!(
            format!(
                "报送单位须与 {} 中的名称一致；新单位请先加到该文件",
                super::units::FILE
            ),
            format!(
                "units must be written as in {}; add a new unit there first",
                super::units::FILE
            )
        ),
    }
}
