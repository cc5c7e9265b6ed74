//! The built site, read back with an HTML parser: structure of pages and
//! lists, URLs, feeds, sitemaps, aliases, drafts, front matter dialects,
//! and the default theme's promise of no external hosts.

mod common;

use common::{BASE_URL, TestSite, attrs, count, files_under, listed_titles, page, section, texts};

fn one_page_site() -> TestSite {
    TestSite::new(&[
        ("content/notices/_index.md", &section("通知公告", "")),
        (
            "content/notices/a.md",
            &page(
                "关于开展防汛演练的通知",
                "2024-03-05",
                "## 一、基本情况\n\n正文。\n",
            ),
        ),
    ])
}

#[test]
fn page_has_one_h1_lang_and_skip_link() {
    let site = one_page_site();
    let build = site.build();
    build.assert_ok();
    let html = build.html("notices/a/index.html");
    assert_eq!(texts(&html, "h1"), ["关于开展防汛演练的通知"]);
    assert_eq!(count(&html, "html[lang=zh-CN]"), 1);
    assert_eq!(count(&html, "a[href=\"#main\"]"), 1);
    assert_eq!(count(&html, "main#main"), 1);
}

#[test]
fn page_at_the_content_root_builds() {
    let site = TestSite::new(&[(
        "content/about.md",
        &page("关于本站", "2024-03-05", "正文\n"),
    )]);
    let build = site.build();
    build.assert_ok();
    assert_eq!(texts(&build.html("about/index.html"), "h1"), ["关于本站"]);
}

fn five_page_section() -> TestSite {
    let site = TestSite::new(&[(
        "content/sec/_index.md",
        &section("栏目", "paginate_by = 2\n"),
    )]);
    // Written in an order unlike their dates, so sorting is observable.
    for (name, day) in [("c", 3), ("a", 1), ("e", 5), ("b", 2), ("d", 4)] {
        site.write(
            &format!("content/sec/{name}.md"),
            page(&format!("第{day}篇"), &format!("2024-03-0{day}"), "正文\n"),
        );
    }
    site
}

#[test]
fn section_lists_newest_first_and_paginates() {
    let site = five_page_section();
    let build = site.build();
    build.assert_ok();
    assert_eq!(
        listed_titles(&build.html("sec/index.html"), "/sec/"),
        ["第5篇", "第4篇"]
    );
    assert_eq!(
        listed_titles(&build.html("sec/page/2/index.html"), "/sec/"),
        ["第3篇", "第2篇"]
    );
    assert_eq!(
        listed_titles(&build.html("sec/page/3/index.html"), "/sec/"),
        ["第1篇"]
    );
    assert!(!build.exists("sec/page/4/index.html"));
    assert!(
        !build.exists("sec/page/1/index.html"),
        "page 1 is the section itself"
    );
}

#[test]
fn chinese_file_name_keeps_chinese_path_and_is_encoded_in_feeds() {
    let site = TestSite::new(&[
        ("content/sec/_index.md", &section("栏目", "")),
        ("content/sec/通知.md", &page("通知", "2024-03-05", "正文\n")),
    ]);
    let build = site.build();
    build.assert_ok();
    assert!(
        build.exists("sec/通知/index.html"),
        "{:?}",
        files_under(&build.out)
    );
    let url = format!("{BASE_URL}sec/%E9%80%9A%E7%9F%A5/");
    let sitemap = build.read("sitemap.xml");
    assert!(sitemap.contains(&format!("<loc>{url}</loc>")), "{sitemap}");
    assert!(
        !sitemap.contains("通知"),
        "raw Chinese in sitemap: {sitemap}"
    );
    let atom = build.read("atom.xml");
    assert!(atom.contains(&format!("href=\"{url}\"")), "{atom}");
    assert!(build.read("sec/atom.xml").contains(&url));
}

