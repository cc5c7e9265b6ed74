//! Validity (有效性) of documents: a repealed, expired or revised document
//! states when (`validity_date`), and its `replaced_by` names a page of the
//! site; a document is not written after it was published.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::load::front::Validity;
use crate::model::{Page, Ref, Site};
use crate::t;

const RULE: &str = "validity";
pub const REPLACED_BY_KEYS: &[&str] = &["replaced_by", "替代文件"];

pub fn check(root: &Path, site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in &site.pages {
        out.extend(replaced_by(root, site, page));
        out.extend(dates(page));
    }
    out
}

/// `policies/a.md`, `@/policies/a.md` and `/policies/a.md` all name the same file.
pub fn target(written: &str) -> &str {
    let t = written.trim();
    t.strip_prefix("@/").unwrap_or(t).trim_start_matches('/')
}

fn at(page: &Page, keys: &[&str], d: Diagnostic) -> Diagnostic {
    d.rule(RULE)
        .in_file(format!("content/{}", page.source.rel))
        .at_line(page.source.key_line(keys))
        .with_source(page.source.text.clone())
}

fn replaced_by(root: &Path, site: &Site, page: &Page) -> Option<Diagnostic> {
    let written = page.source.front.replaced_by.as_deref()?;
    let rel = target(written);
    let keys = REPLACED_BY_KEYS;
    if rel == page.source.rel {
        return Some(at(
            page,
            keys,
            Diagnostic::error(t!(
                "替代文件（replaced_by）不能是本文件自己",
                "replaced_by cannot name the document itself"
            )),
        ));
    }
    match site.by_source.get(rel) {
        Some(Ref::Page(_)) => {}
        Some(Ref::Section(_)) | None if site.withheld.contains_key(rel) => {
            return Some(at(
                page,
                keys,
                Diagnostic::note(t!(
                    format!(
                        "替代文件 content/{rel} 不在本次构建中：页面只注明“替代文件未在本站公开”，不链接、不显示标题"
                    ),
                    format!(
                        "the replacement content/{rel} is not part of this build: the page says it is not published here, with no link and no title"
                    )
                )),
            ));
        }
        _ if root.join("content").join(rel).is_file() && rel.ends_with(".md") => {
            return Some(at(
                page,
                keys,
                Diagnostic::warning(t!(
                    format!("替代文件 content/{rel} 是草稿或尚未到发布时间：页面暂不链接它"),
                    format!(
                        "the replacement content/{rel} is a draft or not yet published: the page does not link it yet"
                    )
                )),
            ));
        }
        _ => {
            return Some(at(page, keys, Diagnostic::error(t!(
                format!("替代文件 “{written}” 不是本站的页面"),
                format!("the replacement “{written}” is not a page of the site")
            ))
            .with_hint(t!(
                "写 content/ 之下的路径，如 replaced_by = \"policies/2025-x.md\"；检查文件名是否改过",
                "write the path under content/, like replaced_by = \"policies/2025-x.md\"; check whether the file was renamed"
            ))));
        }
    }
    let validity = page.source.front.validity;
    if matches!(validity, None | Some(Validity::Valid)) {
        return Some(at(
            page,
            keys,
            Diagnostic::error(t!(
                "有替代文件（replaced_by）的文件，有效性不能是“有效”",
                "a document with replaced_by cannot be 有效 (valid)"
            ))
            .with_hint(t!(
                "写上 validity = \"已废止\"、\"已修订\" 或 \"失效\"，以及 validity_date",
                "set validity = \"已废止\", \"已修订\" or \"失效\", and validity_date"
            )),
        ));
    }
    None
}

fn dates(page: &Page) -> Vec<Diagnostic> {
    let front = &page.source.front;
    let mut out = Vec::new();
    let changed = matches!(
        front.validity,
        Some(Validity::Repealed | Validity::Expired | Validity::Revised)
    );
    if changed && front.validity_date.is_none() {
        let label = front.validity.map_or("", |v| v.label());
        out.push(at(page, &["validity", "有效性"], Diagnostic::error(t!(
            format!("有效性为“{label}”的文件必须注明变更日期（validity_date）"),
            format!("a document that is {label} needs validity_date, the day its validity changed")
        ))
        .with_hint(t!(
            "加上 validity_date = 2025-03-14（废止、失效或修订的日期）：页面横幅显示它，年度报告按它统计",
            "add validity_date = 2025-03-14: the page banner shows it and the annual report counts by it"
        ))));
    }
    if let (Some(written), Some(date)) = (front.written, page.date.as_ref())
        && written.date() > date.date()
    {
        out.push(at(
            page,
            &["written", "成文日期"],
            Diagnostic::error(t!(
                format!("成文日期 {} 晚于发布日期 {}", written.date(), date.date()),
                format!(
                    "written on {}, after it was published on {}",
                    written.date(),
                    date.date()
                )
            ))
            .with_hint(t!(
                "先成文后发布：更正成文日期或发布日期",
                "a document is written before it is published: correct one of the dates"
            )),
        ));
    }
    if let (Some(written), Some(changed_on)) = (front.written, front.validity_date)
        && changed_on.date() < written.date()
    {
        out.push(at(
            page,
            &["validity_date", "废止日期", "失效日期", "有效性变更日期"],
            Diagnostic::error(t!(
                format!(
                    "有效性变更日期 {} 早于成文日期 {}",
                    changed_on.date(),
                    written.date()
                ),
                format!(
                    "validity_date {} is before the document was written ({})",
                    changed_on.date(),
                    written.date()
                )
            )),
        ));
    }
    out
}
