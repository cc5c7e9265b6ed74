use super::*;
use proptest::prelude::*;

const VALID_ID: &str = "11010519491231002X";
const BAD_CHECK_ID: &str = "340524198001010013";
const CARD: &str = "6228480402564890018";
const CREDIT_CODE: &str = "91350200776049653A";

fn kinds(text: &str) -> Vec<Kind> {
    scan(text).into_iter().map(|f| f.kind).collect()
}

/// The single finding in `text`; fails if there is not exactly one.
fn only(text: &str) -> Finding {
    let found = scan(text);
    assert_eq!(found.len(), 1, "{text:?} gave {found:#?}");
    found.into_iter().next().unwrap()
}

fn assert_none(text: &str) {
    let found = scan(text);
    assert!(found.is_empty(), "{text:?} gave {found:#?}");
}

/// The byte range of `needle` in `text`.
fn range_of(text: &str, needle: &str) -> Range<usize> {
    let start = text.find(needle).expect("needle in text");
    start..start + needle.len()
}

// ---- resident IDs ----

#[test]
fn valid_id_is_found_and_masked() {
    let text = format!("申请人张三，身份证号{VALID_ID}，住某某村。");
    let f = only(&text);
    assert_eq!(f.kind, Kind::ResidentId);
    assert_eq!(f.level, Level::Error);
    assert_eq!(f.value, VALID_ID);
    assert_eq!(f.range, range_of(&text, VALID_ID));
    assert_eq!(f.masked, "110105********002X");
}

#[test]
fn id_validation_follows_gb_11643() {
    assert!(is_valid_resident_id(VALID_ID));
    assert!(is_valid_resident_id("11010519491231002x"));
    assert!(is_valid_resident_id("１１０１０５１９４９１２３１００２Ｘ"));
    assert!(!is_valid_resident_id(BAD_CHECK_ID));
    assert!(!is_valid_resident_id("11010519491231002"));
    assert!(!is_valid_resident_id("11010519491231002X0"));
    assert!(!is_valid_resident_id("1101051949123中002X"));
    // Province 99 does not exist; 1949-02-30 is no date.
    assert!(!is_valid_resident_id("99010519491231002X"));
    assert!(!is_valid_resident_id("110105194902300023"));
}

#[test]
fn id_with_bad_check_is_only_a_shape_warning() {
    let f = only(&format!("身份证号：{BAD_CHECK_ID}"));
    assert_eq!(f.kind, Kind::ResidentIdShape);
    assert_eq!(f.level, Level::Warning);
    assert_eq!(f.masked, "340524********0013");
}

#[test]
fn eighteen_digits_without_id_shape_are_not_ids() {
    // Province 00, and an impossible date: no ID kind either way.
    assert!(!kinds("编号000000000000000000").contains(&Kind::ResidentId));
    assert!(!kinds("编号110105199913450011").contains(&Kind::ResidentIdShape));
}

#[test]
fn full_width_id_is_found_with_its_original_range() {
    let id = "１１０１０５１９４９１２３１００２Ｘ";
    let text = format!("身份证号码：{id}。");
    let f = only(&text);
    assert_eq!(f.kind, Kind::ResidentId);
    assert_eq!(f.value, id);
    assert_eq!(f.range, range_of(&text, id));
    assert_eq!(f.range.len(), 18 * 3);
    assert_eq!(f.masked, "110105********002X");
}

#[test]
fn mixed_width_id_is_found() {
    let id = "110105１９４９１２３１002x";
    assert_eq!(only(id).kind, Kind::ResidentId);
}

#[test]
fn id_inside_a_longer_token_is_not_reported() {
    assert_none(&format!("A{VALID_ID}"));
    assert_none(&format!("{VALID_ID}9"));
    assert_none(&format!("{VALID_ID}_bak"));
    assert_none(&format!("3.{VALID_ID}"));
}

#[test]
fn id_written_in_groups_is_found() {
    let f = only("身份证 110105 19491231 002X 号");
    assert_eq!(f.kind, Kind::ResidentId);
    assert_eq!(f.value, "110105 19491231 002X");
}