#[test]
fn explicit_slug_wins_over_the_file_name() {
    let site = TestSite::new(&[
        ("content/sec/_index.md", &section("栏目", "")),
        (
            "content/sec/关于开展防汛演练的通知.md",
            "+++\ntitle = \"通知\"\nslug = \"flood-drill\"\n+++\n正文\n",
        ),
    ]);
    let build = site.build();
    build.assert_ok();
    assert!(build.exists("sec/flood-drill/index.html"));
    assert!(!build.file("sec/关于开展防汛演练的通知").exists());
}

#[test]
fn bundle_image_is_copied_beside_its_page() {
    let image = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDRfake-image-bytes";
    let site = TestSite::new(&[
        ("content/sec/_index.md", &section("栏目", "")),
        (
            "content/sec/report/index.md",
            &page("年度报告", "2024-03-05", "![图表](chart.png)\n"),
        ),
    ]);
    site.write("content/sec/report/chart.png", image);
    let build = site.build();
    build.assert_ok();
    assert_eq!(
        texts(&build.html("sec/report/index.html"), "h1"),
        ["年度报告"]
    );
    assert_eq!(
        std::fs::read(build.file("sec/report/chart.png")).unwrap(),
        image
    );
}

fn tagged_site() -> TestSite {
    TestSite::new(&[
        ("content/sec/_index.md", &section("栏目", "")),
        (
            "content/sec/a.md",
            // Categories written before tags: the article footer still
            // follows the order of the config (tags, then categories).
            "+++\ntitle = \"甲文\"\ndate = 2024-03-01\ncategories = [\"通知\"]\ntags = [\"营商环境\", \"防汛\"]\n+++\n正文\n",
        ),
        (
            "content/sec/b.md",
            "+++\ntitle = \"乙文\"\ndate = 2024-03-02\ntags = [\"营商环境\"]\n+++\n正文\n",
        ),
        (
            "content/sec/c.md",
            &page("丙文", "2024-03-03", "没有标签。\n"),
        ),
    ])
}

#[test]
fn taxonomy_and_term_pages_list_the_right_pages() {
    let site = tagged_site();
    let build = site.build();
    build.assert_ok();
    let mut terms = texts(&build.html("tags/index.html"), "main a[href^=\"/tags/\"]");
    terms.retain(|t| !t.is_empty());
    assert!(terms.iter().any(|t| t.contains("营商环境")), "{terms:?}");
    assert!(terms.iter().any(|t| t.contains("防汛")), "{terms:?}");
    assert_eq!(terms.len(), 2, "{terms:?}");
    assert_eq!(
        listed_titles(&build.html("tags/营商环境/index.html"), "/sec/"),
        ["乙文", "甲文"]
    );
    assert_eq!(
        listed_titles(&build.html("tags/防汛/index.html"), "/sec/"),
        ["甲文"]
    );
}

#[test]
fn article_footer_lists_the_page_terms_in_config_order() {
    let site = tagged_site();
    let build = site.build();
    build.assert_ok();
    let a = build.html("sec/a/index.html");
    assert_eq!(
        texts(&a, ".article-terms .term-links-label"),
        ["标签：", "分类："]
    );
    assert_eq!(
        attrs(&a, ".article-terms a", "href"),
        [
            "/tags/%E8%90%A5%E5%95%86%E7%8E%AF%E5%A2%83/",
            "/tags/%E9%98%B2%E6%B1%9B/",
            "/categories/%E9%80%9A%E7%9F%A5/"
        ]
    );
    let b = build.html("sec/b/index.html");
    assert_eq!(texts(&b, ".article-terms .term-links-label"), ["标签："]);
    let c = build.html("sec/c/index.html");
    assert_eq!(count(&c, ".article-terms"), 0);
}

#[test]
fn archive_pages_list_pages_by_year_and_month() {
    let site = TestSite::new(&[
        ("content/sec/_index.md", &section("栏目", "")),
        ("content/sec/a.md", &page("三月上", "2024-03-05", "正文\n")),
        ("content/sec/b.md", &page("三月下", "2024-03-20", "正文\n")),
        ("content/sec/c.md", &page("四月", "2024-04-01", "正文\n")),
        ("content/sec/d.md", &page("去年", "2023-12-01", "正文\n")),
    ]);
    let build = site.build();
    build.assert_ok();
    assert!(build.exists("archive/index.html"));
    assert_eq!(
        listed_titles(&build.html("archive/2024/index.html"), "/sec/"),
        ["四月", "三月下", "三月上"]
    );
    assert_eq!(
        listed_titles(&build.html("archive/2024/03/index.html"), "/sec/"),
        ["三月下", "三月上"]
    );
    assert_eq!(
        listed_titles(&build.html("archive/2023/12/index.html"), "/sec/"),
        ["去年"]
    );
    assert!(!build.exists("archive/2024/05/index.html"));
}

