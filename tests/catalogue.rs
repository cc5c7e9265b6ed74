//! The disclosure catalogue: index numbers and their registry, the catalogue
//! pages, and the CSV and JSON downloads.

mod common;

use common::{TestSite, assert_error_at, attrs, count, section, texts};

pub const CONFIG: &str = "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\n\n[catalogue]\norg_code = \"ORG1\"\n";
const REGISTRY: &str = "data/index-numbers.toml";

/// A document page: `extra` lines go into the front matter.
fn doc(title: &str, date: &str, written: &str, extra: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = {date}\nwritten = {written}\ndoc_number = \"梧政发〔{}〕1号\"\nissuer = \"梧桐县人民政府\"\ngenre = \"通知\"\nsubject = '综合政务\\政务公开'\nvalidity = \"有效\"\n{extra}+++\n正文。\n",
        &written[..4]
    )
}

fn catalogue_site() -> TestSite {
    TestSite::new(&[
        ("gazette.toml", CONFIG),
        ("content/policies/_index.md", &section("政策文件", "")),
        (
            "content/policies/a.md",
            &doc("甲文件", "2024-03-05", "2024-03-01", ""),
        ),
        (
            "content/policies/b.md",
            &doc("乙文件", "2024-04-10", "2024-04-08", ""),
        ),
        (
            "content/policies/c.md",
            &doc("丙文件", "2023-12-20", "2023-12-18", ""),
        ),
    ])
}

fn registry(site: &TestSite) -> String {
    std::fs::read_to_string(site.path(REGISTRY)).unwrap_or_default()
}

/// The `索引号` cell of a document page.
fn index_number(build: &common::Build, page: &str) -> String {
    let html = build.html(&format!("policies/{page}/index.html"));
    let cells = texts(&html, ".doc-info td");
    cells[0].clone()
}

#[test]
fn numbers_follow_the_pattern_and_are_recorded_sorted_with_a_header() {
    let site = catalogue_site();
    let build = site.build();
    build.assert_ok();
    assert_eq!(index_number(&build, "a"), "ORG1/2024-00001");
    assert_eq!(index_number(&build, "b"), "ORG1/2024-00002");
    assert_eq!(index_number(&build, "c"), "ORG1/2023-00001");
    let text = registry(&site);
    assert!(text.starts_with("# 索引号登记簿"), "{text}");
    assert!(text.contains("不要手工修改"), "{text}");
    let a = text
        .find("\"policies/a.md\" = \"ORG1/2024-00001\"")
        .unwrap();
    let c = text
        .find("\"policies/c.md\" = \"ORG1/2023-00001\"")
        .unwrap();
    assert!(a < c, "entries sorted by path:\n{text}");
}

#[test]
fn a_second_build_changes_no_number_and_does_not_rewrite_the_registry() {
    let site = catalogue_site();
    site.build().assert_ok();
    let first = registry(&site);
    // A new, older document does not renumber the others.
    site.write(
        "content/policies/d.md",
        doc("丁文件", "2024-01-10", "2024-01-08", ""),
    );
    let build = site.build();
    build.assert_ok();
    assert_eq!(index_number(&build, "a"), "ORG1/2024-00001");
    assert_eq!(index_number(&build, "d"), "ORG1/2024-00003");
    let second = registry(&site);
    assert!(second.contains(first.lines().find(|l| l.contains("a.md")).unwrap()));
    site.build().assert_ok();
    assert_eq!(registry(&site), second);
    let before = std::fs::metadata(site.path(REGISTRY))
        .unwrap()
        .modified()
        .unwrap();
    site.build().assert_ok();
    let after = std::fs::metadata(site.path(REGISTRY))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after, "an unchanged registry is not rewritten");
}

#[test]
fn a_deleted_documents_number_is_retired_and_never_given_again() {
    let site = catalogue_site();
    site.build().assert_ok();
    std::fs::remove_file(site.path("content/policies/b.md")).unwrap();
    site.write(
        "content/policies/e.md",
        doc("戊文件", "2024-04-12", "2024-04-11", ""),
    );
    let build = site.build();
    build.assert_ok();
    assert_eq!(index_number(&build, "e"), "ORG1/2024-00003");
    let text = registry(&site);
    let retired = &text[text.find("[retired]").unwrap()..];
    assert!(
        retired.contains("\"policies/b.md\" = \"ORG1/2024-00002\""),
        "{text}"
    );
}

