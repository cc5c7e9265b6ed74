//! Theme overrides and the filters and functions templates rely on.

mod common;

use common::{TestSite, page, section, texts};

fn site_with_override(template: &str) -> TestSite {
    TestSite::new(&[
        ("content/notices/_index.md", &section("通知公告", "")),
        (
            "content/notices/a.md",
            "+++\ntitle = \"甲通知\"\ndate = 2024-03-05\ntags = [\"防汛\"]\n+++\n\n## 一、安排\n\n正文。\n",
        ),
        (
            "content/notices/b.md",
            &page("乙通知", "2024-10-01", "正文。\n"),
        ),
        ("templates/page.html", template),
    ])
}

#[test]
fn site_templates_override_the_theme_file_by_file() {
    let site = site_with_override("<main><h1 id=\"own\">{{ page.title }}</h1></main>");
    let build = site.build();
    build.assert_ok();
    let html = build.html("notices/a/index.html");
    assert_eq!(texts(&html, "h1#own"), ["甲通知"]);
    // Other templates still come from the default theme.
    let list = build.html("notices/index.html");
    assert_eq!(texts(&list, "html[lang=zh-CN] main h1"), ["通知公告"]);
}

#[test]
fn chinese_date_filters() {
    let site = site_with_override(
        "<p id=\"a\">{{ page.date | zh_date }}</p><p id=\"b\">{{ page.date | zh_date(style=\"upper\") }}</p>",
    );
    let build = site.build();
    build.assert_ok();
    let html = build.html("notices/b/index.html");
    assert_eq!(texts(&html, "#a"), ["2024年10月1日"]);
    assert_eq!(texts(&html, "#b"), ["二〇二四年十月一日"]);
}

#[test]
fn lookup_functions_reach_pages_sections_taxonomies_and_urls() {
    // Tera 2 reads fields of a function's result through a variable. A
    // build makes page values when asked for: another page's value has its
    // body and its toc as well as its title.
    let site = site_with_override(concat!(
        "{% set p = get_page(path=\"notices/b.md\") %}<p id=\"page\">{{ p.title }}</p>",
        "<div id=\"body\">{{ p.content | safe }}</div>",
        "{% set pa = get_page(path=\"@/notices/a.md\") %}<p id=\"toc\">{{ pa.toc[0].title }}</p>",
        "{% set s = get_section(path=\"notices\") %}<p id=\"section\">{{ s.title }}</p>",
        "{% set s2 = get_section(path=\"notices/_index.md\") %}<p id=\"count\">{{ s2.page_count }}</p>",
        "{% set tax = get_taxonomy(kind=\"tags\") %}<p id=\"tax\">{% for t in tax.terms %}{{ t.name }}{% endfor %}</p>",
        "<p id=\"url\">{{ get_url(path=\"@/notices/b.md\") }}</p>",
        "<p id=\"static\">{{ get_url(path=\"css/site.css\") }}</p>",
        "<p id=\"newest\">{% for p in get_section_pages(path=\"notices\", limit=1) %}{{ p.title }}{% endfor %}</p>",
    ));
    let build = site.build();
    build.assert_ok();
    let html = build.html("notices/a/index.html");
    assert_eq!(texts(&html, "#page"), ["乙通知"]);
    assert_eq!(texts(&html, "#body p"), ["正文。"]);
    assert_eq!(texts(&html, "#toc"), ["一、安排"]);
    assert_eq!(texts(&html, "#section"), ["通知公告"]);
    assert_eq!(texts(&html, "#count"), ["2"]);
    assert_eq!(texts(&html, "#tax"), ["防汛"]);
    assert_eq!(texts(&html, "#url"), ["/notices/b/"]);
    assert_eq!(texts(&html, "#static"), ["/css/site.css"]);
    assert_eq!(texts(&html, "#newest"), ["乙通知"]);
}

#[test]
fn a_link_to_a_missing_anchor_is_an_error_at_its_line() {
    let site = TestSite::new(&[
        ("content/notices/_index.md", &section("通知公告", "")),
        (
            "content/notices/a.md",
            &page("甲", "2024-03-05", "## 一、安排\n\n正文。\n"),
        ),
        (
            "content/notices/b.md",
            &page(
                "乙",
                "2024-03-06",
                "第一段。\n\n见[甲](@/notices/a.md#二安排)。\n",
            ),
        ),
    ]);
    common::assert_error_at(&site, "content/notices/b.md", 7);
}
