//! Dates as editors write them: `2024-03-05`, `2024-03-05 09:30`, or RFC 3339.
//! A date written the Chinese way (`2024年3月5日`) is refused with the fix.

use std::fmt;

use jiff::civil;
use jiff::tz::Offset;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date with an optional time and an optional offset. Dates without an
/// offset take the site's time zone when they are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateValue {
    pub civil: civil::DateTime,
    pub offset: Option<Offset>,
    pub has_time: bool,
}

impl DateValue {
    /// The instant this date names, in the site's zone when none was given.
    pub fn resolve(&self, site: Offset) -> jiff::Zoned {
        let offset = self.offset.unwrap_or(site);
        let tz = jiff::tz::TimeZone::fixed(offset);
        self.civil
            .to_zoned(tz)
            .expect("a fixed offset always resolves")
    }

    pub fn date(&self) -> civil::Date {
        self.civil.date()
    }
}

impl std::str::FromStr for DateValue {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.contains('年') || text.contains('月') || text.contains('日') {
            return Err(chinese_date_hint(text));
        }
        let (rest, offset) = split_offset(text)?;
        if rest.len() <= 10 {
            let date: civil::Date = rest.parse().map_err(|_| invalid(text))?;
            return Ok(DateValue {
                civil: date.to_datetime(civil::Time::midnight()),
                offset,
                has_time: false,
            });
        }
        let normalised = rest.replacen(' ', "T", 1);
        let civil: civil::DateTime = normalised.parse().map_err(|_| invalid(text))?;
        Ok(DateValue {
            civil,
            offset,
            has_time: true,
        })
    }
}

fn split_offset(text: &str) -> Result<(&str, Option<Offset>), String> {
    if let Some(rest) = text.strip_suffix('Z').or_else(|| text.strip_suffix('z')) {
        return Ok((rest, Some(Offset::UTC)));
    }
    if text.len() > 16 {
        let tail_start = text.len() - 6;
        if text.is_char_boundary(tail_start) {
            let tail = &text[tail_start..];
            let b = tail.as_bytes();
            if (b[0] == b'+' || b[0] == b'-') && b[3] == b':' {
                let hours: i32 = tail[1..3].parse().map_err(|_| invalid(text))?;
                let mins: i32 = tail[4..6].parse().map_err(|_| invalid(text))?;
                let secs = (hours * 3600 + mins * 60) * if b[0] == b'-' { -1 } else { 1 };
                let offset = Offset::from_seconds(secs).map_err(|_| invalid(text))?;
                return Ok((&text[..tail_start], Some(offset)));
            }
        }
    }
    Ok((text, None))
}

fn invalid(text: &str) -> String {
    crate::t!(
        format!("“{text}” 不是有效的日期；请写成 2024-03-05 或 2024-03-05T09:30:00+08:00"),
        format!("“{text}” is not a valid date; write 2024-03-05 or 2024-03-05T09:30:00+08:00")
    )
}

/// `2024年3月5日` → a message that shows `2024-03-05`.
fn chinese_date_hint(text: &str) -> String {
    let digits: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|p| p.parse().ok())
        .collect();
    let fixed = match digits.as_slice() {
        [y, m, d, ..] => format!("{y:04}-{m:02}-{d:02}"),
        _ => "2024-03-05".to_string(),
    };
    crate::t!(
        format!("日期 “{text}” 是中文写法，日期字段要写成 {fixed}（年-月-日）"),
        format!(
            "the date “{text}” is written the Chinese way; date fields take {fixed} (year-month-day)"
        )
    )
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.has_time {
            write!(f, "{}", self.civil)?;
        } else {
            write!(f, "{}", self.civil.date())?;
        }
        if let Some(o) = self.offset {
            write!(f, "{o}")?;
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        match value {
            serde_json::Value::String(s) => s.parse().map_err(serde::de::Error::custom),
            other => Err(serde::de::Error::custom(crate::t!(
                format!("这里需要日期（如 2024-03-05），但写的是 {other}"),
                format!("a date (like 2024-03-05) is needed here, found {other}")
            ))),
        }
    }
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_usual_forms() {
        for text in [
            "2024-03-05",
            "2024-03-05 09:30",
            "2024-03-05T09:30:00",
            "2024-03-05T09:30:00+08:00",
            "2024-03-05T01:30:00Z",
        ] {
            let d: DateValue = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(d.date(), civil::date(2024, 3, 5), "{text}");
        }
    }

    #[test]
    fn chinese_dates_get_the_corrected_form() {
        let err = "2024年3月5日".parse::<DateValue>().unwrap_err();
        assert!(err.contains("2024-03-05"), "{err}");
        assert!("2024-13-05".parse::<DateValue>().is_err());
    }
}
