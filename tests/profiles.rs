//! Profiles and audiences: what a public build leaves out, and the rules a
//! profile that publishes to the public enforces.

mod common;

use common::{TestSite, files_under, page, section};
use proptest::prelude::*;

const PROFILES: &str = "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\ndefault_profile = \"public\"\n\n[profiles.public]\naudiences = [\"public\"]\n\n[profiles.intranet]\naudiences = [\"public\", \"internal\"]\n";

fn internal(title: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = 2024-05-01\naudience = \"internal\"\ntags = [\"{title}标签\"]\n+++\n{body}"
    )
}

/// Every output file as text (the search index is plain JSON, but holds
/// page text only as character pairs: see `index_text`).
fn all_output_text(out: &std::path::Path) -> String {
    files_under(out)
        .into_iter()
        .map(|f| String::from_utf8_lossy(&std::fs::read(out.join(f)).unwrap()).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What the search index holds: its documents (URL, title, meta) and,
/// one per line, every term (character pairs, lone characters, words), so
/// `contains("丙丁")` asks whether any indexed page had the pair 丙丁.
fn index_text(out: &std::path::Path) -> String {
    let dir = out.join("search-index");
    let mut text = String::new();
    for f in files_under(&dir)
        .into_iter()
        .filter(|f| f.ends_with(".json"))
    {
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join(&f)).unwrap()).unwrap();
        if f.starts_with("docs/") {
            text += &json.to_string();
        } else if f.starts_with("terms/") {
            for term in json.as_object().unwrap().keys() {
                text += &format!("\n{term}\n");
            }
        }
    }
    text
}

#[test]
fn without_profiles_everything_is_built() {
    let site = TestSite::new(&[
        ("content/news/_index.md", &section("要闻", "")),
        ("content/news/secret.md", &internal("内部稿", "正文\n")),
    ]);
    let build = site.build();
    build.assert_ok();
    assert!(site.out().join("news/secret/index.html").is_file());
}

#[test]
fn internal_pages_leave_no_trace_in_the_public_profile() {
    let site = TestSite::new(&[
        ("gazette.toml", PROFILES),
        ("content/news/_index.md", &section("要闻", "")),
        (
            "content/news/open.md",
            &page("公开稿", "2024-05-02", "正文\n"),
        ),
        (
            "content/news/secretpage.md",
            &internal("内部稿甲乙", "内部正文丙丁\n"),
        ),
    ]);
    site.build().assert_ok();
    let text = all_output_text(&site.out());
    for sentinel in ["内部稿甲乙", "内部正文丙丁", "secretpage"] {
        assert!(!text.contains(sentinel), "{sentinel} leaked");
    }
    assert!(site.out().join("news/open/index.html").is_file());
    // The public search index holds the public page (so the scan above
    // read it decoded) and nothing of the internal one.
    let index = index_text(&site.out());
    assert!(
        index.contains("公开稿"),
        "the public page is not in the index"
    );
    for pair in ["丙丁", "甲乙", "secretpage"] {
        assert!(!index.contains(pair), "{pair} is in the public index");
    }
    // The intranet profile has it, in its pages and in its search index.
    site.build_args(&["--profile", "intranet"]).assert_ok();
    assert!(site.out().join("news/secretpage/index.html").is_file());
    assert!(
        index_text(&site.out()).contains("\n丙丁\n"),
        "the intranet index lacks the internal page"
    );
}

#[test]
fn a_public_page_linking_to_an_internal_one_names_both() {
    let site = TestSite::new(&[
        ("gazette.toml", PROFILES),
        ("content/news/_index.md", &section("要闻", "")),
        (
            "content/news/open.md",
            &page("公开稿", "2024-05-02", "\n见[内部](@/news/secret.md)。\n"),
        ),
        ("content/news/secret.md", &internal("内部稿", "正文\n")),
    ]);
    let check = site.check();
    assert_eq!(check.code, Some(1));
    let d = check.errors()[0].clone();
    assert_eq!(d.file.as_deref(), Some("content/news/open.md"));
    assert_eq!(d.line, Some(6));
    assert!(
        d.message.contains("content/news/secret.md"),
        "{}",
        d.message
    );
}

#[test]
fn unknown_or_missing_profiles_are_errors() {
    let site = TestSite::new(&[("gazette.toml", PROFILES)]);
    let build = site.build_args(&["--profile", "nope"]);
    build.assert_failed();
    assert!(build.stderr.contains("intranet"), "{}", build.stderr);
    let no_default = PROFILES.replace("default_profile = \"public\"\n", "");
    site.write("gazette.toml", &no_default);
    let build = site.build();
    build.assert_failed();
    assert!(build.stderr.contains("default_profile"), "{}", build.stderr);
}

