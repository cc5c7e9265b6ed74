//! The bulletin model (信息刊物): series → years → issues → items.
//!
//! An issue is a folder `<series home>/<year>/<number>/` (a supplement:
//! `<year>/zk<N>/` or `<year>/增刊<N>/`) whose `_index.md` names a declared
//! series; its items are the other files of the folder, ordered by `weight`
//! then file name. The model is generic over how issues and items are
//! referred to: the site's model uses section and page ids (built after the
//! profile's filter, so a withheld series has no trace here), the checks
//! use the sources themselves (every issue, whoever may read it).

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

use super::assemble::{owning_dir, parent_dir};
use crate::config::Config;
use crate::load::{Source, file_name};

#[derive(Debug)]
pub struct Bulletins<S, P> {
    /// In the order of the keys in `gazette.toml` (sorted).
    pub series: Vec<Series<S, P>>,
    issue_at: HashMap<S, IssueRef>,
    item_at: HashMap<P, (IssueRef, usize)>,
    dirs: HashMap<String, Folder>,
}

/// What a folder of a series is, besides its issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    /// The series home (`bulletins/zwxx`): index of the series.
    Home(usize),
    /// A year (`bulletins/zwxx/2024`): series and year indexes.
    Year(usize, usize),
}

#[derive(Debug)]
pub struct Series<S, P> {
    pub key: String,
    /// Folder of the series home relative to `content/` (`bulletins/zwxx`).
    pub dir: String,
    /// Oldest first.
    pub years: Vec<Year<S, P>>,
}

#[derive(Debug)]
pub struct Year<S, P> {
    pub year: i16,
    /// Folder of the year (`bulletins/zwxx/2024`).
    pub dir: String,
    /// In publication order: date, then regular issues before supplements,
    /// then number.
    pub issues: Vec<Issue<S, P>>,
}

#[derive(Debug)]
pub struct Issue<S, P> {
    pub handle: S,
    /// Folder of the issue (`bulletins/zwxx/2024/1`).
    pub dir: String,
    pub year: i16,
    pub number: Option<u32>,
    pub total_number: Option<u32>,
    pub supplement: bool,
    pub sub_series: Option<String>,
    pub date: Option<jiff::civil::Date>,
    /// Ordered by `weight`, then file name.
    pub items: Vec<P>,
}

/// A series being built: its home folder and its issues by year.
type Placed<S, P> = (String, BTreeMap<i16, Vec<Issue<S, P>>>);

/// Where an issue sits in the model: series, year, issue indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IssueRef {
    pub series: usize,
    pub year: usize,
    pub issue: usize,
}

/// The parts of an issue folder: `bulletins/zwxx/2024/1` →
/// home `bulletins/zwxx`, year folder `2024`, number folder `1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueFolder {
    pub home: String,
    pub year_dir: String,
    pub year_name: String,
    pub number_name: String,
}

impl IssueFolder {
    /// Of an issue's `_index.md`; `None` when it is not two folders deep.
    pub fn of(rel: &str) -> Option<IssueFolder> {
        let dir = parent_dir(rel);
        let year_dir = parent_dir(&dir);
        if dir.is_empty() || year_dir.is_empty() {
            return None;
        }
        Some(IssueFolder {
            home: parent_dir(&year_dir),
            year_name: file_name(&year_dir).to_string(),
            number_name: file_name(&dir).to_string(),
            year_dir,
        })
    }

    /// The year the folder names, when it is a plausible year.
    pub fn year(&self) -> Option<i16> {
        let y: i16 = self.year_name.parse().ok()?;
        (self.year_name.len() == 4 && (1949..=2999).contains(&y)).then_some(y)
    }

    /// What the folder name says: `3` a regular issue, `zk1` or `增刊1` a
    /// supplement, `专报2` (any other prefix) an issue of a sub-series.
    pub fn number(&self) -> Option<(FolderKind, u32)> {
        let name = self.number_name.as_str();
        let split = name.find(|c: char| c.is_ascii_digit())?;
        let (prefix, digits) = name.split_at(split);
        if digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let kind = match prefix {
            "" => FolderKind::Regular,
            "zk" | "增刊" => FolderKind::Supplement,
            _ => FolderKind::SubSeries,
        };
        Some((kind, digits.parse().ok()?))
    }
}

