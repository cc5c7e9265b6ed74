//! Front matter text → typed [`FrontMatter`], with every problem located.

use serde_json::{Map, Value};

use super::front::FrontMatter;
use super::keys::{self, Owner};
use super::split::{Format, Split};
use crate::diagnostic::{Diagnostic, Location};
use crate::t;

/// Parses the front matter of one file. Errors are returned all together;
/// their locations are relative to the whole file.
pub fn front_matter(
    split: &Split<'_>,
    owner: Owner,
    taxonomies: &[String],
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let map = to_map(split).map_err(|d| vec![d])?;
    let (fields, terms, mut errors) = canonicalise(map, split, owner, taxonomies);
    errors.sort_by_key(|d| d.location);
    let parsed: Result<FrontMatter, _> = serde_path_to_error::deserialize(Value::Object(fields));
    match parsed {
        Ok(mut front) if errors.is_empty() => {
            front.taxonomies = terms;
            Ok(front)
        }
        Ok(_) => Err(errors),
        Err(e) => {
            let key = first_key(e.path());
            // The key as the editor wrote it: `废止日期` as well as `validity_date`.
            let line = super::keys::spellings(&key)
                .find_map(|k| key_line(split, k))
                .unwrap_or(split.front_line);
            let inner = e.into_inner().to_string();
            errors.push(
                Diagnostic::error(t!(
                    format!("“{key}” 的值有误：{inner}"),
                    format!("the value of “{key}” is wrong: {inner}")
                ))
                .at_line(line),
            );
            Err(errors)
        }
    }
}

fn first_key(path: &serde_path_to_error::Path) -> String {
    path.iter()
        .next()
        .map(|seg| seg.to_string())
        .unwrap_or_default()
}

/// TOML or YAML text → a JSON-like map.
fn to_map(split: &Split<'_>) -> Result<Map<String, Value>, Diagnostic> {
    let value = match split.format {
        Format::Toml => toml_to_json(split)?,
        Format::Yaml => yaml_to_json(split)?,
    };
    match value {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err(Diagnostic::error(t!(
            "前置元数据应当是“键 = 值”的列表",
            "front matter must be a list of key = value pairs"
        ))
        .at_line(split.front_line)),
    }
}

fn toml_to_json(split: &Split<'_>) -> Result<Value, Diagnostic> {
    if let Some(map) = super::toml_subset::parse(split.front) {
        return Ok(Value::Object(map));
    }
    let quoted = super::toml_keys::quote_unicode_keys(split.front);
    let table: toml::Table = toml::from_str(&quoted).map_err(|e| {
        let mut loc = e
            .span()
            .map(|s| Location::of_offset(&quoted, s.start))
            .unwrap_or(Location { line: 1, column: 1 });
        loc.line += split.front_line - 1;
        Diagnostic::error(t!(
            format!("TOML 格式错误：{}", e.message()),
            format!("TOML syntax error: {}", e.message())
        ))
        .at(loc)
        .with_hint(t!(
            "TOML 写法：键 = \"字符串\"，列表写成 [\"a\", \"b\"]，日期写成 2024-03-05",
            "TOML: key = \"string\", lists as [\"a\", \"b\"], dates as 2024-03-05"
        ))
    })?;
    Ok(toml_value(toml::Value::Table(table)))
}

/// A parsed TOML value as the JSON-like value the rest of loading reads.
pub(super) fn toml_value(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_value).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_value(v))).collect())
        }
    }
}

fn yaml_to_json(split: &Split<'_>) -> Result<Value, Diagnostic> {
    if split.front.trim().is_empty() {
        return Ok(Value::Null);
    }
    serde_saphyr::from_str::<Value>(split.front).map_err(|e| {
        let line = e
            .location()
            .map(|l| l.line() as usize + split.front_line - 1)
            .unwrap_or(split.front_line);
        let column = e.location().map(|l| l.column() as usize).unwrap_or(1);
        let message = e.to_string();
        let first = message.lines().next().unwrap_or_default().to_string();
        Diagnostic::error(t!(
            format!("YAML 格式错误：{first}"),
            format!("YAML syntax error: {first}")
        ))
        .at(Location {
            line,
            column: column.max(1),
        })
        .with_hint(t!(
            "YAML 写法：键: 值（冒号后有空格），列表写成 [a, b]",
            "YAML: key: value (a space after the colon), lists as [a, b]"
        ))
    })
}

