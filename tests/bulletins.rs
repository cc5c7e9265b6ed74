//! Bulletin series (信息刊物): every numbering and declaration rule with a
//! failing input (message, file and line; both files where two disagree),
//! and the structure of the series, year, issue and item pages.

mod common;

use common::{TestSite, assert_error_at, attrs, count, texts};

const CONFIG: &str = "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\n\n[series.zx]\nname = \"测试政务信息\"\nunit = \"测试县人民政府办公室\"\naudience = \"internal\"\nrunning_number = true\nsub_series = [\"专报\"]\n\n[series.dt]\nname = \"测试工作动态\"\nunit = \"测试县人民政府办公室\"\n";

/// An issue of series `zx`: `series` on line 4, `number` on line 5,
/// `total_number` (when given) on line 6, `date` on line 3.
fn issue(number: u32, total: Option<u32>, date: &str, extra: &str) -> String {
    let total = total.map_or(String::new(), |t| format!("total_number = {t}\n"));
    format!(
        "+++\ntitle = \"第{number}期\"\ndate = {date}\nseries = \"zx\"\nnumber = {number}\n{total}{extra}+++\n"
    )
}

fn item(title: &str, weight: i64) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = 2024-01-01\nweight = {weight}\nunit = \"测试县农业农村局\"\nauthor = \"李某\"\ncategory = \"动态\"\n+++\n{title}的正文。\n"
    )
}

/// A site with `CONFIG` and the given files, each issue given an item.
fn site(files: &[(&str, String)]) -> TestSite {
    let site = TestSite::new(&[("gazette.toml", CONFIG)]);
    for (path, text) in files {
        site.write(path, text);
        if let Some(dir) = path.strip_suffix("_index.md")
            && text.contains("series =")
        {
            site.write(&format!("{dir}a.md"), item("稿件", 1));
        }
    }
    site
}

fn error_with<'a>(check: &'a common::Check, needle: &str) -> &'a common::Diag {
    check
        .errors()
        .into_iter()
        .find(|d| d.message.contains(needle))
        .unwrap_or_else(|| panic!("no error mentioning {needle}: {:#?}", check.diagnostics))
}

#[test]
fn an_undeclared_series_is_an_error_at_its_line_listing_the_known_ones() {
    let text = issue(1, None, "2024-01-05", "").replace("\"zx\"", "\"zz\"");
    let site = site(&[("content/b/zz/2024/1/_index.md", text)]);
    let d = assert_error_at(&site, "content/b/zz/2024/1/_index.md", 4);
    assert!(d.message.contains("zz"), "{d:#?}");
    let hint = d.hint.unwrap_or_default();
    assert!(hint.contains("dt") && hint.contains("zx"), "{hint}");
}

#[test]
fn an_undeclared_sub_series_is_an_error_listing_the_declared_ones() {
    let site = site(&[(
        "content/b/zx/2024/参阅1/_index.md",
        issue(1, Some(1), "2024-01-05", "sub_series = \"参阅\"\n"),
    )]);
    let d = assert_error_at(&site, "content/b/zx/2024/参阅1/_index.md", 7);
    assert!(d.message.contains("参阅"), "{d:#?}");
    assert!(d.hint.unwrap_or_default().contains("专报"));
}

#[test]
fn bad_series_declarations_are_config_errors_at_their_line() {
    let config = CONFIG
        .replace("name = \"测试工作动态\"", "name = \" \"")
        .replace(
            "sub_series = [\"专报\"]",
            "sub_series = [\"专报\", \"专报\"]",
        );
    let site = TestSite::new(&[("gazette.toml", &config)]);
    let check = site.check();
    assert_eq!(check.code, Some(1));
    let name = error_with(&check, "series.dt");
    assert_eq!(name.file.as_deref(), Some("gazette.toml"));
    assert_eq!(name.line, Some(12), "{name:#?}");
    let sub = error_with(&check, "重复声明");
    assert_eq!(sub.line, Some(9), "{sub:#?}");
    assert!(sub.message.contains("专报"), "{sub:#?}");
}

#[test]
fn a_gap_in_the_numbers_names_both_files() {
    let site = site(&[
        (
            "content/b/zx/2024/1/_index.md",
            issue(1, Some(1), "2024-01-05", ""),
        ),
        (
            "content/b/zx/2024/3/_index.md",
            issue(3, Some(2), "2024-02-05", ""),
        ),
    ]);
    let d = assert_error_at(&site, "content/b/zx/2024/3/_index.md", 5);
    assert!(d.message.contains("缺少第2期"), "{d:#?}");
    assert!(
        d.message.contains("content/b/zx/2024/1/_index.md"),
        "{d:#?}"
    );
}

