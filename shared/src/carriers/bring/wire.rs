//! The parts of Bring's answers that we read, as Bring names them.
//!
//! Shipping Guide shapes come from the v2 response schema (bring-shipping-guide-api.txt,
//! "Responses") and the official examples (callingsg.md;
//! examples/rest_estimated_delivery_time_response_200.json; environmentaldata.md). Pickup Point
//! shapes come from its RAML and example responses (bring-pickup-point/). Fields we do not read are
//! ignored, as Bring asks of clients ("Clients must ignore unknown elements"). Bring documents
//! every scalar as a string; [`Text`] also takes a number, so a field that one day arrives as `1`
//! instead of `"1"` does not cost the shopper an option. The delivery time and the
//! environmental data are [`Lenient`]: one of their values of another shape costs only itself,
//! with a warning, never the priced product around it.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::carriers::read::{read_value, Part};

#[derive(Debug, Deserialize)]
pub(super) struct ProductsResponse {
    /// "If no service applies, the response is an empty result set" (errors-warnings.md), so an
    /// absent or empty list is no options, not an error.
    #[serde(default, deserialize_with = "list")]
    pub consignments: Vec<Consignment>,
    /// Bring's notes on how it read the request (an additional service ignored, errors-warnings.md).
    #[serde(default, rename = "traceMessages", deserialize_with = "list")]
    pub trace_messages: Vec<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Consignment {
    /// Kept as raw JSON so that one product of an unexpected shape costs only that product.
    #[serde(default, deserialize_with = "list")]
    pub products: Vec<Part>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Product {
    pub id: Text,
    pub gui_information: Option<GuiInformation>,
    pub price: Option<Price>,
    pub expected_delivery: Option<Lenient<ExpectedDelivery>>,
    /// Read as one: a leg of another shape leaves the product without environmental data.
    pub environmental_data: Option<Lenient<Vec<TransportLeg>>>,
    #[serde(default, deserialize_with = "list")]
    pub warnings: Vec<Notice>,
    #[serde(default, deserialize_with = "list")]
    pub errors: Vec<Notice>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct GuiInformation {
    pub sort_order: Option<Text>,
    /// `POSTEN` or `BRING`.
    pub logo: Option<String>,
    pub logo_url: Option<String>,
    pub display_name: Option<String>,
    pub product_name: Option<String>,
    pub short_name: Option<String>,
    pub description_text: Option<String>,
    pub help_text: Option<String>,
    /// E.g. `Hentested` (pickup point) in the Norwegian example.
    pub delivery_type: Option<String>,
    /// E.g. `Pakke` in the Norwegian example; an express service's names it.
    pub main_display_category: Option<String>,
    pub environmental_logo_url: Option<String>,
    pub environmental_tag_url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Price {
    pub list_price: Option<PriceSet>,
    /// Only when the request named a valid customer number.
    pub net_price: Option<PriceSet>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PriceSet {
    pub price_without_additional_services: Option<Amounts>,
    pub price_with_additional_services: Option<Amounts>,
    pub currency_code: Option<String>,
    /// True when Bring could not compute the net price and returned (part of) the list price.
    pub net_price_failed: Option<bool>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Amounts {
    #[serde(rename = "amountWithoutVAT")]
    pub amount_without_vat: Text,
    pub vat: Text,
    #[serde(rename = "amountWithVAT")]
    pub amount_with_vat: Text,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ExpectedDelivery {
    pub working_days: Option<Text>,
    pub expected_delivery_date: Option<Lenient<BringDate>>,
    #[serde(default, deserialize_with = "list")]
    pub alternative_delivery_dates: Vec<AlternativeDate>,
    /// "If there is known inaccuracy in the calculated lead time, this message will contain a
    /// human readable text explaining the deviation" (v2 response schema); `""` when there is none.
    pub user_message: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct AlternativeDate {
    pub expected_delivery_date: Option<Lenient<BringDate>>,
}

/// The schema's "Delivery date": `year`, `month` and `day` required, `hour` and `minute` not.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct BringDate {
    pub year: Text,
    pub month: Text,
    pub day: Text,
    pub hour: Option<Text>,
    pub minute: Option<Text>,
    /// Each slot read on its own: one that does not read costs only itself.
    #[serde(default, deserialize_with = "list")]
    pub time_slots: Vec<Lenient<TimeSlot>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct TimeSlot {
    pub start_time: ClockTime,
    pub end_time: ClockTime,
}

/// Bring writes `{"hour": "17", "minute": "0"}`; the minute "will always be set to 0"
/// (eta-domestic.md), but it is read anyway.
#[derive(Debug, Deserialize)]
pub(super) struct ClockTime {
    pub hour: Text,
    pub minute: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct TransportLeg {
    /// `FIRST_MILE`, `LINE_HAUL` or `LAST_MILE`; Bring only fills `LAST_MILE` today.
    pub transport_leg: Option<String>,
    /// A boolean in the schema; [`Text`], so that `"true"`, as Bring writes its other values,
    /// reads too.
    pub fossil_free: Option<Text>,
    pub description: Option<String>,
    pub details: Option<LegDetails>,
}

/// Shares from 0.0 to 1.0 ("`1.0 == 100%`", environmentaldata.md): numbers in the schema,
/// [`Text`] so that `"0.6"` reads too.
#[derive(Debug, Deserialize)]
pub(super) struct LegDetails {
    pub electric: Option<Text>,
    pub bio: Option<Text>,
}

/// A service-level warning or error: `{code, description}`. The JSON form of `errors` is not in
/// the references; it is read like `warnings` (notes/03-bring.md §2.3), and `message` is taken
/// where `description` is missing, as in Bring's request-level errors.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Notice {
    pub code: Option<Text>,
    #[serde(alias = "message")]
    pub description: Option<String>,
    /// Not in the documented error shape, but sent on some refusals: a text meant for a person,
    /// which we keep for the operator's log only (see `CarrierAnswer::operator_notes`).
    pub user_message: Option<String>,
}

/// A request-level error (HTTP 400/500): `{code, field, message}` (bring-shipping-guide-api.txt).
#[derive(Debug, Deserialize)]
pub(super) struct FieldError {
    pub code: Option<String>,
    pub field: Option<String>,
    pub message: Option<String>,
}

/// The list a 400 carries its errors in, under a name. The rendered schema names it
/// `fieldErrors` in one version and not at all in the other, so `errors` is read too, and
/// `failure::error_detail` reads a bare list when this shape does not fit (what
/// `#[serde(untagged)]` did, without buffering the body in serde's `Content`, whose reader was a
/// copy of these types' reading).
#[derive(Debug, Deserialize)]
pub(super) struct NamedFieldErrors {
    #[serde(alias = "errors", rename = "fieldErrors")]
    pub field_errors: Vec<FieldError>,
}

/// The Pickup Point API's answer: `{ "pickupPoint": [ … ] }`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PickupPoints {
    /// Kept as raw JSON so that one point of an unexpected shape costs only that point.
    #[serde(default, deserialize_with = "list")]
    pub pickup_point: Vec<Part>,
}

/// One pickup point. Every value is a string except `latitude` and `longitude`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PickupPoint {
    pub id: Text,
    pub name: String,
    /// The street address to show the shopper; `address`/`postalCode` is the postbox address for
    /// the label (visitingaddress.md, notes/03-bring.md §1.2).
    pub visiting_address: Option<String>,
    pub visiting_postal_code: Option<String>,
    pub visiting_city: Option<String>,
    pub country_code: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// `"1.3"`, by road (`distanceType` `DRIVING_DISTANCE`) or by air; `""` when Bring has no
    /// distance (the lookup by id).
    pub distance_in_km: Option<Text>,
    /// Only in the lookup by id.
    #[serde(default, deserialize_with = "list")]
    pub opening_hours: Vec<StructuredHours>,
    pub opening_hours_english: Option<String>,
    pub opening_hours_norwegian: Option<String>,
    pub opening_hours_swedish: Option<String>,
    pub opening_hours_danish: Option<String>,
    pub opening_hours_finnish: Option<String>,
    /// The kind of place, a number as a string (`"4"` Post i Butikk, `"1"` Bedriftssenter, …;
    /// pickup-point__index.md) or a word in Finland (`"LOCKER"`).
    pub r#type: Option<Text>,
    /// A locker's largest parcel, in centimetres (pickup-point__index.md); read leniently, as a
    /// place is worth offering when its limits cannot be read.
    #[serde(default, deserialize_with = "lenient_dimensions")]
    pub max_parcel_dimensions: Option<MaxParcelDimensions>,
}

/// `{"length": 44.5, "width": 50.5, "height": 60.0}`.
#[derive(Debug, Deserialize)]
pub(super) struct MaxParcelDimensions {
    pub length: Option<f64>,
    pub width: Option<f64>,
    pub height: Option<f64>,
}

fn lenient_dimensions<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<MaxParcelDimensions>, D::Error> {
    let part = Part::deserialize(deserializer)?;
    Ok(read_value(&part))
}

/// A part of a product read on its own, like a product in its answer ([`Part`]): a value of
/// another shape is `Unreadable` rather than the end of the product, and the reader names it in a
/// warning. `null` and a missing field are `None` around it.
#[derive(Debug)]
pub(super) enum Lenient<T> {
    Read(T),
    Unreadable,
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let part = Part::deserialize(deserializer)?;
        Ok(read_value(&part).map_or(Lenient::Unreadable, Lenient::Read))
    }
}

/// `{"day": "MONDAY", "opening": "0700", "closing": "2200"}`.
#[derive(Debug, Deserialize)]
pub(super) struct StructuredHours {
    pub day: Option<String>,
    pub opening: Option<String>,
    pub closing: Option<String>,
}

/// A scalar Bring documents as a string, taken also as a number or a boolean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Text(pub String);

impl Text {
    pub fn as_str(&self) -> &str {
        self.0.trim()
    }

    /// The value as a whole number, when it is one.
    pub fn number<T: std::str::FromStr>(&self) -> Option<T> {
        self.as_str().parse().ok()
    }

    /// The value as a decimal number, when it is one: read by serde_json's number reader, which
    /// the answer is read with anyway (the standard library's would be one more in the bundle).
    pub fn decimal(&self) -> Option<f64> {
        serde_json::from_str(self.as_str()).ok()
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(text) => Ok(Text(text)),
            serde_json::Value::Number(number) => Ok(Text(number.to_string())),
            serde_json::Value::Bool(flag) => Ok(Text(flag.to_string())),
            _ => Err(serde::de::Error::custom("expected a string or a number")),
        }
    }
}

/// A list that may also be `null`, read as empty.
pub(super) fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}
