//! `Address`: KSS's one address shape, for the recipient, the sender and pickup places.

use serde::{Deserialize, Serialize};

use super::open_enum::open_enum;

/// A postal address, with the person fields KSS adds for the recipient.
///
/// KSS (like Klarna's order API) uses one shape for every address: a pickup place fills only the
/// postal fields, the recipient also the names and contact fields. Every field is optional
/// because KSS asks for shipping options while the shopper is still typing; a partial address
/// must parse.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// First line of the street address, e.g. "Sveavägen 46".
    pub street_address: Option<String>,
    /// Second line of the street address.
    pub street_address2: Option<String>,
    /// Postal code as the shopper wrote it, e.g. "111 34".
    pub postal_code: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Region or state, where the country has them.
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2 country code, e.g. "SE".
    pub country: Option<String>,
    /// Recipient only: "c/o" line.
    pub care_of: Option<String>,
    /// Recipient only: company name, for deliveries to a business.
    pub company_name: Option<String>,
    /// Recipient only: a person or an organization.
    pub customer_type: Option<CustomerType>,
    /// Recipient only: given name.
    pub given_name: Option<String>,
    /// Recipient only: family name.
    pub family_name: Option<String>,
    /// Recipient only: e-mail, for the carrier's notices.
    pub email: Option<String>,
    /// Recipient only: phone number, for the carrier's SMS notices.
    pub phone: Option<String>,
}

open_enum! {
    /// KSS `customer_type` of a recipient.
    pub enum CustomerType {
        /// `person`: a consumer.
        Person = "person",
        /// `organization`: a business.
        Organization = "organization",
    }
}