/// The kind of issue a folder name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderKind {
    Regular,
    Supplement,
    SubSeries,
}

impl FolderKind {
    /// The kind an issue's front matter declares.
    pub fn of(source: &Source) -> FolderKind {
        if is_supplement(source) {
            FolderKind::Supplement
        } else if source.front.sub_series.is_some() {
            FolderKind::SubSeries
        } else {
            FolderKind::Regular
        }
    }
}

/// The three lines of a 报尾: superiors (报), peers and leaders (送),
/// subordinates (发), in the order they are printed.
pub const DISTRIBUTION_KEYS: [&str; 3] = ["报", "送", "发"];

/// `第3期`, `增刊第1期`.
pub fn issue_label(supplement: bool, number: Option<u32>) -> String {
    let n = number.map_or_else(|| "?".to_string(), |n| n.to_string());
    if supplement {
        format!("增刊第{n}期")
    } else {
        format!("第{n}期")
    }
}

/// Whether an issue's `supplement` key says it is one (`true`).
pub fn is_supplement(source: &Source) -> bool {
    matches!(source.front.supplement, Some(serde_json::Value::Bool(true)))
}

/// Whether a section source is an issue: its front matter names a series.
pub fn is_issue(source: &Source) -> bool {
    source.front.series.is_some()
}

