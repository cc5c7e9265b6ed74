use super::parse;
use crate::load::split;
use crate::load::toml_keys::quote_unicode_keys;
use proptest::prelude::*;
use serde_json::{Map, Value};

/// What the `toml` crate reads, as the loader uses it when the fast
/// reader declines.
fn slow(text: &str) -> Result<Map<String, Value>, String> {
    let table: toml::Table =
        toml::from_str(&quote_unicode_keys(text)).map_err(|e| e.to_string())?;
    match crate::load::parse::toml_value(toml::Value::Table(table)) {
        Value::Object(map) => Ok(map),
        other => Err(format!("not a table: {other}")),
    }
}

#[test]
fn reads_the_common_shape_as_toml_does() {
    let text = "title = \"退役军人服务申请办事指南\"\ndate = 2021-11-29\n\
                tags = [\"统计数据\", \"政务服务\"]\ncategories = ['办事指南',]\n\
                weight = -3\ndraft = false\n发布机构 = \"县政府办\"\n\
                expires = 2024-02-29T09:30:00+08:00\nshown = 2024-03-01T00:00:00Z\n\n\
                [extra]\n  department = \"市生态环境局\"\n  empty = []\n";
    let fast = parse(text).expect("the common shape");
    assert_eq!(Ok(fast.clone()), slow(text));
    assert_eq!(fast["extra"]["department"], "市生态环境局");
    assert_eq!(fast["date"], "2021-11-29");
}

#[test]
fn every_front_matter_of_the_demo_site_reads_as_toml_does() {
    let mut read = 0;
    for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let split = split::split(&text).unwrap();
        if split.format != split::Format::Toml {
            continue;
        }
        if let Some(fast) = parse(split.front) {
            assert_eq!(Ok(fast), slow(split.front), "{}", entry.path().display());
            read += 1;
        }
    }
    assert!(
        read > 20,
        "the fast reader took only {read} of the demo's files"
    );
}

#[test]
fn declines_what_it_does_not_read() {
    for text in [
        "# 注释\ntitle = \"a\"\n",
        "title = \"a\" # 注释\n",
        "title = \"a\\\"b\"\n",
        "title = \"\"\"多行\"\"\"\n",
        "weight = 1.5\n",
        "weight = 007\n",
        "weight = +7\n",
        "weight = 1_000\n",
        "meta = { a = 1 }\n",
        "a.b = 1\n",
        "\"title\" = \"a\"\n",
        "title = \"a\"\ntitle = \"b\"\n",
        "[extra]\n[extra]\n",
        "extra = 1\n[extra]\n",
        "[extra.sub]\n",
        "[[items]]\n",
        "date = 2023-02-29\n",
        "date = 2024-13-01\n",
        "date = 2024-03-05 09:00:00\n",
        "date = 2024-03-05T09:00\n",
        "date = 2024-03-05T09:00:00.5\n",
        "date = 2024-03-05T09:00:00-00:00\n",
        "title = \"a\"\r\n",
        "tags = [\n  \"a\",\n]\n",
        "tags = [\"a\", 1]\n",
        "title = \"a\" \"b\"\n",
        "title =\n",
        "title\n",
    ] {
        assert_eq!(parse(text), None, "{text:?}");
    }
}

/// Pieces of front matter, common and not: keys (ASCII, Chinese, dotted,
/// quoted, spaced), values (strings with and without escapes, lists,
/// numbers, dates right and wrong) and other lines.
fn line() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        "[a-c]{1,2}",
        "[标题报送]{1,2}",
        Just("a-b_c".to_string()),
        Just("a.b".to_string()),
        Just("\"a\"".to_string()),
        Just("a b".to_string()),
        Just("\u{200b}".to_string()),
        Just("标\u{a0}题".to_string()),
        Just(String::new()),
    ];
    let string = prop_oneof![
        "\"[a甲 =#'\\[\\],\t]{0,4}\"",
        "'[a乙 =#\"\\\\]{0,4}'",
        "\"[a\\\\\"\u{1}\u{7f}\u{85}]{0,3}\"",
        Just("\"\"\"x\"\"\"".to_string()),
        Just("''".to_string()),
    ];
    let date = (
        "[0-9]{4}",
        "[01][0-9]",
        "[0-3][0-9]",
        prop_oneof![
            Just(String::new()),
            "T[0-2][0-9]:[0-6][0-9]:[0-6][0-9]",
            " [0-2][0-9]:[0-5][0-9]:[0-5][0-9]",
            "T[0-2][0-9]:[0-5][0-9]",
            "T1[0-9]:[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,3})?",
        ],
        prop_oneof![
            Just(String::new()),
            Just("Z".to_string()),
            Just("z".to_string()),
            "[+-][0-2][0-9]:[0-6][0-9]",
        ],
    )
        .prop_map(|(y, m, d, t, o)| format!("{y}-{m}-{d}{t}{o}"));
    let value = prop_oneof![
        3 => string.clone(),
        2 => prop::collection::vec(string, 0..3).prop_map(|xs| format!("[{}]", xs.join(", "))),
        1 => Just("[\"a\",]".to_string()),
        1 => Just("[ ]".to_string()),
        1 => Just("[\"a\" \"b\"]".to_string()),
        1 => "-?[0-9]{1,3}",
        1 => Just("9223372036854775807".to_string()),
        1 => Just("1.5".to_string()),
        1 => Just("true".to_string()),
        1 => Just("false".to_string()),
        1 => Just("{ a = 1 }".to_string()),
        3 => date,
    ];
    prop_oneof![
        6 => (key, "[ \t]{0,2}", value, "[ \t]{0,2}( #c)?")
            .prop_map(|(k, s, v, e)| format!("{k}{s}={s}{v}{e}")),
        1 => prop_oneof![
            Just("[extra]".to_string()),
            Just("[ extra ]".to_string()),
            Just("[a]".to_string()),
            Just("[extra.b]".to_string()),
            Just("[[extra]]".to_string()),
        ],
        1 => prop_oneof![
            Just(String::new()),
            Just("  ".to_string()),
            Just("# 注释".to_string()),
            Just("\r".to_string()),
            Just("=".to_string()),
        ],
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// Whatever the fast reader accepts, `toml` reads the same; it accepts
    /// nothing `toml` rejects.
    #[test]
    fn agrees_with_toml_wherever_it_reads(lines in prop::collection::vec(line(), 0..8)) {
        let text = lines.join("\n");
        if let Some(fast) = parse(&text) {
            prop_assert_eq!(Ok(fast), slow(&text), "{:?}", text);
        }
    }
}
