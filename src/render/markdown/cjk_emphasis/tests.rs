//! Tests of the CJK-friendly emphasis repair.

use pulldown_cmark::{Options, Parser, html};

use super::chars::{CharClass, is_cjk};
use super::*;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn parse(source: &str) -> Vec<Spanned<'_>> {
    Parser::new_ext(source, options())
        .into_offset_iter()
        .collect()
}

fn to_html(events: Vec<Spanned<'_>>) -> String {
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter().map(|(event, _)| event));
    out
}

/// HTML of `source` with the repair applied.
fn render(source: &str) -> String {
    to_html(repair(parse(source), source))
}

/// HTML of `source` as plain pulldown-cmark renders it.
fn render_commonmark(source: &str) -> String {
    to_html(parse(source))
}

fn assert_renders(source: &str, expected: &str) {
    assert_eq!(render(source), expected, "source: {source:?}");
}

fn assert_untouched(source: &str) {
    let events = parse(source);
    assert_eq!(repair(events.clone(), source), events, "source: {source:?}");
}

#[test]
fn the_motivating_example() {
    assert_renders(
        "**重要提示：**请于3月5日前报送",
        "<p><strong>重要提示：</strong>请于3月5日前报送</p>\n",
    );
}

#[test]
fn closer_after_cjk_punctuation_before_cjk_text() {
    assert_renders("**中文：**中文", "<p><strong>中文：</strong>中文</p>\n");
    assert_renders("*中文。*中文", "<p><em>中文。</em>中文</p>\n");
    assert_renders(
        "**推荐几个框架：**React、Vue等前端框架。",
        "<p><strong>推荐几个框架：</strong>React、Vue等前端框架。</p>\n",
    );
}

#[test]
fn opener_after_cjk_text_before_cjk_punctuation() {
    assert_renders(
        "这是**（括号）**内容",
        "<p>这是<strong>（括号）</strong>内容</p>\n",
    );
    assert_renders(
        "前文，*「引用」*后文",
        "<p>前文，<em>「引用」</em>后文</p>\n",
    );
}

#[test]
fn full_width_brackets_and_quotes() {
    assert_renders("**「強調」**です", "<p><strong>「強調」</strong>です</p>\n");
    assert_renders(
        "请阅读**《红楼梦》**一书",
        "<p>请阅读<strong>《红楼梦》</strong>一书</p>\n",
    );
    assert_renders(
        "他说**“你好”**然后走了",
        "<p>他说<strong>“你好”</strong>然后走了</p>\n",
    );
    assert_renders(
        "カッコに注意**（太字にならない）**文が続く",
        "<p>カッコに注意<strong>（太字にならない）</strong>文が続く</p>\n",
    );
}

#[test]
fn several_fixes_in_one_paragraph() {
    assert_renders(
        "**重要：**内容，**注意：**内容",
        "<p><strong>重要：</strong>内容，<strong>注意：</strong>内容</p>\n",
    );
}

#[test]
fn emphasis_that_commonmark_paired_wrongly_is_re_paired() {
    // CommonMark nests the second pair inside the first one.
    assert_renders(
        "**重要提示：**请于3月5日前报送**材料**",
        "<p><strong>重要提示：</strong>请于3月5日前报送<strong>材料</strong></p>\n",
    );
}

#[test]
fn nested_triple_delimiters() {
    assert_renders(
        "***重要：***内容",
        "<p><em><strong>重要：</strong></em>内容</p>\n",
    );
    assert_renders(
        "**外层*内层。*外层。**后文",
        "<p><strong>外层<em>内层。</em>外层。</strong>后文</p>\n",
    );
}

#[test]
fn japanese() {
    assert_renders(
        "これは**私のやりたかったこと。**だからするの。",
        "<p>これは<strong>私のやりたかったこと。</strong>だからするの。</p>\n",
    );
    assert_renders(
        "**[製品ほげ](./product-foo)**と**[製品ふが](./product-bar)**をお試しください",
        "<p><strong><a href=\"./product-foo\">製品ほげ</a></strong>と<strong><a href=\"./product-bar\">製品ふが</a></strong>をお試しください</p>\n",
    );
}

#[test]
fn korean() {
    assert_renders(
        "**스크립트(script)**라고",
        "<p><strong>스크립트(script)</strong>라고</p>\n",
    );
    assert_renders(
        "패키지를 발행하려면 **`npm publish`**를 실행하십시오.",
        "<p>패키지를 발행하려면 <strong><code>npm publish</code></strong>를 실행하십시오.</p>\n",
    );
}

