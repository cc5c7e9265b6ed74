use super::{ID, PHONE, Unreadable, error_of, text_of, zip_of};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"#;

/// A WordprocessingML part whose body is `body`.
fn part(root: &str, body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:{root} xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">{body}</w:{root}>"#
    )
}

fn docx(parts: &[(&str, String)]) -> Vec<u8> {
    let mut all: Vec<(&str, &[u8])> = vec![("[Content_Types].xml", CONTENT_TYPES.as_bytes())];
    all.extend(parts.iter().map(|(n, c)| (*n, c.as_bytes())));
    zip_of(&all)
}

fn paragraph(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

#[test]
fn body_paragraphs_and_table_cells() {
    let body = format!(
        "<w:body>{}<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>\
         <w:tr><w:tc>{}</w:tc><w:tc><w:p><w:r><w:t>{}</w:t></w:r><w:r><w:t>{}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>{}</w:body>",
        paragraph("公示名单"),
        paragraph("姓名"),
        paragraph("身份证号"),
        paragraph("张三"),
        &ID[..6],
        &ID[6..],
        paragraph("以上"),
    );
    let bytes = docx(&[("word/document.xml", part("document", &body))]);
    assert_eq!(
        text_of("docx", &bytes),
        format!("公示名单\n姓名\t身份证号\n张三\t{ID}\n以上\n")
    );
}

#[test]
fn headers_footers_notes_and_comments_are_read() {
    let body = format!("<w:body>{}</w:body>", paragraph("正文"));
    let bytes = docx(&[
        ("word/document.xml", part("document", &body)),
        ("word/header1.xml", part("hdr", &paragraph("联系人 张三"))),
        (
            "word/footer1.xml",
            part("ftr", &paragraph(&format!("电话 {PHONE}"))),
        ),
        (
            "word/footnotes.xml",
            part(
                "footnotes",
                &format!("<w:footnote>{}</w:footnote>", paragraph(ID)),
            ),
        ),
        (
            "word/comments.xml",
            part(
                "comments",
                &format!("<w:comment>{}</w:comment>", paragraph("批注：李四")),
            ),
        ),
        ("word/styles.xml", part("styles", &paragraph("not text"))),
    ]);
    let text = text_of("docx", &bytes);
    for wanted in ["正文", "联系人 张三", PHONE, ID, "批注：李四"] {
        assert!(text.contains(wanted), "{wanted} missing from {text:?}");
    }
    assert!(!text.contains("not text"), "{text:?}");
    assert!(text.starts_with("正文\n"), "the body comes first: {text:?}");
}

#[test]
fn runs_tabs_breaks_entities_and_deleted_text() {
    let body = "<w:body><w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>\
        <w:r><w:t xml:space=\"preserve\">电话 </w:t><w:tab/><w:t>138</w:t></w:r>\
        <w:r><w:t>1234</w:t></w:r><w:r><w:t>1234</w:t><w:br/><w:t>A&amp;B &#x5F20;</w:t></w:r>\
        <w:del><w:r><w:delText>删去的 110105194912310021</w:delText></w:r></w:del>\
        <w:r><w:instrText> HYPERLINK \"x\" </w:instrText></w:r></w:p></w:body>";
    let bytes = docx(&[("word/document.xml", part("document", body))]);
    assert_eq!(
        text_of("docx", &bytes),
        "电话 \t13812341234\nA&B 张删去的 110105194912310021\n"
    );
}

#[test]
fn text_boxes_are_read_once() {
    let body = format!(
        "<w:body><w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:txbxContent>{}</w:txbxContent></mc:Choice>\
         <mc:Fallback><w:txbxContent>{}</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p></w:body>",
        paragraph(PHONE),
        paragraph(PHONE),
    );
    let bytes = docx(&[("word/document.xml", part("document", &body))]);
    let text = text_of("docx", &bytes);
    assert_eq!(text.matches(PHONE).count(), 1, "{text:?}");
}

#[test]
fn damaged_packages_are_reported() {
    assert!(matches!(
        error_of("docx", b"PK\x03\x04 not really"),
        Unreadable::Damaged(_)
    ));
    assert!(matches!(error_of("docx", b""), Unreadable::Damaged(_)));

    let whole = docx(&[("word/document.xml", part("document", &paragraph(ID)))]);
    let cut = &whole[..whole.len() / 2];
    assert!(matches!(error_of("docx", cut), Unreadable::Damaged(_)));

    let no_body = docx(&[("word/header1.xml", part("hdr", &paragraph(ID)))]);
    assert!(
        matches!(error_of("docx", &no_body), Unreadable::Damaged(m) if m.contains("document.xml"))
    );

    let broken_xml = docx(&[("word/document.xml", "<w:document><w:body></w:p>".to_owned())]);
    assert!(matches!(error_of("docx", &broken_xml), Unreadable::Damaged(m) if m.contains("XML")));
}

#[test]
fn password_protected_and_legacy_files_are_told_apart() {
    // Office saves a protected docx as a compound file with an
    // EncryptedPackage stream; a .doc renamed .docx has none.
    let mut protected = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    protected.resize(512, 0);
    protected.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(error_of("docx", &protected), Unreadable::Encrypted);

    let mut legacy = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    legacy.resize(1024, 0);
    assert_eq!(error_of("docx", &legacy), Unreadable::Format("doc"));
    assert_eq!(error_of("xlsx", &legacy), Unreadable::Format("xls"));
}

#[test]
fn zip_passwords_are_reported_as_encrypted() {
    use std::io::{Cursor, Write};
    use zip::unstable::write::FileOptionsExt;
    use zip::write::SimpleFileOptions;

    let options = SimpleFileOptions::default()
        .with_deprecated_encryption(b"secret")
        .expect("password");
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    writer
        .start_file("word/document.xml", options)
        .expect("start");
    writer
        .write_all(part("document", &paragraph(ID)).as_bytes())
        .expect("write");
    let bytes = writer.finish().expect("finish").into_inner();
    assert_eq!(error_of("docx", &bytes), Unreadable::Encrypted);
}

#[test]
fn zip_bombs_are_capped() {
    // 65 MiB of spaces inside the body deflate to some 65 KiB.
    let mut xml = part(
        "document",
        "<w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body>",
    )
    .into_bytes();
    let at = xml.len() - "</w:document>".len();
    xml.splice(at..at, vec![b' '; 65 << 20]);
    let bytes = zip_of(&[("word/document.xml", &xml)]);
    assert!(
        bytes.len() < 1 << 20,
        "the bomb should be small: {}",
        bytes.len()
    );
    let message = match error_of("docx", &bytes) {
        Unreadable::Damaged(m) => m,
        other => panic!("expected Damaged, got {other:?}"),
    };
    assert!(message.contains("64 MiB"), "{message}");
}
