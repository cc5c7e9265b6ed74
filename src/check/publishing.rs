//! Rules of a profile that publishes to the public (`public = true`): every
//! page states its disclosure class, and 主动公开 pages carry a
//! confidentiality review dated no later than their publication.

use crate::diagnostic::Diagnostic;
use crate::load::front::Disclosure;
use crate::model::{Page, Site};
use crate::t;

pub fn check(site: &Site) -> Vec<Diagnostic> {
    if !site.profile.as_ref().is_some_and(|p| p.public) {
        return Vec::new();
    }
    let offset = site.config.offset();
    site.pages
        .iter()
        .filter_map(|page| problem(page, offset))
        .collect()
}

fn problem(page: &Page, offset: jiff::tz::Offset) -> Option<Diagnostic> {
    let front = &page.source.front;
    let (message, hint, key) = match (page.visibility.disclosure, &front.review) {
        (None, _) => (
            t!(
                "公开发布的页面必须注明公开属性（disclosure）",
                "pages of a public build must state their disclosure class"
            ),
            t!(
                "在前置元数据中加上 disclosure = \"主动公开\"（或在栏目 _index.md / gazette.toml 的 [defaults] 中统一设置）",
                "add disclosure = \"主动公开\" to the front matter (or set it for the section, or in [defaults] of gazette.toml)"
            ),
            &["title", "标题"][..],
        ),
        (Some(Disclosure::Proactive), None) => (
            t!(
                "主动公开的页面必须经过保密审查（review）",
                "主动公开 pages need a confidentiality review"
            ),
            t!(
                "加上 review = { by = \"审查人\", date = 2024-03-04 }，审查日期不晚于发布日期",
                "add review = { by = \"reviewer\", date = 2024-03-04 }, dated no later than the publish date"
            ),
            &["title", "标题"][..],
        ),
        (Some(Disclosure::Proactive), Some(review)) => {
            let published = page.date.as_ref()?;
            let reviewed = review.date.resolve(offset);
            if reviewed.date() <= published.date() {
                return None;
            }
            (
                t!(
                    format!(
                        "保密审查日期 {} 晚于发布日期 {}",
                        reviewed.date(),
                        published.date()
                    ),
                    format!(
                        "the review date {} is after the publish date {}",
                        reviewed.date(),
                        published.date()
                    )
                ),
                t!(
                    "先审查后发布：更正审查日期，或推迟发布日期",
                    "review before publishing: correct the review date or move the publish date"
                ),
                &["review", "保密审查"][..],
            )
        }
        _ => return None,
    };
    let line = page.source.key_line(key);
    Some(
        Diagnostic::error(message)
            .rule("publishing")
            .in_file(format!("content/{}", page.source.rel))
            .at_line(line)
            .with_source(page.source.text.clone())
            .with_hint(hint),
    )
}
