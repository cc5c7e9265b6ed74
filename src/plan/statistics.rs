//! Outputs of the statistics (intranet builds only): the index, each
//! circular with its two CSV tables, each commission and incident thread.

use super::{Job, Push, index_file};
use crate::model::Site;
use crate::render::statistics::{AUTHORS_CSV, UNITS_CSV};

pub(super) fn plan(site: &Site, push: &mut Push<'_>) {
    let Some(s) = &site.statistics else {
        return;
    };
    let origin = crate::load::data::units::FILE;
    push(Job::StatisticsIndex, index_file(&s.path), origin);
    for (i, c) in s.circulars.iter().enumerate() {
        let path = s.circular_path(&c.period);
        push(Job::Circular { index: i }, index_file(&path), origin);
        let dir = path.trim_start_matches('/');
        push(
            Job::CircularCsv {
                index: i,
                authors: false,
            },
            format!("{dir}{UNITS_CSV}"),
            origin,
        );
        push(
            Job::CircularCsv {
                index: i,
                authors: true,
            },
            format!("{dir}{AUTHORS_CSV}"),
            origin,
        );
    }
    for i in 0..s.commissions.len() {
        push(
            Job::Commission { index: i },
            index_file(&s.commission_path(i)),
            crate::load::data::commissions::FILE,
        );
    }
    for (i, t) in s.threads.iter().enumerate() {
        let origin = format!("content/{}", s.items[t.root].rel);
        push(
            Job::Incident { index: i },
            index_file(&s.incident_path(i)),
            &origin,
        );
    }
}
