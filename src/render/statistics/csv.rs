//! CSV downloads of a circular's tables (one per unit, one per author),
//! through the shared writer (BOM, CRLF), for the office's spreadsheets.

use super::values::{percent, points};
use crate::model::statistics::Statistics;
use crate::model::statistics::tally::Row;

/// The unit table (`authors == false`) or the author table of circular `i`.
pub fn table(stats: &Statistics, i: usize, authors: bool) -> String {
    let c = &stats.circulars[i];
    let mut header: Vec<String> = vec!["名次".into()];
    if authors {
        header.extend(["信息员".into(), "报送单位".into()]);
    } else {
        header.extend(["报送单位".into(), "类型".into()]);
    }
    header.push("报送".into());
    header.extend(stats.levels.iter().map(|l| format!("{l}采用")));
    header.extend([
        "采用合计".into(),
        "批示".into(),
        "采用率".into(),
        "约稿完成".into(),
        "约稿未完成".into(),
        "扣分项".into(),
        format!("得分（{}）", stats.rules.unit_label),
    ]);
    let award = stats
        .rules
        .award
        .as_ref()
        .filter(|_| authors && c.period.kind == crate::config::statistics::PeriodKind::Year);
    if let Some(a) = award {
        header.push(a.name.clone());
    }
    let mut out = crate::render::csv::Csv::new();
    out.record(&header);
    let rows: &[Row] = if authors { &c.authors } else { &c.units };
    for r in rows {
        let mut line = vec![
            r.rank.to_string(),
            r.name.clone(),
            r.detail.clone(),
            r.submitted.to_string(),
        ];
        line.extend(r.by_level.iter().map(u32::to_string));
        line.extend([
            r.adopted.to_string(),
            r.annotated.to_string(),
            percent(r.adopted, r.submitted),
            r.answered.to_string(),
            r.missed.to_string(),
            r.late.to_string(),
            points(r.points),
        ]);
        if award.is_some() {
            line.push(if r.award { "是" } else { "" }.into());
        }
        out.record(&line);
    }
    out.finish()
}
