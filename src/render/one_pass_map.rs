//! Template maps made with one hash per key.
//!
//! Tera keeps a map's keys in an `IndexMap` hashed with SipHash, and the
//! only public way from a `tera::Map` we filled to a `Value` (`From`)
//! inserts, so hashes, every key again. Serialising goes straight to the
//! value: each field is inserted once and the map is moved into it, and a
//! `Value` field is passed through as a shared clone. A page's value has
//! some forty keys and every page of a build makes one: the second round of
//! hashing was about 1 % of a build's instructions.

use std::collections::HashSet;
use std::sync::{LazyLock, Mutex};

use serde::ser::{Serialize, SerializeStruct, Serializer};
use tera::Value;
use tera::value::Key;

/// Keys and values in order; a later key replaces an earlier one's value
/// and keeps its place, as `IndexMap::insert` does.
#[derive(Default)]
pub struct OnePassMap(Vec<(&'static str, Value)>);

impl OnePassMap {
    pub fn with_capacity(n: usize) -> Self {
        OnePassMap(Vec::with_capacity(n))
    }

    pub fn insert(&mut self, key: &'static str, value: Value) {
        self.0.push((key, value));
    }

    /// Adds the entries of a map whose keys are field names (a serialised
    /// struct's), borrowing the values.
    pub fn extend_from(&mut self, map: &tera::Map) {
        for (key, value) in map {
            self.insert(static_key(key), value.clone());
        }
    }

    /// Adds the entries of a map whose keys are field names, moving them.
    pub fn extend_owned(&mut self, map: tera::Map) {
        for (key, value) in map {
            self.insert(static_key(&key), value);
        }
    }

    pub fn into_value(self) -> Value {
        Value::from_serializable(&self)
    }
}

impl Serialize for OnePassMap {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_struct("map", self.0.len())?;
        for (key, value) in &self.0 {
            map.serialize_field(key, value)?;
        }
        map.end()
    }
}

/// A key of a map made by serialising a struct is its field's name.
fn static_key(key: &Key<'static>) -> &'static str {
    match key {
        Key::Str(name) => name,
        other => intern(&other.to_string()),
    }
}

/// `name` as a string that lives as long as the program, made once per
/// distinct name (taxonomy names: a handful, whatever the number of
/// rebuilds a preview does).
pub fn intern(name: &str) -> &'static str {
    static NAMES: LazyLock<Mutex<HashSet<&'static str>>> = LazyLock::new(Mutex::default);
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(known) = names.get(name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
    names.insert(leaked);
    leaked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_their_first_place_and_last_value() {
        let mut map = OnePassMap::default();
        map.insert("a", Value::from(1));
        map.insert("b", Value::from(2));
        map.insert("a", Value::from(3));
        let value = map.into_value();
        let map = value.as_map().expect("a map");
        let keys: Vec<String> = map.keys().map(|k| k.to_string()).collect();
        assert_eq!(keys, ["a", "b"]);
        assert_eq!(map.get(&Key::Str("a")), Some(&Value::from(3)));
    }

    #[test]
    fn a_name_is_interned_once() {
        let a = intern(&String::from("栏目"));
        let b = intern("栏目");
        assert!(std::ptr::eq(a, b));
    }
}
