//! Every class of content error: exit code 1, the file and line named (in
//! `check --format json` and in `build`'s messages), and a hint where the
//! fix is not obvious.

mod common;

use common::{TestSite, assert_error_at, page, texts};

fn notice_site(file: &str, text: &str) -> TestSite {
    TestSite::new(&[
        (
            "content/notices/_index.md",
            "+++\ntitle = \"通知公告\"\n+++\n",
        ),
        (file, text),
    ])
}

#[track_caller]
fn has_hint(d: &common::Diag) -> &str {
    d.hint
        .as_deref()
        .filter(|h| !h.trim().is_empty())
        .unwrap_or_else(|| panic!("no hint: {d:#?}"))
}

#[test]
fn malformed_toml_front_matter_names_file_and_line() {
    let site = notice_site(
        "content/notices/a.md",
        "+++\ntitle = \"通知\"\ndate = = 2024-03-05\n+++\n正文\n",
    );
    let d = assert_error_at(&site, "content/notices/a.md", 3);
    assert!(d.message.contains("TOML"), "{d:#?}");
    has_hint(&d);
}

#[test]
fn malformed_yaml_front_matter_names_file_and_line() {
    let site = notice_site(
        "content/notices/a.md",
        "---\ntitle: 通知\ndescription: 说明: 多余的冒号\n---\n正文\n",
    );
    let d = assert_error_at(&site, "content/notices/a.md", 3);
    assert!(d.message.contains("YAML"), "{d:#?}");
    has_hint(&d);
}

#[test]
fn missing_title_is_an_error_at_the_front_matter() {
    let site = notice_site(
        "content/notices/a.md",
        "+++\ndate = 2024-03-05\n+++\n正文\n",
    );
    let d = assert_error_at(&site, "content/notices/a.md", 2);
    assert!(has_hint(&d).contains("title"), "{d:#?}");
}

#[test]
fn chinese_style_date_shows_the_iso_form() {
    let site = notice_site(
        "content/notices/a.md",
        "+++\ntitle = \"通知\"\ndate = \"2024年3月5日\"\n+++\n正文\n",
    );
    let d = assert_error_at(&site, "content/notices/a.md", 3);
    let text = format!("{} {}", d.message, d.hint.as_deref().unwrap_or(""));
    assert!(text.contains("2024-03-05"), "{d:#?}");
}

#[test]
fn unknown_key_suggests_the_known_one() {
    let site = notice_site(
        "content/notices/a.md",
        "+++\ndate = 2024-03-05\ntitel = \"通知\"\n+++\n正文\n",
    );
    let check = site.check();
    assert_eq!(check.code, Some(1));
    let d = check
        .errors()
        .into_iter()
        .find(|d| d.message.contains("titel"))
        .unwrap_or_else(|| panic!("no error about titel: {:#?}", check.diagnostics))
        .clone();
    assert_eq!(d.file.as_deref(), Some("content/notices/a.md"));
    assert_eq!(d.line, Some(3), "{d:#?}");
    assert!(has_hint(&d).contains("title"), "{d:#?}");
    let build = site.build();
    build.assert_failed();
    assert!(
        build.stderr.contains("content/notices/a.md:3:"),
        "{}",
        build.stderr
    );
}

#[test]
fn duplicate_slugs_in_a_section_name_both_files() {
    let site = notice_site(
        "content/notices/a.md",
        "+++\ntitle = \"甲\"\nslug = \"same\"\n+++\n正文\n",
    );
    site.write(
        "content/notices/b.md",
        "+++\ntitle = \"乙\"\nslug = \"same\"\n+++\n正文\n",
    );
    let check = site.check();
    assert_eq!(check.code, Some(1));
    let errors = check.errors();
    let dup: Vec<_> = errors
        .iter()
        .filter(|d| d.message.contains("notices/same/index.html"))
        .collect();
    assert_eq!(dup.len(), 1, "{:#?}", check.diagnostics);
    let d = dup[0];
    assert_eq!(d.file.as_deref(), Some("content/notices/b.md"), "{d:#?}");
    assert!(d.message.contains("content/notices/a.md"), "{d:#?}");
    assert!(d.message.contains("content/notices/b.md"), "{d:#?}");
    assert!(has_hint(d).contains("slug"), "{d:#?}");
    let build = site.build();
    build.assert_failed();
    assert!(
        build.stderr.contains("content/notices/a.md"),
        "{}",
        build.stderr
    );
    assert!(
        build.stderr.contains("content/notices/b.md"),
        "{}",
        build.stderr
    );
}

