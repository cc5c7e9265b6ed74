//! Outputs of the pages made from data files: the guide, each annual report
//! with the CSV export of its three tables, and their aliases.

use super::{Job, Push, alias_file, index_file};
use crate::model::Site;

pub(super) fn plan(site: &Site, push: &mut Push<'_>) {
    let d = &site.disclosure;
    if let Some(guide) = &d.guide {
        push(Job::Guide, index_file(&guide.path), &guide.file.rel);
    }
    for (i, report) in d.reports.iter().enumerate() {
        push(
            Job::AnnualReport { report: i },
            index_file(&report.path),
            &report.file.rel,
        );
        for table in [2, 3, 4] {
            push(
                Job::AnnualReportCsv { report: i, table },
                report.csv_path(table).trim_start_matches('/').to_string(),
                &report.file.rel,
            );
        }
    }
    for (path, origin, aliases) in d.pages() {
        for alias in aliases {
            push(
                Job::DataAlias {
                    to: path.to_string(),
                },
                alias_file(alias),
                origin,
            );
        }
    }
}
