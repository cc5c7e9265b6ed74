//! Outputs of the disclosure catalogue: one paginated list for the whole
//! catalogue and for every facet value, and the CSV and JSON exports.

use super::{Job, Push, index_file, pager_count, pager_path};
use crate::model::Site;

pub const CSV_FILE: &str = "catalogue.csv";
pub const JSON_FILE: &str = "catalogue.json";

pub(super) fn plan(site: &Site, push: &mut Push<'_>) {
    let Some(catalogue) = &site.catalogue else {
        return;
    };
    let origin = "gazette.toml ([catalogue])";
    for list in catalogue.lists() {
        let (_, _, path, pages) = catalogue.list(list);
        for index in 0..pager_count(pages.len(), catalogue.per_page) {
            push(
                Job::Catalogue { list, index },
                index_file(&pager_path(path, index)),
                origin,
            );
        }
    }
    let dir = catalogue.path.trim_start_matches('/');
    push(Job::CatalogueCsv, format!("{dir}{CSV_FILE}"), origin);
    push(Job::CatalogueJson, format!("{dir}{JSON_FILE}"), origin);
}
