//! The order and the sender that KSS sends with every shipping-options and shipment request.

use serde::{Deserialize, Serialize};

use crate::model::open_enum::open_enum;
use crate::model::{Address, MinorUnits, TaxRate};

/// KSS `order`: what is being bought, with the totals and shipping attributes that pricing and
/// filtering rules read. `lines` and `total_amount` are required: `free_above` and every price
/// rule depend on them.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    /// The order lines.
    pub lines: Vec<OrderLine>,
    /// Order total including tax, in minor units.
    pub total_amount: MinorUnits,
    /// Tax included in the total, in minor units.
    pub total_tax: Option<MinorUnits>,
    /// Total weight in grams.
    pub total_weight: Option<u64>,
    /// The merchant's order identifier, when there is one yet.
    pub id: Option<String>,
    /// The merchant's tags on the whole order, e.g. `member`, for rules to match.
    pub tags: Option<Vec<String>>,
}

/// One line of a KSS order. Only `quantity` is required: the rest varies by merchant, and a
/// line missing a price must not stop the shopper from seeing shipping options.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    /// How many items.
    pub quantity: u32,
    /// The merchant's reference, e.g. a SKU.
    pub reference: Option<String>,
    /// What kind of line, e.g. `physical`.
    pub r#type: Option<OrderLineType>,
    /// Price of one item including tax, in minor units.
    pub unit_price: Option<MinorUnits>,
    /// Tax rate in hundredths of a percent.
    pub tax_rate: Option<TaxRate>,
    /// Discount on the line, in minor units.
    pub total_discount_amount: Option<MinorUnits>,
    /// Line total including tax, after discount, in minor units.
    pub total_price_including_tax: Option<MinorUnits>,
    /// Tax in the line total, in minor units.
    pub total_tax_amount: Option<MinorUnits>,
    /// Weight, dimensions and tags of the line's items.
    pub attributes: Option<ShippingAttributes>,
}

open_enum! {
    /// The `type` of an order line, as in Klarna's order API.
    pub enum OrderLineType {
        /// `physical`: goods that are shipped.
        Physical = "physical",
        /// `digital`: nothing to ship.
        Digital = "digital",
        /// `discount`.
        Discount = "discount",
        /// `shipping_fee`.
        ShippingFee = "shipping_fee",
        /// `sales_tax`.
        SalesTax = "sales_tax",
        /// `gift_card`.
        GiftCard = "gift_card",
        /// `store_credit`.
        StoreCredit = "store_credit",
        /// `surcharge`.
        Surcharge = "surcharge",
    }
}

/// KSS order-line `attributes`: what a carrier needs to know to price and fit the parcel.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingAttributes {
    /// Weight of one item in grams.
    pub weight: Option<u64>,
    /// Size of one item.
    pub dimensions: Option<Dimensions>,
    /// The merchant's tags on the item, e.g. `bulky`, for rules to match.
    pub tags: Option<Vec<String>>,
}

/// Size of an item in millimetres. All three are required: a size with a side missing cannot be
/// checked against a carrier's limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimensions {
    /// Height in millimetres.
    pub height: u64,
    /// Length in millimetres.
    pub length: u64,
    /// Width in millimetres.
    pub width: u64,
}

/// KSS `sender`: the warehouse the parcel leaves from, which decides carriers and lead times.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sender {
    /// The merchant's identifier of the warehouse, e.g. `warehouse-13`.
    pub sender_id: Option<String>,
    /// The warehouse's address.
    pub address: Option<Address>,
}
