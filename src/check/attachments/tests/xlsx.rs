use super::{ID, PHONE, Unreadable, error_of, text_of, zip_of};

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
</Types>"#;

/// A workbook listing `sheets` as (name, state, relationship id).
fn workbook(sheets: &[(&str, &str, &str)]) -> String {
    let listed: String = sheets
        .iter()
        .enumerate()
        .map(|(i, (name, state, id))| {
            let state = if state.is_empty() {
                String::new()
            } else {
                format!(r#" state="{state}""#)
            };
            format!(
                r#"<sheet name="{name}" sheetId="{}"{state} r:id="{id}"/>"#,
                i + 1
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{listed}</sheets></workbook>"#
    )
}

fn relationships(targets: &[(&str, &str)]) -> String {
    let rels: String = targets
        .iter()
        .map(|(id, target)| {
            format!(r#"<Relationship Id="{id}" Type="{REL}/worksheet" Target="{target}"/>"#)
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
    )
}

fn shared_strings(strings: &[&str]) -> String {
    let items: String = strings
        .iter()
        .map(|s| format!("<si><t>{s}</t></si>"))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{0}" uniqueCount="{0}">{items}</sst>"#,
        strings.len()
    )
}

fn sheet(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>"#
    )
}

fn xlsx(parts: &[(&str, String)]) -> Vec<u8> {
    let mut all: Vec<(&str, &[u8])> = vec![("[Content_Types].xml", CONTENT_TYPES.as_bytes())];
    all.extend(parts.iter().map(|(n, c)| (*n, c.as_bytes())));
    zip_of(&all)
}

/// Two sheets, the second hidden, with shared, inline and numeric cells.
fn two_sheets(with_rels: bool) -> Vec<u8> {
    let mut parts = vec![
        (
            "xl/workbook.xml",
            workbook(&[("名单", "", "rId1"), ("底稿", "hidden", "rId2")]),
        ),
        (
            "xl/sharedStrings.xml",
            shared_strings(&["姓名", "身份证号", "张三", ID]),
        ),
        (
            "xl/worksheets/sheet1.xml",
            sheet(
                r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
                   <row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>
                   <row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3"><v>1.10105194912310E+17</v></c></row>"#,
            ),
        ),
        (
            "xl/worksheets/sheet2.xml",
            sheet(&format!(
                r#"<row r="1"><c r="A1" t="inlineStr"><is><t>电话</t></is></c><c r="B1"><v>{PHONE}</v></c></row>
                   <row r="2"><c r="A2" t="str"><f>A1&amp;"!"</f><v>电话!</v></c><c r="B2" t="b"><v>1</v></c><c r="C2"/></row>"#
            )),
        ),
    ];
    if with_rels {
        parts.push((
            "xl/_rels/workbook.xml.rels",
            relationships(&[
                ("rId1", "worksheets/sheet1.xml"),
                ("rId2", "/xl/worksheets/sheet2.xml"),
            ]),
        ));
    }
    xlsx(&parts)
}

#[test]
fn every_sheet_is_read_hidden_ones_included() {
    let expected = format!(
        "名单\n姓名\t身份证号\n张三\t{ID}\n张三\t1.10105194912310E+17\n底稿\n电话\t{PHONE}\n电话!\t1\n"
    );
    assert_eq!(text_of("xlsx", &two_sheets(true)), expected);
    assert_eq!(
        text_of("xlsx", &two_sheets(false)),
        expected,
        "without relationships"
    );
}

#[test]
fn sheets_the_workbook_does_not_list_are_read_too() {
    let bytes = xlsx(&[
        (
            "xl/workbook.xml",
            workbook(&[("Sheet1", "veryHidden", "rId1")]),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            relationships(&[("rId1", "worksheets/sheet1.xml")]),
        ),
        (
            "xl/worksheets/sheet1.xml",
            sheet(r#"<row><c t="inlineStr"><is><t>a</t></is></c></row>"#),
        ),
        (
            "xl/worksheets/sheet9.xml",
            sheet(&format!(r#"<row><c><v>{PHONE}</v></c></row>"#)),
        ),
    ]);
    assert_eq!(
        text_of("xlsm", &bytes),
        format!("Sheet1\na\nsheet9\n{PHONE}\n")
    );
}

#[test]
fn rich_text_phonetics_and_comments() {
    let strings = format!(
        r#"<?xml version="1.0"?><sst xmlns="{MAIN}"><si><r><t>联系</t></r><r><rPr><b/></rPr><t>电话</t></r><rPh sb="0" eb="2"><t>れんらく</t></rPh></si></sst>"#
    );
    let comments = format!(
        r#"<?xml version="1.0"?><comments xmlns="{MAIN}"><commentList><comment ref="A1" authorId="0"><text><r><t>身份证 {ID}</t></r></text></comment></commentList></comments>"#
    );
    let bytes = xlsx(&[
        ("xl/workbook.xml", workbook(&[("S", "", "rId1")])),
        ("xl/sharedStrings.xml", strings),
        (
            "xl/worksheets/sheet1.xml",
            sheet(r#"<row><c t="s"><v>0</v></c><c t="s"><v>7</v></c></row>"#),
        ),
        ("xl/comments1.xml", comments.clone()),
        ("xl/comments/comment2.xml", comments.replace(ID, PHONE)),
    ]);
    assert_eq!(
        text_of("xlsx", &bytes),
        format!("S\n联系电话\t7\n身份证 {ID}\n身份证 {PHONE}\n")
    );
}

#[test]
fn a_package_without_a_workbook_is_damaged() {
    let bytes = xlsx(&[("xl/worksheets/sheet1.xml", sheet(""))]);
    assert!(matches!(error_of("xlsx", &bytes), Unreadable::Damaged(m) if m.contains("workbook")));
    assert!(matches!(
        error_of("xlsx", b"not a zip"),
        Unreadable::Damaged(_)
    ));
}
