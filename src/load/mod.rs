//! Stage 1, load: walk `content/`, read every Markdown file, split and parse
//! its front matter, in parallel. Nothing here knows about URLs or lists.

mod cache;
pub mod data;
pub mod date;
pub mod front;
pub mod holidays;
pub mod index_numbers;
pub mod keys;
pub mod parse;
pub mod registry;
pub mod split;
pub mod text;
mod toml_keys;
mod toml_subset;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::t;
use front::FrontMatter;
use keys::Owner;

pub use cache::Cache;

/// Files larger than this are refused: no real bulletin or notice is this big.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// One Markdown file of the content tree, parsed.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to `content/`, with `/` separators (`notices/a.md`).
    pub rel: String,
    pub owner: Owner,
    pub text: Arc<str>,
    /// Behind a pointer: a `Source` is moved several times between loading
    /// and the model (filtered, partitioned, paired with its visibility),
    /// and 1.1 KB of front matter moved with it each time cost the model
    /// stage more than its own work. Shared: the preview's load cache hands
    /// out a copy of every unchanged source at each rebuild, and a deep copy
    /// of each front matter was most of that stage (change one with
    /// `Arc::make_mut`).
    pub front: Arc<FrontMatter>,
    /// Byte offset of the Markdown body in `text`.
    pub body_offset: usize,
}

impl Source {
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// The line where the first of `keys` (a key and its Chinese labels) is
    /// written; line 1 when none is, as for a missing key.
    pub fn key_line(&self, keys: &[&str]) -> usize {
        let front = &self.text[..self.body_offset];
        keys.iter()
            .find_map(|k| parse::line_in(front, 1, k))
            .unwrap_or(1)
    }

    /// Keeps only the front matter in memory. A build calls this once the
    /// Markdown is rendered: the bodies are the largest thing it holds (at
    /// 100,000 pages some 800 MB) and nothing reads them afterwards except
    /// a report that needs a line of the body, which reads the file again
    /// ([`Source::reloaded`]). Front-matter lines stay where they were.
    pub fn drop_body(&mut self) {
        if self.text.len() > self.body_offset {
            self.text = Arc::from(&self.text[..self.body_offset]);
        }
    }

    /// This source with its whole text, read again from `content_dir` when
    /// [`Source::drop_body`] left only the front matter (and the file still
    /// still starts with the same front matter); else unchanged.
    pub fn reloaded(&self, content_dir: &std::path::Path) -> std::borrow::Cow<'_, Source> {
        if self.text.len() > self.body_offset {
            return std::borrow::Cow::Borrowed(self);
        }
        let text = std::fs::read(content_dir.join(&self.rel))
            .ok()
            .and_then(|bytes| text::decode(&bytes).ok().map(|t| Arc::<str>::from(&*t)));
        match text {
            Some(text) if text.starts_with(&self.text[..]) => std::borrow::Cow::Owned(Source {
                text,
                ..self.clone()
            }),
            _ => std::borrow::Cow::Borrowed(self),
        }
    }

    /// `dir/index.md`: a page whose assets sit beside it.
    pub fn is_bundle(&self) -> bool {
        self.owner == Owner::Page && file_name(&self.rel) == "index.md"
    }
}

/// A non-Markdown file inside `content/`, copied next to its page or section.
#[derive(Debug, Clone)]
pub struct Asset {
    pub rel: String,
    pub abs: PathBuf,
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Vec<Source>,
    pub assets: Vec<Asset>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

/// Loads the content tree under `root/content`.
pub fn load(root: &Path, taxonomies: &[String]) -> Loaded {
    load_cached(root, taxonomies, None)
}

/// Loads the content tree, reusing unchanged files from `cache` (preview).
pub fn load_cached(root: &Path, taxonomies: &[String], mut cache: Option<&mut Cache>) -> Loaded {
    let content = root.join("content");
    let kept = cache.as_mut().and_then(|c| c.take_walk(&content));
    let trusted = kept.is_some();
    let walk = kept.unwrap_or_else(|| walk(&content));
    if let Some(c) = cache.as_mut() {
        c.prepare(taxonomies);
        if !trusted {
            c.retain(&walk.markdown);
        }
    }
    let shared = cache.as_deref();
    let results: Vec<Result<Source, Vec<Diagnostic>>> = walk
        .markdown
        .par_iter()
        .map(|(abs, rel)| match shared {
            Some(c) => c.get_or_load(abs, trusted, || load_file(abs, rel, taxonomies)),
            None => load_file(abs, rel, taxonomies),
        })
        .collect();
    let mut loaded = Loaded {
        sources: Vec::with_capacity(results.len()),
        assets: walk.assets.clone(),
        diagnostics: walk.diagnostics.clone(),
    };
    if let Some(c) = cache {
        c.keep_walk(walk);
    }
    for result in results {
        match result {
            Ok(source) => loaded.sources.push(source),
            Err(ds) => loaded.diagnostics.extend(ds),
        }
    }
    loaded.sources.sort_by(|a, b| a.rel.cmp(&b.rel));
    loaded
}

fn walk(content: &Path) -> cache::Walk {
    let mut walk = cache::Walk {
        content: content.to_path_buf(),
        markdown: Vec::new(),
        assets: Vec::new(),
        diagnostics: Vec::new(),
    };
    if !content.is_dir() {
        walk.diagnostics.push(
            Diagnostic::error(t!(
                "站点缺少 content/ 目录",
                "the site has no content/ folder"
            ))
            .in_file("content")
            .with_hint(t!(
                "新建 content/ 并放入 _index.md；或用 `gazette init 目录` 新建站点",
                "create content/ with an _index.md, or run `gazette init DIR`"
            )),
        );
        return walk;
    }
    let walker = walkdir::WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = relative(content, e.path());
                if rel.ends_with(".md") {
                    walk.markdown.push((e.path().to_path_buf(), rel));
                } else {
                    walk.assets.push(Asset {
                        rel,
                        abs: e.path().to_path_buf(),
                    });
                }
            }
            Ok(_) => {}
            Err(e) => walk.diagnostics.push(walk_error(content, &e)),
        }
    }
    walk
}

