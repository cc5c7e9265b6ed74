//! `gazette init DIR` and `gazette new KIND PATH`: starting points that build
//! as they are, with the keys an editor is expected to fill in.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::t;

/// Kinds of item `gazette new` can create.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// An ordinary page.
    Page,
    /// A notice (通知公告).
    Notice,
    /// An official document with catalogue fields (公文).
    Document,
    /// An information item (政务信息).
    Item,
    /// A bulletin issue folder (期).
    Issue,
    /// A section (栏目).
    Section,
}

const CONFIG: &str = r#"title = "某某县人民政府"
description = "某某县人民政府门户网站"
base_url = "https://www.example.gov.cn/"
language = "zh-CN"
taxonomies = [{ name = "tags", title = "标签" }, { name = "categories", title = "分类" }]

[build]
paginate_by = 20
feed_limit = 20
summary_chars = 120

[[menu]]
name = "首页"
url = "/"

[[menu]]
name = "通知公告"
url = "/notices/"

[government]            # 页脚与页面元数据：主办单位、网站标识码、备案号
host = "某某县人民政府办公室"
"#;

/// Creates a new site in `dir`, which must not exist or be empty.
pub fn init(dir: &Path, today: &str) -> Result<Vec<PathBuf>, Diagnostic> {
    if dir.exists()
        && fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(Diagnostic::error(t!(
            format!("目录 {} 已存在且不为空", dir.display()),
            format!("the folder {} exists and is not empty", dir.display())
        ))
        .with_hint(t!("换一个新目录名", "choose a new folder name")));
    }
    let files = [
        ("gazette.toml", CONFIG.to_string()),
        (
            "content/_index.md",
            "+++\ntitle = \"首页\"\n+++\n".to_string(),
        ),
        (
            "content/notices/_index.md",
            "+++\ntitle = \"通知公告\"\nsort_by = \"date\"\n+++\n".to_string(),
        ),
        (
            "content/notices/welcome.md",
            template(Kind::Notice, "网站开通公告", today),
        ),
        ("static/.keep", String::new()),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        write_new(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

/// Creates `content/PATH` (a file, or for issues and sections a folder with
/// `_index.md`) from the template of `kind`.
pub fn new_item(root: &Path, kind: Kind, path: &str, today: &str) -> Result<PathBuf, Diagnostic> {
    let rel = path.trim_start_matches("content/").trim_start_matches('/');
    if rel.split('/').any(|seg| seg == "..") || rel.is_empty() {
        return Err(Diagnostic::error(t!(
            format!("路径 “{path}” 无效"),
            format!("the path “{path}” is not valid")
        ))
        .with_hint(t!(
            "写 content/ 之下的相对路径，如 notices/2024-01.md",
            "give a path under content/, like notices/2024-01.md"
        )));
    }
    let target = match kind {
        Kind::Issue | Kind::Section => root
            .join("content")
            .join(rel.trim_end_matches(".md"))
            .join("_index.md"),
        _ if rel.ends_with(".md") => root.join("content").join(rel),
        _ => root.join("content").join(format!("{rel}.md")),
    };
    let title = Path::new(rel.trim_end_matches('/'))
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "新页面".into());
    write_new(&target, &template(kind, &title, today))?;
    Ok(target)
}

fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    if path.exists() {
        return Err(Diagnostic::error(t!(
            format!("{} 已存在，不会覆盖", path.display()),
            format!(
                "{} already exists; it will not be overwritten",
                path.display()
            )
        )));
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Diagnostic::error(e.to_string()).in_file(parent))?;
    }
    fs::write(path, text).map_err(|e| Diagnostic::error(e.to_string()).in_file(path))
}

fn template(kind: Kind, title: &str, today: &str) -> String {
    match kind {
        Kind::Page => {
            format!("+++\ntitle = \"{title}\"\ndate = {today}\ntags = []\n+++\n\n正文。\n")
        }
        Kind::Notice => format!(
            "+++\ntitle = \"{title}\"\ndate = {today}\naudience = \"public\"\ndisclosure = \"主动公开\"\nreview = {{ by = \"审核人\", date = {today} }}\ntags = []\ncategories = [\"通知公告\"]\n+++\n\n正文。\n"
        ),
        Kind::Document => format!(
            "+++\ntitle = \"{title}\"\ndate = {today}\ndoc_number = \"某政办发〔{year}〕1号\"\nissuer = \"某某县人民政府办公室\"\nwritten = {today}\ngenre = \"通知\"\nsubject = \"综合政务\\\\政务公开\"\nkeywords = []\nvalidity = \"有效\"\naudience = \"public\"\ndisclosure = \"主动公开\"\nreview = {{ by = \"审核人\", date = {today} }}\n+++\n\n正文。\n",
            year = &today[..4]
        ),
        Kind::Item => format!(
            "+++\ntitle = \"{title}\"\ndate = {today}\nunit = \"报送单位\"\nauthor = \"信息员\"\ncategory = \"动态\"\naudience = \"internal\"\n+++\n\n正文。\n"
        ),
        Kind::Issue => format!(
            "+++\ntitle = \"{title}\"\ndate = {today}\nseries = \"zwxx\"\nnumber = 1\naudience = \"internal\"\ndistribution = {{ 报 = [], 送 = [], 发 = [] }}\ncopies = 50\n+++\n"
        ),
        Kind::Section => format!("+++\ntitle = \"{title}\"\nsort_by = \"date\"\n+++\n"),
    }
}
