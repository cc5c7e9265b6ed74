//! The demo site built into a temporary folder and served over real HTTP,
//! for the browser, HTML-validity and output-scan tests. Kept apart from
//! `common` because only those tests need a server.

#![allow(dead_code)]

pub mod server;

use std::path::{Path, PathBuf};

use tempfile::TempDir;

pub fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The demo site (this repository's `content/`, `data/`, …) built with
/// `profile` into a temporary folder; the folder lives as long as the value.
pub struct DemoBuild {
    _tmp: TempDir,
    pub out: PathBuf,
}

pub fn build_demo(profile: &str) -> DemoBuild {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("public");
    let output = assert_cmd::Command::cargo_bin("gazette")
        .expect("binary")
        .arg("build")
        .arg("--root")
        .arg(manifest())
        .arg("--out")
        .arg(&out)
        .args(["--profile", profile, "--now", "2024-12-31T12:00:00+08:00"])
        .env("GAZETTE_LANG", "en")
        .timeout(std::time::Duration::from_secs(180))
        .output()
        .expect("gazette runs");
    assert!(
        output.status.success(),
        "the demo does not build with profile {profile}:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    DemoBuild { _tmp: tmp, out }
}

/// Screenshots go to `target/screenshots/`, to be looked at.
pub fn shots() -> PathBuf {
    let dir = manifest().join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Fails (never skips) when the browser is missing; installs the pinned npm
/// packages (`npm ci`) when they are not there yet.
pub fn require_browser() {
    static NPM: std::sync::Mutex<()> = std::sync::Mutex::new(());
    {
        let _one_at_a_time = NPM.lock().unwrap_or_else(|e| e.into_inner());
        let dir = manifest().join("tests/browser");
        if !dir.join("node_modules/vnu-jar").exists() {
            // --ignore-scripts: vnu-jar's script would download a Java runtime.
            let status = std::process::Command::new("npm")
                .args([
                    "ci",
                    "--no-audit",
                    "--no-fund",
                    "--ignore-scripts",
                    "--prefix",
                ])
                .arg(&dir)
                .status()
                .expect("npm is needed for the browser tests (see .ci/run)");
            assert!(status.success(), "npm ci --prefix tests/browser failed");
        }
    }
    assert!(
        Path::new("/usr/bin/chromium").exists() || std::env::var_os("CHROMIUM").is_some(),
        "Chromium is needed: apt-get install -y chromium (see .ci/run)"
    );
    for package in ["playwright-core", "axe-core", "vnu-jar"] {
        assert!(
            manifest()
                .join("tests/browser/node_modules")
                .join(package)
                .exists(),
            "{package} is needed: npm ci --prefix tests/browser (see .ci/run)"
        );
    }
}

/// Runs `tests/browser/<script>` with node; returns its standard output.
pub fn node(script: &str, args: &[&str]) -> String {
    let output = std::process::Command::new("node")
        .arg(manifest().join("tests/browser").join(script))
        .args(args)
        .output()
        .expect("node is needed to drive the browser (see .ci/run)");
    assert!(
        output.status.success(),
        "{script} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}
