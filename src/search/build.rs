//! The index of one build: pages come in from the render threads (each
//! thread extracts and splits its own pages, so indexing is as parallel as
//! rendering), the files come out at the end.
//!
//! Files, under [`super::DIR`]:
//! - `meta.json`: the number of documents and shards, the chunk size, and
//!   every filter value with its documents;
//! - `terms/N.json`: shard N, term → postings ([`super::encode`]);
//! - `docs/N.json`: documents N×chunk… as `{url, title, meta}`;
//! - `engine.js`: the browser side (tokenizer, lookup, excerpts).
//!
//! Documents are numbered newest first (then by URL), so a list of
//! document numbers in ascending order is a list by date, and the files are
//! the same bytes whatever order the pages were rendered in.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;

use super::encode;
use super::extract::Extract;
use super::page_terms::PageTerms;
use super::term_map::TermMap;
use super::tokens::{self, Term};
use crate::diagnostic::Diagnostic;

/// The index files, by output path (`search-index/meta.json`, …).
pub type Files = Vec<(String, String)>;

/// Documents per `docs/N.json`: a result page of ten needs one or two.
const CHUNK: usize = 100;

/// About this many postings per shard file (some 20 KB).
const POSTINGS_PER_SHARD: usize = 12_000;

/// The engine every index ships with.
const ENGINE: &str = include_str!("engine.js");

/// The high bit of a posting while indexing: the term is in the title.
const TITLE: u32 = 1 << 31;

#[derive(Serialize)]
struct Doc {
    url: String,
    title: String,
    meta: BTreeMap<String, String>,
    #[serde(skip)]
    filters: Vec<(String, String)>,
}

/// Postings gathered by one thread.
type Postings = TermMap<Run>;

/// How many terms ahead of its look-up a term's slot is fetched: enough
/// for memory to answer while the terms before it are added.
const AHEAD: usize = 8;

/// One term's documents in one thread's slot, while indexing: their
/// arrival numbers rise within a slot (a number is taken while the slot is
/// held), so each is kept as its difference from the one before, with the
/// title flag, in a variable number of bytes (seven bits each). At 10,000
/// pages that is about one byte a posting instead of four; at 100,000
/// pages, hundreds of megabytes less.
///
/// The newest bytes wait in `pending`, inside the map's entry that was
/// just read to find the term, and go to `bytes` 11 to 15 at a time: a
/// push to the end of `bytes` itself missed the cache on almost every
/// posting (perf put 45 % of the postings' time on that one store).
#[derive(Default)]
struct Run {
    bytes: Vec<u8>,
    last: u32,
    /// How many postings.
    len: u32,
    pending: [u8; PENDING],
    /// How many bytes of `pending` are used.
    fill: u8,
}

/// Bytes a run holds back before it writes to `bytes`.
const PENDING: usize = 15;

impl Run {
    fn push(&mut self, id: u32, title: bool) {
        let mut n = (u64::from(id - self.last) << 1) | u64::from(title);
        self.last = id;
        self.len += 1;
        // Room for the longest code first: 33 bits of gap and flag, seven
        // a byte, is five bytes.
        let mut fill = usize::from(self.fill);
        if fill + 5 > PENDING {
            // All of `pending` and then the unused end cut off: a copy of
            // a fixed size is two moves, where a copy of `fill` bytes was
            // a call to `memcpy`.
            let len = self.bytes.len() + fill;
            self.bytes.extend_from_slice(&self.pending);
            self.bytes.truncate(len);
            fill = 0;
        }
        while n >= 0x80 {
            self.pending[fill] = (n as u8) | 0x80;
            fill += 1;
            n >>= 7;
        }
        self.pending[fill] = n as u8;
        self.fill = (fill + 1) as u8;
    }

    /// The postings again, as `arrival | TITLE`.
    fn append_to(&self, out: &mut Vec<u32>) {
        let (mut id, mut n, mut shift) = (0u32, 0u64, 0);
        let pending = &self.pending[..usize::from(self.fill)];
        for &b in self.bytes.iter().chain(pending) {
            n |= u64::from(b & 0x7F) << shift;
            shift += 7;
            if b < 0x80 {
                id += (n >> 1) as u32;
                out.push(id | if n & 1 == 1 { TITLE } else { 0 });
                (n, shift) = (0, 0);
            }
        }
    }
}

