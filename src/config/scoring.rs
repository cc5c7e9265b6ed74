//! `[scoring]` in `gazette.toml`: how the statistics circulars (通报) turn
//! submissions, adoptions, annotations, commissions and late reports into
//! points. Every office scores differently, so the rules are configuration,
//! never code; two real rule sets ship as presets (`preset = "city"`,
//! `preset = "cppcc"`) that a site may take as they are or override key by
//! key. A rule that names a level the rule set does not declare is an error
//! at its line.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::CONFIG_FILE;
use crate::diagnostic::{Diagnostic, Location};
use crate::t;

/// `[scoring]` as written. Every key is optional: a preset fills what the
/// site leaves out.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScoringConfig {
    /// `city` or `cppcc`: start from a documented rule set.
    #[serde(default)]
    pub preset: Option<Spanned<String>>,
    /// Adoption levels, lowest first (`["市委", "市政府", "省政府"]`): the
    /// columns of the circulars, and the only levels adoptions may name.
    #[serde(default)]
    pub levels: Option<Vec<String>>,
    /// The levels of the leaders who annotate (`["县级", "市级", "省级"]`).
    #[serde(default)]
    pub annotation_levels: Option<Vec<String>>,
    /// What the points are called in the circulars: 分 (points) or 元 (yuan).
    #[serde(default)]
    pub unit_label: Option<String>,
    /// Points per item submitted.
    #[serde(default)]
    pub submission: Option<f64>,
    /// Points per adoption, by level and optionally outlet (the more
    /// specific rule wins).
    #[serde(default)]
    pub adoption: Option<Vec<AdoptionRule>>,
    /// Points per annotation (批示), by the leader's level.
    #[serde(default)]
    pub annotation: Option<Vec<AnnotationRule>>,
    #[serde(default)]
    pub commission: Option<CommissionPoints>,
    #[serde(default)]
    pub penalties: Option<Penalties>,
    #[serde(default)]
    pub multipliers: Option<Multipliers>,
    /// "Outstanding officer" (优秀信息员) in the annual circular.
    #[serde(default)]
    pub award: Option<Award>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AdoptionRule {
    pub level: Spanned<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    pub points: f64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AnnotationRule {
    pub level: Spanned<String>,
    pub points: f64,
}

/// 约稿: answered by the due date, or missed by a unit it was assigned to.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CommissionPoints {
    #[serde(default)]
    pub answered: f64,
    #[serde(default)]
    pub missed: f64,
}

/// Deductions: a late first report of an incident (seen by the build, or
/// recorded in `data/deductions.toml`), an open incident left without
/// follow-up, and the wrong, missed or untrue reports the office records.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Penalties {
    #[serde(default)]
    pub late_report: f64,
    #[serde(default)]
    pub no_follow_up: f64,
    #[serde(default)]
    pub wrong_report: f64,
    #[serde(default)]
    pub missed_report: f64,
    #[serde(default)]
    pub untrue_report: f64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Multipliers {
    /// Factor on the adoption points of an item a leader annotated.
    #[serde(default = "one")]
    pub annotated: Spanned<f64>,
}

