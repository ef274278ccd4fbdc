//! Tables looked up by name (an id, a wire name, an identifier) that nothing iterates.
//!
//! The backends and the model resolve names many times per event (an enum's identifier for every
//! property of its type, a group's fields for every event that includes it). In a `BTreeMap` each
//! lookup compares names about log2(n) times, so a spec of 10,000 events paid ~14 comparisons per
//! lookup where one of 1,000 paid ~10: generation did not grow linearly (`benches/README.md`).
//! These wrappers hash instead (foldhash, fixed seed) and offer no iteration at all, so hash order
//! can never reach generated output: anything that must be listed keeps a `BTreeMap` or a `Vec`.

#![allow(
    clippy::disallowed_types,
    reason = "the one place hashed tables are allowed: the wrappers below cannot be iterated"
)]

use std::borrow::Borrow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use foldhash::fast::FixedState;

/// A map that can be read and written by key, never iterated.
#[derive(Debug, Clone)]
pub(crate) struct NameMap<K, V>(HashMap<K, V, FixedState>);

impl<K, V> Default for NameMap<K, V> {
    fn default() -> Self {
        NameMap(HashMap::default())
    }
}

impl<K: Hash + Eq, V> NameMap<K, V> {
    /// The value of `key`.
    pub(crate) fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.0.get(key)
    }

    /// Sets the value of `key`, returning the previous one.
    pub(crate) fn insert(&mut self, key: K, value: V) -> Option<V> {
        self.0.insert(key, value)
    }

    /// Removes `key`, returning its value.
    pub(crate) fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.0.remove(key)
    }

    /// The entry of `key`, to read and update in one lookup.
    pub(crate) fn entry(&mut self, key: K) -> Entry<'_, K, V> {
        self.0.entry(key)
    }
}

impl<K: Hash + Eq, V> FromIterator<(K, V)> for NameMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        NameMap(iter.into_iter().collect())
    }
}

/// A set that can be asked and added to, never iterated.
#[derive(Debug, Clone)]
pub(crate) struct NameSet<K>(HashSet<K, FixedState>);

impl<K> Default for NameSet<K> {
    fn default() -> Self {
        NameSet(HashSet::default())
    }
}

impl<K: Hash + Eq> NameSet<K> {
    /// Whether `key` is in the set.
    pub(crate) fn contains<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.0.contains(key)
    }

    /// Adds `key`; `false` when it was already there.
    pub(crate) fn insert(&mut self, key: K) -> bool {
        self.0.insert(key)
    }
}

impl<K: Hash + Eq> FromIterator<K> for NameSet<K> {
    fn from_iter<I: IntoIterator<Item = K>>(iter: I) -> Self {
        NameSet(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_and_sets_answer_by_key() {
        let mut m: NameMap<String, usize> = NameMap::default();
        assert_eq!(m.insert("a".to_owned(), 1), None);
        assert_eq!(m.insert("a".to_owned(), 2), Some(1));
        *m.entry("b".to_owned()).or_insert(0) += 5;
        assert_eq!(m.get("a"), Some(&2));
        assert_eq!(m.get("b"), Some(&5));
        assert_eq!(m.get("c"), None);
        let s: NameSet<&str> = ["x", "y"].into_iter().collect();
        assert!(s.contains("x") && !s.contains("z"));
    }
}
