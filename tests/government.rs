//! `[government]` in gazette.toml: format checks with their lines, the
//! footer, the page meta tags of every page type and the home page JSON-LD.

mod common;

use common::{TestSite, assert_error_at, attrs, page, section, texts};
use scraper::{Html, Selector};

const GOV: &str = "title = \"测试县人民政府\"\nbase_url = \"https://www.t.example.gov.cn/\"\n\
[government]\nhost = \"测试县人民政府办公室\"\naddress = \"人民路1号\"\nphone = \"0000-1234567\"\n\
site_id_code = \"1234560001\"\nicp = \"测ICP备00000001号\"\npsb = \"测公网安备 00000000000001号\"\n\
error_report_url = \"/about/\"\n";

fn gov_site() -> TestSite {
    TestSite::new(&[
        ("gazette.toml", GOV),
        (
            "content/news/_index.md",
            &section("要闻", "description = \"要闻栏目\"\n"),
        ),
        (
            "content/news/a.md",
            &page("甲", "2024-05-02T09:30:00+08:00", "正文\n"),
        ),
        (
            "content/news/b.md",
            "+++\ntitle = \"乙\"\ndate = 2024-05-03\nissuer = \"测试县财政局\"\n+++\n正文\n",
        ),
        // The error-report link of the footer points here.
        ("content/about/_index.md", &section("关于本站", "")),
    ])
}

fn meta(html: &Html, name: &str) -> Vec<String> {
    attrs(html, &format!("meta[name=\"{name}\"]"), "content")
}

#[test]
fn a_site_id_code_of_the_wrong_form_is_an_error_at_its_line() {
    let site = gov_site();
    site.write(
        "gazette.toml",
        GOV.replace("\"1234560001\"", "\"12345-0001\""),
    );
    let d = assert_error_at(&site, "gazette.toml", 7);
    assert!(d.message.contains("网站标识码"), "{}", d.message);
    assert!(d.hint.unwrap().contains("bm"));
}

#[test]
fn a_police_registration_number_without_fourteen_digits_is_an_error_at_its_line() {
    let site = gov_site();
    site.write(
        "gazette.toml",
        GOV.replace("00000000000001号", "0000000000001号"),
    );
    let d = assert_error_at(&site, "gazette.toml", 9);
    assert!(d.message.contains("公安机关备案号"), "{}", d.message);
    assert!(d.hint.unwrap().contains("公网安备"));
}

#[test]
fn both_format_errors_are_reported_together() {
    let site = gov_site();
    site.write(
        "gazette.toml",
        GOV.replace("\"1234560001\"", "\"bm123\"")
            .replace("测公网安备", "测网安备"),
    );
    let check = site.check();
    let lines: Vec<Option<usize>> = check.errors().iter().map(|d| d.line).collect();
    assert_eq!(lines, vec![Some(7), Some(9)], "{:#?}", check.diagnostics);
}

#[test]
fn the_footer_shows_the_government_fields() {
    let site = gov_site();
    let build = site.build();
    build.assert_ok();
    let html = build.html("news/a/index.html");
    let footer = texts(&html, ".footer-info li");
    assert_eq!(
        footer,
        vec![
            "主办单位：测试县人民政府办公室",
            "地址：人民路1号",
            "联系电话：0000-1234567",
            "网站标识码：1234560001",
            "测ICP备00000001号",
            "测公网安备 00000000000001号",
        ]
    );
    assert_eq!(
        attrs(&html, ".footer-links a", "href").last().unwrap(),
        "/about/"
    );
}

