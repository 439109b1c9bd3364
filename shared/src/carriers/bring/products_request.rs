//! The Shipping Guide v2 request: `POST {products_url}` with one consignment.
//!
//! Field names and flags are the v2 body schema and its request example
//! (bring-shipping-guide-api.txt, "Body schema" and "Request examples"; callingsg.md).

use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::Serialize;

use super::config::{BringConfig, BringCredentials};
use super::shipping_date::shipping_plan;
use crate::carriers::{Method, OutboundRequest};
use crate::locale::Locale;
use crate::quote::Quote;

/// The Shipping Guide request for `quote`: one consignment from the shop's sender address to the
/// recipient, one package per parcel, and the services the shop offers to the recipient's country
/// (see [`BringConfig::services_for`]; the edge skips Bring when that list is empty).
///
/// `now` decides the shipping date: see [`BringConfig::cutoff`].
pub fn products_request(
    quote: &Quote,
    config: &BringConfig,
    credentials: &BringCredentials,
    now: DateTime<Utc>,
) -> OutboundRequest {
    let shipping = shipping_plan(config, now).shipping;
    let recipient = &quote.recipient;
    let body = ProductsRequest {
        consignments: vec![Consignment {
            id: "1",
            from_country_code: config.from_country.code(),
            from_postal_code: &config.from_postal_code,
            to_country_code: recipient.country.code(),
            to_postal_code: &recipient.postal_code,
            // Bring computes lead time per street address, not only per postal code
            // (the 30 June 2022 update); the city is in the v2 schema as `toCity`.
            address_line: recipient.street_address.as_deref(),
            to_city: recipient.city.as_deref(),
            shipping_date: ShippingDate {
                year: shipping.year().to_string(),
                month: two_digits(shipping.month()),
                day: two_digits(shipping.day()),
                hour: two_digits(shipping.hour()),
                minute: two_digits(shipping.minute()),
            },
            packages: quote
                .parcels
                .iter()
                .enumerate()
                .map(|(index, parcel)| Package {
                    id: (index + 1).to_string(),
                    gross_weight: parcel.weight_grams,
                    length: parcel.length_cm,
                    width: parcel.width_cm,
                    height: parcel.height_cm,
                })
                .collect(),
            products: config
                .services_for(recipient.country)
                .iter()
                .map(|id| Product {
                    id,
                    customer_number: config.customer_number_for(id),
                })
                .collect(),
        }],
        language: language(quote.locale),
        with_price: true,
        with_expected_delivery: true,
        with_gui_information: true,
        with_environmental_data: true,
        number_of_alternative_delivery_dates: config.alternative_dates,
        // Without it Bring may repeat a date among the alternatives (as its own example does).
        with_unique_alternate_delivery_dates: (config.alternative_dates > 0).then_some(true),
    };
    let mut headers = credentials.headers(&config.client_url);
    headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
    OutboundRequest {
        method: Method::Post,
        url: config.products_url.clone(),
        headers,
        // Serializing these plain structs cannot fail; an empty body would be refused by Bring
        // with a 400, which the edge reports like any other.
        body: Some(serde_json::to_string(&body).unwrap_or_default()),
    }
}

/// Bring's `language`: `NO`, `SE`, `DK` or `EN` (callingsg.md, and the schema in
/// `bring-shipping-guide-api.txt`). The v2 request's schema in the updates document lists `NO`,
/// `SE`, `SV`, `DA` and `EN` instead, without `DK`; a real client is reported sending `da`. The
/// documents disagree on Danish only: we keep `DK`, which two of them name (the sandbox takes
/// both). Finnish and German have no Bring texts, so those shoppers read English.
fn language(locale: Locale) -> &'static str {
    match locale {
        Locale::Nb => "NO",
        Locale::Sv => "SE",
        Locale::Da => "DK",
        Locale::En | Locale::Fi | Locale::De => "EN",
    }
}

/// Bring's date parts are strings; its examples write them with two digits (`"01"`, `"06"`).
fn two_digits(value: u32) -> String {
    format!("{value:02}")
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProductsRequest<'a> {
    consignments: Vec<Consignment<'a>>,
    language: &'static str,
    with_price: bool,
    with_expected_delivery: bool,
    with_gui_information: bool,
    with_environmental_data: bool,
    number_of_alternative_delivery_dates: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    with_unique_alternate_delivery_dates: Option<bool>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Consignment<'a> {
    id: &'static str,
    from_country_code: &'static str,
    from_postal_code: &'a str,
    to_country_code: &'static str,
    to_postal_code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_line: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to_city: Option<&'a str>,
    shipping_date: ShippingDate,
    packages: Vec<Package>,
    products: Vec<Product<'a>>,
}

#[derive(Serialize)]
struct ShippingDate {
    year: String,
    month: String,
    day: String,
    hour: String,
    minute: String,
}

/// Weight in grams and dimensions in centimetres, the units of the v2 schema.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Package {
    id: String,
    gross_weight: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    length: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    height: Option<u32>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Product<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    customer_number: Option<&'a str>,
}
