//! Hashing of template values by content (a fingerprint, not a security
//! hash; stable within one process, which is all the memo compares).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use tera::Value;
use tera::value::ValueKind;

/// The hasher: aHash, several times faster than std's SipHash on the many
/// short strings of a context, with fixed keys within a process.
type Inner = ahash::AHasher;

/// Fingerprints already known of shared values (every page, summary,
/// section and taxonomy value, hashed once per build), by the address of
/// their map. Contexts hold these values by reference count, so a list of
/// summaries hashes as a list of known numbers instead of all their text.
/// The table is built from live values and dropped with them, so an
/// address in it always means the value it was made from.
#[derive(Default)]
pub struct Known(HashMap<usize, u64>);

impl Known {
    pub fn insert(&mut self, value: &Value, hash: u64) {
        if let Some(at) = address(value) {
            self.0.insert(at, hash);
        }
    }

    fn get(&self, value: &Value) -> Option<u64> {
        self.0.get(&address(value)?).copied()
    }
}

fn address(value: &Value) -> Option<usize> {
    value.as_map().map(|m| std::ptr::from_ref(m) as usize)
}

/// An incremental fingerprint; feed it strings, numbers and values.
#[derive(Default)]
pub struct Fingerprint {
    hasher: Inner,
    known: Option<Arc<Known>>,
}

impl Fingerprint {
    /// A fingerprint that takes the hashes of `known` values as given.
    pub fn with_known(known: Option<Arc<Known>>) -> Fingerprint {
        Fingerprint {
            hasher: Inner::default(),
            known,
        }
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        s.hash(&mut self.hasher);
        self
    }

    pub fn u64(&mut self, n: u64) -> &mut Self {
        n.hash(&mut self.hasher);
        self
    }

    pub fn value(&mut self, v: &Value) -> &mut Self {
        hash_value(v, &mut self.hasher, self.known.as_deref());
        self
    }

    pub fn finish(&self) -> u64 {
        self.hasher.finish()
    }
}

/// The fingerprint of one value on its own: the hash the preview keeps of
/// each page, summary, section and taxonomy value.
pub fn hash_of(v: &Value) -> u64 {
    Fingerprint::default().value(v).finish()
}

/// Hashes a value by content: kind tags keep `"1"` and `1` apart, and map
/// keys are hashed in their (deterministic, insertion) order. A map found
/// in `known` contributes its known hash (behind a tag of its own).
pub fn hash_value(v: &Value, h: &mut impl Hasher, known: Option<&Known>) {
    let kind = v.kind();
    if let Some(hash) = known.and_then(|k| k.get(v)) {
        u8::MAX.hash(h);
        hash.hash(h);
        return;
    }
    (kind as u8).hash(h);
    match kind {
        ValueKind::Undefined | ValueKind::None => {}
        ValueKind::Bool => v.as_bool().hash(h),
        ValueKind::String => {
            v.as_str().hash(h);
            v.is_safe().hash(h);
        }
        ValueKind::Bytes => v.as_bytes().hash(h),
        ValueKind::Array => {
            let items = v.as_array().unwrap_or_default();
            items.len().hash(h);
            for item in items {
                hash_value(item, h, known);
            }
        }
        ValueKind::Map => {
            let map = v.as_map();
            map.map_or(0, |m| m.len()).hash(h);
            for (k, item) in map.into_iter().flatten() {
                match k.as_str() {
                    Some(name) => name.hash(h),
                    None => k.to_string().hash(h),
                }
                hash_value(item, h, known);
            }
        }
        _ => v.to_string().hash(h),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_hash_equal_and_kinds_differ() {
        let a = Value::from_serializable(&serde_json::json!({"t": "标题", "n": [1, 2]}));
        let b = Value::from_serializable(&serde_json::json!({"t": "标题", "n": [1, 2]}));
        let c = Value::from_serializable(&serde_json::json!({"t": "标题", "n": [1, 3]}));
        assert_eq!(hash_of(&a), hash_of(&b));
        assert_ne!(hash_of(&a), hash_of(&c));
        assert_ne!(hash_of(&Value::from("1")), hash_of(&Value::from(1)));
    }
}