#[test]
fn legacy_id_is_found() {
    let f = only("老身份证号110105491231002。");
    assert_eq!(f.kind, Kind::LegacyResidentId);
    assert_eq!(f.level, Level::Error);
    assert_eq!(f.masked, "110105*****1002");
    // Bad province or date: not an ID.
    assert_none("编号990105491231002");
    assert_none("编号110105491331002");
}

// ---- mobile numbers ----

#[test]
fn mobiles_in_common_forms_are_found() {
    for number in [
        "13812341234",
        "+86 138 1234 1234",
        "138-1234-1234",
        "138 1234 1234",
        "+8613812341234",
        "8613812341234",
        "0086 13812341234",
        "+86-138-1234-1234",
        "１３８１２３４１２３４",
        "138 12341234",
    ] {
        let text = format!("联系电话：{number}。");
        let f = only(&text);
        assert_eq!(f.kind, Kind::Mobile, "{number}");
        assert_eq!(f.level, Level::Error);
        assert_eq!(f.value, number);
        assert_eq!(f.range, range_of(&text, number));
        assert_eq!(f.masked, "138****1234", "{number}");
    }
}

#[test]
fn mobile_lookalikes_are_not_found() {
    assert_none("1381234123456"); // 13 digits
    assert_none("订单号 1381234123456 已发货");
    assert_none("12812341234"); // second digit 2
    assert_none("abc13812341234");
    assert_none("13812341234abc");
    assert_none("0.13812341234");
    assert_none("138-1234-12345");
}

#[test]
fn mobiles_side_by_side_are_each_found() {
    let found = scan("13812341234 13912345678、15012345678");
    let values: Vec<&str> = found.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(values, ["13812341234", "13912345678", "15012345678"]);
}

#[test]
fn landlines_dates_and_document_numbers_are_not_found() {
    for text in [
        "梧政办发〔2024〕12号",
        "2024-03-05",
        "2024年3月5日",
        "0000-6123456",
        "电话：0774-6123456，传真：(0774) 612 3457",
        "国办发〔2017〕47号",
        "第12期（总第345期）",
        "GB/T 9704-2012",
        "共计 1,234,567.89 元",
    ] {
        assert_none(text);
    }
}

// ---- bank cards ----

#[test]
fn card_near_keyword_is_an_error() {
    let text = format!("开户行：某某银行，卡号：{CARD}。");
    let f = only(&text);
    assert_eq!(f.kind, Kind::BankCard);
    assert_eq!(f.level, Level::Error);
    assert_eq!(f.range, range_of(&text, CARD));
    assert_eq!(f.masked, "6228***********0018");
}

#[test]
fn card_without_keyword_is_a_warning() {
    let f = only(&format!("号码{CARD}"));
    assert_eq!((f.kind, f.level), (Kind::BankCard, Level::Warning));
}

#[test]
fn card_in_groups_of_four_is_found() {
    let card = "6228 4804 0256 4890 018";
    let f = only(&format!("账号 {card}"));
    assert_eq!((f.kind, f.level), (Kind::BankCard, Level::Error));
    assert_eq!(f.value, card);
    assert_eq!(f.masked, "6228***********0018");
}

#[test]
fn card_failing_luhn_is_reported_only_near_keyword() {
    let bad = "6228480402564890019";
    assert_none(&format!("流水号{bad}"));
    let f = only(&format!("银行卡：{bad}"));
    assert_eq!((f.kind, f.level), (Kind::BankCard, Level::Warning));
}

#[test]
fn keyword_far_before_does_not_count() {
    let text = format!("卡号{}{CARD}", "说明文字".repeat(6));
    assert_eq!(only(&text).level, Level::Warning);
}

#[test]
fn long_digit_groups_are_not_cards() {
    assert_none("6228 4804 0256 4890 0181 2345");
    assert_none("62284804025648900181"); // 20 digits
}

// ---- credit codes ----

