//! Garbage in every input this work added — profiles, `[build] expired`,
//! `audience`, `waivers`, `page_template`, `--now` — gives a clear error at
//! the right file and line, and the previous output survives.

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
