//! `sort_by`: a stable insertion sort for the short lists this crate orders (a carrier's
//! options, a year's holidays, a parcel's three sides).
//!
//! Why not `slice::sort_by`: the standard library's sorts are built for long slices, and each
//! comparison compiles its own copy of them, about 4 KB of the Worker's wasm per call site.
//! These lists hold tens of items at most, where an insertion sort is as quick, and its copy is
//! a few hundred bytes.

use std::cmp::Ordering;

/// Sorts `items` by `ordering`, keeping equal items in their order (stable, as `sort_by`).
pub(crate) fn sort_by<T>(items: &mut [T], mut ordering: impl FnMut(&T, &T) -> Ordering) {
    for next in 1..items.len() {
        let mut at = next;
        while at > 0 && ordering(&items[at - 1], &items[at]) == Ordering::Greater {
            items.swap(at - 1, at);
            at -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sort_by;

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
