//! The day's shipment (PostPlus's manifest of parcels handed over together, notes §3): create it
//! once a day under a number made from the date, link each parcel to it, and at the end of the
//! day prepare and submit it.

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::carriers::{CarrierFailure, Method, OutboundRequest};

use super::config::PostPlusConfig;
use super::failure::{read, texts, BookingFailure, EntityStatus};
use super::request;

/// What PostPlus answered about a shipment: create and get answer the shipment object (notes
/// §3.1, §3.4); `prepare` and `submit` are documented with less (§3.2, §3.3), and their answers
/// are read onto the shipment they were sent for ([`parse_shipment_step`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostPlusShipment {
    /// PostPlus's shipment id, for the link, prepare and submit calls.
    pub id: u64,
    pub shipment_nr: Option<String>,
    /// `status.status`: `Created`, `Manifested`, … (notes §3.1).
    pub status: Option<String>,
    /// `status.canUpdate`.
    pub can_update: Option<bool>,
    /// `status.submittedOn`, as received.
    pub submitted_on: Option<String>,
    /// `shipmentSubmitToken`: present once `prepare` has accepted the shipment.
    pub submit_token: Option<String>,
    /// `totalItems`: parcels linked and not cancelled.
    pub total_items: Option<u64>,
    /// `status.warningDetails`, e.g. "No parcels in shipment" after a `prepare` that gave no token.
    pub warnings: Vec<String>,
}

impl PostPlusShipment {
    /// Whether the shipment has been submitted and takes no more parcels. Read from
    /// `submittedOn` and `canUpdate` rather than from `status`: the docs allow updating a
    /// shipment in `Manifested` status, and also report "Parcel is already linked to manifested
    /// shipment" as a link failure, so that word alone does not say which.
    pub fn is_closed(&self) -> bool {
        self.submitted_on.is_some() || self.can_update == Some(false)
    }
}

/// The `shipmentNr` of the day's shipment: the configured prefix and the date, `SHOP-20250912`.
/// The same date gives the same number, so every booking of a day finds the same shipment.
pub fn shipment_nr(date: NaiveDate, config: &PostPlusConfig) -> String {
    format!(
        "{}-{}",
        config.shipment.shipment_nr_prefix,
        crate::date_text::write_compact_date(date)
    )
}

