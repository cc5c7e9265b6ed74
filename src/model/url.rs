//! URL paths. Chinese stays Chinese: a slug is the explicit `slug` or the file
//! name, never a pinyin transliteration. Paths are kept unencoded in the model
//! and percent-encoded where they leave it (feeds, sitemaps, hrefs).

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Characters escaped in a path: everything that is not unreserved or `/`.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Percent-encodes a path for use in a URL (`/通知/` → `/%E9%80%9A%E7%9F%A5/`).
pub fn encode_path(path: &str) -> String {
    // Through `Cow`, not `Display`: a path with nothing to encode (most of
    // a site's) is copied once, without the formatting machinery.
    std::borrow::Cow::from(utf8_percent_encode(path, PATH)).into_owned()
}

/// Makes a URL-safe path segment from a slug, a file name or a term: keeps
/// letters of every script, digits, `-`, `_` and `.`; whitespace and other
/// separators become `-`; ASCII is lower-cased.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '.' {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches(['-', '.']);
    if trimmed.is_empty() {
        "-".to_string()
    } else {
        trimmed.to_string()
    }
}

/// Keeps an editor's explicit slug as written except for characters that
/// cannot appear in a path segment.
pub fn clean_slug(slug: &str) -> String {
    let cleaned: String = slug
        .trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || "/\\?#%\"<>|".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        "-".into()
    } else {
        cleaned
    }
}

/// Joins a site path (`/a/b/`) and a base path (`/portal/`) into an href.
pub fn with_base(base_path: &str, path: &str) -> String {
    format!("{}{}", base_path.trim_end_matches('/'), path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_kept_and_encoded_only_on_output() {
        assert_eq!(
            slugify("关于开展 防汛演练的通知"),
            "关于开展-防汛演练的通知"
        );
        assert_eq!(slugify("Hello World!"), "hello-world");
        assert_eq!(encode_path("/通知/"), "/%E9%80%9A%E7%9F%A5/");
        assert_eq!(encode_path("/a b/"), "/a%20b/");
    }

    #[test]
    fn slugs_cannot_escape_their_folder() {
        assert_eq!(clean_slug("../x"), "..-x");
        assert_eq!(clean_slug(".."), "-");
        assert_eq!(slugify("///"), "-");
    }
}
