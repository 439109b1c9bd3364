//! From a KSS request to the carrier question ([`Quote`]) the widget's API asks too, so Klarna's
//! checkout and the widget get options from one fan-out with one set of validation rules.
//!
//! KSS describes goods as order lines (weights in grams, sizes in millimetres, per item); carriers
//! want parcels. The whole order is treated as one parcel: its weight is `order.total_weight`
//! when Klarna sends it, else the sum of the physical lines, and its size is the largest item's.

use super::{Order, OrderLineType, ShippingOptionsRequest};
use crate::error::Error;
use crate::model::{Address, Currency};
use crate::quote::{DeliveryOptionsRequest, ParcelInput, Quote, RecipientInput};

/// The weight assumed when an order carries no weights at all, in grams: carriers need one, and
/// a light parcel is the common case in a web shop.
pub const DEFAULT_PARCEL_GRAMS: u32 = 1000;

impl ShippingOptionsRequest {
    /// The carrier question for this request, or an [`Error::Invalid`] naming the KSS field
    /// (`recipient.postal_code`) that makes it unanswerable.
    pub fn to_quote(&self) -> Result<Quote, Error> {
        kss_quote(
            self.recipient.as_ref(),
            &self.order,
            self.currency,
            self.locale.as_deref(),
        )
    }
}

/// The carrier question for a KSS recipient, order, currency and locale; shared by
/// `/shippingoptions` and `/shipment`, which carry the same fields.
pub fn kss_quote(
    recipient: Option<&Address>,
    order: &Order,
    currency: Currency,
    locale: Option<&str>,
) -> Result<Quote, Error> {
    let missing = |field: &str| Error::Invalid {
        field: field.to_owned(),
        problem: "is required".to_owned(),
    };
    let recipient = recipient.ok_or_else(|| missing("recipient"))?;
    let request = DeliveryOptionsRequest {
        recipient: RecipientInput {
            country: recipient
                .country
                .clone()
                .ok_or_else(|| missing("recipient.country"))?,
            postal_code: recipient
                .postal_code
                .clone()
                .ok_or_else(|| missing("recipient.postal_code"))?,
            street_address: recipient.street_address.clone(),
            city: recipient.city.clone(),
        },
        parcels: vec![order_parcel(order)],
        order_value: Some(order.total_amount.max(0)),
        currency: Some(currency.to_string()),
        locale: locale.map(str::to_owned),
    };
    // The parcel is ours, made from the order: a problem with it is a problem with the order.
    request.validate().map_err(|error| match error {
        Error::Invalid { field, problem } if field.starts_with("parcels") => Error::Invalid {
            field: "order.lines".to_owned(),
            problem: format!("weigh too much to ship ({problem})"),
        },
        other => other,
    })
}

/// The order as one parcel.
fn order_parcel(order: &Order) -> ParcelInput {
    let physical = order
        .lines
        .iter()
        .filter(|line| !matches!(line.r#type, Some(ref t) if *t != OrderLineType::Physical));
    let mut summed: u64 = 0;
    let mut largest = [0u64; 3];
    for line in physical {
        let Some(attributes) = &line.attributes else {
            continue;
        };
        summed = summed.saturating_add(
            attributes
                .weight
                .unwrap_or(0)
                .saturating_mul(u64::from(line.quantity)),
        );
        if let Some(d) = attributes.dimensions {
            largest = [
                largest[0].max(d.length),
                largest[1].max(d.width),
                largest[2].max(d.height),
            ];
        }
    }
    let grams = order.total_weight.filter(|w| *w > 0).unwrap_or(summed);
    let grams = if grams == 0 {
        u64::from(DEFAULT_PARCEL_GRAMS)
    } else {
        grams
    };
    // Millimetres up to whole centimetres: a carrier must never get a parcel smaller than it is.
    let cm = |mm: u64| (mm > 0).then(|| i64::try_from(mm.div_ceil(10)).unwrap_or(i64::MAX));
    ParcelInput {
        weight_grams: i64::try_from(grams).unwrap_or(i64::MAX),
        length_cm: cm(largest[0]),
        width_cm: cm(largest[1]),
        height_cm: cm(largest[2]),
    }
}
