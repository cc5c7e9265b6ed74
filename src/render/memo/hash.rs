//! Stable hashing of template values (a fingerprint, not a security hash).

use std::hash::{DefaultHasher, Hash, Hasher};

use tera::Value;
use tera::value::ValueKind;

/// An incremental fingerprint; feed it strings, numbers and values.
#[derive(Default)]
pub struct Fingerprint(DefaultHasher);

impl Fingerprint {
    pub fn str(&mut self, s: &str) -> &mut Self {
        s.hash(&mut self.0);
        self
    }

    pub fn u64(&mut self, n: u64) -> &mut Self {
        n.hash(&mut self.0);
        self
    }

    pub fn value(&mut self, v: &Value) -> &mut Self {
        hash_value(v, &mut self.0);
        self
    }

    pub fn finish(&self) -> u64 {
        self.0.finish()
    }
}

/// Hashes a value by content: kind tags keep `"1"` and `1` apart, and map
/// keys are hashed in their (deterministic, insertion) order.
pub fn hash_value(v: &Value, h: &mut impl Hasher) {
    let kind = v.kind();
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
                hash_value(item, h);
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
                hash_value(item, h);
            }
        }
        _ => v.to_string().hash(h),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(v: &Value) -> u64 {
        Fingerprint::default().value(v).finish()
    }

    #[test]
    fn equal_values_hash_equal_and_kinds_differ() {
        let a = Value::from_serializable(&serde_json::json!({"t": "标题", "n": [1, 2]}));
        let b = Value::from_serializable(&serde_json::json!({"t": "标题", "n": [1, 2]}));
        let c = Value::from_serializable(&serde_json::json!({"t": "标题", "n": [1, 3]}));
        assert_eq!(fp(&a), fp(&b));
        assert_ne!(fp(&a), fp(&c));
        assert_ne!(fp(&Value::from("1")), fp(&Value::from(1)));
    }
}
