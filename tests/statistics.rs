//! Information-work statistics: a fixture of five units and ten items over
//! two quarters, with every table of the circulars computed by hand below
//! (ties, zero reporters, doubled adoptions, commissions, late and silent
//! incident reports); the commission and incident pages; outcomes on item
//! pages; every configuration and content error with its file and line;
//! and a public build with no trace of any of it.

mod common;

use common::{TestSite, count, files_under, texts};
use scraper::{Html, Selector};

const CONFIG: &str = r#"title = "测试站"
base_url = "https://t.example.gov.cn/"
default_profile = "public"

[profiles.public]
audiences = ["public"]

[profiles.intranet]
audiences = ["public", "internal"]

[defaults]
audience = "internal"

[scoring]
levels = ["市委", "省委"]
annotation_levels = ["市级", "省级"]
submission = 1
adoption = [
  { level = "市委", points = 2 },
  { level = "市委", outlet = "短讯", points = 1 },
  { level = "省委", points = 5 },
]
annotation = [{ level = "市级", points = 3 }, { level = "省级", points = 6 }]
commission = { answered = 4, missed = -2 }
penalties = { late_report = -3, no_follow_up = -1, missed_report = -4 }
multipliers = { annotated = 2 }

[statistics.incidents]
deadlines = { "紧急" = 2 }
follow_up_days = 3
"#;

const UNITS: &str = r#"[[unit]]
name = "甲镇"
kind = "乡镇"

[[unit]]
name = "乙镇"
kind = "乡镇"

[[unit]]
name = "丙局"
kind = "部门"

[[unit]]
name = "丁局"
kind = "部门"

[[unit]]
name = "戊点"
kind = "直报点"
active_from = 2024-04-01
"#;

const COMMISSIONS: &str = r#"[[commission]]
id = "c1"
topic = "春耕备耕约稿专题"
issued = 2024-01-05
due = 2024-02-20
units = ["甲镇", "丙局"]
"#;

/// An item: unit, author, category, date, then any extra TOML lines.
fn item(title: &str, unit: &str, author: &str, category: &str, date: &str, extra: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = {date}\nunit = \"{unit}\"\nauthor = \"{author}\"\ncategory = \"{category}\"\n{extra}+++\n{title}的正文。\n"
    )
}

fn fixture() -> TestSite {
    let items: Vec<(&str, String)> = vec![
        // First quarter.
        (
            "content/items/a1.md",
            item(
                "甲镇春耕动态",
                "甲镇",
                "张三",
                "动态",
                "2024-01-10",
                "adoptions = [{ level = \"市委\", by = \"市委办公室\", date = 2024-01-15 }]\n",
            ),
        ),
        (
            "content/items/a2.md",
            item(
                "甲镇约稿问题",
                "甲镇",
                "张三",
                "问题",
                "2024-02-10",
                "commission = \"c1\"\n",
            ),
        ),
        (
            "content/items/b1.md",
            item(
                "乙镇调研报告",
                "乙镇",
                "李四",
                "调研",
                "2024-01-20",
                "adoptions = [{ level = \"市委\", date = 2024-01-25 }]\nannotations = [{ leader = \"某市长\", level = \"市级\", date = 2024-01-28, text = \"请研究。\", status = \"交办\" }]\n",
            ),
        ),
        (
            "content/items/c1.md",
            item(
                "丙局短讯",
                "丙局",
                "王五",
                "动态",
                "2024-03-05",
                "adoptions = [{ level = \"市委\", date = 2024-03-10, outlet = \"《信息快报》短讯\" }]\n",
            ),
        ),
        (
            "content/items/c2.md",
            item("丙局动态", "丙局", "王五", "动态", "2024-03-06", ""),
        ),
        // Second quarter.
        (
            "content/items/e1.md",
            item(
                "甲镇山洪首报",
                "甲镇",
                "张三",
                "紧急",
                "2024-05-01",
                "event_time = 2024-05-01T08:00:00+08:00\nreport_time = 2024-05-01T11:30:00+08:00\n",
            ),
        ),
        (
            "content/items/e2.md",
            item(
                "甲镇山洪续报",
                "甲镇",
                "张三",
                "紧急",
                "2024-05-02",
                "report_time = 2024-05-02T09:00:00+08:00\nfollow_up_of = \"items/e1.md\"\nclosed = true\n",
            ),
        ),
        (
            "content/items/f1.md",
            item(
                "戊点预警信息",
                "戊点",
                "赵六",
                "预警",
                "2024-04-15",
                "adoptions = [{ level = \"省委\", date = 2024-04-20 }]\nannotations = [{ leader = \"某省长\", level = \"省级\", date = 2024-04-22 }]\n",
            ),
        ),
        (
            "content/items/g1.md",
            item(
                "丙局火情首报",
                "丙局",
                "王五",
                "紧急",
                "2024-06-10",
                "event_time = 2024-06-10T10:00:00+08:00\nreport_time = 2024-06-10T11:00:00+08:00\n",
            ),
        ),
        (
            "content/open/h1.md",
            item(
                "乙镇公开动态",
                "乙镇",
                "李四",
                "动态",
                "2024-06-20",
                "audience = \"public\"\nadoptions = [{ level = \"市委\", by = \"市委办公室甲乙\", date = 2024-06-25 }]\n",
            ),
        ),
    ];
    let site = TestSite::new(&[
        ("gazette.toml", CONFIG),
        ("data/units.toml", UNITS),
        ("data/commissions.toml", COMMISSIONS),
        (
            "content/_index.md",
            "+++\ntitle = \"首页\"\naudience = \"public\"\n+++\n",
        ),
        (
            "content/items/_index.md",
            "+++\ntitle = \"内部信息\"\naudience = \"internal\"\n+++\n",
        ),
        (
            "content/open/_index.md",
            "+++\ntitle = \"公开信息\"\naudience = \"public\"\n+++\n",
        ),
    ]);
    for (path, text) in &items {
        site.write(path, text);
    }
    site
}

