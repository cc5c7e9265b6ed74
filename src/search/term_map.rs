//! A map from index terms to values whose slots can be fetched ahead.
//!
//! Each render thread adds every distinct term of a page to its postings:
//! some 800 look-ups a page, each into a table too large for the
//! first-level caches, so each waited for memory (perf put 8 % of a build's
//! cycles on finding the term in a `HashMap` and touching its run, for 3 %
//! of the instructions). A page's terms are all known before the first is
//! added, so here the slot a term will land in is computed first and its
//! cache lines are requested ([`TermMap::prefetch`]) a few terms ahead of
//! the look-up. Open addressing with linear probing: the slot of a term is
//! one multiplication away, and the value sits in the slot's own entry
//! (an index to a dense vector would be a second wait that cannot be
//! fetched ahead).

use super::tokens::{EMPTY, Term, slot_of};

/// Slots of a new map; it doubles when three quarters full.
const FIRST_SIZE: usize = 1024;

pub struct TermMap<V> {
    /// Term numbers; [`EMPTY`] where there is none.
    keys: Vec<u64>,
    /// The value of the term in the same slot of `keys`; `V::default()` in
    /// empty slots.
    values: Vec<V>,
    /// `64 - log2(keys.len())`: a key's slot is the top bits of its hash.
    shift: u32,
    len: usize,
}

impl<V: Default> Default for TermMap<V> {
    fn default() -> Self {
        TermMap {
            keys: vec![EMPTY; FIRST_SIZE],
            values: (0..FIRST_SIZE).map(|_| V::default()).collect(),
            shift: 64 - FIRST_SIZE.trailing_zeros(),
            len: 0,
        }
    }
}

impl<V: Default> TermMap<V> {
    /// Asks for the cache lines `term`'s look-up will read: its first slot
    /// and the value there. Only a hint; no effect on what the map holds.
    #[inline(always)]
    pub fn prefetch(&self, term: Term) {
        let slot = slot_of(term.number(), self.shift);
        prefetch(&self.keys[slot]);
        prefetch(&self.values[slot]);
    }

    /// The value of `term`, made with `V::default()` if it is new.
    #[inline(always)]
    pub fn entry(&mut self, term: Term) -> &mut V {
        let key = term.number();
        debug_assert_ne!(key, EMPTY);
        if (self.len + 1) * 4 > self.keys.len() * 3 {
            self.grow();
        }
        let slot = self.find(key);
        if self.keys[slot] == EMPTY {
            self.keys[slot] = key;
            self.len += 1;
        }
        &mut self.values[slot]
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Every term with its value, in no particular order.
    pub fn into_entries(self) -> impl Iterator<Item = (Term, V)> {
        self.keys
            .into_iter()
            .zip(self.values)
            .filter(|&(key, _)| key != EMPTY)
            .map(|(key, value)| (Term::from_number(key), value))
    }

    /// The slot holding `key`, or the empty slot where it would go.
    #[inline(always)]
    fn find(&self, key: u64) -> usize {
        let mask = self.keys.len() - 1;
        let mut slot = slot_of(key, self.shift);
        loop {
            let k = self.keys[slot];
            if k == key || k == EMPTY {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    #[cold]
    fn grow(&mut self) {
        let size = self.keys.len() * 2;
        let keys = std::mem::replace(&mut self.keys, vec![EMPTY; size]);
        let values = std::mem::replace(&mut self.values, (0..size).map(|_| V::default()).collect());
        self.shift -= 1;
        for (key, value) in keys.into_iter().zip(values) {
            if key != EMPTY {
                let slot = self.find(key);
                self.keys[slot] = key;
                self.values[slot] = value;
            }
        }
    }
}

#[inline(always)]
fn prefetch<T>(at: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch only hints the cache; it reads nothing and cannot
    // fault, and `at` is a valid reference besides.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>((at as *const T).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = at;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tokens;
    use std::collections::HashMap;

    fn terms_of(text: &str) -> Vec<Term> {
        let mut out = Vec::new();
        tokens::tokenize(text, |t| out.push(t));
        out
    }

    #[test]
    fn counts_like_a_hash_map_through_growth() {
        // Thousands of distinct pairs: the map grows from 1,024 slots
        // several times.
        let text: String = (0x4E00u32..0x4E00 + 6000)
            .filter_map(char::from_u32)
            .collect::<String>()
            .repeat(2);
        let terms = terms_of(&text);
        let mut map: TermMap<u32> = TermMap::default();
        let mut expected: HashMap<Term, u32> = HashMap::new();
        for (i, &t) in terms.iter().enumerate() {
            if let Some(&ahead) = terms.get(i + 8) {
                map.prefetch(ahead);
            }
            *map.entry(t) += 1;
            *expected.entry(t).or_default() += 1;
        }
        assert_eq!(map.len(), expected.len());
        assert!(map.len() > FIRST_SIZE * 4, "{}", map.len());
        let got: HashMap<Term, u32> = map.into_entries().collect();
        assert_eq!(got, expected);
    }
}
