//! The output folder: deterministic bytes, atomic replacement, unchanged
//! files kept, and refusal to clobber folders that are not gazette's.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use common::{Build, TestSite, files_under, page, rich_site, snapshot};

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let site = rich_site();
    let one = site.tmp().join("out-1");
    let two = site.tmp().join("out-2");
    let mut cmd = site.build_command(&one);
    cmd.env("RAYON_NUM_THREADS", "1");
    Build::run(cmd, &one).assert_ok();
    let mut cmd = site.build_command(&two);
    cmd.env("RAYON_NUM_THREADS", "2");
    Build::run(cmd, &two).assert_ok();

    let a = snapshot(&one);
    let b = snapshot(&two);
    assert!(a.len() > 20, "suspiciously few outputs: {:?}", a.keys());
    // The search index too, which is built while pages render in any order.
    assert!(
        a.keys().any(|p| p.starts_with("search-index/terms/")),
        "no search index"
    );
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the two builds wrote different files"
    );
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between 1 and 2 threads");
    }
}

fn staging_leftovers(parent: &Path) -> Vec<String> {
    fs::read_dir(parent)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && (n.contains(".staging-") || n.contains(".old-")))
        .collect()
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let site = rich_site();
    site.build().assert_ok();
    let before = snapshot(&site.out());
    assert!(before.contains_key("news/n1/index.html"));

    site.write(
        "content/news/n1.md",
        "+++\ntitle = \"坏\"\ndate = = 1\n+++\n",
    );
    site.write("content/news/new.md", page("新增", "2024-09-01", "正文\n"));
    let build = site.build();
    build.assert_failed();
    assert!(
        build.stderr.contains("content/news/n1.md:3:"),
        "{}",
        build.stderr
    );

    let after = snapshot(&site.out());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    assert!(before == after, "a failed build changed the output");
    assert_eq!(staging_leftovers(site.tmp()), Vec::<String>::new());
}

/// (inode, mtime in ns) of every output file.
/// The marker file is rewritten by every build and left out.
fn identities(out: &Path) -> std::collections::BTreeMap<String, (u64, i128)> {
    files_under(out)
        .into_iter()
        .filter(|rel| rel != ".gazette-output")
        .map(|rel| {
            let m = fs::metadata(out.join(&rel)).unwrap();
            let mtime = m.mtime() as i128 * 1_000_000_000 + m.mtime_nsec() as i128;
            (rel, (m.ino(), mtime))
        })
        .collect()
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let site = rich_site();
    site.build().assert_ok();
    let first = identities(&site.out());
    std::thread::sleep(std::time::Duration::from_millis(20));

    site.build().assert_ok();
    let second = identities(&site.out());
    assert_eq!(first, second, "a rebuild without edits rewrote files");
    assert_eq!(staging_leftovers(site.tmp()), Vec::<String>::new());

    // Edit one page's body: its file changes, other pages and statics do not.
    site.write(
        "content/news/n3.md",
        "+++\ntitle = \"要闻3\"\ndate = 2024-03-13\ntags = [\"营商环境\", \"第3号\"]\n+++\n## 一、基本情况\n\n改过的正文。\n",
    );
    site.build().assert_ok();
    let third = identities(&site.out());
    let changed: BTreeSet<&str> = third
        .iter()
        .filter(|(rel, id)| second.get(*rel) != Some(id))
        .map(|(rel, _)| rel.as_str())
        .collect();
    assert!(changed.contains("news/n3/index.html"), "{changed:?}");
    // Only the page and lists that may show it are allowed to change.
    let lists = [
        "news/n3/index.html",
        "index.html",
        "news/index.html",
        "news/page/2/index.html",
        "news/page/3/index.html",
        "atom.xml",
        "news/atom.xml",
        "archive/index.html",
        "archive/2024/index.html",
        "archive/2024/03/index.html",
        "tags/营商环境/index.html",
        "tags/第3号/index.html",
    ];
    // The search index holds the page's text, so some of its files change.
    for rel in changed.iter().filter(|r| !r.starts_with("search-index/")) {
        assert!(
            lists.contains(rel),
            "{rel} changed but does not show the page"
        );
    }
    for unchanged in [
        "news/n2/index.html",
        "notices/通知/index.html",
        "a.txt",
        "robots.txt",
        "404.html",
    ] {
        assert_eq!(
            second[unchanged], third[unchanged],
            "{unchanged} was rewritten"
        );
    }
}

fn english_build(site: &TestSite, out: &Path) -> Build {
    let mut cmd = site.build_command(out);
    cmd.env("GAZETTE_LANG", "en");
    Build::run(cmd, out)
}