#[test]
fn credit_code_is_recognised_and_not_reported() {
    assert!(is_credit_code(CREDIT_CODE));
    assert!(!is_credit_code("91350200776049653B"));
    assert!(!is_credit_code("9135020077604965"));
    assert!(!is_credit_code("91350200776049653I"));
    assert_none(&format!("统一社会信用代码：{CREDIT_CODE}"));
    assert_none(&format!("卡号 {CREDIT_CODE}"));
}

#[test]
fn digit_only_credit_code_is_not_reported() {
    // 17 digits whose credit check character happens to be a digit.
    let code = (0..1000u32)
        .map(|n| format!("1235020077604{n:04}"))
        .flat_map(|s| (0..10).map(move |d| format!("{s}{d}")))
        .find(|c| is_credit_code(c) && !is_valid_resident_id(c))
        .expect("a digit-only credit code");
    assert_none(&format!("代码{code}"));
}

// ---- travel documents ----

#[test]
fn permits_and_passports() {
    let f = only("往来港澳通行证号码：C12345678");
    assert_eq!((f.kind, f.level), (Kind::HkMacauPermit, Level::Error));
    assert_eq!(f.masked, "C*****678");
    let f = only("H1234567801（港澳居民来往内地通行证）");
    assert_eq!((f.kind, f.level), (Kind::HkMacauPermit, Level::Error));
    let f = only("护照号码 E12345678");
    assert_eq!((f.kind, f.level), (Kind::Passport, Level::Error));
    let f = only("护照：EA1234567");
    assert_eq!(f.kind, Kind::Passport);
    let f = only("编号 G12345678");
    assert_eq!((f.kind, f.level), (Kind::Passport, Level::Warning));
}

#[test]
fn document_codes_are_not_travel_documents() {
    assert_none("H123456"); // too short
    assert_none("HX12345678");
    assert_none("e12345678"); // lower case
    assert_none("XH12345678");
    assert_none("E123456789");
}

// ---- email ----

#[test]
fn email_is_a_warning() {
    let text = "来信请寄 zhangsan@example.gov.cn。";
    let f = only(text);
    assert_eq!((f.kind, f.level), (Kind::Email, Level::Warning));
    assert_eq!(f.value, "zhangsan@example.gov.cn");
    assert_eq!(f.masked, "z***@example.gov.cn");
}

#[test]
fn email_edges() {
    assert_eq!(
        only("见 a.b-c@mail.example.com.").value,
        "a.b-c@mail.example.com"
    );
    assert_none("user@localhost");
    assert_none("@example.gov.cn");
    assert_none("微博 @某某发布");
    assert_none("a@b.c1");
}

#[test]
fn email_holding_a_mobile_is_one_finding() {
    let f = only("13812341234@qq.com");
    assert_eq!(f.kind, Kind::Email);
}

// ---- tables ----

#[test]
fn sensitive_table_columns_are_found() {
    let text = "| 姓名 | 身份证号 | 联系电话 | 补贴金额 |\n\
                | --- | :---: | --- | ---: |\n\
                | 张三 | 见附件 | 见附件 | 100 |\n";
    let found = scan(text);
    let cells: Vec<(&str, Kind, Level)> = found
        .iter()
        .map(|f| (f.value.as_str(), f.kind, f.level))
        .collect();
    assert_eq!(
        cells,
        [
            ("身份证号", Kind::SensitiveColumn, Level::Error),
            ("联系电话", Kind::SensitiveColumn, Level::Error),
        ]
    );
    assert_eq!(found[0].range, range_of(text, "身份证号"));
    assert_eq!(found[0].masked, "身份证号");
}

#[test]
fn table_without_pipes_at_the_edges_and_crlf() {
    let text = "序号|家庭住址\r\n---|---\r\n1|某村\r\n";
    assert_eq!(only(text).value, "家庭住址");
}

#[test]
fn text_mentioning_columns_is_not_a_table() {
    assert_none("请勿公开身份证号、手机号码。\n---\n");
    assert_none("| 身份证号 |\n| 张三 |\n");
}

// ---- ordering, masking, labels ----

