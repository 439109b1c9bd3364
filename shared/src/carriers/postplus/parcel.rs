//! The parcel: what we book ([`ParcelBooking`], made from a KSS shipment by
//! `kss::parcel_booking`), the upsert that books it
//! (`PUT /api/v1/parcels`, notes §2.1) and PostPlus's answer (the parcel object, notes §2.2).

use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::carriers::{Method, OutboundRequest};
use crate::error::Error;
use crate::model::{Currency, MinorUnits};
use crate::quote::Country;

use super::config::PostPlusConfig;
use super::failure::{read, BookingFailure, EntityStatus};
use super::label::Print;
use super::request;

/// The longest shipment id used as a `senderParcelNr` as it is. PostPlus documents no limit; its
/// examples are 12 to 13 characters long, and a UUID (36) fits with room to spare.
const MAX_SENDER_PARCEL_NR: usize = 50;

/// One parcel to book, in our terms (grams, minor units); [`parcel_request`] writes it in
/// PostPlus's (kilograms, decimal amounts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParcelBooking {
    /// `identifiers.senderParcelNr`: the upsert key, [`sender_parcel_nr`] of our shipment id.
    pub sender_parcel_nr: String,
    /// `additionalInfo.serviceCode`.
    pub service_code: String,
    pub receiver: Receiver,
    /// `parcel.currency`: the currency the shopper paid in.
    pub currency: Currency,
    /// `parcel.parcelGrossWeight`, in grams here.
    pub gross_weight_grams: u64,
    pub items: Vec<ParcelItem>,
}

/// PostPlus's `receiver`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receiver {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// One line: the c/o, the street address and its second line, joined by `, `.
    pub address: String,
    /// Digits only, as the country writes it for carriers (`11134`).
    pub zip_code: String,
    pub city: String,
    pub country: Country,
}

/// One `parcel.items[]` entry, from a physical KSS order line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParcelItem {
    pub description: String,
    /// `skuCode`: the order line's `reference`.
    pub sku_code: Option<String>,
    pub quantity: u32,
    /// `valuePerItem`: the line's `unit_price`, in minor units here.
    pub value_per_item: Option<MinorUnits>,
    /// `weightPerItem`: the line's `attributes.weight`, in grams here.
    pub weight_per_item_grams: Option<u64>,
}

/// What PostPlus answered about a booked parcel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookedParcel {
    /// PostPlus's parcel id (`identifiers.id`).
    pub id: u64,
    /// The tracking number (`identifiers.parcelNr`), which the client reads as such.
    pub parcel_nr: Option<String>,
    /// Our key, as PostPlus stored it.
    pub sender_parcel_nr: Option<String>,
    /// `status.status`, e.g. `Created`.
    pub status: Option<String>,
    /// The label's print id: `prints[0].id`, else `references.printId` (the client reads both).
    /// `None` while PostPlus has no label for it.
    pub print_id: Option<u64>,
    /// `status.warningDetails`: worth a log line, not a failure.
    pub warnings: Vec<String>,
}

/// The `senderParcelNr` of the parcel for our shipment `shipment_id`: the id itself. It is the
/// upsert key, so it must be the same on every attempt (it is: nothing but the id goes in) and
/// differ between shipments (it does: the id is unique, and taken unchanged). Readable in
/// PostPlus's portal, so a merchant can find a parcel by the id Klarna shows.
///
/// An id that is empty, longer than 50 characters, or has characters other than ASCII letters,
/// digits, `-` and `_` is refused rather than changed: changing it could make two ids one key.
pub fn sender_parcel_nr(shipment_id: &str) -> Result<String, Error> {
    let usable = !shipment_id.is_empty()
        && shipment_id.len() <= MAX_SENDER_PARCEL_NR
        && shipment_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if usable {
        Ok(shipment_id.to_owned())
    } else {
        Err(Error::Invalid {
            field: "shipment_id".to_owned(),
            problem: format!(
                "must be 1 to {MAX_SENDER_PARCEL_NR} ASCII letters, digits, `-` or `_` to key a \
                 PostPlus parcel"
            ),
        })
    }
}

