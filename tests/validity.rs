//! Documents whose validity changed, the 20-working-day rule with its
//! holiday calendar, and the JSON-LD of document pages.

mod common;

use common::{TestSite, assert_error_at, attrs, count, section, texts};

/// A document: `extra` lines go into the front matter (line 9 onwards).
fn doc(title: &str, date: &str, written: &str, extra: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = {date}\nwritten = {written}\ndoc_number = \"梧政发〔2025〕1号\"\nissuer = \"梧桐县人民政府\"\ngenre = \"通知\"\nsubject = '综合政务\\政务公开'\n{extra}+++\n正文。\n"
    )
}

const REPEALED: &str =
    "validity = \"已废止\"\nvalidity_date = 2025-03-14\nreplaced_by = \"policies/new.md\"\n";

fn policies(files: &[(&str, &str)]) -> TestSite {
    let site = TestSite::new(&[("content/policies/_index.md", &section("政策文件", ""))]);
    for (path, text) in files {
        site.write(path, text);
    }
    site
}

#[test]
fn a_repealed_document_keeps_its_page_under_a_dated_banner_linking_its_replacement() {
    let site = policies(&[
        (
            "content/policies/old.md",
            &doc("旧办法", "2024-03-05", "2024-03-01", REPEALED),
        ),
        (
            "content/policies/new.md",
            &doc(
                "新办法",
                "2025-03-18",
                "2025-03-14",
                "validity = \"有效\"\n",
            ),
        ),
    ]);
    let build = site.build();
    build.assert_ok();
    let html = build.html("policies/old/index.html");
    let banner = texts(&html, ".banner-validity");
    assert_eq!(banner.len(), 1);
    assert!(banner[0].contains("【已废止】"), "{banner:?}");
    assert!(banner[0].contains("2025年3月14日"), "{banner:?}");
    assert_eq!(
        attrs(&html, ".banner-validity a", "href"),
        ["/policies/new/"]
    );
    assert_eq!(texts(&html, ".banner-validity a"), ["新办法"]);
    assert!(build.exists("policies/old/index.html"));
}

#[test]
fn a_replacement_that_names_no_page_is_an_error_at_its_line() {
    let site = policies(&[(
        "content/policies/old.md",
        &doc("旧办法", "2024-03-05", "2024-03-01", REPEALED),
    )]);
    let d = assert_error_at(&site, "content/policies/old.md", 11);
    assert!(d.message.contains("policies/new.md"), "{d:#?}");
}

#[test]
fn a_changed_validity_needs_its_date() {
    let site = policies(&[(
        "content/policies/old.md",
        &doc(
            "旧办法",
            "2024-03-05",
            "2024-03-01",
            "validity = \"失效\"\n",
        ),
    )]);
    let d = assert_error_at(&site, "content/policies/old.md", 9);
    assert!(d.message.contains("validity_date"), "{d:#?}");
}

#[test]
fn a_document_written_after_it_was_published_is_an_error() {
    let site = policies(&[(
        "content/policies/a.md",
        &doc("甲", "2024-03-05", "2024-03-08", ""),
    )]);
    let d = assert_error_at(&site, "content/policies/a.md", 4);
    assert!(d.message.contains("2024-03-08"), "{d:#?}");
}

#[test]
fn a_replacement_withheld_from_the_public_build_is_named_without_a_link_or_title() {
    let config = "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\ndefault_profile = \"public\"\n\n[profiles.public]\naudiences = [\"public\"]\n\n[profiles.intranet]\naudiences = [\"public\", \"internal\"]\n";
    let site = policies(&[
        ("gazette.toml", config),
        (
            "content/policies/old.md",
            &doc("旧办法", "2024-03-05", "2024-03-01", REPEALED),
        ),
        (
            "content/policies/new.md",
            &doc(
                "内部新办法秘标",
                "2025-03-18",
                "2025-03-14",
                "audience = \"internal\"\n",
            ),
        ),
    ]);
    let public = site.build();
    public.assert_ok();
    let html = public.html("policies/old/index.html");
    let banner = texts(&html, ".banner-validity").join("");
    assert!(banner.contains("替代文件未在本站公开"), "{banner}");
    assert_eq!(count(&html, ".banner-validity a"), 0);
    assert!(
        !public
            .read("policies/old/index.html")
            .contains("内部新办法秘标")
    );
    let intranet = site.build_args(&["--profile", "intranet"]);
    intranet.assert_ok();
    let html = intranet.html("policies/old/index.html");
    assert_eq!(texts(&html, ".banner-validity a"), ["内部新办法秘标"]);
}

const CAL_2025: &str = "# 国办发明电〔2024〕12号\nyear = 2025\n\n[[holidays]]\nname = \"春节\"\nfrom = 2025-01-28\nto = 2025-02-04\nworkdays = [2025-01-26, 2025-02-08]\n";

