//! `gazette serve` as an editor uses it: a real server on an ephemeral port,
//! real file-system events, HTTP requests and the live-reload event stream.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::TestSite;

const WAIT: Duration = Duration::from_secs(20);

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(site: &TestSite, extra: &[&str]) -> Server {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("gazette"))
        .args(["serve", "--port", "0", "--now", common::NOW, "--root"])
        .arg(site.root())
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(match std::env::var_os("GAZETTE_TEST_SERVE_LOG") {
            Some(_) => Stdio::inherit(),
            None => Stdio::null(),
        })
        .spawn()
        .expect("start gazette serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let start = line.find("http://").expect("the URL is printed") + 7;
    let end = start + line[start..].find('/').unwrap();
    Server {
        addr: line[start..end].to_string(),
        child,
    }
}

struct Reply {
    status: u16,
    headers: String,
    body: String,
}

/// One raw HTTP/1.1 request; the path is sent exactly as given.
fn get(server: &Server, path: &str) -> Reply {
    let mut s = TcpStream::connect(&server.addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head[9..12].parse().unwrap();
    Reply {
        status,
        headers: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

/// Events of the live-reload stream, as (name, data).
fn events(server: &Server) -> Receiver<(String, String)> {
    let mut s = TcpStream::connect(&server.addr).unwrap();
    write!(
        s,
        "GET /__gazette/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
        server.addr
    )
    .unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let reader = BufReader::new(s);
        let mut name = String::new();
        for line in reader.lines() {
            let Ok(line) = line else { return };
            if let Some(n) = line.strip_prefix("event: ") {
                name = n.to_string();
            } else if let Some(d) = line.strip_prefix("data: ").or(line.strip_prefix("data:"))
                && tx.send((name.clone(), d.to_string())).is_err()
            {
                return;
            }
        }
    });
    let (first, _) = rx.recv_timeout(WAIT).expect("the stream says hello");
    assert_eq!(first, "hello");
    rx
}

/// Waits for an event called `name`; returns its data.
#[track_caller]
fn wait_for(rx: &Receiver<(String, String)>, name: &str) -> String {
    let deadline = Instant::now() + WAIT;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok((n, data)) if n == name => return data,
            Ok(_) => continue,
            Err(_) => break,
        }
    }
    panic!("no “{name}” event within {WAIT:?}");
}

fn page(title: &str, tags: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = 2024-05-01\ntags = [{tags}]\n+++\n\n正文。\n")
}

fn site() -> TestSite {
    TestSite::new(&[
        (
            "content/notices/_index.md",
            "+++\ntitle = \"通知公告\"\n+++\n",
        ),
        ("content/notices/a.md", &page("防汛演练通知", "\"防汛\"")),
        ("content/notices/通知.md", &page("中文路径的通知", "")),
        ("static/css/x.css", "body{}"),
    ])
}

#[test]
fn edits_creations_renames_and_deletions_reach_the_browser() {
    let site = site();
    let server = serve(&site, &[]);
    let rx = events(&server);
    let first = get(&server, "/notices/a/");
    assert_eq!(first.status, 200);
    assert!(first.body.contains("防汛演练通知"));
    assert!(
        first.body.contains("/__gazette/live.js"),
        "the live script is injected"
    );

    // An editor's atomic save: write a temporary file, rename it over the page.
    site.write(
        "content/notices/.a.md.tmp",
        page("防汛演练通知（修订）", "\"防汛\""),
    );
    std::fs::rename(
        site.path("content/notices/.a.md.tmp"),
        site.path("content/notices/a.md"),
    )
    .unwrap();
    wait_for(&rx, "reload");
    assert!(
        get(&server, "/notices/a/")
            .body
            .contains("防汛演练通知（修订）")
    );

    // A page in a brand-new folder.
    site.write("content/topics/flood/b.md", page("新专题页面", "\"防汛\""));
    wait_for(&rx, "reload");
    assert_eq!(get(&server, "/topics/flood/b/").status, 200);

    // A rename: the old URL is gone, the new one answers.
    std::fs::rename(
        site.path("content/notices/a.md"),
        site.path("content/notices/c.md"),
    )
    .unwrap();
    wait_for(&rx, "reload");
    assert_eq!(get(&server, "/notices/a/").status, 404);
    assert_eq!(get(&server, "/notices/c/").status, 200);

    // A deletion: 404, and gone from every list, term page and feed.
    std::fs::remove_file(site.path("content/notices/c.md")).unwrap();
    wait_for(&rx, "reload");
    assert_eq!(get(&server, "/notices/c/").status, 404);
    for list in [
        "/notices/",
        "/tags/防汛/",
        "/notices/atom.xml",
        "/atom.xml",
        "/",
    ] {
        let reply = get(&server, &list.replace("防汛", "%E9%98%B2%E6%B1%9B"));
        assert!(
            !reply.body.contains("防汛演练通知"),
            "{list} still lists the deleted page"
        );
    }
}