fn entry_count(xml: &str) -> usize {
    xml.matches("<entry>").count()
}

#[test]
fn site_feed_is_bounded_by_feed_limit() {
    let site = five_page_section();
    site.write(
        "gazette.toml",
        format!("{}\n[build]\nfeed_limit = 3\n", common::CONFIG),
    );
    let build = site.build();
    build.assert_ok();
    let atom = build.read("atom.xml");
    assert_eq!(entry_count(&atom), 3, "{atom}");
    for newest in ["第5篇", "第4篇", "第3篇"] {
        assert!(atom.contains(&format!("<title>{newest}</title>")), "{atom}");
    }
    assert!(!atom.contains("<title>第1篇</title>"));
}

#[test]
fn each_section_has_its_own_feed() {
    let site = TestSite::new(&[
        ("content/news/_index.md", &section("要闻", "")),
        ("content/notices/_index.md", &section("通知", "")),
        ("content/news/a.md", &page("要闻一", "2024-03-05", "正文\n")),
        (
            "content/notices/b.md",
            &page("通知一", "2024-03-06", "正文\n"),
        ),
    ]);
    let build = site.build();
    build.assert_ok();
    let news = build.read("news/atom.xml");
    let notices = build.read("notices/atom.xml");
    assert_eq!(entry_count(&news), 1);
    assert!(news.contains("<title>要闻一</title>") && !news.contains("通知一"));
    assert_eq!(entry_count(&notices), 1);
    assert!(notices.contains("<title>通知一</title>") && !notices.contains("要闻一"));
    assert_eq!(entry_count(&build.read("atom.xml")), 2);
}

#[test]
fn robots_404_and_static_files() {
    let site = one_page_site();
    site.write("static/a.txt", "静态文件内容\n");
    let build = site.build();
    build.assert_ok();
    let robots = build.read("robots.txt");
    assert!(
        robots.contains(&format!("Sitemap: {BASE_URL}sitemap.xml")),
        "{robots}"
    );
    let not_found = build.html("404.html");
    assert_eq!(count(&not_found, "html[lang=zh-CN]"), 1);
    assert_eq!(count(&not_found, "main#main"), 1);
    assert_eq!(build.read("a.txt"), "静态文件内容\n");
}

#[test]
fn aliases_redirect_to_the_page() {
    let site = TestSite::new(&[
        ("content/sec/_index.md", &section("栏目", "")),
        (
            "content/sec/new.md",
            "+++\ntitle = \"新地址\"\naliases = [\"/old/path/\"]\n+++\n正文\n",
        ),
    ]);
    let build = site.build();
    build.assert_ok();
    let target = format!("{BASE_URL}sec/new/");
    let html = build.html("old/path/index.html");
    assert_eq!(
        attrs(&html, "link[rel=canonical]", "href"),
        [target.as_str()]
    );
    let refresh = attrs(&html, "meta[http-equiv=refresh]", "content");
    assert_eq!(refresh.len(), 1);
    assert!(
        refresh[0].ends_with(&format!("url={target}")),
        "{refresh:?}"
    );
    assert_eq!(attrs(&html, "a", "href"), [target.as_str()]);
}