#[test]
fn a_failed_build_leaves_the_registry_untouched_and_check_writes_nothing() {
    let site = catalogue_site();
    let check = site.check();
    assert_eq!(check.code, Some(0), "{:#?}", check.diagnostics);
    assert!(!site.path(REGISTRY).exists(), "check wrote the registry");
    let note = check
        .diagnostics
        .iter()
        .find(|d| d.file.as_deref() == Some("content/policies/a.md"))
        .expect("a note for a.md");
    assert!(note.message.contains("ORG1/2024-00001"), "{note:#?}");
    site.build().assert_ok();
    let before = std::fs::read(site.path(REGISTRY)).unwrap();
    site.write(
        "content/policies/f.md",
        doc("己文件", "2024-05-10", "2024-05-09", ""),
    );
    site.write("content/policies/broken.md", "+++\ntitle = \n+++\n");
    site.build().assert_failed();
    assert_eq!(std::fs::read(site.path(REGISTRY)).unwrap(), before);
}

#[test]
fn a_number_given_by_hand_twice_names_both_files() {
    let site = catalogue_site();
    site.write(
        "content/policies/a.md",
        doc(
            "甲文件",
            "2024-03-05",
            "2024-03-01",
            "index_number = \"ORG1/2024-00100\"\n",
        ),
    );
    site.write(
        "content/policies/b.md",
        doc(
            "乙文件",
            "2024-04-10",
            "2024-04-08",
            "index_number = \"ORG1/2024-00100\"\n",
        ),
    );
    let d = assert_error_at(&site, "content/policies/b.md", 10);
    assert!(d.message.contains("content/policies/a.md"), "{d:#?}");
    assert!(d.message.contains("ORG1/2024-00100"), "{d:#?}");
}

#[test]
fn a_number_by_hand_cannot_take_a_retired_number() {
    let site = catalogue_site();
    site.build().assert_ok();
    std::fs::remove_file(site.path("content/policies/b.md")).unwrap();
    site.write(
        "content/policies/g.md",
        doc(
            "庚文件",
            "2024-06-10",
            "2024-06-08",
            "index_number = \"ORG1/2024-00002\"\n",
        ),
    );
    let d = assert_error_at(&site, "content/policies/g.md", 10);
    assert!(d.message.contains("content/policies/b.md"), "{d:#?}");
}

#[test]
fn an_unknown_placeholder_is_a_config_error_at_its_line() {
    let site = catalogue_site();
    site.write(
        "gazette.toml",
        format!("{CONFIG}index_pattern = \"{{org_code}}/{{yr}}-{{seq:05}}\"\n"),
    );
    let d = assert_error_at(&site, "gazette.toml", 6);
    assert!(d.message.contains("{yr}"), "{d:#?}");
}

#[test]
fn public_and_intranet_builds_give_the_same_numbers() {
    let config = format!(
        "{}default_profile = \"public\"\n\n[profiles.public]\naudiences = [\"public\"]\n\n[profiles.intranet]\naudiences = [\"public\", \"internal\"]\n\n{}",
        "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\n",
        "[catalogue]\norg_code = \"ORG1\"\n"
    );
    let site = catalogue_site();
    site.write("gazette.toml", &config);
    // An internal document older than b.md takes a number in both builds.
    site.write(
        "content/policies/inner.md",
        doc(
            "内部文件",
            "2024-03-20",
            "2024-03-18",
            "audience = \"internal\"\n",
        ),
    );
    let public = site.build();
    public.assert_ok();
    assert_eq!(index_number(&public, "b"), "ORG1/2024-00003");
    let intranet = site.build_args(&["--profile", "intranet"]);
    intranet.assert_ok();
    assert_eq!(index_number(&intranet, "b"), "ORG1/2024-00003");
    assert_eq!(index_number(&intranet, "inner"), "ORG1/2024-00002");
}

