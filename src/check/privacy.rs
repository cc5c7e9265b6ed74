//! The personal-data rule, always on: every page and section source of the
//! build, and the text of the files published beside them, go through the
//! scanner. Where the build reaches the public, a finding is an error; in an
//! intranet build it is a warning. An editor can waive one finding with the
//! hash the message prints, a reason and a name.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::attachments::{self, Unreadable};
use super::personal_data::{self, Finding, Level};
use super::source_scans::SourceScans;
use crate::diagnostic::{Diagnostic, Location};
use crate::load::Source;
use crate::load::front::{Audience, Waiver};
use crate::model::Site;
use crate::t;

pub const RULE: &str = "personal-data";

/// Findings, and the hashes of every value found in a source (so the scan
/// of rendered pages does not report them again).
/// `memo`: the preview's findings of the texts it scanned before.
pub fn check(site: &Site, memo: Option<&SourceScans>) -> (Vec<Diagnostic>, HashSet<String>) {
    let public = reaches_public(site);
    let host = site_host(&site.config.base_url);
    let sources = all_sources(site);
    if let Some(memo) = memo {
        memo.retain(&sources.iter().map(|s| s.rel.as_str()).collect());
    }
    let (mut out, seen) = check_sources(site, &sources, memo);
    out.extend(
        site.assets
            .par_iter()
            .flat_map_iter(|a| scan_asset(&a.asset.abs, &a.asset.rel, public, &host))
            .collect::<Vec<_>>(),
    );
    (out, seen)
}

/// Every page and section source of the site.
pub fn all_sources(site: &Site) -> Vec<&Source> {
    site.pages
        .iter()
        .map(|p| &p.source)
        .chain(site.sections.iter().filter_map(|s| s.source.as_ref()))
        .collect()
}

/// The findings of `sources` only (the preview server rescans just the
/// pages whose text changed); every diagnostic carries [`RULE`] and the
/// source's file, so a rescan can replace them.
pub fn check_sources(
    site: &Site,
    sources: &[&Source],
    memo: Option<&SourceScans>,
) -> (Vec<Diagnostic>, HashSet<String>) {
    let public = reaches_public(site);
    let host = site_host(&site.config.base_url);
    let scanned: Vec<(&Source, Vec<Finding>)> = sources
        .par_iter()
        .map(|source| {
            let found = SourceScans::scan(memo, &source.rel, &source.text);
            (*source, found.to_vec())
        })
        .collect();
    let seen: HashSet<String> = scanned
        .iter()
        .flat_map(|(_, found)| found.iter().map(|f| value_hash(&f.value)))
        .collect();
    let out: Vec<Diagnostic> = scanned
        .into_iter()
        .flat_map(|(source, found)| {
            let display = format!("content/{}", source.rel);
            report(
                found,
                &source.text,
                &display,
                &source.front.waivers,
                public,
                &host,
            )
        })
        .collect();
    (out, seen)
}

/// No profiles, a `public = true` profile, or one without internal readers.
pub fn reaches_public(site: &Site) -> bool {
    site.profile
        .as_ref()
        .is_none_or(|p| p.public || !p.audiences.contains(&Audience::Internal))
}

fn scan_asset(abs: &Path, rel: &str, public: bool, host: &str) -> Vec<Diagnostic> {
    let display = format!("content/{rel}");
    let ext = rel.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    let bytes = match std::fs::read(abs) {
        Ok(b) => b,
        Err(e) => {
            return vec![
                Diagnostic::warning(e.to_string())
                    .rule(RULE)
                    .in_file(display),
            ];
        }
    };
    match attachments::extract_text(&ext, &bytes) {
        Ok(Some(text)) => {
            let text: Arc<str> = Arc::from(text);
            report(
                personal_data::scan(&text),
                &text,
                &display,
                &[],
                public,
                host,
            )
        }
        Ok(None) => Vec::new(),
        Err(why) => vec![unreadable(&ext, &why).rule(RULE).in_file(display)],
    }
}

