//! The demo site's HTML is valid: the Nu HTML checker (npm `vnu-jar`, run
//! with the machine's Java) reports no error on any page of either profile.

mod support;

use std::process::Command;

use support::{build_demo, manifest, require_browser};

fn vnu_errors(dir: &std::path::Path) -> Vec<String> {
    let jar = manifest().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    let output = Command::new("java")
        .args(["-Xss1024k", "-jar"])
        .arg(&jar)
        .args(["--errors-only", "--format", "json", "--skip-non-html"])
        .arg(dir)
        .output()
        .expect("Java is needed for the Nu HTML checker: apt-get install -y default-jre-headless");
    // vnu prints its JSON report on standard error.
    let report: serde_json::Value = serde_json::from_slice(&output.stderr).unwrap_or_else(|e| {
        panic!(
            "vnu did not print JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    report["messages"]
        .as_array()
        .expect("a messages array")
        .iter()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| {
            format!(
                "{}:{}: {}\n    {}",
                m["url"].as_str().unwrap_or("?"),
                m["lastLine"],
                m["message"].as_str().unwrap_or("?"),
                m["extract"].as_str().unwrap_or("").replace('\n', " ")
            )
        })
        .collect()
}

#[test]
fn the_nu_html_checker_finds_no_error_in_the_demo_output() {
    require_browser();
    // The checker does report errors (so an empty list below means valid).
    let bad = tempfile::tempdir().unwrap();
    std::fs::write(
        bad.path().join("bad.html"),
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><title>x</title></head><body><p><div>x</p></body></html>",
    )
    .unwrap();
    assert!(
        !vnu_errors(bad.path()).is_empty(),
        "vnu reported nothing on invalid HTML"
    );
    for profile in ["public", "intranet"] {
        let site = build_demo(profile);
        let pages = common_pages(&site.out);
        assert!(pages >= 40, "{profile}: only {pages} HTML files");
        let errors = vnu_errors(&site.out);
        assert!(
            errors.is_empty(),
            "{profile}: {} errors:\n{}",
            errors.len(),
            errors.join("\n")
        );
    }
}

fn common_pages(dir: &std::path::Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count()
}
