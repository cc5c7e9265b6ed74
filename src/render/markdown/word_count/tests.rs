use super::*;

/// The count by its definition, a character at a time.
fn by_chars(text: &str) -> usize {
    let (mut count, mut in_word) = (0, false);
    for c in text.chars() {
        let word = !is_cjk(c) && c.is_alphanumeric();
        count += usize::from(is_cjk(c) || (word && !in_word));
        in_word = word;
    }
    count
}

#[test]
fn the_fast_answers_are_the_unicode_tables_answers() {
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        assert_eq!(
            is_word_char(c),
            c.is_alphanumeric(),
            "{c:?} U+{:04X}",
            c as u32
        );
    }
    assert_eq!(count_words("二〇二四年"), 5);
}

#[test]
fn the_punctuation_told_from_bytes_is_neither_word_nor_cjk() {
    let mut told = 0;
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let mut utf8 = [0u8; 4];
        if is_common_punctuation(c.encode_utf8(&mut utf8).as_bytes()) {
            assert!(
                !is_cjk(c) && !c.is_alphanumeric(),
                "{c:?} U+{:04X}",
                c as u32
            );
            told += 1;
        }
    }
    assert_eq!(told, 15 + 7 + 5 + 24 + 64);
}

#[test]
fn cjk_characters_count_one_each() {
    assert_eq!(count_words("信息公开"), 4);
    assert_eq!(count_words("共印 120 份 copies"), 5);
    assert_eq!(count_words("，。、“”（）…"), 0);
    assert_eq!(count_words("ＡＢＣ　１２３"), 2);
    assert_eq!(count_words("Ünïcode ＸＹ"), 2);
    assert_eq!(count_words("𠀀𠀁 a1 é"), 4);
    // U+4DC0–U+4DFF (lead E4, like 一 and 信) are symbols, not words.
    assert_eq!(count_words("一䷀信䷿"), 2);
    assert_eq!(count_words(&"信息公开".repeat(10)), 40);
    assert_eq!(
        count_words(&format!("{}䷀{}", "政".repeat(9), "务".repeat(20))),
        29
    );
    assert_eq!(count_words(&format!("{}ab", "政".repeat(30))), 31);
    assert_eq!(count_words(""), 0);
}

/// Every kind of character at every offset across the edge of a block:
/// a word character split by the edge must still be one run with its
/// neighbours, a CJK character one word, a break no word.
#[test]
fn characters_across_block_edges_count_as_one() {
    for piece in [
        "ＡＢ", "aＡb", "Ｘ1", "é1", "〇〇", "𠀀", "あい", "信", "䷀a", "，a", "a。b", "1",
    ] {
        for fill in ["a", " ", "信", "，"] {
            for offset in 0..=70 {
                let mut text = fill.repeat(offset / fill.len());
                text.push_str(piece);
                text.push_str("a b");
                assert_eq!(count_words(&text), by_chars(&text), "{text:?}");
            }
        }
    }
}

proptest::proptest! {
    #[test]
    fn bytes_and_chars_count_alike(text in "(\\PC|[一-龥㐀-䶵䶶-䷿，。Ａ-ｚ])*") {
        proptest::prop_assert_eq!(count_words(&text), by_chars(&text));
    }

    /// Long texts (several blocks) of ideographs, hexagrams, punctuation,
    /// letters and digits of both widths.
    #[test]
    fn long_texts_count_alike(text in "([一-龥]{0,30}[䷀-䷿]?[一-龥]{0,30}[a-zＡ-ｚ0-9０-９，。é 〇]{0,5}){0,12}") {
        proptest::prop_assert_eq!(count_words(&text), by_chars(&text));
    }
}
