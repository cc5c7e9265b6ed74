//! TOML 1.0 only allows ASCII bare keys, but editors write `标题 = "…"` and
//! `{ 报 = [...] }`. Before parsing, bare keys with non-ASCII characters are
//! put in quotes; strings and comments are left exactly as written.

/// Quotes every bare key that contains a non-ASCII character.
pub fn quote_unicode_keys(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        if has_bare_non_ascii(line.as_bytes()) {
            quote_line(line, &mut out);
        } else {
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `line` has a non-ASCII byte outside its strings and comment,
/// read as [`quote_line`] reads them: only such a line can have a key to
/// quote. Most lines of Chinese front matter (`title = "…"`) keep their
/// Chinese in strings and are copied as they are, without the per-line
/// list of characters `quote_line` makes (which cost a fifth of parsing a
/// page's front matter).
fn has_bare_non_ascii(line: &[u8]) -> bool {
    let mut i = 0;
    while i < line.len() {
        match line[i] {
            quote @ (b'"' | b'\'') => {
                i += 1;
                while i < line.len() && line[i] != quote {
                    i += if line[i] == b'\\' && quote == b'"' {
                        2
                    } else {
                        1
                    };
                }
                i += 1;
            }
            b'#' => return false,
            b if b >= 0x80 => return true,
            _ => i += 1,
        }
    }
    false
}

/// Scans one line. Multi-line strings are not tracked: a continuation line
/// that starts with a bare non-ASCII word followed by `=` would be quoted.
/// Front matter practically never holds such text.
fn quote_line(line: &str, out: &mut String) {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    let mut start_of_key = true;
    while i < chars.len() {
        let (at, c) = chars[i];
        match c {
            '"' | '\'' => {
                let end = string_end(&chars, i, c);
                out.push_str(&line[at..chars.get(end).map_or(line.len(), |x| x.0)]);
                i = end;
                start_of_key = false;
                continue;
            }
            '#' => {
                out.push_str(&line[at..]);
                return;
            }
            '{' | ',' | '[' | '\n' => start_of_key = c != '[',
            c if c.is_whitespace() => {}
            _ if start_of_key => {
                let end = bare_end(&chars, i);
                let word = &line[at..chars.get(end).map_or(line.len(), |x| x.0)];
                let followed_by_eq = chars[end..]
                    .iter()
                    .find(|(_, c)| !c.is_whitespace())
                    .is_some_and(|(_, c)| *c == '=' || *c == '.');
                if followed_by_eq && !word.is_ascii() {
                    out.push('"');
                    out.push_str(word);
                    out.push('"');
                } else {
                    out.push_str(word);
                }
                i = end;
                start_of_key = false;
                continue;
            }
            _ => start_of_key = false,
        }
        out.push(c);
        i += 1;
    }
}

fn string_end(chars: &[(usize, char)], open: usize, quote: char) -> usize {
    let mut j = open + 1;
    while j < chars.len() {
        match chars[j].1 {
            '\\' if quote == '"' => j += 2,
            c if c == quote => return j + 1,
            _ => j += 1,
        }
    }
    chars.len()
}

fn bare_end(chars: &[(usize, char)], from: usize) -> usize {
    chars[from..]
        .iter()
        .position(|(_, c)| {
            c.is_whitespace()
                || matches!(
                    c,
                    '=' | '.' | ',' | '{' | '}' | '[' | ']' | '"' | '\'' | '#'
                )
        })
        .map_or(chars.len(), |p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Lines the fast check passes are the lines `quote_line` leaves alone.
        #[test]
        fn the_fast_check_skips_only_lines_left_alone(
            line in "[a-z标题报 =\"'#\\\\{},\\[\\].]{0,24}\n?"
        ) {
            let mut slow = String::new();
            quote_line(&line, &mut slow);
            if !has_bare_non_ascii(line.as_bytes()) {
                proptest::prop_assert_eq!(slow, line);
            }
        }
    }

    #[test]
    fn bare_chinese_keys_are_quoted() {
        assert_eq!(
            quote_unicode_keys("标题 = \"通知\"\n"),
            "\"标题\" = \"通知\"\n"
        );
        assert_eq!(
            quote_unicode_keys("distribution = { 报 = [\"市政府\"], 送 = [] }\n"),
            "distribution = { \"报\" = [\"市政府\"], \"送\" = [] }\n"
        );
    }

    #[test]
    fn strings_comments_and_quoted_keys_are_untouched() {
        for line in [
            "title = \"标题 = 值\"\n",
            "# 标题 = x\n",
            "\"标题\" = 1\n",
            "tags = [\"甲\", \"乙\"]\n",
        ] {
            assert_eq!(quote_unicode_keys(line), line);
        }
    }
}