fn one() -> Spanned<f64> {
    Spanned::new(0..0, 1.0)
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Award {
    pub name: String,
    #[serde(default)]
    pub min_submitted: u32,
    #[serde(default)]
    pub min_adopted: u32,
}

/// Points are kept in hundredths so sums are exact (0.2 × 3 = 0.6).
pub type Cents = i64;

pub fn cents(points: f64) -> Cents {
    (points * 100.0).round() as Cents
}

/// `60` → `0.6`, `200` → `2`, `-500` → `-5`.
pub fn format_cents(c: Cents) -> String {
    let sign = if c < 0 { "-" } else { "" };
    let (whole, frac) = (c.abs() / 100, c.abs() % 100);
    match frac {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

/// The rule set a build scores with: preset and site keys merged.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    /// Empty: no levels declared, any level is accepted and earns nothing.
    pub levels: Vec<String>,
    /// Empty: any annotation level is accepted.
    pub annotation_levels: Vec<String>,
    pub unit_label: String,
    pub submission: Cents,
    pub adoption: Vec<(String, Option<String>, Cents)>,
    pub annotation: Vec<(String, Cents)>,
    pub answered: Cents,
    pub missed: Cents,
    pub late_report: Cents,
    pub no_follow_up: Cents,
    pub wrong_report: Cents,
    pub missed_report: Cents,
    pub untrue_report: Cents,
    /// Percent: 200 doubles.
    pub annotated_percent: i64,
    pub award: Option<Award>,
}

impl Rules {
    /// Points of one adoption: the rule for its level whose outlet the
    /// adoption's outlet contains (`短讯` matches `市委《信息快报》短讯`),
    /// else the rule for its level alone, else nothing.
    pub fn adoption_points(&self, level: &str, outlet: Option<&str>) -> Cents {
        let exact = self.adoption.iter().find(|(l, o, _)| {
            l == level
                && matches!((o, outlet), (Some(rule), Some(given)) if given.contains(rule.as_str()))
        });
        let general = || {
            self.adoption
                .iter()
                .find(|(l, o, _)| l == level && o.is_none())
        };
        exact.or_else(general).map_or(0, |(_, _, p)| *p)
    }

    /// Points of a deduction the office recorded.
    pub fn deduction_points(&self, kind: crate::load::data::deductions::DeductionKind) -> Cents {
        use crate::load::data::deductions::DeductionKind as K;
        match kind {
            K::Late => self.late_report,
            K::Wrong => self.wrong_report,
            K::Missed => self.missed_report,
            K::Untrue => self.untrue_report,
        }
    }

    pub fn annotation_points(&self, level: &str) -> Cents {
        self.annotation
            .iter()
            .find(|(l, _)| l == level)
            .map_or(0, |(_, p)| *p)
    }
}

/// The documented presets, by name.
pub const PRESETS: &[&str] = &["city", "cppcc"];

/// A preset as if written in `gazette.toml`, so presets and sites go
/// through the same parser (and the README shows exactly this text).
pub fn preset_text(name: &str) -> Option<&'static str> {
    match name {
        "city" => Some(CITY),
        "cppcc" => Some(CPPCC),
        _ => None,
    }
}

/// A city office, 2010 (BRIEF.md): points. The city's own publications
/// (市委, 市政府) pay 2, a short item (短讯) 1; the provincial edition (省委)
/// 3, the provincial government office 10, the State Council office 20.
pub const CITY: &str = r#"levels = ["市委", "市政府", "省委", "省政府", "国务院办公厅"]
annotation_levels = ["县级", "市级", "省级", "国家级"]
unit_label = "分"
submission = 0.2
adoption = [
  { level = "市委", points = 2 },
  { level = "市委", outlet = "短讯", points = 1 },
  { level = "市政府", points = 2 },
  { level = "市政府", outlet = "短讯", points = 1 },
  { level = "省委", points = 3 },
  { level = "省政府", points = 10 },
  { level = "国务院办公厅", points = 20 },
]
annotation = [
  { level = "市级", points = 10 },
  { level = "省级", points = 20 },
  { level = "国家级", points = 30 },
]
commission = { answered = 5, missed = -5 }
penalties = { late_report = -10, no_follow_up = -10, wrong_report = -10, missed_report = -10, untrue_report = -10 }
"#;

/// A CPPCC office: yuan per adoption, doubled when annotated, and the
/// outstanding-officer rule.
pub const CPPCC: &str = r#"levels = ["县政协", "市政协", "全国政协"]
annotation_levels = ["县级", "市级", "省级", "国家级"]
unit_label = "元"
submission = 0
adoption = [
  { level = "县政协", points = 30 },
  { level = "市政协", points = 100 },
  { level = "全国政协", points = 300 },
]
multipliers = { annotated = 2 }
award = { name = "优秀信息员", min_submitted = 5, min_adopted = 3 }
"#;

impl ScoringConfig {
    /// Merges the preset (when named and known) under the site's keys.
    pub fn rules(&self) -> Rules {
        let preset = self
            .preset
            .as_ref()
            .and_then(|p| preset_text(p.get_ref().trim()))
            .and_then(|text| toml::from_str::<ScoringConfig>(text).ok())
            .unwrap_or_default();
        let own = self.clone();
        let adoption = own.adoption.or(preset.adoption).unwrap_or_default();
        let annotation = own.annotation.or(preset.annotation).unwrap_or_default();
        let commission = own.commission.or(preset.commission).unwrap_or_default();
        let penalties = own.penalties.or(preset.penalties).unwrap_or_default();
        let multipliers = own.multipliers.or(preset.multipliers);
        Rules {
            levels: own.levels.or(preset.levels).unwrap_or_default(),
            annotation_levels: own
                .annotation_levels
                .or(preset.annotation_levels)
                .unwrap_or_default(),
            unit_label: own
                .unit_label
                .or(preset.unit_label)
                .unwrap_or_else(|| "分".into()),
            submission: cents(own.submission.or(preset.submission).unwrap_or(0.0)),
            adoption: adoption
                .into_iter()
                .map(|r| (r.level.into_inner(), r.outlet, cents(r.points)))
                .collect(),
            annotation: annotation
                .into_iter()
                .map(|r| (r.level.into_inner(), cents(r.points)))
                .collect(),
            answered: cents(commission.answered),
            missed: cents(commission.missed),
            late_report: cents(penalties.late_report),
            no_follow_up: cents(penalties.no_follow_up),
            wrong_report: cents(penalties.wrong_report),
            missed_report: cents(penalties.missed_report),
            untrue_report: cents(penalties.untrue_report),
            annotated_percent: multipliers
                .map_or(100, |m| (m.annotated.into_inner() * 100.0).round() as i64),
            award: own.award.or(preset.award),
        }
    }
}

/// Errors of `[scoring]`, each at its line: an unknown preset, a rule for a
/// level the rule set does not declare, a rule given twice, a multiplier
/// that is not positive.
pub fn check(scoring: &ScoringConfig, text: &str) -> Vec<Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let source: Arc<str> = Arc::from(text);
    let at = |span: std::ops::Range<usize>, d: Diagnostic| {
        let location = if span.is_empty() && span.start == 0 {
            Location {
                line: crate::load::parse::line_in(text, 1, "scoring").unwrap_or(1),
                column: 1,
            }
        } else {
            Location::of_offset(text, span.start)
        };
        d.in_file(CONFIG_FILE)
            .at(location)
            .with_source(source.clone())
            .rule("scoring")
    };
    let mut out = Vec::new();
    if let Some(p) = &scoring.preset
        && preset_text(p.get_ref().trim()).is_none()
    {
        out.push(at(
            p.span(),
            Diagnostic::error(t!(
                format!("没有名为 “{}” 的计分预设", p.get_ref()),
                format!("there is no scoring preset named “{}”", p.get_ref())
            ))
            .with_hint(t!(
                format!(
                    "可用的预设：{}（见 README 的“信息统计”一节）",
                    PRESETS.join("、")
                ),
                format!(
                    "presets: {} (see “Statistics” in the README)",
                    PRESETS.join(", ")
                )
            )),
        ));
    }
    let rules = scoring.rules();
    let unknown = |level: &Spanned<String>,
                   what: &str,
                   key: &str,
                   declared: &[String]|
     -> Option<Diagnostic> {
        let name = level.get_ref();
        if declared.iter().any(|l| l == name) {
            return None;
        }
        let levels = declared.join("、");
        let message = t!(
            format!("{what}规则中的级别 “{name}” 没有在 {key} 中声明"),
            format!("the {what} rule names the level “{name}”, which {key} does not declare")
        );
        let hint = if levels.is_empty() {
            t!(
                format!(
                    "在 [scoring] 下声明 {key} = [\"{name}\", …]，或选用预设 preset = \"city\""
                ),
                format!(
                    "declare {key} = [\"{name}\", …] under [scoring], or use preset = \"city\""
                )
            )
        } else {
            t!(
                format!("已声明的级别：{levels}；改成其中之一，或把 “{name}” 加进 {key}"),
                format!("declared levels: {levels}; use one of them, or add “{name}” to {key}")
            )
        };
        Some(at(level.span(), Diagnostic::error(message).with_hint(hint)))
    };
    let mut seen = std::collections::HashSet::new();
    for rule in scoring.adoption.iter().flatten() {
        out.extend(unknown(
            &rule.level,
            &t!("采用", "adoption"),
            "levels",
            &rules.levels,
        ));
        if !seen.insert((rule.level.get_ref().clone(), rule.outlet.clone())) {
            out.push(at(
                rule.level.span(),
                Diagnostic::error(t!(
                    format!("级别 “{}” 的采用规则重复", rule.level.get_ref()),
                    format!(
                        "the adoption rule for “{}” is given twice",
                        rule.level.get_ref()
                    )
                ))
                .with_hint(t!(
                    "同一级别（及刊物）只能有一条规则；删掉多余的一条",
                    "one rule per level (and outlet): remove the extra one"
                )),
            ));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for rule in scoring.annotation.iter().flatten() {
        out.extend(unknown(
            &rule.level,
            &t!("批示", "annotation"),
            "annotation_levels",
            &rules.annotation_levels,
        ));
        if !seen.insert(rule.level.get_ref().clone()) {
            out.push(at(
                rule.level.span(),
                Diagnostic::error(t!(
                    format!("级别 “{}” 的批示规则重复", rule.level.get_ref()),
                    format!(
                        "the annotation rule for “{}” is given twice",
                        rule.level.get_ref()
                    )
                ))
                .with_hint(t!("删掉多余的一条", "remove the extra one")),
            ));
        }
    }
    if let Some(m) = &scoring.multipliers
        && *m.annotated.get_ref() <= 0.0
    {
        out.push(at(
            m.annotated.span(),
            Diagnostic::error(t!(
                format!(
                    "倍数 multipliers.annotated = {} 必须大于 0",
                    m.annotated.get_ref()
                ),
                format!(
                    "multipliers.annotated = {} must be above 0",
                    m.annotated.get_ref()
                )
            ))
            .with_hint(t!(
                "批示后翻倍写 2；不加倍写 1",
                "2 doubles annotated items; 1 leaves them"
            )),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_parse_and_name_only_declared_levels() {
        for name in PRESETS {
            let text = preset_text(name).unwrap();
            let config: ScoringConfig = toml::from_str(text).unwrap();
            assert!(check(&config, text).is_empty(), "{name}");
        }
    }

    #[test]
    fn the_outlet_rule_wins_over_the_level_rule() {
        let config = ScoringConfig {
            preset: Some(Spanned::new(0..0, "city".into())),
            ..Default::default()
        };
        let rules = config.rules();
        assert_eq!(rules.adoption_points("市委", None), 200);
        assert_eq!(rules.adoption_points("市委", Some("《信息快报》短讯")), 100);
        assert_eq!(rules.adoption_points("省委", Some("省版")), 300);
        assert_eq!(rules.adoption_points("省政府", Some("《每日要情》")), 1000);
        assert_eq!(rules.adoption_points("县委", None), 0);
        assert_eq!(rules.submission, 20);
    }

    #[test]
    fn cents_print_as_points() {
        assert_eq!(format_cents(60), "0.6");
        assert_eq!(format_cents(200), "2");
        assert_eq!(format_cents(-500), "-5");
        assert_eq!(format_cents(1225), "12.25");
        assert_eq!(format_cents(-20), "-0.2");
    }
}
