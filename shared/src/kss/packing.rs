//! A KSS order packed into parcels as a shop packs it: what carriers are asked about, for prices
//! and for whether a parcel fits a locker.
//!
//! The rule, in order of the order lines (physical ones only):
//! - Each item lies on its largest face: its sides sorted, the longest is the parcel's length,
//!   the middle one its width, the shortest is stacked. A parcel is as long and as wide as its
//!   longest and widest item, and as high as its items' shortest sides added up.
//! - Items go into the current parcel while it stays within [`PARCEL_LIMIT`] (weight and
//!   stacked height); then a new parcel is started. An item over the limit on its own gets a
//!   parcel of its own: the carriers then price or refuse it, which is theirs to say.
//! - Weights are the items' own (`attributes.weight`). Without any, the order's `total_weight`
//!   (else [`DEFAULT_PARCEL_GRAMS`]) is one parcel, split into equal parcels when it is over the
//!   weight limit.
//!
//! Before this, the order was one parcel as long, wide and high as the largest item on each side
//! separately: ten 2 cm books were priced as one book, and a tall and a long item as one box
//! both tall and long.

use super::{Order, OrderLineType};
use crate::quote::{ParcelInput, MAX_PARCELS};

/// The weight assumed when an order carries no weights at all, in grams: carriers need one, and
/// a light parcel is the common case in a web shop.
pub const DEFAULT_PARCEL_GRAMS: u32 = 1000;

/// The largest parcel a shop packs: what every carrier here takes as one parcel to a home or a
/// counter (Bring's and PostNord's parcels go to 35 kg; 60 cm is the height a parcel of their
/// common 120 × 60 × 60 cm limit may reach).
pub const PARCEL_LIMIT: ParcelLimit = ParcelLimit {
    grams: 35_000,
    stacked_height_mm: 600,
};

/// A parcel's limits: weight and the height items may be stacked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParcelLimit {
    pub grams: u64,
    pub stacked_height_mm: u64,
}

/// The order's parcels (at least one), or `None` when it would take more than
/// [`MAX_PARCELS`] (the caller names `order.lines`).
pub fn pack_order(order: &Order, limit: ParcelLimit) -> Option<Vec<ParcelInput>> {
    let mut parcels: Vec<Packed> = Vec::new();
    let mut any_weight = false;
    for line in order
        .lines
        .iter()
        .filter(|line| !matches!(line.r#type, Some(ref kind) if *kind != OrderLineType::Physical))
    {
        let Some(attributes) = &line.attributes else {
            continue;
        };
        let grams = attributes.weight.unwrap_or(0);
        any_weight |= grams > 0;
        let sides = attributes.dimensions.map_or([0; 3], |d| {
            let mut sides = [d.length, d.width, d.height];
            crate::sort::sort_by(&mut sides, |a, b| b.cmp(a));
            sides
        });
        let mut left = u64::from(line.quantity);
        while left > 0 {
            let open = parcels.last_mut().filter(|parcel| parcel.items > 0);
            let fits = open.map_or(0, |parcel| parcel.room_for(grams, sides[2], limit));
            let placed = fits.min(left);
            if placed > 0 {
                if let Some(parcel) = parcels.last_mut() {
                    parcel.add(placed, grams, sides);
                }
                left -= placed;
                continue;
            }
            // A new parcel: as many as fit, and at least one.
            if parcels.len() == MAX_PARCELS {
                return None;
            }
            let mut parcel = Packed::default();
            let placed = parcel.room_for(grams, sides[2], limit).clamp(1, left);
            parcel.add(placed, grams, sides);
            parcels.push(parcel);
            left -= placed;
        }
    }
    if !any_weight {
        return by_weight(order, limit);
    }
    Some(parcels.iter().map(Packed::parcel).collect())
}

/// The order as parcels of its total weight alone, split evenly when over the limit.
fn by_weight(order: &Order, limit: ParcelLimit) -> Option<Vec<ParcelInput>> {
    let total = order
        .total_weight
        .filter(|grams| *grams > 0)
        .unwrap_or(u64::from(DEFAULT_PARCEL_GRAMS));
    let count = total.div_ceil(limit.grams.max(1));
    if count > MAX_PARCELS as u64 {
        return None;
    }
    let each = total.div_ceil(count);
    Some(
        (0..count)
            .map(|_| ParcelInput {
                weight_grams: i64::try_from(each).unwrap_or(i64::MAX),
                length_cm: None,
                width_cm: None,
                height_cm: None,
            })
            .collect(),
    )
}

/// A parcel being packed: its items' count, weight and stacked size in millimetres.
#[derive(Debug, Default)]
struct Packed {
    items: u64,
    grams: u64,
    length_mm: u64,
    width_mm: u64,
    height_mm: u64,
}

impl Packed {
    /// How many items of `grams` and shortest side `height_mm` still fit (u64::MAX when
    /// nothing limits them: no weight and no size).
    fn room_for(&self, grams: u64, height_mm: u64, limit: ParcelLimit) -> u64 {
        let by_weight = match grams {
            0 => u64::MAX,
            g => limit.grams.saturating_sub(self.grams) / g,
        };
        let by_height = match height_mm {
            0 => u64::MAX,
            h => limit.stacked_height_mm.saturating_sub(self.height_mm) / h,
        };
        by_weight.min(by_height)
    }

    fn add(&mut self, count: u64, grams: u64, sides: [u64; 3]) {
        self.items = self.items.saturating_add(count);
        self.grams = self.grams.saturating_add(grams.saturating_mul(count));
        self.length_mm = self.length_mm.max(sides[0]);
        self.width_mm = self.width_mm.max(sides[1]);
        self.height_mm = self
            .height_mm
            .saturating_add(sides[2].saturating_mul(count));
    }

    /// In the quote's units: grams (at least 1), sides up to whole centimetres, so that a carrier
    /// never gets a parcel smaller than it is; no sides when no item had a size.
    fn parcel(&self) -> ParcelInput {
        let cm = |mm: u64| (mm > 0).then(|| i64::try_from(mm.div_ceil(10)).unwrap_or(i64::MAX));
        let sized = self.length_mm > 0;
        ParcelInput {
            weight_grams: i64::try_from(self.grams.max(1)).unwrap_or(i64::MAX),
            length_cm: cm(self.length_mm).filter(|_| sized),
            width_cm: cm(self.width_mm).filter(|_| sized),
            height_cm: cm(self.height_mm).filter(|_| sized),
        }
    }
}