type Canonical = (
    Map<String, Value>,
    std::collections::BTreeMap<String, Vec<String>>,
    Vec<Diagnostic>,
);

/// Renames aliases, collects taxonomy terms, and reports unknown keys.
fn canonicalise(
    map: Map<String, Value>,
    split: &Split<'_>,
    owner: Owner,
    taxonomies: &[String],
) -> Canonical {
    let mut fields = Map::new();
    let mut terms = std::collections::BTreeMap::new();
    let mut errors = Vec::new();
    for (written, value) in map {
        let key = keys::canonical(&written).to_string();
        // Found only for an error: a search of the front matter per key
        // was 0.6 % of a build's instructions.
        let line = || key_line(split, &written).unwrap_or(split.front_line);
        if key == "taxonomies" {
            take_taxonomy_table(value, taxonomies, &mut terms, &line, &mut errors);
        } else if taxonomies.contains(&key) {
            match term_list(value) {
                Ok(list) => {
                    terms.entry(key).or_default().extend(list);
                }
                Err(msg) => errors.push(Diagnostic::error(msg).at_line(line())),
            }
        } else if keys::is_known(&key, owner, taxonomies) {
            if fields.contains_key(&key) {
                errors.push(duplicate(&written, &key, line()));
            } else {
                fields.insert(key, keys::canonical_nested(value));
            }
        } else if !keys::is_ignored(&written) {
            errors.push(unknown(&written, &key, owner, taxonomies, line()));
        }
    }
    (fields, terms, errors)
}

fn take_taxonomy_table(
    value: Value,
    taxonomies: &[String],
    terms: &mut std::collections::BTreeMap<String, Vec<String>>,
    line: &dyn Fn() -> usize,
    errors: &mut Vec<Diagnostic>,
) {
    let Value::Object(table) = value else {
        errors.push(
            Diagnostic::error(t!(
                "taxonomies 应当是一个表，如 [taxonomies] tags = [\"a\"]",
                "taxonomies must be a table, like [taxonomies] tags = [\"a\"]"
            ))
            .at_line(line()),
        );
        return;
    };
    for (name, list) in table {
        let name = keys::canonical(&name).to_string();
        if !taxonomies.contains(&name) {
            errors.push(
                Diagnostic::error(t!(
                    format!("分类法 “{name}” 没有在 gazette.toml 的 taxonomies 中声明"),
                    format!("taxonomy “{name}” is not declared in gazette.toml's taxonomies")
                ))
                .at_line(line())
                .with_hint(t!(
                    format!(
                        "在 gazette.toml 中加入 {{ name = \"{name}\" }}，或改用：{}",
                        taxonomies.join("、")
                    ),
                    format!(
                        "add {{ name = \"{name}\" }} to gazette.toml, or use one of: {}",
                        taxonomies.join(", ")
                    )
                )),
            );
            continue;
        }
        match term_list(list) {
            Ok(list) => terms.entry(name).or_default().extend(list),
            Err(msg) => errors.push(Diagnostic::error(msg).at_line(line())),
        }
    }
}

fn term_list(value: Value) -> Result<Vec<String>, String> {
    match value {
        Value::String(s) => Ok(vec![s]),
        Value::Array(items) => items
            .into_iter()
            .map(|v| match v {
                Value::String(s) => Ok(s),
                other => Err(t!(
                    format!("标签/分类应当是文字，不能是 {other}"),
                    format!("terms must be text, not {other}")
                )),
            })
            .collect(),
        other => Err(t!(
            format!("标签/分类应当是文字列表，如 [\"a\", \"b\"]，不能是 {other}"),
            format!("terms must be a list of text like [\"a\", \"b\"], not {other}")
        )),
    }
}

fn duplicate(written: &str, key: &str, line: usize) -> Diagnostic {
    Diagnostic::error(t!(
        format!("“{written}” 与另一个键重复，都表示 {key}"),
        format!("“{written}” repeats another key that also means {key}")
    ))
    .at_line(line)
    .with_hint(t!("只保留其中一个", "keep only one of them"))
}

