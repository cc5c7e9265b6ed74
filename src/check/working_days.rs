//! Art. 26 of the Regulations: information is disclosed within 20 working
//! days of being created or changed. A document published more than 20
//! working days after its `written` date is warned, counted with the
//! holiday calendar of `data/holidays/`. A year the calendar lacks is
//! counted with weekends only, and the report says so once.

use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::diagnostic::Diagnostic;
use crate::load::holidays::{Calendar, HOLIDAY_DIR};
use crate::model::{Page, Site};
use crate::t;

const RULE: &str = "working-days";
pub const LIMIT: usize = 20;

pub fn check(site: &Site, calendar: &Calendar) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut missing = BTreeSet::new();
    for page in &site.pages {
        let front = &page.source.front;
        if front.doc_number.is_none() && front.genre.is_none() {
            continue;
        }
        let (Some(written), Some(date)) = (front.written, page.date.as_ref()) else {
            continue;
        };
        let (from, to) = (written.date(), date.date());
        for year in from.year()..=to.year() {
            if !calendar.has_year(year) {
                missing.insert(year);
            }
        }
        let days = working_days_after(calendar, from, to);
        if days > LIMIT {
            out.push(late(page, from, to, days));
        }
    }
    if !missing.is_empty() {
        out.push(missing_note(&missing));
    }
    out
}

/// Working days after `from`, up to and including `to` (0 when `to` is not
/// after `from`). Stops counting a little past the limit: nobody needs the
/// exact count of a document ten years late.
pub fn working_days_after(calendar: &Calendar, from: Date, to: Date) -> usize {
    let mut count = 0;
    let mut day = from;
    while day < to && count <= 10 * LIMIT {
        day = day.tomorrow().unwrap_or(to);
        if calendar.is_working_day(day) {
            count += 1;
        }
    }
    count
}

fn late(page: &Page, from: Date, to: Date, days: usize) -> Diagnostic {
    let count = if days > 10 * LIMIT {
        t!(
            format!("超过 {}", 10 * LIMIT),
            format!("more than {}", 10 * LIMIT)
        )
    } else {
        days.to_string()
    };
    Diagnostic::warning(t!(
        format!("发布日期 {to} 距成文日期 {from} 已有 {count} 个工作日，超过《政府信息公开条例》第二十六条规定的 {LIMIT} 个工作日"),
        format!("published on {to}, {count} working days after it was written ({from}): Art. 26 of the Regulations asks for {LIMIT} working days at most")
    ))
    .rule(RULE)
    .in_file(format!("content/{}", page.source.rel))
    .at_line(page.source.key_line(&["date", "日期", "发布日期"]))
    .with_source(page.source.text.clone())
    .with_hint(t!(
        "核对成文日期（written）和发布日期（date）；确属逾期公开的，在年度报告中说明",
        "check `written` and `date`; if the document really was late, say so in the annual report"
    ))
}

fn missing_note(years: &BTreeSet<i16>) -> Diagnostic {
    let list: Vec<String> = years.iter().map(i16::to_string).collect();
    Diagnostic::note(t!(
        format!("节假日日历缺少 {} 年（{HOLIDAY_DIR}/<年份>.toml）：这些年份的工作日只按周末计算，二十个工作日的检查不精确", list.join("、")),
        format!("the holiday calendar lacks {} ({HOLIDAY_DIR}/<year>.toml): working days of those years count weekends only, so the 20-working-day check is approximate", list.join(", "))
    ))
    .rule(RULE)
    .in_file(HOLIDAY_DIR)
    .with_hint(t!(
        "按国务院办公厅当年的节假日安排通知添加文件，格式见 docs/CONTENT.md",
        "add the file from the State Council's holiday notice; the format is in docs/CONTENT.md"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calendar_2025() -> Calendar {
        let mut c = Calendar::default();
        let mut errors = Vec::new();
        c.add_file(
            "2025.toml",
            "year = 2025\n[[holidays]]\nname = \"春节\"\nfrom = 2025-01-28\nto = 2025-02-04\nworkdays = [2025-01-26, 2025-02-08]\n",
            &mut errors,
        );
        assert!(errors.is_empty());
        c
    }

    #[test]
    fn the_spring_festival_does_not_count() {
        let c = calendar_2025();
        // Fri 24 Jan → Fri 7 Feb: 26 (Sun, make-up), 27, then 5, 6, 7 Feb.
        let days = working_days_after(&c, Date::constant(2025, 1, 24), Date::constant(2025, 2, 7));
        assert_eq!(days, 5);
        // Without the calendar only weekends are skipped: 10.
        let plain = Calendar::default();
        let days = working_days_after(
            &plain,
            Date::constant(2025, 1, 24),
            Date::constant(2025, 2, 7),
        );
        assert_eq!(days, 10);
    }
}
