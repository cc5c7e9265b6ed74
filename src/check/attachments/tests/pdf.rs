use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;

use super::{ID, PHONE, Unreadable, error_of, text_of};

/// A PDF of `objects` (numbered from 1); see [`pdf_numbered`].
fn pdf(objects: &[Vec<u8>], trailer_extra: &str) -> Vec<u8> {
    let numbered: Vec<(usize, Vec<u8>)> = objects
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, o)| (i + 1, o))
        .collect();
    pdf_numbered(&numbered, trailer_extra)
}

/// A PDF of `objects` (number, body) with a cross-reference table and a
/// trailer holding `/Root 1 0 R` and `trailer_extra`.
fn pdf_numbered(objects: &[(usize, Vec<u8>)], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let size = objects.iter().map(|(n, _)| n + 1).max().unwrap_or(1);
    let mut offsets = vec![None; size];
    for (num, body) in objects {
        offsets[*num] = Some(out.len());
        out.extend_from_slice(format!("{num} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {size}\n").as_bytes());
    for offset in offsets {
        let line = match offset {
            Some(offset) => format!("{offset:010} 00000 n \n"),
            None => "0000000000 65535 f \n".to_owned(),
        };
        out.extend_from_slice(line.as_bytes());
    }
    let trailer = format!(
        "trailer\n<< /Size {size} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n"
    );
    out.extend_from_slice(trailer.as_bytes());
    out
}

/// A stream object with `dict_extra` in its dictionary.
fn stream(dict_extra: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< /Length {} {dict_extra} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

fn deflated(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(data).expect("deflate");
    encoder.finish().expect("deflate")
}

fn obj(text: &str) -> Vec<u8> {
    text.as_bytes().to_vec()
}

/// Catalog, page tree and one page with font F1 (object 5) and
/// `content` as object 4, then `more` objects from 6 on.
fn one_page(content: Vec<u8>, font: &str, more: &[Vec<u8>]) -> Vec<u8> {
    let mut objects = vec![
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        ),
        content,
        obj(font),
    ];
    objects.extend_from_slice(more);
    pdf(&objects, "")
}

const HELVETICA: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

#[test]
fn uncompressed_content_stream() {
    let content = stream("", b"BT /F1 12 Tf (13812341234) Tj ET");
    let text = text_of("pdf", &one_page(content, HELVETICA, &[]));
    assert_eq!(text.trim(), PHONE);
}

#[test]
fn flate_compressed_content_stream() {
    let data = format!("BT /F1 12 Tf 72 700 Td (ID: {ID}) Tj 0 -14 Td (Tel. {PHONE}) Tj ET");
    let content = stream("/Filter /FlateDecode", &deflated(data.as_bytes()));
    let text = text_of("pdf", &one_page(content, HELVETICA, &[]));
    assert_eq!(text, format!("ID: {ID}\nTel. {PHONE}\n"));
}

#[test]
fn string_escapes_hex_strings_and_tj_arrays() {
    let data = b"BT /F1 10 Tf 1 0 0 1 50 800 Tm (a\\(b\\) \\061\\63\\070) Tj\n\
        0 -12 TD [(138)-20(1234)<31323334>] TJ\n\
        T* (line\\\n three ) Tj [(wide)-2000(gap)] TJ ET";
    let text = text_of("pdf", &one_page(stream("", data), HELVETICA, &[]));
    assert_eq!(text, format!("a(b) 138\n{PHONE}\nline three wide gap\n"));
}

#[test]
fn tounicode_cmap_maps_two_byte_codes() {
    // Glyph codes 0001-0002 are 张三, 0010-0019 the digits 0-9.
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        2 beginbfchar <0001> <5F20> <0002> <4E09> endbfchar\n\
        1 beginbfrange <0010> <0019> <0030> endbfrange\n\
        endcmap CMapName currentdict /CMap defineresource pop end end";
    let font = "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H \
        /DescendantFonts [7 0 R] /ToUnicode 6 0 R >>";
    let descendant = obj("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun >>");
    let digits: String = PHONE
        .bytes()
        .map(|d| format!("00{:X}", 0x10 + d - b'0'))
        .collect();
    let data = format!("BT /F1 10.5 Tf 72 700 Td <00010002> Tj ( ) Tj <{digits}> Tj ET");
    let content = stream("/Filter /FlateDecode", &deflated(data.as_bytes()));
    let cmap = stream("/Filter /FlateDecode", &deflated(cmap));
    let text = text_of("pdf", &one_page(content, font, &[cmap, descendant]));
    assert_eq!(text.trim(), format!("张三{PHONE}"));
}

#[test]
fn unicode_encoded_composite_fonts_need_no_cmap() {
    let font = "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H >>";
    let data = "BT /F1 12 Tf 72 700 Td <7535 8BDD 0031 0033 0038> Tj ET";
    let text = text_of("pdf", &one_page(stream("", data.as_bytes()), font, &[]));
    assert_eq!(text.trim(), "电话138");
}

#[test]
fn fonts_in_object_streams_and_forms_are_followed() {
    // The font dictionary (object 5) lives in object stream 6; the page
    // draws form 7, whose text uses it.
    let packed = "5 0 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
    let objstm = stream(
        "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode",
        &deflated(packed.as_bytes()),
    );
    let form_data = format!("BT /F1 9 Tf 0 0 Td ({PHONE}) Tj ET");
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /Font << /F1 5 0 R >> >>",
        form_data.as_bytes(),
    );
    let objects = vec![
        (1, obj("<< /Type /Catalog /Pages 2 0 R >>")),
        (
            2,
            obj(
                "<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /XObject << /Fm1 7 0 R >> >> >>",
            ),
        ),
        (3, obj("<< /Type /Page /Parent 2 0 R /Contents [4 0 R] >>")),
        (4, stream("", b"q 1 0 0 1 72 700 cm /Fm1 Do Q")),
        (6, objstm),
        (7, form),
    ];
    let bytes = pdf_numbered(&objects, "");
    assert_eq!(text_of("pdf", &bytes).trim(), PHONE);
}

