//! Annual disclosure reports from `data/annual-reports/YYYY.toml`: the
//! national table layout, CSV exports, table 二 counted from documents, and
//! every consistency rule with a failing input, its file, line, table, row
//! and column.

mod common;

use common::{Diag, TestSite, attrs, count, texts};
use scraper::{ElementRef, Selector};

const FILE_2024: &str = "data/annual-reports/2024.toml";
const FILE_2025: &str = "data/annual-reports/2025.toml";
const Z7: &str = "[0, 0, 0, 0, 0, 0, 0]";

/// A consistent report: `carried_over` in, `forward` out; new applications
/// are all granted, so the sums close whatever the carries are.
fn report(year: i32, carried_over: &str, forward: &str) -> String {
    let numbers = |row: &str| -> Vec<i64> {
        row.trim_matches(['[', ']'])
            .split(',')
            .map(|n| n.trim().parse().unwrap())
            .collect()
    };
    let (over, fwd) = (numbers(carried_over), numbers(forward));
    let new = [5, 1, 0, 0, 1, 1, 8];
    // Handled = new + carried over - carried forward; one 自然人 application
    // was refused (third party), the rest granted.
    let handled: Vec<i64> = (0..7).map(|i| new[i] + over[i] - fwd[i]).collect();
    let partly = [0, 0, 0, 0, 0, 0, 0];
    let granted: Vec<i64> = (0..7)
        .map(|i| handled[i] - partly[i] - i64::from(i == 0 || i == 6))
        .collect();
    let list = |v: &[i64]| {
        format!(
            "[{}]",
            v.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
        )
    };
    format!(
        "year = {year}\ndate = {}-01-20\nreview = {{ by = \"张某某\", date = {}-01-18 }}\n\
[text]\ngeneral = \"总体情况正文。\"\nproblems = \"问题和改进。\"\nother = \"其他事项。\"\n\
[proactive]\nlicensing = 10\npunishment = 3\ncoercion = 1\nfees = 12.5\n\
[applications]\nnew = {}\ncarried_over = {carried_over}\ngranted = {}\npartly_granted = {}\ntotal = {}\ncarried_forward = {forward}\n\
[applications.refused]\nstate_secret = {Z7}\nprohibited_by_law = {Z7}\nthree_safeties = {Z7}\nthird_party = [1, 0, 0, 0, 0, 0, 1]\n\
internal_affairs = {Z7}\nprocess_info = {Z7}\nenforcement_files = {Z7}\nquery_matters = {Z7}\n\
[applications.unavailable]\nnot_held = {Z7}\nneeds_creation = {Z7}\nstill_unclear = {Z7}\n\
[applications.not_processed]\npetition = {Z7}\nrepeated = {Z7}\npublication = {Z7}\nexcessive = {Z7}\nconfirmation = {Z7}\n\
[applications.other]\nno_correction = {Z7}\nno_fee = {Z7}\nother = {Z7}\n\
[appeals]\nreview = [1, 1, 0, 0, 2]\ndirect_suit = [0, 0, 1, 1, 2]\nsuit_after_review = [0, 0, 0, 0, 0]\n",
        year + 1,
        year + 1,
        list(&new),
        list(&granted),
        list(&partly),
        list(&handled),
    )
}

const CARRY: &str = "[2, 0, 0, 0, 0, 0, 2]";

fn site_with(files: &[(&str, &str)]) -> TestSite {
    let site = TestSite::new(&[(
        "content/disclosure/_index.md",
        "+++\ntitle = \"政府信息公开\"\n+++\n",
    )]);
    for (path, text) in files {
        site.write(path, text);
    }
    site
}

/// 1-based line of the first line of `text` that starts with `start`.
fn line_of(text: &str, start: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with {start}"))
        + 1
}