#[test]
fn drafts_are_excluded_unless_asked_for() {
    let site = TestSite::new(&[
        ("content/sec/_index.md", &section("栏目", "")),
        (
            "content/sec/pub.md",
            &page("已发布", "2024-03-05", "正文\n"),
        ),
        (
            "content/sec/draft.md",
            "+++\ntitle = \"草稿\"\ndate = 2024-03-06\ndraft = true\n+++\n正文\n",
        ),
    ]);
    let build = site.build();
    build.assert_ok();
    assert!(!build.file("sec/draft").exists());
    assert_eq!(
        listed_titles(&build.html("sec/index.html"), "/sec/"),
        ["已发布"]
    );
    assert!(!build.read("sitemap.xml").contains("sec/draft/"));
    assert!(!build.read("atom.xml").contains("草稿"));

    let with = site.build_args(&["--drafts"]);
    with.assert_ok();
    assert_eq!(texts(&with.html("sec/draft/index.html"), "h1"), ["草稿"]);
    assert_eq!(
        listed_titles(&with.html("sec/index.html"), "/sec/"),
        ["草稿", "已发布"]
    );
}

const HUGO: &str = "---
title: \"Hugo 风格的通知\"
date: 2024-03-05T09:00:00+08:00
draft: false
slug: hugo-notice
tags: [\"防汛\", \"演练\"]
categories: [\"通知公告\"]
weight: 10
aliases: [\"/hugo/old/\"]
description: \"来自 Hugo 站点的描述\"
---
Hugo 正文。
";

const ZOLA: &str = "+++
title = \"Zola 风格的通知\"
date = 2024-03-06
description = \"来自 Zola 站点的描述\"

[taxonomies]
tags = [\"防汛\"]
categories = [\"公告\"]

[extra]
source = \"zola\"
+++
Zola 正文。
";

#[test]
fn hugo_yaml_and_zola_toml_files_build_unchanged() {
    let site = TestSite::new(&[
        ("content/sec/_index.md", &section("栏目", "")),
        ("content/sec/hugo.md", HUGO),
        ("content/sec/zola.md", ZOLA),
    ]);
    let build = site.build();
    build.assert_ok();
    let hugo = build.html("sec/hugo-notice/index.html");
    assert_eq!(texts(&hugo, "h1"), ["Hugo 风格的通知"]);
    assert_eq!(
        attrs(&hugo, "meta[name=description]", "content"),
        ["来自 Hugo 站点的描述"]
    );
    assert!(build.exists("hugo/old/index.html"));
    let zola = build.html("sec/zola/index.html");
    assert_eq!(texts(&zola, "h1"), ["Zola 风格的通知"]);
    assert_eq!(
        listed_titles(&build.html("tags/防汛/index.html"), "/sec/"),
        ["Zola 风格的通知", "Hugo 风格的通知"]
    );
    assert_eq!(
        listed_titles(&build.html("categories/公告/index.html"), "/sec/"),
        ["Zola 风格的通知"]
    );
    assert_eq!(
        listed_titles(&build.html("categories/通知公告/index.html"), "/sec/"),
        ["Hugo 风格的通知"]
    );
}

#[test]
fn chinese_key_aliases_work_in_toml_and_yaml() {
    let site = TestSite::new(&[
        ("content/sec/_index.md", &section("栏目", "")),
        (
            "content/sec/t.md",
            "+++\n\"标题\" = \"中文键的 TOML 页面\"\n\"日期\" = 2024-03-05\n\"标签\" = [\"中文键\"]\n+++\n正文\n",
        ),
        (
            "content/sec/y.md",
            "---\n标题: 中文键的 YAML 页面\n日期: 2024-03-06\n标签: [中文键]\n---\n正文\n",
        ),
    ]);
    let build = site.build();
    build.assert_ok();
    assert_eq!(
        texts(&build.html("sec/t/index.html"), "h1"),
        ["中文键的 TOML 页面"]
    );
    assert_eq!(
        texts(&build.html("sec/y/index.html"), "h1"),
        ["中文键的 YAML 页面"]
    );
    assert_eq!(
        listed_titles(&build.html("tags/中文键/index.html"), "/sec/"),
        ["中文键的 YAML 页面", "中文键的 TOML 页面"]
    );
}

#[test]
fn heading_ids_keep_chinese() {
    let site = one_page_site();
    let build = site.build();
    build.assert_ok();
    let html = build.html("notices/a/index.html");
    let ids = attrs(&html, "main h2[id]", "id");
    assert!(ids.iter().any(|id| id.contains("基本情况")), "{ids:?}");
}

/// The list template is a site override so the test does not depend on
/// whether the default theme shows summaries: it prints each listed page's
/// `description`, the summary the paginator offers.
#[test]
fn more_marker_bounds_the_summary_in_the_section_list() {
    let site = TestSite::new(&[
        ("content/sec/_index.md", &section("栏目", "")),
        (
            "content/sec/a.md",
            &page(
                "有摘要的通知",
                "2024-03-05",
                "摘要部分的文字。\n\n<!-- more -->\n\n正文后面的部分。\n",
            ),
        ),
        (
            "templates/section.html",
            "<!DOCTYPE html>\n<html lang=\"zh-CN\"><body><main id=\"main\"><ul>\
             {% for p in paginator.pages %}<li><a href=\"{{ p.path }}\">{{ p.title }}</a>\
             <p class=\"summary\">{{ p.description }}</p></li>{% endfor %}</ul></main></body></html>\n",
        ),
    ]);
    let build = site.build();
    build.assert_ok();
    let summaries = texts(&build.html("sec/index.html"), "p.summary");
    assert_eq!(summaries.len(), 1);
    assert!(summaries[0].contains("摘要部分的文字"), "{summaries:?}");
    assert!(!summaries[0].contains("正文后面"), "{summaries:?}");
}

/// `page.summary` (the HTML before the marker) is right on the page itself.
#[test]
fn more_marker_sets_the_page_summary() {
    let site = TestSite::new(&[
        ("content/sec/_index.md", &section("栏目", "")),
        (
            "content/sec/a.md",
            &page(
                "有摘要的通知",
                "2024-03-05",
                "摘要部分的文字。\n\n<!-- more -->\n\n正文后面的部分。\n",
            ),
        ),
        (
            "templates/page.html",
            "<!DOCTYPE html>\n<html lang=\"zh-CN\"><body><main id=\"main\"><h1>{{ page.title }}</h1>\
             <div class=\"summary\">{{ page.summary | safe }}</div></main></body></html>\n",
        ),
    ]);
    let build = site.build();
    build.assert_ok();
    let summary = texts(&build.html("sec/a/index.html"), "div.summary");
    assert_eq!(summary, ["摘要部分的文字。"]);
}

#[test]
fn strong_closes_after_chinese_punctuation() {
    let site = TestSite::new(&[
        ("content/sec/_index.md", &section("栏目", "")),
        (
            "content/sec/a.md",
            &page(
                "报送通知",
                "2024-03-05",
                "**重要提示：**请于3月5日前报送。\n",
            ),
        ),
    ]);
    let build = site.build();
    build.assert_ok();
    let html = build.html("sec/a/index.html");
    assert_eq!(texts(&html, "main strong"), ["重要提示："]);
    assert!(
        build
            .read("sec/a/index.html")
            .contains("<strong>重要提示：</strong>")
    );
}

/// Every http(s) URL in `text` whose host is not the site's.
fn foreign_urls(text: &str) -> Vec<String> {
    let site_host = BASE_URL
        .trim_start_matches("https://")
        .trim_end_matches('/');
    let mut found = Vec::new();
    for scheme in ["http://", "https://"] {
        for (i, _) in text.match_indices(scheme) {
            let rest = &text[i + scheme.len()..];
            let host: String = rest
                .chars()
                .take_while(|c| !matches!(c, '/' | '"' | '\'' | ')' | ' ' | '>' | '?' | '#'))
                .collect();
            if host != site_host {
                let end = rest.find(['"', '\'', ')', ' ', '>']).unwrap_or(rest.len());
                found.push(format!("{scheme}{}", &rest[..end]));
            }
        }
    }
    found
}

#[test]
fn default_theme_references_no_external_host() {
    let site = common::rich_site();
    let build = site.build();
    build.assert_ok();
    let mut problems = Vec::new();
    let mut html_files = 0;
    for rel in files_under(&build.out) {
        if rel.ends_with(".html") {
            html_files += 1;
            let html = build.html(&rel);
            let mut refs = attrs(&html, "[src]", "src");
            refs.extend(attrs(&html, "link[href]", "href"));
            refs.extend(attrs(&html, "script[href]", "href"));
            for r in refs {
                for url in foreign_urls(&r) {
                    problems.push(format!("{rel}: {url}"));
                }
            }
            for css in texts(&html, "style") {
                for url in css_urls(&css) {
                    problems.push(format!("{rel} <style>: {url}"));
                }
            }
            for style in attrs(&html, "[style]", "style") {
                for url in css_urls(&style) {
                    problems.push(format!("{rel} style=: {url}"));
                }
            }
        } else if rel.ends_with(".css") {
            let css = build.read(&rel);
            assert!(css.contains('{'), "{rel} is not CSS");
            for url in css_urls(&css) {
                problems.push(format!("{rel}: {url}"));
            }
            for line in css.lines().filter(|l| l.contains("@import")) {
                problems.extend(
                    foreign_urls(line)
                        .into_iter()
                        .map(|u| format!("{rel}: {u}")),
                );
            }
        }
    }
    assert!(html_files > 10, "too few HTML files scanned");
    assert!(
        files_under(&build.out).iter().any(|f| f.ends_with(".css")),
        "no CSS scanned"
    );
    assert!(problems.is_empty(), "external references: {problems:#?}");
}

/// The foreign URLs inside `url(...)` of a piece of CSS.
fn css_urls(css: &str) -> Vec<String> {
    css.match_indices("url(")
        .flat_map(|(i, _)| {
            let rest = &css[i + 4..];
            let inner = &rest[..rest.find(')').unwrap_or(rest.len())];
            foreign_urls(inner.trim().trim_matches(['"', '\'']))
        })
        .collect()
}

#[test]
fn foreign_url_scanner_catches_cdns() {
    assert_eq!(
        foreign_urls("https://cdn.example.com/x.js"),
        ["https://cdn.example.com/x.js"]
    );
    assert!(foreign_urls(&format!("{BASE_URL}css/site.css")).is_empty());
    assert_eq!(
        css_urls("a{background:url(\"http://fonts.example.net/f.woff\")}"),
        ["http://fonts.example.net/f.woff"]
    );
}

/// A portal served under a sub-path (`https://host/gov/`): every link the
/// theme writes has the base path once — the menu, the theme's own files,
/// the breadcrumbs — and the link check finds none broken.
#[test]
fn a_site_under_a_sub_path_links_everything_once() {
    let site = one_page_site();
    site.write(
        "gazette.toml",
        "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/gov/\"\n\n[[menu]]\nname = \"首页\"\nurl = \"/\"\n\n[[menu]]\nname = \"通知公告\"\nurl = \"/notices/\"\n\n[[menu]]\nname = \"政策解读\"\nurl = \"/解读/\"\n",
    );
    site.write("content/解读/_index.md", section("政策解读", ""));
    let build = site.build();
    build.assert_ok();
    let list = build.html("notices/index.html");
    assert_eq!(
        attrs(&list, ".site-nav a", "href"),
        ["/gov/", "/gov/notices/", "/gov/%E8%A7%A3%E8%AF%BB/"]
    );
    // A Chinese path is marked current too (both sides percent-encoded).
    let chinese = build.html("解读/index.html");
    assert_eq!(
        attrs(&chinese, ".site-nav a[aria-current=page]", "href"),
        ["/gov/%E8%A7%A3%E8%AF%BB/"]
    );
    assert_eq!(
        attrs(&list, ".site-nav a[aria-current=page]", "href"),
        ["/gov/notices/"]
    );
    let page = build.html("notices/a/index.html");
    assert_eq!(
        attrs(&page, ".site-nav a[aria-current=true]", "href"),
        ["/gov/notices/"]
    );
    assert!(
        attrs(&page, "link[rel=stylesheet]", "href").contains(&"/gov/css/site.css".to_string())
    );
    assert_eq!(attrs(&page, ".breadcrumbs a", "href")[0], "/gov/");
}