#[test]
fn pages_come_in_page_tree_order() {
    let objects = vec![
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj(
            "<< /Type /Pages /Kids [4 0 R 3 0 R] /Count 2 /Resources << /Font << /F1 7 0 R >> >> >>",
        ),
        obj("<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>"),
        obj("<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>"),
        stream("", b"BT /F1 12 Tf 72 700 Td (second) Tj ET"),
        stream("", b"BT /F1 12 Tf 72 700 Td (first) Tj ET"),
        obj(HELVETICA),
    ];
    assert_eq!(text_of("pdf", &pdf(&objects, "")), "first\nsecond\n");
}

#[test]
fn encrypted_pdfs_are_reported() {
    let content = stream("", b"BT /F1 12 Tf (garbled) Tj ET");
    let mut objects = vec![
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj("<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>"),
        content,
    ];
    objects.push(obj(
        "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -1028 /O <00> /U <00> >>",
    ));
    let bytes = pdf(&objects, "/Encrypt 5 0 R /ID [<01> <01>]");
    assert_eq!(error_of("pdf", &bytes), Unreadable::Encrypted);
}

#[test]
fn pdfs_without_text_say_so() {
    let scanned = stream("", b"q 595 0 0 842 0 0 cm /Im1 Do Q");
    let bytes = one_page(scanned, HELVETICA, &[]);
    assert_eq!(error_of("pdf", &bytes), Unreadable::Format("pdf-no-text"));
}

#[test]
fn non_pdfs_and_bombs_are_damaged() {
    assert!(matches!(
        error_of("pdf", b"<html>not a pdf</html>"),
        Unreadable::Damaged(_)
    ));
    assert!(matches!(
        error_of("pdf", b"%PDF-1.4\n garbage"),
        Unreadable::Damaged(_)
    ));

    let mut huge = b"BT /F1 12 Tf (x) Tj ET".to_vec();
    huge.resize(65 << 20, b' ');
    let content = stream("/Filter /FlateDecode", &deflated(&huge));
    let bytes = one_page(content, HELVETICA, &[]);
    assert!(bytes.len() < 1 << 20);
    assert!(matches!(error_of("pdf", &bytes), Unreadable::Damaged(m) if m.contains("64 MiB")));
}

#[test]
fn a_truncated_stream_keeps_its_text() {
    let data = format!(
        "BT /F1 12 Tf 72 700 Td ({PHONE}) Tj ET {}",
        "0 0 m ".repeat(2000)
    );
    let mut compressed = deflated(data.as_bytes());
    compressed.truncate(compressed.len() - 8);
    let text = text_of(
        "pdf",
        &one_page(stream("/Filter /FlateDecode", &compressed), HELVETICA, &[]),
    );
    assert_eq!(text.trim(), PHONE);
}
