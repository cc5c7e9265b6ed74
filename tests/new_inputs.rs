//! Garbage in every input this work added — profiles, `[build] expired`,
//! `audience`, `waivers`, `page_template`, `doc_kind`, `validity_date`, `--now`, the
//! flags of `serve`, the `style` of the `zh_date` filter, front matter that is
//! nearly the shape the fast TOML reader takes (`load::toml_subset`) — gives a
//! clear error at the right file and line, and the previous output survives.

mod common;

use common::{TestSite, assert_error_at, page, section};

fn good_site() -> TestSite {
    TestSite::new(&[
        ("content/news/_index.md", &section("要闻", "")),
        ("content/news/a.md", &page("甲", "2024-05-02", "正文\n")),
    ])
}

/// Builds the good site, breaks `rel` with `text`, expects the error at
/// `file:line`, and checks that the output of the good build is unchanged.
fn breaks_at(rel: &str, text: &str, file: &str, line: usize) -> common::Diag {
    let site = good_site();
    site.build().assert_ok();
    let before = std::fs::read(site.out().join("news/a/index.html")).unwrap();
    site.write(rel, text);
    let diag = assert_error_at(&site, file, line);
    let after = std::fs::read(site.out().join("news/a/index.html")).unwrap();
    assert!(before == after, "a failed build changed the output");
    diag
}

#[test]
fn an_unknown_zh_date_style_names_the_template_line_and_the_styles() {
    let d = breaks_at(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n<p>{{ page.date | zh_date(style=\"minutes\") }}</p>\n{% endblock content %}\n",
        "templates/page.html",
        4,
    );
    assert!(
        d.message.contains("“minutes”") && d.message.contains("or minute"),
        "{}",
        d.message
    );
}

#[test]
fn an_unknown_audience_lists_the_allowed_words() {
    let d = breaks_at(
        "content/news/a.md",
        "+++\ntitle = \"甲\"\ndate = 2024-05-02\naudience = \"大家\"\n+++\n",
        "content/news/a.md",
        4,
    );
    assert!(
        d.message.contains("public") && d.message.contains("internal"),
        "{}",
        d.message
    );
}

#[test]
fn a_waiver_without_a_name_is_refused() {
    let d = breaks_at(
        "content/news/a.md",
        "+++\ntitle = \"甲\"\ndate = 2024-05-02\nwaivers = [{ hash = \"abc\", reason = \"公示\" }]\n+++\n",
        "content/news/a.md",
        4,
    );
    assert!(d.message.contains("by"), "{}", d.message);
}

#[test]
fn a_section_page_template_that_does_not_exist_is_reported_in_the_section() {
    breaks_at(
        "content/news/_index.md",
        "+++\ntitle = \"要闻\"\npage_template = \"nope.html\"\n+++\n",
        "content/news/_index.md",
        3,
    );
}

#[test]
fn a_bad_expired_setting_names_its_line_in_the_config() {
    breaks_at(
        "gazette.toml",
        "title = \"测试站\"\n[build]\nexpired = \"sometimes\"\n",
        "gazette.toml",
        3,
    );
}

#[test]
fn a_profile_with_an_unknown_audience_is_refused() {
    breaks_at(
        "gazette.toml",
        "title = \"测试站\"\ndefault_profile = \"p\"\n[profiles.p]\naudiences = [\"everyone\"]\n",
        "gazette.toml",
        4,
    );
}

#[test]
fn a_bad_now_is_a_usage_error() {
    let site = good_site();
    let out = site.out();
    let mut cmd = site.command();
    cmd.arg("build")
        .arg("--root")
        .arg(site.root())
        .arg("--out")
        .arg(&out)
        .args(["--now", "明天"]);
    let build = common::Build::run(cmd, &out);
    assert_eq!(build.code, Some(2), "{}", build.stderr);
    assert!(build.stderr.contains("--now"), "{}", build.stderr);
    assert!(!out.exists());
}

#[test]
fn an_unknown_doc_kind_lists_the_kinds() {
    let d = breaks_at(
        "content/news/a.md",
        "+++\ntitle = \"甲\"\ndate = 2024-05-02\ndoc_kind = \"法律\"\n+++\n",
        "content/news/a.md",
        4,
    );
    assert!(
        d.message.contains("规章") && d.message.contains("行政规范性文件"),
        "{}",
        d.message
    );
}

#[test]
fn a_validity_date_that_is_no_date_is_an_error_at_its_line() {
    breaks_at(
        "content/news/a.md",
        "+++\ntitle = \"甲\"\ndate = 2024-05-02\nvalidity = \"已废止\"\n废止日期 = \"去年\"\n+++\n",
        "content/news/a.md",
        5,
    );
}

/// `gazette serve` with `args`; it must exit at once with `code`.
fn serve_refuses(site: &TestSite, args: &[&str], code: i32) -> String {
    let output = site
        .command()
        .arg("serve")
        .arg("--root")
        .arg(site.root())
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(code), "{stderr}");
    stderr
}

#[test]
fn serve_refuses_bad_flags_with_a_usage_error() {
    let site = good_site();
    assert!(serve_refuses(&site, &["--now", "明天"], 2).contains("--now"));
    assert!(serve_refuses(&site, &["--port", "八〇八〇"], 2).contains("--port"));
    assert!(serve_refuses(&site, &["--bind", "localhost:1"], 2).contains("--bind"));
}

#[test]
fn serve_says_when_its_port_is_taken() {
    let site = good_site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let stderr = serve_refuses(&site, &["--port", &port], 1);
    assert!(
        stderr.contains(&port) && stderr.contains("--port"),
        "{stderr}"
    );
}

#[test]
fn serve_of_a_folder_that_does_not_exist_is_refused() {
    let site = good_site();
    let output = site
        .command()
        .args(["serve", "--port", "0", "--root", "/nonexistent/site"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("/nonexistent/site"), "{stderr}");
}

/// Front matter that looks like the common shape `load::toml_subset` reads
/// itself, but is wrong: the fast reader must hand each to the TOML parser,
/// which names the line, and the build must fail leaving the output as it was.
#[test]
fn near_misses_of_the_common_front_matter_shape_are_toml_errors_at_their_line() {
    for (text, line) in [
        ("+++\ntitle = \"甲\"\ndate = 2023-02-30\n+++\n", 3),
        (
            "+++\ntitle = \"甲\"\ndate = 2024-05-02\ntitle = \"乙\"\n+++\n",
            4,
        ),
        ("+++\ntitle = \"甲\ndate = 2024-05-02\n+++\n", 2),
        (
            "+++\ntitle = \"甲\"\ndate = 2024-05-02\ntags = [\"a\", ]]\n+++\n",
            4,
        ),
        ("+++\ntitle = \"甲\"\n[extra]\n[extra]\n+++\n", 4),
        ("+++\ntitle = \"甲\"\nweight = 007\n+++\n", 3),
    ] {
        let d = breaks_at("content/news/a.md", text, "content/news/a.md", line);
        assert!(d.message.contains("TOML"), "{text:?}: {}", d.message);
        assert!(d.hint.is_some(), "{text:?}: no hint");
    }
}