#[test]
fn unknown_template_is_an_error_at_the_template_key() {
    let site = notice_site(
        "content/notices/a.md",
        "+++\ntitle = \"通知\"\ntemplate = \"nope.html\"\n+++\n正文\n",
    );
    let d = assert_error_at(&site, "content/notices/a.md", 3);
    assert!(d.message.contains("nope.html"), "{d:#?}");
    assert!(has_hint(&d).contains("page.html"), "{d:#?}");
}

#[test]
fn template_syntax_errors_name_every_broken_override_and_line() {
    let site = notice_site(
        "content/notices/a.md",
        &page("通知", "2024-03-05", "正文\n"),
    );
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n{% if %}\n{% endblock content %}\n",
    );
    // tera stops at the first broken file; the editor sees them all.
    site.write("templates/section.html", "<ul>\n{% for %}\n</ul>\n");
    let d = assert_error_at(&site, "templates/page.html", 4);
    assert!(!d.message.is_empty());
    let other = site.check().error_in("templates/section.html").clone();
    assert_eq!(other.line, Some(2));
}

#[test]
fn template_runtime_error_names_the_override_and_line() {
    let site = notice_site(
        "content/notices/a.md",
        &page("通知", "2024-03-05", "正文\n"),
    );
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n{{ page.nonexistent_field.x }}\n{% endblock content %}\n",
    );
    let d = assert_error_at(&site, "templates/page.html", 4);
    assert!(d.message.contains("nonexistent_field"), "{d:#?}");
}

/// The brief's case: "通知" in GBK is b"\xCD\xA8\xD6\xAA". Those four bytes
/// are also valid UTF-8 (U+0368 U+05AA), so the decoder accepts them.
#[test]
fn gbk_title_tongzhi_is_named_as_gbk() {
    let site = TestSite::new(&[]);
    site.write(
        "content/notices/a.md",
        b"+++\ntitle = \"\xCD\xA8\xD6\xAA\"\n+++\n".as_slice(),
    );
    gbk_is_reported(&site);
}

/// A GBK title that is not accidentally valid UTF-8 ("公开通知").
#[test]
fn gbk_file_is_named_with_an_iconv_hint() {
    let site = TestSite::new(&[]);
    site.write(
        "content/notices/a.md",
        b"+++\ntitle = \"\xB9\xAB\xBF\xAA\xCD\xA8\xD6\xAA\"\n+++\n".as_slice(),
    );
    gbk_is_reported(&site);
}

#[track_caller]
fn gbk_is_reported(site: &TestSite) {
    let d = assert_error_at(site, "content/notices/a.md", 2);
    assert!(d.message.contains("GBK"), "{d:#?}");
    assert!(has_hint(&d).contains("iconv"), "{d:#?}");
}

#[test]
fn utf8_bom_and_crlf_are_accepted() {
    let site = TestSite::new(&[]);
    site.write(
        "content/notices/a.md",
        "\u{feff}+++\r\ntitle = \"关于BOM的通知\"\r\ndate = 2024-03-05\r\n+++\r\n第一段。\r\n\r\n第二段。\r\n",
    );
    let build = site.build();
    build.assert_ok();
    let html = build.html("notices/a/index.html");
    assert_eq!(texts(&html, "h1"), ["关于BOM的通知"]);
}

#[test]
fn empty_file_is_an_error_naming_it() {
    let site = notice_site("content/notices/empty.md", "");
    let d = assert_error_at(&site, "content/notices/empty.md", 1);
    has_hint(&d);
}

#[test]
fn ten_megabyte_page_builds() {
    let paragraph = "本段为政府信息公开测试文本，用于检验大文件能否顺利构建。\n\n";
    let count = 10 * 1024 * 1024 / paragraph.len() + 1;
    let mut text = String::with_capacity(count * paragraph.len() + 100);
    text.push_str("+++\ntitle = \"大文件\"\ndate = 2024-03-05\n+++\n");
    for _ in 0..count {
        text.push_str(paragraph);
    }
    text.push_str("最后一段。\n");
    assert!(text.len() >= 10 * 1024 * 1024);
    let site = notice_site("content/notices/big.md", &text);
    let build = site.build();
    build.assert_ok();
    let out = build.read("notices/big/index.html");
    assert!(
        out.len() >= 10 * 1024 * 1024,
        "output too small: {}",
        out.len()
    );
    assert!(out.contains("最后一段。"));
}

