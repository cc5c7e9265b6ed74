//! Stage 6, write: everything goes into a staging folder beside the output,
//! which is then swapped in, so a failed or interrupted build leaves the
//! previous site intact. Files whose bytes did not change are hard-linked
//! from the previous output instead of rewritten (their mtime is kept).

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::render::Output;
use crate::render::templates::{StaticData, StaticFile};
use crate::t;

/// The file that marks a folder as gazette's output, safe to replace.
pub const MARKER: &str = ".gazette-output";

/// Bytes for one output file: rendered in memory, or copied from a file.
pub enum Content<'a> {
    Bytes(&'a [u8]),
    File(&'a Path),
}

pub struct Item<'a> {
    pub path: &'a str,
    pub content: Content<'a>,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub written: usize,
    pub unchanged: usize,
}

/// Collects the items to write: statics first, rendered outputs win on clashes.
pub fn items<'a>(
    outputs: &'a [Output],
    statics: &'a [StaticFile],
    assets: &'a [crate::model::PlacedAsset],
) -> Vec<Item<'a>> {
    let rendered: BTreeSet<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
    let mut items: Vec<Item<'a>> = Vec::with_capacity(outputs.len() + statics.len() + assets.len());
    for s in statics {
        if rendered.contains(s.output.as_str()) {
            continue;
        }
        let content = match &s.data {
            StaticData::File(p) => Content::File(p),
            StaticData::Embedded(b) => Content::Bytes(b),
        };
        items.push(Item {
            path: &s.output,
            content,
        });
    }
    for a in assets {
        items.push(Item {
            path: &a.output,
            content: Content::File(&a.asset.abs),
        });
    }
    for o in outputs {
        items.push(Item {
            path: &o.path,
            content: Content::Bytes(&o.bytes),
        });
    }
    items
}

/// Refuses output folders that are not ours or that hold the site itself.
pub fn check_target(out: &Path, root: &Path) -> Result<(), Diagnostic> {
    let root_abs = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let out_abs = absolute(out);
    if root_abs.starts_with(&out_abs) {
        return Err(Diagnostic::error(t!(
            format!("输出目录 {} 包含站点本身，构建会删除源文件", out.display()),
            format!(
                "the output folder {} contains the site itself; building would delete the sources",
                out.display()
            )
        ))
        .with_hint(t!(
            "用 --out 指定站点之内的子目录，如 public",
            "pass --out with a sub-folder such as public"
        )));
    }
    if out.is_dir()
        && !out.join(MARKER).exists()
        && fs::read_dir(out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false)
    {
        return Err(Diagnostic::error(t!(
            format!("输出目录 {} 不是 gazette 生成的（没有 {MARKER} 标记文件），拒绝清空它", out.display()),
            format!("the output folder {} was not made by gazette (no {MARKER} marker); refusing to replace it", out.display())
        ))
        .with_hint(t!(
            "换一个输出目录（--out），或确认无用后手动删除该目录",
            "choose another output folder (--out), or delete that folder yourself if it is not needed"
        )));
    }
    Ok(())
}

fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = fs::canonicalize(path) {
        return p;
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let base = fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf());
    base.join(path.file_name().unwrap_or_default())
}

/// Writes `items` into a staging folder and swaps it in for `out`.
pub fn write(out: &Path, items: &[Item<'_>]) -> io::Result<Stats> {
    let out = absolute(out);
    let parent = out
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    fs::create_dir_all(&parent)?;
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    fs::create_dir_all(&staging)?;
    let result = fill(&staging, &out, items).and_then(|stats| {
        fs::write(staging.join(MARKER), "gazette\n")?;
        swap(&staging, &out, &parent, &name)?;
        Ok(stats)
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn fill(staging: &Path, old: &Path, items: &[Item<'_>]) -> io::Result<Stats> {
    let dirs: BTreeSet<&str> = items
        .iter()
        .filter_map(|i| i.path.rsplit_once('/').map(|(d, _)| d))
        .collect();
    for dir in dirs {
        fs::create_dir_all(staging.join(dir))?;
    }
    let unchanged: Vec<bool> = items
        .par_iter()
        .map(|item| write_one(staging, old, item))
        .collect::<io::Result<_>>()?;
    let kept = unchanged.iter().filter(|u| **u).count();
    Ok(Stats {
        written: items.len() - kept,
        unchanged: kept,
    })
}

/// Returns true when the previous file was reused.
fn write_one(staging: &Path, old: &Path, item: &Item<'_>) -> io::Result<bool> {
    let target = staging.join(item.path);
    let previous = old.join(item.path);
    let same = match &item.content {
        Content::Bytes(b) => same_bytes(&previous, b),
        Content::File(p) => same_file(&previous, p),
    };
    if same && fs::hard_link(&previous, &target).is_ok() {
        return Ok(true);
    }
    match &item.content {
        Content::Bytes(b) => fs::write(&target, b)?,
        Content::File(p) => {
            fs::copy(p, &target)?;
        }
    }
    Ok(false)
}

fn same_bytes(previous: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(previous) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            fs::read(previous).map(|old| old == bytes).unwrap_or(false)
        }
        _ => false,
    }
}

fn same_file(previous: &Path, source: &Path) -> bool {
    match (fs::metadata(previous), fs::metadata(source)) {
        (Ok(a), Ok(b)) if a.is_file() && a.len() == b.len() => {
            matches!((fs::read(previous), fs::read(source)), (Ok(x), Ok(y)) if x == y)
        }
        _ => false,
    }
}

/// Puts the staging folder in place of `out`; the old output is removed last.
fn swap(staging: &Path, out: &Path, parent: &Path, name: &str) -> io::Result<()> {
    if out.exists() {
        let trash = parent.join(format!(".{name}.old-{}", std::process::id()));
        if trash.exists() {
            fs::remove_dir_all(&trash)?;
        }
        fs::rename(out, &trash)?;
        if let Err(e) = fs::rename(staging, out) {
            // Put the previous site back before reporting.
            let _ = fs::rename(&trash, out);
            return Err(e);
        }
        fs::remove_dir_all(&trash)?;
    } else {
        fs::rename(staging, out)?;
    }
    Ok(())
}