fn intranet(site: &TestSite) -> common::Build {
    let build = site.build_args(&["--profile", "intranet"]);
    build.assert_ok();
    build
}

/// The rows of the table matching `css`, each as its cells' text.
fn rows(html: &Html, css: &str) -> Vec<Vec<String>> {
    let row = Selector::parse(&format!("{css} tbody tr")).unwrap();
    let cell = Selector::parse("th, td").unwrap();
    html.select(&row)
        .map(|r| {
            r.select(&cell)
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect()
        })
        .collect()
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

#[test]
fn the_first_quarter_matches_the_hand_computed_table_with_a_tie_and_a_zero_reporter() {
    let site = fixture();
    let build = intranet(&site);
    let q1 = build.html("statistics/2024/q1/index.html");
    // Columns: 名次, 单位, 类型, 报送, 市委采用, 省委采用, 采用合计, 批示, 采用率,
    // 约稿完成/未完成, 迟报, 得分.
    // 甲镇: 2 submitted (2) + 市委 (2) + commission answered (4) = 8.
    // 乙镇: 1 submitted (1) + 市委 doubled because annotated (4) + 市级 (3) = 8.
    // 丙局: 2 submitted (2) + 市委 短讯 (1) + commission missed (-2) = 1.
    // 丁局: nothing. 戊点 only reports from April: not listed.
    assert_eq!(
        rows(&q1, ".circular-table"),
        vec![
            row(&[
                "1", "甲镇", "乡镇", "2", "1", "0", "1", "0", "50.0%", "1/0", "0", "8"
            ]),
            row(&[
                "1", "乙镇", "乡镇", "1", "1", "0", "1", "1", "100.0%", "0/0", "0", "8"
            ]),
            row(&[
                "3", "丙局", "部门", "2", "1", "0", "1", "0", "50.0%", "0/1", "0", "1"
            ]),
            row(&[
                "4", "丁局", "部门", "0", "0", "0", "0", "0", "—", "0/0", "0", "0"
            ]),
        ]
    );
    assert_eq!(texts(&q1, ".zero-submissions"), vec!["丁局".to_string()]);
    assert_eq!(count(&q1, ".zero-adoptions"), 0);
    // The page says how ties are ranked.
    let caption = texts(&q1, ".circular-table caption").join("");
    assert!(caption.contains("1、1、3"), "{caption}");
    // Category balance: 动态 3, 问题 1, 调研 1 of 5.
    assert_eq!(
        rows(&q1, ".balance-table"),
        vec![
            row(&["动态", "3", "60.0%"]),
            row(&["问题", "1", "20.0%"]),
            row(&["调研", "1", "20.0%"]),
        ]
    );
    let balance = texts(&q1, ".balance").join("");
    assert!(
        balance.contains("问题、预警、调研类 2 篇，占 40.0%"),
        "{balance}"
    );
    assert!(balance.contains("动态类 3 篇，占 60.0%"), "{balance}");
    // Authors: the answered commission goes to the author of the answer;
    // the missed one only to the unit.
    assert_eq!(
        rows(&q1, ".author-table"),
        vec![
            row(&["1", "张三", "甲镇", "2", "1", "0", "1", "0", "50.0%", "8"]),
            row(&["1", "李四", "乙镇", "1", "1", "0", "1", "1", "100.0%", "8"]),
            row(&["3", "王五", "丙局", "2", "1", "0", "1", "0", "50.0%", "3"]),
        ]
    );
    // The commission due in February is listed with the unit that missed it.
    let commissions = texts(&q1, ".commission-list li").join("");
    assert!(commissions.contains("逾期未报：丙局"), "{commissions}");
}

#[test]
fn the_second_quarter_counts_late_and_silent_incidents_and_units_that_joined() {
    let site = fixture();
    let build = intranet(&site);
    let q2 = build.html("statistics/2024/q2/index.html");
    // 戊点: 1 + 省委 doubled (10) + 省级 (6) = 17.
    // 乙镇: 1 + 市委 (2) = 3 (the public item counts in the intranet).
    // 丙局: 1 + no follow-up for three days (-1) = 0.  丁局: 0.
    // 甲镇: 2 submitted (2) + late first report (-3) = -1.
    assert_eq!(
        rows(&q2, ".circular-table"),
        vec![
            row(&[
                "1",
                "戊点",
                "直报点",
                "1",
                "0",
                "1",
                "1",
                "1",
                "100.0%",
                "0/0",
                "0",
                "17"
            ]),
            row(&[
                "2", "乙镇", "乡镇", "1", "1", "0", "1", "0", "100.0%", "0/0", "0", "3"
            ]),
            row(&[
                "3", "丙局", "部门", "1", "0", "0", "0", "0", "0.0%", "0/0", "1", "0"
            ]),
            row(&[
                "3", "丁局", "部门", "0", "0", "0", "0", "0", "—", "0/0", "0", "0"
            ]),
            row(&[
                "5", "甲镇", "乡镇", "2", "0", "0", "0", "0", "0.0%", "0/0", "1", "-1"
            ]),
        ]
    );
    assert_eq!(texts(&q2, ".zero-submissions"), vec!["丁局".to_string()]);
    assert_eq!(
        texts(&q2, ".zero-adoptions"),
        vec!["甲镇、丙局".to_string()]
    );
    assert_eq!(
        rows(&q2, ".author-table"),
        vec![
            row(&["1", "赵六", "戊点", "1", "0", "1", "1", "1", "100.0%", "17"]),
            row(&["2", "李四", "乙镇", "1", "1", "0", "1", "0", "100.0%", "3"]),
            row(&["3", "王五", "丙局", "1", "0", "0", "0", "0", "0.0%", "1"]),
            row(&["4", "张三", "甲镇", "2", "0", "0", "0", "0", "0.0%", "-1"]),
        ]
    );
    assert_eq!(
        rows(&q2, ".balance-table"),
        vec![
            row(&["紧急", "3", "60.0%"]),
            row(&["动态", "1", "20.0%"]),
            row(&["预警", "1", "20.0%"]),
        ]
    );
    let late = texts(&q2, ".incident-list .late").join("");
    assert!(
        late.contains("甲镇山洪首报") && late.contains("3小时30分"),
        "{late}"
    );
    let overdue = texts(&q2, ".incident-list .overdue").join("");
    assert!(
        overdue.contains("丙局火情首报") && overdue.contains("2024年6月13日"),
        "{overdue}"
    );
}

#[test]
fn half_year_and_year_sum_the_quarters_and_the_csv_has_the_same_table() {
    let site = fixture();
    let build = intranet(&site);
    // 戊点 17; 乙镇 8 + 3; 甲镇 8 - 1; 丙局 1 + 0; 丁局 0.
    let expected = vec![
        row(&[
            "1",
            "戊点",
            "直报点",
            "1",
            "0",
            "1",
            "1",
            "1",
            "100.0%",
            "0/0",
            "0",
            "17",
        ]),
        row(&[
            "2", "乙镇", "乡镇", "2", "2", "0", "2", "1", "100.0%", "0/0", "0", "11",
        ]),
        row(&[
            "3", "甲镇", "乡镇", "4", "1", "0", "1", "0", "25.0%", "1/0", "1", "7",
        ]),
        row(&[
            "4", "丙局", "部门", "3", "1", "0", "1", "0", "33.3%", "0/1", "1", "1",
        ]),
        row(&[
            "5", "丁局", "部门", "0", "0", "0", "0", "0", "—", "0/0", "0", "0",
        ]),
    ];
    let h1 = build.html("statistics/2024/h1/index.html");
    assert_eq!(rows(&h1, ".circular-table"), expected);
    let year = build.html("statistics/2024/index.html");
    assert_eq!(rows(&year, ".circular-table"), expected);
    // Months: January has 甲镇, 乙镇 and no 戊点 yet.
    let jan = build.html("statistics/2024/01/index.html");
    assert_eq!(rows(&jan, ".circular-table")[0][1], "乙镇");
    // No circular after the last entry (June).
    assert!(!build.exists("statistics/2024/h2/index.html"));
    assert!(!build.exists("statistics/2024/07/index.html"));
    let csv = build.read("statistics/2024/h1/units.csv");
    assert!(csv.starts_with('\u{feff}'), "no BOM");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(
        lines[0],
        "名次,报送单位,类型,报送,市委采用,省委采用,采用合计,批示,采用率,约稿完成,约稿未完成,扣分项,得分（分）"
    );
    assert_eq!(lines[1], "1,戊点,直报点,1,0,1,1,1,100.0%,0,0,0,17");
    assert_eq!(lines[3], "3,甲镇,乡镇,4,1,0,1,0,25.0%,1,0,1,7");
    assert_eq!(lines[6], "", "one record per unit, CRLF-terminated");
    let authors = build.read("statistics/2024/h1/authors.csv");
    assert!(
        authors.contains("\r\n1,赵六,戊点,1,0,1,1,1,100.0%,0,0,0,17\r\n"),
        "{authors}"
    );
    // The index links every circular and the print stylesheet is there.
    let index = build.html("statistics/index.html");
    let links = common::attrs(&index, ".circular-list a", "href");
    assert!(
        links.contains(&"/statistics/2024/q2/".to_string()),
        "{links:?}"
    );
    assert!(build.read("css/circular.css").contains("size: A4"));
    assert!(
        common::attrs(&h1, "link[rel=stylesheet]", "href")
            .contains(&"/css/circular.css".to_string())
    );
}

#[test]
fn the_commission_page_lists_its_answers_and_the_units_that_missed_it() {
    let site = fixture();
    let build = intranet(&site);
    let page = build.html("statistics/commissions/c1/index.html");
    assert_eq!(
        texts(&page, "h1"),
        vec!["约稿：春耕备耕约稿专题".to_string()]
    );
    assert_eq!(
        rows(&page, ".stat-table"),
        vec![row(&["甲镇", "已按时报送"]), row(&["丙局", "逾期未报"])]
    );
    let answers = texts(&page, ".answer-list li").join("");
    assert!(answers.contains("甲镇约稿问题"), "{answers}");
    assert_eq!(
        common::attrs(&page, ".answer-list a", "href"),
        vec!["/items/a2/".to_string()]
    );
    // The answering item links back to its commission.
    let item = build.html("items/a2/index.html");
    assert_eq!(
        common::attrs(&item, ".outcome-links a", "href"),
        vec!["/statistics/commissions/c1/".to_string()]
    );
}

#[test]
fn an_incident_thread_is_a_timeline_and_check_warns_of_late_and_silent_reports() {
    let site = fixture();
    let build = intranet(&site);
    let thread = build.html("statistics/incidents/e1/index.html");
    let timeline = texts(&thread, ".timeline li");
    assert_eq!(timeline.len(), 2, "{timeline:?}");
    assert!(timeline[0].contains("2024-05-01 11:30") && timeline[0].contains("首报"));
    assert!(timeline[1].contains("终报") && timeline[1].contains("甲镇山洪续报"));
    assert!(texts(&thread, ".late").join("").contains("时限2小时"));
    assert_eq!(
        count(&thread, ".overdue"),
        0,
        "a closed thread is not overdue"
    );
    let open = build.html("statistics/incidents/g1/index.html");
    assert!(texts(&open, ".overdue").join("").contains("2024年6月13日"));
    // `gazette check` reports both, as warnings at the right lines.
    let check = site.check();
    assert_eq!(check.code, Some(0), "{:#?}", check.diagnostics);
    let warning = |file: &str, needle: &str| {
        check
            .diagnostics
            .iter()
            .find(|d| {
                d.severity == "warning"
                    && d.file.as_deref() == Some(file)
                    && d.message.contains(needle)
            })
            .unwrap_or_else(|| panic!("no warning {needle} in {file}: {:#?}", check.diagnostics))
            .clone()
    };
    // report_time is line 8 of e1.md.
    assert_eq!(warning("content/items/e1.md", "首报迟报").line, Some(8));
    assert_eq!(warning("content/items/g1.md", "没有续报").line, Some(2));
}

#[test]
fn item_pages_show_adoptions_and_annotations_in_the_intranet_only() {
    let site = fixture();
    let build = intranet(&site);
    let b1 = build.html("items/b1/index.html");
    // Adopted by 市委 (2 points), doubled because a leader annotated it.
    assert_eq!(
        rows(&b1, ".outcome-table"),
        vec![
            row(&["市委", "", "", "2024年1月25日", "4"]),
            row(&["某市长", "市级", "2024年1月28日", "请研究。", "", "交办"]),
        ]
    );
    // The public build has the public item, without any outcome.
    let public = site.build();
    public.assert_ok();
    let h1 = public.read("open/h1/index.html");
    assert!(h1.contains("乙镇公开动态"));
    assert!(
        !h1.contains("信息成效") && !h1.contains("市委办公室甲乙"),
        "{h1}"
    );
}

#[test]
fn a_public_build_has_no_trace_of_the_statistics() {
    let site = fixture();
    let public = site.build();
    public.assert_ok();
    let files = files_under(&public.out);
    // The public item is there; the internal ones are not.
    assert!(
        files.contains(&"open/h1/index.html".to_string()),
        "{files:?}"
    );
    assert!(!files.iter().any(|f| f.starts_with("items/")), "{files:?}");
    assert!(
        !files.iter().any(|f| f.starts_with("statistics/")),
        "{files:?}"
    );
    for file in &files {
        let text =
            String::from_utf8_lossy(&std::fs::read(public.out.join(file)).unwrap()).into_owned();
        for sentinel in [
            "信息工作通报",
            "/statistics/",
            "春耕备耕约稿专题",
            "甲镇山洪首报",
            "戊点",
            "采用情况",
            "领导批示",
        ] {
            assert!(!text.contains(sentinel), "{file} has {sentinel}");
        }
    }
}

#[test]
fn recorded_deductions_take_their_points_from_the_config_and_are_listed() {
    let site = fixture();
    site.write(
        "data/deductions.toml",
        "[[deduction]]\nunit = \"丁局\"\ndate = 2024-05-20\nkind = \"漏报\"\nreason = \"5月19日火情未报送\"\n",
    );
    let build = intranet(&site);
    let q2 = build.html("statistics/2024/q2/index.html");
    let units = rows(&q2, ".circular-table");
    assert_eq!(
        units.last().unwrap(),
        &row(&[
            "5", "丁局", "部门", "0", "0", "0", "0", "0", "—", "0/0", "1", "-4"
        ])
    );
    assert_eq!(
        rows(&q2, ".deduction-table"),
        vec![row(&[
            "丁局",
            "2024年5月20日",
            "漏报",
            "5月19日火情未报送",
            "-4"
        ])]
    );
    assert_eq!(
        count(
            &build.html("statistics/2024/q1/index.html"),
            ".deduction-table"
        ),
        0
    );
    // An unknown kind and a unit not on the roster are errors at their lines.
    site.write(
        "data/deductions.toml",
        "[[deduction]]\nunit = \"丁居\"\ndate = 2024-05-20\nkind = \"漏报\"\nreason = \"x\"\n\n[[deduction]]\nunit = \"丁局\"\ndate = 2024-05-20\nkind = \"晚报\"\nreason = \"x\"\n",
    );
    let errors = errors_of(&site.check());
    let unit = find(&errors, "data/deductions.toml", "“丁居”");
    assert_eq!(unit.1, 2);
    assert!(unit.3.contains("丁局"), "{unit:?}");
    let kind = find(&errors, "data/deductions.toml", "“晚报”");
    assert_eq!(kind.1, 10);
    assert!(kind.3.contains("missed_report（漏报）"), "{kind:?}");
}

fn errors_of(check: &common::Check) -> Vec<(String, usize, String, String)> {
    check
        .errors()
        .into_iter()
        .map(|d| {
            (
                d.file.clone().unwrap_or_default(),
                d.line.unwrap_or(0),
                d.message.clone(),
                d.hint.clone().unwrap_or_default(),
            )
        })
        .collect()
}

#[track_caller]
fn find<'a>(
    errors: &'a [(String, usize, String, String)],
    file: &str,
    needle: &str,
) -> &'a (String, usize, String, String) {
    errors
        .iter()
        .find(|e| e.0 == file && e.2.contains(needle))
        .unwrap_or_else(|| panic!("no error in {file} mentioning {needle}: {errors:#?}"))
}

