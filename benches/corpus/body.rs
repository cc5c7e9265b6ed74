//! Page bodies: `## 一、…` sections of prose, a list, sometimes a table,
//! and internal `@/` links woven into the text. 800–3000 characters.

use super::calendar::{self, Date};
use super::rng::Rng;
use super::words::{NUMERALS, Words};

/// A link to another generated page: its title and `section/p000123.md`.
pub struct Link {
    pub title: String,
    pub path: String,
}

pub fn sentence(rng: &mut Rng, w: &Words) -> String {
    if rng.chance(0.08) {
        let n = rng.range(20, 900);
        return format!(
            "全年共报送信息{n}条，被采用{}条，获领导批示{}次。",
            n / rng.range(2, 6),
            rng.below(31)
        );
    }
    let mut s = String::new();
    if rng.chance(0.4) {
        s.push_str(rng.pick(&w.openers));
    }
    s.push_str(rng.pick(&w.subjects));
    clause(rng, w, &mut s);
    if rng.chance(0.6) {
        s.push('，');
        clause(rng, w, &mut s);
    }
    if rng.chance(0.5) {
        s.push('，');
        s.push_str(rng.pick(&w.results));
    }
    s.push('。');
    s
}

fn clause(rng: &mut Rng, w: &Words, s: &mut String) {
    s.push_str(rng.pick(&w.adverbs));
    s.push_str(rng.pick(&w.verbs));
    s.push_str(rng.pick(&w.objects));
}

fn paragraph(rng: &mut Rng, w: &Words, links: &mut Vec<Link>) -> String {
    let min_chars = rng.range(100, 280);
    let mut out = String::new();
    while out.chars().count() < min_chars {
        out.push_str(&sentence(rng, w));
        if rng.chance(0.25)
            && let Some(link) = links.pop()
        {
            out.push_str(&format!("详见[{}](@/{})。", link.title, link.path));
        }
    }
    out
}

fn list(rng: &mut Rng, w: &Words) -> String {
    let ordered = rng.chance(0.5);
    (1..=rng.range(3, 6))
        .map(|i| {
            let marker = if ordered { format!("{i}.") } else { "-".into() };
            let mut item = format!("{marker} ");
            clause(rng, w, &mut item);
            item.push('。');
            item
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn table(rng: &mut Rng, w: &Words, day: i64) -> String {
    let mut rows = vec![
        "| 序号 | 事项 | 责任单位 | 完成时限 |".to_string(),
        "|---:|---|---|---|".to_string(),
    ];
    for i in 1..=rng.range(3, 6) {
        let due = Date::from_days(day + rng.range(15, 180) as i64);
        let verb = rng.pick(&w.verbs);
        let object = rng.pick(&w.objects);
        let dept = rng.pick(&w.departments);
        rows.push(format!(
            "| {i} | {verb}{object} | {dept} | {} |",
            due.chinese()
        ));
    }
    rows.join("\n")
}

/// The body: `opening` (an addressee line) and `closing` (a signature) count
/// towards the length.
pub fn body(
    rng: &mut Rng,
    w: &Words,
    day: i64,
    mut links: Vec<Link>,
    opening: Option<String>,
    closing: Option<String>,
) -> String {
    let target = rng.range(800, 2400);
    let sections = rng.range(2, 5);
    let per_section = target / sections;
    let with_table = rng.chance(0.35);
    let mut parts: Vec<String> = opening.into_iter().collect();
    let mut size: usize = parts.iter().map(|p| p.chars().count()).sum();
    for (k, heading) in rng.sample(&w.headings, sections).into_iter().enumerate() {
        parts.push(format!("## {}、{heading}", NUMERALS[k]));
        loop {
            let p = paragraph(rng, w, &mut links);
            size += p.chars().count();
            parts.push(p);
            if size >= per_section * (k + 1) {
                break;
            }
        }
        let extra = match k {
            0 => Some(list(rng, w)),
            1 if with_table => Some(table(rng, w, day)),
            _ => None,
        };
        if let Some(extra) = extra {
            size += extra.chars().count();
            parts.push(extra);
        }
    }
    if rng.chance(0.1) {
        parts.push(rng.pick(&w.english).to_string());
    }
    if !links.is_empty() {
        let related: Vec<String> = links
            .iter()
            .map(|l| format!("[{}](@/{})", l.title, l.path))
            .collect();
        parts.push(format!("**相关链接：** {}", related.join("；")));
    }
    parts.extend(closing);
    parts.join("\n\n") + "\n"
}

/// A date within the corpus's nine years, in days since 1970-01-01.
pub fn day(rng: &mut Rng) -> i64 {
    calendar::START + rng.below(3200) as i64
}
