//! The inspection report of `gazette check` (columns, their newest page
//! against their freshness limit, empty columns, pages without a date) and
//! broken internal links and attachments, which a public build refuses.

mod common;

use common::TestSite;

// `gazette check --now 2024-12-31T12:00:00+08:00` in every test.
const CONFIG: &str = "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\n\n[conformance.freshness]\nnews = \"14d\"\nnotices = \"6个月\"\n";

fn page(title: &str, date: Option<&str>, body: &str) -> String {
    let date = date.map_or(String::new(), |d| format!("date = {d}\n"));
    format!("+++\ntitle = \"{title}\"\n{date}+++\n{body}\n")
}

fn site(config: &str) -> TestSite {
    TestSite::new(&[
        ("gazette.toml", config),
        ("content/news/_index.md", "+++\ntitle = \"要闻\"\n+++\n"),
        (
            "content/news/a.md",
            &page("常务会议", Some("2024-12-01"), "正文。"),
        ),
        (
            "content/notices/_index.md",
            "+++\ntitle = \"通知公告\"\n+++\n",
        ),
        (
            "content/notices/b.md",
            &page("防汛通知", Some("2024-07-15"), "正文。"),
        ),
        (
            "content/empty/_index.md",
            "+++\ntitle = \"专题专栏\"\n+++\n",
        ),
        ("content/about/_index.md", "+++\ntitle = \"关于\"\n+++\n"),
        ("content/about/c.md", &page("机构职能", None, "正文。")),
    ])
}

fn column<'a>(check: &'a common::Check, dir: &str) -> &'a serde_json::Value {
    check
        .columns
        .iter()
        .find(|c| c["dir"] == dir)
        .unwrap_or_else(|| panic!("no column {dir}: {:#?}", check.columns))
}

#[test]
fn check_reports_every_column_with_its_newest_page_and_flags_stale_and_empty_ones() {
    let check = site(CONFIG).check();
    assert_eq!(check.code, Some(0), "{:#?}", check.diagnostics);
    // News: newest 2024-12-01, limit 14 days → fresh until 2024-12-15, so
    // on 2024-12-31 it is 16 days late.
    let news = column(&check, "news");
    assert_eq!(news["pages"], 1);
    assert_eq!(news["newest"], "2024-12-01");
    assert_eq!(news["status"]["stale"]["days"], 16, "{news:#?}");
    // Notices: 2024-07-15 + 6 months = 2025-01-15, still fresh.
    assert_eq!(column(&check, "notices")["status"], "fresh");
    assert_eq!(column(&check, "empty")["status"], "empty");
    assert_eq!(column(&check, "about")["status"], "unlimited");
    let warning = |file: &str, needle: &str| {
        check
            .diagnostics
            .iter()
            .find(|d| d.file.as_deref() == Some(file) && d.message.contains(needle))
            .unwrap_or_else(|| {
                panic!(
                    "no warning on {file} with {needle}: {:#?}",
                    check.diagnostics
                )
            })
            .clone()
    };
    assert!(!warning("content/news/_index.md", "2024-12-01").is_error());
    warning("content/empty/_index.md", "空白栏目");
    let undated = warning("content/about/c.md", "没有发布日期");
    assert!(undated.hint.unwrap().contains("date ="));
    assert!(
        !check
            .diagnostics
            .iter()
            .any(|d| d.file.as_deref() == Some("content/notices/_index.md")),
        "a fresh column is not flagged: {:#?}",
        check.diagnostics
    );
}

#[test]
fn the_text_report_is_a_table_of_the_columns() {
    let site = site(CONFIG);
    let out = site
        .command()
        .args(["check", "--root"])
        .arg(site.root())
        .args(["--now", common::NOW])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("栏目更新情况"), "{text}");
    let news = text.lines().find(|l| l.contains("content/news")).unwrap();
    assert!(
        news.contains("超期 16 天") && news.contains("2024-12-01") && news.contains("2 周"),
        "{news}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("content/empty") && l.contains("空白栏目")),
        "{text}"
    );
}

#[test]
fn without_a_conformance_table_the_brief_defaults_apply() {
    let check = site("title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\n").check();
    assert_eq!(column(&check, "news")["limit"]["days"], 14);
    assert_eq!(column(&check, "notices")["limit"]["months"], 6);
}