#[test]
fn every_scoring_error_is_reported_at_its_line_in_one_build() {
    let config = CONFIG.replace(
        "[scoring]\n",
        "[scoring]\npreset = \"county\"\n",
    )
    .replace(
        "  { level = \"省委\", points = 5 },\n",
        "  { level = \"省委\", points = 5 },\n  { level = \"国务院\", points = 20 },\n  { level = \"省委\", points = 6 },\n",
    )
    .replace(
        "annotation = [{ level = \"市级\", points = 3 }, { level = \"省级\", points = 6 }]",
        "annotation = [{ level = \"市级\", points = 3 }, { level = \"县级\", points = 6 }]",
    )
    .replace("multipliers = { annotated = 2 }", "multipliers = { annotated = 0 }");
    let site = TestSite::new(&[("gazette.toml", &config)]);
    let check = site.check();
    assert_eq!(check.code, Some(1));
    let errors = errors_of(&check);
    let text = config.clone();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let preset = find(&errors, "gazette.toml", "county");
    assert_eq!(preset.1, line_of("preset = \"county\""));
    assert!(
        preset.3.contains("city") && preset.3.contains("cppcc"),
        "{preset:?}"
    );
    let level = find(&errors, "gazette.toml", "“国务院”");
    assert_eq!(level.1, line_of("\"国务院\""));
    assert!(level.3.contains("市委、省委"), "{level:?}");
    let twice = find(&errors, "gazette.toml", "重复");
    assert_eq!(twice.1, line_of("{ level = \"省委\", points = 6 }"));
    let annotation = find(&errors, "gazette.toml", "“县级”");
    assert_eq!(annotation.1, line_of("\"县级\""));
    assert!(annotation.2.contains("annotation_levels"), "{annotation:?}");
    let factor = find(&errors, "gazette.toml", "multipliers.annotated");
    assert_eq!(factor.1, line_of("annotated = 0"));
    // An unknown key in [scoring] is a config error with its line too.
    let site = TestSite::new(&[(
        "gazette.toml",
        &CONFIG.replace("submission = 1\n", "submision = 1\n"),
    )]);
    let check = site.check();
    let d = check.error_in("gazette.toml");
    assert!(d.message.contains("submision"), "{d:?}");
    assert_eq!(
        d.line,
        Some(CONFIG.lines().position(|l| l == "submission = 1").unwrap() + 1)
    );
    // [statistics]: an unknown period kind and a deadline that is not a number.
    for (from, to, needle) in [
        (
            "[statistics.incidents]\n",
            "[statistics]\nperiods = [\"week\"]\n\n[statistics.incidents]\n",
            "week",
        ),
        (
            "deadlines = { \"紧急\" = 2 }",
            "deadlines = { \"紧急\" = \"两小时\" }",
            "deadlines",
        ),
    ] {
        let config = CONFIG.replace(from, to);
        let site = TestSite::new(&[("gazette.toml", &config)]);
        let check = site.check();
        let d = check.error_in("gazette.toml");
        let line = config.lines().position(|l| l.contains(needle)).unwrap() + 1;
        assert_eq!(d.line, Some(line), "{needle}: {d:?}");
    }
}