#[test]
fn every_page_type_has_the_site_meta_tags_and_its_own() {
    let site = gov_site();
    let build = site.build();
    build.assert_ok();
    for rel in [
        "index.html",
        "news/index.html",
        "news/a/index.html",
        "tags/index.html",
        "404.html",
    ] {
        let html = build.html(rel);
        assert_eq!(meta(&html, "SiteName"), vec!["测试县人民政府"], "{rel}");
        assert_eq!(
            meta(&html, "SiteDomain"),
            vec!["www.t.example.gov.cn"],
            "{rel}"
        );
        assert_eq!(meta(&html, "SiteIDCode"), vec!["1234560001"], "{rel}");
    }
    let column = build.html("news/index.html");
    assert_eq!(meta(&column, "ColumnName"), vec!["要闻"]);
    assert_eq!(meta(&column, "ColumnDescription"), vec!["要闻栏目"]);
    assert_eq!(meta(&column, "ColumnKeywords"), vec!["要闻"]);
    assert_eq!(meta(&column, "ColumnType"), vec!["信息发布"]);
    let article = build.html("news/a/index.html");
    assert_eq!(meta(&article, "ArticleTitle"), vec!["甲"]);
    assert_eq!(meta(&article, "PubDate"), vec!["2024-05-02 09:30"]);
    assert_eq!(
        meta(&article, "ContentSource"),
        vec!["测试县人民政府办公室"]
    );
    let issued = build.html("news/b/index.html");
    assert_eq!(meta(&issued, "ContentSource"), vec!["测试县财政局"]);
    assert_eq!(meta(&issued, "PubDate"), vec!["2024-05-03 00:00"]);
}

#[test]
fn section_keywords_and_column_type_come_from_the_section() {
    let site = gov_site();
    site.write(
        "content/news/_index.md",
        section(
            "要闻",
            "[extra]\nkeywords = [\"会议\", \"活动\"]\ncolumn_type = \"解读回应\"\n",
        ),
    );
    let build = site.build();
    build.assert_ok();
    let column = build.html("news/index.html");
    assert_eq!(meta(&column, "ColumnKeywords"), vec!["会议,活动"]);
    assert_eq!(meta(&column, "ColumnType"), vec!["解读回应"]);
    // No description on the section or the site: the column name stands in.
    assert_eq!(meta(&column, "ColumnDescription"), vec!["要闻"]);
}

#[test]
fn the_home_page_describes_the_organization_in_json_ld() {
    let site = gov_site();
    site.write(
        "gazette.toml",
        GOV.replace("人民路1号", "人民路1号</script><!--"),
    );
    let build = site.build();
    build.assert_ok();
    let html = build.html("index.html");
    let sel = Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    let scripts: Vec<String> = html.select(&sel).map(|e| e.text().collect()).collect();
    assert_eq!(scripts.len(), 1);
    let ld: serde_json::Value = serde_json::from_str(&scripts[0]).expect("valid JSON-LD");
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "GovernmentOrganization");
    assert_eq!(ld["name"], "测试县人民政府");
    assert_eq!(ld["url"], "https://www.t.example.gov.cn/");
    assert_eq!(ld["telephone"], "0000-1234567");
    assert_eq!(ld["address"]["streetAddress"], "人民路1号</script><!--");
    assert_eq!(ld["identifier"]["value"], "1234560001");
    assert!(
        !build
            .read("news/a/index.html")
            .contains("application/ld+json")
    );
}

#[test]
fn footer_keys_left_in_extra_still_show_with_a_warning() {
    let site = gov_site();
    site.write(
        "gazette.toml",
        "title = \"测试站\"\n[extra]\nsite_id_code = \"1234560001\"\nhost = \"老写法办公室\"\n",
    );
    let check = site.check();
    assert_eq!(check.code, Some(0), "{:#?}", check.diagnostics);
    let warned: Vec<Option<usize>> = check
        .diagnostics
        .iter()
        .filter(|d| d.severity == "warning" && d.message.contains("[government]"))
        .map(|d| d.line)
        .collect();
    assert_eq!(warned, vec![Some(3), Some(4)]);
    let build = site.build();
    build.assert_ok();
    let html = build.html("index.html");
    assert_eq!(meta(&html, "SiteIDCode"), vec!["1234560001"]);
    assert!(texts(&html, ".footer-info li").contains(&"主办单位：老写法办公室".to_string()));
}
