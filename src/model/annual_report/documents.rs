//! Counts of 规章 and 行政规范性文件 for table 二, from the documents of
//! the site (`doc_kind`): issued in the year (`written`), repealed in the
//! year (`validity` 已废止 or 失效 with `validity_date` in the year), and
//! in force at the end of the year (issued by then and not repealed by then;
//! a repealed document without `validity_date` is never in force).

use crate::load::front::{DocKind, Validity};
use crate::model::Site;

/// 本年制发件数, 本年废止件数, 现行有效件数.
pub fn count(site: &Site, kind: DocKind, year: i16) -> [i64; 3] {
    let mut counts = [0; 3];
    for page in &site.pages {
        let front = &page.source.front;
        if front.doc_kind != Some(kind) {
            continue;
        }
        let written = front.written.map(|d| d.date().year());
        let existed = written.or_else(|| page.date.as_ref().map(|d| d.year()));
        let repealed = matches!(front.validity, Some(Validity::Repealed | Validity::Expired));
        let repealed_in = front.validity_date.map(|d| d.date().year());
        counts[0] += i64::from(written == Some(year));
        counts[1] += i64::from(repealed && repealed_in == Some(year));
        let gone = repealed && repealed_in.is_none_or(|y| y <= year);
        counts[2] += i64::from(existed.is_some_and(|y| y <= year) && !gone);
    }
    counts
}
