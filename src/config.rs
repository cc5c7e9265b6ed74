//! `gazette.toml`: the site configuration, typed, with unknown keys rejected.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::load::front::{Audience, Disclosure};
use crate::t;

pub mod government;

pub const CONFIG_FILE: &str = "gazette.toml";

pub mod catalogue;
pub mod conformance;
pub mod scoring;
pub mod statistics;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_taxonomies")]
    pub taxonomies: Vec<TaxonomyConfig>,
    #[serde(default)]
    pub build: BuildConfig,
    #[serde(default)]
    pub menu: Vec<MenuItem>,
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Bulletin series (信息刊物); validated in depth by the bulletin stage.
    #[serde(default)]
    pub series: BTreeMap<String, SeriesConfig>,
    /// Audience and disclosure of pages that say nothing themselves.
    #[serde(default)]
    pub defaults: Defaults,
    /// The profile `build` uses when no `--profile` is given.
    #[serde(default)]
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, ProfileConfig>,
    /// The disclosure catalogue (公开目录) and its index numbers (索引号).
    #[serde(default)]
    pub catalogue: Option<catalogue::CatalogueConfig>,
    /// Government website fields (footer, page meta tags, JSON-LD).
    #[serde(default)]
    pub government: government::GovernmentConfig,
    /// Points of the statistics circulars (通报); see `scoring`.
    #[serde(default)]
    pub scoring: scoring::ScoringConfig,
    /// Where the circulars go, their periods, incident deadlines.
    #[serde(default)]
    pub statistics: statistics::StatisticsConfig,
    /// `[conformance]`: freshness limits of the columns.
    #[serde(default)]
    pub conformance: conformance::ConformanceConfig,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    #[serde(default)]
    pub audience: Option<Audience>,
    #[serde(default)]
    pub disclosure: Option<Disclosure>,
}

/// One way of building the site: the public portal, the intranet archive…
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileConfig {
    #[serde(default)]
    pub base_url: Option<String>,
    /// Output folder, relative to the site root.
    #[serde(default)]
    pub output: Option<String>,
    #[serde(default = "default_audiences")]
    pub audiences: Vec<Audience>,
    /// Publishes to the public: every page needs `disclosure`, 主动公开 pages
    /// need a confidentiality `review`, and only 主动公开 pages are built.
    #[serde(default)]
    pub public: bool,
}

fn default_audiences() -> Vec<Audience> {
    vec![Audience::Public]
}

/// The profile a build uses, resolved from the command line and config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub audiences: Vec<Audience>,
    pub public: bool,
}

