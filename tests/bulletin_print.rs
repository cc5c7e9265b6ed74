//! Pages of the demo's intranet archive printed to PDF by headless
//! Chromium: an issue (A4, series name, 第N期, an item title) and a
//! statistics circular (A4, its tables, no navigation or download links). Chromium, poppler-utils (pdfinfo, pdftotext) and a CJK font
//! (fonts-wqy-microhei) are required: `.ci/run` installs them. A missing
//! tool fails the test; it never passes silently.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

const INSTALL: &str = "install them with `apt-get install chromium fonts-wqy-microhei poppler-utils` (.ci/run does this)";

/// The first of `names` found on PATH.
fn tool(names: &[&str]) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    names
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{} not found on PATH: {INSTALL}", names.join(" / ")))
}

/// Serves `root` on 127.0.0.1 (the pages use site-absolute links such as
/// `/css/bulletin.css`, which a `file://` URL cannot resolve).
fn serve(root: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    let port = listener.local_addr().expect("local address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || respond(stream, &root));
        }
    });
    port
}

fn respond(mut stream: TcpStream, root: &Path) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    // Read the whole request head before answering: closing a socket with
    // unread bytes resets the connection, and the browser loses the reply.
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 0) && header.trim() != "" {
        header.clear();
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = percent_decode(target.split('?').next().unwrap_or("/"));
    let mut file = root.join(path.trim_start_matches('/'));
    if path.ends_with('/') {
        file = file.join("index.html");
    }
    let (status, body) = match std::fs::read(&file) {
        Ok(bytes) if !path.contains("..") => ("200 OK", bytes),
        _ => ("404 Not Found", b"not found".to_vec()),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
    let _ = stream.flush();
    let _ = stream.shutdown(std::net::Shutdown::Write);
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn build_intranet(out: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cmd = assert_cmd::Command::cargo_bin("gazette").expect("binary");
    cmd.arg("build")
        .arg("--root")
        .arg(root)
        .args(["--profile", "intranet", "--now", common::NOW])
        .arg("--out")
        .arg(out)
        .timeout(common::TIMEOUT);
    common::Build::run(cmd, out).assert_ok();
}

fn run(program: &Path, args: &[&str]) -> String {
    let output = assert_cmd::Command::new(program)
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", program.display()));
    assert!(
        output.status.success(),
        "{} {args:?} failed:\n{}",
        program.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `Page size: 594.96 x 841.92 pts (A4)` → (595, 842).
fn page_size(info: &str) -> (i64, i64) {
    let line = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .unwrap_or_else(|| panic!("pdfinfo printed no page size:\n{info}"));
    let numbers: Vec<f64> = line
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(numbers.len() >= 2, "{line}");
    (numbers[0].round() as i64, numbers[1].round() as i64)
}

#[test]
fn an_issue_prints_on_a4_with_masthead_and_items() {
    let ((width, height), text, _) = print("/bulletins/zwxx/2024/1/");
    assert!(
        (594..=596).contains(&width) && (841..=843).contains(&height),
        "not A4: {width} x {height} pts"
    );
    for expected in [
        "梧桐政务信息",
        "第1期",
        "总第101期",
        "青石镇“村民说事”机制有效化解基层矛盾纠纷",
        "共印60份",
    ] {
        assert!(
            text.contains(expected),
            "“{expected}” not in the PDF:\n{text}"
        );
    }
    // The print layout leaves the site's navigation and footer out.
    assert!(!text.contains("跳到主要内容"), "{text}");
}

/// Prints `path` of a fresh intranet build of the demo; returns (width,
/// height) in points, the PDF's text and the text of its first page.
fn print(path: &str) -> ((i64, i64), String, String) {
    let chromium = tool(&["chromium", "chromium-browser", "google-chrome"]);
    let pdfinfo = tool(&["pdfinfo"]);
    let pdftotext = tool(&["pdftotext"]);
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("intranet");
    build_intranet(&out);
    let port = serve(out.clone());
    let pdf = tmp.path().join("page.pdf");
    let profile = tmp.path().join("chromium-profile");
    run(
        &chromium,
        &[
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-pdf-header-footer",
            &format!("--user-data-dir={}", profile.display()),
            &format!("--print-to-pdf={}", pdf.display()),
            &format!("http://127.0.0.1:{port}{path}"),
        ],
    );
    assert!(pdf.is_file(), "chromium wrote no PDF");
    let pdf_arg = pdf.to_str().expect("UTF-8 path");
    (
        page_size(&run(&pdfinfo, &[pdf_arg])),
        run(&pdftotext, &[pdf_arg, "-"]),
        run(&pdftotext, &["-l", "1", pdf_arg, "-"]),
    )
}

#[test]
fn a_circular_prints_on_a4_with_its_tables_and_without_navigation() {
    let ((width, height), text, first_page) = print("/statistics/2024/q2/");
    assert!(
        (594..=596).contains(&width) && (841..=843).contains(&height),
        "not A4: {width} x {height} pts"
    );
    for expected in [
        "2024年第二季度信息工作通报",
        "各单位信息报送采用情况",
        "柳溪乡人民政府",
        "27.4",
        "本期未报送信息的单位",
    ] {
        assert!(
            text.contains(expected),
            "“{expected}” not in the PDF:\n{text}"
        );
    }
    // The unit table starts on the first page: a long table flows across
    // pages rather than leaving the first one empty.
    // (27.4 is the first row's points; names wrap inside their cells.)
    assert!(first_page.contains("27.4"), "{first_page}");
    // Navigation, footer and the download links stay on screen.
    for absent in ["跳到主要内容", "下载：", "我为政府网站找错"] {
        assert!(!text.contains(absent), "“{absent}” printed:\n{text}");
    }
}
