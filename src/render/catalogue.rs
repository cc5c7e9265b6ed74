//! Template values of the disclosure catalogue: the browse navigation
//! (global, once per build) and one pager of rows per catalogue output.

use serde::Serialize;
use tera::Value;

use super::jobs::Renderer;
use super::values::Values;
use crate::diagnostic::Diagnostic;
use crate::model::catalogue::{CatalogueList, FacetValue, year_of};
use crate::model::{Page, PageId, Site};
use crate::plan::{self, catalogue::CSV_FILE, catalogue::JSON_FILE};

pub const TEMPLATE: &str = "catalogue.html";

#[derive(Serialize)]
struct ValueRef {
    name: String,
    path: String,
    count: usize,
    children: Vec<ValueRef>,
}

#[derive(Serialize)]
struct FacetRef {
    key: &'static str,
    title: &'static str,
    values: Vec<ValueRef>,
}

#[derive(Serialize)]
struct Nav {
    path: String,
    csv: String,
    json: String,
    total: usize,
    facets: Vec<FacetRef>,
}

fn value_ref(href: &dyn Fn(&str) -> String, v: &FacetValue) -> ValueRef {
    ValueRef {
        name: v.name.clone(),
        path: href(&v.path),
        count: v.pages.len(),
        children: v.children.iter().map(|c| value_ref(href, c)).collect(),
    }
}

/// The `catalogue` global: where the catalogue is and how to browse it;
/// none when the site has no catalogue.
pub fn global(site: &Site) -> Value {
    let Some(cat) = &site.catalogue else {
        return Value::none();
    };
    let base = site.config.base_path();
    let href =
        |path: &str| crate::model::url::encode_path(&crate::model::url::with_base(&base, path));
    Value::from_serializable(&Nav {
        path: href(&cat.path),
        csv: href(&format!("{}{CSV_FILE}", cat.path)),
        json: href(&format!("{}{JSON_FILE}", cat.path)),
        total: cat.documents.len(),
        facets: cat
            .facets
            .iter()
            .map(|f| FacetRef {
                key: f.key,
                title: f.title,
                values: f.values.iter().map(|v| value_ref(&href, v)).collect(),
            })
            .collect(),
    })
}

/// One row of a catalogue table.
#[derive(Serialize)]
pub struct Row<'a> {
    pub index_number: &'a str,
    pub title: &'a str,
    pub path: String,
    pub doc_number: &'a str,
    pub issuer: &'a str,
    /// `2024-03-05`
    pub written: Option<String>,
    pub date: Option<String>,
    pub validity: &'static str,
    pub genre: &'a str,
    pub subject: &'a str,
    pub year: Option<i16>,
}

pub fn row<'a>(values: &Values, page: &'a Page) -> Row<'a> {
    let front = &page.source.front;
    Row {
        index_number: front.index_number.as_deref().unwrap_or(""),
        title: page.title(),
        path: values.href(&page.path),
        doc_number: front.doc_number.as_deref().unwrap_or(""),
        issuer: front.issuer.as_deref().unwrap_or(""),
        written: front.written.map(|w| w.date().to_string()),
        date: page.date.as_ref().map(|d| d.date().to_string()),
        validity: front.validity.map_or("", |v| v.label()),
        genre: front.genre.as_deref().unwrap_or(""),
        subject: front.subject.as_deref().unwrap_or(""),
        year: year_of(page),
    }
}

#[derive(Serialize)]
struct Named {
    name: String,
    path: String,
}

/// A breadcrumb: `{title, path}`, as the `breadcrumbs` component takes.
#[derive(Serialize)]
struct Crumb {
    title: String,
    path: String,
}

#[derive(Serialize)]
struct Listing {
    title: String,
    /// Links above this list: the catalogue home, the top-level subject.
    crumbs: Vec<Crumb>,
    path: String,
    facet: Option<&'static str>,
    facet_key: Option<&'static str>,
    value: Option<Named>,
    parent: Option<Named>,
}

#[derive(Serialize)]
struct Pager<'a> {
    #[serde(flatten)]
    pager: super::pager::Pager,
    rows: Vec<Row<'a>>,
}

/// Renders pager `index` of one catalogue list.
pub fn render(
    r: &Renderer<'_>,
    list: CatalogueList,
    index: usize,
    out: &str,
) -> Result<Option<Vec<u8>>, Diagnostic> {
    let site = r.site;
    let Some(cat) = &site.catalogue else {
        return Ok(Some(Vec::new()));
    };
    let (facet, value, path, ids) = cat.list(list);
    let (pager, range) = super::pager::Pager::new(r.values, path, ids.len(), cat.per_page, index);
    let pager = Pager {
        pager,
        rows: rows(site, r.values, &ids[range]),
    };
    let parent = match list {
        CatalogueList::Value {
            facet: f,
            value: v,
            child: Some(_),
        } => Some(&cat.facets[f].values[v]),
        _ => None,
    };
    let title = match (facet, value) {
        (Some(f), Some(v)) => match parent {
            Some(p) => format!("{}：{}\\{}", f.title, p.name, v.name),
            None => format!("{}：{}", f.title, v.name),
        },
        _ => "政府信息公开目录".to_string(),
    };
    let named = |v: &FacetValue| Named {
        name: v.name.clone(),
        path: r.values.href(&v.path),
    };
    let mut crumbs = Vec::new();
    if facet.is_some() {
        crumbs.push(Crumb {
            title: "政府信息公开目录".into(),
            path: r.values.href(&cat.path),
        });
    }
    if let Some(p) = parent {
        crumbs.push(Crumb {
            title: p.name.clone(),
            path: r.values.href(&p.path),
        });
    }
    let listing = Listing {
        title,
        crumbs,
        path: r.values.href(path),
        facet: facet.map(|f| f.title),
        facet_key: facet.map(|f| f.key),
        value: value.map(named),
        parent: parent.map(named),
    };
    let mut ctx = r.blank();
    r.place(&mut ctx, &plan::pager_path(path, index));
    ctx.insert("listing", &listing);
    ctx.insert("paginator", &pager);
    r.template(TEMPLATE, &ctx, out)
}

fn rows<'a>(site: &'a Site, values: &Values, ids: &[PageId]) -> Vec<Row<'a>> {
    ids.iter().map(|id| row(values, site.page(*id))).collect()
}