#[test]
fn a_limit_that_is_not_understood_is_an_error_at_its_line() {
    let site = site(&CONFIG.replace("\"14d\"", "\"两周\""));
    let d = common::assert_error_at(&site, "gazette.toml", 5);
    assert!(d.message.contains("两周"), "{d:#?}");
    assert!(d.hint.unwrap().contains("14d"));
}

const PUBLIC: &str = "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\ndefault_profile = \"portal\"\n\n[profiles.portal]\naudiences = [\"public\"]\npublic = true\n\n[profiles.intranet]\naudiences = [\"public\", \"internal\"]\n\n[defaults]\ndisclosure = \"主动公开\"\n";

/// A page a public build accepts: dated and reviewed.
fn reviewed(title: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = 2024-12-01\nreview = {{ by = \"王某\", date = 2024-11-30 }}\n+++\n{body}\n"
    )
}

fn linking_site() -> TestSite {
    let body = "见[办事指南](../../guide/)。\n\n下载[申请表](files/申请表.docx)、[旧附件](files/旧表.pdf)。\n\n<a href=\"/nowhere/\">旧栏目</a>\n\n[外部](https://www.gov.cn/) [邮件](mailto:a@t.example.gov.cn) [顶部](#top)";
    let site = TestSite::new(&[
        ("gazette.toml", PUBLIC),
        (
            "content/notices/_index.md",
            "+++\ntitle = \"通知公告\"\n+++\n",
        ),
        ("content/notices/a/index.md", &reviewed("防汛通知", body)),
        (
            "content/guide/_index.md",
            "+++\ntitle = \"办事指南\"\n+++\n",
        ),
        ("content/guide/g.md", &reviewed("指南", "正文。")),
    ]);
    site.write("content/notices/a/files/申请表.docx", b"not checked here");
    site
}

#[test]
fn broken_internal_links_and_attachments_fail_a_public_build_at_their_line() {
    let site = linking_site();
    let build = site.build();
    assert_ne!(build.code, Some(0), "{}", build.stderr);
    for written in ["files/旧表.pdf", "/nowhere/"] {
        assert!(
            build.stderr.contains(written),
            "{written} not reported:\n{}",
            build.stderr
        );
    }
    assert!(
        build.stderr.contains("content/notices/a/index.md:8"),
        "{}",
        build.stderr
    );
    assert!(
        build.stderr.contains("content/notices/a/index.md:10"),
        "{}",
        build.stderr
    );
    for fine in [
        "申请表.docx",
        "../../guide/",
        "www.gov.cn",
        "mailto",
        "#top",
    ] {
        assert!(
            !build
                .stderr
                .lines()
                .any(|l| l.contains("指向的文件不存在") && l.contains(fine)),
            "{fine} wrongly reported:\n{}",
            build.stderr
        );
    }
    assert!(!build.out.join("index.html").exists(), "nothing written");
}

#[test]
fn in_an_intranet_build_broken_links_are_warnings() {
    let site = linking_site();
    let build = site.build_args(&["--profile", "intranet"]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    assert!(build.stderr.contains("/nowhere/"), "{}", build.stderr);
}

#[test]
fn a_broken_link_from_the_config_is_reported_once_with_the_pages_it_is_on() {
    let site = site(&format!(
        "{CONFIG}\n[government]\nerror_report_url = \"/jiucuo/\"\n"
    ));
    let check = site.check();
    let found: Vec<&common::Diag> = check
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("/jiucuo/"))
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    let hint = found[0].hint.clone().unwrap_or_default();
    assert!(
        hint.contains("gazette.toml") && hint.contains("个页面"),
        "{hint}"
    );
}

#[test]
fn a_bad_limit_fails_the_build_and_the_previous_output_stays() {
    let site = site(CONFIG);
    site.build().assert_ok();
    let before = common::snapshot(&site.out());
    site.write("gazette.toml", CONFIG.replace("\"14d\"", "\"两周\""));
    let build = site.build();
    build.assert_failed();
    assert!(build.stderr.contains("gazette.toml:5"), "{}", build.stderr);
    assert_eq!(common::snapshot(&site.out()), before);
}
