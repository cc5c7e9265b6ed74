//! `[government]` in `gazette.toml`: what a government website must show on
//! every page (政府网站发展指引): site name and domain, 网站标识码, 主办单位,
//! contact, ICP and 公安机关 registration numbers, the error-report link.
//! Formats are checked here, each error at its line in `gazette.toml`.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::{CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, Location};
use crate::t;

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GovernmentConfig {
    /// 网站名称; default: the site's `title`.
    #[serde(default)]
    pub site_name: Option<String>,
    /// 网站域名; default: the host of `base_url`.
    #[serde(default)]
    pub domain: Option<String>,
    /// 网站标识码: 10 digits, or `bm` + 8 digits.
    #[serde(default)]
    pub site_id_code: Option<Spanned<String>>,
    /// 主办单位.
    #[serde(default)]
    pub host: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// ICP备案号.
    #[serde(default)]
    pub icp: Option<String>,
    /// 公安机关备案号: `X公网安备 NNNNNNNNNNNNNN号`.
    #[serde(default)]
    pub psb: Option<Spanned<String>>,
    /// 我为政府网站找错: a site path or a full URL.
    #[serde(default)]
    pub error_report_url: Option<String>,
}

/// The resolved values themes and JSON-LD use: defaults applied, absent
/// values `None`.
#[derive(Debug, Clone, Serialize)]
pub struct GovernmentView {
    pub site_name: String,
    pub domain: Option<String>,
    pub site_id_code: Option<String>,
    pub host: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub icp: Option<String>,
    pub psb: Option<String>,
    pub error_report_url: Option<String>,
}

/// Footer keys that used to live in `[extra]`; still read, with a warning.
const LEGACY_EXTRA: &[&str] = &[
    "host",
    "address",
    "phone",
    "site_id_code",
    "icp",
    "psb",
    "error_report_url",
];

impl Config {
    /// `[government]` with its defaults; a key only found in the old
    /// `[extra]` place is used as well, so older sites keep their footer.
    pub fn government_view(&self) -> GovernmentView {
        let g = &self.government;
        let legacy = |key: &str| {
            self.extra
                .get(key)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let pick = |own: &Option<String>, key: &str| own.clone().or_else(|| legacy(key));
        let spanned = |own: &Option<Spanned<String>>, key: &str| {
            own.as_ref()
                .map(|s| s.get_ref().clone())
                .or_else(|| legacy(key))
        };
        GovernmentView {
            site_name: g.site_name.clone().unwrap_or_else(|| self.title.clone()),
            domain: g.domain.clone().or_else(|| domain_of(&self.base_url)),
            site_id_code: spanned(&g.site_id_code, "site_id_code"),
            host: pick(&g.host, "host"),
            address: pick(&g.address, "address"),
            phone: pick(&g.phone, "phone"),
            icp: pick(&g.icp, "icp"),
            psb: spanned(&g.psb, "psb"),
            error_report_url: pick(&g.error_report_url, "error_report_url"),
        }
    }
}

/// The host part of an absolute URL (`www.example.gov.cn`).
fn domain_of(url: &str) -> Option<String> {
    let rest = &url[url.find("://")? + 3..];
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| host.to_string())
}

/// 10 digits (6-digit region code + 4), or `bm` + 8 digits.
pub fn is_site_id_code(code: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    digits(code, 10) || code.strip_prefix("bm").is_some_and(|rest| digits(rest, 8))
}

/// `X公网安备 NNNNNNNNNNNNNN号`: a one-character province abbreviation,
/// 公网安备, a space (optional), 14 digits, 号.
pub fn is_psb_number(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(province) = chars.next() else {
        return false;
    };
    let rest = chars.as_str();
    let Some(rest) = rest.strip_prefix("公网安备") else {
        return false;
    };
    let rest = rest.trim_start_matches([' ', '\u{3000}']);
    let Some(digits) = rest.strip_suffix('号') else {
        return false;
    };
    !province.is_ascii() && digits.len() == 14 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Format errors of `[government]` and warnings for footer keys still in
/// `[extra]`. `text` is the configuration text the spans point into.
pub fn check(config: &Config, text: &str) -> Vec<Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let source: Arc<str> = Arc::from(text);
    let at = |span: std::ops::Range<usize>, d: Diagnostic| {
        d.in_file(CONFIG_FILE)
            .at(Location::of_offset(text, span.start))
            .with_source(source.clone())
            .rule("government")
    };
    let mut out = Vec::new();
    if let Some(code) = &config.government.site_id_code
        && !is_site_id_code(code.get_ref().trim())
    {
        out.push(at(code.span(), Diagnostic::error(t!(
            format!("网站标识码 “{}” 格式不对", code.get_ref()),
            format!("the site ID code (SiteIDCode) “{}” is not valid", code.get_ref())
        )).with_hint(t!(
            "网站标识码是 10 位数字（6 位行政区划代码加 4 位顺序号），部门网站为 bm 加 8 位数字，如 site_id_code = \"1234560001\"",
            "a SiteIDCode is 10 digits (6-digit region code + 4), or bm + 8 digits for a department site, e.g. site_id_code = \"1234560001\""
        ))));
    }
    if let Some(psb) = &config.government.psb
        && !is_psb_number(psb.get_ref().trim())
    {
        out.push(at(psb.span(), Diagnostic::error(t!(
            format!("公安机关备案号 “{}” 格式不对", psb.get_ref()),
            format!("the public security registration number “{}” is not valid", psb.get_ref())
        )).with_hint(t!(
            "写成 “京公网安备 11010502000001号” 的形式：省份简称、公网安备、14 位数字、号",
            "write it like “京公网安备 11010502000001号”: province abbreviation, 公网安备, 14 digits, 号"
        ))));
    }
    for key in LEGACY_EXTRA {
        if config.extra.contains_key(*key) {
            let line = crate::load::parse::line_in(text, 1, key).unwrap_or(1);
            out.push(
                Diagnostic::warning(t!(
                    format!("[extra] 中的 {key} 已改由 [government] 表配置；旧写法仍然有效，但不做格式检查"),
                    format!("{key} in [extra] now belongs in the [government] table; it still works but is not checked")
                ))
                .in_file(CONFIG_FILE)
                .at_line(line)
                .with_hint(t!(
                    format!("把 {key} 移到 [government] 下"),
                    format!("move {key} under [government]")
                ))
                .rule("government"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_id_codes_take_both_forms() {
        assert!(is_site_id_code("1234560001"));
        assert!(is_site_id_code("bm12345678"));
        assert!(!is_site_id_code("123456001"));
        assert!(!is_site_id_code("bm1234567"));
        assert!(!is_site_id_code("BM12345678"));
        assert!(!is_site_id_code("12345600０1"));
    }

    #[test]
    fn psb_numbers_need_fourteen_digits() {
        assert!(is_psb_number("梧公网安备 00000000000001号"));
        assert!(is_psb_number("京公网安备11010502000001号"));
        assert!(!is_psb_number("梧公网安备 0000000000001号"));
        assert!(!is_psb_number("公网安备 00000000000001号"));
        assert!(!is_psb_number("梧公网安备 00000000000001"));
    }

    #[test]
    fn the_domain_comes_from_the_base_url() {
        assert_eq!(
            domain_of("https://www.a.gov.cn/portal/").as_deref(),
            Some("www.a.gov.cn")
        );
        assert_eq!(domain_of("/"), None);
    }
}
