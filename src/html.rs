//! Reading back the HTML a build wrote: its character references. The
//! checks (links, personal data in rendered pages) and the search index all
//! read rendered pages; one decoder keeps them agreeing on what the text is.

use std::borrow::Cow;

/// Decodes the character references templates and Markdown produce.
pub fn decode(raw: &str) -> Cow<'_, str> {
    // `memchr` rather than `str::find`: this runs on every text run of every
    // rendered page, and std's byte search is not vectorised.
    let find_amp = |s: &str| memchr::memchr(b'&', s.as_bytes());
    if find_amp(raw).is_none() {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = find_amp(rest) {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // A reference is short; `;` is ASCII, so its index is a boundary.
        let head = &rest.as_bytes()[..rest.len().min(12)];
        let Some(semi) = head.iter().position(|&b| b == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        match reference(&rest[1..semi]) {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Copies the runs of text between a page's tags, in page order, decoding
/// the ones that hold a `&`. A page has a few hundred runs and few
/// ampersands, so the next `&` is looked for once and a run before it is
/// copied as it is: a [`decode`] call per run (which searches the run for
/// `&` again) cost a fifth of reading a page's text.
pub struct TextRuns<'a> {
    html: &'a str,
    /// Where the next `&` is, at or after the last run copied.
    next_amp: usize,
}

impl<'a> TextRuns<'a> {
    pub fn new(html: &'a str) -> Self {
        TextRuns {
            html,
            next_amp: memchr::memchr(b'&', html.as_bytes()).unwrap_or(html.len()),
        }
    }

    /// Appends `html[start..end]`, decoded if it holds a `&`. Runs may be
    /// skipped, but each starts at or after the end of the one before.
    pub fn push(&mut self, out: &mut String, start: usize, end: usize) {
        // Between two tags (`</a></li>`) there is often nothing at all.
        if start == end {
            return;
        }
        let bytes = self.html.as_bytes();
        let find =
            |from: usize| memchr::memchr(b'&', &bytes[from..]).map_or(bytes.len(), |i| from + i);
        if self.next_amp < start {
            self.next_amp = find(start);
        }
        if self.next_amp < end {
            out.push_str(&decode(&self.html[start..end]));
            self.next_amp = find(end);
        } else {
            out.push_str(&self.html[start..end]);
        }
    }
}

fn reference(name: &str) -> Option<char> {
    let numeric = |digits: &str, radix| u32::from_str_radix(digits, radix).ok()?.try_into().ok();
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => match name.strip_prefix('#') {
            Some(hex) if hex.starts_with(['x', 'X']) => numeric(&hex[1..], 16),
            Some(dec) => numeric(dec, 10),
            None => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_decoded_once() {
        assert_eq!(
            decode("a &amp;#39; &lt;b&gt; &#x2F; &#47; &quot;"),
            "a &#39; <b> / / \""
        );
        assert_eq!(
            decode("无 & 引用；&unknown; &#xZZ;"),
            "无 & 引用；&unknown; &#xZZ;"
        );
        assert!(matches!(decode("plain"), Cow::Borrowed(_)));
    }
}
