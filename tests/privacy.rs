//! The personal-data scanner as editors meet it: errors with the masked
//! value and line, warnings in intranet builds, waivers, attachments.

mod common;

use common::{TestSite, section};

const ID_PAGE: &str = "+++\ntitle = \"补贴名单\"\ndate = 2024-05-02\n+++\n\n| 姓名 | 金额 |\n|---|---|\n| 张某某 | 11010519491231002X |\n";

#[test]
fn a_resident_id_fails_the_build_with_the_masked_value_and_line() {
    let site = TestSite::new(&[
        ("content/news/_index.md", &section("要闻", "")),
        ("content/news/list.md", ID_PAGE),
    ]);
    let check = site.check();
    assert_eq!(check.code, Some(1));
    let e = check.errors()[0].clone();
    assert_eq!(e.file.as_deref(), Some("content/news/list.md"));
    assert_eq!(e.line, Some(8));
    assert!(e.message.contains("110105********002X"), "{}", e.message);
    assert!(!check.stdout.contains("11010519491231002X"));
}

#[test]
fn an_intranet_build_only_warns() {
    let site = TestSite::new(&[
        (
            "gazette.toml",
            "title = \"内网\"\ndefault_profile = \"intranet\"\n[profiles.intranet]\naudiences = [\"public\", \"internal\"]\n",
        ),
        ("content/news/_index.md", &section("要闻", "")),
        ("content/news/list.md", ID_PAGE),
    ]);
    let build = site.build();
    build.assert_ok();
    assert!(
        build.stderr.contains("110105********002X"),
        "{}",
        build.stderr
    );
}

#[test]
fn a_waiver_with_the_printed_hash_clears_one_finding() {
    let site = TestSite::new(&[
        ("content/news/_index.md", &section("要闻", "")),
        ("content/news/list.md", ID_PAGE),
    ]);
    let hint = site.check().errors()[0].hint.clone().unwrap();
    let hash = hint
        .split("hash = \"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    site.write(
        "content/news/list.md",
        ID_PAGE.replace(
            "date = 2024-05-02\n",
            &format!("date = 2024-05-02\nwaivers = [{{ hash = \"{hash}\", reason = \"法定公示\", by = \"王某某\" }}, {{ hash = \"0000000000000000\", reason = \"旧\", by = \"王某某\" }}]\n"),
        ),
    );
    site.build().assert_ok();
    // The waiver is listed in the report, and a stale one is pointed out.
    let check = site.check();
    assert_eq!(check.code, Some(0));
    let severities: Vec<&str> = check
        .diagnostics
        .iter()
        .map(|d| d.severity.as_str())
        .collect();
    assert!(severities.contains(&"note"), "{:?}", check.diagnostics);
    assert!(
        check
            .diagnostics
            .iter()
            .any(|d| d.message.contains("法定公示") && d.message.contains("王某某"))
    );
    assert!(
        check
            .diagnostics
            .iter()
            .any(|d| d.severity == "warning" && d.message.contains("0000000000000000"))
    );
}

#[test]
fn attachments_are_scanned_and_unreadable_ones_reported() {
    let site = TestSite::new(&[
        ("content/news/_index.md", &section("要闻", "")),
        ("content/news/名单.txt", "联系人手机：13812341234\n"),
        ("content/news/表格.docx", "not really a docx"),
    ]);
    let check = site.check();
    assert_eq!(check.code, Some(1));
    let files: Vec<(String, String)> = check
        .diagnostics
        .iter()
        .map(|d| (d.file.clone().unwrap_or_default(), d.severity.clone()))
        .collect();
    assert!(
        files.contains(&("content/news/名单.txt".into(), "error".into())),
        "{files:?}"
    );
    assert!(
        files.contains(&("content/news/表格.docx".into(), "warning".into())),
        "{files:?}"
    );
}

#[test]
fn office_mailboxes_and_landlines_are_not_findings() {
    let site = TestSite::new(&[
        ("content/news/_index.md", &section("要闻", "")),
        (
            "content/news/contact.md",
            "+++\ntitle = \"联系我们\"\ndate = 2024-05-02\n+++\n电话：0000-6123456；邮箱：zwgk@wutong.example.gov.cn；信用代码 91350200776049653A。\n",
        ),
    ]);
    let check = site.check();
    assert_eq!(check.code, Some(0), "{:?}", check.diagnostics);
    // (The column itself is reported as not updated for months.)
    let about_the_page: Vec<_> = check
        .diagnostics
        .iter()
        .filter(|d| d.file.as_deref() == Some("content/news/contact.md"))
        .collect();
    assert!(about_the_page.is_empty(), "{about_the_page:?}");
}

#[test]
fn the_sensitive_word_list_is_checked() {
    let site = TestSite::new(&[
        ("data/sensitive-words.txt", "# 内部项目代号\n青鸟工程\n"),
        ("content/news/_index.md", &section("要闻", "")),
        (
            "content/news/a.md",
            "+++\ntitle = \"进展\"\ndate = 2024-05-02\n+++\n\n青鸟工程进展顺利。\n",
        ),
    ]);
    let check = site.check();
    assert_eq!(check.code, Some(1));
    let e = check.errors()[0].clone();
    assert_eq!(
        (e.file.as_deref(), e.line),
        (Some("content/news/a.md"), Some(6))
    );
    assert!(
        check.stdout.contains("\"rule\": \"sensitive-word\""),
        "{}",
        check.stdout
    );
}

#[test]
fn personal_data_from_config_is_caught_in_the_rendered_page() {
    let site = TestSite::new(&[
        (
            "gazette.toml",
            "title = \"测试站\"\n[extra]\nhost = \"某办\"\naddress = \"联系人手机 13812341234\"\n",
        ),
        ("content/news/_index.md", &section("要闻", "")),
        (
            "content/news/a.md",
            "+++\ntitle = \"甲\"\ndate = 2024-05-02\n+++\n正文\n",
        ),
    ]);
    let before = site.out();
    let build = site.build();
    build.assert_failed();
    assert!(build.stderr.contains("138****1234"), "{}", build.stderr);
    assert!(!before.join("news/a/index.html").exists());
}

/// A minimal .docx: the parts Word needs for the text to be found.
fn docx_with(text: &str) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", opts).unwrap();
        zip.write_all(b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>").unwrap();
        zip.start_file("word/document.xml", opts).unwrap();
        let xml = format!(
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
        );
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn a_resident_id_inside_a_docx_attachment_fails_the_build() {
    let site = TestSite::new(&[("content/news/_index.md", &section("要闻", ""))]);
    site.write(
        "content/news/名单.docx",
        docx_with("张某某 11010519491231002X"),
    );
    let check = site.check();
    assert_eq!(check.code, Some(1));
    let e = check.errors()[0].clone();
    assert_eq!(e.file.as_deref(), Some("content/news/名单.docx"));
    assert!(e.message.contains("110105********002X"), "{}", e.message);
}