#[test]
fn refuses_to_replace_a_folder_without_the_marker() {
    let site = TestSite::new(&[(
        "content/notices/a.md",
        &page("通知", "2024-03-05", "正文\n"),
    )]);
    let out = site.tmp().join("precious");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("keep.txt"), "重要文件").unwrap();
    let build = english_build(&site, &out);
    build.assert_failed();
    assert!(
        build.stderr.contains("no .gazette-output marker"),
        "{}",
        build.stderr
    );
    assert_eq!(files_under(&out), ["keep.txt"]);
    assert_eq!(
        fs::read_to_string(out.join("keep.txt")).unwrap(),
        "重要文件"
    );
    assert_eq!(staging_leftovers(site.tmp()), Vec::<String>::new());
}

#[test]
fn refuses_an_output_folder_that_contains_the_site() {
    let site = TestSite::new(&[(
        "content/notices/a.md",
        &page("通知", "2024-03-05", "正文\n"),
    )]);
    // Make the parent look like gazette output, so only the containment rule can refuse it.
    fs::write(site.tmp().join(".gazette-output"), "gazette\n").unwrap();
    let before = files_under(site.tmp());
    let build = english_build(&site, site.tmp());
    build.assert_failed();
    assert!(
        build.stderr.contains("contains the site itself"),
        "{}",
        build.stderr
    );
    assert_eq!(
        files_under(site.tmp()),
        before,
        "files were deleted or added"
    );
    assert!(site.path("content/notices/a.md").is_file());
    assert!(site.path("gazette.toml").is_file());
}

#[test]
fn refuses_the_site_root_itself_as_output() {
    let site = TestSite::new(&[(
        "content/notices/a.md",
        &page("通知", "2024-03-05", "正文\n"),
    )]);
    fs::write(site.path(".gazette-output"), "gazette\n").unwrap();
    let before = files_under(site.root());
    let build = english_build(&site, site.root());
    build.assert_failed();
    assert!(
        build.stderr.contains("contains the site itself"),
        "{}",
        build.stderr
    );
    assert_eq!(files_under(site.root()), before);
}

/// Numbers in a summary line, in order.
fn numbers(line: &str) -> Vec<usize> {
    line.split(|c: char| !c.is_ascii_digit())
        .filter_map(|s| s.parse().ok())
        .collect()
}

#[test]
fn summary_line_counts_files_written_and_unchanged() {
    let site = rich_site();
    let build = site.build_english();
    build.assert_ok();
    let total = files_under(&site.out()).len() - 1; // less the marker
    let line = build
        .stderr
        .lines()
        .find(|l| l.starts_with("done:"))
        .unwrap_or_else(|| panic!("no summary line:\n{}", build.stderr))
        .to_string();
    assert!(line.contains(&format!("{total} files")), "{line}");
    assert!(line.contains(&format!("{total} written")), "{line}");
    assert!(line.contains("0 unchanged"), "{line}");

    // Saved again unchanged: a real build (the inputs' times changed) that
    // writes nothing new.
    let touch = || {
        let page = site.path("content/news/n1.md");
        let text = fs::read(&page).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(10));
        fs::write(&page, text).unwrap();
    };
    touch();
    let again = site.build_english();
    again.assert_ok();
    let line = again
        .stderr
        .lines()
        .find(|l| l.starts_with("done:"))
        .unwrap();
    assert!(
        line.contains(&format!("{total} files, 0 written, {total} unchanged")),
        "{line}"
    );

    // Chinese by default, with the same counts.
    touch();
    let zh = site.build();
    zh.assert_ok();
    let line = zh.stderr.lines().find(|l| l.starts_with("完成")).unwrap();
    assert_eq!(numbers(line)[..3], [total, 0, total], "{line}");
}

#[test]
fn a_template_failing_halfway_through_rendering_leaves_previous_output_untouched() {
    let site = rich_site();
    site.build().assert_ok();
    let before = snapshot(&site.out());
    // Only some pages reach the broken branch, so other outputs were already
    // streamed into the staging folder when the build fails.
    site.write(
        "templates/page.html",
        "{% if page.title == \"坏\" %}{{ page.no_such_field }}{% endif %}<h1>{{ page.title }}</h1>",
    );
    site.write("content/news/zz.md", page("坏", "2024-09-01", "正文\n"));
    let build = site.build();
    build.assert_failed();
    assert!(
        build.stderr.contains("templates/page.html"),
        "{}",
        build.stderr
    );
    assert!(
        before == snapshot(&site.out()),
        "a failed build changed the output"
    );
    assert_eq!(staging_leftovers(site.tmp()), Vec::<String>::new());
}
