//! `cargo bench --bench serve`: preview latency on a generated site. Starts
//! the release `gazette serve`, listens to its live-reload stream, and times
//! from saving a file to the `reload` event: a page edit, an edit of a
//! template only one page uses, a change of one page's title, of its date
//! to another day of its month (the fast paths), to a day of the next
//! month (the full incremental path) and of one of its tags (a fast path
//! unless a term's number of list pages changes). With
//! `hugo` on `PATH` (or `GAZETTE_BENCH_HUGO`), times `hugo server` on the
//! same-size corpus from saving a page to its "Total in … ms" line.
//!
//! Environment: `GAZETTE_BENCH_PAGES` (default 10000), `GAZETTE_BENCH_RUNS`
//! (default 7), `GAZETTE_BENCH_DIR` (work folder; default: temporary).

// Shared with the build bench, which uses the rest of them.
#[allow(dead_code)]
mod corpus;
#[allow(dead_code)]
mod rivals;

use std::env;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(60);

fn main() {
    if !env::args().any(|a| a == "--bench") {
        println!("serve bench: skipped (run it with `cargo bench --bench serve`)");
        return;
    }
    if let Err(e) = run() {
        eprintln!("serve bench failed: {e}");
        std::process::exit(1);
    }
}

fn number(name: &str, default: usize) -> usize {
    env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn run() -> Result<(), String> {
    let pages = number("GAZETTE_BENCH_PAGES", 10_000);
    let runs = number("GAZETTE_BENCH_RUNS", 7).max(1);
    let temp = tempdir_if_needed()?;
    let work = env::var_os("GAZETTE_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| temp.clone().expect("a temporary folder"));
    let site = work.join(format!("serve-site-{pages}"));
    if !site.join("gazette.toml").exists() {
        corpus::write_site(&site, pages, 1).map_err(|e| e.to_string())?;
    }
    let page = one_page(&site.join("content"))?;
    let special = site.join("templates/special.html");
    use_special_template(&page, &special)?;
    println!("gazette serve bench: {pages} pages, {runs} edits of each kind");
    let server = Server::start(&site)?;
    let events = server.events()?;
    let page_ms = time_edits(runs, &events, |i| {
        append(&page, &format!("\n追加的第{i}段。\n"))
    })?;
    let tpl_ms = time_edits(runs, &events, |i| {
        fs::write(&special, special_template(i)).map_err(|e| e.to_string())
    })?;
    let title_ms = time_edits(runs, &events, |i| retitle(&page, i))?;
    // Other days of the same month (the date fast path), then the next
    // month (the archive changes: the full incremental path).
    let from = date_of(&page)?;
    let date_ms = time_edits(runs, &events, |i| {
        let day = (i64::from(from.day()) + i as i64) % 28 + 1;
        set_date(
            &page,
            from.with()
                .day(day as i8)
                .build()
                .map_err(|e| e.to_string())?,
        )
    })?;
    // The next month and back, so that every edit crosses a month.
    let month_ms = time_edits(runs, &events, |i| {
        let later = from.checked_add(jiff::Span::new().months(i as i64 % 2));
        set_date(&page, later.map_err(|e| e.to_string())?)
    })?;
    // The first tag swapped for one the page lacks and back: the page
    // leaves one term for another (both exist before and after).
    let tags = tags_of(&page)?;
    let mut swapped = tags.clone();
    swapped[0] = other_tag(&site.join("content"), &page)?;
    let tags_ms = time_edits(runs, &events, |i| {
        set_tags(&page, if i % 2 == 1 { &swapped } else { &tags })
    })?;
    drop(server);
    set_date(&page, from)?;
    println!("| edit | median | min | max |");
    println!("|---|---|---|---|");
    row("gazette: one page", &page_ms);
    row("gazette: template used by one page", &tpl_ms);
    row("gazette: one page's title (front matter)", &title_ms);
    row(
        "gazette: one page's date, same month (front matter)",
        &date_ms,
    );
    row(
        "gazette: one page's date, next month (front matter)",
        &month_ms,
    );
    row("gazette: one page's tags (front matter)", &tags_ms);
    if let (Some(h), Some(script)) = (rivals::Rival::Hugo.find(), rivals::generator()) {
        let hsite = work.join(format!("serve-hugo-{pages}"));
        if !hsite.exists() {
            rivals::generate(&script, "hugo", pages, 1, &hsite)?;
        }
        let hpage = one_page(&hsite.join("content"))?;
        let hugo_ms = hugo_edits(&h, &hsite, &hpage, runs)?;
        row("hugo server: one page", &hugo_ms);
    }
    if let Some(t) = temp {
        let _ = fs::remove_dir_all(t);
    }
    Ok(())
}

fn tempdir_if_needed() -> Result<Option<PathBuf>, String> {
    if env::var_os("GAZETTE_BENCH_DIR").is_some() {
        return Ok(None);
    }
    let dir = env::temp_dir().join(format!("gazette-serve-bench-{}", std::process::id()));
    fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    Ok(Some(dir))
}

fn row(what: &str, ms: &[f64]) {
    let mut v = ms.to_vec();
    v.sort_by(f64::total_cmp);
    println!(
        "| {what} | {:.0} ms | {:.0} ms | {:.0} ms |",
        v[v.len() / 2],
        v[0],
        v[v.len() - 1]
    );
}

/// The last page file (not `_index.md`) in file-name order.
/// The last page (by path) that is a plain item: no written date, review or
/// document number, so that a date edit within its month may take the fast
/// path (a catalogued document's or a dated document's may not).
fn one_page(content: &Path) -> Result<PathBuf, String> {
    let plain = |p: &PathBuf| {
        fs::read_to_string(p).is_ok_and(|text| {
            !text.lines().any(|l| {
                ["written", "review", "doc_number"]
                    .iter()
                    .any(|key| l.starts_with(key))
            })
        })
    };
    let mut files: Vec<PathBuf> = walk(content)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n != "_index.md"))
        .filter(plain)
        .collect();
    files.sort();
    files
        .pop()
        .ok_or_else(|| "no page in the corpus".to_string())
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn special_template(i: usize) -> String {
    format!(
        "{{% extends \"page.html\" %}}\n{{% block content %}}<p>版式 {i}</p>{{{{ super() }}}}{{% endblock content %}}\n"
    )
}

fn use_special_template(page: &Path, special: &Path) -> Result<(), String> {
    fs::create_dir_all(special.parent().unwrap()).map_err(|e| e.to_string())?;
    fs::write(special, special_template(0)).map_err(|e| e.to_string())?;
    let text = fs::read_to_string(page).map_err(|e| e.to_string())?;
    if !text.contains("template = ") {
        let text = text.replacen("+++\n", "+++\ntemplate = \"special.html\"\n", 1);
        fs::write(page, text).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Gives the page a new title: a front-matter edit, which lists, term
/// pages and neighbours show too.
fn retitle(page: &Path, i: usize) -> Result<(), String> {
    let text = fs::read_to_string(page).map_err(|e| e.to_string())?;
    let text: String = text
        .lines()
        .map(|l| {
            if l.starts_with("title = ") {
                format!("title = \"改过{i}次的标题\"\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    fs::write(page, text).map_err(|e| e.to_string())
}

/// The page's tags (`tags = ["a", "b"]`).
fn tags_of(page: &Path) -> Result<Vec<String>, String> {
    let text = fs::read_to_string(page).map_err(|e| e.to_string())?;
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("tags = "))
        .ok_or("the page has no tags")?;
    Ok(line
        .trim_matches(['[', ']'])
        .split(',')
        .map(|t| t.trim().trim_matches('"').to_string())
        .filter(|t| !t.is_empty())
        .collect())
}

/// A tag of another page of the corpus that `page` does not have.
fn other_tag(content: &Path, page: &Path) -> Result<String, String> {
    let own = tags_of(page)?;
    walk(content)
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "_index.md") && *p != page)
        .take(200)
        .flat_map(|p| tags_of(p).unwrap_or_default())
        .find(|t| !own.contains(t))
        .ok_or_else(|| "no other tag in the corpus".to_string())
}

/// Gives the page the tags `tags`: moves it between terms.
fn set_tags(page: &Path, tags: &[String]) -> Result<(), String> {
    let text = fs::read_to_string(page).map_err(|e| e.to_string())?;
    let list: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
    let text: String = text
        .lines()
        .map(|l| match l.strip_prefix("tags = ") {
            Some(_) => format!("tags = [{}]\n", list.join(", ")),
            None => format!("{l}\n"),
        })
        .collect();
    fs::write(page, text).map_err(|e| e.to_string())
}

/// Sets the page's date: a front-matter edit that can reorder lists,
/// which takes the full incremental path.
fn set_date(page: &Path, date: jiff::civil::Date) -> Result<(), String> {
    let text = fs::read_to_string(page).map_err(|e| e.to_string())?;
    let text: String = text
        .lines()
        .map(|l| match l.strip_prefix("date = ") {
            Some(_) => format!("date = {date}\n"),
            None => format!("{l}\n"),
        })
        .collect();
    fs::write(page, text).map_err(|e| e.to_string())
}

/// The date the page's front matter gives (`date = 2016-04-19`).
fn date_of(page: &Path) -> Result<jiff::civil::Date, String> {
    let text = fs::read_to_string(page).map_err(|e| e.to_string())?;
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("date = "))
        .ok_or("the page has no date")?;
    line.get(..10)
        .unwrap_or(line)
        .parse()
        .map_err(|e: jiff::Error| e.to_string())
}

fn append(path: &Path, text: &str) -> Result<(), String> {
    let mut f = fs::OpenOptions::new()
        .append(true)
        .open(path)
        .map_err(|e| e.to_string())?;
    f.write_all(text.as_bytes()).map_err(|e| e.to_string())
}

/// Saves with `edit(i)` and waits for the reload event, `runs` times.
fn time_edits(
    runs: usize,
    events: &Receiver<String>,
    mut edit: impl FnMut(usize) -> Result<(), String>,
) -> Result<Vec<f64>, String> {
    let mut ms = Vec::new();
    for i in 0..runs {
        std::thread::sleep(Duration::from_millis(400));
        while events.try_recv().is_ok() {}
        let start = Instant::now();
        edit(i + 1)?;
        loop {
            let name = events
                .recv_timeout(WAIT)
                .map_err(|_| "no reload event".to_string())?;
            if name == "reload" {
                break;
            }
        }
        ms.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(ms)
}

struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(site: &Path) -> Result<Server, String> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?;
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let start = line.find("http://").ok_or("no URL printed")? + 7;
        let end = start + line[start..].find('/').ok_or("bad URL")?;
        Ok(Server {
            addr: line[start..end].to_string(),
            child,
        })
    }

    /// Names of the live-reload events, as they arrive.
    fn events(&self) -> Result<Receiver<String>, String> {
        let mut s = TcpStream::connect(&self.addr).map_err(|e| e.to_string())?;
        write!(s, "GET /__gazette/events HTTP/1.1\r\nHost: x\r\n\r\n")
            .map_err(|e| e.to_string())?;
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                if let Some(name) = line.strip_prefix("event: ")
                    && tx.send(name.to_string()).is_err()
                {
                    return;
                }
            }
        });
        Ok(rx)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `hugo server`: from saving a page to the "Total in" line of its rebuild.
fn hugo_edits(hugo: &Path, site: &Path, page: &Path, runs: usize) -> Result<Vec<f64>, String> {
    let mut child = Command::new(hugo)
        .args(["server", "--port", "1319", "--source"])
        .arg(site)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    let (tx, rx) = channel();
    let out = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    let ready = |rx: &Receiver<String>| -> Result<(), String> {
        loop {
            let line = rx
                .recv_timeout(Duration::from_secs(300))
                .map_err(|_| "hugo server did not start")?;
            if line.contains("Web Server is available") {
                return Ok(());
            }
        }
    };
    let result = ready(&rx).and_then(|_| {
        let mut ms = Vec::new();
        for i in 0..runs {
            std::thread::sleep(Duration::from_millis(400));
            while rx.try_recv().is_ok() {}
            let start = Instant::now();
            append(page, &format!("\n追加的第{i}段。\n"))?;
            loop {
                let line = rx.recv_timeout(WAIT).map_err(|_| "hugo did not rebuild")?;
                if line.contains("Total in") {
                    break;
                }
            }
            ms.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        Ok(ms)
    });
    let _ = child.kill();
    let _ = child.wait();
    result
}
