//! `sitemap.xml` (split into parts above 50,000 URLs, with an index),
//! `robots.txt`, and the redirect pages written for `aliases`.

use std::fmt::Write as _;

use super::feed::esc;
use crate::model::Site;
use crate::plan::SITEMAP_LIMIT;
use crate::render::values::{Values, iso};

/// (path, lastmod) of every page and section, in a stable order.
fn urls(site: &Site) -> Vec<(String, Option<String>)> {
    let mut urls: Vec<(String, Option<String>)> = site
        .sections
        .iter()
        .map(|s| (s.path.clone(), None))
        .chain(site.pages.iter().map(|p| {
            let last = iso(&p.updated).or_else(|| iso(&p.date));
            (p.path.clone(), last)
        }))
        .chain(super::disclosure::sitemap_urls(site))
        .collect();
    urls.sort();
    urls
}

pub fn sitemap(site: &Site, part: usize) -> String {
    let all = urls(site);
    let chunk = all.chunks(SITEMAP_LIMIT).nth(part).unwrap_or(&[]);
    let mut out = String::with_capacity(128 + chunk.len() * 120);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, lastmod) in chunk {
        let _ = write!(
            out,
            "  <url><loc>{}</loc>",
            esc(&Values::permalink(site, path))
        );
        if let Some(d) = lastmod {
            let _ = write!(out, "<lastmod>{}</lastmod>", &d[..10]);
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

pub fn sitemap_index(site: &Site, parts: usize) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for part in 0..parts {
        let loc = Values::permalink(site, &format!("/sitemap-{}.xml", part + 1));
        let _ = writeln!(out, "  <sitemap><loc>{}</loc></sitemap>", esc(&loc));
    }
    out.push_str("</sitemapindex>\n");
    out
}

pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        Values::permalink(site, "/sitemap.xml")
    )
}

/// A page that sends the reader on to `href` (for `aliases`), without script.
pub fn redirect(href: &str) -> String {
    let href = esc(href);
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>页面已迁移</title>\n<link rel=\"canonical\" href=\"{href}\">\n<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n<p>本页面已迁移至 <a href=\"{href}\">{href}</a>。</p>\n</body>\n</html>\n"
    )
}