#[test]
fn content_errors_name_the_file_line_and_nearest_fix() {
    let site = fixture();
    site.write(
        "content/items/bad.md",
        "+++\ntitle = \"错稿\"\ndate = 2024-03-01\nunit = \"甲真\"\ncategory = \"动态\"\ncommission = \"c2\"\nfollow_up_of = \"items/none.md\"\nadoptions = [{ level = \"国务院\" }]\nannotations = [{ leader = \"某\", level = \"市级\", status = \"办结\" }]\n+++\n正文。\n",
    );
    site.write(
        "content/items/bad2.md",
        "+++\ntitle = \"错稿二\"\ndate = 2024-03-01\nunit = \"乙镇\"\nadoptions = [{ level = \"市委\", outlet_name = \"x\" }]\n+++\n正文。\n",
    );
    let check = site.check();
    assert_eq!(check.code, Some(1));
    let errors = errors_of(&check);
    let unit = find(&errors, "content/items/bad.md", "“甲真”");
    assert_eq!(unit.1, 4);
    assert!(unit.3.contains("甲镇"), "nearest name: {unit:?}");
    let commission = find(&errors, "content/items/bad.md", "约稿 “c2”");
    assert_eq!(commission.1, 6);
    assert!(commission.3.contains("c1"), "{commission:?}");
    assert_eq!(find(&errors, "content/items/bad.md", "items/none.md").1, 7);
    let level = find(&errors, "content/items/bad.md", "“国务院”");
    assert_eq!(level.1, 8);
    assert!(level.3.contains("市委、省委"), "{level:?}");
    let status = find(&errors, "content/items/bad.md", "办结");
    assert_eq!(status.1, 9);
    assert_eq!(find(&errors, "content/items/bad2.md", "outlet_name").1, 5);
    // The build fails with the same errors and writes nothing.
    let build = site.build_args(&["--profile", "intranet"]);
    build.assert_failed();
    assert!(
        build.stderr.contains("content/items/bad.md:4:"),
        "{}",
        build.stderr
    );
    assert!(!site.out().join("statistics").exists());
}