/// `PUT /api/v1/parcels` for `booking`: an upsert keyed on `identifiers.senderParcelNr`, so
/// sending it again updates the same parcel (see the module's "Idempotency"). The body has the
/// sections of the docs' minimal example (notes §2.1) plus the sender, and asks PostPlus not to
/// put the label's PDF into the answer: we keep a reference, and fetch the PDF when it is printed.
pub fn parcel_request(
    booking: &ParcelBooking,
    config: &PostPlusConfig,
    api_key: &str,
) -> OutboundRequest {
    let mut parcel = Map::new();
    parcel.insert("transactionType".to_owned(), json!(config.transaction_type));
    if let Some(parcel_type) = &config.parcel_type {
        parcel.insert("type".to_owned(), json!(parcel_type));
    }
    parcel.insert(
        "parcelGrossWeight".to_owned(),
        kilograms(booking.gross_weight_grams),
    );
    parcel.insert("currency".to_owned(), json!(booking.currency.as_str()));
    let items: Vec<Value> = booking
        .items
        .iter()
        .map(|item| item_json(item, config))
        .collect();
    parcel.insert("items".to_owned(), Value::Array(items));

    let receiver = &booking.receiver;
    let sender = &config.sender;
    let body = json!({
        "identifiers": { "senderParcelNr": booking.sender_parcel_nr },
        "parcel": parcel,
        "additionalInfo": { "serviceCode": booking.service_code },
        "receiver": party(
            &receiver.name,
            receiver.phone.as_deref(),
            receiver.email.as_deref(),
            &receiver.address,
            &receiver.zip_code,
            &receiver.city,
            receiver.country,
        ),
        "sender": party(
            &sender.name,
            sender.phone.as_deref(),
            sender.email.as_deref(),
            &sender.address,
            &sender.zip_code,
            &sender.city,
            sender.country,
        ),
        "includeLastPrintContents": false,
    });
    request(Method::Put, config, "/api/v1/parcels", api_key, Some(body))
}

/// PostPlus's answer to the upsert: the parcel, or why not. A parcel with `status.hasErrors` is
/// [`BookingFailure::Refused`] with its `errorDetails`, although the status is 2xx (notes §2.2:
/// "validation problems can come back inside a 2xx body"); so is one with `status.isCancelled`,
/// which is not to be labelled and shipped as if booked.
pub fn parse_parcel(
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Result<BookedParcel, BookingFailure> {
    let parcel: ParcelAnswer = read(status, content_type, body)?;
    let entity = parcel.status.unwrap_or_default();
    if let Some(refusal) = entity.refusal("parcel") {
        return Err(refusal);
    }
    if entity.is_cancelled == Some(true) {
        return Err(BookingFailure::Refused {
            what: "parcel",
            errors: vec!["the parcel is cancelled in PostPlus".to_owned()],
        });
    }
    let print_id = parcel
        .prints
        .unwrap_or_default()
        .first()
        .and_then(|print| print.id)
        .or(parcel.references.and_then(|r| r.print_id));
    Ok(BookedParcel {
        id: parcel.identifiers.id,
        parcel_nr: parcel.identifiers.parcel_nr,
        sender_parcel_nr: parcel.identifiers.sender_parcel_nr,
        status: entity.status.clone(),
        print_id,
        warnings: entity.warnings(),
    })
}

/// The fields of the parcel object (notes §2.2) that a booking reads.
#[derive(Deserialize)]
struct ParcelAnswer {
    identifiers: Identifiers,
    references: Option<References>,
    status: Option<EntityStatus>,
    prints: Option<Vec<Print>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Identifiers {
    id: u64,
    parcel_nr: Option<String>,
    sender_parcel_nr: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct References {
    print_id: Option<u64>,
}

fn item_json(item: &ParcelItem, config: &PostPlusConfig) -> Value {
    let mut json = Map::new();
    json.insert("description".to_owned(), json!(item.description));
    if let Some(sku) = &item.sku_code {
        json.insert("skuCode".to_owned(), json!(sku));
    }
    if let Some(hs_code) = &config.hs_code {
        json.insert("hsCode".to_owned(), json!(hs_code));
    }
    json.insert("quantity".to_owned(), json!(item.quantity));
    if let Some(value) = item.value_per_item {
        json.insert("valuePerItem".to_owned(), decimal_amount(value));
    }
    if let Some(grams) = item.weight_per_item_grams {
        json.insert("weightPerItem".to_owned(), kilograms(grams));
    }
    Value::Object(json)
}

/// A `receiver` or `sender`: the same fields in both (notes §2.1's full schema); absent contact
/// fields are left out rather than sent empty.
fn party(
    name: &str,
    phone: Option<&str>,
    email: Option<&str>,
    address: &str,
    zip_code: &str,
    city: &str,
    country: Country,
) -> Value {
    let mut json = Map::new();
    json.insert("name".to_owned(), json!(name));
    if let Some(phone) = phone {
        json.insert("phone".to_owned(), json!(phone));
    }
    if let Some(email) = email {
        json.insert("email".to_owned(), json!(email));
    }
    json.insert("address".to_owned(), json!(address));
    json.insert("zipCode".to_owned(), json!(zip_code));
    json.insert("city".to_owned(), json!(city));
    json.insert("countryCode".to_owned(), json!(country.code()));
    Value::Object(json)
}

/// Grams as PostPlus's kilograms (`parcelGrossWeight: 0.15`). Dividing by 1000 in floating point
/// and printing the shortest form gives the decimal exactly (150 g is `0.15`, not
/// `0.15000000000000002`).
fn kilograms(grams: u64) -> Value {
    json!(grams as f64 / 1000.0)
}

/// Minor units as PostPlus's decimal amount (`valuePerItem: 1.25`), two decimals: the currencies
/// we sell in (NOK, SEK, DKK, EUR) all have two.
fn decimal_amount(minor: MinorUnits) -> Value {
    json!(minor as f64 / 100.0)
}
