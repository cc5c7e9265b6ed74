//! The disclosure guide from `data/guide.toml`: every value Article 12
//! requires, each missing or blank one an error at its file and line with
//! the key to add; the page, its "last updated" date, links to it.

mod common;

use common::{TestSite, attrs, texts};

const FILE: &str = "data/guide.toml";

const GUIDE: &str = r#"title = "测试县政府信息公开指南"
updated = 2025-02-18
intro = "本指南每年更新。"

[arrangement]
text = "按主题和体裁分类编排。"

[proactive]
channels = "政府网站、政府公报。"

[on_request]
channels = "当面、信函、网上。"
procedure = "登记、审查、答复、送达。"
fees = "不收取费用。"

[office]
name = "测试县人民政府办公室"
address = "人民路1号"
hours = "工作日8:30—17:30"
phone = "0000-1234567"
fax = "0000-1234568"
email = "gk@t.example.gov.cn"
"#;

fn site(guide: &str) -> TestSite {
    TestSite::new(&[
        (
            "content/disclosure/_index.md",
            "+++\ntitle = \"政府信息公开\"\n+++\n",
        ),
        (FILE, guide),
    ])
}

fn line_of(text: &str, start: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(start))
        .expect(start)
        + 1
}

fn without(text: &str, start: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with(start))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn the_guide_page_shows_every_part_and_its_last_update() {
    let s = site(GUIDE);
    let build = s.build();
    build.assert_ok();
    let html = build.html("disclosure/guide/index.html");
    assert_eq!(texts(&html, "h1"), ["测试县政府信息公开指南"]);
    assert_eq!(texts(&html, ".guide-updated"), ["最后更新：2025年2月18日"]);
    assert_eq!(
        attrs(&html, ".guide-updated time", "datetime")[0][..10],
        *"2025-02-18"
    );
    assert_eq!(
        texts(&html, "article h2"),
        [
            "一、政府信息的分类与编排",
            "二、主动公开",
            "三、依申请公开",
            "四、政府信息公开工作机构"
        ]
    );
    let office: Vec<String> = texts(&html, ".guide-office th");
    assert_eq!(
        office,
        [
            "机构名称",
            "办公地址",
            "办公时间",
            "联系电话",
            "传真",
            "电子邮箱"
        ]
    );
    assert!(texts(&html, ".guide-office td").contains(&"0000-1234568".to_string()));
    assert!(texts(&html, "#on-request p").contains(&"不收取费用。".to_string()));
    let list = build.html("disclosure/index.html");
    assert_eq!(texts(&list, ".data-pages a"), ["测试县政府信息公开指南"]);
}

#[test]
fn each_required_value_missing_is_an_error_naming_its_key() {
    let cases = [
        ("fax =", "office.fax", "[office]", "传真"),
        ("hours =", "office.hours", "[office]", "办公时间"),
        ("fees =", "on_request.fees", "[on_request]", "收费"),
        (
            "procedure =",
            "on_request.procedure",
            "[on_request]",
            "办理程序",
        ),
        ("text =", "arrangement.text", "[arrangement]", "分类与编排"),
    ];
    for (line_start, key, table, label) in cases {
        let text = without(GUIDE, line_start);
        let check = site(&text).check();
        let d = check.error_in(FILE);
        assert_eq!(d.line, Some(line_of(&text, table)), "{key}");
        assert!(
            d.message.contains(key) && d.message.contains(label),
            "{}",
            d.message
        );
        let leaf = key.rsplit('.').next().unwrap();
        assert_eq!(
            d.hint.as_deref(),
            Some(format!("在 {table} 下加上 {leaf} = \"…\"").as_str())
        );
    }
}

#[test]
fn a_blank_value_is_an_error_at_its_line() {
    let text = GUIDE.replace("phone = \"0000-1234567\"", "phone = \"  \"");
    let check = site(&text).check();
    let d = check.error_in(FILE);
    assert_eq!(d.line, Some(line_of(&text, "phone =")));
    assert!(
        d.message.contains("office.phone") && d.message.contains("空"),
        "{}",
        d.message
    );
}

#[test]
fn the_office_needs_an_email_or_a_website() {
    let text = without(GUIDE, "email =");
    let d = site(&text).check().error_in(FILE).clone();
    assert_eq!(d.line, Some(line_of(&text, "[office]")));
    assert!(d.message.contains("office.email") && d.message.contains("office.website"));
    let with_site = format!("{text}website = \"www.t.example.gov.cn\"\n");
    let s = site(&with_site);
    let build = s.build();
    build.assert_ok();
    let html = build.html("disclosure/guide/index.html");
    assert!(texts(&html, ".guide-office th").contains(&"网址".to_string()));
}

#[test]
fn a_missing_table_and_a_missing_update_date_are_all_reported_at_once() {
    let text: String = without(&without(GUIDE, "updated ="), "name =");
    let text = text.replace("[office]\n", "[offfice]\n");
    let check = site(&text).check();
    let errors = check.errors();
    // The misspelt table is refused by name at its line; nothing else is checked.
    assert_eq!(errors.len(), 1, "{:#?}", check.diagnostics);
    assert_eq!(errors[0].line, Some(line_of(&text, "[offfice]")));
    assert!(
        errors[0].message.contains("offfice"),
        "{}",
        errors[0].message
    );

    let text = without(&without(GUIDE, "updated ="), "name =");
    let check = site(&text).check();
    let mut messages: Vec<(Option<usize>, String)> = check
        .errors()
        .iter()
        .map(|d| (d.line, d.message.clone()))
        .collect();
    messages.sort();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert_eq!(messages[0].0, Some(1));
    assert!(messages[0].1.contains("updated"));
    assert_eq!(messages[1].0, Some(line_of(&text, "[office]")));
    assert!(messages[1].1.contains("office.name"));
}

#[test]
fn links_to_the_old_markdown_guide_reach_the_data_page() {
    let s = site(GUIDE);
    s.write(
        "content/disclosure/apply.md",
        "+++\ntitle = \"依申请公开\"\n+++\n见[指南](@/disclosure/guide.md)和[同一指南](@/data/guide.toml)。\n",
    );
    let build = s.build();
    build.assert_ok();
    let html = build.html("disclosure/apply/index.html");
    let hrefs = attrs(&html, "main .prose a", "href");
    assert_eq!(hrefs, ["/disclosure/guide/", "/disclosure/guide/"]);
    assert!(build.read("sitemap.xml").contains("/disclosure/guide/"));
}

#[test]
fn a_broken_link_in_the_guide_is_reported_at_its_line() {
    let text = GUIDE.replace(
        "fees = \"不收取费用。\"",
        "fees = \"\"\"\n不收取费用。\n\n见[标准](@/nowhere.md)。\n\"\"\"",
    );
    let d = site(&text).check().error_in(FILE).clone();
    assert_eq!(d.line, Some(line_of(&text, "见[标准]")));
    assert!(d.message.contains("@/nowhere.md"), "{}", d.message);
}

#[test]
fn an_alias_keeps_an_old_address_working() {
    let text = GUIDE.replace("intro =", "aliases = [\"/gkzn/\"]\nintro =");
    let s = site(&text);
    let build = s.build();
    build.assert_ok();
    assert!(build.read("gkzn/index.html").contains("/disclosure/guide/"));
}
