//! The distinct terms of one page, in the order they are first seen.
//!
//! A page of 2,500 Chinese characters yields some 5,000 term occurrences
//! but fewer than a thousand distinct terms. Sorting the occurrences to
//! drop the repeats cost about a sixth of indexing (callgrind, 2,000
//! pages: 174 million of 1,120 million instructions went with it); a small
//! open-addressing table does it in a few instructions an occurrence. The table is reused
//! from page to page and never cleared: a slot belongs to the current page
//! only when it carries the current page's generation.

use super::tokens::Term;

/// Slots a new table starts with (it doubles when half full).
const FIRST_SIZE: usize = 4096;

pub struct PageTerms {
    /// `(term key, generation)`; a slot of an older generation is empty.
    slots: Vec<(u64, u32)>,
    generation: u32,
    /// The distinct terms of the current page, each with whether it is in
    /// the title (title terms are added first, so they keep the flag).
    found: Vec<(Term, bool)>,
}

impl Default for PageTerms {
    fn default() -> PageTerms {
        PageTerms {
            slots: vec![(0, 0); FIRST_SIZE],
            generation: 0,
            found: Vec::new(),
        }
    }
}

impl PageTerms {
    /// Forgets the previous page.
    pub fn start(&mut self) {
        self.found.clear();
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            // Once in four billion pages: old generations could match again.
            self.slots.fill((0, 0));
            self.generation = 1;
        }
    }

    /// Notes one occurrence of `term`; a term already seen on this page
    /// keeps its first flag.
    pub fn add(&mut self, term: Term, title: bool) {
        let key = term.number();
        if self.insert(key) {
            self.found.push((term, title));
            if self.found.len() * 2 > self.slots.len() {
                self.grow();
            }
        }
    }

    /// The distinct terms, each once, in first-seen order.
    pub fn found(&self) -> &[(Term, bool)] {
        &self.found
    }

    /// Whether `key` was new to this page.
    fn insert(&mut self, key: u64) -> bool {
        let mask = self.slots.len() - 1;
        let mut i = slot_of(key, mask);
        loop {
            let (k, g) = self.slots[i];
            if g != self.generation {
                self.slots[i] = (key, self.generation);
                return true;
            }
            if k == key {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        self.slots = vec![(0, 0); self.slots.len() * 2];
        self.generation = 1;
        let keys: Vec<u64> = self.found.iter().map(|(t, _)| t.number()).collect();
        for key in keys {
            self.insert(key);
        }
    }
}

/// Fibonacci hashing: the high bits of the key times 2^64/φ.
fn slot_of(key: u64, mask: usize) -> usize {
    let bits = mask.count_ones();
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tokens;

    fn distinct(pages: &[(&str, &str)]) -> Vec<Vec<(String, bool)>> {
        let mut terms = PageTerms::default();
        pages
            .iter()
            .map(|(title, body)| {
                terms.start();
                tokens::tokenize(title, |t| terms.add(t, true));
                tokens::tokenize(body, |t| terms.add(t, false));
                terms.found().iter().map(|(t, f)| (t.text(), *f)).collect()
            })
            .collect()
    }

    #[test]
    fn each_term_once_and_title_terms_flagged() {
        let pages = distinct(&[("防汛", "防汛防汛物资"), ("物资", "防汛")]);
        let first: Vec<&str> = pages[0].iter().map(|(t, _)| t.as_str()).collect();
        let mut sorted = first.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(first.len(), sorted.len(), "no term twice: {first:?}");
        assert!(pages[0].contains(&("防汛".to_string(), true)));
        assert!(pages[0].contains(&("物资".to_string(), false)));
        // The second page does not see the first one's terms.
        assert!(pages[1].contains(&("防汛".to_string(), false)));
        assert!(!pages[1].iter().any(|(t, _)| t == "汛物"));
    }

    #[test]
    fn a_page_with_many_terms_grows_the_table() {
        let body: String = (0x4E00u32..0x4E00 + 6000)
            .filter_map(char::from_u32)
            .collect();
        let pages = distinct(&[("", &body), ("", "公开")]);
        let mut seen: Vec<&String> = pages[0].iter().map(|(t, _)| t).collect();
        let n = seen.len();
        seen.sort();
        seen.dedup();
        assert_eq!(n, seen.len());
        assert!(n > FIRST_SIZE);
        assert_eq!(pages[1].len(), 3, "{:?}", pages[1]);
    }
}
