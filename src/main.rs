//! The `gazette` command line. Exit codes: 0 success, 1 content or
//! configuration errors (all reported), 2 usage errors.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use gazette::diagnostic::{Diagnostic, Severity};
use gazette::load::date::DateValue;
use gazette::model::BuildOptions;
use gazette::pipeline::{self, Request};
use gazette::{report, scaffold, t};

#[derive(Parser)]
#[command(
    name = "gazette",
    version,
    about = "为政府信息工作而做的静态网站生成器 / a static site generator for government information offices"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: public/).
    Build {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        out: Option<PathBuf>,
        /// Profile from gazette.toml (default: its default_profile).
        #[arg(long)]
        profile: Option<String>,
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
        /// Fix the clock, e.g. 2024-03-05T09:00:00+08:00 (tests, reproducible builds).
        #[arg(long)]
        now: Option<String>,
    },
    /// Build into memory, serve on localhost, rebuild and reload on every edit.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        #[arg(long)]
        profile: Option<String>,
        /// Hide drafts and scheduled pages (shown with a ribbon by default).
        #[arg(long)]
        no_drafts: bool,
        #[arg(long)]
        now: Option<String>,
    },
    /// Run every check of a build without writing output.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        profile: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        #[arg(long)]
        now: Option<String>,
    },
    /// Create a new site in DIR.
    Init { dir: PathBuf },
    /// Create a new item: page, notice, document, item, issue or section.
    New {
        #[arg(value_enum)]
        kind: scaffold::Kind,
        /// Path under content/, e.g. notices/2024-flood-drill.md
        path: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    share_malloc_arenas();
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            out,
            profile,
            drafts,
            now,
        } => {
            let Some(now) = clock(now.as_deref()) else {
                return ExitCode::from(2);
            };
            build(Request {
                root,
                out,
                profile,
                options: BuildOptions {
                    drafts,
                    future: false,
                    now,
                    profile: None,
                },
                progress: true,
                write: true,
            })
        }
        Command::Check {
            root,
            profile,
            format,
            now,
        } => {
            let Some(now) = clock(now.as_deref()) else {
                return ExitCode::from(2);
            };
            check(root, profile, now, format)
        }
        Command::Serve {
            root,
            port,
            bind,
            profile,
            no_drafts,
            now,
        } => {
            let fixed = match now {
                Some(text) => match clock(Some(&text)) {
                    Some(z) => Some(z),
                    None => return ExitCode::from(2),
                },
                None => None,
            };
            let result = gazette::serve::run(gazette::serve::Options {
                root,
                bind,
                port,
                profile,
                drafts: !no_drafts,
                now: fixed,
            });
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("{message}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Init { dir } => finish(scaffold::init(&dir, &today()).map(|files| {
            for f in files {
                println!("{}", f.display());
            }
        })),
        Command::New { kind, path, root } => finish(
            scaffold::new_item(&root, kind, &path, &today()).map(|p| println!("{}", p.display())),
        ),
    }
}

fn build(req: Request) -> ExitCode {
    let report = pipeline::run(&req);
    report::print_all(report.diagnostics.clone().sorted());
    eprintln!("{}", report.summary());
    if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn check(root: PathBuf, profile: Option<String>, now: jiff::Zoned, format: Format) -> ExitCode {
    let req = Request {
        root,
        out: None,
        profile,
        options: BuildOptions {
            drafts: false,
            future: false,
            now,
            profile: None,
        },
        progress: false,
        write: false,
    };
    let report = pipeline::run(&req);
    let ok = report.ok();
    let columns = report.columns;
    let diagnostics = report.diagnostics.sorted();
    match format {
        Format::Text => {
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            report::print_all(diagnostics);
            if !columns.is_empty() {
                println!("{}", report::columns_table(&columns));
            }
            println!(
                "{}",
                t!(
                    format!("检查完成：{errors} 个错误"),
                    format!("check finished: {errors} errors")
                )
            );
        }
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "diagnostics": json(&diagnostics),
                "columns": columns,
            }))
            .unwrap_or_default()
        ),
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn json(diagnostics: &[Diagnostic]) -> Vec<serde_json::Value> {
    let list: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "severity": match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Note => "note",
                },
                "file": d.file.as_ref().map(|f| f.display().to_string()),
                "line": d.location.map(|l| l.line),
                "column": d.location.map(|l| l.column),
                "rule": d.rule.unwrap_or("content"),
                "message": d.message,
                "hint": d.hint,
            })
        })
        .collect();
    list
}

fn finish(result: Result<(), Diagnostic>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => {
            report::print_all([d]);
            ExitCode::from(1)
        }
    }
}

/// The build clock: `--now`, else the system clock, in China Standard Time
/// unless the given time carries its own offset.
fn clock(now: Option<&str>) -> Option<jiff::Zoned> {
    let cst = jiff::tz::Offset::constant(8);
    match now {
        None => Some(jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::fixed(cst))),
        Some(text) => match text.parse::<DateValue>() {
            Ok(d) => Some(d.resolve(cst)),
            Err(e) => {
                eprintln!(
                    "{}",
                    t!(
                        format!("--now 的值有误：{e}"),
                        format!("bad --now value: {e}")
                    )
                );
                None
            }
        },
    }
}

fn today() -> String {
    let cst = jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(8));
    jiff::Timestamp::now().to_zoned(cst).date().to_string()
}

/// glibc gives every thread an arena of its own, and memory freed in one
/// arena is not reused by another thread. A build's two render threads
/// allocate what the main thread frees (sources, Markdown), so at 10,000
/// pages the separate arenas held some 14 MiB more at the peak (206 vs.
/// 192 MiB, the same time); the render threads now share one.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn share_malloc_arenas() {
    // SAFETY: `mallopt` only sets a parameter of the allocator, and this
    // runs first thing in `main`, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn share_malloc_arenas() {}
