//! The distinct terms of one page, in the order they are first seen.
//!
//! A page of 2,500 Chinese characters yields some 5,000 term occurrences
//! but fewer than a thousand distinct terms. Sorting the occurrences to
//! drop the repeats cost about a sixth of indexing (callgrind, 2,000
//! pages: 174 million of 1,120 million instructions went with it); a small
//! open-addressing table does it in a few instructions an occurrence. The
//! table is reused from page to page: only the slots the last page filled
//! are emptied. It has 16,384 slots (128 KB, in the second-level cache), so
//! a page's some 800 terms fill a twentieth of it and a look-up nearly
//! never meets another term's slot: splitting and de-duplicating the text
//! of 2,000 pages on one thread took 40 ms with 16,384 slots against 44 ms
//! with 4,096 (32 KB, the first-level cache), where the walk past occupied
//! slots was a tenth of the time. (Emptying the whole table at once instead
//! of the slots filled cost 1.7 % more instructions a build.)

use super::tokens::{EMPTY, Term, slot_of};

/// Slots a new table starts with (it doubles when half full): see the
/// module's documentation for the size.
const FIRST_SIZE: usize = 16384;

pub struct PageTerms {
    /// Term numbers; [`EMPTY`] where there is none.
    slots: Vec<u64>,
    /// `64 - log2(slots.len())`: the slot of a key is the top bits of its
    /// hash. Kept, not derived from `slots.len()` at each look-up, which
    /// made the splitter 1–5 % slower (one-thread harness, six pairs).
    shift: u32,
    /// The distinct terms of the current page, each with whether it is in
    /// the title (title terms are added first, so they keep the flag), and
    /// the slot it took (one vector, one push a new term).
    found: Vec<(Term, bool, u32)>,
}

impl Default for PageTerms {
    fn default() -> PageTerms {
        PageTerms {
            slots: vec![EMPTY; FIRST_SIZE],
            shift: 64 - FIRST_SIZE.trailing_zeros(),
            found: Vec::new(),
        }
    }
}

impl PageTerms {
    /// Forgets the previous page.
    pub fn start(&mut self) {
        for &(_, _, slot) in &self.found {
            self.slots[slot as usize] = EMPTY;
        }
        self.found.clear();
    }

    /// Notes one occurrence of `term`; a term already seen on this page
    /// keeps its first flag.
    /// Always inlined into the splitter's loop: called once per term
    /// occurrence, tens of millions of times a build.
    #[inline(always)]
    pub fn add(&mut self, term: Term, title: bool) {
        let key = term.number();
        debug_assert_ne!(key, EMPTY);
        if let Some(slot) = self.insert(key) {
            self.found.push((term, title, slot));
            if self.found.len() * 2 > self.slots.len() {
                self.grow();
            }
        }
    }

    /// The distinct terms, each once, in first-seen order, with whether
    /// each is in the title.
    pub fn found(&self) -> impl Iterator<Item = (Term, bool)> + '_ {
        self.found.iter().map(|&(term, title, _)| (term, title))
    }

    /// The slot `key` took if it was new to this page.
    #[inline(always)]
    fn insert(&mut self, key: u64) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = slot_of(key, self.shift);
        loop {
            let k = self.slots[i];
            if k == key {
                return None;
            }
            if k == EMPTY {
                self.slots[i] = key;
                return Some(i as u32);
            }
            i = (i + 1) & mask;
        }
    }

    #[cold]
    fn grow(&mut self) {
        self.slots = vec![EMPTY; self.slots.len() * 2];
        self.shift -= 1;
        for n in 0..self.found.len() {
            let slot = self.insert(self.found[n].0.number());
            self.found[n].2 = slot.expect("distinct terms");
        }
    }
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
                terms.found().map(|(t, f)| (t.text(), f)).collect()
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
        let body: String = (0x4E00u32..0x4E00 + FIRST_SIZE as u32 + 2000)
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
