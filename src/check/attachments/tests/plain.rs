use super::{ID, PHONE, Unreadable, error_of, text_of};

#[test]
fn utf8_text_with_chinese_is_read() {
    let text = format!("姓名：张三，身份证号：{ID}，电话：{PHONE}\n");
    for ext in ["txt", "csv", "md", "html", "htm"] {
        assert_eq!(text_of(ext, text.as_bytes()), text, ".{ext}");
    }
}

#[test]
fn byte_order_marks_are_honoured() {
    let mut utf8 = b"\xEF\xBB\xBF".to_vec();
    utf8.extend_from_slice(format!("电话 {PHONE}").as_bytes());
    assert_eq!(text_of("txt", &utf8), format!("电话 {PHONE}"));

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        format!("电话\t{PHONE}")
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    assert_eq!(text_of("csv", &utf16), format!("电话\t{PHONE}"));
}

#[test]
fn gbk_text_is_reported_naming_gbk() {
    // "公开" in GBK.
    let Unreadable::Damaged(message) = error_of("txt", b"\xB9\xAB\xBF\xAA") else {
        panic!("GBK must be reported as damaged");
    };
    assert!(message.contains("GBK"), "{message}");

    // A GBK CSV export: 姓名,电话 then a row.
    let csv = b"\xD0\xD5\xC3\xFB,\xB5\xE7\xBB\xB0\r\n\xD5\xC5\xC8\xFD,13812341234\r\n";
    assert!(matches!(error_of("csv", csv), Unreadable::Damaged(m) if m.contains("GBK")));
}

#[test]
fn other_invalid_utf8_is_read_lossily() {
    // Latin-1 "café au lait": not UTF-8, and not GBK-shaped either.
    let text = text_of("txt", b"caf\xE9 au lait 13812341234");
    assert!(text.contains(PHONE), "{text}");

    // UTF-8 cut in the middle of its last character.
    let mut cut = format!("张三 {PHONE} 李四").into_bytes();
    cut.pop();
    let text = text_of("txt", &cut);
    assert!(text.starts_with(&format!("张三 {PHONE} 李")), "{text}");
}
