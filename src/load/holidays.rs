//! The holiday calendar (`data/holidays/<year>.toml`): the official public
//! holidays and the make-up working days (调休上班) of each year, as the
//! State Council's General Office announces them every November. Used to
//! count working days (the 20-working-day rule of Art. 26).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use jiff::civil::{Date, Weekday};
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use crate::diagnostic::{Diagnostic, Location};
use crate::t;

pub const HOLIDAY_DIR: &str = "data/holidays";

/// Holidays and make-up working days of the years that have a file.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    pub years: BTreeSet<i16>,
    holidays: BTreeSet<Date>,
    workdays: BTreeSet<Date>,
}

impl Calendar {
    pub fn has_year(&self, year: i16) -> bool {
        self.years.contains(&year)
    }

    /// A working day: Monday to Friday unless a holiday, or a make-up day.
    pub fn is_working_day(&self, day: Date) -> bool {
        if self.workdays.contains(&day) {
            return true;
        }
        let weekend = matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday);
        !weekend && !self.holidays.contains(&day)
    }

    /// Reads every `data/holidays/*.toml`; all problems are returned together.
    pub fn load(root: &Path) -> (Calendar, Vec<Diagnostic>) {
        let mut calendar = Calendar::default();
        let mut errors = Vec::new();
        let dir = root.join(HOLIDAY_DIR);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return (calendar, errors);
        };
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml") && !n.starts_with('.'))
            .collect();
        files.sort();
        for name in files {
            let shown = format!("{HOLIDAY_DIR}/{name}");
            let text = std::fs::read(dir.join(&name))
                .map_err(|e| Diagnostic::error(e.to_string()))
                .and_then(|b| crate::load::text::decode(&b).map(std::borrow::Cow::into_owned));
            match text {
                Ok(text) => calendar.add_file(&name, &text, &mut errors),
                Err(d) => errors.push(d),
            }
            for d in errors.iter_mut().filter(|d| d.file.is_none()) {
                d.file = Some(shown.clone().into());
            }
        }
        (calendar, errors)
    }

    /// Adds one file (`2025.toml`); its problems go to `errors` (no file set).
    pub fn add_file(&mut self, name: &str, text: &str, errors: &mut Vec<Diagnostic>) {
        let source: Arc<str> = Arc::from(text);
        let at = |offset: usize, message: String| {
            Diagnostic::error(message)
                .at(Location::of_offset(text, offset))
                .with_source(source.clone())
        };
        let file: FileForm = match toml::from_str(text) {
            Ok(f) => f,
            Err(e) => {
                errors.push(Diagnostic::from_toml(&e, &source).with_hint(format_hint()));
                return;
            }
        };
        let year = *file.year.get_ref();
        let stem = name.trim_end_matches(".toml");
        if stem != year.to_string() {
            errors.push(
                at(
                    file.year.span().start,
                    t!(
                        format!("文件名 {name} 与 year = {year} 不一致"),
                        format!("the file name {name} does not match year = {year}")
                    ),
                )
                .with_hint(t!(
                    format!("把文件命名为 {year}.toml"),
                    format!("name the file {year}.toml")
                )),
            );
            return;
        }
        let before = errors.len();
        let mut parsed = Parsed::default();
        for h in &file.holidays {
            parsed.holiday(h, year, &at, errors);
        }
        if errors.len() == before {
            self.years.insert(year as i16);
            self.holidays.extend(parsed.holidays);
            self.workdays.extend(parsed.workdays);
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileForm {
    year: Spanned<i64>,
    #[serde(default)]
    #[allow(dead_code)]
    source: Option<String>,
    #[serde(default)]
    holidays: Vec<HolidayForm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayForm {
    name: String,
    from: Spanned<Datetime>,
    to: Spanned<Datetime>,
    /// Make-up working days (调休上班), on a Saturday or Sunday.
    #[serde(default)]
    workdays: Vec<Spanned<Datetime>>,
}

#[derive(Default)]
struct Parsed {
    holidays: BTreeSet<Date>,
    workdays: BTreeSet<Date>,
    names: BTreeMap<Date, String>,
}

type At<'a> = dyn Fn(usize, String) -> Diagnostic + 'a;

impl Parsed {
    fn holiday(&mut self, h: &HolidayForm, year: i64, at: &At<'_>, errors: &mut Vec<Diagnostic>) {
        let (Some(from), Some(to)) = (day(&h.from, at, errors), day(&h.to, at, errors)) else {
            return;
        };
        for (d, span) in [(from, h.from.span().start), (to, h.to.span().start)] {
            if i64::from(d.year()) != year {
                errors.push(at(
                    span,
                    t!(
                        format!("{d} 不在 {year} 年：这个文件只写 {year} 年的假期"),
                        format!(
                            "{d} is not in {year}: this file holds the holidays of {year} only"
                        )
                    ),
                ));
                return;
            }
        }
        let days = (to - from).get_days();
        if !(0..=15).contains(&days) {
            errors.push(at(h.to.span().start, t!(
                format!("{} 的放假日期 {from} 至 {to} 不对：结束日期要不早于开始日期，且不超过 16 天", h.name),
                format!("the holiday {} from {from} to {to} is wrong: it must end on or after its start and last at most 16 days", h.name)
            )));
            return;
        }
        for offset in 0..=days {
            let d = from + jiff::Span::new().days(offset);
            if let Some(other) = self.names.insert(d, h.name.clone()) {
                errors.push(at(
                    h.from.span().start,
                    t!(
                        format!("{d} 同时属于 {other} 和 {}", h.name),
                        format!("{d} belongs to both {other} and {}", h.name)
                    ),
                ));
                return;
            }
            self.holidays.insert(d);
        }
        for w in &h.workdays {
            let Some(d) = day(w, at, errors) else {
                continue;
            };
            if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
                errors.push(at(w.span().start, t!(
                    format!("调休上班日 {d} 是{}，不是周末", weekday_zh(d.weekday())),
                    format!("the make-up working day {d} is a {:?}, not a weekend day", d.weekday())
                )).with_hint(t!("调休上班日总是周六或周日；核对国务院办公厅通知", "make-up working days are always a Saturday or Sunday; check the State Council notice")));
            }
            self.workdays.insert(d);
        }
    }
}

fn day(value: &Spanned<Datetime>, at: &At<'_>, errors: &mut Vec<Diagnostic>) -> Option<Date> {
    let dt = value.get_ref();
    match (dt.date, dt.time) {
        (Some(d), None) => Date::new(d.year as i16, d.month as i8, d.day as i8).ok(),
        _ => {
            errors.push(at(
                value.span().start,
                t!(
                    format!("{dt} 不是日期：写成 2025-01-01（不加引号，不带时间）"),
                    format!("{dt} is not a date: write 2025-01-01 (no quotes, no time)")
                ),
            ));
            None
        }
    }
}

fn weekday_zh(w: Weekday) -> &'static str {
    ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][w.to_monday_zero_offset() as usize]
}

