//! Browser tests: headless Chromium (Debian's `chromium`) driven through
//! playwright-core (`npm ci --prefix tests/browser`); `.ci/run` installs both.
//! A missing browser fails the test with what to install: never a silent pass.

mod common;
mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::TestSite;
use support::{node, require_browser, shots};

#[test]
fn an_open_page_reloads_after_an_edit_and_shows_build_errors() {
    require_browser();
    let site = TestSite::new(&[
        (
            "content/notices/_index.md",
            "+++\ntitle = \"通知公告\"\n+++\n",
        ),
        (
            "content/notices/a.md",
            "+++\ntitle = \"防汛演练通知\"\ndate = 2024-05-01\n+++\n\n正文。\n",
        ),
    ]);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("gazette"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let start = line.find("http://").unwrap();
    let url = line[start..].split_whitespace().next().unwrap().to_string();
    let shots = shots();
    let result = std::panic::catch_unwind(|| {
        node(
            "reload.mjs",
            &[
                &url,
                &site.root().to_string_lossy(),
                &shots.to_string_lossy(),
            ],
        )
    });
    let _ = child.kill();
    let _ = child.wait();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
    assert!(shots.join("serve-error-overlay.png").exists());
}
