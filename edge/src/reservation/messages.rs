//! What the Worker and a reservation's object say to each other: [`Command`]s in, [`Outcome`]s
//! out, as JSON. Only theirs (both are deployed together), so the shape is chosen for the
//! bundle's size, not for any outside reader.

use serde::{Deserialize, Serialize};
use shared::kss::{CarrierProduct, FailureReason, KssShipment, ShipmentRequest};
use shared::model::ShippingOption;

/// What the Worker asks of a reservation's object.
///
/// Commands and outcomes are externally tagged (`{"serve": {…}}`), serde's default, not
/// internally (`{"command": "serve", …}`): reading an internally tagged enum buffers the whole
/// message first, which compiled every type in a shipment a second time, for that buffer (with
/// the `flatten` below, 43 KB of the Worker's gzip). The Worker and its objects are deployed
/// together, so the shape is only theirs.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    /// Keep the options `/shippingoptions` served to the session.
    Serve {
        merchant: String,
        options: Vec<ShippingOption>,
    },
    /// `POST /shipment` (`create`) or `PUT /shipment/{id}`: check the selection against
    /// `offered` (the options now offered with the selected id) and what was served, and store.
    Reserve {
        merchant: String,
        shipment_id: String,
        create: bool,
        /// Boxed: it is most of the command's size.
        request: Box<ShipmentRequest>,
        offered: Vec<ShippingOption>,
        carrier_product: Option<CarrierProduct>,
        /// A sentence for `additional_info` when the product code is a stand-in.
        product_note: Option<String>,
        books_with_postplus: bool,
    },
    /// `GET /shipment/{id}`.
    Get { merchant: String },
    /// `POST /shipment/{id}/confirm`.
    Confirm { merchant: String },
}

/// What came of a [`Command`].
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The reservation as KSS sees it.
    Shipment {
        #[serde(with = "unflattened")]
        shipment: KssShipment,
    },
    /// The selection cannot be reserved.
    Refused { reason: FailureReason },
    /// No reservation (never made, expired, or another merchant's).
    NotFound,
    /// Done; nothing to answer.
    Stored,
}

/// A [`KssShipment`] from the object to the Worker with its shipment as a field of its own:
/// reading a `flatten`ed struct buffers it, like an internally tagged enum (see [`Command`]).
/// KSS still gets the flattened shape, which only needs writing.
mod unflattened {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use shared::kss::{KssShipment, ReservationStatus, ShipmentResponse};

    #[derive(Serialize)]
    struct Parts<'a> {
        shipment: &'a ShipmentResponse,
        status: ReservationStatus,
        revision: u64,
    }

    #[derive(Deserialize)]
    struct OwnedParts {
        shipment: ShipmentResponse,
        status: ReservationStatus,
        revision: u64,
    }

    pub fn serialize<S: Serializer>(kss: &KssShipment, serializer: S) -> Result<S::Ok, S::Error> {
        Parts {
            shipment: &kss.shipment,
            status: kss.status,
            revision: kss.revision,
        }
        .serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<KssShipment, D::Error> {
        let parts = OwnedParts::deserialize(deserializer)?;
        Ok(KssShipment {
            shipment: parts.shipment,
            status: parts.status,
            revision: parts.revision,
        })
    }
}
