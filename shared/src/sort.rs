//! `sort_by`: a stable insertion sort for the short lists this crate and the edge order (a
//! carrier's options, a year's holidays, a parcel's three sides, a lookup's headers); `map_of`:
//! a short table collected without sorting it first.
//!
//! Why not `slice::sort_by`: the standard library's sorts are built for long slices, and each
//! comparison compiles its own copy of them, about 4 KB of the Worker's wasm per call site.
//! These lists hold tens of items at most, where an insertion sort is as quick, and its copy is
//! a few hundred bytes. `BTreeMap`'s `collect` sorts its entries with that same sort before it
//! builds the tree, a copy per key and value type; inserting one by one needs none.

use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Sorts `items` by `ordering`, keeping equal items in their order (stable, as `sort_by`).
pub fn sort_by<T>(items: &mut [T], mut ordering: impl FnMut(&T, &T) -> Ordering) {
    for next in 1..items.len() {
        let mut at = next;
        while at > 0 && ordering(&items[at - 1], &items[at]) == Ordering::Greater {
            items.swap(at - 1, at);
            at -= 1;
        }
    }
}

/// `entries` as a map, or the first error among them: what `collect::<Result<BTreeMap<_, _>,
/// _>>()` gives (a key given twice keeps its last value), without its sort.
pub(crate) fn map_of<K: Ord, V, E>(
    entries: impl IntoIterator<Item = Result<(K, V), E>>,
) -> Result<BTreeMap<K, V>, E> {
    let mut map = BTreeMap::new();
    for entry in entries {
        let (key, value) = entry?;
        map.insert(key, value);
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::{map_of, sort_by};
    use std::collections::BTreeMap;

    #[test]
    fn a_map_is_what_collect_makes() {
        let entries = [Ok(("SE", 1)), Ok(("NO", 2)), Ok(("SE", 3)), Ok(("DK", 4))];
        let collected: Result<BTreeMap<_, _>, ()> = entries.into_iter().collect();
        assert_eq!(map_of(entries), collected);
        assert_eq!(map_of(entries).map(|map| map["SE"]), Ok(3));
        let failing = [Ok(("SE", 1)), Err("first"), Ok(("NO", 2)), Err("second")];
        assert_eq!(map_of(failing), Err("first"));
    }

    #[test]
    fn sorts_and_keeps_equal_items_in_order() {
        let mut items = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f')];
        sort_by(&mut items, |a, b| a.0.cmp(&b.0));
        assert_eq!(
            items,
            [(0, 'f'), (1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]
        );
        let mut empty: [u8; 0] = [];
        sort_by(&mut empty, u8::cmp);
        assert_eq!(empty, [0_u8; 0]);
        let mut one = [7];
        sort_by(&mut one, |a: &i32, b| b.cmp(a));
        assert_eq!(one, [7]);
    }
}