#[test]
fn a_broken_file_keeps_the_last_good_site_and_reports_file_and_line() {
    let site = site();
    let server = serve(&site, &[]);
    let rx = events(&server);
    site.write(
        "content/notices/a.md",
        "+++\ntitle = \"防汛演练通知\"\ndate = 2024-13-45\n+++\n正文\n",
    );
    let data = wait_for(&rx, "errors");
    let problems: serde_json::Value = serde_json::from_str(&data).unwrap();
    let first = &problems[0];
    assert!(
        first["file"]
            .as_str()
            .unwrap()
            .ends_with("content/notices/a.md"),
        "{first}"
    );
    assert_eq!(first["line"], 3, "{first}");
    // The last good build is still served.
    let reply = get(&server, "/notices/a/");
    assert_eq!(reply.status, 200);
    assert!(reply.body.contains("防汛演练通知"));
    // A page opened now learns about the errors at once.
    let late = events(&server);
    wait_for(&late, "errors");

    site.write("content/notices/a.md", page("防汛演练通知（已修正）", ""));
    wait_for(&rx, "ok");
    wait_for(&rx, "reload");
    assert!(get(&server, "/notices/a/").body.contains("已修正"));

    // A broken template: same discipline.
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.title }",
    );
    let data = wait_for(&rx, "errors");
    assert!(data.contains("templates/page.html"), "{data}");
    assert!(get(&server, "/notices/a/").body.contains("已修正"));
    std::fs::remove_file(site.path("templates/page.html")).unwrap();
    wait_for(&rx, "ok");
}

#[test]
fn only_the_built_site_is_served() {
    let site = site();
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/passwd", site.path("static/passwd.txt")).unwrap();
    let server = serve(&site, &[]);
    for bad in [
        "/../../etc/passwd",
        "/notices/%2e%2e/%2e%2e/etc/passwd",
        "/notices%2f..%2f..%2fetc%2fpasswd",
        "/notices/..\\..\\etc\\passwd",
        "//etc/passwd",
        "/%5c..%5cetc",
    ] {
        let reply = get(&server, bad);
        assert_eq!(reply.status, 400, "{bad} → {}", reply.status);
        assert!(!reply.body.contains("root:"), "{bad}");
    }
    #[cfg(unix)]
    {
        let reply = get(&server, "/passwd.txt");
        assert!(
            matches!(reply.status, 403 | 404),
            "a symlink out of the site is refused: {}",
            reply.status
        );
        assert!(!reply.body.contains("root:"));
    }
    let css = get(&server, "/css/x.css");
    assert_eq!(css.status, 200);
    assert!(
        css.headers.contains("content-type: text/css"),
        "{}",
        css.headers
    );
    let feed = get(&server, "/atom.xml");
    assert!(
        feed.headers.contains("application/atom+xml"),
        "{}",
        feed.headers
    );
    assert!(
        !feed.body.contains("live.js"),
        "only HTML gets the live script"
    );
    let chinese = get(&server, "/notices/%E9%80%9A%E7%9F%A5/");
    assert_eq!(chinese.status, 200);
    assert!(chinese.body.contains("中文路径的通知"));
    let missing = get(&server, "/nowhere/");
    assert_eq!(missing.status, 404);
    let moved = get(&server, "/notices");
    assert_eq!(moved.status, 301);
    assert!(
        moved.headers.contains("location: /notices/"),
        "{}",
        moved.headers
    );
}

#[test]
fn drafts_and_scheduled_pages_show_with_a_ribbon_unless_hidden() {
    let site = site();
    site.write(
        "content/notices/draft.md",
        "+++\ntitle = \"草稿通知\"\ndraft = true\n+++\n正文\n",
    );
    site.write(
        "content/notices/later.md",
        "+++\ntitle = \"定时通知\"\npublish_at = 2025-03-01T08:00:00+08:00\n+++\n正文\n",
    );
    let server = serve(&site, &[]);
    let draft = get(&server, "/notices/draft/");
    assert_eq!(draft.status, 200);
    assert!(draft.body.contains("class=\"ribbon\"") && draft.body.contains("DRAFT"));
    let later = get(&server, "/notices/later/");
    assert!(later.body.contains("定时") && later.body.contains("2025年3月1日"));
    drop(server);

    let hidden = serve(&site, &["--no-drafts"]);
    assert_eq!(get(&hidden, "/notices/draft/").status, 404);
    assert_eq!(get(&hidden, "/notices/later/").status, 404);

    // A normal build never carries the live script or a ribbon.
    site.build_args(&["--drafts"]).assert_ok();
    let html = std::fs::read_to_string(site.out().join("notices/draft/index.html")).unwrap();
    assert!(!html.contains("live.js") && !html.contains("__gazette"));
}

/// Polls `path` until its body contains `needle`.
#[track_caller]
fn eventually_contains(server: &Server, path: &str, needle: &str) {
    let deadline = Instant::now() + WAIT;
    let mut last = String::new();
    while Instant::now() < deadline {
        let reply = get(server, path);
        if reply.status == 200 && reply.body.contains(needle) {
            return;
        }
        last = reply.body;
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{path} never contained {needle} within {WAIT:?}; last: {last}");
}

#[test]
fn the_search_index_follows_the_pages_in_the_background() {
    let site = site();
    let server = serve(&site, &[]);
    // Indexed after the first build: the two notices.
    eventually_contains(&server, "/search-index/meta.json", "\"docs\":2,");
    assert_eq!(get(&server, "/search/").status, 200);
    // A new page joins the index, a deleted one leaves it.
    site.write("content/notices/b.md", page("新增的通知", ""));
    eventually_contains(&server, "/search-index/meta.json", "\"docs\":3,");
    std::fs::remove_file(site.path("content/notices/a.md")).unwrap();
    eventually_contains(&server, "/search-index/meta.json", "\"docs\":2,");
}