#[test]
fn numbers_start_at_one_each_year() {
    let site = site(&[
        (
            "content/b/zx/2023/1/_index.md",
            issue(1, Some(1), "2023-12-05", ""),
        ),
        (
            "content/b/zx/2024/2/_index.md",
            issue(2, Some(2), "2024-01-05", ""),
        ),
    ]);
    let d = assert_error_at(&site, "content/b/zx/2024/2/_index.md", 5);
    assert!(d.message.contains("应从第1期起"), "{d:#?}");
}

#[test]
fn a_duplicate_number_names_both_files() {
    // Two supplement folders that both mean 增刊第1期.
    let extra = "supplement = true\n";
    let site = site(&[
        (
            "content/b/zx/2024/1/_index.md",
            issue(1, Some(1), "2024-01-05", ""),
        ),
        (
            "content/b/zx/2024/zk1/_index.md",
            issue(1, None, "2024-02-05", extra),
        ),
        (
            "content/b/zx/2024/增刊1/_index.md",
            issue(1, None, "2024-02-06", extra),
        ),
    ]);
    let d = assert_error_at(&site, "content/b/zx/2024/增刊1/_index.md", 5);
    assert!(d.message.contains("增刊第1期 重复"), "{d:#?}");
    assert!(
        d.message.contains("content/b/zx/2024/zk1/_index.md"),
        "{d:#?}"
    );
}

#[test]
fn a_folder_number_that_disagrees_is_an_error_and_so_is_the_duplicate() {
    let site = site(&[
        (
            "content/b/zx/2024/1/_index.md",
            issue(1, Some(1), "2024-01-05", ""),
        ),
        (
            "content/b/zx/2024/2/_index.md",
            issue(1, Some(2), "2024-02-05", ""),
        ),
    ]);
    let check = site.check();
    let folder = error_with(&check, "与所在目录 2/ 不一致");
    assert_eq!(
        folder.file.as_deref(),
        Some("content/b/zx/2024/2/_index.md")
    );
    assert_eq!(folder.line, Some(5));
    let dup = error_with(&check, "重复");
    assert!(
        dup.message.contains("content/b/zx/2024/1/_index.md")
            && dup.file.as_deref() == Some("content/b/zx/2024/2/_index.md"),
        "{dup:#?}"
    );
}

#[test]
fn a_date_outside_the_year_folder_is_an_error_at_the_date() {
    let site = site(&[(
        "content/b/zx/2024/1/_index.md",
        issue(1, Some(1), "2023-12-30", ""),
    )]);
    let d = assert_error_at(&site, "content/b/zx/2024/1/_index.md", 3);
    assert!(d.message.contains("2024/"), "{d:#?}");
}

#[test]
fn an_issue_folder_must_be_year_and_number() {
    let site = site(&[(
        "content/b/zx/misc/1/_index.md",
        issue(1, Some(1), "2024-01-05", ""),
    )]);
    let d = assert_error_at(&site, "content/b/zx/misc/1/_index.md", 4);
    assert!(d.message.contains("<年份>"), "{d:#?}");
}

#[test]
fn a_series_that_keeps_a_running_number_needs_it_on_every_issue() {
    let site = site(&[(
        "content/b/zx/2024/1/_index.md",
        issue(1, None, "2024-01-05", ""),
    )]);
    let d = assert_error_at(&site, "content/b/zx/2024/1/_index.md", 5);
    assert!(d.message.contains("total_number"), "{d:#?}");
}

#[test]
fn a_running_number_that_skips_names_both_files() {
    let site = site(&[
        (
            "content/b/zx/2023/1/_index.md",
            issue(1, Some(10), "2023-11-05", ""),
        ),
        (
            "content/b/zx/2024/1/_index.md",
            issue(1, Some(12), "2024-01-05", ""),
        ),
    ]);
    let d = assert_error_at(&site, "content/b/zx/2024/1/_index.md", 6);
    assert!(d.message.contains("应为总第11期"), "{d:#?}");
    assert!(
        d.message.contains("content/b/zx/2023/1/_index.md"),
        "{d:#?}"
    );
}

#[test]
fn a_running_number_where_the_series_keeps_none_is_an_error() {
    let text = issue(1, Some(3), "2024-01-05", "").replace("\"zx\"", "\"dt\"");
    let site = site(&[("content/b/dt/2024/1/_index.md", text)]);
    let d = assert_error_at(&site, "content/b/dt/2024/1/_index.md", 6);
    assert!(d.hint.unwrap_or_default().contains("running_number = true"));
}

