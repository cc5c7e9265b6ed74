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
    // The default profile is the public portal: no internal bulletin.
    assert!(!out.join("bulletins").exists());
    for file in files_under(&out) {
        let bytes = std::fs::read(out.join(&file)).expect("read output");
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("梧桐政务信息"),
            "{file} mentions the internal bulletin"
        );
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
    common::Build::run(cmd, &out).assert_ok();
    assert!(out.join("bulletins/zwxx/2024/1/index.html").is_file());
}