#[test]
fn data_file_errors_are_located() {
    let site = fixture();
    site.write(
        "data/units.toml",
        format!("{UNITS}\n[[unit]]\nname = \"甲镇\"\n\n[[unit]]\nname = \"己局\"\nactive_from = 2024-05-01\nactive_to = 2024-01-01\n"),
    );
    site.write(
        "data/commissions.toml",
        COMMISSIONS.replace(
            "units = [\"甲镇\", \"丙局\"]",
            "units = [\"甲镇\", \"丙居\"]",
        ),
    );
    let check = site.check();
    let errors = errors_of(&check);
    let line_in = |text: &str, needle: &str, nth: usize| {
        text.lines()
            .enumerate()
            .filter(|(_, l)| l.contains(needle))
            .nth(nth)
            .unwrap()
            .0
            + 1
    };
    let units = format!("{UNITS}\n[[unit]]\nname = \"甲镇\"\n");
    assert_eq!(
        find(&errors, "data/units.toml", "重复").1,
        line_in(&units, "name = \"甲镇\"", 1)
    );
    find(&errors, "data/units.toml", "active_to");
    let unit = find(&errors, "data/commissions.toml", "“丙居”");
    assert_eq!(unit.1, line_in(COMMISSIONS, "units =", 0));
    assert!(unit.3.contains("丙局"), "{unit:?}");
    // A TOML error is located too.
    site.write("data/units.toml", "[[unit]]\nname = \"甲镇\"\nkind = \n");
    let check = site.check();
    let d = check
        .errors()
        .into_iter()
        .find(|d| d.file.as_deref() == Some("data/units.toml"))
        .cloned()
        .unwrap_or_else(|| panic!("{:#?}", check.diagnostics));
    assert_eq!(d.line, Some(3));
}

