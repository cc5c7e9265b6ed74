//! The demo site in this repository builds cleanly: it is what a newcomer
//! sees first with `cargo run --release -- build`.

mod common;

use std::path::Path;

use common::{count, files_under};

#[test]
fn the_demo_site_builds_with_every_page_type() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("public");
    let registry = root.join("data/index-numbers.toml");
    let numbers_before = std::fs::read_to_string(&registry).ok();
    let build = common::Build::run(
        {
            let mut cmd = assert_cmd::Command::cargo_bin("gazette").expect("binary");
            cmd.arg("build")
                .arg("--root")
                .arg(root)
                .arg("--out")
                .arg(&out)
                .args(["--now", common::NOW])
                .timeout(common::TIMEOUT);
            cmd
        },
        &out,
    );
    build.assert_ok();
    let pages = files_under(&out)
        .into_iter()
        .filter(|p| p.ends_with("index.html"))
        .count();
    assert!(pages >= 40, "only {pages} pages");
    for path in [
        "index.html",
        "notices/index.html",
        "policies/index.html",
        "disclosure/guide/index.html",
        "disclosure/annual-report-2024/index.html",
        "disclosure/annual-report-2025/index.html",
        "disclosure/annual-report-2025/table-3.csv",
        "tags/index.html",
        "archive/index.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
    ] {
        assert!(out.join(path).is_file(), "{path} missing");
    }
    let home = build.html("index.html");
    assert_eq!(count(&home, "h1"), 1);
    // The catalogue: 20+ documents, numbered by the committed registry,
    // which a build of unchanged content leaves as it is.
    let catalogue = build.html("catalogue/index.html");
    assert!(count(&catalogue, "tbody tr") >= 20);
    assert_eq!(
        std::fs::read_to_string(&registry).ok(),
        numbers_before,
        "the demo's data/index-numbers.toml is not up to date: build the demo and commit it"
    );
    // The default profile is the public portal: no internal bulletin.
    assert!(!out.join("bulletins").exists());
    for file in files_under(&out) {
        let bytes = std::fs::read(out.join(&file)).expect("read output");
        let text = String::from_utf8_lossy(&bytes);
        // Series names as the masthead prints them, and item titles of
        // both internal series (including the supplement and the 专报).
        for sentinel in [
            "梧桐政务信息",
            "《工作动态》",
            "前三季度全县主要经济指标分析",
            "关于7月1日强降雨应对情况的报告",
            "清明期间森林防火工作扎实有序",
            "bulletins/gzdt",
        ] {
            assert!(
                !text.contains(sentinel),
                "{file} mentions the internal bulletin ({sentinel})"
            );
        }
    }
}

#[test]
fn the_intranet_profile_has_the_bulletins() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("intranet");
    let mut cmd = assert_cmd::Command::cargo_bin("gazette").expect("binary");
    cmd.arg("build")
        .arg("--root")
        .arg(root)
        .args(["--profile", "intranet", "--now", common::NOW])
        .arg("--out")
        .arg(&out)
        .timeout(common::TIMEOUT);
    let build = common::Build::run(cmd, &out);
    build.assert_ok();
    assert!(out.join("bulletins/zwxx/2024/1/index.html").is_file());
    // Two series, at least twelve issues between them, a supplement, a 专报.
    let mut issues = 0;
    for series in ["zwxx", "gzdt"] {
        let home = build.html(&format!("bulletins/{series}/index.html"));
        issues += count(&home, ".issue-list li");
    }
    assert!(issues >= 12, "only {issues} issues");
    assert!(out.join("bulletins/zwxx/2024/zk1/index.html").is_file());
    let zb = build.html("bulletins/gzdt/2024/专报1/index.html");
    assert_eq!(
        common::texts(&zb, ".masthead-sub"),
        vec!["专报".to_string()]
    );
}