pub struct Builder {
    docs: Mutex<Vec<Doc>>,
    /// One slot per render thread (and a last one for any other thread),
    /// so that threads do not wait for each other; read together by
    /// `finish`. Document numbers are in arrival order.
    slots: Vec<Mutex<Postings>>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            docs: Mutex::default(),
            slots: (0..=rayon::current_num_threads())
                .map(|_| Mutex::default())
                .collect(),
        }
    }
}

thread_local! {
    /// A page's distinct terms, the table reused from page to page.
    static SCRATCH: std::cell::RefCell<PageTerms> = std::cell::RefCell::new(PageTerms::default());
}

impl Builder {
    /// Indexes one page (any thread).
    pub fn add(&self, url: String, page: Extract) {
        SCRATCH.with_borrow_mut(|terms| {
            terms.start();
            // Title terms first, so a term in the title keeps that flag.
            tokens::tokenize(&page.title, |t| terms.add(t, true));
            tokens::tokenize(&page.text, |t| terms.add(t, false));
            let slot = rayon::current_thread_index().unwrap_or(self.slots.len() - 1);
            let mut postings = self.slots[slot].lock().expect("search postings");
            // Numbered while the slot is held, so numbers rise in a slot.
            let id = self.push_doc(url, page);
            let mut ahead = terms.found();
            for (term, _) in ahead.by_ref().take(AHEAD) {
                postings.prefetch(term);
            }
            for (term, title) in terms.found() {
                if let Some((next, _)) = ahead.next() {
                    postings.prefetch(next);
                }
                postings.entry(term).push(id, title);
            }
        });
    }

    fn push_doc(&self, url: String, page: Extract) -> u32 {
        let doc = Doc {
            url,
            title: page.title,
            meta: page.meta.into_iter().rev().collect(),
            filters: page.filters,
        };
        let mut docs = self.docs.lock().expect("search docs");
        docs.push(doc);
        (docs.len() - 1) as u32
    }

    /// The index files, sorted by path (the preview keeps them in memory).
    pub fn finish(self) -> Files {
        let files = Mutex::new(Files::new());
        let put = |path: String, text: String| -> Result<(), Diagnostic> {
            files.lock().expect("search files").push((path, text));
            Ok(())
        };
        self.finish_into(&put)
            .expect("collecting index files cannot fail");
        let mut files = files.into_inner().expect("search files");
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }

    /// Hands each index file to `put` as soon as it is made, from any
    /// thread, so that a build never holds the whole index (120 MB at
    /// 100,000 pages) at once. Returns how many files there are.
    pub fn finish_into(self, put: &Put<'_>) -> Result<usize, Diagnostic> {
        let mut docs = self.docs.into_inner().expect("search docs");
        // Each term's runs, one per slot that saw it.
        let mut postings: HashMap<Term, Vec<Run>, tokens::TermHash> = HashMap::default();
        for slot in self.slots {
            for (term, run) in slot.into_inner().expect("search postings").into_entries() {
                postings.entry(term).or_default().push(run);
            }
        }
        // Newest first, then by URL; `number[arrival]` is the final number.
        // The keys are looked up once, not at each comparison: at 100,000
        // pages the lookups cost 200 ms of one core.
        let mut keyed: Vec<(std::cmp::Reverse<&str>, &str, usize)> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let date = d.meta.get("date").map_or("", String::as_str);
                (std::cmp::Reverse(date), d.url.as_str(), i)
            })
            .collect();
        keyed.par_sort_unstable();
        let order: Vec<usize> = keyed.into_iter().map(|(_, _, i)| i).collect();
        let mut number = vec![0u32; docs.len()];
        for (n, &arrival) in order.iter().enumerate() {
            number[arrival] = n as u32;
        }
        let mut sorted: Vec<Option<Doc>> = docs.drain(..).map(Some).collect();
        let docs: Vec<Doc> = order.iter().map(|&i| sorted[i].take().unwrap()).collect();

        let total: usize = postings
            .values()
            .flat_map(|runs| runs.iter().map(|r| r.len as usize))
            .sum();
        let shards = (total / POSTINGS_PER_SHARD).clamp(1, 4096) as u32;
        // The term shards, the document chunks and `meta.json` at once:
        // none reads another, and `meta.json` alone kept one core waiting
        // for some 4 ms at 10,000 pages.
        let (terms, (chunks, meta)) = rayon::join(
            || shard_files(postings, &number, shards, put),
            || rayon::join(|| doc_files(&docs, put), || meta_file(&docs, shards)),
        );
        terms?;
        let count = shards as usize + chunks?;
        let (path, text) = meta;
        put(path, text)?;
        put(format!("{}/engine.js", super::DIR), ENGINE.to_string())?;
        Ok(count + 2)
    }
}