#[test]
fn the_cppcc_preset_pays_yuan_doubles_annotated_adoptions_and_names_outstanding_officers() {
    let config = "title = \"政协\"\nbase_url = \"https://t.example.gov.cn/\"\n\n[profiles.intranet]\naudiences = [\"internal\"]\n\n[defaults]\naudience = \"internal\"\n\n[scoring]\npreset = \"cppcc\"\n";
    let site = TestSite::new(&[
        ("gazette.toml", config),
        (
            "data/units.toml",
            "[[unit]]\nname = \"甲委\"\n\n[[unit]]\nname = \"乙委\"\n",
        ),
    ]);
    // 孙七: five items, three adopted (县政协 30, 市政协 100, 市政协 100 ×2
    // annotated) = 330 元 and the award; 周八: one item adopted by 全国政协 = 300.
    let adoptions = [
        "adoptions = [{ level = \"县政协\" }]\n",
        "adoptions = [{ level = \"市政协\" }]\n",
        "adoptions = [{ level = \"市政协\" }]\nannotations = [{ leader = \"某主席\", level = \"市级\" }]\n",
        "",
        "",
    ];
    for (i, extra) in adoptions.iter().enumerate() {
        site.write(
            &format!("content/s{i}.md"),
            item(
                &format!("提案信息{i}"),
                "甲委",
                "孙七",
                "调研",
                &format!("2024-0{}-10", i + 1),
                extra,
            ),
        );
    }
    site.write(
        "content/z.md",
        item(
            "周八信息",
            "乙委",
            "周八",
            "动态",
            "2024-02-01",
            "adoptions = [{ level = \"全国政协\" }]\n",
        ),
    );
    let build = site.build_args(&["--profile", "intranet"]);
    build.assert_ok();
    let year = build.html("statistics/2024/index.html");
    let units = rows(&year, ".circular-table");
    assert_eq!(units[0][1], "甲委");
    assert_eq!(units[0].last().unwrap(), "330");
    assert_eq!(units[1].last().unwrap(), "300");
    let authors = rows(&year, ".author-table");
    assert_eq!(authors[0][1], "孙七");
    assert!(authors[0].last().unwrap().contains('是'), "{authors:?}");
    assert!(!authors[1].last().unwrap().contains('是'), "{authors:?}");
    assert!(
        texts(&year, ".circular-table thead th")
            .join("")
            .contains("得分（元）")
    );
    // Quarterly circulars have no award column.
    let q1 = build.html("statistics/2024/q1/index.html");
    assert!(
        !texts(&q1, ".author-table thead th")
            .join("")
            .contains("优秀信息员")
    );
}

