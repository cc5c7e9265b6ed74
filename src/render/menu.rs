//! The site menu as each output shows it: `config.menu` with the entry of
//! this page marked `aria-current="page"` and the entries of the columns it
//! is in marked `aria-current="true"`.
//!
//! Marking the entries in the template (a slice and a filter to spell this
//! output's URL, then two `starting_with` tests an entry) cost a tenth of a
//! build with a six-entry menu: some 36,000 instructions a page. Here the
//! marks are worked out with plain string tests, and the value of each
//! distinct set of marks is made once: every page of a column shows the
//! same menu.

use std::collections::HashMap;
use std::sync::Mutex;

use serde::Serialize;
use tera::Value;

use crate::config::MenuItem;

/// The menu of a build and the values made so far, by their marks.
pub struct Menu {
    items: Vec<MenuItem>,
    /// The site's root path, encoded and ending in `/` (the global `root`).
    root: String,
    made: Mutex<HashMap<Box<[Mark]>, Value>>,
}

/// How one entry relates to the output being rendered.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Mark {
    None,
    /// The entry is this output.
    Page,
    /// The entry is a column (a path prefix) this output is in.
    Column,
}

impl Mark {
    /// The value of the entry's `aria-current`, if it has one.
    fn aria_current(self) -> Option<&'static str> {
        match self {
            Mark::None => None,
            Mark::Page => Some("page"),
            Mark::Column => Some("true"),
        }
    }
}

/// One entry of the `menu` value.
#[derive(Serialize)]
struct Entry<'a> {
    name: &'a str,
    url: &'a str,
    current: Option<&'static str>,
}

impl Menu {
    /// `items` as in `config.menu` (base path applied, encoded); `root` as
    /// the global `root`.
    pub fn new(items: Vec<MenuItem>, root: String) -> Menu {
        Menu {
            items,
            root,
            made: Mutex::default(),
        }
    }

    /// The `menu` value of the output at `current_path` (`/notices/a/`).
    pub fn of(&self, current_path: &str) -> Value {
        let marks = self.marks(current_path);
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        made.entry(marks.into_boxed_slice())
            .or_insert_with_key(|marks| self.value(marks))
            .clone()
    }

    /// The menu with `marks`, made once for each distinct set of them.
    fn value(&self, marks: &[Mark]) -> Value {
        let entries: Vec<Entry<'_>> = self
            .items
            .iter()
            .zip(marks)
            .map(|(item, mark)| Entry {
                name: &item.name,
                url: &item.url,
                current: mark.aria_current(),
            })
            .collect();
        Value::from_serializable(&entries)
    }

    /// Each entry's mark: the page itself when its URL is this output's,
    /// a column when this output's URL lies under it (never for the home
    /// page or a link off the site).
    fn marks(&self, current_path: &str) -> Vec<Mark> {
        if self.items.is_empty() {
            return Vec::new();
        }
        let here = format!(
            "{}{}",
            self.root,
            crate::model::url::encode_path(current_path.strip_prefix('/').unwrap_or(current_path))
        );
        self.items
            .iter()
            .map(|item| {
                let href = item.url.as_str();
                if here == href {
                    Mark::Page
                } else if href != self.root
                    && href.starts_with(self.root.as_str())
                    && here.starts_with(href)
                {
                    Mark::Column
                } else {
                    Mark::None
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn menu(root: &str, urls: &[&str]) -> Menu {
        let items = urls
            .iter()
            .map(|u| MenuItem {
                name: u.to_string(),
                url: u.to_string(),
            })
            .collect();
        Menu::new(items, root.to_string())
    }

    #[test]
    fn the_page_and_its_columns_are_marked() {
        let m = menu(
            "/",
            &["/", "/notices/", "/notices/2024/", "https://www.gov.cn/"],
        );
        use Mark::*;
        assert_eq!(m.marks("/"), [Page, None, None, None]);
        assert_eq!(m.marks("/notices/"), [None, Page, None, None]);
        assert_eq!(m.marks("/notices/2024/a/"), [None, Column, Column, None]);
        assert_eq!(m.marks("/news/a/"), [None, None, None, None]);
    }

    #[test]
    fn urls_are_compared_encoded_and_under_the_base_path() {
        let m = menu("/sub/", &["/sub/", "/sub/%E9%80%9A%E7%9F%A5/"]);
        use Mark::*;
        assert_eq!(m.marks("/通知/"), [None, Page]);
        assert_eq!(m.marks("/通知/甲/"), [None, Column]);
        assert_eq!(m.marks("/"), [Page, None]);
    }

    #[test]
    fn one_value_per_set_of_marks() {
        let m = menu("/", &["/", "/notices/"]);
        let a = m.of("/notices/a/");
        let b = m.of("/notices/b/");
        assert_eq!(a, b);
        assert_eq!(m.made.lock().unwrap().len(), 1);
        let home = m.of("/");
        assert_ne!(a, home);
        assert_eq!(m.made.lock().unwrap().len(), 2);
        let json = |v: &Value| serde_json::to_string(v).expect("json");
        assert_eq!(
            json(&a),
            r#"[{"name":"/","url":"/","current":null},{"name":"/notices/","url":"/notices/","current":"true"}]"#
        );
        assert_eq!(
            json(&home),
            r#"[{"name":"/","url":"/","current":"page"},{"name":"/notices/","url":"/notices/","current":null}]"#
        );
    }
}
