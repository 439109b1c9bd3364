//! From a KSS request to the carrier question ([`Quote`]) the widget's API asks too, so Klarna's
//! checkout and the widget get options from one fan-out with one set of validation rules.
//!
//! KSS describes goods as order lines (weights in grams, sizes in millimetres, per item); carriers
//! want parcels. The order is packed into parcels as a shop would pack it (`packing.rs`).

use super::packing::{pack_order, PARCEL_LIMIT};
use super::{Order, ShippingOptionsRequest};
use crate::error::Error;
use crate::model::{Address, Currency};
use crate::quote::{DeliveryOptionsRequest, Quote, RecipientInput, MAX_PARCELS};

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
        parcels: pack_order(order, PARCEL_LIMIT).ok_or_else(|| Error::Invalid {
            field: "order.lines".to_owned(),
            problem: format!("would take more than {MAX_PARCELS} parcels to ship"),
        })?,
        order_value: Some(order.total_amount.max(0)),
        currency: Some(currency.to_string()),
        locale: locale.map(str::to_owned),
    };
    // The parcels are ours, made from the order: a problem with one is a problem with the order.
    request.validate().map_err(|error| match error {
        Error::Invalid { field, problem } if field.starts_with("parcels") => Error::Invalid {
            field: "order.lines".to_owned(),
            problem: format!("weigh too much to ship ({problem})"),
        },
        other => other,
    })
}