fn unknown(
    written: &str,
    key: &str,
    owner: Owner,
    taxonomies: &[String],
    line: usize,
) -> Diagnostic {
    let base = Diagnostic::error(t!(
        format!("未知的键 “{written}”"),
        format!("unknown key “{written}”")
    ))
    .at_line(line);
    if keys::belongs_to_other(key, owner) {
        let (zh, en) = match owner {
            Owner::Page => ("栏目的 _index.md", "a section's _index.md"),
            Owner::Section => ("页面", "pages"),
        };
        return base.with_hint(t!(
            format!("“{written}” 只能用在{zh}中"),
            format!("“{written}” only applies to {en}")
        ));
    }
    match keys::suggest(written, owner, taxonomies) {
        Some(s) => base.with_hint(t!(
            format!("是不是要写 “{s}”？"),
            format!("did you mean “{s}”?")
        )),
        None => base.with_hint(t!(
            "自定义的值请放在 [extra] 表中；可用的键见 FRONTMATTER 文档",
            "put custom values under [extra]; the known keys are in the front-matter docs"
        )),
    }
}

/// The file line (1-based) where `key` is written in the front matter.
pub fn key_line(split: &Split<'_>, key: &str) -> Option<usize> {
    line_in(split.front, split.front_line, key)
}

/// The line (counting the first line of `text` as `first_line`) where `key`
/// is written as a key, bare or quoted, or as a `[key]` table header.
pub fn line_in(text: &str, first_line: usize, key: &str) -> Option<usize> {
    text.lines().enumerate().find_map(|(i, line)| {
        let l = line.trim_start();
        let l = l
            .strip_prefix('"')
            .or_else(|| l.strip_prefix('\''))
            .unwrap_or(l);
        let rest = l.strip_prefix(key).or_else(|| {
            l.strip_prefix('[')
                .and_then(|t| t.trim_start_matches('[').strip_prefix(key))
        })?;
        let rest = rest.trim_start_matches(['"', '\'']).trim_start();
        rest.starts_with(['=', ':', ']', '.'])
            .then_some(i + first_line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::split::split;

    fn tax() -> Vec<String> {
        vec!["tags".into(), "categories".into()]
    }

    fn parse(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        front_matter(&split(text).unwrap(), Owner::Page, &tax())
    }

    #[test]
    fn hugo_and_zola_files_parse() {
        let zola = "+++\ntitle = \"通知\"\ndate = 2024-03-05\n[taxonomies]\ntags = [\"营商环境\"]\n[extra]\nx = 1\n+++\n";
        let f = parse(zola).unwrap();
        assert_eq!(f.taxonomies["tags"], vec!["营商环境"]);
        let hugo = "---\ntitle: \"通知\"\ndate: 2024-03-05T09:00:00+08:00\ndraft: true\ncategories: [\"公告\"]\naliases: [/old/]\nslug: a\nweight: 3\ndescription: d\n---\n";
        let f = parse(hugo).unwrap();
        assert!(f.draft);
        assert_eq!(f.taxonomies["categories"], vec!["公告"]);
    }

    #[test]
    fn chinese_labels_work() {
        let f = parse("+++\n标题 = \"通知\"\n文号 = \"梧政发〔2024〕1号\"\n标签 = [\"a\"]\n+++\n")
            .unwrap();
        assert_eq!(f.title.as_deref(), Some("通知"));
        assert_eq!(f.doc_number.as_deref(), Some("梧政发〔2024〕1号"));
        assert_eq!(f.taxonomies["tags"], vec!["a"]);
    }

    #[test]
    fn unknown_keys_name_the_line_and_a_suggestion() {
        let errs = parse("+++\ntitle = \"a\"\ntitel = \"b\"\nfoo = 1\n+++\n").unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].location.unwrap().line, 3);
        assert!(errs[0].hint.as_ref().unwrap().contains("title"));
    }

    #[test]
    fn bad_values_name_their_key_and_line() {
        let errs = parse("+++\ntitle = \"a\"\ndate = \"2024年3月5日\"\n+++\n").unwrap_err();
        assert_eq!(errs[0].location.unwrap().line, 3);
        assert!(
            errs[0].message.contains("2024-03-05"),
            "{}",
            errs[0].message
        );
    }

    #[test]
    fn toml_syntax_errors_are_located_in_the_file() {
        let errs = parse("+++\ntitle = \"a\"\ndate = = 1\n+++\n").unwrap_err();
        assert_eq!(errs[0].location.unwrap().line, 3);
    }
}