/// Hidden files and editors' temporary files are never content (the
/// preview's watcher ignores them too).
pub fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
}

fn walk_error(content: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e.path().map(|p| relative(content, p)).unwrap_or_default();
    let file = format!("content/{path}");
    if let Some(ancestor) = e.loop_ancestor() {
        return Diagnostic::error(t!(
            format!("符号链接形成了循环：指回 {}", ancestor.display()),
            format!(
                "symbolic link loop: it points back to {}",
                ancestor.display()
            )
        ))
        .in_file(file)
        .with_hint(t!(
            "删除这个符号链接，或让它指向 content/ 之外不包含它自己的目录",
            "remove the link, or point it at a folder that does not contain it"
        ));
    }
    Diagnostic::error(t!(format!("无法读取：{e}"), format!("cannot read: {e}"))).in_file(file)
}

fn relative(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

pub fn load_file(abs: &Path, rel: &str, taxonomies: &[String]) -> Result<Source, Vec<Diagnostic>> {
    let display = format!("content/{rel}");
    let fail = |d: Diagnostic| vec![d.in_file(&display)];
    let io_error = |e: std::io::Error| fail(Diagnostic::error(e.to_string()));
    // One open, and the size from the open file: a `stat` by path before
    // `fs::read` (which asks for the size again) cost a path lookup per
    // file, some 2 % of a build's system time at 10,000 pages.
    let file = std::fs::File::open(abs).map_err(io_error)?;
    let size = file.metadata().map_err(io_error)?.len();
    if size > MAX_FILE_BYTES {
        return Err(fail(
            Diagnostic::error(t!(
                format!(
                    "文件太大（{} MB），上限 {} MB",
                    size >> 20,
                    MAX_FILE_BYTES >> 20
                ),
                format!(
                    "the file is too large ({} MB; the limit is {} MB)",
                    size >> 20,
                    MAX_FILE_BYTES >> 20
                )
            ))
            .with_hint(t!(
                "把大的附件放在 static/ 中并链接它，不要写进 Markdown",
                "put large attachments under static/ and link to them"
            )),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // Through `Take`, which reads into the room made above: `File`'s own
    // `read_to_end` asks the system for the size and the position again
    // (a `statx` and an `lseek` per file, 20,000 calls at 10,000 pages).
    std::io::Read::read_to_end(&mut std::io::Read::take(&file, u64::MAX), &mut bytes)
        .map_err(io_error)?;
    let text: Arc<str> = Arc::from(&*text::decode(&bytes).map_err(fail)?);
    let owner = if file_name(rel) == "_index.md" {
        Owner::Section
    } else {
        Owner::Page
    };
    let with_source = |ds: Vec<Diagnostic>| -> Vec<Diagnostic> {
        ds.into_iter()
            .map(|d| d.in_file(&display).with_source(text.clone()))
            .collect()
    };
    let split = split::split(&text).map_err(|d| with_source(vec![d]))?;
    let front = parse::front_matter(&split, owner, taxonomies).map_err(with_source)?;
    let body_offset = split.body_offset;
    // A classified file is named, never shown: no snippet of its text.
    let strip = |ds: Vec<Diagnostic>| -> Vec<Diagnostic> {
        ds.into_iter().map(|d| d.in_file(&display)).collect()
    };
    if front.classification.is_some() {
        check_front(&front, &split, owner).map_err(strip)?;
    }
    check_front(&front, &split, owner).map_err(with_source)?;
    Ok(Source {
        rel: rel.to_string(),
        owner,
        text: text.clone(),
        front: Arc::new(front),
        body_offset,
    })
}

/// Rules a single file's front matter must satisfy on its own.
fn check_front(
    front: &FrontMatter,
    split: &split::Split<'_>,
    owner: Owner,
) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    if let Some(level) = &front.classification {
        let line = parse::key_line(split, "classification")
            .or_else(|| parse::key_line(split, "密级"))
            .unwrap_or(split.front_line);
        errors.push(
            Diagnostic::error(t!(
                format!("此文件标有密级（{level}）：涉密信息不得进入本系统，任何构建都拒绝它"),
                format!("this file is marked classified ({level}): classified material never passes through gazette; every build refuses it")
            ))
            .at_line(line)
            .with_hint(t!(
                "立即将此文件移出站点目录，并按保密规定处理",
                "move this file out of the site now and handle it under the secrecy rules"
            )),
        );
        return Err(errors);
    }
    if owner == Owner::Page && front.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        errors.push(
            Diagnostic::error(t!("缺少标题（title）", "the title is missing"))
                .at_line(split.front_line)
                .with_hint(t!(
                    "在前置元数据中加上 title = \"标题\"（或 标题 = \"…\"）",
                    "add title = \"…\" to the front matter"
                )),
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
