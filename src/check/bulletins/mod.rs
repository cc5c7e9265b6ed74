//! Rules of the bulletin series (信息刊物): series declarations in
//! `gazette.toml`, each issue's keys and folder, yearly and running numbers,
//! and the length of an issue.
//!
//! They run over every issue of the content tree, before a profile filters
//! anything: a numbering error is an error in every build, including the
//! public one that shows no bulletin at all.

pub mod contents;
mod issue;
mod numbering;
mod series_config;

use std::path::Path;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::load::Source;
use crate::load::keys::Owner;
use crate::model::bulletin::{Bulletins, is_issue};

/// Key spellings, for locating a key's line in an issue's front matter.
const SERIES: &[&str] = &["series", "刊物"];
const NUMBER: &[&str] = &["number", "期号"];
const TOTAL: &[&str] = &["total_number", "总期号"];
const DATE: &[&str] = &["date", "日期", "发布日期"];

/// Every bulletin rule over the loaded sources.
pub fn check(root: &Path, config: &Config, sources: &[Source]) -> Vec<Diagnostic> {
    let mut out = series_config::check(root, config);
    let issues: Vec<usize> = (0..sources.len())
        .filter(|&i| sources[i].owner == Owner::Section && is_issue(&sources[i]))
        .collect();
    for &i in &issues {
        out.extend(issue::check(config, &sources[i]));
    }
    out.extend(issue::homes(config, issues.iter().map(|&i| &sources[i])));
    let model: Bulletins<usize, usize> = Bulletins::build(
        config,
        issues.iter().map(|&i| (i, &sources[i])),
        (0..sources.len())
            .filter(|&i| sources[i].owner == Owner::Page)
            .map(|i| (i, &sources[i])),
    );
    out.extend(numbering::check(config, &model, sources));
    out.extend(contents::check(
        config,
        &model,
        |i| &sources[i],
        |i| &sources[i],
    ));
    out
}

/// An error at the line of `keys` in `source`.
fn at_key(source: &Source, keys: &[&str], message: String, hint: String) -> Diagnostic {
    Diagnostic::error(message)
        .rule("bulletins")
        .in_file(file(source))
        .at_line(source.key_line(keys))
        .with_source(source.text.clone())
        .with_hint(hint)
}

fn file(source: &Source) -> String {
    format!("content/{}", source.rel)
}

/// `《梧桐政务信息》`, or the key when the series is not declared.
fn series_title(config: &Config, key: &str) -> String {
    let name = config.series.get(key).map_or(key, |s| s.name.as_str());
    format!("《{name}》")
}