/// Where index files go: `(path, text)`, from any thread.
pub type Put<'a> = dyn Fn(String, String) -> Result<(), Diagnostic> + Sync + 'a;

fn shard_files(
    postings: HashMap<Term, Vec<Run>, tokens::TermHash>,
    number: &[u32],
    shards: u32,
    put: &Put<'_>,
) -> Result<(), Diagnostic> {
    let mut by_shard: Vec<Vec<(Term, Vec<Run>)>> = (0..shards).map(|_| Vec::new()).collect();
    for (term, runs) in postings {
        by_shard[tokens::shard_of(term, shards) as usize].push((term, runs));
    }
    let universe = number.len() * 2;
    by_shard
        .into_par_iter()
        .enumerate()
        .try_for_each(|(shard, terms)| {
            let mut bitmap = Vec::new();
            let mut entries: Vec<(String, String)> = terms
                .into_iter()
                .map(|(term, runs)| {
                    // Unpacked one term at a time and renumbered in place
                    // (`final << 1 | title`): at 100,000 pages the lists
                    // hold tens of millions of postings.
                    let mut ids = Vec::with_capacity(runs.iter().map(|r| r.len as usize).sum());
                    for run in &runs {
                        run.append_to(&mut ids);
                    }
                    drop(runs);
                    for p in ids.iter_mut() {
                        *p = number[(*p & !TITLE) as usize] << 1 | u32::from(*p & TITLE != 0);
                    }
                    sort_unique(&mut ids, universe, &mut bitmap);
                    let text = encode::postings(ids.iter().map(|&p| (p >> 1, p & 1 == 1)));
                    (term.text(), text)
                })
                .collect();
            // Terms are distinct: no two entries compare on their lists.
            entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            put(
                format!("{}/terms/{shard}.json", super::DIR),
                shard_json(&entries),
            )
        })
}

/// `{"term":"postings",…}` in the order given: the bytes serde_json writes
/// for a map of these strings, without building a map of values first
/// (an allocation per term). A term's text is CJK characters
/// or ASCII letters and digits, and postings are the URL-safe alphabet of
/// [`encode`], so neither needs escaping.
fn shard_json(entries: &[(String, String)]) -> String {
    let len: usize = entries.iter().map(|(k, v)| k.len() + v.len() + 6).sum();
    let mut out = String::with_capacity(len + 2);
    out.push('{');
    for (i, (term, postings)) in entries.iter().enumerate() {
        debug_assert!(
            !term.contains(['"', '\\']) && !term.chars().any(char::is_control),
            "a term needs no JSON escape: {term:?}"
        );
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(term);
        out.push_str("\":\"");
        out.push_str(postings);
        out.push('"');
    }
    out.push('}');
    out
}

/// Sorts `ids`, distinct numbers below `universe`. A term's documents
/// are distinct (a page adds each term once), so a long list is sorted by
/// setting one bit per number and reading the bits back in order: sorting
/// the long lists of the common terms by comparison cost 3.4 % of a
/// 2,000-page build's instructions. `bitmap` is left all zero for the next
/// list.
fn sort_unique(ids: &mut [u32], universe: usize, bitmap: &mut Vec<u64>) {
    let words = universe.div_ceil(64);
    // Reading the bitmap costs a few instructions a word; sorting, some
    // log2(len) a number.
    if ids.len() < 32 || ids.len() * 16 < words {
        ids.sort_unstable();
        return;
    }
    if bitmap.len() < words {
        bitmap.resize(words, 0);
    }
    for &id in ids.iter() {
        bitmap[(id / 64) as usize] |= 1 << (id % 64);
    }
    let mut out = 0;
    for (w, word) in bitmap[..words].iter_mut().enumerate() {
        let mut bits = std::mem::take(word);
        while bits != 0 {
            ids[out] = (w * 64) as u32 + bits.trailing_zeros();
            out += 1;
            bits &= bits - 1;
        }
    }
    debug_assert_eq!(out, ids.len(), "the numbers of a term are distinct");
}

