//! The error body of every KSS callback: `failure_reason`.

use serde::{Deserialize, Serialize};

use crate::model::open_enum::open_enum;

/// Our body for a 4xx answer to KSS. KSS shows nothing of it to the shopper; it is for whoever
/// debugs the integration, so it must say what went wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailureResponse {
    /// One of KSS's reasons for a refused shipment, or a text describing the failure.
    pub failure_reason: FailureReason,
}

open_enum! {
    /// Why a request failed. For a refused shipment KSS asks for one of the named reasons; for
    /// anything else, a text describing the failure (`Other`).
    pub enum FailureReason {
        /// `shipping_option_not_available`: the option can no longer be booked.
        ShippingOptionNotAvailable = "shipping_option_not_available",
        /// `cutoff_time_expired`: the option's cutoff has passed.
        CutoffTimeExpired = "cutoff_time_expired",
        /// `shipping_address_invalid`: the carrier cannot deliver to the recipient's address.
        ShippingAddressInvalid = "shipping_address_invalid",
    }
}
