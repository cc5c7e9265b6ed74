//! The output needs no network: no script, style, font, image, frame or
//! other resource from another host, in any file of either profile (the
//! search index included, decompressed). Links in content to other sites
//! are allowed, and are marked as leaving the site.

mod common;
mod support;

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;

use scraper::{Html, Selector};
use support::{build_demo, manifest};

/// URLs that name something without fetching it: XML and RDF namespaces,
/// the schema.org vocabulary of the JSON-LD, Dublin Core terms of the
/// catalogue's DCAT export.
const IDENTIFIERS: &[(&str, &str)] = &[
    ("", "www.w3.org"),
    ("", "www.sitemaps.org"),
    ("", "schema.org"),
    ("", "purl.org"),
];

/// Attributes that make a browser fetch what they name.
const FETCHING: &[(&str, &str)] = &[
    ("[src]", "src"),
    ("[srcset]", "srcset"),
    ("[poster]", "poster"),
    ("object[data]", "data"),
    ("[action]", "action"),
    ("[formaction]", "formaction"),
    ("[background]", "background"),
    ("link[href]", "href"),
    ("use[href]", "href"),
    ("image[href]", "href"),
];

fn is_external(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

fn host_of(url: &str) -> &str {
    let rest = url.split_once("//").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#', ':', '$']).next().unwrap_or("")
}

fn text_of(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .expect("gzip decodes");
        return String::from_utf8_lossy(&out).into_owned();
    }
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every absolute URL written anywhere in `text`.
fn urls_in(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for scheme in ["http://", "https://"] {
        let mut from = 0;
        while let Some(i) = text[from..].find(scheme) {
            let start = from + i;
            let end = text[start..]
                .find(|c: char| c.is_whitespace() || "\"'<>()\\`".contains(c))
                .map_or(text.len(), |e| start + e);
            out.push(&text[start..end]);
            from = end.max(start + scheme.len());
        }
    }
    out
}

/// The problems of one output folder: resources from another host, URLs
/// of other hosts that are not links marked as external, unmarked links.
fn scan(out: &Path, own_hosts: &[&str]) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let mut links: BTreeSet<String> = BTreeSet::new();
    let files = common::files_under(out);
    // HTML first: what fetches, and which external links are marked.
    for file in files.iter().filter(|f| f.ends_with(".html")) {
        let html = Html::parse_document(&std::fs::read_to_string(out.join(file)).unwrap());
        for (css, attr) in FETCHING {
            for el in html.select(&Selector::parse(css).unwrap()) {
                let value = el.value().attr(attr).unwrap_or("");
                if value.split(',').any(is_external) {
                    problems.push(format!(
                        "{file}: <{} {attr}=\"{value}\">",
                        el.value().name()
                    ));
                }
            }
        }
        for style in html.select(&Selector::parse("style, [style]").unwrap()) {
            let text = style
                .value()
                .attr("style")
                .map(str::to_string)
                .unwrap_or_else(|| style.text().collect());
            problems.extend(css_problems(file, &text));
        }
        for a in html.select(&Selector::parse("a[href]").unwrap()) {
            let href = a.value().attr("href").unwrap();
            if !is_external(href) || own_hosts.contains(&host_of(href)) {
                continue;
            }
            let marked = a
                .select(&Selector::parse(".visually-hidden").unwrap())
                .any(|s| s.text().collect::<String>().contains("外部链接"));
            if !marked {
                problems.push(format!(
                    "{file}: link to {href} not marked as leaving the site"
                ));
            }
            links.insert(href.to_string());
        }
    }
    // Every file: each absolute URL is the site's own, a marked link's
    // target (also quoted in feeds and the search index), or an identifier.
    for file in &files {
        let text = text_of(&std::fs::read(out.join(file)).unwrap());
        if file.ends_with(".css") {
            problems.extend(css_problems(file, &text));
        }
        for url in urls_in(&text) {
            let host = host_of(url);
            // A bare scheme names no host (the CSS selector a[href^="http://"]).
            let allowed = host.is_empty()
                || own_hosts.contains(&host)
                || links
                    .iter()
                    .any(|l| url.starts_with(l.as_str()) || l.starts_with(url))
                || IDENTIFIERS
                    .iter()
                    .any(|(prefix, h)| file.starts_with(prefix) && host == *h);
            if !allowed {
                problems.push(format!("{file}: {url}"));
            }
        }
    }
    (problems, links.len())
}

fn css_problems(file: &str, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in css.match_indices("url(") {
        let arg = css[i + 4..].trim_start_matches(['"', '\'', ' ']);
        if is_external(arg) {
            out.push(format!("{file}: CSS {}", &css[i..(i + 60).min(css.len())]));
        }
    }
    for (i, _) in css.match_indices("@import") {
        let arg = css[i + 7..].trim_start().trim_start_matches("url(");
        if is_external(arg.trim_start_matches(['"', '\''])) {
            out.push(format!("{file}: CSS {}", &css[i..(i + 60).min(css.len())]));
        }
    }
    out
}

#[test]
fn no_output_file_of_the_demo_refers_to_another_host() {
    let config = std::fs::read_to_string(manifest().join("gazette.toml")).unwrap();
    let own: Vec<&str> = config
        .lines()
        .filter(|l| l.trim_start().starts_with("base_url"))
        .filter_map(|l| l.split('"').nth(1))
        .map(host_of)
        .collect();
    assert!(!own.is_empty());
    for profile in ["public", "intranet"] {
        let site = build_demo(profile);
        assert!(site.out.join("search-index/engine.js").is_file());
        let (problems, links) = scan(&site.out, &own);
        assert!(
            problems.is_empty(),
            "{profile}: {} references to other hosts:\n{}",
            problems.len(),
            problems.join("\n")
        );
        // The demo links to another site once; that link was seen, marked.
        assert!(links >= 1, "{profile}: no external link checked");
    }
}

#[test]
fn the_scan_catches_a_resource_from_another_host() {
    let site = common::TestSite::new(&[(
        "content/a.md",
        "+++\ntitle = \"外链图片\"\ndate = 2024-05-01\n+++\n\n<img src=\"https://cdn.example.net/x.png\" alt=\"x\">\n\n[未标记](https://a.example.net/)\n",
    )]);
    site.build().assert_ok();
    let (problems, _) = scan(&site.out(), &["t.example.gov.cn"]);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("<img src=\"https://cdn.example.net/x.png\">")),
        "{problems:?}"
    );
    // The Markdown link is marked, so only the image is a problem.
    assert!(
        !problems.iter().any(|p| p.contains("not marked")),
        "{problems:?}"
    );
}