/// An attachment whose text could not be read is listed, never passed silently.
fn unreadable(ext: &str, why: &Unreadable) -> Diagnostic {
    let reason = match why {
        Unreadable::Format("pdf-no-text") => t!(
            "PDF 没有文字层（可能是扫描件）".to_string(),
            "the PDF has no text layer (a scan?)".to_string()
        ),
        Unreadable::Format(f) => t!(
            format!("暂不能读取 .{f} 格式"),
            format!(".{f} files cannot be read yet")
        ),
        Unreadable::Damaged(m) => t!(
            format!("文件已损坏：{m}"),
            format!("the file is damaged: {m}")
        ),
        Unreadable::Encrypted => t!(
            "文件已加密".to_string(),
            "the file is encrypted".to_string()
        ),
    };
    Diagnostic::warning(t!(
        format!("未能检查附件 .{ext} 中的个人信息：{reason}"),
        format!("could not check the .{ext} attachment for personal data: {reason}")
    ))
    .with_hint(t!(
        "发布前请人工核查附件，或另存为 .docx/.xlsx/.txt 等可读格式",
        "check the attachment by hand before publishing, or save it as .docx/.xlsx/.txt"
    ))
}

fn report(
    found: Vec<Finding>,
    text: &Arc<str>,
    display: &str,
    waivers: &[Waiver],
    public: bool,
    host: &str,
) -> Vec<Diagnostic> {
    let found: Vec<Finding> = found
        .into_iter()
        .filter(|f| !is_office_email(f, host))
        .collect();
    let mut out: Vec<Diagnostic> = found
        .iter()
        .map(
            |f| match waivers.iter().find(|w| w.hash == value_hash(&f.value)) {
                Some(w) => waived(f, w, text, display),
                None => diagnose(f, text, display, public),
            },
        )
        .collect();
    for w in waivers {
        if !found.iter().any(|f| w.hash == value_hash(&f.value)) {
            out.push(
                Diagnostic::warning(t!(
                    format!("豁免条目 {} 不对应本文件中的任何发现", w.hash),
                    format!("the waiver {} matches no finding in this file", w.hash)
                ))
                .rule(RULE)
                .in_file(display)
                .with_hint(t!("删除这条过时的豁免", "remove the stale waiver")),
            );
        }
    }
    out
}

/// A waived finding stays in the report, with who decided and why.
fn waived(f: &Finding, w: &Waiver, text: &Arc<str>, display: &str) -> Diagnostic {
    Diagnostic::note(t!(
        format!(
            "已豁免：{}（理由：{}；批准人：{}）",
            f.masked, w.reason, w.by
        ),
        format!(
            "waived: {} (reason: {}; approved by {})",
            f.masked, w.reason, w.by
        )
    ))
    .rule(RULE)
    .in_file(display)
    .at(Location::of_offset(text, f.range.start))
}

fn diagnose(f: &Finding, text: &Arc<str>, display: &str, public: bool) -> Diagnostic {
    let label = if crate::lang::english() {
        f.kind.label_en()
    } else {
        f.kind.label_zh()
    };
    let message = t!(
        format!("疑似{label}：{}", f.masked),
        format!("looks like a {label}: {}", f.masked)
    );
    let hash = value_hash(&f.value);
    let hint = t!(
        format!(
            "按脱敏规范改写（如 {}）；如确需公开，在前置元数据中加入 waivers = [{{ hash = \"{hash}\", reason = \"理由\", by = \"批准人\" }}]",
            f.masked
        ),
        format!(
            "mask it as the convention says (like {}); to publish it anyway, add waivers = [{{ hash = \"{hash}\", reason = \"why\", by = \"who approved\" }}] to the front matter",
            f.masked
        )
    );
    let d = if public && f.level == Level::Error {
        Diagnostic::error(message)
    } else {
        Diagnostic::warning(message)
    };
    d.rule(RULE)
        .in_file(display)
        .at(Location::of_offset(text, f.range.start))
        .with_source(text.clone())
        .with_hint(hint)
}

/// Mailboxes of government bodies (`*.gov.cn`, or the site's own domain) are
/// the office's published contacts, not a person's data.
pub fn is_office_email(f: &Finding, host: &str) -> bool {
    if f.kind != personal_data::Kind::Email {
        return false;
    }
    let domain = f
        .value
        .rsplit('@')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    domain.ends_with(".gov.cn")
        || (!host.is_empty() && (domain == host || host.ends_with(&format!(".{domain}"))))
}

pub fn site_host(base_url: &str) -> String {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let host = rest.split(['/', ':']).next().unwrap_or("");
    host.trim_start_matches("www.").to_ascii_lowercase()
}

/// FNV-1a, 64 bits, as 16 hex digits: a stable name for a value that does not
/// repeat the value itself in the front matter.
pub fn value_hash(value: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in value.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}