const PUBLIC_PROFILE: &str = "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\ndefault_profile = \"portal\"\n\n[profiles.portal]\naudiences = [\"public\"]\npublic = true\n";

#[test]
fn a_public_profile_requires_disclosure_and_a_timely_review() {
    let site = TestSite::new(&[
        ("gazette.toml", PUBLIC_PROFILE),
        ("content/news/_index.md", &section("要闻", "")),
        (
            "content/news/a.md",
            &page("无公开属性", "2024-05-02", "正文\n"),
        ),
        (
            "content/news/b.md",
            "+++\ntitle = \"未审查\"\ndate = 2024-05-02\ndisclosure = \"主动公开\"\n+++\n",
        ),
        (
            "content/news/c.md",
            "+++\ntitle = \"审查晚了\"\ndate = 2024-05-02\ndisclosure = \"主动公开\"\nreview = { by = \"张某某\", date = 2024-05-03 }\n+++\n",
        ),
        (
            "content/news/d.md",
            "+++\ntitle = \"合格\"\ndate = 2024-05-02\ndisclosure = \"主动公开\"\nreview = { by = \"张某某\", date = 2024-05-01 }\n+++\n",
        ),
        (
            "content/news/e.md",
            "+++\ntitle = \"依申请\"\ndate = 2024-05-02\ndisclosure = \"依申请公开\"\n+++\n",
        ),
    ]);
    let check = site.check();
    assert_eq!(check.code, Some(1));
    let files: Vec<(String, usize)> = check
        .errors()
        .iter()
        .map(|d| (d.file.clone().unwrap_or_default(), d.line.unwrap_or(0)))
        .collect();
    assert_eq!(
        files,
        [
            ("content/news/a.md".to_string(), 2),
            ("content/news/b.md".to_string(), 2),
            ("content/news/c.md".to_string(), 5),
        ]
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// Internal pages with unique sentinels in title, body, tags and file
    /// name never show up anywhere in the public build.
    #[test]
    fn no_sentinel_of_an_internal_page_reaches_public_output(audiences in proptest::collection::vec(any::<bool>(), 2..8)) {
        let mut files = vec![
            ("gazette.toml".to_string(), PROFILES.to_string()),
            ("content/sec/_index.md".to_string(), section("栏目", "")),
        ];
        let mut sentinels = Vec::new();
        for (i, is_internal) in audiences.iter().enumerate() {
            let day = format!("2024-06-{:02}", i + 1);
            if *is_internal {
                let s = format!("zq{i}x");
                files.push((
                    format!("content/sec/{s}file.md"),
                    format!("+++\ntitle = \"{s}标题\"\ndate = {day}\naudience = \"internal\"\ntags = [\"{s}tag\"]\n+++\n{s}正文\n"),
                ));
                sentinels.push(s);
            } else {
                files.push((format!("content/sec/open{i}.md"), format!("+++\ntitle = \"公开{i}\"\ndate = {day}\ntags = [\"公共\"]\n+++\n正文\n")));
            }
        }
        let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let site = TestSite::new(&refs);
        site.build().assert_ok();
        let text = all_output_text(&site.out());
        for s in &sentinels {
            prop_assert!(!text.contains(s.as_str()), "{} leaked", s);
        }
    }
}

fn expiring_site(mode: &str) -> TestSite {
    TestSite::new(&[
        (
            "gazette.toml",
            &format!("title = \"测试站\"\n[build]\nexpired = \"{mode}\"\n"),
        ),
        ("content/notices/_index.md", &section("公示", "")),
        (
            "content/notices/gs.md",
            "+++\ntitle = \"拟录用人员公示\"\ndate = 2024-07-01\nexpires = 2024-07-10\n+++\n正文\n",
        ),
    ])
}

#[test]
fn an_expired_page_stays_under_a_notice_by_default() {
    let site = expiring_site("notice");
    let build = site.build_at("2024-07-20T00:00:00+08:00");
    build.assert_ok();
    let html = build.html("notices/gs/index.html");
    assert_eq!(common::count(&html, ".banner-withdrawn"), 1);
    let before = site.build_at("2024-07-05T00:00:00+08:00");
    assert_eq!(
        common::count(&before.html("notices/gs/index.html"), ".banner-withdrawn"),
        0
    );
}

#[test]
fn an_expired_page_can_be_dropped() {
    let site = expiring_site("drop");
    site.build_at("2024-07-20T00:00:00+08:00").assert_ok();
    assert!(!site.out().join("notices/gs/index.html").exists());
}

#[test]
fn a_scheduled_page_waits_for_its_time() {
    let site = TestSite::new(&[
        ("content/notices/_index.md", &section("通知", "")),
        (
            "content/notices/later.md",
            "+++\ntitle = \"定时稿\"\ndate = 2024-08-01\npublish_at = 2024-08-01T08:00:00+08:00\n+++\n",
        ),
    ]);
    site.build_at("2024-08-01T07:59:00+08:00").assert_ok();
    assert!(!all_output_text(&site.out()).contains("定时稿"));
    site.build_at("2024-08-01T08:00:00+08:00").assert_ok();
    assert!(site.out().join("notices/later/index.html").is_file());
}

#[test]
fn files_of_withheld_pages_and_folders_are_not_copied() {
    let site = TestSite::new(&[
        ("gazette.toml", PROFILES),
        ("content/news/_index.md", &section("要闻", "")),
        (
            "content/news/open.md",
            &page("公开稿", "2024-05-02", "正文\n"),
        ),
        (
            "content/news/memo/index.md",
            "+++\ntitle = \"内部纪要\"\ndate = 2024-05-01\naudience = \"internal\"\n+++\n![图](chart.png)\n",
        ),
        ("content/news/memo/chart.png", "png"),
        (
            "content/news/brief.md",
            "+++\ntitle = \"内部简报\"\ndate = 2024-05-01\naudience = \"internal\"\nattachments = [{ file = \"brief-annex.txt\", title = \"附件\" }]\n+++\n",
        ),
        ("content/news/brief-annex.txt", "附件正文"),
        (
            "content/inner/_index.md",
            "+++\ntitle = \"内部栏目\"\naudience = \"internal\"\n+++\n",
        ),
        ("content/inner/data.csv", "a,b\n"),
    ]);
    site.build().assert_ok();
    let files = files_under(&site.out());
    for leaked in ["chart.png", "brief-annex.txt", "data.csv"] {
        assert!(
            !files.iter().any(|f| f.ends_with(leaked)),
            "{leaked} leaked: {files:?}"
        );
    }
}

#[test]
fn withheld_documents_never_reach_the_public_catalogue_or_its_exports() {
    let config = format!(
        "{PUBLIC_PROFILE}\n[profiles.intranet]\naudiences = [\"public\", \"internal\"]\n\n[catalogue]\norg_code = \"ORG1\"\n"
    );
    let doc = |title: &str, file: &str, extra: &str| {
        (
            format!("content/policies/{file}.md"),
            format!(
                "+++\ntitle = \"{title}\"\ndate = 2024-05-02\nwritten = 2024-04-30\ndoc_number = \"{title}〔2024〕1号\"\nissuer = \"{title}机关\"\ngenre = \"通知\"\nsubject = '{title}类\\{title}子类'\nkeywords = [\"{title}词\"]\n{extra}+++\n正文\n"
            ),
        )
    };
    let review = "disclosure = \"主动公开\"\nreview = { by = \"张某某\", date = 2024-05-01 }\n";
    let files = [
        doc("公开文件", "open", review),
        doc(
            "内部文件zq1x",
            "zq1xfile",
            &format!("{review}audience = \"internal\"\n"),
        ),
        doc("依申请zq2x", "zq2xfile", "disclosure = \"依申请公开\"\n"),
        doc("不予公开zq3x", "zq3xfile", "disclosure = \"不予公开\"\n"),
    ];
    let mut all: Vec<(String, String)> = vec![
        ("gazette.toml".into(), config),
        ("content/policies/_index.md".into(), section("政策文件", "")),
    ];
    all.extend(files);
    let refs: Vec<(&str, &str)> = all.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let site = TestSite::new(&refs);
    site.build().assert_ok();
    let text = all_output_text(&site.out());
    for sentinel in ["zq1x", "zq2x", "zq3x"] {
        assert!(!text.contains(sentinel), "{sentinel} leaked");
    }
    let csv = std::fs::read_to_string(site.out().join("catalogue/catalogue.csv")).unwrap();
    assert_eq!(
        csv.lines().count(),
        2,
        "header and the public document: {csv}"
    );
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.out().join("catalogue/catalogue.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["dcat:dataset"].as_array().unwrap().len(), 1);
    // The intranet build lists the internal document, never the withheld ones.
    let intranet = site.build_args(&["--profile", "intranet"]);
    intranet.assert_ok();
    let csv = std::fs::read_to_string(site.out().join("catalogue/catalogue.csv")).unwrap();
    assert!(csv.contains("内部文件zq1x"), "{csv}");
}
