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
}
