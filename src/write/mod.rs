//! Stage 6, write: everything goes into a staging folder beside the output,
//! which is then swapped in, so a failed or interrupted build leaves the
//! previous site intact. Files are written as soon as they are rendered;
//! files whose bytes did not change are hard-linked from the previous output
//! instead of rewritten (their mtime is kept).

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::render::templates::{StaticData, StaticFile};
use crate::t;

/// The file that marks a folder as gazette's output, safe to replace.
pub const MARKER: &str = ".gazette-output";

pub mod manifest;

#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub written: usize,
    pub unchanged: usize,
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

/// A build's output in the making: a folder beside `out` that receives every
/// file and replaces `out` only on [`Staging::finish`]. Dropped unfinished
/// (a failed build), it is deleted and `out` is left as it was.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    /// Whether `out` existed when the build began: a first build (or one
    /// into an emptied folder) has no earlier files to keep, and asking
    /// for each of its 13,000 outputs costs a failing `stat` apiece.
    has_previous: bool,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    /// Bytes of every file placed, for the manifest.
    bytes: AtomicU64,
    /// Folders made so far, so that files sharing a folder (term and list
    /// pages, the index's shard files, theme files, attachments) do not
    /// each pay for a `create_dir_all`. Kept by their path inside the
    /// folder: hashing a `PathBuf` walks its components.
    folders: Mutex<HashSet<String, ahash::RandomState>>,
    finished: bool,
}

impl Staging {
    pub fn begin(out: &Path) -> io::Result<Staging> {
        let out = absolute(out);
        let parent = out
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        fs::create_dir_all(&parent)?;
        let dir = parent.join(format!(
            ".{}.staging-{}",
            file_name(&out),
            std::process::id()
        ));
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir_all(&dir)?;
        let has_previous = out.is_dir();
        Ok(Staging {
            dir,
            out,
            has_previous,
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            folders: Mutex::new(HashSet::default()),
            finished: false,
        })
    }

    /// Writes `bytes` at `rel`, or links the previous output's identical file.
    pub fn put_bytes(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let same = self.has_previous && same_bytes(&self.out.join(rel), bytes);
        self.place(rel, same, |target| {
            write_new(target, bytes).map(|()| bytes.len() as u64)
        })
    }

    /// Copies `source` to `rel`, or links the previous output's identical file.
    pub fn put_file(&self, rel: &str, source: &Path) -> io::Result<()> {
        let same = self.has_previous && same_file(&self.out.join(rel), source);
        self.place(rel, same, |target| {
            remove_existing(target)?;
            fs::copy(source, target)
        })
    }

    fn place(
        &self,
        rel: &str,
        same: bool,
        write: impl FnOnce(&Path) -> io::Result<u64>,
    ) -> io::Result<()> {
        let target = self.dir.join(rel);
        if let Some((folder, _)) = rel.rsplit_once('/') {
            self.make_folder(folder)?;
        }
        if same {
            let previous = self.out.join(rel);
            remove_existing(&target)?;
            if fs::hard_link(&previous, &target).is_ok() {
                let size = fs::metadata(&target).map_or(0, |m| m.len());
                self.bytes.fetch_add(size, Ordering::Relaxed);
                self.unchanged.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
        }
        let size = write(&target)?;
        self.bytes.fetch_add(size, Ordering::Relaxed);
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// How many files and bytes have been placed so far.
    pub fn size(&self) -> (u64, u64) {
        let files = self.written.load(Ordering::Relaxed) + self.unchanged.load(Ordering::Relaxed);
        (files as u64, self.bytes.load(Ordering::Relaxed))
    }

    /// Makes `folder` (a path inside the staging folder) once.
    fn make_folder(&self, folder: &str) -> io::Result<()> {
        let mut made = self.folders.lock().unwrap_or_else(|e| e.into_inner());
        if !made.contains(folder) {
            fs::create_dir_all(self.dir.join(folder))?;
            made.insert(folder.to_string());
        }
        Ok(())
    }

    /// Marks the folder as ours (the marker holds `record`, see
    /// [`manifest`]) and swaps it in for the output.
    pub fn finish(mut self, record: &str) -> io::Result<Stats> {
        fs::write(self.dir.join(MARKER), record)?;
        swap(&self.dir, &self.out)?;
        self.finished = true;
        Ok(Stats {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

impl crate::render::Sink for Staging {
    fn put(&self, path: &str, text: &str) -> Result<(), Diagnostic> {
        self.put_bytes(path, text.as_bytes())
            .map_err(|e| write_error(&self.out, path, &e))
    }
}

/// Theme and site static files and page assets; rendered outputs win when a
/// path is both (`skip` holds the rendered paths).
pub fn copy_statics(
    staging: &Staging,
    statics: &[StaticFile],
    assets: &[crate::model::PlacedAsset],
    skip: &HashSet<&str>,
) -> Result<(), Diagnostic> {
    let from_theme = statics
        .par_iter()
        .filter(|s| !skip.contains(s.output.as_str()))
        .map(|s| {
            match &s.data {
                StaticData::File(p) => staging.put_file(&s.output, p),
                StaticData::Embedded(b) => staging.put_bytes(&s.output, b),
            }
            .map_err(|e| write_error(&staging.out, &s.output, &e))
        });
    let from_content = assets
        .par_iter()
        .filter(|a| !skip.contains(a.output.as_str()))
        .map(|a| {
            staging
                .put_file(&a.output, &a.asset.abs)
                .map_err(|e| write_error(&staging.out, &a.output, &e))
        });
    from_theme.chain(from_content).collect()
}

pub fn write_error(out: &Path, rel: &str, e: &io::Error) -> Diagnostic {
    Diagnostic::error(t!(
        format!("写入 {}/{rel} 失败：{e}（原有输出保持不变）", out.display()),
        format!(
            "writing {}/{rel} failed: {e} (the previous output is untouched)",
            out.display()
        )
    ))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into())
}

/// Removes what a second put of the same path left at `target`: never write
/// through an entry, which may be a hard link into the previous output.
fn remove_existing(target: &Path) -> io::Result<()> {
    if target.symlink_metadata().is_ok() {
        fs::remove_file(target)?;
    }
    Ok(())
}

/// Writes a file that must be new; an entry already there (a second put of
/// the same path, maybe a hard link into the previous output) is replaced,
/// never written through. Opening with `create_new` asks for that in the
/// same system call, instead of a `stat` before every write.
fn write_new(target: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let open = || {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(target)
    };
    let mut file = match open() {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(target)?;
            open()?
        }
        other => other?,
    };
    file.write_all(bytes)
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
fn swap(staging: &Path, out: &Path) -> io::Result<()> {
    if out.exists() {
        let parent = out.parent().unwrap_or(Path::new("."));
        let trash = parent.join(format!(".{}.old-{}", file_name(out), std::process::id()));
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
