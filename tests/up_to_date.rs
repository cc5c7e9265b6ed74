//! A build whose inputs did not change since the last build of the same
//! output, at a clock that changes nothing, does nothing and says so; any
//! change of an input, of the output or of what the clock shows builds.

mod common;

use std::fs;
use std::os::unix::fs::MetadataExt;

use common::{TestSite, rich_site, snapshot};

const UP_TO_DATE: &str = "输出已是最新";

fn mtimes(site: &TestSite) -> Vec<(String, i64, i64)> {
    let out = site.out();
    common::files_under(&out)
        .into_iter()
        .map(|rel| {
            let meta = fs::metadata(out.join(&rel)).unwrap();
            (rel, meta.mtime(), meta.mtime_nsec())
        })
        .collect()
}

#[test]
fn a_second_build_of_the_same_inputs_writes_nothing() {
    let site = rich_site();
    let first = site.build();
    first.assert_ok();
    assert!(!first.stderr.contains(UP_TO_DATE), "{}", first.stderr);
    let before = (snapshot(&site.out()), mtimes(&site));
    let again = site.build();
    again.assert_ok();
    assert!(again.stderr.contains(UP_TO_DATE), "{}", again.stderr);
    assert_eq!((snapshot(&site.out()), mtimes(&site)), before);
}

#[test]
fn an_edit_or_a_damaged_output_builds_again() {
    let site = rich_site();
    site.build().assert_ok();
    let page = "content/news/n1.md";
    let text = fs::read_to_string(site.path(page)).unwrap();
    site.write(page, text.replace("正文", "改过的正文"));
    let edited = site.build();
    edited.assert_ok();
    assert!(!edited.stderr.contains(UP_TO_DATE), "{}", edited.stderr);
    let html = fs::read_to_string(site.out().join("news/n1/index.html")).unwrap();
    assert!(html.contains("改过的正文"));

    fs::remove_file(site.out().join("news/n1/index.html")).unwrap();
    let repaired = site.build();
    assert!(!repaired.stderr.contains(UP_TO_DATE), "{}", repaired.stderr);
    assert!(site.out().join("news/n1/index.html").exists());
}

#[test]
fn a_scheduled_page_whose_time_came_builds_again() {
    let site = TestSite::new(&[
        ("content/news/_index.md", "+++\ntitle = \"要闻\"\n+++\n"),
        (
            "content/news/later.md",
            "+++\ntitle = \"定时发布\"\ndate = 2024-06-01\npublish_at = 2024-06-01T09:00:00+08:00\n+++\n正文\n",
        ),
    ]);
    site.build_at("2024-06-01T08:00:00+08:00").assert_ok();
    assert!(!site.out().join("news/later/index.html").exists());
    let same = site.build_at("2024-06-01T08:30:00+08:00");
    assert!(same.stderr.contains(UP_TO_DATE), "{}", same.stderr);
    let later = site.build_at("2024-06-01T09:00:00+08:00");
    assert!(!later.stderr.contains(UP_TO_DATE), "{}", later.stderr);
    assert!(site.out().join("news/later/index.html").exists());
    // A clock set back is not the same clock either.
    let earlier = site.build_at("2024-05-01T09:00:00+08:00");
    assert!(!earlier.stderr.contains(UP_TO_DATE), "{}", earlier.stderr);
}
