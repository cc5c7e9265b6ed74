//! Site search in a real browser: the demo site built with each profile,
//! served by a plain static web server, searched from its search page with
//! headless Chromium (tests/browser/search.mjs). Chinese is segmented into
//! words at build time; the public index never holds an internal page.

mod common;
mod support;

use serde_json::Value;
use support::{build_demo, node, require_browser, server::Server, shots};

/// Runs the queries on `base` and returns, per query, the result list.
fn search(base: &str, queries: &[&str]) -> Value {
    let stdout = node(
        "search.mjs",
        &[&[base, &shots().to_string_lossy()], queries].concat(),
    );
    serde_json::from_str(stdout.lines().last().unwrap_or("")).expect("search.mjs prints JSON")
}

fn urls(found: &Value, query: &str) -> Vec<String> {
    found[query]["results"]
        .as_array()
        .unwrap_or_else(|| panic!("no results entry for {query}: {found}"))
        .iter()
        .map(|r| {
            percent_encoding::percent_decode_str(r["url"].as_str().unwrap())
                .decode_utf8_lossy()
                .into_owned()
        })
        .collect()
}

fn assert_finds(found: &Value, query: &str, url: &str) {
    let urls = urls(found, query);
    assert!(
        urls.iter().any(|u| u == url),
        "{query}: expected {url} among {urls:?}"
    );
}

#[test]
fn chinese_queries_find_the_expected_pages_and_never_an_internal_one() {
    require_browser();
    let public = build_demo("public");
    let server = Server::start(&public.out);
    // Text only an internal bulletin item contains (《梧桐政务信息》2025年第2期).
    let internal_only = "q=预付式消费";
    let queries = [
        // A two-character word.
        "q=防汛",
        // A four-character phrase, and the same with a filter by year.
        "q=营商环境",
        "q=营商环境&year=2025",
        // A document number (文号) as written on the document.
        "q=梧防指〔2024〕6号",
        // Mixed Chinese and English.
        "q=梧桐通App",
        // Filters alone: one section.
        "section=通知公告",
        internal_only,
    ];
    let found = search(&server.url, &queries);

    assert_finds(&found, "q=防汛", "/notices/关于开展防汛演练的通知/");
    assert_finds(&found, "q=防汛", "/news/2024-flood-inspection/");
    assert_finds(
        &found,
        "q=营商环境",
        "/policies/2024-business-environment-opinions/",
    );
    let in_2025 = urls(&found, "q=营商环境&year=2025");
    assert!(
        !in_2025.is_empty()
            && !in_2025.contains(&"/policies/2024-business-environment-opinions/".to_string()),
        "the year filter did not narrow the results: {in_2025:?}"
    );
    assert_finds(
        &found,
        "q=梧防指〔2024〕6号",
        "/notices/关于开展防汛演练的通知/",
    );
    assert_finds(&found, "q=梧桐通App", "/news/2024-one-thing-service/");
    let notices = urls(&found, "section=通知公告");
    assert!(
        notices.len() >= 10 && notices.iter().all(|u| u.starts_with("/notices/")),
        "the section filter: {notices:?}"
    );

    // Each result shows its title, section, date and a highlighted excerpt.
    let first = &found["q=营商环境"]["results"][0];
    assert!(!first["title"].as_str().unwrap().is_empty());
    let meta = first["meta"].as_str().unwrap();
    assert!(meta.contains("栏目：") && meta.contains("日期："), "{meta}");
    assert!(
        first["excerpt"].as_str().unwrap().contains("<mark>"),
        "{first}"
    );

    assert_eq!(
        found[internal_only]["total"], 0,
        "the public index finds internal text: {found}"
    );

    // With the keyboard alone: the header's box finds the first query's
    // pages; a section chosen with the End key (通知公告) narrows them.
    let keyboard = &found["keyboard"];
    assert_eq!(
        keyboard["viaHeader"], found["q=防汛"]["total"],
        "{keyboard}"
    );
    let url = keyboard["url"].as_str().unwrap();
    assert!(url.contains("/search/?q=防汛&section=通知公告"), "{url}");
    assert!(keyboard["results"].as_u64().unwrap() >= 1, "{keyboard}");

    // The intranet build, with the internal bulletins, finds it: the query
    // itself works, the public index simply does not hold those pages.
    let intranet = build_demo("intranet");
    let server = Server::start(&intranet.out);
    let found = search(&server.url, &[internal_only]);
    assert!(
        urls(&found, internal_only)
            .iter()
            .any(|u| u.starts_with("/bulletins/zwxx/2025/2/")),
        "{found}"
    );
}

