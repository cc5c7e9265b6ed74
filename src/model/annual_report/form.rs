//! The 2021 national format of the annual report (国办公开办函〔2021〕30号):
//! row and column labels of tables 二, 三 and 四, and the data-file key of
//! each row. Templates and CSV exports take their labels from here.

/// Which block of table 三 a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// 一、二、四: a row of its own, its label across the three label columns.
    Top,
    /// Inside 三、本年度办理结果.
    Result,
}

#[derive(Debug)]
pub struct Table3Row {
    /// Key in `[applications]` (`refused.state_secret`).
    pub key: &'static str,
    pub part: Part,
    /// （三）不予公开 and the like, for reason rows.
    pub group: Option<&'static str>,
    pub label: &'static str,
}

const fn row(
    key: &'static str,
    part: Part,
    group: Option<&'static str>,
    label: &'static str,
) -> Table3Row {
    Table3Row {
        key,
        part,
        group,
        label,
    }
}

pub const TABLE3_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
pub const TABLE3_APPLICANTS: &str = "申请人情况";
pub const TABLE3_ORGANISATIONS: &str = "法人或其他组织";
pub const TABLE3_RESULT: &str = "三、本年度办理结果";
/// The seven columns, in order; index 6 is 总计.
pub const TABLE3_COLUMNS: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

const REFUSED: Option<&str> = Some("（三）不予公开");
const UNAVAILABLE: Option<&str> = Some("（四）无法提供");
const NOT_PROCESSED: Option<&str> = Some("（五）不予处理");
const OTHER: Option<&str> = Some("（六）其他处理");

pub const TABLE3_ROWS: [Table3Row; 25] = [
    row("new", Part::Top, None, "一、本年新收政府信息公开申请数量"),
    row(
        "carried_over",
        Part::Top,
        None,
        "二、上年结转政府信息公开申请数量",
    ),
    row("granted", Part::Result, None, "（一）予以公开"),
    row(
        "partly_granted",
        Part::Result,
        None,
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ),
    row(
        "refused.state_secret",
        Part::Result,
        REFUSED,
        "1.属于国家秘密",
    ),
    row(
        "refused.prohibited_by_law",
        Part::Result,
        REFUSED,
        "2.其他法律行政法规禁止公开",
    ),
    row(
        "refused.three_safeties",
        Part::Result,
        REFUSED,
        "3.危及“三安全一稳定”",
    ),
    row(
        "refused.third_party",
        Part::Result,
        REFUSED,
        "4.保护第三方合法权益",
    ),
    row(
        "refused.internal_affairs",
        Part::Result,
        REFUSED,
        "5.属于三类内部事务信息",
    ),
    row(
        "refused.process_info",
        Part::Result,
        REFUSED,
        "6.属于四类过程性信息",
    ),
    row(
        "refused.enforcement_files",
        Part::Result,
        REFUSED,
        "7.属于行政执法案卷",
    ),
    row(
        "refused.query_matters",
        Part::Result,
        REFUSED,
        "8.属于行政查询事项",
    ),
    row(
        "unavailable.not_held",
        Part::Result,
        UNAVAILABLE,
        "1.本机关不掌握相关政府信息",
    ),
    row(
        "unavailable.needs_creation",
        Part::Result,
        UNAVAILABLE,
        "2.没有现成信息需要另行制作",
    ),
    row(
        "unavailable.still_unclear",
        Part::Result,
        UNAVAILABLE,
        "3.补正后申请内容仍不明确",
    ),
    row(
        "not_processed.petition",
        Part::Result,
        NOT_PROCESSED,
        "1.信访举报投诉类申请",
    ),
    row(
        "not_processed.repeated",
        Part::Result,
        NOT_PROCESSED,
        "2.重复申请",
    ),
    row(
        "not_processed.publication",
        Part::Result,
        NOT_PROCESSED,
        "3.要求提供公开出版物",
    ),
    row(
        "not_processed.excessive",
        Part::Result,
        NOT_PROCESSED,
        "4.无正当理由大量反复申请",
    ),
    row(
        "not_processed.confirmation",
        Part::Result,
        NOT_PROCESSED,
        "5.要求行政机关确认或重新出具已获取信息",
    ),
    row(
        "other.no_correction",
        Part::Result,
        OTHER,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    row(
        "other.no_fee",
        Part::Result,
        OTHER,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    row("other.other", Part::Result, OTHER, "3.其他"),
    row("total", Part::Result, None, "（七）总计"),
    row("carried_forward", Part::Top, None, "四、结转下年度继续办理"),
];

/// Index of a row of table 三 by key.
pub fn table3_index(key: &str) -> usize {
    TABLE3_ROWS
        .iter()
        .position(|r| r.key == key)
        .expect("a key of the form")
}

/// The full label of a row of table 三, for messages and CSV
/// (`三、本年度办理结果（三）不予公开 1.属于国家秘密`).
pub fn table3_full_label(row: &Table3Row) -> String {
    match (row.part, row.group) {
        (Part::Top, _) => row.label.to_string(),
        (Part::Result, Some(group)) => format!("{TABLE3_RESULT}{group} {}", row.label),
        (Part::Result, None) => format!("{TABLE3_RESULT}{}", row.label),
    }
}

pub const TABLE4_REVIEW: &str = "行政复议";
pub const TABLE4_LITIGATION: &str = "行政诉讼";
pub const TABLE4_COLUMNS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
/// (key in `[appeals]`, label).
pub const TABLE4_ROWS: [(&str, &str); 3] = [
    ("review", "行政复议"),
    ("direct_suit", "未经复议直接起诉"),
    ("suit_after_review", "复议后起诉"),
];

/// Full label of a row of table 四 (`行政诉讼 未经复议直接起诉`).
pub fn table4_full_label(index: usize) -> String {
    match index {
        0 => TABLE4_REVIEW.to_string(),
        i => format!("{TABLE4_LITIGATION} {}", TABLE4_ROWS[i].1),
    }
}

/// Table 二: the four article headings and their rows.
pub const TABLE2_ITEM: &str = "信息内容";
pub const TABLE2_DOC_COLUMNS: [&str; 3] = ["本年制发件数", "本年废止件数", "现行有效件数"];
pub const TABLE2_DECISIONS: &str = "本年处理决定数量";
pub const TABLE2_FEES: &str = "本年收费金额（单位：万元）";
pub const TABLE2_ART_1: &str = "第二十条第（一）项";
pub const TABLE2_ART_5: &str = "第二十条第（五）项";
pub const TABLE2_ART_6: &str = "第二十条第（六）项";
pub const TABLE2_ART_8: &str = "第二十条第（八）项";
pub const RULES: &str = "规章";
pub const NORMATIVE: &str = "行政规范性文件";
pub const LICENSING: &str = "行政许可";
pub const PUNISHMENT: &str = "行政处罚";
pub const COERCION: &str = "行政强制";
pub const FEES: &str = "行政事业性收费";

/// Titles of the six sections.
pub const SECTIONS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];