impl Profile {
    /// Whether a page of this audience and disclosure belongs in the build.
    pub fn admits(&self, audience: Audience, disclosure: Option<Disclosure>) -> bool {
        self.audiences.contains(&audience)
            && (!self.public
                || !matches!(
                    disclosure,
                    Some(Disclosure::OnRequest | Disclosure::Withheld)
                ))
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyConfig {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub paginate_by: Option<usize>,
}

impl TaxonomyConfig {
    pub fn title(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BuildConfig {
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    /// Entries per Atom feed: feeds stay small however large the archive.
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    /// Characters (not words: CJK has no spaces) in an automatic summary.
    #[serde(default = "default_summary_chars")]
    pub summary_chars: usize,
    /// Time zone offset of dates written without one, e.g. `+08:00`.
    #[serde(default = "default_timezone")]
    pub timezone: String,
    /// What happens to a page whose `expires` has passed.
    #[serde(default)]
    pub expired: Expired,
    /// Write the offline search index (`search-index/`). On by default: an
    /// inspection fails a government site without search; a site that
    /// does not want it (or a benchmark without it) says `false`.
    #[serde(default = "default_search")]
    pub search: bool,
}

/// `notice`: the page stays under an "expired" banner; `drop`: it leaves the build.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Expired {
    #[default]
    Notice,
    Drop,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            paginate_by: default_paginate_by(),
            feed_limit: default_feed_limit(),
            summary_chars: default_summary_chars(),
            timezone: default_timezone(),
            expired: Expired::default(),
            search: default_search(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesConfig {
    pub name: String,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub audience: Option<Audience>,
    #[serde(default)]
    pub sub_series: Vec<String>,
    #[serde(default)]
    pub running_number: Option<bool>,
}

fn default_base_url() -> String {
    "/".into()
}
fn default_language() -> String {
    "zh-CN".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_paginate_by() -> usize {
    20
}
fn default_feed_limit() -> usize {
    20
}
fn default_search() -> bool {
    true
}

fn default_summary_chars() -> usize {
    120
}
fn default_timezone() -> String {
    "+08:00".into()
}
fn default_taxonomies() -> Vec<TaxonomyConfig> {
    vec![
        TaxonomyConfig {
            name: "tags".into(),
            title: Some("标签".into()),
            paginate_by: None,
        },
        TaxonomyConfig {
            name: "categories".into(),
            title: Some("分类".into()),
            paginate_by: None,
        },
    ]
}

impl Config {
    /// The path part of `base_url` (`/` or `/portal/`), used for links.
    pub fn base_path(&self) -> String {
        let rest = match self.base_url.find("://") {
            Some(i) => {
                let after = &self.base_url[i + 3..];
                after.find('/').map_or("/", |j| &after[j..])
            }
            None => self.base_url.as_str(),
        };
        let mut path = rest.to_string();
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        if !path.ends_with('/') {
            path.push('/');
        }
        path
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base_url_slash(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }

    /// Parsed offset for dates written without a time zone.
    pub fn offset(&self) -> jiff::tz::Offset {
        parse_offset(&self.build.timezone).unwrap_or(jiff::tz::Offset::constant(8))
    }

    /// Chooses the profile (`--profile`, else `default_profile`) and applies
    /// its base URL. A site with no profiles builds as one plain site.
    pub fn select_profile(
        &mut self,
        wanted: Option<&str>,
    ) -> Result<Option<(Profile, Option<String>)>, Diagnostic> {
        let name = match (wanted, &self.default_profile) {
            (Some(n), _) => n.to_string(),
            (None, Some(n)) => n.clone(),
            (None, None) if self.profiles.is_empty() => return Ok(None),
            (None, None) => {
                return Err(Diagnostic::error(t!(
                    "gazette.toml 声明了构建配置（profiles），但没有 default_profile",
                    "gazette.toml declares profiles but no default_profile"
                ))
                .in_file(CONFIG_FILE)
                .with_hint(t!(
                    format!(
                        "加上 default_profile = \"{}\"，或用 --profile 指定",
                        self.profiles.keys().next().map_or("", String::as_str)
                    ),
                    format!(
                        "add default_profile = \"{}\", or pass --profile",
                        self.profiles.keys().next().map_or("", String::as_str)
                    )
                )));
            }
        };
        let Some(p) = self.profiles.get(&name).cloned() else {
            let known: Vec<&str> = self.profiles.keys().map(String::as_str).collect();
            return Err(Diagnostic::error(t!(
                format!("没有名为 “{name}” 的构建配置"),
                format!("there is no profile named “{name}”")
            ))
            .in_file(CONFIG_FILE)
            .with_hint(if known.is_empty() {
                t!(
                    "在 gazette.toml 中用 [profiles.名称] 声明",
                    "declare it as [profiles.NAME] in gazette.toml"
                )
            } else {
                t!(
                    format!("可用的：{}", known.join("、")),
                    format!("available: {}", known.join(", "))
                )
            }));
        };
        if let Some(url) = &p.base_url {
            self.base_url = url.clone();
        }
        let profile = Profile {
            name,
            audiences: p.audiences.clone(),
            public: p.public,
        };
        Ok(Some((profile, p.output.clone())))
    }

    pub fn taxonomy(&self, name: &str) -> Option<&TaxonomyConfig> {
        self.taxonomies.iter().find(|t| t.name == name)
    }
}

fn parse_offset(text: &str) -> Option<jiff::tz::Offset> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':')?;
    let secs = sign * (h.parse::<i32>().ok()? * 3600 + m.parse::<i32>().ok()? * 60);
    jiff::tz::Offset::from_seconds(secs).ok()
}

/// Reads and checks `gazette.toml` at the site root.
pub fn load(root: &Path) -> Result<Config, Diagnostic> {
    let path = root.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Diagnostic::error(t!(
            format!("无法读取站点配置 {CONFIG_FILE}：{e}"),
            format!("cannot read the site configuration {CONFIG_FILE}: {e}")
        ))
        .in_file(CONFIG_FILE)
        .with_hint(t!(
            "在站点根目录运行，或用 --root 指定站点目录；`gazette init 目录` 可新建站点",
            "run inside a site, or pass --root; `gazette init DIR` creates a site"
        ))
    })?;
    parse(&text)
}

/// Parses configuration text; errors carry the line and column.
pub fn parse(text: &str) -> Result<Config, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let config: Config = toml::from_str(text).map_err(|e| {
        Diagnostic::from_toml(&e, &Arc::from(text))
            .in_file(CONFIG_FILE)
            .with_hint(t!(
                "配置键见 README 的“站点配置”一节",
                "see the “Site configuration” part of the README for the keys"
            ))
    })?;
    if parse_offset(&config.build.timezone).is_none() {
        return Err(Diagnostic::error(t!(
            format!("时区 “{}” 无法识别", config.build.timezone),
            format!("time zone “{}” is not understood", config.build.timezone)
        ))
        .in_file(CONFIG_FILE)
        .with_hint(t!("写成 +08:00 的形式", "write it like +08:00")));
    }
    check_catalogue(&config, text)?;
    Ok(config)
}

/// An index pattern with an unknown placeholder is an error at its line.
fn check_catalogue(config: &Config, text: &str) -> Result<(), Diagnostic> {
    let Some(catalogue) = &config.catalogue else {
        return Ok(());
    };
    let located = |message: String, key: &str| {
        let line = crate::load::parse::line_in(text, 1, key).unwrap_or(1);
        Diagnostic::error(message)
            .in_file(CONFIG_FILE)
            .at_line(line)
            .with_source(Arc::from(text))
    };
    if let Err(message) = catalogue.pattern() {
        return Err(located(message, "index_pattern").with_hint(t!(
            format!("默认格式是 {}", catalogue::DEFAULT_PATTERN),
            format!("the default is {}", catalogue::DEFAULT_PATTERN)
        )));
    }
    let uses_org = catalogue.index_pattern.contains("{org_code}");
    if uses_org && catalogue.org_code.trim().is_empty() {
        return Err(located(
            t!(
                "[catalogue] 缺少 org_code（组织机构代码），索引号格式要用到它",
                "[catalogue] has no org_code, which the index pattern uses"
            ),
            "catalogue",
        )
        .with_hint(t!(
            "在 [catalogue] 中写上 org_code = \"本机关的组织机构代码或统一社会信用代码\"",
            "add org_code = \"…\" (the office's organisation code) to [catalogue]"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_comes_from_the_url() {
        let mut c = parse("title = \"x\"\nbase_url = \"https://a.gov.cn/portal\"").unwrap();
        assert_eq!(c.base_path(), "/portal/");
        c.base_url = "https://a.gov.cn".into();
        assert_eq!(c.base_path(), "/");
    }

    #[test]
    fn unknown_keys_are_rejected_with_a_line() {
        let err = parse("title = \"x\"\ntitel = \"y\"\n").unwrap_err();
        assert_eq!(err.location.unwrap().line, 2);
        assert!(err.message.contains("titel"), "{}", err.message);
    }
}
