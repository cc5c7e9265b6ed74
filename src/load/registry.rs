//! The index-number registry (`data/index-numbers.toml`): every 索引号 the
//! site has ever given, by content path, so that a number never changes and
//! is never given twice. It lives with the content and is committed by the
//! user; `gazette build` rewrites it (atomically) only when a build succeeds.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Location};
use crate::t;

/// Where the registry lives, relative to the site root.
pub const REGISTRY_FILE: &str = "data/index-numbers.toml";

const HEADER: &str = "\
# 索引号登记簿 — 由 gazette build 生成和维护，请随内容一起提交。
# 不要手工修改或删除索引号：索引号一经发布不得更改，也不得重复使用。
# 文件改名或移动时，只把这里对应的路径改成新路径（索引号不变）。
# [assigned] 在用的索引号；[retired] 已删除文件的索引号（永不再用）；
# [last_seq] 各年度已用到的流水号。
#
# Index-number registry, maintained by `gazette build`; commit it with the
# content. Do not edit or delete numbers by hand: a published number never
# changes and is never reused. When a file is renamed, change only its path.
";

/// One registered number and the line it was read from (0: new).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub number: String,
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registry {
    /// Content path (`policies/a.md`) → number, for documents that exist.
    pub assigned: BTreeMap<String, Entry>,
    /// Numbers of deleted documents: kept so they are never given again.
    pub retired: BTreeMap<String, Entry>,
    /// Last running number used per scope (the year, or `*`).
    pub last_seq: BTreeMap<String, u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileForm {
    #[serde(default)]
    last_seq: BTreeMap<String, u32>,
    #[serde(default)]
    assigned: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    retired: BTreeMap<String, Spanned<String>>,
}

impl Registry {
    /// Reads the registry of the site at `root`; an absent file is empty.
    pub fn load(root: &Path) -> Result<Registry, Vec<Diagnostic>> {
        let path = root.join(REGISTRY_FILE);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let text = crate::load::text::decode(&bytes)
                    .map_err(|d| vec![d.in_file(REGISTRY_FILE)])?;
                Registry::parse(&text)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Registry::default()),
            Err(e) => Err(vec![
                Diagnostic::error(t!(
                    format!("无法读取索引号登记簿：{e}"),
                    format!("cannot read the index-number registry: {e}")
                ))
                .in_file(REGISTRY_FILE),
            ]),
        }
    }

    /// Parses registry text; a syntax error or a number registered twice is
    /// an error at its line.
    pub fn parse(text: &str) -> Result<Registry, Vec<Diagnostic>> {
        let source: Arc<str> = Arc::from(text);
        let at = |offset: usize, message: String| {
            Diagnostic::error(message)
                .in_file(REGISTRY_FILE)
                .at(Location::of_offset(text, offset))
                .with_source(source.clone())
        };
        let form: FileForm = toml::from_str(text).map_err(|e| {
            vec![
                Diagnostic::from_toml(&e, &source).in_file(REGISTRY_FILE).with_hint(t!(
                    "这个文件由 gazette build 维护；用版本库恢复上一次提交的版本",
                    "gazette build maintains this file; restore the last committed version from version control"
                )),
            ]
        })?;
        let line = |s: &Spanned<String>| Location::of_offset(text, s.span().start).line;
        let mut errors = Vec::new();
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let lists = form.assigned.iter().chain(form.retired.iter());
        for (path, number) in lists {
            if let Some(first) = seen.insert(number.get_ref().clone(), path.clone()) {
                errors.push(
                    at(
                        number.span().start,
                        t!(
                            format!(
                                "索引号 {} 登记了两次：{first} 和 {path}",
                                number.get_ref()
                            ),
                            format!(
                                "the index number {} is registered twice: {first} and {path}",
                                number.get_ref()
                            )
                        ),
                    )
                    .with_hint(t!(
                        "索引号不得重复；用版本库恢复这个文件，不要手工修改",
                        "numbers must be unique; restore this file from version control instead of editing it"
                    )),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let entries = |map: BTreeMap<String, Spanned<String>>| {
            map.into_iter()
                .map(|(path, n)| {
                    let line = line(&n);
                    (
                        path,
                        Entry {
                            number: n.into_inner(),
                            line,
                        },
                    )
                })
                .collect()
        };
        Ok(Registry {
            assigned: entries(form.assigned),
            retired: entries(form.retired),
            last_seq: form.last_seq,
        })
    }

    /// The registry as a file: header comment, tables sorted by key.
    pub fn to_text(&self) -> String {
        let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
        let mut out = String::from(HEADER);
        out.push_str("\n[last_seq]\n");
        for (scope, seq) in &self.last_seq {
            out.push_str(&format!("{} = {seq}\n", quote(scope)));
        }
        for (name, map) in [("assigned", &self.assigned), ("retired", &self.retired)] {
            out.push_str(&format!("\n[{name}]\n"));
            for (path, entry) in map {
                out.push_str(&format!("{} = {}\n", quote(path), quote(&entry.number)));
            }
        }
        out
    }
}

/// Writes `text` to the registry file through a temporary file and a
/// rename, so a crash never leaves half a registry. Unchanged text is not
/// rewritten.
pub fn write_atomic(root: &Path, text: &str) -> Result<bool, Diagnostic> {
    let path = root.join(REGISTRY_FILE);
    if std::fs::read_to_string(&path).is_ok_and(|old| old == text) {
        return Ok(false);
    }
    let fail = |e: std::io::Error| {
        Diagnostic::error(t!(
            format!("无法写入索引号登记簿：{e}"),
            format!("cannot write the index-number registry: {e}")
        ))
        .in_file(REGISTRY_FILE)
        .with_hint(t!(
            "检查 data/ 目录是否可写；本次分配的索引号没有记下，下次构建会重新分配同样的号",
            "check that data/ is writable; the numbers of this build were not recorded and the next build gives the same ones"
        ))
    };
    let dir = path.parent().unwrap_or(root);
    std::fs::create_dir_all(dir).map_err(fail)?;
    let tmp = dir.join(format!(".index-numbers.toml.tmp-{}", std::process::id()));
    std::fs::write(&tmp, text).map_err(fail)?;
    std::fs::rename(&tmp, &path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registry_round_trips_through_its_text() {
        let mut r = Registry::default();
        r.last_seq.insert("2024".into(), 2);
        for (path, n) in [("b.md", "X/2024-00002"), ("a.md", "X/2024-00001")] {
            r.assigned.insert(
                path.into(),
                Entry {
                    number: n.into(),
                    line: 0,
                },
            );
        }
        let text = r.to_text();
        assert!(text.find("\"a.md\"").unwrap() < text.find("\"b.md\"").unwrap());
        let back = Registry::parse(&text).unwrap();
        assert_eq!(back.assigned["a.md"].number, "X/2024-00001");
        assert_eq!(back.last_seq["2024"], 2);
    }

    #[test]
    fn a_number_registered_twice_is_an_error_at_its_line() {
        let text = "[assigned]\n\"a.md\" = \"X-1\"\n\n[retired]\n\"b.md\" = \"X-1\"\n";
        let errors = Registry::parse(text).unwrap_err();
        assert_eq!(errors[0].location.unwrap().line, 5);
        assert!(errors[0].message.contains("a.md"), "{}", errors[0].message);
    }
}
