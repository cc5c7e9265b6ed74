//! `[catalogue]` in `gazette.toml`: the disclosure catalogue (公开目录) — the
//! organisation code and pattern of index numbers (索引号), and where the
//! catalogue pages go. Without the table there is no catalogue.

use serde::{Deserialize, Serialize};

use crate::t;

pub const DEFAULT_PATTERN: &str = "{org_code}/{year}-{seq:05}";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueConfig {
    /// 组织机构代码 or 统一社会信用代码 of the office, used by `{org_code}`.
    #[serde(default)]
    pub org_code: String,
    #[serde(default = "default_pattern")]
    pub index_pattern: String,
    /// Site path of the catalogue pages.
    #[serde(default = "default_path")]
    pub path: String,
    /// Rows per catalogue page: a page stays small however big the catalogue.
    #[serde(default = "default_per_page")]
    pub per_page: usize,
}

fn default_pattern() -> String {
    DEFAULT_PATTERN.into()
}
fn default_path() -> String {
    "/catalogue/".into()
}
fn default_per_page() -> usize {
    50
}

impl CatalogueConfig {
    /// The catalogue path with one slash at each end.
    pub fn site_path(&self) -> String {
        let inner = self.path.trim_matches('/');
        if inner.is_empty() {
            "/catalogue/".into()
        } else {
            format!("/{inner}/")
        }
    }

    pub fn pattern(&self) -> Result<IndexPattern, String> {
        IndexPattern::parse(&self.index_pattern)
    }
}

/// One piece of an index-number pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    OrgCode,
    Year,
    /// The running number, zero-padded to this width.
    Seq(usize),
}

/// `{org_code}/{year}-{seq:05}`, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexPattern {
    pub pieces: Vec<Piece>,
}

impl IndexPattern {
    pub fn parse(text: &str) -> Result<IndexPattern, String> {
        let mut pieces = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                pieces.push(Piece::Text(rest[..open].to_string()));
            }
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                return Err(t!(
                    format!("索引号格式 “{text}” 中的 {{ 没有配对的 }}"),
                    format!("the index pattern “{text}” has a {{ without a matching }}")
                ));
            };
            pieces.push(placeholder(&rest[open + 1..close], text)?);
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_string()));
        }
        if !pieces.iter().any(|p| matches!(p, Piece::Seq(_))) {
            return Err(t!(
                format!("索引号格式 “{text}” 缺少 {{seq}}：没有流水号，索引号无法唯一"),
                format!(
                    "the index pattern “{text}” has no {{seq}}: without a running number the numbers cannot be unique"
                )
            ));
        }
        Ok(IndexPattern { pieces })
    }

    pub fn has_year(&self) -> bool {
        self.pieces.contains(&Piece::Year)
    }

    /// The number for `year` and `seq`.
    pub fn format(&self, org_code: &str, year: i16, seq: u32) -> String {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Text(s) => s.clone(),
                Piece::OrgCode => org_code.to_string(),
                Piece::Year => format!("{year:04}"),
                Piece::Seq(width) => format!("{seq:0width$}"),
            })
            .collect()
    }
}

fn placeholder(inside: &str, pattern: &str) -> Result<Piece, String> {
    let (name, spec) = inside.split_once(':').unwrap_or((inside, ""));
    match (name.trim(), spec) {
        ("org_code", "") => Ok(Piece::OrgCode),
        ("year", "") => Ok(Piece::Year),
        ("seq", "") => Ok(Piece::Seq(1)),
        ("seq", width) if width.len() <= 2 && width.chars().all(|c| c.is_ascii_digit()) => {
            Ok(Piece::Seq(width.parse().unwrap_or(1)))
        }
        _ => Err(t!(
            format!(
                "索引号格式 “{pattern}” 中的 {{{inside}}} 无法识别；可用：{{org_code}}、{{year}}、{{seq}}、{{seq:05}}"
            ),
            format!(
                "{{{inside}}} in the index pattern “{pattern}” is not known; use {{org_code}}, {{year}}, {{seq}} or {{seq:05}}"
            )
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_pattern_formats_like_real_catalogues() {
        let p = IndexPattern::parse(DEFAULT_PATTERN).unwrap();
        assert_eq!(p.format("000014349", 2018, 222), "000014349/2018-00222");
        assert!(p.has_year());
    }

    #[test]
    fn unknown_placeholders_and_missing_seq_are_refused() {
        let e = IndexPattern::parse("{org}/{year}-{seq}").unwrap_err();
        assert!(e.contains("{org}"), "{e}");
        let e = IndexPattern::parse("{org_code}/{year}").unwrap_err();
        assert!(e.contains("seq"), "{e}");
        assert!(IndexPattern::parse("{seq:x}").is_err());
    }
}
