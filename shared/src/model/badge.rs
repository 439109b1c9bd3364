//! `Badge`: what an option stands out for among the options of one answer.

use super::open_enum::open_enum;

open_enum! {
    /// Ours: a mark an option earns among the other options of the same answer, as the
    /// commercial checkouts show them ("fastest", "cheapest"). Awarded by
    /// `shared::badges::award` when the answer is assembled; at most one option of an answer
    /// carries each. Open like KSS's enumerations, so a widget older than its edge reads an option
    /// with a badge it does not know (and shows none for it).
    pub enum Badge {
        /// `fastest`: the earliest delivery instant.
        Fastest = "fastest",
        /// `cheapest`: the lowest price, after `free_above`.
        Cheapest = "cheapest",
        /// `greenest`: the largest fossil-free share of the delivery, as the carrier states it.
        Greenest = "greenest",
    }
}
