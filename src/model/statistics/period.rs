//! The periods circulars cover: a month, a quarter, a half-year, a year.

use jiff::ToSpan;
use jiff::civil::{Date, date};

use crate::config::statistics::PeriodKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i16,
    pub kind: PeriodKind,
    /// Month 1-12, quarter 1-4, half 1-2; 1 for a year.
    pub index: i8,
}

const QUARTERS: [&str; 4] = ["一", "二", "三", "四"];

impl Period {
    /// The period of `kind` that holds `day`.
    pub fn of(kind: PeriodKind, day: Date) -> Period {
        let month = day.month();
        let index = match kind {
            PeriodKind::Month => month,
            PeriodKind::Quarter => (month - 1) / 3 + 1,
            PeriodKind::Half => (month - 1) / 6 + 1,
            PeriodKind::Year => 1,
        };
        Period {
            year: day.year(),
            kind,
            index,
        }
    }

    fn months(&self) -> i8 {
        match self.kind {
            PeriodKind::Month => 1,
            PeriodKind::Quarter => 3,
            PeriodKind::Half => 6,
            PeriodKind::Year => 12,
        }
    }

    pub fn start(&self) -> Date {
        date(self.year, (self.index - 1) * self.months() + 1, 1)
    }

    /// The last day of the period.
    pub fn end(&self) -> Date {
        let first_after = self.start() + self.months().months();
        first_after - 1.day()
    }

    pub fn contains(&self, day: Date) -> bool {
        self.start() <= day && day <= self.end()
    }

    /// The next period of the same kind.
    pub fn next(&self) -> Period {
        Period::of(self.kind, self.end() + 1.day())
    }

    /// `2024年6月`, `2024年第二季度`, `2024年上半年`, `2024年`.
    pub fn label(&self) -> String {
        let y = self.year;
        match self.kind {
            PeriodKind::Month => format!("{y}年{}月", self.index),
            PeriodKind::Quarter => format!("{y}年第{}季度", QUARTERS[(self.index - 1) as usize]),
            PeriodKind::Half => format!("{y}年{}半年", if self.index == 1 { "上" } else { "下" }),
            PeriodKind::Year => format!("{y}年"),
        }
    }

    /// `月度`, `季度`, `半年`, `年度`.
    pub fn kind_label(&self) -> &'static str {
        match self.kind {
            PeriodKind::Month => "月度",
            PeriodKind::Quarter => "季度",
            PeriodKind::Half => "半年",
            PeriodKind::Year => "年度",
        }
    }

    /// Folder under the statistics path: `2024/06`, `2024/q2`, `2024/h1`, `2024`.
    pub fn slug(&self) -> String {
        let y = self.year;
        match self.kind {
            PeriodKind::Month => format!("{y}/{:02}", self.index),
            PeriodKind::Quarter => format!("{y}/q{}", self.index),
            PeriodKind::Half => format!("{y}/h{}", self.index),
            PeriodKind::Year => format!("{y}"),
        }
    }

    /// Every period of `kind` from the one holding `first` to the one
    /// holding `last`.
    pub fn span(kind: PeriodKind, first: Date, last: Date) -> Vec<Period> {
        let mut out = Vec::new();
        let mut p = Period::of(kind, first);
        while p.start() <= last {
            out.push(p);
            p = p.next();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_know_their_bounds_and_names() {
        let q = Period::of(PeriodKind::Quarter, date(2024, 5, 31));
        assert_eq!((q.start(), q.end()), (date(2024, 4, 1), date(2024, 6, 30)));
        assert_eq!(q.label(), "2024年第二季度");
        assert_eq!(q.slug(), "2024/q2");
        let m = Period::of(PeriodKind::Month, date(2024, 2, 10));
        assert_eq!(m.end(), date(2024, 2, 29));
        let h = Period::of(PeriodKind::Half, date(2024, 12, 31));
        assert_eq!(h.label(), "2024年下半年");
        let y = Period::of(PeriodKind::Year, date(2024, 12, 31));
        assert_eq!(
            (y.start(), y.end(), y.slug()),
            (date(2024, 1, 1), date(2024, 12, 31), "2024".to_string())
        );
        let months = Period::span(PeriodKind::Month, date(2024, 11, 5), date(2025, 2, 1));
        assert_eq!(months.len(), 4);
    }
}