#[test]
fn mixed_with_ascii() {
    assert_renders("**Note：**请注意", "<p><strong>Note：</strong>请注意</p>\n");
    assert_renders("**foo:**中文", "<p><strong>foo:</strong>中文</p>\n");
    assert_renders(
        "*foo* **bar** **中文：**中文 _baz_",
        "<p><em>foo</em> <strong>bar</strong> <strong>中文：</strong>中文 <em>baz</em></p>\n",
    );
}

#[test]
fn variation_selectors_take_the_class_of_their_base() {
    // U+FE01 after a curly quote asks for its full-width (CJK) form.
    assert_renders(
        "**“\u{FE01}Git”\u{FE01}**Hub",
        "<p><strong>“\u{FE01}Git”\u{FE01}</strong>Hub</p>\n",
    );
    assert_renders(
        "“\u{FE01}Git”\u{FE01}__Hub__",
        "<p>“\u{FE01}Git”\u{FE01}<strong>Hub</strong></p>\n",
    );
    assert_renders(
        "正體字。\u{FE01}_Traditional._",
        "<p>正體字。\u{FE01}<em>Traditional.</em></p>\n",
    );
    // An ideographic variation selector (U+E0100) counts as CJK.
    assert_renders(
        "葛\u{E0100}**(正式表記)**城市",
        "<p>葛\u{E0100}<strong>(正式表記)</strong>城市</p>\n",
    );
}

#[test]
fn non_cjk_punctuation_still_blocks_between_non_cjk_letters() {
    for source in ["a**a«**a", "a**»a**a", "a**a∇**a", "a**𝜵a**a"] {
        assert_eq!(render(source), format!("<p>{source}</p>\n"));
    }
    assert_renders("a**〰**a", "<p>a<strong>〰</strong>a</p>\n");
}

#[test]
fn ascii_only_keeps_commonmark_behaviour() {
    assert_renders("**foo:**bar", "<p>**foo:**bar</p>\n");
    for source in [
        "**foo:**bar",
        "*a **b** c*",
        "foo*bar*",
        "snake_case_name",
        "**(a)**b",
        "__a__b",
    ] {
        assert_untouched(source);
        assert_eq!(render(source), render_commonmark(source));
    }
}

#[test]
fn escaped_delimiters_stay_literal() {
    assert_renders("\\*\\*中文：\\*\\*中文", "<p>**中文：**中文</p>\n");
    // `*中文：**` cannot pair: the rule of three forbids 1 + 2.
    assert_renders("\\**中文：**中文", "<p>**中文：**中文</p>\n");
}

#[test]
fn code_spans_are_never_touched() {
    assert_renders("`**：**`中文", "<p><code>**：**</code>中文</p>\n");
    assert_renders(
        "```\n**中文：**中文\n```\n",
        "<pre><code>**中文：**中文\n</code></pre>\n",
    );
    assert_renders(
        "<http://a.com/**x：**y>中",
        "<p><a href=\"http://a.com/**x%EF%BC%9A**y\">http://a.com/**x：**y</a>中</p>\n",
    );
}

#[test]
fn unmatched_delimiters_stay_literal() {
    assert_renders("**中文：中文", "<p>**中文：中文</p>\n");
    assert_renders("中文：**中文", "<p>中文：**中文</p>\n");
}

#[test]
fn emphasis_already_parsed_is_left_as_is() {
    for source in [
        "**中文**和*强调*",
        "__注意__：注意事項",
        "注意：__注意事項__",
        "**真**，她",
    ] {
        assert_untouched(source);
    }
    assert_renders(
        "**中文**和*强调*",
        "<p><strong>中文</strong>和<em>强调</em></p>\n",
    );
}

#[test]
fn underscores_inside_cjk_text_do_not_emphasise() {
    // A `_` run flanked on both sides closes only before punctuation.
    for source in [
        "中文_强调_中文",
        "中文：_强调。_中文",
        "_注意：_后文",
        "__中文，__中文",
    ] {
        assert_eq!(render(source), format!("<p>{source}</p>\n"));
    }
}

#[test]
fn pairs_never_cross_a_link_boundary() {
    assert_renders(
        "[**链接：](u)**中文",
        "<p><a href=\"u\">**链接：</a>**中文</p>\n",
    );
    assert_renders(
        "[**链接：**中文](u)",
        "<p><a href=\"u\"><strong>链接：</strong>中文</a></p>\n",
    );
}

#[test]
fn pairs_never_cross_blocks() {
    assert_renders("**中文：\n\n**中文", "<p>**中文：</p>\n<p>**中文</p>\n");
}

#[test]
fn strikethrough_content_is_repaired_inside() {
    assert_renders(
        "~~**删除：**内容~~",
        "<p><del><strong>删除：</strong>内容</del></p>\n",
    );
}