/// `POST /api/v1/shipments` for the day `date`, with `updateIfExists: true`: the docs' "retry-safe
/// (idempotent)" form, which answers the existing shipment of that number instead of failing
/// (notes §3.1).
pub fn shipment_request(
    date: NaiveDate,
    config: &PostPlusConfig,
    api_key: &str,
) -> OutboundRequest {
    let settings = &config.shipment;
    let mut body = Map::new();
    body.insert("type".to_owned(), json!(settings.r#type));
    body.insert("shipmentNr".to_owned(), json!(shipment_nr(date, config)));
    if let Some(terminal) = &settings.terminal_code {
        body.insert("terminalCode".to_owned(), json!(terminal));
    }
    body.insert("updateIfExists".to_owned(), json!(true));
    post("/api/v1/shipments", Value::Object(body), config, api_key)
}

/// `POST /api/v1/parcels/update-references-many`: links the parcel `sender_parcel_nr` to the
/// shipment `shipment_id` and puts it in the day's bag, which is numbered like the shipment
/// (`shipment_nr`): one bag a day, as the docs link parcels "bag by bag". The id lists are
/// comma-separated strings, as documented (notes §2.4). Linking a linked parcel again changes
/// nothing.
pub fn link_request(
    shipment_id: u64,
    shipment_nr: Option<&str>,
    sender_parcel_nr: &str,
    config: &PostPlusConfig,
    api_key: &str,
) -> OutboundRequest {
    let mut body = Map::new();
    body.insert("senderParcelNrs".to_owned(), json!(sender_parcel_nr));
    if let Some(bag_nr) = shipment_nr {
        body.insert("updateBagNr".to_owned(), json!(bag_nr));
    }
    body.insert("linkShipmentId".to_owned(), json!(shipment_id));
    body.insert("allowPartialSuccess".to_owned(), json!(false));
    post(
        "/api/v1/parcels/update-references-many",
        Value::Object(body),
        config,
        api_key,
    )
}

/// `POST /api/v1/shipments/{id}/prepare` (notes §3.2): the client sends an empty JSON object.
pub fn prepare_request(
    shipment_id: u64,
    config: &PostPlusConfig,
    api_key: &str,
) -> OutboundRequest {
    post(
        &format!("/api/v1/shipments/{shipment_id}/prepare"),
        json!({}),
        config,
        api_key,
    )
}

/// `POST /api/v1/shipments/{id}/submit` with the token `prepare` gave (notes §3.3): closes the
/// shipment.
pub fn submit_request(
    shipment_id: u64,
    submit_token: &str,
    config: &PostPlusConfig,
    api_key: &str,
) -> OutboundRequest {
    post(
        &format!("/api/v1/shipments/{shipment_id}/submit"),
        json!({ "shipmentSubmitToken": submit_token }),
        config,
        api_key,
    )
}

/// The shipment object answered by create, prepare and submit. A shipment with
/// `status.hasErrors` is [`BookingFailure::Refused`]; a `prepare` without a token is not a
/// failure here (its warnings say why), as the caller decides what to do with an empty day.
pub fn parse_shipment(
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Result<PostPlusShipment, BookingFailure> {
    shipment_from(read(status, content_type, body)?, None)
}

/// `prepare`'s or `submit`'s answer about `before`, the shipment it was sent for. The notes
/// promise `prepare`'s answer only its `shipmentSubmitToken` (§3.2), and say of `submit` only
/// that the client then fetches the shipment (§3.3), so what an answer leaves out is kept from
/// `before`: a token alone is not read as a shipment without parcels, nor as an unreadable one.
/// What it does say (a refusal, warnings, `submittedOn`) is read as from any shipment answer.
pub fn parse_shipment_step(
    status: u16,
    content_type: Option<&str>,
    body: &str,
    before: &PostPlusShipment,
) -> Result<PostPlusShipment, BookingFailure> {
    shipment_from(read(status, content_type, body)?, Some(before))
}

/// The shipment an answer describes, its gaps filled from `before` when there is one; without
/// one, an answer must name its `id`.
fn shipment_from(
    shipment: ShipmentAnswer,
    before: Option<&PostPlusShipment>,
) -> Result<PostPlusShipment, BookingFailure> {
    let entity = shipment.status.unwrap_or_default();
    if let Some(refusal) = entity.refusal("shipment") {
        return Err(refusal);
    }
    let id = shipment.id.or(before.map(|b| b.id)).ok_or_else(|| {
        BookingFailure::Carrier(CarrierFailure::Malformed {
            detail: "the body is JSON not of the documented shape: `id` is missing".to_owned(),
        })
    })?;
    let kept =
        |from: fn(&PostPlusShipment) -> &Option<String>| before.and_then(|b| from(b).clone());
    Ok(PostPlusShipment {
        id,
        shipment_nr: shipment.shipment_nr.or_else(|| kept(|b| &b.shipment_nr)),
        status: entity.status.clone().or_else(|| kept(|b| &b.status)),
        can_update: entity.can_update.or(before.and_then(|b| b.can_update)),
        submitted_on: entity
            .submitted_on
            .clone()
            .or_else(|| kept(|b| &b.submitted_on)),
        submit_token: shipment
            .shipment_submit_token
            .filter(|t| !t.is_empty())
            .or_else(|| kept(|b| &b.submit_token)),
        total_items: shipment.total_items.or(before.and_then(|b| b.total_items)),
        warnings: entity.warnings(),
    })
}

/// The link's answer (notes §2.4): done when no parcel failed and ours (`sender_parcel_nr`) is
/// among the linked `parcels` without an `error` of its own. A failed parcel is
/// [`BookingFailure::Refused`] with its `error` ("Parcel is already linked to manifested
/// shipment SH001"); so is an answer that links other parcels but not ours.
pub fn parse_link(
    status: u16,
    content_type: Option<&str>,
    body: &str,
    sender_parcel_nr: &str,
) -> Result<(), BookingFailure> {
    let answer: LinkAnswer = read(status, content_type, body)?;
    let mut failed = answer.failed_parcels.unwrap_or_default();
    let parcels = answer.parcels.unwrap_or_default();
    let ours = parcels.iter().find(|parcel| {
        parcel
            .pointer("/identifiers/senderParcelNr")
            .and_then(Value::as_str)
            == Some(sender_parcel_nr)
    });
    // The docs' example lists a parcel under `parcels` with an `error`: that is not linked.
    if let Some(error) = ours
        .and_then(|parcel| parcel.get("error"))
        .and_then(Value::as_str)
    {
        // Listed in `failedParcels` too, as in the docs' example: said once.
        if !failed.iter().any(|f| f.error.as_deref() == Some(error)) {
            failed.push(FailedParcel {
                error: Some(error.to_owned()),
            });
        }
    }
    if !failed.is_empty() || answer.failed_parcels_count.unwrap_or(0) > 0 || ours.is_none() {
        let errors: Vec<String> = failed.into_iter().filter_map(|f| f.error).collect();
        let errors = texts(Some(&errors));
        return Err(BookingFailure::Refused {
            what: "link",
            errors: if errors.is_empty() {
                vec![format!("parcel {sender_parcel_nr} was not linked")]
            } else {
                errors
            },
        });
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ShipmentAnswer {
    /// Required in a create's or get's answer; `prepare` and `submit` may leave it out.
    id: Option<u64>,
    shipment_nr: Option<String>,
    status: Option<EntityStatus>,
    shipment_submit_token: Option<String>,
    total_items: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LinkAnswer {
    failed_parcels_count: Option<u64>,
    parcels: Option<Vec<Value>>,
    failed_parcels: Option<Vec<FailedParcel>>,
}

#[derive(Deserialize)]
struct FailedParcel {
    error: Option<String>,
}

/// A `POST` of the JSON `body` to `path`: every call on a shipment is one.
fn post(path: &str, body: Value, config: &PostPlusConfig, api_key: &str) -> OutboundRequest {
    request(Method::Post, config, path, api_key, Some(body))
}