impl<S: Copy + Eq + Hash, P: Copy + Eq + Hash> Bulletins<S, P> {
    /// Builds the model from issue sources and candidate item sources.
    /// Issues of an undeclared series, in a folder that is not
    /// `<year>/<number>`, or outside their series' home folder are left out
    /// (the checks report them).
    pub fn build<'a>(
        config: &Config,
        issues: impl IntoIterator<Item = (S, &'a Source)>,
        items: impl IntoIterator<Item = (P, &'a Source)>,
    ) -> Bulletins<S, P> {
        let mut by_dir: HashMap<String, Vec<(P, &Source)>> = HashMap::new();
        for (handle, source) in items {
            by_dir
                .entry(owning_dir(source))
                .or_default()
                .push((handle, source));
        }
        let mut placed: BTreeMap<&str, Placed<S, P>> = BTreeMap::new();
        let mut issues: Vec<(S, &Source)> = issues.into_iter().collect();
        issues.sort_by(|a, b| a.1.rel.cmp(&b.1.rel));
        for (handle, source) in issues {
            let Some(key) = source.front.series.as_deref() else {
                continue;
            };
            let Some((key, _)) = config.series.get_key_value(key) else {
                continue;
            };
            let Some(folder) = IssueFolder::of(&source.rel) else {
                continue;
            };
            let Some(year) = folder.year() else {
                continue;
            };
            let entry = placed
                .entry(key.as_str())
                .or_insert_with(|| (folder.home.clone(), BTreeMap::new()));
            if entry.0 != folder.home {
                continue;
            }
            let dir = parent_dir(&source.rel);
            let items = by_dir.remove(&dir).unwrap_or_default();
            entry
                .1
                .entry(year)
                .or_default()
                .push(new_issue(handle, source, dir, year, items));
        }
        let series = placed
            .into_iter()
            .map(|(key, (dir, years))| Series {
                key: key.to_string(),
                years: years
                    .into_iter()
                    .map(|(year, mut issues)| {
                        issues.sort_by(|a, b| publication_order(a, b));
                        Year {
                            year,
                            dir: issues
                                .first()
                                .map_or_else(String::new, |i| parent_dir(&i.dir)),
                            issues,
                        }
                    })
                    .collect(),
                dir,
            })
            .collect();
        let mut model = Bulletins {
            series,
            issue_at: HashMap::new(),
            item_at: HashMap::new(),
            dirs: HashMap::new(),
        };
        model.index();
        model
    }

    fn index(&mut self) {
        for (s, series) in self.series.iter().enumerate() {
            self.dirs.insert(series.dir.clone(), Folder::Home(s));
            for (y, year) in series.years.iter().enumerate() {
                self.dirs.insert(year.dir.clone(), Folder::Year(s, y));
            }
        }
        let refs: Vec<(IssueRef, S, Vec<P>)> = self
            .issues()
            .map(|(at, issue)| (at, issue.handle, issue.items.clone()))
            .collect();
        for (at, handle, items) in refs {
            self.issue_at.insert(handle, at);
            for (i, item) in items.into_iter().enumerate() {
                self.item_at.insert(item, (at, i));
            }
        }
    }

    /// Where the issue `handle` sits.
    pub fn issue_of(&self, handle: S) -> Option<IssueRef> {
        self.issue_at.get(&handle).copied()
    }

    /// The issue an item belongs to and its 0-based position there.
    pub fn item_of(&self, handle: P) -> Option<(IssueRef, usize)> {
        self.item_at.get(&handle).copied()
    }

    /// Whether a folder is a series home or a year of a series.
    pub fn folder(&self, dir: &str) -> Option<Folder> {
        self.dirs.get(dir).copied()
    }

    /// Every issue with where it sits, oldest first within each series.
    pub fn issues(&self) -> impl Iterator<Item = (IssueRef, &Issue<S, P>)> {
        self.series.iter().enumerate().flat_map(|(s, series)| {
            series.years.iter().enumerate().flat_map(move |(y, year)| {
                year.issues.iter().enumerate().map(move |(i, issue)| {
                    let at = IssueRef {
                        series: s,
                        year: y,
                        issue: i,
                    };
                    (at, issue)
                })
            })
        })
    }

    pub fn issue(&self, at: IssueRef) -> &Issue<S, P> {
        &self.series[at.series].years[at.year].issues[at.issue]
    }

    /// The issues of a series in publication order, oldest first.
    pub fn series_issues(&self, series: usize) -> Vec<IssueRef> {
        self.issues()
            .filter(|(at, _)| at.series == series)
            .map(|(at, _)| at)
            .collect()
    }
}

fn new_issue<S, P: Copy>(
    handle: S,
    source: &Source,
    dir: String,
    year: i16,
    mut items: Vec<(P, &Source)>,
) -> Issue<S, P> {
    items.sort_by(|a, b| {
        let key = |s: &Source| (s.front.weight.unwrap_or(i64::MAX), s.rel.clone());
        key(a.1).cmp(&key(b.1))
    });
    let front = &source.front;
    Issue {
        handle,
        dir,
        year,
        number: front.number,
        total_number: front.total_number,
        supplement: is_supplement(source),
        sub_series: front.sub_series.clone(),
        date: front.date.map(|d| d.date()),
        items: items.into_iter().map(|(h, _)| h).collect(),
    }
}

fn publication_order<S, P>(a: &Issue<S, P>, b: &Issue<S, P>) -> std::cmp::Ordering {
    (a.date, a.supplement, &a.sub_series, a.number, &a.dir).cmp(&(
        b.date,
        b.supplement,
        &b.sub_series,
        b.number,
        &b.dir,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_folders_name_year_and_number() {
        let f = IssueFolder::of("bulletins/zwxx/2024/3/_index.md").unwrap();
        assert_eq!(f.home, "bulletins/zwxx");
        assert_eq!(f.year(), Some(2024));
        assert_eq!(f.number(), Some((FolderKind::Regular, 3)));
        let zk = IssueFolder::of("b/2024/zk2/_index.md").unwrap();
        assert_eq!(zk.number(), Some((FolderKind::Supplement, 2)));
        let zk = IssueFolder::of("b/2024/增刊1/_index.md").unwrap();
        assert_eq!(zk.number(), Some((FolderKind::Supplement, 1)));
        let zb = IssueFolder::of("b/2024/专报12/_index.md").unwrap();
        assert_eq!(zb.number(), Some((FolderKind::SubSeries, 12)));
        assert_eq!(
            IssueFolder::of("b/2024/zb1x/_index.md").unwrap().number(),
            None
        );
        assert_eq!(IssueFolder::of("b/24/03/_index.md").unwrap().year(), None);
        assert_eq!(
            IssueFolder::of("b/2024/03/_index.md").unwrap().number(),
            None
        );
        assert_eq!(IssueFolder::of("b/_index.md"), None);
    }
}