fn late_site(with_calendar: bool) -> TestSite {
    // Written Fri 17 Jan 2025. Published Tue 18 Feb: 22 weekdays, minus 6
    // Spring Festival weekdays, plus 2 make-up days = 18 working days with
    // the calendar (22 without: warned). Published Fri 21 Mar: late either way.
    let site = policies(&[
        (
            "content/policies/a.md",
            &doc("甲", "2025-02-18", "2025-01-17", ""),
        ),
        (
            "content/policies/b.md",
            &doc("乙", "2025-03-21", "2025-01-17", ""),
        ),
    ]);
    if with_calendar {
        site.write("data/holidays/2025.toml", CAL_2025);
    }
    site
}

#[test]
fn publishing_more_than_twenty_working_days_after_writing_is_warned() {
    let check = late_site(true).check();
    assert_eq!(
        check.code,
        Some(0),
        "warnings only: {:#?}",
        check.diagnostics
    );
    let warnings: Vec<_> = check
        .diagnostics
        .iter()
        .filter(|d| d.severity == "warning")
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let w = warnings[0];
    assert_eq!(w.file.as_deref(), Some("content/policies/b.md"));
    assert_eq!(w.line, Some(3));
    assert!(w.message.contains("20"), "{w:#?}");
    assert!(
        !check
            .diagnostics
            .iter()
            .any(|d| d.severity == "note" && d.message.contains("日历")),
        "the calendar covers 2025"
    );
}

#[test]
fn without_a_calendar_weekends_only_are_counted_and_the_report_says_so_once() {
    let check = late_site(false).check();
    let warned: Vec<_> = check
        .diagnostics
        .iter()
        .filter(|d| d.severity == "warning")
        .filter_map(|d| d.file.clone())
        .collect();
    assert_eq!(warned, ["content/policies/a.md", "content/policies/b.md"]);
    let notes: Vec<_> = check
        .diagnostics
        .iter()
        .filter(|d| d.severity == "note" && d.message.contains("2025"))
        .collect();
    assert_eq!(notes.len(), 1, "{:#?}", check.diagnostics);
    assert!(notes[0].message.contains("周末"), "{:#?}", notes[0]);
}

#[test]
fn a_bad_calendar_file_is_an_error_at_its_line() {
    let site = late_site(false);
    site.write(
        "data/holidays/2025.toml",
        CAL_2025.replace("2025-02-08", "2025-02-07"),
    );
    let d = assert_error_at(&site, "data/holidays/2025.toml", 8);
    assert!(d.message.contains("2025-02-07"), "{d:#?}");
    site.write(
        "data/holidays/2025.toml",
        "year = 2025\n[[holidays]]\nname = \"春节\"\nfrom = \"1月28日\"\n",
    );
    assert_error_at(&site, "data/holidays/2025.toml", 4);
}

#[test]
fn document_pages_carry_legislation_json_ld_that_parses() {
    let site = policies(&[
        (
            "content/policies/old.md",
            &doc(
                "旧办法</script><script>alert(1)</script>",
                "2024-03-05",
                "2024-03-01",
                REPEALED,
            ),
        ),
        (
            "content/policies/new.md",
            &doc(
                "新办法",
                "2025-03-18",
                "2025-03-14",
                "validity = \"有效\"\n",
            ),
        ),
    ]);
    let build = site.build();
    build.assert_ok();
    let html = build.html("policies/old/index.html");
    let scripts = texts(&html, "script[type=\"application/ld+json\"]");
    assert_eq!(scripts.len(), 1);
    let ld: serde_json::Value = serde_json::from_str(&scripts[0]).unwrap();
    assert_eq!(ld["@type"], "Legislation");
    assert_eq!(ld["name"], "旧办法</script><script>alert(1)</script>");
    assert_eq!(ld["legislationIdentifier"], "梧政发〔2025〕1号");
    assert_eq!(ld["legislationLegalForce"], "NotInForce");
    assert_eq!(ld["legislationDate"], "2024-03-01");
    assert_eq!(ld["datePublished"], "2024-03-05");
    assert_eq!(ld["publisher"]["name"], "梧桐县人民政府");
    assert_eq!(ld["supersededBy"], "https://t.example.gov.cn/policies/new/");
    assert_eq!(
        count(&html, "script:not([src]):not([type])"),
        0,
        "no script escaped"
    );
    let new = build.html("policies/new/index.html");
    let ld: serde_json::Value =
        serde_json::from_str(&texts(&new, "script[type=\"application/ld+json\"]")[0]).unwrap();
    assert_eq!(ld["legislationLegalForce"], "InForce");
}