fn format_hint() -> String {
    t!(
        "格式见 docs/CONTENT.md 的“节假日日历”：year = 2025，然后每个假期一个 [[holidays]]（name、from、to、workdays）",
        "see “Holiday calendar” in docs/CONTENT.md: year = 2025, then one [[holidays]] per holiday (name, from, to, workdays)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const Y2025: &str = "year = 2025\n[[holidays]]\nname = \"春节\"\nfrom = 2025-01-28\nto = 2025-02-04\nworkdays = [2025-01-26, 2025-02-08]\n";

    #[test]
    fn holidays_and_make_up_days_change_the_working_days() {
        let mut c = Calendar::default();
        let mut errors = Vec::new();
        c.add_file("2025.toml", Y2025, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(!c.is_working_day(Date::constant(2025, 1, 28)));
        assert!(c.is_working_day(Date::constant(2025, 1, 26)));
        assert!(c.is_working_day(Date::constant(2025, 2, 5)));
        assert!(!c.is_working_day(Date::constant(2025, 2, 9)));
    }

    #[test]
    fn a_make_up_day_on_a_weekday_is_an_error_at_its_line() {
        let mut c = Calendar::default();
        let mut errors = Vec::new();
        let text = Y2025.replace("2025-02-08", "2025-02-07");
        c.add_file("2025.toml", &text, &mut errors);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].location.unwrap().line, 6);
        assert!(errors[0].message.contains("周五"), "{}", errors[0].message);
        assert!(!c.has_year(2025));
    }
}