/// Writes `docs/N.json`, the documents `CHUNK` at a time; returns how many.
fn doc_files(docs: &[Doc], put: &Put<'_>) -> Result<usize, Diagnostic> {
    docs.par_chunks(CHUNK)
        .enumerate()
        .try_for_each(|(n, chunk)| {
            put(
                format!("{}/docs/{n}.json", super::DIR),
                serde_json::to_string(chunk).expect("JSON of strings"),
            )
        })?;
    Ok(docs.len().div_ceil(CHUNK))
}

#[derive(Serialize)]
struct Meta {
    version: u32,
    docs: usize,
    shards: u32,
    chunk: usize,
    /// Filter → value → documents ([`encode::postings`], no flags).
    filters: BTreeMap<String, BTreeMap<String, String>>,
    /// Filter → value → how many documents have it.
    counts: BTreeMap<String, BTreeMap<String, usize>>,
}

fn meta_file(docs: &[Doc], shards: u32) -> (String, String) {
    // Borrowed keys: an owned pair per filter of every document was most
    // of this function's cost at 100,000 pages.
    let mut ids: BTreeMap<&str, BTreeMap<&str, Vec<u32>>> = BTreeMap::new();
    for (n, doc) in docs.iter().enumerate() {
        for (key, value) in &doc.filters {
            let list = ids
                .entry(key.as_str())
                .or_default()
                .entry(value.as_str())
                .or_default();
            if list.last() != Some(&(n as u32)) {
                list.push(n as u32);
            }
        }
    }
    let counts = ids
        .iter()
        .map(|(k, values)| {
            let counts = values
                .iter()
                .map(|(v, l)| (v.to_string(), l.len()))
                .collect();
            (k.to_string(), counts)
        })
        .collect();
    let filters = ids
        .into_iter()
        .map(|(k, values)| {
            let values = values
                .into_iter()
                .map(|(v, l)| {
                    let postings = encode::postings(l.into_iter().map(|id| (id, false)));
                    (v.to_string(), postings)
                })
                .collect();
            (k.to_string(), values)
        })
        .collect();
    let meta = Meta {
        version: 1,
        docs: docs.len(),
        shards,
        chunk: CHUNK,
        filters,
        counts,
    };
    (
        format!("{}/meta.json", super::DIR),
        serde_json::to_string(&meta).expect("JSON of strings"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_files_are_the_json_of_their_map() {
        let mut entries: Vec<(String, String)> = Vec::new();
        tokens::tokenize("营商环境 App 2024 〔2024〕6号 ｚ", |t| {
            entries.push((t.text(), encode::postings([(3, true), (9, false)])));
        });
        entries.sort();
        entries.dedup();
        let map: serde_json::Map<String, serde_json::Value> = entries
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect();
        assert_eq!(shard_json(&entries), serde_json::to_string(&map).unwrap());
        assert_eq!(shard_json(&[]), "{}");
    }

    proptest::proptest! {
        #[test]
        fn long_and_short_lists_sort_alike(
            set in proptest::collection::btree_set(0u32..3000, 0..1500),
            seed in proptest::prelude::any::<u64>(),
        ) {
            let sorted: Vec<u32> = set.iter().copied().collect();
            let mut ids = sorted.clone();
            // Any order in, as the slots hand them over.
            let n = ids.len().max(1) as u64;
            for i in 0..ids.len() {
                let j = ((seed.wrapping_mul(i as u64 + 1)) % n) as usize;
                ids.swap(i, j);
            }
            let mut bitmap = Vec::new();
            sort_unique(&mut ids, 3000, &mut bitmap);
            proptest::prop_assert_eq!(&ids, &sorted);
            proptest::prop_assert!(bitmap.iter().all(|&w| w == 0));
        }
    }

    fn page(title: &str, date: &str, text: &str, section: &str) -> Extract {
        Extract {
            title: title.into(),
            text: text.into(),
            meta: vec![("date".into(), date.into())],
            filters: vec![("section".into(), section.into())],
        }
    }

    fn file(files: &Files, name: &str) -> serde_json::Value {
        let path = format!("{}/{name}", super::super::DIR);
        let (_, bytes) = files.iter().find(|(p, _)| *p == path).unwrap();
        serde_json::from_str(bytes).unwrap()
    }

    #[test]
    fn documents_are_numbered_newest_first_and_postings_flag_titles() {
        let builder = Builder::default();
        builder.add(
            "/old/".into(),
            page("防汛演练", "2023-01-01", "防汛物资", "通知公告"),
        );
        builder.add(
            "/new/".into(),
            page("新闻", "2024-06-01", "开展防汛检查", "政务要闻"),
        );
        let files = builder.finish();
        let docs = file(&files, "docs/0.json");
        assert_eq!(docs[0]["url"], "/new/");
        assert_eq!(docs[1]["url"], "/old/");
        assert_eq!(docs[1]["meta"]["date"], "2023-01-01");
        let meta = file(&files, "meta.json");
        assert_eq!(meta["shards"], 1);
        assert_eq!(meta["counts"]["section"]["通知公告"], 1);
        let terms = file(&files, "terms/0.json");
        let postings = encode::decode(terms["防汛"].as_str().unwrap());
        assert_eq!(postings, [(0, false), (1, true)]);
        assert!(terms.get("检查").is_some() && terms.get("物资").is_some());
    }

    proptest::proptest! {
        /// Any rising sequence comes back, however the bytes fall between
        /// `pending` and `bytes`.
        #[test]
        fn runs_give_back_any_rising_sequence(
            steps in proptest::collection::vec((0u32..300_000, proptest::bool::ANY), 0..200)
        ) {
            let mut run = Run::default();
            let mut id = 0u32;
            let mut expected = Vec::new();
            for (gap, title) in steps {
                id += gap;
                run.push(id, title);
                expected.push(id | if title { TITLE } else { 0 });
            }
            let mut back = Vec::new();
            run.append_to(&mut back);
            proptest::prop_assert_eq!(back, expected);
        }
    }

    #[test]
    fn runs_give_back_what_was_pushed() {
        let pushed = [
            (0, true),
            (1, false),
            (200, true),
            (70_000, false),
            (u32::MAX >> 2, true),
        ];
        let mut run = Run::default();
        for (id, title) in pushed {
            run.push(id, title);
        }
        let mut back = Vec::new();
        run.append_to(&mut back);
        let expected: Vec<u32> = pushed
            .iter()
            .map(|&(id, title)| id | if title { TITLE } else { 0 })
            .collect();
        assert_eq!(back, expected);
        assert_eq!(run.len, 5);
        // Small gaps cost a byte each.
        assert!(run.bytes.len() + usize::from(run.fill) < 5 * 3);
    }

    #[test]
    fn documents_are_numbered_newest_first_then_by_url() {
        let builder = Builder::default();
        for (url, date) in [
            ("/c/", "2023-05-05"),
            ("/b/", "2024-01-02"),
            ("/d/", "2025-07-01"),
            ("/a/", "2024-01-02"),
        ] {
            builder.add(url.into(), page(url, date, "正文", "要闻"));
        }
        let files = builder.finish();
        let (_, chunk) = files
            .iter()
            .find(|(path, _)| path.ends_with("docs/0.json"))
            .expect("the first document chunk");
        let docs: Vec<serde_json::Value> = serde_json::from_str(chunk).unwrap();
        let urls: Vec<&str> = docs.iter().map(|d| d["url"].as_str().unwrap()).collect();
        assert_eq!(urls, ["/d/", "/a/", "/b/", "/c/"]);
    }

    #[test]
    fn the_files_do_not_depend_on_arrival_order() {
        let pages = [
            ("/a/", "2024-01-02"),
            ("/b/", "2024-01-02"),
            ("/c/", "2023-05-05"),
        ];
        let build = |order: &[usize]| {
            let builder = Builder::default();
            for &i in order {
                let (url, date) = pages[i];
                builder.add(url.into(), page(url, date, "同一段正文", "要闻"));
            }
            builder.finish()
        };
        assert_eq!(build(&[0, 1, 2]), build(&[2, 1, 0]));
    }
}
