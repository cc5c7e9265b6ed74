//! The statistics pages: the index of circulars, each circular (HTML and
//! CSV), each commission and each incident thread. Every page goes through
//! `Renderer::template`, so the preview's memo covers them.

pub mod csv;
pub mod values;

use super::jobs::Renderer;
use super::templates::Ctx;
use crate::diagnostic::Diagnostic;

pub const UNITS_CSV: &str = "units.csv";
pub const AUTHORS_CSV: &str = "authors.csv";

fn stats<'a>(r: &'a Renderer<'_>) -> &'a crate::model::statistics::Statistics {
    r.site.statistics.as_ref().expect("planned with statistics")
}

/// `statistics.html` with `statistics`.
pub fn render_index(r: &Renderer<'_>, out: &str) -> Result<Option<Vec<u8>>, Diagnostic> {
    let mut ctx = Ctx::new();
    r.place(&mut ctx, &stats(r).path);
    ctx.insert_value("statistics", r.values.statistics.index.clone());
    r.template("statistics.html", &ctx, out)
}

/// `circular.html` with `circular`.
pub fn render_circular(
    r: &Renderer<'_>,
    i: usize,
    out: &str,
) -> Result<Option<Vec<u8>>, Diagnostic> {
    let s = stats(r);
    let mut ctx = Ctx::new();
    r.place(&mut ctx, &s.circular_path(&s.circulars[i].period));
    ctx.insert_value("circular", r.values.statistics.circulars[i].clone());
    r.template("circular.html", &ctx, out)
}

/// `commission.html` with `commission`.
pub fn render_commission(
    r: &Renderer<'_>,
    i: usize,
    out: &str,
) -> Result<Option<Vec<u8>>, Diagnostic> {
    let mut ctx = Ctx::new();
    r.place(&mut ctx, &stats(r).commission_path(i));
    ctx.insert_value("commission", r.values.statistics.commissions[i].clone());
    r.template("commission.html", &ctx, out)
}

/// `incident.html` with `incident`.
pub fn render_incident(
    r: &Renderer<'_>,
    i: usize,
    out: &str,
) -> Result<Option<Vec<u8>>, Diagnostic> {
    let mut ctx = Ctx::new();
    r.place(&mut ctx, &stats(r).incident_path(i));
    ctx.insert_value("incident", r.values.statistics.incidents[i].clone());
    r.template("incident.html", &ctx, out)
}