#[test]
fn a_supplement_has_no_running_number() {
    let site = site(&[
        (
            "content/b/zx/2024/1/_index.md",
            issue(1, Some(1), "2024-01-05", ""),
        ),
        (
            "content/b/zx/2024/zk1/_index.md",
            issue(1, Some(2), "2024-01-06", "supplement = true\n"),
        ),
    ]);
    let d = assert_error_at(&site, "content/b/zx/2024/zk1/_index.md", 6);
    assert!(d.message.contains("增刊"), "{d:#?}");
}

#[test]
fn supplement_must_be_true_or_false() {
    let site = site(&[
        (
            "content/b/zx/2024/1/_index.md",
            issue(1, Some(1), "2024-01-05", ""),
        ),
        (
            "content/b/zx/2024/zk1/_index.md",
            issue(1, None, "2024-01-06", "supplement = 1\n"),
        ),
    ]);
    let check = site.check();
    let d = error_with(&check, "true 或 false");
    assert_eq!(d.file.as_deref(), Some("content/b/zx/2024/zk1/_index.md"));
    assert_eq!(d.line, Some(6));
}

#[test]
fn distribution_lines_are_bao_song_fa_and_copies_positive() {
    let site = site(&[(
        "content/b/zx/2024/1/_index.md",
        issue(
            1,
            Some(1),
            "2024-01-05",
            "distribution = { 报 = [\"市政府办公室\"], 抄 = [\"某局\"] }\ncopies = 0\n",
        ),
    )]);
    let check = site.check();
    let d = error_with(&check, "“抄”");
    assert_eq!(d.line, Some(7));
    let c = error_with(&check, "印数");
    assert_eq!(c.line, Some(8));
}

#[test]
fn issues_of_one_series_live_in_one_folder() {
    let site = site(&[
        (
            "content/a/zx/2024/1/_index.md",
            issue(1, Some(1), "2024-01-05", ""),
        ),
        (
            "content/b/zx/2024/2/_index.md",
            issue(2, Some(2), "2024-02-05", ""),
        ),
    ]);
    let d = assert_error_at(&site, "content/b/zx/2024/2/_index.md", 4);
    assert!(
        d.message.contains("content/a/zx/2024/1/_index.md"),
        "{d:#?}"
    );
}

#[test]
fn an_issue_longer_than_four_a4_sides_is_a_warning_stating_the_estimate() {
    let site = site(&[(
        "content/b/zx/2024/1/_index.md",
        issue(1, Some(1), "2024-01-05", ""),
    )]);
    let long = format!(
        "+++\ntitle = \"长稿\"\n+++\n{}\n",
        vec!["字".repeat(280); 10].join("\n\n")
    );
    site.write("content/b/zx/2024/1/long.md", long);
    let check = site.check();
    assert_eq!(check.code, Some(0), "{:#?}", check.diagnostics);
    let w = check
        .diagnostics
        .iter()
        .find(|d| d.severity == "warning" && d.message.contains("A4"))
        .unwrap_or_else(|| panic!("no length warning: {:#?}", check.diagnostics));
    assert_eq!(w.file.as_deref(), Some("content/b/zx/2024/1/_index.md"));
    assert!(
        w.message.contains("22") && w.message.contains("28") && w.message.contains("5 面"),
        "{w:#?}"
    );
}

#[test]
fn sub_series_and_supplements_are_numbered_apart() {
    let site = site(&[
        (
            "content/b/zx/2024/1/_index.md",
            issue(1, Some(1), "2024-01-05", ""),
        ),
        (
            "content/b/zx/2024/2/_index.md",
            issue(2, Some(2), "2024-02-05", ""),
        ),
        (
            "content/b/zx/2024/zk1/_index.md",
            issue(1, None, "2024-01-20", "supplement = true\n"),
        ),
    ]);
    // 专报 keep their own yearly numbers (and running numbers), in folders
    // named for the sub-series.
    let zb =
        |n: u32, total: u32, date: &str| issue(n, Some(total), date, "sub_series = \"专报\"\n");
    site.write("content/b/zx/2024/专报1/_index.md", zb(1, 1, "2024-01-08"));
    site.write("content/b/zx/2024/专报1/a.md", item("专报稿", 1));
    site.write("content/b/zx/2024/专报2/_index.md", zb(2, 2, "2024-03-08"));
    site.write("content/b/zx/2024/专报2/a.md", item("专报稿二", 1));
    let check = site.check();
    assert_eq!(check.code, Some(0), "{:#?}", check.diagnostics);
    site.build().assert_ok();
}