#[test]
fn a_series_can_have_its_own_incident_deadlines_and_must_be_declared() {
    let config = format!(
        "{CONFIG}\n[statistics.incidents.series.zx]\n\"紧急\" = 1\n\n[series.zx]\nname = \"测试政务信息\"\naudience = \"internal\"\n"
    );
    let site = fixture();
    site.write("gazette.toml", &config);
    site.write(
        "content/b/zx/2024/1/_index.md",
        "+++\ntitle = \"第1期\"\ndate = 2024-07-05\nseries = \"zx\"\nnumber = 1\n+++\n",
    );
    // 90 minutes: late for the series (1 hour), on time elsewhere (2 hours).
    let times = "event_time = 2024-07-01T08:00:00+08:00\nreport_time = 2024-07-01T09:30:00+08:00\nclosed = true\n";
    site.write(
        "content/b/zx/2024/1/fire.md",
        item("刊内火情首报", "甲镇", "张三", "紧急", "2024-07-01", times),
    );
    site.write(
        "content/items/fire.md",
        item("刊外火情首报", "乙镇", "李四", "紧急", "2024-07-01", times),
    );
    let check = site.check();
    assert_eq!(check.code, Some(0), "{:#?}", check.diagnostics);
    let late: Vec<&str> = check
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("首报迟报"))
        .filter_map(|d| d.file.as_deref())
        .collect();
    // (e1.md of the fixture is late as well.)
    assert_eq!(
        late,
        vec!["content/b/zx/2024/1/fire.md", "content/items/e1.md"],
        "{:#?}",
        check.diagnostics
    );
    // A series key that [series] does not declare is a config error.
    site.write(
        "gazette.toml",
        config.replace("series.zx]\n\"紧急\"", "series.zz]\n\"紧急\""),
    );
    let check = site.check();
    let d = check.error_in("gazette.toml");
    assert!(d.message.contains("zz"), "{d:?}");
    let text = config.replace("series.zx]\n\"紧急\"", "series.zz]\n\"紧急\"");
    let line = text
        .lines()
        .position(|l| l.contains("[statistics.incidents.series.zz]"))
        .unwrap()
        + 1;
    assert_eq!(d.line, Some(line));
    assert!(d.hint.clone().unwrap_or_default().contains("zx"), "{d:?}");
}

