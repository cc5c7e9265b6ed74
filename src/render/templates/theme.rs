//! Finding the theme: `themes/<name>/` on disk, else the default theme built
//! into the binary; the site's `templates/` override it file by file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::t;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));
}

pub struct Template {
    /// Name used by `extends`, `include` and the `template` key (`page.html`).
    pub name: String,
    /// Where it came from, as shown in messages.
    pub display: String,
    pub text: Arc<str>,
}

#[derive(Debug, Clone)]
pub enum StaticData {
    File(PathBuf),
    Embedded(&'static [u8]),
}

#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Output-relative path.
    pub output: String,
    pub data: StaticData,
}

pub struct Theme {
    pub templates: Vec<Template>,
    /// Theme static files first, then the site's `static/` (which wins).
    pub statics: Vec<StaticFile>,
}

impl Theme {
    pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let theme_dir = root.join("themes").join(name);
        let mut templates: BTreeMap<String, Template> = BTreeMap::new();
        let mut statics: BTreeMap<String, StaticFile> = BTreeMap::new();
        let mut errors = Vec::new();
        if theme_dir.is_dir() {
            let shown = format!("themes/{name}");
            read_templates(
                &theme_dir.join("templates"),
                &shown,
                &mut templates,
                &mut errors,
            );
            read_statics(&theme_dir.join("static"), &mut statics);
        } else if name == "default" {
            embedded_theme(&mut templates, &mut statics);
        } else {
            errors.push(
                Diagnostic::error(t!(
                    format!("找不到主题 “{name}”：没有 themes/{name}/ 目录"),
                    format!("theme “{name}” not found: there is no themes/{name}/ folder")
                ))
                .in_file(crate::config::CONFIG_FILE)
                .with_hint(t!(
                    "删除 theme 设置以使用内置的默认主题",
                    "remove the theme setting to use the built-in default theme"
                )),
            );
        }
        read_templates(&root.join("templates"), "", &mut templates, &mut errors);
        read_statics(&root.join("static"), &mut statics);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Theme {
            templates: templates.into_values().collect(),
            statics: statics.into_values().collect(),
        })
    }
}

fn embedded_theme(
    templates: &mut BTreeMap<String, Template>,
    statics: &mut BTreeMap<String, StaticFile>,
) {
    for (rel, bytes) in embedded::FILES {
        if let Some(name) = rel.strip_prefix("templates/") {
            let text = String::from_utf8_lossy(bytes);
            templates.insert(
                name.to_string(),
                Template {
                    name: name.to_string(),
                    display: format!("(built-in theme) {rel}"),
                    text: Arc::from(text.as_ref()),
                },
            );
        } else if let Some(out) = rel.strip_prefix("static/") {
            statics.insert(
                out.to_string(),
                StaticFile {
                    output: out.to_string(),
                    data: StaticData::Embedded(bytes),
                },
            );
        }
    }
}

fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap_or(e.path())
                .to_string_lossy()
                .replace('\\', "/");
            (rel, e.path().to_path_buf())
        })
        .collect()
}

fn read_templates(
    dir: &Path,
    shown_prefix: &str,
    templates: &mut BTreeMap<String, Template>,
    errors: &mut Vec<Diagnostic>,
) {
    for (name, path) in files_under(dir) {
        let display = if shown_prefix.is_empty() {
            format!("templates/{name}")
        } else {
            format!("{shown_prefix}/templates/{name}")
        };
        match std::fs::read(&path)
            .map_err(|e| Diagnostic::error(e.to_string()))
            .and_then(|b| crate::load::text::decode(&b).map(std::borrow::Cow::into_owned))
        {
            Ok(text) => {
                templates.insert(
                    name.clone(),
                    Template {
                        name,
                        display,
                        text: Arc::from(text),
                    },
                );
            }
            Err(d) => errors.push(d.in_file(display)),
        }
    }
}

fn read_statics(dir: &Path, statics: &mut BTreeMap<String, StaticFile>) {
    for (rel, path) in files_under(dir) {
        statics.insert(
            rel.clone(),
            StaticFile {
                output: rel,
                data: StaticData::File(path),
            },
        );
    }
}
