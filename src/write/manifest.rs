//! Whether a build has anything to do. A successful build records in the
//! output's marker file a fingerprint of everything it was made from — the
//! path, size and modification time of every file under `content/`,
//! `templates/`, `themes/`, `static/` and `data/`, `gazette.toml`, the build
//! options and the program itself — with the clock range in which the same
//! inputs make the same site (until the next `publish_at`, `expires` or
//! midnight), and the size of what it wrote. A build that finds the same
//! fingerprint, a clock inside the range and the output as it was left has
//! nothing to write, and says so instead of rendering 10,000 pages again.

use std::hash::{Hash, Hasher};
use std::path::Path;

use rayon::prelude::*;

/// What the last successful build recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub inputs: u64,
    /// The build's clock, and the first moment it would have made a
    /// different site (seconds since the epoch).
    pub built_at: i64,
    pub until: Option<i64>,
    /// Files in the output and their total size, to notice a damaged output.
    pub files: u64,
    pub bytes: u64,
}

const INPUT_FOLDERS: [&str; 5] = ["content", "templates", "themes", "static", "data"];

/// The fingerprint of the inputs of a build of `root` with `options` (a
/// description of the profile, flags and output folder).
pub fn inputs(root: &Path, options: &str) -> u64 {
    // SipHash with fixed keys: the same in every run of this program (aHash
    // draws its keys per process).
    let mut h = std::hash::DefaultHasher::new();
    options.hash(&mut h);
    if let Ok(exe) = std::env::current_exe() {
        stamp(&exe, &mut h);
    }
    stamp(&root.join(crate::config::CONFIG_FILE), &mut h);
    // The walk is in name order; the `stat`s, one per input file (10,000
    // and more), are spread over the threads, then hashed in that order.
    let mut entries = Vec::new();
    for folder in INPUT_FOLDERS {
        let walker = walkdir::WalkDir::new(root.join(folder))
            .follow_links(true)
            .sort_by_file_name();
        entries.extend(
            walker
                .into_iter()
                .flatten()
                .map(|e| (e.file_type().is_file(), e.into_path())),
        );
    }
    let stamps: Vec<Option<Stamp>> = entries
        .par_iter()
        .map(|(is_file, path)| is_file.then(|| Stamp::of(path)))
        .collect();
    for ((_, path), stamp) in entries.iter().zip(stamps) {
        path.hash(&mut h);
        stamp.hash(&mut h);
    }
    h.finish()
}

/// A file's size and modification time, as far as they can be read.
#[derive(Hash)]
struct Stamp(Option<(u64, Option<std::time::SystemTime>)>);

impl Stamp {
    fn of(path: &Path) -> Stamp {
        Stamp(
            std::fs::metadata(path)
                .ok()
                .map(|meta| (meta.len(), meta.modified().ok())),
        )
    }
}

fn stamp(path: &Path, h: &mut impl Hasher) {
    path.hash(h);
    Stamp::of(path).hash(h);
}

/// Files and bytes under `out` (the marker file aside).
pub fn output_size(out: &Path) -> (u64, u64) {
    let mut files = 0;
    let mut bytes = 0;
    for entry in walkdir::WalkDir::new(out).into_iter().flatten() {
        if entry.file_type().is_file() && entry.file_name() != super::MARKER {
            files += 1;
            bytes += entry.metadata().map_or(0, |m| m.len());
        }
    }
    (files, bytes)
}

impl Record {
    /// The marker file's text.
    pub fn to_text(&self) -> String {
        format!(
            "gazette\ninputs = {}\nbuilt_at = {}\nuntil = {}\nfiles = {}\nbytes = {}\n",
            self.inputs,
            self.built_at,
            self.until.map_or_else(|| "-".into(), |u| u.to_string()),
            self.files,
            self.bytes
        )
    }

    /// The record in `out`'s marker, if there is one.
    pub fn read(out: &Path) -> Option<Record> {
        let text = std::fs::read_to_string(out.join(super::MARKER)).ok()?;
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name)?.strip_prefix(" = "))
        };
        Some(Record {
            inputs: field("inputs")?.parse().ok()?,
            built_at: field("built_at")?.parse().ok()?,
            until: field("until")?.parse().ok(),
            files: field("files")?.parse().ok()?,
            bytes: field("bytes")?.parse().ok()?,
        })
    }

    /// Whether a build with these inputs at `now` would write exactly what
    /// `out` holds.
    pub fn still_holds(&self, inputs: u64, now: i64, out: &Path) -> bool {
        self.inputs == inputs
            && self.built_at <= now
            && self.until.is_none_or(|u| now < u)
            && output_size(out) == (self.files, self.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_what_it_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let r = Record {
            inputs: 42,
            built_at: 1_700_000_000,
            until: None,
            files: 3,
            bytes: 99,
        };
        std::fs::write(dir.path().join(super::super::MARKER), r.to_text()).unwrap();
        assert_eq!(Record::read(dir.path()), Some(r));
    }
}
