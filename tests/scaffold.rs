//! `gazette init` and `gazette new` make files that build as they are.

mod common;

use assert_cmd::Command;

fn gazette() -> Command {
    let mut cmd = Command::cargo_bin("gazette").expect("binary");
    cmd.timeout(common::TIMEOUT);
    cmd
}

#[test]
fn init_then_new_of_every_kind_builds() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let site = tmp.path().join("site");
    gazette().arg("init").arg(&site).assert().success();
    for (kind, path) in [
        ("page", "about/intro.md"),
        ("notice", "notices/2024-drill.md"),
        ("document", "notices/doc-1"),
        ("item", "news/item-1.md"),
        ("section", "news"),
    ] {
        gazette()
            .args(["new", kind, path, "--root"])
            .arg(&site)
            .assert()
            .success();
    }
    assert!(site.join("content/notices/doc-1.md").is_file());
    assert!(site.join("content/news/_index.md").is_file());
    let out = tmp.path().join("out");
    gazette()
        .args(["build", "--root"])
        .arg(&site)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert!(out.join("notices/2024-drill/index.html").is_file());
}

#[test]
fn init_refuses_a_folder_with_files_and_new_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    std::fs::write(tmp.path().join("x.txt"), "x").unwrap();
    gazette().arg("init").arg(tmp.path()).assert().code(1);
    let site = tmp.path().join("site");
    gazette().arg("init").arg(&site).assert().success();
    gazette()
        .args(["new", "page", "notices/welcome.md", "--root"])
        .arg(&site)
        .assert()
        .code(1);
}

#[test]
fn bad_usage_exits_with_2() {
    gazette().arg("frobnicate").assert().code(2);
    gazette().args(["new", "poem", "x.md"]).assert().code(2);
}