/// A series `zx` over two years, with a supplement and ordered items.
fn archive_site() -> TestSite {
    let dist = "editor_note = \"本期编者按文字。\"\ndistribution = { 报 = [\"市政府办公室\"], 送 = [\"县委办公室\", \"县人大办公室\"], 发 = [\"各乡镇\"] }\ncopies = 45\nsigned_by = \"赵某某\"\n";
    TestSite::new(&[
        ("gazette.toml", CONFIG),
        ("content/b/_index.md", "+++\ntitle = \"刊物\"\n+++\n"),
        (
            "content/b/zx/_index.md",
            "+++\ntitle = \"测试政务信息\"\n+++\n",
        ),
        (
            "content/b/zx/2023/1/_index.md",
            &issue(1, Some(7), "2023-12-01", ""),
        ),
        ("content/b/zx/2023/1/old.md", &item("上年稿件", 1)),
        (
            "content/b/zx/2024/1/_index.md",
            &issue(1, Some(8), "2024-01-05", dist),
        ),
        ("content/b/zx/2024/1/b-second.md", &item("乙稿", 2)),
        ("content/b/zx/2024/1/a-first.md", &item("甲稿", 1)),
        ("content/b/zx/2024/1/c-same-weight.md", &item("丙稿", 2)),
        (
            "content/b/zx/2024/2/_index.md",
            &issue(2, Some(9), "2024-03-05", ""),
        ),
        ("content/b/zx/2024/2/x.md", &item("丁稿", 1)),
        (
            "content/b/zx/2024/zk1/_index.md",
            &issue(1, None, "2024-02-01", "supplement = true\n"),
        ),
        ("content/b/zx/2024/zk1/s.md", &item("增刊稿", 1)),
    ])
}

#[test]
fn the_series_home_shows_the_latest_issue_first_and_the_years() {
    let site = archive_site();
    let build = site.build();
    build.assert_ok();
    let home = build.html("b/zx/index.html");
    assert_eq!(texts(&home, "h1"), vec!["测试政务信息"]);
    assert_eq!(texts(&home, ".bulletin-latest h2 a"), vec!["2024年第2期"]);
    assert_eq!(
        texts(&home, ".bulletin-latest .issue-items a"),
        vec!["丁稿"]
    );
    assert_eq!(
        attrs(&home, ".bulletin-years a", "href"),
        vec!["/b/zx/2024/", "/b/zx/2023/"]
    );
    assert_eq!(
        texts(&home, ".issue-list li > a"),
        vec![
            "2024年第2期",
            "2024年增刊第1期",
            "2024年第1期",
            "2023年第1期"
        ]
    );
    assert_eq!(count(&home, ".badge-internal"), 1);
}

#[test]
fn the_year_page_lists_number_total_date_and_item_titles() {
    let site = archive_site();
    let build = site.build();
    build.assert_ok();
    let year = build.html("b/zx/2024/index.html");
    assert_eq!(count(&year, ".issue-table tbody tr"), 3);
    assert_eq!(
        texts(&year, ".issue-table tbody th"),
        vec!["第1期", "增刊第1期", "第2期"]
    );
    let first_row = texts(&year, ".issue-table tbody tr:first-child td");
    assert_eq!(first_row[0], "总第8期");
    assert_eq!(first_row[1], "2024年1月5日");
    assert_eq!(
        texts(&year, ".issue-table tbody tr:first-child .issue-items a"),
        vec!["甲稿", "乙稿", "丙稿"]
    );
    assert!(texts(&year, ".bulletin-years [aria-current]").contains(&"2024年".to_string()));
}

