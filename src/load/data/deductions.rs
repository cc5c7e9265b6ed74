//! `data/deductions.toml`: deductions the build cannot see for itself — an
//! important report that was wrong, missed or untrue (错报、漏报、不实), or
//! late when the lateness is known only to the office. Each names a unit, a
//! day, a kind and the reason; the points come from `[scoring] penalties`,
//! so the scoring stays in configuration.

use serde::Deserialize;
use toml::Spanned;

use super::{DataDate, DataFile};
use crate::diagnostic::Diagnostic;
use crate::t;

pub const FILE: &str = "data/deductions.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DeductionsData {
    pub deduction: Vec<DeductionEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeductionEntry {
    pub unit: Spanned<String>,
    pub date: DataDate,
    pub kind: Spanned<String>,
    pub reason: String,
}

/// What was wrong with a report; each has its points in `[scoring] penalties`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeductionKind {
    Late,
    Wrong,
    Missed,
    Untrue,
}

impl DeductionKind {
    const ALL: [(DeductionKind, &'static str, &'static str); 4] = [
        (DeductionKind::Late, "late_report", "迟报"),
        (DeductionKind::Wrong, "wrong_report", "错报"),
        (DeductionKind::Missed, "missed_report", "漏报"),
        (DeductionKind::Untrue, "untrue_report", "不实"),
    ];

    fn parse(text: &str) -> Option<DeductionKind> {
        Self::ALL
            .iter()
            .find(|(_, en, zh)| *en == text || *zh == text)
            .map(|(k, _, _)| *k)
    }

    /// 迟报, 错报, 漏报, 不实.
    pub fn label(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(k, _, _)| *k == self)
            .map_or("", |(_, _, zh)| zh)
    }
}

#[derive(Debug, Clone)]
pub struct Deduction {
    pub unit: String,
    pub date: jiff::civil::Date,
    pub kind: DeductionKind,
    pub reason: String,
}

/// The deductions, and their problems: an unknown kind, a unit not on the
/// roster (with the nearest name).
pub fn list(
    file: &DataFile<DeductionsData>,
    roster: &[super::units::Unit],
) -> (Vec<Deduction>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut ds = Vec::new();
    for entry in &file.data.deduction {
        let unit = entry.unit.get_ref().trim().to_string();
        let Some(kind) = DeductionKind::parse(entry.kind.get_ref().trim()) else {
            let kinds: Vec<String> = DeductionKind::ALL
                .iter()
                .map(|(_, en, zh)| format!("{en}（{zh}）"))
                .collect();
            ds.push(file.error(
                file.line_of(&entry.kind),
                t!(
                    format!("扣分类别 “{}” 无法识别", entry.kind.get_ref()),
                    format!("the deduction kind “{}” is not known", entry.kind.get_ref())
                ),
                t!(
                    format!("只能是：{}", kinds.join("、")),
                    format!("use one of: {}", kinds.join(", "))
                ),
            ));
            continue;
        };
        if !roster.iter().any(|u| u.name == unit) {
            ds.push(file.error(
                file.line_of(&entry.unit),
                t!(
                    format!("扣分单位 “{unit}” 不在 {} 中", super::units::FILE),
                    format!("the unit “{unit}” is not in {}", super::units::FILE)
                ),
                super::commissions::unit_hint(&unit, roster),
            ));
            continue;
        }
        out.push(Deduction {
            unit,
            date: entry.date.0.date(),
            kind,
            reason: entry.reason.clone(),
        });
    }
    (out, ds)
}