#[test]
fn symlink_loop_is_an_error_naming_the_link() {
    let site = notice_site(
        "content/notices/a.md",
        &page("通知", "2024-03-05", "正文\n"),
    );
    std::os::unix::fs::symlink(
        site.path("content/notices"),
        site.path("content/notices/loop"),
    )
    .expect("create a symlink");
    let check = site.check();
    assert_eq!(check.code, Some(1), "{:#?}", check.diagnostics);
    let d = check.error_in("content/notices/loop");
    assert!(has_hint(d).contains("链接"), "{d:#?}");
    let build = site.build();
    build.assert_failed();
    assert!(
        build.stderr.contains("content/notices/loop"),
        "{}",
        build.stderr
    );
}

#[test]
fn broken_internal_link_is_an_error_at_its_line() {
    let site = notice_site(
        "content/notices/a.md",
        "+++\ntitle = \"通知\"\n+++\n第一段。\n\n见[x](@/notices/missing.md)。\n",
    );
    let d = assert_error_at(&site, "content/notices/a.md", 6);
    assert!(d.message.contains("notices/missing.md"), "{d:#?}");
    has_hint(&d);
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let site = notice_site(
        "content/notices/a.md",
        "+++\ntitle = \"甲\"\ndate = = 1\n+++\n",
    );
    site.write("content/notices/b.md", "+++\ndate = 2024-03-05\n+++\n");
    site.write(
        "content/notices/c.md",
        "+++\ntitle = \"丙\"\n+++\n\n见[x](@/notices/missing.md)。\n",
    );
    let check = site.check();
    assert_eq!(check.code, Some(1));
    let found: Vec<(Option<&str>, Option<usize>)> = check
        .errors()
        .iter()
        .map(|d| (d.file.as_deref(), d.line))
        .collect();
    assert_eq!(
        found,
        [
            (Some("content/notices/a.md"), Some(3)),
            (Some("content/notices/b.md"), Some(2)),
            (Some("content/notices/c.md"), Some(5)),
        ],
        "{:#?}",
        check.diagnostics
    );
    let build = site.build_english();
    build.assert_failed();
    for place in [
        "content/notices/a.md:3:",
        "content/notices/b.md:2:",
        "content/notices/c.md:5:",
    ] {
        assert!(
            build.stderr.contains(place),
            "{place} missing:\n{}",
            build.stderr
        );
    }
    assert!(build.stderr.contains("3 errors"), "{}", build.stderr);
}

#[test]
fn an_alias_that_climbs_out_of_the_output_is_refused() {
    let site = TestSite::new(&[
        ("content/notices/_index.md", "+++\ntitle = \"通知\"\n+++\n"),
        (
            "content/notices/a.md",
            "+++\ntitle = \"甲\"\naliases = [\"../../etc/x/\"]\n+++\n",
        ),
    ]);
    let check = site.check();
    assert_eq!(check.code, Some(1));
    assert!(
        check
            .diagnostics
            .iter()
            .any(|d| d.file.as_deref() == Some("content/notices/a.md")),
        "{:?}",
        check.diagnostics
    );
    assert!(!site.tmp().join("etc").exists());
}

#[test]
fn a_classified_file_fails_every_build_and_its_text_is_never_shown() {
    let site = TestSite::new(&[
        ("content/notices/_index.md", "+++\ntitle = \"通知\"\n+++\n"),
        (
            "content/notices/x.md",
            "+++\ntitle = \"情况报告\"\n\"密级\" = \"秘密\"\n+++\n机密正文内容\n",
        ),
    ]);
    let build = site.build();
    build.assert_failed();
    assert!(
        build.stderr.contains("content/notices/x.md:3"),
        "{}",
        build.stderr
    );
    // No snippet at all: not even the neighbouring title line is shown.
    assert!(!build.stderr.contains("情况报告"), "{}", build.stderr);
    assert!(!build.stderr.contains("机密正文内容"), "{}", build.stderr);
}

#[test]
fn a_document_number_in_the_wrong_form_gets_the_corrected_form() {
    let site = TestSite::new(&[
        ("content/policies/_index.md", "+++\ntitle = \"政策\"\n+++\n"),
        (
            "content/policies/a.md",
            "+++\ntitle = \"关于某事的通知\"\ndate = 2024-03-05\n文号 = \"梧政发[2024]第012号\"\ngenre = \"通知书\"\n+++\n",
        ),
    ]);
    let check = site.check();
    assert_eq!(check.code, Some(1));
    let errors = check.errors();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].line, Some(4));
    assert!(
        errors[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("梧政发〔2024〕12号")
    );
    assert_eq!(errors[1].line, Some(5));
}
