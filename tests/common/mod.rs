//! Shared helpers for the integration tests: temporary sites, running
//! `gazette build` / `gazette check`, reading the output and its HTML.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use scraper::{Html, Selector};
use serde::Deserialize;
use tempfile::TempDir;

/// The minimal site configuration every fixture starts from.
pub const CONFIG: &str = "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\n";
pub const BASE_URL: &str = "https://t.example.gov.cn/";
/// A fixed build clock, so outputs do not depend on the day the tests run.
pub const NOW: &str = "2024-12-31T12:00:00+08:00";
/// No test build should take longer; a hang fails instead of blocking.
pub const TIMEOUT: Duration = Duration::from_secs(180);

/// A site in a temporary folder: `<tmp>/site` is the root, `<tmp>/out` the
/// default output folder (a sibling, so the site itself is never touched).
pub struct TestSite {
    tmp: TempDir,
    root: PathBuf,
}

impl TestSite {
    /// `gazette.toml` and `content/_index.md` by default; `files` are written
    /// after them and may replace them.
    pub fn new(files: &[(&str, &str)]) -> TestSite {
        let site = TestSite::bare();
        site.write("gazette.toml", CONFIG);
        site.write("content/_index.md", "+++\ntitle = \"首页\"\n+++\n");
        for (path, text) in files {
            site.write(path, text);
        }
        site
    }

    /// An empty site folder: nothing written.
    pub fn bare() -> TestSite {
        let tmp = tempfile::Builder::new()
            .prefix("gazette-test-")
            .tempdir()
            .expect("create a temporary folder");
        let root = tmp.path().join("site");
        fs::create_dir_all(&root).expect("create the site folder");
        TestSite { tmp, root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The temporary folder that holds the site and its outputs.
    pub fn tmp(&self) -> &Path {
        self.tmp.path()
    }

    /// A path inside the site.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Writes a file of the site (creating folders), text or bytes.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create folders");
        }
        fs::write(&path, contents).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    }

    /// The default output folder, beside the site.
    pub fn out(&self) -> PathBuf {
        self.tmp.path().join("out")
    }

    /// `gazette` with the site's root, Chinese messages, and a time limit.
    pub fn command(&self) -> Command {
        let mut cmd = Command::cargo_bin("gazette").expect("the gazette binary");
        cmd.env_remove("GAZETTE_LANG")
            .env("NO_COLOR", "1")
            .current_dir(self.tmp.path())
            .timeout(TIMEOUT);
        cmd
    }

    /// `gazette build --root SITE --out OUT --now NOW`, ready for more args or env.
    pub fn build_command(&self, out: &Path) -> Command {
        let mut cmd = self.command();
        cmd.arg("build")
            .arg("--root")
            .arg(&self.root)
            .arg("--out")
            .arg(out)
            .arg("--now")
            .arg(NOW);
        cmd
    }

    /// Builds into the default output folder with the clock at `now`.
    pub fn build_at(&self, now: &str) -> Build {
        let out = self.out();
        let mut cmd = self.command();
        cmd.arg("build")
            .arg("--root")
            .arg(&self.root)
            .arg("--out")
            .arg(&out)
            .arg("--now")
            .arg(now);
        Build::run(cmd, &out)
    }

    /// Builds into the default output folder.
    pub fn build(&self) -> Build {
        self.build_into(&self.out())
    }

    pub fn build_into(&self, out: &Path) -> Build {
        Build::run(self.build_command(out), out)
    }

    /// Builds with extra arguments (such as `--drafts`).
    pub fn build_args(&self, args: &[&str]) -> Build {
        let out = self.out();
        let mut cmd = self.build_command(&out);
        cmd.args(args);
        Build::run(cmd, &out)
    }

    /// Builds with English messages (for tests that match English words).
    pub fn build_english(&self) -> Build {
        let out = self.out();
        let mut cmd = self.build_command(&out);
        cmd.env("GAZETTE_LANG", "en");
        Build::run(cmd, &out)
    }

    /// `gazette check --format json`, parsed.
    pub fn check(&self) -> Check {
        self.check_with_lang(None)
    }

    pub fn check_english(&self) -> Check {
        self.check_with_lang(Some("en"))
    }

    fn check_with_lang(&self, lang: Option<&str>) -> Check {
        let mut cmd = self.command();
        if let Some(lang) = lang {
            cmd.env("GAZETTE_LANG", lang);
        }
        cmd.arg("check")
            .arg("--root")
            .arg(&self.root)
            .arg("--format")
            .arg("json")
            .arg("--now")
            .arg(NOW);
        let output = cmd.output().expect("run gazette check");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        #[derive(serde::Deserialize)]
        struct Printed {
            diagnostics: Vec<Diag>,
            columns: Vec<serde_json::Value>,
        }
        let printed: Printed = serde_json::from_str(&stdout).unwrap_or_else(|e| {
            panic!("check --format json printed no JSON report ({e}):\n{stdout}\n{stderr}")
        });
        Check {
            code: output.status.code(),
            diagnostics: printed.diagnostics,
            columns: printed.columns,
            stdout,
            stderr,
        }
    }
}

/// One finished `gazette build`.
pub struct Build {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub out: PathBuf,
}

impl Build {
    pub fn run(mut cmd: Command, out: &Path) -> Build {
        let output = cmd.output().expect("run gazette build");
        Build {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            out: out.to_path_buf(),
        }
    }