#[test]
fn search_can_be_turned_off() {
    let on = common::TestSite::new(&[(
        "content/a.md",
        &common::page("防汛演练", "2024-05-01", "正文。\n"),
    )]);
    on.build().assert_ok();
    assert!(on.out().join("search-index/engine.js").is_file());
    assert!(on.out().join("search/index.html").is_file());
    let home = std::fs::read_to_string(on.out().join("index.html")).unwrap();
    assert!(home.contains("role=\"search\""));

    let off = common::TestSite::new(&[
        (
            "gazette.toml",
            &format!("{}\n[build]\nsearch = false\n", common::CONFIG),
        ),
        (
            "content/a.md",
            &common::page("防汛演练", "2024-05-01", "正文。\n"),
        ),
    ]);
    off.build().assert_ok();
    assert!(!off.out().join("search-index").exists());
    assert!(!off.out().join("search/index.html").exists());
    let home = std::fs::read_to_string(off.out().join("index.html")).unwrap();
    assert!(
        !home.contains("role=\"search\""),
        "a search box with no index"
    );
    // Nothing reads the facets without an index, so they are not written.
    let page =
        |site: &common::TestSite| std::fs::read_to_string(site.out().join("a/index.html")).unwrap();
    assert!(page(&on).contains("data-search-meta=\"date:2024-05-01\""));
    assert!(!page(&off).contains("data-search-meta"));
}

/// The browser splits a query with `engine.js`, the build splits pages with
/// `src/search/tokens.rs`: the two must make the same terms from the same
/// text, or a query misses pages that hold it. Random mixes of Chinese,
/// kana, Hangul, an extension-B character, full-width and ASCII letters,
/// digits, punctuation and spaces, plus hand-picked cases, through both.
#[test]
fn the_browser_and_the_build_split_text_alike() {
    let alphabet: Vec<char> =
        "营商环境防汛梧桐号〔〕（）。，、：ひらカナ한국𠀋ＡＰＰａ１AppZz09 \t\n-_.&"
            .chars()
            .collect();
    let mut texts: Vec<String> = [
        "梧防指〔2024〕6号",
        "梧桐通App上线",
        "Environmentally friendly 环保",
        "ＡＰＰ与app",
        "中中",
        "",
        "第6期《梧桐政务信息》",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..300 {
        let mut text = String::new();
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        for _ in 0..(state % 40) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        texts.push(text);
    }
    let engine = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/search/engine.js");
    let script = format!(
        "import {{ terms }} from {:?};\n\
         let input = '';\n\
         process.stdin.on('data', (d) => input += d);\n\
         process.stdin.on('end', () => console.log(JSON.stringify(JSON.parse(input).map(terms))));",
        format!("file://{}", engine.display())
    );
    let mut child = std::process::Command::new("node")
        .args(["--input-type=module", "-e", &script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node runs (CI installs it with the browser tests)");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(&texts).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let from_js: Vec<Vec<String>> = serde_json::from_slice(&out.stdout).unwrap();
    for (text, js) in texts.iter().zip(&from_js) {
        let mut rust = Vec::new();
        gazette::search::tokens::tokenize(text, |t| rust.push(t.text()));
        assert_eq!(&rust, js, "split differently: {text:?}");
    }
}
