//! `[series.<key>]` declarations in `gazette.toml`: a name, a non-blank
//! issuing unit, and distinct, non-blank sub-series. Types and unknown keys
//! are already refused when the configuration is parsed.

use std::path::Path;
use std::sync::Arc;

use crate::config::{CONFIG_FILE, Config, SeriesConfig};
use crate::diagnostic::Diagnostic;
use crate::load::parse::line_in;
use crate::t;

pub fn check(root: &Path, config: &Config) -> Vec<Diagnostic> {
    let text: Arc<str> = std::fs::read_to_string(root.join(CONFIG_FILE))
        .unwrap_or_default()
        .into();
    config
        .series
        .iter()
        .flat_map(|(key, series)| declaration(&text, key, series))
        .collect()
}

fn declaration(text: &Arc<str>, key: &str, series: &SeriesConfig) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let error = |field: &str, message: String, hint: String| {
        Diagnostic::error(message)
            .rule("bulletins")
            .in_file(CONFIG_FILE)
            .at_line(field_line(text, key, field))
            .with_source(text.clone())
            .with_hint(hint)
    };
    if series.name.trim().is_empty() {
        out.push(error(
            "name",
            t!(
                format!("刊物 series.{key} 的名称（name）为空"),
                format!("the name of series.{key} is empty")
            ),
            t!(
                "写上刊物全称，如 name = \"梧桐政务信息\"，它印在报头上",
                "write the full title, e.g. name = \"梧桐政务信息\"; it is printed in the masthead"
            ),
        ));
    }
    if series.unit.as_deref().is_some_and(|u| u.trim().is_empty()) {
        out.push(error(
            "unit",
            t!(
                format!("刊物 series.{key} 的编印单位（unit）为空"),
                format!("the issuing unit of series.{key} is empty")
            ),
            t!(
                "写上编印单位，如 unit = \"梧桐县人民政府办公室\"，或删除这一行",
                "write the issuing unit, e.g. unit = \"梧桐县人民政府办公室\", or remove the line"
            ),
        ));
    }
    let mut seen: Vec<&str> = Vec::new();
    for sub in &series.sub_series {
        let sub = sub.trim();
        let problem = if sub.is_empty() {
            Some(t!(
                format!("刊物 series.{key} 的子刊（sub_series）中有空名称"),
                format!("series.{key} lists a blank sub-series")
            ))
        } else if seen.contains(&sub) {
            Some(t!(
                format!("刊物 series.{key} 的子刊 “{sub}” 重复声明"),
                format!("series.{key} declares the sub-series “{sub}” twice")
            ))
        } else {
            None
        };
        if let Some(message) = problem {
            out.push(error(
                "sub_series",
                message,
                t!(
                    "每个子刊写一次，如 sub_series = [\"普刊\", \"专报\", \"参阅\"]",
                    "name each sub-series once, e.g. sub_series = [\"普刊\", \"专报\", \"参阅\"]"
                ),
            ));
        }
        seen.push(sub);
    }
    out
}

/// Line of `field` inside `[series.<key>]`; the table's own line when the
/// field is not written there (an inline table, a missing key).
fn field_line(text: &str, key: &str, field: &str) -> usize {
    let header = line_in(text, 1, &format!("series.{key}"))
        .or_else(|| line_in(text, 1, &format!("series.\"{key}\"")))
        .unwrap_or(1);
    let body: String = text
        .lines()
        .skip(header)
        .take_while(|l| !l.trim_start().starts_with('['))
        .collect::<Vec<_>>()
        .join("\n");
    line_in(&body, header + 1, field).unwrap_or(header)
}

#[cfg(test)]
mod tests {
    use super::field_line;

    #[test]
    fn fields_are_found_inside_their_table() {
        let text = "title = \"x\"\nname = \"站\"\n\n[series.a]\nname = \"\"\n\n[series.b]\nunit = \"办\"\nname = \"乙\"\n";
        assert_eq!(field_line(text, "a", "name"), 5);
        assert_eq!(field_line(text, "b", "name"), 9);
        assert_eq!(field_line(text, "b", "sub_series"), 7);
    }
}