    /// Panics with the build's messages unless it exited 0.
    #[track_caller]
    pub fn assert_ok(&self) -> &Build {
        assert_eq!(
            self.code,
            Some(0),
            "the build failed:\n{}\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Panics unless the build exited 1 (content errors).
    #[track_caller]
    pub fn assert_failed(&self) -> &Build {
        assert_eq!(
            self.code,
            Some(1),
            "expected exit code 1:\n{}\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    pub fn file(&self, rel: &str) -> PathBuf {
        self.out.join(rel)
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.file(rel).is_file()
    }

    #[track_caller]
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.file(rel)).unwrap_or_else(|e| {
            panic!(
                "read output {rel}: {e}\noutput files: {:?}",
                files_under(&self.out)
            )
        })
    }

    #[track_caller]
    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }
}

/// One diagnostic of `gazette check --format json`.
#[derive(Debug, Clone, Deserialize)]
pub struct Diag {
    pub severity: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diag {
    pub fn is_error(&self) -> bool {
        self.severity == "error"
    }
}

pub struct Check {
    pub code: Option<i32>,
    pub diagnostics: Vec<Diag>,
    /// The column report: one object per column.
    pub columns: Vec<serde_json::Value>,
    pub stdout: String,
    pub stderr: String,
}

impl Check {
    pub fn errors(&self) -> Vec<&Diag> {
        self.diagnostics.iter().filter(|d| d.is_error()).collect()
    }

    /// The one error reported for `file`; panics if there is none or several.
    #[track_caller]
    pub fn error_in(&self, file: &str) -> &Diag {
        let found: Vec<&Diag> = self
            .errors()
            .into_iter()
            .filter(|d| d.file.as_deref() == Some(file))
            .collect();
        assert_eq!(
            found.len(),
            1,
            "expected exactly one error in {file}, got: {:#?}",
            self.diagnostics
        );
        found[0]
    }
}

/// Runs `check` and `build` on a broken site and returns the one error that
/// names `file` at `line`: exit code 1 from both, the JSON diagnostic at that
/// file and line, and the build's messages naming `file:line`.
#[track_caller]
pub fn assert_error_at(site: &TestSite, file: &str, line: usize) -> Diag {
    let check = site.check();
    assert_eq!(
        check.code,
        Some(1),
        "check should exit 1: {:#?}",
        check.diagnostics
    );
    let diag = check.error_in(file).clone();
    assert_eq!(diag.line, Some(line), "wrong line for {file}: {diag:#?}");
    let build = site.build();
    build.assert_failed();
    assert!(
        build.stderr.contains(&format!("{file}:{line}:")),
        "the build's messages should name {file}:{line}:\n{}",
        build.stderr
    );
    diag
}

/// A TOML page with a title, a date and a body.
pub fn page(title: &str, date: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = {date}\n+++\n{body}")
}

/// A section's `_index.md` with a title and extra TOML lines.
pub fn section(title: &str, extra: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n{extra}+++\n")
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}

/// Text of every element matching `css`, whitespace trimmed.
pub fn texts(html: &Html, css: &str) -> Vec<String> {
    html.select(&selector(css))
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// Value of `attr` on every element matching `css` that has it.
pub fn attrs(html: &Html, css: &str, attr: &str) -> Vec<String> {
    html.select(&selector(css))
        .filter_map(|e| e.attr(attr).map(str::to_string))
        .collect()
}

pub fn count(html: &Html, css: &str) -> usize {
    html.select(&selector(css)).count()
}

/// Links in `<main>` whose href starts with `prefix`, as (href, text), leaving
/// out pager links (`…/page/N/`) and the prefix itself.
pub fn main_links(html: &Html, prefix: &str) -> Vec<(String, String)> {
    html.select(&selector("main a[href]"))
        .filter_map(|e| {
            let href = e.attr("href")?.to_string();
            let keep = href.starts_with(prefix) && href != prefix && !href.contains("/page/");
            keep.then(|| (href, e.text().collect::<String>().trim().to_string()))
        })
        .collect()
}

/// Titles of the pages linked from `<main>` under `prefix`, in order.
pub fn listed_titles(html: &Html, prefix: &str) -> Vec<String> {
    main_links(html, prefix)
        .into_iter()
        .map(|(_, t)| t)
        .collect()
}

/// Every file under `dir` (relative, `/`-separated), sorted.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| relative(dir, e.path()))
        .collect();
    files.sort();
    files
}

/// Every file under `dir` with its bytes.
/// Every output file with its bytes; the marker file, which records the
/// build's inputs (times included), is bookkeeping and left out.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .filter(|rel| rel != ".gazette-output")
        .map(|rel| {
            let bytes = fs::read(dir.join(&rel)).expect("read an output file");
            (rel, bytes)
        })
        .collect()
}

fn relative(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// A site with a bit of everything: sections, dated pages, tags, a bundle
/// with an image, a static file, an alias and a Chinese file name.
pub fn rich_site() -> TestSite {
    let site = TestSite::new(&[
        ("content/notices/_index.md", &section("通知公告", "")),
        (
            "content/news/_index.md",
            &section("政务要闻", "paginate_by = 2\n"),
        ),
        ("static/a.txt", "静态文件\n"),
    ]);
    for i in 1..=6 {
        site.write(
            &format!("content/news/n{i}.md"),
            format!(
                "+++\ntitle = \"要闻{i}\"\ndate = 2024-0{i}-1{i}\ntags = [\"营商环境\", \"第{i}号\"]\n+++\n## 一、基本情况\n\n第{i}篇正文。\n"
            ),
        );
    }
    site.write(
        "content/notices/通知.md",
        "+++\ntitle = \"关于开展防汛演练的通知\"\ndate = 2024-03-05T09:00:00+08:00\naliases = [\"/old/notice/\"]\ncategories = [\"公告\"]\n+++\n正文。\n",
    );
    site.write(
        "content/notices/report/index.md",
        page("年度报告", "2024-02-01", "见下图。\n\n![图](chart.png)\n"),
    );
    site.write("content/notices/report/chart.png", b"\x89PNG\r\n\x1a\nfake");
    site
}