#[test]
fn findings_are_sorted_and_disjoint() {
    let text = format!(
        "| 姓名 | 手机 |\n|---|---|\n| 张三 | 13812341234 |\n身份证{VALID_ID}，卡号{CARD}，邮箱 a@b.cn"
    );
    let found = scan(&text);
    let got: Vec<Kind> = found.iter().map(|f| f.kind).collect();
    assert_eq!(
        got,
        [
            Kind::SensitiveColumn,
            Kind::Mobile,
            Kind::ResidentId,
            Kind::BankCard,
            Kind::Email
        ]
    );
    assert!(found.windows(2).all(|w| w[0].range.end <= w[1].range.start));
}

#[test]
fn mask_conventions() {
    assert_eq!(mask(Kind::ResidentId, VALID_ID), "110105********002X");
    assert_eq!(mask(Kind::Mobile, "13812341234"), "138****1234");
    assert_eq!(mask(Kind::Mobile, "+86 138-1234-1234"), "138****1234");
    assert_eq!(mask(Kind::BankCard, CARD), "6228***********0018");
    assert_eq!(mask(Kind::Passport, "E12345678"), "E*****678");
    assert_eq!(mask(Kind::Email, "z@x.cn"), "z***@x.cn");
    assert_eq!(mask(Kind::SensitiveColumn, "身份证号"), "身份证号");
    // Too short to keep anything: all stars, never a panic.
    assert_eq!(mask(Kind::ResidentId, "123"), "***");
    assert_eq!(mask(Kind::Mobile, ""), "");
    assert_eq!(mask(Kind::Email, "no-at-sign"), "**********");
}

#[test]
fn labels_are_distinct() {
    let all = [
        Kind::ResidentId,
        Kind::ResidentIdShape,
        Kind::LegacyResidentId,
        Kind::Mobile,
        Kind::BankCard,
        Kind::HkMacauPermit,
        Kind::Passport,
        Kind::Email,
        Kind::SensitiveColumn,
    ];
    let zh: std::collections::HashSet<_> = all.iter().map(|k| k.label_zh()).collect();
    let en: std::collections::HashSet<_> = all.iter().map(|k| k.label_en()).collect();
    assert_eq!((zh.len(), en.len()), (all.len(), all.len()));
}

#[test]
fn empty_and_plain_text() {
    assert_none("");
    assert_none("本机关2023年度政府信息公开工作年度报告。");
    assert_none("Plain English text with no numbers at all.");
}

// ---- property tests ----

const PROVINCES: [u32; 34] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

/// Check character computed independently of the module.
fn gb11643_check(first17: &str) -> char {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17
        .chars()
        .zip(W)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    "10X98765432".chars().nth((sum % 11) as usize).unwrap()
}

fn days_in(year: u32, month: u32) -> u32 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn valid_id() -> impl Strategy<Value = String> {
    (
        prop::sample::select(PROVINCES.to_vec()),
        0..10_000u32,
        1900..=2100u32,
        1..=12u32,
        0..1_000u32,
        any::<prop::sample::Index>(),
    )
        .prop_map(|(province, area, year, month, seq, day)| {
            let day = day.index(days_in(year, month) as usize) as u32 + 1;
            let first17 = format!("{province:02}{area:04}{year:04}{month:02}{day:02}{seq:03}");
            let check = gb11643_check(&first17);
            format!("{first17}{check}")
        })
}

/// Chinese text with CJK punctuation and spaces, but no digits or letters.
fn chinese() -> impl Strategy<Value = String> {
    "[\u{4e00}-\u{9fa5}，。：；、（）《》 \n]{0,40}"
}

fn to_full_width(s: &str) -> String {
    s.chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
        .collect()
}

/// Arbitrary text biased towards what the scanner looks at.
fn tricky() -> impl Strategy<Value = String> {
    "[0-9０-９XxＸｘHMECG+＋\\-－ 　.@＠|:\u{4e00}-\u{4e10}卡号护照通行证a-z\n]{0,80}"
}