/// `text` with the line starting with `start` replaced by `line`.
fn with_line(text: &str, start: &str, line: &str) -> String {
    let n = line_of(text, start);
    text.lines()
        .enumerate()
        .map(|(i, l)| if i + 1 == n { line } else { l })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The errors of `check` in `file`.
fn errors_in(site: &TestSite, file: &str) -> Vec<Diag> {
    let check = site.check();
    assert_eq!(
        check.code,
        Some(1),
        "check should fail: {:#?}",
        check.diagnostics
    );
    check
        .errors()
        .into_iter()
        .filter(|d| d.file.as_deref() == Some(file))
        .cloned()
        .collect()
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// One table cell: (tag, scope, rowspan, colspan, text).
type CellInfo = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

fn cells(row: ElementRef<'_>) -> Vec<CellInfo> {
    row.select(&sel("th, td"))
        .map(|c| {
            (
                c.value().name().to_string(),
                c.attr("scope").map(str::to_string),
                c.attr("rowspan").map(str::to_string),
                c.attr("colspan").map(str::to_string),
                c.text().collect::<String>().trim().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_consistent_report_builds_its_page_with_the_six_sections() {
    let text = report(2024, CARRY, CARRY);
    let site = site_with(&[(FILE_2024, &text)]);
    let build = site.build();
    build.assert_ok();
    let html = build.html("disclosure/annual-report-2024/index.html");
    assert_eq!(texts(&html, "h1"), ["测试站2024年政府信息公开工作年度报告"]);
    assert_eq!(
        texts(&html, "article h2"),
        [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ]
    );
    assert!(texts(&html, "#general p").contains(&"总体情况正文。".to_string()));
    assert_eq!(count(&html, "img"), 0, "tables are never images");
    // The section lists the report; the sitemap has it.
    let list = build.html("disclosure/index.html");
    assert_eq!(
        texts(&list, ".data-pages a"),
        ["测试站2024年政府信息公开工作年度报告"]
    );
    assert!(
        build
            .read("sitemap.xml")
            .contains("/disclosure/annual-report-2024/")
    );
}

#[test]
fn table_two_has_the_national_rows_and_spans() {
    let site = site_with(&[(FILE_2024, &report(2024, CARRY, CARRY))]);
    let build = site.build();
    build.assert_ok();
    let html = build.html("disclosure/annual-report-2024/index.html");
    let table = html.select(&sel("table#table-2")).next().expect("table 二");
    assert_eq!(
        texts(&html, "table#table-2 caption"),
        ["二、主动公开政府信息情况"]
    );
    let rows: Vec<_> = table.select(&sel("tr")).map(cells).collect();
    let labels: Vec<&str> = rows.iter().map(|r| r[0].4.as_str()).collect();
    assert_eq!(
        labels,
        [
            "第二十条第（一）项",
            "信息内容",
            "规章",
            "行政规范性文件",
            "第二十条第（五）项",
            "信息内容",
            "行政许可",
            "第二十条第（六）项",
            "信息内容",
            "行政处罚",
            "行政强制",
            "第二十条第（八）项",
            "信息内容",
            "行政事业性收费",
        ]
    );
    let heads: Vec<String> = rows[1].iter().map(|c| c.4.clone()).collect();
    assert_eq!(
        heads,
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    );
    assert!(
        rows[1]
            .iter()
            .all(|c| c.0 == "th" && c.1.as_deref() == Some("col"))
    );
    assert_eq!(rows[2][0].1.as_deref(), Some("row"));
    assert_eq!(rows[5][1].4, "本年处理决定数量");
    assert_eq!(rows[5][1].3.as_deref(), Some("3"));
    assert_eq!(rows[12][1].4, "本年收费金额（单位：万元）");
    assert_eq!(
        (rows[6][1].4.as_str(), rows[6][1].3.as_deref()),
        ("10", Some("3"))
    );
    assert_eq!(rows[13][1].4, "12.5");
}

#[test]
fn table_three_has_the_national_layout() {
    let site = site_with(&[(FILE_2024, &report(2024, CARRY, CARRY))]);
    let build = site.build();
    build.assert_ok();
    let html = build.html("disclosure/annual-report-2024/index.html");
    assert_eq!(
        texts(&html, "table#table-3 caption"),
        ["三、收到和处理政府信息公开申请情况"]
    );
    let table = html.select(&sel("table#table-3")).next().unwrap();
    let head: Vec<_> = table.select(&sel("thead tr")).map(cells).collect();
    assert_eq!(head[0][0].2.as_deref(), Some("3"));
    assert_eq!(head[0][0].3.as_deref(), Some("3"));
    assert_eq!(
        (head[0][1].4.as_str(), head[0][1].3.as_deref()),
        ("申请人情况", Some("7"))
    );
    assert_eq!(
        (
            head[1][0].4.as_str(),
            head[1][0].2.as_deref(),
            head[1][0].1.as_deref()
        ),
        ("自然人", Some("2"), Some("col"))
    );
    assert_eq!(
        (head[1][1].4.as_str(), head[1][1].3.as_deref()),
        ("法人或其他组织", Some("5"))
    );
    assert_eq!(
        (head[1][2].4.as_str(), head[1][2].2.as_deref()),
        ("总计", Some("2"))
    );
    let sub: Vec<&str> = head[2].iter().map(|c| c.4.as_str()).collect();
    assert_eq!(
        sub,
        [
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他"
        ]
    );
    assert!(head[2].iter().all(|c| c.1.as_deref() == Some("col")));

    let body: Vec<_> = table.select(&sel("tbody tr")).map(cells).collect();
    assert_eq!(body.len(), 25);
    let row_labels: Vec<String> = body
        .iter()
        .map(|r| {
            r.iter()
                .filter(|c| c.1.as_deref() == Some("row"))
                .map(|c| c.4.clone())
                .collect::<String>()
        })
        .collect();
    let expected = [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
        "（七）总计",
        "四、结转下年度继续办理",
    ];
    assert_eq!(row_labels, expected);
    // Top rows span the three label columns; 三 spans its 22 rows; each group its reasons.
    assert_eq!(body[0][0].3.as_deref(), Some("3"));
    assert_eq!(body[24][0].3.as_deref(), Some("3"));
    assert_eq!(
        (body[2][0].4.as_str(), body[2][0].2.as_deref()),
        ("三、本年度办理结果", Some("22"))
    );
    assert_eq!(body[2][1].3.as_deref(), Some("2"));
    let groups: Vec<(String, Option<String>)> = body
        .iter()
        .flat_map(|r| {
            r.iter()
                .filter(|c| c.1.as_deref() == Some("rowgroup") && c.4.starts_with('（'))
                .map(|c| (c.4.clone(), c.2.clone()))
        })
        .collect();
    let want = [
        ("（三）不予公开", "8"),
        ("（四）无法提供", "3"),
        ("（五）不予处理", "5"),
        ("（六）其他处理", "3"),
    ];
    assert_eq!(
        groups,
        want.map(|(a, b)| (a.to_string(), Some(b.to_string())))
    );
    // Every row has seven numbers.
    assert!(
        body.iter()
            .all(|r| r.iter().filter(|c| c.0 == "td").count() == 7)
    );
    let total: Vec<&str> = body[23]
        .iter()
        .filter(|c| c.0 == "td")
        .map(|c| c.4.as_str())
        .collect();
    assert_eq!(total, ["5", "1", "0", "0", "1", "1", "8"]);
}

#[test]
fn table_four_has_the_fifteen_cells_under_their_headings() {
    let site = site_with(&[(FILE_2024, &report(2024, CARRY, CARRY))]);
    let build = site.build();
    build.assert_ok();
    let html = build.html("disclosure/annual-report-2024/index.html");
    assert_eq!(
        texts(&html, "table#table-4 caption"),
        ["四、政府信息公开行政复议、行政诉讼情况"]
    );
    let table = html.select(&sel("table#table-4")).next().unwrap();
    let head: Vec<_> = table.select(&sel("thead tr")).map(cells).collect();
    assert_eq!(
        (head[0][0].4.as_str(), head[0][0].3.as_deref()),
        ("行政复议", Some("5"))
    );
    assert_eq!(
        (head[0][1].4.as_str(), head[0][1].3.as_deref()),
        ("行政诉讼", Some("10"))
    );
    let second: Vec<(&str, Option<&str>, Option<&str>)> = head[1]
        .iter()
        .map(|c| (c.4.as_str(), c.2.as_deref(), c.3.as_deref()))
        .collect();
    assert_eq!(
        second,
        [
            ("结果维持", Some("2"), None),
            ("结果纠正", Some("2"), None),
            ("其他结果", Some("2"), None),
            ("尚未审结", Some("2"), None),
            ("总计", Some("2"), None),
            ("未经复议直接起诉", None, Some("5")),
            ("复议后起诉", None, Some("5")),
        ]
    );
    let third: Vec<&str> = head[2].iter().map(|c| c.4.as_str()).collect();
    assert_eq!(
        third,
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].repeat(2)
    );
    let values = texts(&html, "table#table-4 tbody td");
    assert_eq!(
        values,
        [
            "1", "1", "0", "0", "2", "0", "0", "1", "1", "2", "0", "0", "0", "0", "0"
        ]
    );
}

#[test]
fn the_csv_exports_parse_and_are_linked_from_the_page() {
    let site = site_with(&[(FILE_2024, &report(2024, CARRY, CARRY))]);
    let build = site.build();
    build.assert_ok();
    let html = build.html("disclosure/annual-report-2024/index.html");
    let links = attrs(&html, ".table-download a", "href");
    assert_eq!(
        links,
        [
            "/disclosure/annual-report-2024/table-2.csv",
            "/disclosure/annual-report-2024/table-3.csv",
            "/disclosure/annual-report-2024/table-4.csv",
        ]
    );
    let parse = |rel: &str| -> Vec<Vec<String>> {
        let bytes = std::fs::read(build.file(rel)).unwrap();
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            "{rel} starts with a BOM"
        );
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        text.split("\r\n")
            .filter(|l| !l.is_empty())
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect()
    };
    let t3 = parse("disclosure/annual-report-2024/table-3.csv");
    assert_eq!(t3.len(), 26);
    assert_eq!(t3[0][0], "项目");
    assert_eq!(t3[0][2], "法人或其他组织：商业企业");
    assert_eq!(t3[0][7], "总计");
    assert!(t3.iter().all(|r| r.len() == 8));
    assert_eq!(t3[5][0], "三、本年度办理结果（三）不予公开 1.属于国家秘密");
    assert_eq!(
        t3[24],
        [
            "三、本年度办理结果（七）总计",
            "5",
            "1",
            "0",
            "0",
            "1",
            "1",
            "8"
        ]
    );
    let t4 = parse("disclosure/annual-report-2024/table-4.csv");
    assert_eq!(
        t4[0],
        [
            "类别",
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计"
        ]
    );
    assert_eq!(
        t4[2],
        ["行政诉讼 未经复议直接起诉", "0", "0", "1", "1", "2"]
    );
    let t2 = parse("disclosure/annual-report-2024/table-2.csv");
    assert_eq!(t2[0], ["条款", "信息内容", "指标", "数值", "数据来源"]);
    assert!(
        t2.contains(
            &[
                "第二十条第（八）项",
                "行政事业性收费",
                "本年收费金额（单位：万元）",
                "12.5",
                "填报"
            ]
            .map(String::from)
            .to_vec()
        )
    );
}

#[test]
fn table_two_counts_documents_by_kind_unless_given() {
    let doc = |kind: &str, written: &str, extra: &str| {
        format!(
            "+++\ntitle = \"文件\"\ndate = {written}\nwritten = {written}\ndoc_kind = \"{kind}\"\n{extra}+++\n正文\n"
        )
    };
    let text = report(2024, CARRY, CARRY)
        .replace("[proactive]\n", "[proactive]\nrules = { issued = 7 }\n");
    let site = site_with(&[
        (FILE_2024, &text),
        ("content/policies/_index.md", "+++\ntitle = \"政策\"\n+++\n"),
        (
            "content/policies/a.md",
            &doc("行政规范性文件", "2024-03-01", ""),
        ),
        (
            "content/policies/b.md",
            &doc(
                "行政规范性文件",
                "2022-03-01",
                "validity = \"已废止\"\nvalidity_date = 2024-06-01\n",
            ),
        ),
        (
            "content/policies/c.md",
            &doc("行政规范性文件", "2021-03-01", ""),
        ),
        (
            "content/policies/d.md",
            &doc("行政规范性文件", "2025-02-01", ""),
        ),
        (
            "content/policies/e.md",
            &doc(
                "行政规范性文件",
                "2020-02-01",
                "validity = \"失效\"\nvalidity_date = 2025-02-01\n",
            ),
        ),
        ("content/policies/f.md", &doc("规章", "2023-05-01", "")),
        ("content/policies/g.md", &doc("其他", "2024-05-01", "")),
    ]);
    let build = site.build();
    build.assert_ok();
    let html = build.html("disclosure/annual-report-2024/index.html");
    let row = |label: &str| -> Vec<String> {
        let table = html.select(&sel("table#table-2")).next().unwrap();
        let tr = table
            .select(&sel("tr"))
            .find(|tr| cells(*tr)[0].4 == label)
            .unwrap();
        tr.select(&sel("td"))
            .map(|td| td.text().collect::<String>().trim().to_string())
            .collect()
    };
    // a issued; b repealed in 2024; a, c and e (repealed only in 2025) valid at the end of 2024.
    assert_eq!(row("行政规范性文件"), ["1*", "1*", "3*"]);
    // 规章: issued given as 7, the other two counted (f valid).
    assert_eq!(row("规章"), ["7", "0*", "1*"]);
    assert_eq!(count(&html, "#table-2-computed"), 1);
}

#[test]
fn new_plus_carried_over_must_equal_handled_plus_carried_forward() {
    let good = report(2024, CARRY, CARRY);
    let text = with_line(&good, "new =", "new = [6, 1, 0, 0, 1, 1, 9]");
    let site = site_with(&[(FILE_2024, &text)]);
    let errors = errors_in(&site, FILE_2024);
    let line = line_of(&text, "carried_forward =");
    assert_eq!(errors.len(), 2, "{errors:#?}");
    for column in ["自然人", "总计"] {
        let d = errors
            .iter()
            .find(|d| d.message.contains(&format!("表三“{column}”列")))
            .expect(column);
        assert_eq!(d.line, Some(line));
        assert!(d.message.contains("不平衡"), "{}", d.message);
    }
    let build = site.build();
    build.assert_failed();
    assert!(
        build.stderr.contains(&format!("{FILE_2024}:{line}:")),
        "{}",
        build.stderr
    );
}

#[test]
fn the_handled_total_must_be_the_sum_of_the_results() {
    let good = report(2024, CARRY, CARRY);
    let text = with_line(
        &good,
        "third_party =",
        "third_party = [0, 1, 0, 0, 0, 0, 1]",
    );
    let site = site_with(&[(FILE_2024, &text)]);
    let errors = errors_in(&site, FILE_2024);
    let line = line_of(&text, "total =");
    assert_eq!(errors.len(), 2, "{errors:#?}");
    for column in ["自然人", "商业企业"] {
        let d = errors
            .iter()
            .find(|d| {
                d.message
                    .contains(&format!("表三“（七）总计”行“{column}”列"))
            })
            .expect(column);
        assert_eq!(d.line, Some(line));
    }
}

#[test]
fn each_row_total_is_the_sum_of_its_six_columns() {
    let good = report(2024, CARRY, CARRY);
    let text = with_line(
        &good,
        "third_party =",
        "third_party = [1, 0, 0, 0, 0, 0, 2]",
    );
    let site = site_with(&[(FILE_2024, &text)]);
    let errors = errors_in(&site, FILE_2024);
    let line = line_of(&text, "third_party =");
    let at_row: Vec<&Diag> = errors.iter().filter(|d| d.line == Some(line)).collect();
    assert_eq!(at_row.len(), 1, "{errors:#?}");
    let m = &at_row[0].message;
    assert!(
        m.contains("表三") && m.contains("4.保护第三方合法权益") && m.contains("“总计”列"),
        "{m}"
    );
    assert!(at_row[0].hint.as_deref().unwrap().contains('1'));
}

#[test]
fn this_years_carried_over_must_be_last_years_carried_forward() {
    let y2025 = report(2025, "[1, 0, 0, 0, 0, 0, 1]", CARRY);
    let site = site_with(&[
        (FILE_2024, &report(2024, CARRY, CARRY)),
        (FILE_2025, &y2025),
    ]);
    let errors = errors_in(&site, FILE_2025);
    let line = line_of(&y2025, "carried_over =");
    assert_eq!(errors.len(), 2, "{errors:#?}");
    for column in ["自然人", "总计"] {
        let d = errors
            .iter()
            .find(|d| d.message.contains(&format!("“{column}”列")))
            .expect(column);
        assert_eq!(d.line, Some(line));
        assert!(d.message.contains(FILE_2024), "{}", d.message);
        assert!(
            d.message
                .contains("表三“二、上年结转政府信息公开申请数量”行"),
            "{}",
            d.message
        );
    }
    // Consistent years build, and a year without a predecessor is not compared.
    let fixed = site_with(&[
        (FILE_2024, &report(2024, CARRY, CARRY)),
        (FILE_2025, &report(2025, CARRY, CARRY)),
    ]);
    fixed.build().assert_ok();
    let alone = site_with(&[(FILE_2025, &y2025)]);
    alone.build().assert_ok();
}

#[test]
fn each_table_four_total_is_the_sum_of_its_four_results() {
    let good = report(2024, CARRY, CARRY);
    let text = with_line(&good, "direct_suit =", "direct_suit = [0, 0, 1, 1, 3]");
    let site = site_with(&[(FILE_2024, &text)]);
    let errors = errors_in(&site, FILE_2024);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].line, Some(line_of(&text, "direct_suit =")));
    let m = &errors[0].message;
    assert!(
        m.contains("表四")
            && m.contains("未经复议直接起诉")
            && m.contains("“总计”列")
            && m.contains('2'),
        "{m}"
    );
}

#[test]
fn counts_cannot_be_negative() {
    let good = report(2024, CARRY, CARRY);
    let text = with_line(
        &good,
        "state_secret =",
        "state_secret = [0, -1, 0, 0, 0, 0, 0]",
    );
    let site = site_with(&[(FILE_2024, &text)]);
    let errors = errors_in(&site, FILE_2024);
    let line = line_of(&text, "state_secret =");
    let d = errors
        .iter()
        .find(|d| d.line == Some(line))
        .expect("an error at the row");
    assert!(
        d.message.contains("1.属于国家秘密")
            && d.message.contains("“商业企业”列")
            && d.message.contains("-1"),
        "{}",
        d.message
    );
    let text = with_line(&good, "coercion =", "coercion = -3");
    let site = site_with(&[(FILE_2024, &text)]);
    let d = site.check().error_in(FILE_2024).clone();
    assert_eq!(d.line, Some(line_of(&text, "coercion =")));
    assert!(d.message.contains("表二“行政强制”行"), "{}", d.message);
}

#[test]
fn a_row_needs_one_number_per_column() {
    let good = report(2024, CARRY, CARRY);
    let text = with_line(&good, "review = [", "review = [1, 1, 0, 2]");
    let site = site_with(&[(FILE_2024, &text)]);
    let d = site.check().error_in(FILE_2024).clone();
    assert_eq!(d.line, Some(line_of(&text, "review = [")));
    assert!(
        d.message.contains("表四“行政复议”行")
            && d.message.contains('5')
            && d.message.contains('4'),
        "{}",
        d.message
    );
    assert!(d.hint.unwrap().contains("结果维持"));
}

#[test]
fn a_missing_row_names_the_key_to_add() {
    let good = report(2024, CARRY, CARRY);
    let text: String = good
        .lines()
        .filter(|l| !l.starts_with("needs_creation"))
        .map(|l| format!("{l}\n"))
        .collect();
    let site = site_with(&[(FILE_2024, &text)]);
    let d = site.check().error_in(FILE_2024).clone();
    assert_eq!(d.line, Some(line_of(&text, "[applications.unavailable]")));
    assert!(
        d.message.contains("2.没有现成信息需要另行制作"),
        "{}",
        d.message
    );
    assert!(
        d.hint
            .unwrap()
            .contains("needs_creation = [0, 0, 0, 0, 0, 0, 0]")
    );
}

#[test]
fn missing_prose_date_and_figures_are_errors() {
    let good = report(2024, CARRY, CARRY);
    let text: String = good
        .lines()
        .filter(|l| !l.starts_with("problems") && !l.starts_with("fees"))
        .map(|l| format!("{l}\n"))
        .collect();
    let text = text.replace("other = \"其他事项。\"", "other = \"  \"");
    let site = site_with(&[(FILE_2024, &text)]);
    let check = site.check();
    let errors: Vec<(Option<usize>, String)> = check
        .errors()
        .iter()
        .map(|d| (d.line, d.hint.clone().unwrap_or_default()))
        .collect();
    assert_eq!(errors.len(), 3, "{:#?}", check.diagnostics);
    assert!(
        errors.contains(&(
            Some(line_of(&text, "[text]")),
            "在 [text] 下加上 problems = \"…\"".into()
        )),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|(l, h)| *l == Some(line_of(&text, "other =")) && h.contains("text.other")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|(l, h)| *l == Some(line_of(&text, "[proactive]")) && h.contains("fees")),
        "{errors:?}"
    );
}

#[test]
fn the_file_name_is_the_year() {
    let text = report(2024, CARRY, CARRY);
    let site = site_with(&[("data/annual-reports/report-2024.toml", &text)]);
    let d = site
        .check()
        .error_in("data/annual-reports/report-2024.toml")
        .clone();
    assert!(d.message.contains("2024.toml"), "{}", d.message);
    let site = site_with(&[(FILE_2025, &text)]);
    let d = site.check().error_in(FILE_2025).clone();
    assert_eq!(d.line, Some(1));
    assert!(d.message.contains("year = 2024"), "{}", d.message);
}

#[test]
fn an_unknown_key_is_an_error_at_its_line() {
    let good = report(2024, CARRY, CARRY);
    let text = good.replace("[appeals]\n", "[appeals]\nreveiw = [0, 0, 0, 0, 0]\n");
    let site = site_with(&[(FILE_2024, &text)]);
    let d = site.check().error_in(FILE_2024).clone();
    assert_eq!(d.line, Some(line_of(&text, "reveiw")));
    assert!(
        d.message.contains("reveiw") && d.message.contains("review"),
        "{}",
        d.message
    );
}

#[test]
fn a_public_build_requires_the_confidentiality_review() {
    let config =
        "title = \"测试站\"\ndefault_profile = \"public\"\n[profiles.public]\npublic = true\n";
    let text: String = report(2024, CARRY, CARRY)
        .lines()
        .filter(|l| !l.starts_with("review = {"))
        .map(|l| format!("{l}\n"))
        .collect();
    let site = site_with(&[
        ("gazette.toml", config),
        (
            "content/_index.md",
            "+++\ntitle = \"首页\"\ndisclosure = \"主动公开\"\nreview = { by = \"甲\", date = 2024-01-01 }\n+++\n",
        ),
        (
            "content/disclosure/_index.md",
            "+++\ntitle = \"公开\"\ndisclosure = \"主动公开\"\nreview = { by = \"甲\", date = 2024-01-01 }\n+++\n",
        ),
        (FILE_2024, &text),
    ]);
    let d = site.check().error_in(FILE_2024).clone();
    assert!(d.message.contains("保密审查"), "{}", d.message);
    assert!(d.hint.unwrap().contains("review = {"));
    site.write(FILE_2024, report(2024, CARRY, CARRY));
    let build = site.build();
    build.assert_ok();
    assert!(build.exists("disclosure/annual-report-2024/index.html"));
}

#[test]
fn report_pages_carry_the_article_meta_tags() {
    let site = site_with(&[(FILE_2024, &report(2024, CARRY, CARRY))]);
    let build = site.build();
    build.assert_ok();
    let html = build.html("disclosure/annual-report-2024/index.html");
    let meta = |name: &str| attrs(&html, &format!("meta[name=\"{name}\"]"), "content");
    assert_eq!(
        meta("ArticleTitle"),
        ["测试站2024年政府信息公开工作年度报告"]
    );
    assert_eq!(meta("PubDate"), ["2025-01-20 00:00"]);
    assert_eq!(meta("ContentSource"), ["测试站"]);
    assert_eq!(meta("ColumnName"), ["政府信息公开"]);
    assert_eq!(meta("SiteName"), ["测试站"]);
}

#[test]
fn the_demo_reports_are_consistent_and_replace_the_markdown_report() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |rel: &str| std::fs::read_to_string(root.join(rel)).unwrap();
    let row = |text: &str, key: &str| -> String {
        text.lines()
            .find(|l| l.starts_with(&format!("{key} =")))
            .unwrap()
            .split('=')
            .nth(1)
            .unwrap()
            .trim()
            .to_string()
    };
    let (y2024, y2025) = (read(FILE_2024), read(FILE_2025));
    assert_eq!(row(&y2025, "carried_over"), row(&y2024, "carried_forward"));
    assert!(
        !root
            .join("content/disclosure/annual-report-2024.md")
            .exists()
    );
}