#[test]
fn the_issue_page_has_masthead_contents_note_and_distribution() {
    let site = archive_site();
    let build = site.build();
    build.assert_ok();
    let page = build.html("b/zx/2024/1/index.html");
    assert_eq!(texts(&page, "h1.masthead-name"), vec!["测试政务信息"]);
    assert_eq!(texts(&page, ".masthead-number"), vec!["第1期（总第8期）"]);
    assert_eq!(texts(&page, ".masthead-mark"), vec!["内部资料　注意保存"]);
    assert_eq!(texts(&page, ".masthead-unit"), vec!["测试县人民政府办公室"]);
    assert_eq!(texts(&page, ".masthead-date"), vec!["2024年1月5日"]);
    assert_eq!(texts(&page, ".masthead-signed"), vec!["签发：赵某某"]);
    // Contents in weight, then file-name order, linking to the item pages.
    assert_eq!(texts(&page, ".issue-toc a"), vec!["甲稿", "乙稿", "丙稿"]);
    assert_eq!(
        attrs(&page, ".issue-toc a", "href"),
        vec![
            "/b/zx/2024/1/a-first/",
            "/b/zx/2024/1/b-second/",
            "/b/zx/2024/1/c-same-weight/"
        ]
    );
    assert_eq!(
        texts(&page, ".issue-item .item-title"),
        vec!["甲稿", "乙稿", "丙稿"]
    );
    assert_eq!(texts(&page, ".issue-item .item-body p")[0], "甲稿的正文。");
    assert_eq!(
        texts(&page, ".editor-note"),
        vec!["编者按：本期编者按文字。"]
    );
    assert_eq!(
        texts(&page, ".distribution dt"),
        vec!["报：", "送：", "发："]
    );
    assert_eq!(
        texts(&page, ".distribution dd"),
        vec!["市政府办公室。", "县委办公室，县人大办公室。", "各乡镇。"]
    );
    assert_eq!(texts(&page, ".issue-end .copies"), vec!["共印45份"]);
    assert_eq!(attrs(&page, "a[rel=prev]", "href"), vec!["/b/zx/2023/1/"]);
    assert_eq!(attrs(&page, "a[rel=next]", "href"), vec!["/b/zx/2024/zk1/"]);
    let css = attrs(&page, "link[rel=stylesheet]", "href");
    assert!(css.contains(&"/css/bulletin.css".to_string()), "{css:?}");
}

#[test]
fn item_pages_link_their_issue_and_continue_into_neighbouring_issues() {
    let site = archive_site();
    let build = site.build();
    build.assert_ok();
    let first = build.html("b/zx/2024/1/a-first/index.html");
    assert_eq!(
        attrs(&first, ".item-issue a", "href"),
        vec!["/b/zx/2024/1/"]
    );
    assert!(texts(&first, ".item-issue")[0].contains("本期第1篇，共3篇"));
    // The previous item is the last of the previous issue (2023).
    assert_eq!(
        attrs(&first, "a[rel=prev]", "href"),
        vec!["/b/zx/2023/1/old/"]
    );
    assert_eq!(
        attrs(&first, "a[rel=next]", "href"),
        vec!["/b/zx/2024/1/b-second/"]
    );
    let last = build.html("b/zx/2024/1/c-same-weight/index.html");
    assert_eq!(
        attrs(&last, "a[rel=next]", "href"),
        vec!["/b/zx/2024/zk1/s/"]
    );
    assert_eq!(
        texts(&last, ".next .issue-note"),
        vec!["（2024年增刊第1期）"]
    );
    assert_eq!(
        texts(&last, ".article-meta li")[1],
        "报送单位：测试县农业农村局"
    );
}

#[test]
fn a_profile_that_withholds_a_series_has_none_of_it() {
    // The series folders say nothing about their audience: the series'
    // `audience = "internal"` keeps the home and year pages out too.
    let config = format!(
        "{}\n[profiles.public]\naudiences = [\"public\"]\n[profiles.intranet]\naudiences = [\"public\", \"internal\"]\n",
        CONFIG.replacen("\n\n", "\ndefault_profile = \"public\"\n\n", 1)
    );
    let site = archive_site();
    site.write("gazette.toml", &config);
    site.write(
        "content/b/zx/_index.md",
        "+++\ntitle = \"秘闻甲乙系列\"\n+++\n",
    );
    site.write(
        "content/b/zx/2024/_index.md",
        "+++\ntitle = \"年份丙丁\"\n+++\n",
    );
    site.build().assert_ok();
    let out = site.out();
    for file in common::files_under(&out) {
        let text = String::from_utf8_lossy(&std::fs::read(out.join(&file)).unwrap()).into_owned();
        for sentinel in ["测试政务信息", "秘闻甲乙系列", "年份丙丁", "甲稿", "/b/zx/"]
        {
            assert!(!text.contains(sentinel), "{sentinel} leaked into {file}");
        }
    }
    assert!(!out.join("b/zx").exists());
    site.build_args(&["--profile", "intranet"]).assert_ok();
    assert!(out.join("b/zx/2024/1/index.html").is_file());
    assert!(out.join("b/zx/index.html").is_file());
}
