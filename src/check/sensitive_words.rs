//! The office's own list of words that must not be published (a project
//! code name, an internal meeting, a person under protection): one word per
//! line in `data/sensitive-words.txt`, `#` starts a comment. Checked like
//! personal data: an error where the build reaches the public, a warning
//! in an intranet build.

use std::path::Path;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Location};
use crate::model::Site;
use crate::t;

pub const FILE: &str = "data/sensitive-words.txt";
pub const RULE: &str = "sensitive-word";

pub fn check(root: &Path, site: &Site, public: bool) -> Vec<Diagnostic> {
    check_sources(root, &super::privacy::all_sources(site), public)
}

/// The findings of `sources` only (the preview server rescans just the
/// pages whose text changed).
pub fn check_sources(
    root: &Path,
    sources: &[&crate::load::Source],
    public: bool,
) -> Vec<Diagnostic> {
    let Ok(list) = std::fs::read_to_string(root.join(FILE)) else {
        return Vec::new();
    };
    let words: Vec<&str> = list
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    sources
        .par_iter()
        .flat_map_iter(|source| {
            words.iter().flat_map(move |word| {
                source.text.match_indices(word).map(move |(at, _)| {
                    let message = t!(
                        format!("敏感词 “{word}”（见 {FILE}）"),
                        format!("sensitive word “{word}” (listed in {FILE})")
                    );
                    let d = if public {
                        Diagnostic::error(message)
                    } else {
                        Diagnostic::warning(message)
                    };
                    d.rule(RULE)
                        .in_file(format!("content/{}", source.rel))
                        .at(Location::of_offset(&source.text, at))
                        .with_source(source.text.clone())
                        .with_hint(t!(
                            "删除或改写这处文字；确需保留时从词表中移除该词",
                            "remove or rephrase it; if it must stay, take the word off the list"
                        ))
                })
            })
        })
        .collect()
}