fn assert_well_formed(text: &str, found: &[Finding]) {
    for f in found {
        assert!(text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end));
        assert!(f.range.start < f.range.end);
        assert_eq!(&text[f.range.clone()], f.value);
    }
    assert!(found.windows(2).all(|w| w[0].range.end <= w[1].range.start));
}

proptest! {
    #[test]
    fn valid_ids_in_chinese_text_are_found(
        id in valid_id(),
        before in chinese(),
        after in chinese(),
        full_width in any::<bool>(),
    ) {
        let shown = if full_width { to_full_width(&id) } else { id.clone() };
        let text = format!("{before}{shown}{after}");
        let found = scan(&text);
        let expected = before.len()..before.len() + shown.len();
        prop_assert!(
            found.iter().any(|f| f.kind == Kind::ResidentId && f.range == expected),
            "{text:?} gave {found:?}"
        );
        prop_assert!(is_valid_resident_id(&id));
        prop_assert_eq!(mask(Kind::ResidentId, &id), format!("{}********{}", &id[..6], &id[14..]));
    }

    #[test]
    fn ids_with_a_wrong_check_are_never_resident_ids(
        first17 in "[0-9]{17}",
        wrong in 0..10usize,
        before in chinese(),
        after in chinese(),
    ) {
        let right = gb11643_check(&first17);
        let check = "0123456789X".chars().filter(|&c| c != right).nth(wrong).unwrap();
        let id = format!("{first17}{check}");
        prop_assert!(!is_valid_resident_id(&id));
        let found = scan(&format!("{before}{id}{after}"));
        prop_assert!(found.iter().all(|f| f.kind != Kind::ResidentId), "{found:?}");
    }

    #[test]
    fn scan_never_panics_and_ranges_are_char_boundaries(text in any::<String>()) {
        assert_well_formed(&text, &scan(&text));
    }

    #[test]
    fn scan_handles_digit_heavy_and_full_width_text(text in tricky()) {
        assert_well_formed(&text, &scan(&text));
    }

    #[test]
    fn trigger_search_finds_every_trigger(text in tricky(), filler in chinese()) {
        let text = format!("{filler}{text}{filler}");
        let bytes = text.as_bytes();
        let expected: Vec<usize> = (0..bytes.len())
            .filter(|&k| normalize::is_trigger(bytes, k))
            .collect();
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(k) = normalize::next_trigger(bytes, from) {
            found.push(k);
            from = k + 1;
        }
        prop_assert_eq!(found, expected);
    }

    #[test]
    fn mask_never_panics(kind_index in 0..9usize, value in any::<String>()) {
        let kinds = [
            Kind::ResidentId, Kind::ResidentIdShape, Kind::LegacyResidentId, Kind::Mobile,
            Kind::BankCard, Kind::HkMacauPermit, Kind::Passport, Kind::Email, Kind::SensitiveColumn,
        ];
        let _ = mask(kinds[kind_index], &value);
    }
}

#[test]
fn byte_folding_agrees_with_char_folding() {
    for c in (0..=0x10ffff).filter_map(char::from_u32) {
        let mut buf = [0; 4];
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        assert_eq!(
            normalize::fold_at(bytes, 0),
            (normalize::fold(c), c.len_utf8()),
            "{c:?}"
        );
    }
}

/// Each kind of trigger at every place of the first blocks, across the
/// edges of the 64-byte masks (a full-width digit's three bytes split
/// by an edge included), among ASCII and Chinese filler.
#[test]
fn trigger_search_at_every_offset_across_block_edges() {
    for filler in ["a", "文", "，"] {
        for trigger in ["7", "@", "７", "＠"] {
            for at in 0..150 {
                let pad = filler.repeat(at / filler.len());
                let text = format!("{pad}{trigger}{}", filler.repeat(80));
                let bytes = text.as_bytes();
                assert_eq!(
                    normalize::next_trigger(bytes, 0),
                    Some(pad.len()),
                    "{filler:?} {trigger:?} at {at}"
                );
                assert_eq!(normalize::next_trigger(bytes, pad.len() + 1), None);
            }
        }
    }
}