#[test]
fn list_item() {
    assert_renders(
        "- **注意：**内容\n",
        "<ul>\n<li><strong>注意：</strong>内容</li>\n</ul>\n",
    );
    assert_renders(
        "- **注意：**内容\n  - **嵌套：**内容\n",
        "<ul>\n<li><strong>注意：</strong>内容\n<ul>\n<li><strong>嵌套：</strong>内容</li>\n</ul>\n</li>\n</ul>\n",
    );
}

#[test]
fn table_cell() {
    assert_renders(
        "| 项目 | 说明 |\n|---|---|\n|**名称：**值| *普通* |\n",
        "<table><thead><tr><th>项目</th><th>说明</th></tr></thead><tbody>\n\
         <tr><td><strong>名称：</strong>值</td><td><em>普通</em></td></tr>\n</tbody></table>\n",
    );
}

#[test]
fn heading() {
    assert_renders(
        "## **第一章：**概述\n",
        "<h2><strong>第一章：</strong>概述</h2>\n",
    );
}

#[test]
fn blockquote_and_lines() {
    assert_renders(
        "> **提示：**内容\n>**再次：**内容",
        "<blockquote>\n<p><strong>提示：</strong>内容\n<strong>再次：</strong>内容</p>\n</blockquote>\n",
    );
}

#[test]
fn documents_without_delimiters_are_returned_unchanged() {
    assert_untouched("# 标题\n\n普通的段落，没有强调。\n\n- 列表\n");
}

#[test]
fn repaired_ranges_point_at_the_source() {
    let source = "前**重要：**后";
    let repaired = repair(parse(source), source);
    let strong = repaired
        .iter()
        .find(|(event, _)| *event == Event::Start(Tag::Strong));
    assert_eq!(
        strong.map(|(_, range)| &source[range.clone()]),
        Some("**重要：**")
    );
    for (event, range) in &repaired {
        if let Event::Text(text) = event {
            assert_eq!(&source[range.clone()], &**text);
        }
    }
}

/// A small deterministic xorshift generator for the fuzz-ish test.
struct Rng(u64);

impl Rng {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }
}

const PIECES: [&str; 32] = [
    "*", "**", "***", "_", "__", "中", "文", "：", "，", "。", "「", "」", "（", "）", "《", "》",
    "“", "”", "a", "b", " ", ":", "(", ")", "\\", "`", "[", "](u)", "\n", "~~", "> ", "- ",
];

fn generate(rng: &mut Rng, pieces: &[&str]) -> String {
    let count = 1 + rng.below(30);
    (0..count)
        .map(|_| pieces[rng.below(pieces.len())])
        .collect()
}

fn assert_balanced(source: &str, events: &[Spanned<'_>]) {
    let mut open = Vec::new();
    for (event, range) in events {
        assert!(
            range.end <= source.len(),
            "range out of source for {source:?}"
        );
        match event {
            Event::Start(tag) => open.push(tag.to_end()),
            Event::End(end) => assert_eq!(open.pop(), Some(*end), "unbalanced for {source:?}"),
            _ => {}
        }
    }
    assert!(open.is_empty(), "unclosed tags for {source:?}");
}

#[test]
fn generated_inputs_stay_balanced() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..200 {
        let source = generate(&mut rng, &PIECES);
        let repaired = repair(parse(&source), &source);
        assert_balanced(&source, &repaired);
        let _ = to_html(repaired);
    }
}

#[test]
fn generated_inputs_without_cjk_are_untouched() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    // Non-ASCII but non-CJK text takes the full path, not the ASCII exit.
    let mut pieces: Vec<&str> = vec!["é", "—", "«", "»", "…", "ü"];
    pieces.extend(PIECES.iter().filter(|piece| !piece.chars().any(is_cjk)));
    for _ in 0..200 {
        assert_untouched(&generate(&mut rng, &pieces));
    }
}

#[test]
fn character_classes() {
    assert_eq!(CharClass::of('：'), CharClass::CjkPunct);
    assert_eq!(CharClass::of('「'), CharClass::CjkPunct);
    assert_eq!(CharClass::of('中'), CharClass::CjkLetter);
    assert_eq!(CharClass::of('가'), CharClass::CjkLetter);
    assert_eq!(CharClass::of('“'), CharClass::NonCjkPunct);
    assert_eq!(CharClass::of(':'), CharClass::NonCjkPunct);
    assert_eq!(CharClass::of('a'), CharClass::Other);
    assert_eq!(CharClass::of('\u{3000}'), CharClass::Whitespace);
    assert_eq!(CharClass::of('😀'), CharClass::NonCjkPunct);
    assert!(is_cjk('\u{20000}') && is_cjk('\u{3FFFD}') && !is_cjk('\u{1F600}'));
}
