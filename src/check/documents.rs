//! Official documents (公文): the document number is written the GB/T 9704
//! way, `机关代字〔2024〕12号` — hexagonal brackets, the full year, no
//! leading zero, no 第 — and the genre is one of the fifteen.

use crate::diagnostic::Diagnostic;
use crate::model::{Page, Site};
use crate::t;

const RULE: &str = "document";

/// The fifteen genres of official documents (党政机关公文处理工作条例).
pub const GENRES: &[&str] = &[
    "决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示",
    "批复", "议案", "函", "纪要",
];

pub fn check(site: &Site) -> Vec<Diagnostic> {
    site.pages.iter().flat_map(check_page).collect()
}

fn check_page(page: &Page) -> Vec<Diagnostic> {
    let front = &page.source.front;
    let mut out = Vec::new();
    if let Some(number) = &front.doc_number
        && let Some(fixed) = corrected(number)
    {
        out.push(
            at_key(page, &["doc_number", "文号", "发文字号"], t!(
                format!("文号 “{number}” 不符合公文格式"),
                format!("the document number “{number}” is not in the official form")
            ))
            .with_hint(t!(
                format!("写成 “{fixed}”：年份用六角括号〔〕、写全四位，序号不加“第”、不编虚位"),
                format!("write “{fixed}”: the full year in hexagonal brackets 〔〕, no 第, no leading zeros")
            )),
        );
    }
    if let Some(genre) = &front.genre
        && !is_genre(genre.trim())
    {
        out.push(
            at_key(
                page,
                &["genre", "体裁", "文种"],
                t!(
                    format!("体裁 “{genre}” 不是十五种公文文种之一"),
                    format!("the genre “{genre}” is not one of the fifteen document genres")
                ),
            )
            .with_hint(GENRES.join("、")),
        );
    }
    out
}

/// One of the fifteen; 命令 may be written as in the regulation, 命令（令）.
fn is_genre(genre: &str) -> bool {
    GENRES.contains(&genre) || genre == "命令（令）"
}

fn at_key(page: &Page, keys: &[&str], message: String) -> Diagnostic {
    let line = page.source.key_line(keys);
    Diagnostic::error(message)
        .rule(RULE)
        .in_file(format!("content/{}", page.source.rel))
        .at_line(line)
        .with_source(page.source.text.clone())
}

/// The corrected form of a document number, or `None` when it is right.
pub fn corrected(number: &str) -> Option<String> {
    let fixed = fix(number);
    (fixed != number).then_some(fixed)
}

fn fix(number: &str) -> String {
    let mut s: String = number.trim().to_string();
    for (open, close) in [
        ('[', ']'),
        ('［', '］'),
        ('（', '）'),
        ('(', ')'),
        ('【', '】'),
        ('〔', '〕'),
    ] {
        if let Some(i) = s.find(open)
            && let Some(j) = s[i..].find(close).map(|j| i + j)
        {
            let year = &s[i + open.len_utf8()..j];
            if year.chars().all(|c| c.is_ascii_digit()) && (2..=4).contains(&year.len()) {
                let full = if year.len() == 2 {
                    format!("20{year}")
                } else {
                    year.to_string()
                };
                s = format!("{}〔{full}〕{}", &s[..i], &s[j + close.len_utf8()..]);
                break;
            }
        }
    }
    if let Some(k) = s.find('〕') {
        let (head, tail) = s.split_at(k + '〕'.len_utf8());
        let tail = tail.trim_start_matches('第');
        let digits: String = tail.chars().take_while(char::is_ascii_digit).collect();
        let rest = &tail[digits.len()..];
        let trimmed = digits.trim_start_matches('0');
        let number = if trimmed.is_empty() && !digits.is_empty() {
            "0"
        } else {
            trimmed
        };
        s = format!("{head}{number}{rest}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_numbers_pass() {
        for n in ["梧政办发〔2024〕12号", "国办公开办函〔2021〕30号"] {
            assert_eq!(corrected(n), None, "{n}");
        }
    }

    #[test]
    fn wrong_brackets_years_zeros_and_di_are_corrected() {
        assert_eq!(
            corrected("梧政发[2024]12号").as_deref(),
            Some("梧政发〔2024〕12号")
        );
        assert_eq!(
            corrected("梧政发（2024）12号").as_deref(),
            Some("梧政发〔2024〕12号")
        );
        assert_eq!(
            corrected("梧政发【2024】12号").as_deref(),
            Some("梧政发〔2024〕12号")
        );
        assert_eq!(
            corrected("梧政发〔24〕12号").as_deref(),
            Some("梧政发〔2024〕12号")
        );
        assert_eq!(
            corrected("梧政发〔2024〕第012号").as_deref(),
            Some("梧政发〔2024〕12号")
        );
    }
}