/// `gazette serve --profile intranet` on a fixture: an edit to an item's
/// adoptions, then to the roster, reaches the circular and the item page
/// of the running preview (the incremental memo covers the statistics).
#[test]
fn the_preview_updates_circulars_after_an_edit() {
    use std::io::{BufRead, BufReader, Read, Write};
    let site = fixture();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("gazette"))
        .args([
            "serve",
            "--port",
            "0",
            "--now",
            common::NOW,
            "--profile",
            "intranet",
            "--root",
        ])
        .arg(site.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start gazette serve");
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _server = Kill(child);
    let start = line.find("http://").expect("the URL is printed") + 7;
    let addr = line[start..start + line[start..].find('/').unwrap()].to_string();
    let get = |path: &str| -> String {
        let mut s = std::net::TcpStream::connect(&addr).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        text.split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default()
    };
    let until = |path: &str, what: &dyn Fn(&Html) -> bool| -> Html {
        let deadline = std::time::Instant::now() + common::TIMEOUT;
        loop {
            let html = Html::parse_document(&get(path));
            if what(&html) {
                return html;
            }
            assert!(std::time::Instant::now() < deadline, "{path} never changed");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    };
    let q1 = until("/statistics/2024/q1/", &|h| {
        !rows(h, ".circular-table").is_empty()
    });
    assert_eq!(rows(&q1, ".circular-table")[0][1], "甲镇");
    // 甲镇 loses its adoption: 8 - 2 = 6, behind 乙镇.
    site.write(
        "content/items/a1.md",
        item("甲镇春耕动态", "甲镇", "张三", "动态", "2024-01-10", ""),
    );
    let q1 = until("/statistics/2024/q1/", &|h| {
        rows(h, ".circular-table")[0][1] == "乙镇"
    });
    assert_eq!(
        rows(&q1, ".circular-table")[1],
        row(&[
            "2", "甲镇", "乡镇", "2", "0", "0", "0", "0", "0.0%", "1/0", "0", "6"
        ])
    );
    // A new unit on the roster shows up as a zero reporter.
    site.write(
        "data/units.toml",
        format!("{UNITS}\n[[unit]]\nname = \"庚站\"\nkind = \"直报点\"\n"),
    );
    let q1 = until("/statistics/2024/q1/", &|h| {
        texts(h, ".zero-submissions").join("").contains("庚站")
    });
    assert_eq!(rows(&q1, ".circular-table").len(), 5);
}
