//! Snapshot tests of Markdown rendering: what editors write, what readers get.

use super::*;

fn known(rel: &str) -> Option<String> {
    match rel {
        "notices/a.md" => Some("/notices/a/".into()),
        "notices/_index.md" => Some("/notices/".into()),
        _ => None,
    }
}

fn html(md: &str) -> String {
    render(md, 60, &known).0.html
}

#[test]
fn extensions_render() {
    let md = "\
## 一、基本情况 {#basic}

| 项目 | 数量 |
|---|---|
| 新收申请 | 59 |

- [x] 已完成
- [ ] 待办

~~删除线~~ 与脚注[^1]。

[^1]: 脚注内容。
";
    insta::assert_snapshot!(html(md));
}

#[test]
fn heading_ids_keep_chinese_and_are_unique() {
    let (r, _) = render(
        "## 一、基本情况\n\n## 一、基本情况\n\n### Next Steps\n",
        60,
        &known,
    );
    insta::assert_snapshot!(r.html);
    assert_eq!(r.toc.len(), 2);
    assert_eq!(r.toc[0].id, "一基本情况");
    assert_eq!(r.toc[1].id, "一基本情况-1");
    assert_eq!(r.toc[1].children[0].id, "next-steps");
}

#[test]
fn internal_links_resolve_with_anchor() {
    let (r, broken) = render(
        "见[通知](@/notices/a.md#二)和[栏目](@/notices/_index.md)。\n",
        60,
        &known,
    );
    assert!(broken.is_empty());
    insta::assert_snapshot!(r.html);
}

#[test]
fn broken_internal_links_are_reported_with_offsets() {
    let body = "第一段。\n\n见[缺失](@/notices/missing.md)。\n";
    let (_, broken) = render(body, 60, &known);
    assert_eq!(broken.len(), 1);
    assert_eq!(broken[0].target, "notices/missing.md");
    assert_eq!(&body[..broken[0].offset].matches('\n').count(), &2);
}

#[test]
fn summary_uses_more_marker() {
    let (r, _) = render("导语一段。\n\n<!-- more -->\n\n正文。\n", 60, &known);
    insta::assert_snapshot!(r.summary_html.unwrap());
}

#[test]
fn summary_counts_characters_not_words() {
    let (r, _) = render(
        "为进一步做好政务信息报送工作，现将有关事项通知如下。\n",
        10,
        &known,
    );
    assert_eq!(r.summary_text, "为进一步做好政务信息…");
    assert_eq!(r.word_count, 24);
}

#[test]
fn cjk_emphasis_closes_after_chinese_punctuation() {
    insta::assert_snapshot!(html("**重要提示：**请于3月5日前报送。\n"));
}

#[test]
fn body_h1_moves_down_so_the_title_stays_the_only_h1() {
    let out = html("# 总则\n\n## 第一条\n\n###### 细则\n");
    assert!(!out.contains("<h1"), "{out}");
    assert!(out.contains("<h2 id=\"总则\">总则</h2>"), "{out}");
    assert!(out.contains("<h3 id=\"第一条\">"), "{out}");
    assert!(out.contains("<h6 id=\"细则\">"), "{out}");
}
