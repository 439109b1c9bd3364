//! `Area`: a region where an option costs extra.

use serde::{Deserialize, Serialize};

use super::open_enum::open_enum;
use super::{Coordinates, MinorUnits};

/// KSS `area` of an option: a polygon with its own price, such as an archipelago that needs a
/// boat. `boundary` is required: an area without one covers nothing.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Area {
    /// KSS `boundary`: the polygon's corners, in order.
    pub boundary: Vec<Coordinates>,
    /// KSS `price` inside the area.
    pub price: Option<MinorUnits>,
    /// KSS `type` of area.
    pub r#type: Option<AreaType>,
}

open_enum! {
    /// KSS `type` of an area.
    pub enum AreaType {
        /// `archipelago`: islands reached by boat.
        Archipelago = "archipelago",
    }
}