#[test]
fn catalogue_pages_are_semantic_tables_with_facets_and_pagers() {
    let site = catalogue_site();
    site.write("gazette.toml", format!("{CONFIG}per_page = 2\n"));
    let build = site.build();
    build.assert_ok();
    let html = build.html("catalogue/index.html");
    assert_eq!(count(&html, "table.catalogue-table > caption"), 1);
    assert_eq!(
        texts(&html, "table.catalogue-table thead th[scope=col]"),
        [
            "索引号",
            "标题",
            "文号",
            "发文机关",
            "成文日期",
            "发布日期",
            "有效性"
        ]
    );
    // Newest first, two per page, the title a link in a row header.
    assert_eq!(texts(&html, "tbody th[scope=row] a"), ["乙文件", "甲文件"]);
    assert_eq!(attrs(&html, "tbody tr", "data-year"), ["2024", "2024"]);
    assert_eq!(
        texts(&html, "tbody tr:first-child td"),
        [
            "ORG1/2024-00002",
            "梧政发〔2024〕1号",
            "梧桐县人民政府",
            "2024-04-08",
            "2024-04-10",
            "有效"
        ]
    );
    let page2 = build.html("catalogue/page/2/index.html");
    assert_eq!(texts(&page2, "tbody th[scope=row] a"), ["丙文件"]);
    // Every facet value has its own page, Chinese paths included.
    for path in [
        "catalogue/subject/综合政务/index.html",
        "catalogue/subject/综合政务/政务公开/index.html",
        "catalogue/genre/通知/index.html",
        "catalogue/issuer/梧桐县人民政府/index.html",
        "catalogue/year/2023/index.html",
        "catalogue/validity/有效/index.html",
    ] {
        assert!(build.exists(path), "{path} missing");
    }
    let year = build.html("catalogue/year/2023/index.html");
    assert_eq!(texts(&year, "tbody th[scope=row] a"), ["丙文件"]);
    let links = attrs(&html, ".catalogue-browse a", "href");
    assert!(
        links.contains(&"/catalogue/genre/%E9%80%9A%E7%9F%A5/".to_string()),
        "{links:?}"
    );
    // The filter form is for scripts only; the script is the theme's own.
    assert_eq!(count(&html, "form[data-catalogue-filter][hidden]"), 1);
    assert_eq!(
        attrs(&html, "script[src]", "src")
            .iter()
            .filter(|s| s.ends_with("/js/catalogue.js"))
            .count(),
        1
    );
    assert!(build.exists("js/catalogue.js"));
}

#[test]
fn the_csv_has_a_bom_chinese_headers_and_rfc4180_quoting() {
    let site = catalogue_site();
    site.write(
        "content/policies/a.md",
        doc(
            "关于“甲,乙”的通知",
            "2024-03-05",
            "2024-03-01",
            "keywords = [\"一\", \"二\"]\n",
        )
        .replace(
            "title = \"关于“甲,乙”的通知\"",
            "title = '关于\"甲,乙\"的通知'",
        ),
    );
    let build = site.build();
    build.assert_ok();
    let bytes = std::fs::read(build.file("catalogue/catalogue.csv")).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "索引号,标题,文号,发文机关,成文日期,发布日期,有效性,主题分类,体裁,主题词,链接"
    );
    assert_eq!(lines.len(), 5, "header, three rows, final CRLF: {text}");
    let a = lines.iter().find(|l| l.contains("2024-00001")).unwrap();
    assert!(
        a.contains(",\"关于\"\"甲,乙\"\"的通知\","),
        "quoted and doubled: {a}"
    );
    assert!(
        a.ends_with(",一；二,https://t.example.gov.cn/policies/a/"),
        "{a}"
    );
}

#[test]
fn the_json_export_is_a_dcat_catalog_in_catalogue_order() {
    let site = catalogue_site();
    let build = site.build();
    build.assert_ok();
    let json: serde_json::Value =
        serde_json::from_str(&build.read("catalogue/catalogue.json")).unwrap();
    assert_eq!(json["@type"], "dcat:Catalog");
    let sets = json["dcat:dataset"].as_array().unwrap();
    let ids: Vec<&str> = sets
        .iter()
        .map(|d| d["dct:identifier"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["ORG1/2024-00002", "ORG1/2024-00001", "ORG1/2023-00001"]
    );
    let b = &sets[0];
    assert_eq!(b["dct:title"], "乙文件");
    assert_eq!(b["dct:issued"], "2024-04-10");
    assert_eq!(b["dct:publisher"], "梧桐县人民政府");
    assert_eq!(b["文号"], "梧政发〔2024〕1号");
    assert_eq!(b["有效性"], "有效");
    assert_eq!(
        b["dcat:landingPage"],
        "https://t.example.gov.cn/policies/b/"
    );
    // Same input, same bytes.
    let again = site.build_into(&site.tmp().join("again"));
    again.assert_ok();
    assert_eq!(
        again.read("catalogue/catalogue.json"),
        build.read("catalogue/catalogue.json")
    );
}

#[test]
fn a_site_without_a_catalogue_table_builds_no_catalogue() {
    let site = catalogue_site();
    site.write("gazette.toml", common::CONFIG);
    let build = site.build();
    build.assert_ok();
    assert!(!build.exists("catalogue/index.html"));
    assert!(!site.path(REGISTRY).exists());
}
