//! PostPlus (`postplus-api-overview.txt`, notes/02-postplus.md): parcels as an idempotent upsert
//! (`PUT /api/v1/parcels`, keyed on `identifiers.senderParcelNr`), their labels ("parcel prints",
//! base64 PDF or raw PDF), and the shipment flow (create, link parcels, prepare, submit).
//!
//! Parcel-level problems come back inside a 200 as `status.hasErrors` with `status.errorDetails`
//! strings, as the docs show; request-level ones as a 4xx `ProblemDetails` (see `errors.rs`).

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use serde_json::{json, Value};

use crate::state::lock;
use crate::{errors, ids, pdf, Sandbox};

/// Parcels and shipments, for the life of the process (or until `/__sandbox/reset`).
#[derive(Default)]
pub struct Book {
    parcels: Vec<Parcel>,
    shipments: Vec<Shipment>,
}

struct Parcel {
    id: u64,
    parcel_nr: String,
    sender_parcel_nr: String,
    /// The last request body for this parcel, as sent.
    request: Value,
    created_on: String,
    errors: Vec<String>,
    shipment_id: Option<u64>,
    bag_nr: Option<String>,
}

struct Shipment {
    id: u64,
    shipment_nr: String,
    kind: String,
    terminal_code: Option<String>,
    master_nr: Option<String>,
    arrival_info: Value,
    status: &'static str,
    created_on: String,
    submitted_on: Option<String>,
    submit_token: Option<String>,
}

/// Ids start high enough to look like real ones, and differ by kind so a mix-up shows.
const FIRST_PARCEL_ID: u64 = 1001;
const FIRST_SHIPMENT_ID: u64 = 501;
const PRINT_ID_OFFSET: u64 = 7_000_000;

/// `PUT /api/v1/parcels`: one parcel object, or an array of them (answered in kind).
pub async fn upsert_parcels(State(sandbox): State<Arc<Sandbox>>, body: Bytes) -> Response {
    let request = match json_body(&body) {
        Ok(request) => request,
        Err(refusal) => return refusal,
    };
    let items: Vec<&Value> = match &request {
        Value::Array(items) => items.iter().collect(),
        single => vec![single],
    };
    if let Some(position) = items
        .iter()
        .position(|item| sender_parcel_nr(item).is_none())
    {
        let detail = format!("identifiers.senderParcelNr is required (parcel {position})");
        return errors::postplus(StatusCode::BAD_REQUEST, &detail);
    }
    let mut book = lock(&sandbox.postplus);
    let mut answers = Vec::new();
    for item in items {
        let (index, created) = book.upsert(item);
        if created {
            sandbox.control.count("postplus.parcels.created");
        }
        let include_contents = item
            .get("includeLastPrintContents")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        answers.push(book.parcel_json(&book.parcels[index], include_contents));
    }
    match request {
        Value::Array(_) => Json(Value::Array(answers)).into_response(),
        _ => Json(answers.pop().unwrap_or(Value::Null)).into_response(),
    }
}

/// `GET /api/v1/parcels/{parcelId}`.
pub async fn parcel_by_id(State(sandbox): State<Arc<Sandbox>>, Path(id): Path<String>) -> Response {
    let id: Option<u64> = id.parse().ok();
    find_parcel(&sandbox, |parcel| Some(parcel.id) == id)
}

/// `GET /api/v1/parcels/sender-parcel-nrs/{senderParcelNr}`.
pub async fn parcel_by_sender_parcel_nr(
    State(sandbox): State<Arc<Sandbox>>,
    Path(nr): Path<String>,
) -> Response {
    find_parcel(&sandbox, |parcel| parcel.sender_parcel_nr == nr)
}

/// `GET /api/v1/parcels/parcel-nrs/{parcelNr}`.
pub async fn parcel_by_parcel_nr(
    State(sandbox): State<Arc<Sandbox>>,
    Path(nr): Path<String>,
) -> Response {
    find_parcel(&sandbox, |parcel| parcel.parcel_nr == nr)
}

/// `GET /api/v1/parcels/parcel-prints/{labelId}?IncludeContents=true`.
pub async fn print(
    State(sandbox): State<Arc<Sandbox>>,
    Path(print_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let book = lock(&sandbox.postplus);
    match book.printed_parcel(&print_id) {
        Some(parcel) => Json(print_json(parcel, flag(&query, "IncludeContents"))).into_response(),
        None => errors::postplus(
            StatusCode::NOT_FOUND,
            &format!("Parcel print {print_id} was not found"),
        ),
    }
}

/// `GET /api/v1/parcels/parcel-prints/get-many?ids=1,2&IncludeContents=true`: `{prints: [...]}`.
pub async fn prints_many(
    State(sandbox): State<Arc<Sandbox>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let book = lock(&sandbox.postplus);
    let include_contents = flag(&query, "IncludeContents");
    let prints: Vec<Value> = query
        .get("ids")
        .map(String::as_str)
        .unwrap_or_default()
        .split(',')
        .filter_map(|id| book.printed_parcel(id.trim()))
        .map(|parcel| print_json(parcel, include_contents))
        .collect();
    Json(json!({ "prints": prints })).into_response()
}

/// `GET /api/v1/documents/parcel-prints/{labelId}`: the label itself, `application/pdf`.
pub async fn label_document(
    State(sandbox): State<Arc<Sandbox>>,
    Path(print_id): Path<String>,
) -> Response {
    let book = lock(&sandbox.postplus);
    match book.printed_parcel(&print_id) {
        Some(parcel) => ([(CONTENT_TYPE, "application/pdf")], label_pdf(parcel)).into_response(),
        None => errors::postplus(
            StatusCode::NOT_FOUND,
            &format!("Parcel print {print_id} was not found"),
        ),
    }
}

/// `GET /api/v1/documents/shipment-documents/{id}`: a submitted shipment's document, as PDF bytes
/// (notes §3.5).
pub async fn shipment_document(
    State(sandbox): State<Arc<Sandbox>>,
    Path(asked): Path<String>,
) -> Response {
    let book = lock(&sandbox.postplus);
    let found = asked.parse::<u64>().ok().and_then(|wanted| {
        book.shipments
            .iter()
            .filter(|s| s.status == "Manifested")
            .find_map(|s| {
                (0..2)
                    .find(|i| document_id(s.id, *i) == wanted)
                    .map(|i| (s, i))
            })
    });
    match found {
        Some((shipment, index)) => {
            let kind = if index == 0 { "CN38" } else { "CN35" };
            let lines = [
                format!("PostPlus - SANDBOX {kind}, NOT FOR SHIPPING"),
                format!("Shipment {}", shipment.shipment_nr),
            ];
            ([(CONTENT_TYPE, "application/pdf")], pdf::label(&lines)).into_response()
        }
        None => errors::postplus(
            StatusCode::NOT_FOUND,
            &format!("Shipment document {asked} was not found"),
        ),
    }
}

/// The id of a shipment's `index`th document.
fn document_id(shipment_id: u64, index: usize) -> u64 {
    shipment_id * 10 + index as u64 + 1
}

/// The link refusal for a parcel meeting `shipment` once it is submitted (`Manifested`), in the
/// words of notes §2.4's example error; `None` while it takes parcels.
fn manifested(shipment: &Shipment) -> Option<String> {
    (shipment.status == "Manifested").then(|| {
        format!(
            "Parcel is already linked to manifested shipment {}",
            shipment.shipment_nr
        )
    })
}

/// `POST /api/v1/parcels/update-references-many`: sets a bag number and/or links parcels to a
/// shipment. The id lists are comma-separated strings, as documented.
pub async fn update_references_many(State(sandbox): State<Arc<Sandbox>>, body: Bytes) -> Response {
    let request = match json_body(&body) {
        Ok(request) => request,
        Err(refusal) => return refusal,
    };
    let list = |name: &str| -> Vec<String> {
        request
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let bag_nr = request
        .get("updateBagNr")
        .and_then(Value::as_str)
        .map(str::to_owned);
    // A number in the schema (`"linkShipmentId": 0`, notes §2.4): another type is refused, not
    // read as "no shipment" with the parcels reported linked.
    let link_shipment = match request.get("linkShipmentId") {
        None | Some(Value::Null) => None,
        Some(value) => match value.as_u64() {
            Some(id) => Some(id).filter(|id| *id != 0),
            None => {
                return errors::postplus(
                    StatusCode::BAD_REQUEST,
                    "linkShipmentId must be a whole number",
                )
            }
        },
    };
    let allow_partial = request
        .get("allowPartialSuccess")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let mut book = lock(&sandbox.postplus);
    let shipment_problem = link_shipment.and_then(|id| match book.shipment(id) {
        None => Some(format!("Shipment {id} was not found")),
        Some(shipment) => manifested(shipment),
    });
    let wanted: Vec<(&str, String)> = [
        ("id", "ids"),
        ("parcelNr", "parcelNrs"),
        ("senderParcelNr", "senderParcelNrs"),
    ]
    .into_iter()
    .flat_map(|(key, field)| list(field).into_iter().map(move |value| (key, value)))
    .collect();
    let mut linked = Vec::new();
    let mut failed = Vec::new();
    for (key, value) in wanted {
        let found = book.parcels.iter().position(|p| match key {
            "id" => p.id.to_string() == value,
            "parcelNr" => p.parcel_nr == value,
            _ => p.sender_parcel_nr == value,
        });
        // A parcel in a submitted (manifested) shipment has left with it: it is not moved to
        // another shipment, and the refusal names the one it is in (notes §2.4's example error).
        let manifested_in = found
            .and_then(|index| book.parcels[index].shipment_id)
            .filter(|id| Some(*id) != link_shipment)
            .and_then(|id| book.shipment(id))
            .and_then(manifested);
        match (found, &shipment_problem) {
            (None, _) => failed
                .push(json!({ "identifiers": { key: value }, "error": "Parcel was not found" })),
            (Some(index), Some(problem)) => failed.push(book.reference_json(index, Some(problem))),
            (Some(index), None) if manifested_in.is_some() => {
                failed.push(book.reference_json(index, manifested_in.as_deref()));
            }
            (Some(index), None) if !book.parcels[index].errors.is_empty() => {
                failed.push(
                    book.reference_json(index, Some("Parcel has errors and cannot be linked")),
                );
            }
            (Some(index), None) => linked.push(index),
        }
    }
    if failed.is_empty() || allow_partial {
        for index in &linked {
            let parcel = &mut book.parcels[*index];
            if let Some(bag_nr) = &bag_nr {
                parcel.bag_nr = Some(bag_nr.clone());
            }
            if link_shipment.is_some() {
                parcel.shipment_id = link_shipment;
            }
        }
        // A parcel linked after `prepare` is not in what it prepared: its token no longer
        // submits the shipment, which must be prepared again (notes §3.2-3.3).
        if let Some(shipment) = link_shipment
            .filter(|_| !linked.is_empty())
            .and_then(|id| book.shipments.iter_mut().find(|s| s.id == id))
        {
            shipment.submit_token = None;
        }
    } else {
        linked.clear();
    }
    let parcels: Vec<Value> = linked
        .iter()
        .map(|index| book.reference_json(*index, None))
        .collect();
    Json(json!({
        "successParcelsCount": parcels.len(),
        "failedParcelsCount": failed.len(),
        "parcels": parcels,
        "failedParcels": failed,
        "bagNrs": bag_nr.into_iter().collect::<Vec<_>>(),
    }))
    .into_response()
}

/// `POST /api/v1/shipments`: creates a shipment, or with `updateIfExists` updates the one with
/// the same `shipmentNr` (its `type` and `terminalCode` must match).
pub async fn create_shipment(State(sandbox): State<Arc<Sandbox>>, body: Bytes) -> Response {
    let request = match json_body(&body) {
        Ok(request) => request,
        Err(refusal) => return refusal,
    };
    let text = |name: &str| request.get(name).and_then(Value::as_str).map(str::to_owned);
    let (Some(shipment_nr), Some(kind)) = (text("shipmentNr"), text("type")) else {
        return errors::postplus(StatusCode::BAD_REQUEST, "shipmentNr and type are required");
    };
    let update_if_exists = request
        .get("updateIfExists")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let arrival_info = request.get("arrivalInfo").cloned().unwrap_or(Value::Null);
    let mut book = lock(&sandbox.postplus);
    if let Some(existing) = book
        .shipments
        .iter_mut()
        .find(|s| s.shipment_nr == shipment_nr)
    {
        if !update_if_exists {
            let detail = format!("Shipment {shipment_nr} already exists");
            return errors::postplus(StatusCode::CONFLICT, &detail);
        }
        if existing.kind != kind || existing.terminal_code != text("terminalCode") {
            return errors::postplus(
                StatusCode::BAD_REQUEST,
                "type and terminalCode must match the existing shipment",
            );
        }
        if !matches!(existing.status, "Created" | "Manifested") {
            return errors::postplus(
                StatusCode::BAD_REQUEST,
                "Only Created or Manifested shipments can be updated",
            );
        }
        existing.arrival_info = arrival_info;
        existing.master_nr = text("masterNr").or(existing.master_nr.take());
        let id = existing.id;
        return Json(book.shipment_json(id)).into_response();
    }
    let id = FIRST_SHIPMENT_ID + book.shipments.len() as u64;
    book.shipments.push(Shipment {
        id,
        shipment_nr,
        kind,
        terminal_code: text("terminalCode"),
        master_nr: text("masterNr"),
        arrival_info,
        status: "Created",
        created_on: now(),
        submitted_on: None,
        submit_token: None,
    });
    sandbox.control.count("postplus.shipments.created");
    Json(book.shipment_json(id)).into_response()
}

/// `GET /api/v1/shipments/{id}`: the shipment with its bags.
pub async fn shipment(State(sandbox): State<Arc<Sandbox>>, Path(id): Path<String>) -> Response {
    let book = lock(&sandbox.postplus);
    match book.shipment_id(&id) {
        Some(id) => Json(book.shipment_json(id)).into_response(),
        None => shipment_not_found(&id),
    }
}

/// `DELETE /api/v1/shipments/{id}`: unlinks its parcels; a submitted shipment cannot be deleted.
pub async fn delete_shipment(
    State(sandbox): State<Arc<Sandbox>>,
    Path(id): Path<String>,
) -> Response {
    let mut book = lock(&sandbox.postplus);
    let Some(id) = book.shipment_id(&id) else {
        return shipment_not_found(&id);
    };
    if book.shipment(id).is_some_and(|s| s.status == "Manifested") {
        return errors::postplus(
            StatusCode::CONFLICT,
            "A submitted shipment cannot be deleted",
        );
    }
    book.shipments.retain(|s| s.id != id);
    for parcel in book
        .parcels
        .iter_mut()
        .filter(|p| p.shipment_id == Some(id))
    {
        parcel.shipment_id = None;
    }
    StatusCode::NO_CONTENT.into_response()
}

/// `POST /api/v1/shipments/{id}/prepare`: issues the `shipmentSubmitToken`, or a warning when the
/// shipment has no parcels. A success answers the token and nothing else: all the notes promise
/// of it (§3.2, "the response carries `shipmentSubmitToken`"), so a client that reads more from
/// it fails here rather than in production. A refusal is the shipment, whose `status` carries
/// the warning (§3.2: "the client reads `status.warningDetails[0]`").
pub async fn prepare_shipment(
    State(sandbox): State<Arc<Sandbox>>,
    Path(id): Path<String>,
) -> Response {
    let mut book = lock(&sandbox.postplus);
    let Some(id) = book.shipment_id(&id) else {
        return shipment_not_found(&id);
    };
    let has_parcels = book
        .parcels
        .iter()
        .any(|p| p.shipment_id == Some(id) && !is_cancelled(p));
    if let Some(shipment) = book.shipments.iter_mut().find(|s| s.id == id) {
        if has_parcels && shipment.status == "Created" {
            let token = ids::random_hex(32);
            shipment.submit_token = Some(token.clone());
            return Json(json!({ "shipmentSubmitToken": token })).into_response();
        }
    }
    Json(book.shipment_json(id)).into_response()
}

/// `POST /api/v1/shipments/{id}/submit` `{"shipmentSubmitToken": ..}`: closes the shipment
/// (status `Manifested`). Submitting again with the same token answers the same shipment.
pub async fn submit_shipment(
    State(sandbox): State<Arc<Sandbox>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let token: Option<String> = serde_json::from_slice::<Value>(&body).ok().and_then(|v| {
        v.get("shipmentSubmitToken")
            .and_then(Value::as_str)
            .map(str::to_owned)
    });
    let mut book = lock(&sandbox.postplus);
    let Some(id) = book.shipment_id(&id) else {
        return shipment_not_found(&id);
    };
    let Some(shipment) = book.shipments.iter_mut().find(|s| s.id == id) else {
        return shipment_not_found(&id.to_string());
    };
    if token.is_none() || shipment.submit_token != token {
        return errors::postplus(
            StatusCode::BAD_REQUEST,
            "The shipmentSubmitToken is missing or invalid; prepare the shipment first",
        );
    }
    if shipment.status != "Manifested" {
        shipment.status = "Manifested";
        shipment.submitted_on = Some(now());
        sandbox.control.count("postplus.shipments.submitted");
    }
    Json(book.shipment_json(id)).into_response()
}

impl Book {
    /// Creates or updates the parcel `item` identifies; returns its index and whether it is new.
    fn upsert(&mut self, item: &Value) -> (usize, bool) {
        let sender_parcel_nr = sender_parcel_nr(item).unwrap_or_default();
        let errors = parcel_errors(item);
        if let Some(index) = self
            .parcels
            .iter()
            .position(|p| p.sender_parcel_nr == sender_parcel_nr)
        {
            let parcel = &mut self.parcels[index];
            parcel.request = item.clone();
            parcel.errors = errors;
            if let Some(bag_nr) = item.pointer("/references/bagNr").and_then(Value::as_str) {
                parcel.bag_nr = Some(bag_nr.to_owned());
            }
            return (index, false);
        }
        let id = FIRST_PARCEL_ID + self.parcels.len() as u64;
        let parcel_nr = item
            .pointer("/identifiers/parcelNr")
            .and_then(Value::as_str)
            .map_or_else(|| tracking_number(id), str::to_owned);
        self.parcels.push(Parcel {
            id,
            parcel_nr,
            sender_parcel_nr,
            request: item.clone(),
            created_on: now(),
            errors,
            shipment_id: item
                .get("shipmentId")
                .and_then(Value::as_u64)
                .filter(|id| *id != 0),
            bag_nr: item
                .pointer("/references/bagNr")
                .and_then(Value::as_str)
                .map(str::to_owned),
        });
        (self.parcels.len() - 1, true)
    }

    fn shipment(&self, id: u64) -> Option<&Shipment> {
        self.shipments.iter().find(|s| s.id == id)
    }

    fn shipment_id(&self, id: &str) -> Option<u64> {
        let id: u64 = id.parse().ok()?;
        self.shipment(id).map(|s| s.id)
    }

    /// The parcel whose label has print id `print_id` (only parcels without errors have one).
    fn printed_parcel(&self, print_id: &str) -> Option<&Parcel> {
        let id = print_id.parse::<u64>().ok()?.checked_sub(PRINT_ID_OFFSET)?;
        self.parcels
            .iter()
            .find(|p| p.id == id && p.errors.is_empty())
    }

    fn references_json(&self, parcel: &Parcel) -> Value {
        let shipment = parcel.shipment_id.and_then(|id| self.shipment(id));
        json!({
            "shipmentId": parcel.shipment_id.unwrap_or(0),
            "shipmentNr": shipment.map(|s| s.shipment_nr.clone()),
            "bagNr": parcel.bag_nr,
            "carrier": "PostPlus",
            "carrierServiceCode": parcel.request.pointer("/additionalInfo/serviceCode"),
            "carrierParcelNr": parcel.parcel_nr,
            "manifestParcelNr": null,
            "printId": print_id(parcel),
        })
    }

    fn reference_json(&self, index: usize, error: Option<&str>) -> Value {
        let parcel = &self.parcels[index];
        json!({ "identifiers": identifiers_json(parcel), "references": self.references_json(parcel), "error": error })
    }

    fn parcel_json(&self, parcel: &Parcel, include_print_contents: bool) -> Value {
        let request = &parcel.request;
        let section = |name: &str| request.get(name).cloned().unwrap_or(Value::Null);
        let mut details = section("parcel");
        let destination = request
            .pointer("/receiver/countryCode")
            .cloned()
            .unwrap_or(Value::Null);
        if let Value::Object(fields) = &mut details {
            let items = fields
                .get("items")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            fields.insert("destinationCountryCode".to_owned(), destination);
            fields.insert("parcelItems".to_owned(), json!(items));
        }
        let mut receiver = section("receiver");
        // PostPlus documents `warningDetails` only as strings; the sandbox notes the one change
        // it makes itself (a phone number written with spaces or dashes), so a booking has a
        // warning to show the merchant.
        let mut warnings: Vec<&str> = Vec::new();
        if let Value::Object(fields) = &mut receiver {
            let given = fields.get("phone").and_then(Value::as_str);
            let phone = given.map(normalize_phone);
            if given.is_some_and(|given| Some(given) != phone.as_deref()) {
                warnings.push("Receiver phone was normalized");
            }
            fields.insert("phoneNormalized".to_owned(), json!(phone));
        }
        let prints: Vec<Value> = print_id(parcel)
            .map(|_| print_json(parcel, include_print_contents))
            .into_iter()
            .collect();
        json!({
            "identifiers": identifiers_json(parcel),
            "references": self.references_json(parcel),
            "status": {
                "status": if is_cancelled(parcel) { "Cancelled" } else { "Created" },
                "hasErrors": !parcel.errors.is_empty(),
                "hasWarnings": !warnings.is_empty(),
                "isCancelled": is_cancelled(parcel),
                "createdOn": parcel.created_on,
                "errorDetails": parcel.errors,
                "warningDetails": warnings,
            },
            "parcel": details,
            "receiver": receiver,
            "sender": section("sender"),
            "additionalInfo": section("additionalInfo"),
            "prints": prints,
        })
    }

    fn shipment_json(&self, id: u64) -> Value {
        let Some(shipment) = self.shipment(id) else {
            return Value::Null;
        };
        let parcels: Vec<&Parcel> = self
            .parcels
            .iter()
            .filter(|p| p.shipment_id == Some(id))
            .collect();
        let (cancelled, active): (Vec<&Parcel>, Vec<&Parcel>) =
            parcels.iter().partition(|p| is_cancelled(p));
        let weight = |list: &[&Parcel]| -> f64 { list.iter().map(|p| gross_weight(p)).sum() };
        let mut bag_nrs: Vec<&str> = active.iter().filter_map(|p| p.bag_nr.as_deref()).collect();
        bag_nrs.sort_unstable();
        bag_nrs.dedup();
        let bags: Vec<Value> = bag_nrs
            .iter()
            .enumerate()
            .map(|(i, bag_nr)| {
                let in_bag: Vec<&Parcel> = active
                    .iter()
                    .copied()
                    .filter(|p| p.bag_nr.as_deref() == Some(bag_nr))
                    .collect();
                json!({
                    "id": id * 100 + i as u64 + 1,
                    "bagNr": bag_nr,
                    "status": shipment.status,
                    "totalItems": in_bag.len(),
                    "totalWeight": weight(&in_bag),
                    "hasErrors": false,
                    "hasWarnings": false,
                    "errorDetails": [],
                    "warningDetails": [],
                })
            })
            .collect();
        let submitted = shipment.status == "Manifested";
        // Once submitted, the shipment's documents (notes §3.4: the CN38 first, then CN35s), each
        // fetched at /api/v1/documents/shipment-documents/{id}.
        let documents: Vec<Value> = if submitted {
            ["CN38", "CN35"]
                .iter()
                .enumerate()
                .map(|(i, kind)| {
                    json!({ "id": document_id(id, i), "fileType": kind, "fileFormat": "Pdf", "status": "Saved" })
                })
                .collect()
        } else {
            Vec::new()
        };
        let warnings: Vec<&str> = if active.is_empty() {
            vec!["No parcels in shipment"]
        } else {
            Vec::new()
        };
        json!({
            "status": {
                "status": shipment.status,
                "hasErrors": false,
                "hasWarnings": !warnings.is_empty(),
                "canUpdate": !submitted,
                "canUpdateArrivalInfoAndShipmentNr": !submitted,
                "canPrepare": !submitted && !active.is_empty(),
                "canSubmit": !submitted && shipment.submit_token.is_some(),
                "createdOn": shipment.created_on,
                "submittedOn": shipment.submitted_on,
                "errorDetails": [],
                "warningDetails": warnings,
            },
            "arrivalInfo": shipment.arrival_info,
            "type": shipment.kind,
            "transactionType": "B2C",
            "manifestLevel": "Parcel",
            "shipmentSubmitToken": shipment.submit_token,
            "isProcessing": false,
            "id": shipment.id,
            "shipmentNr": shipment.shipment_nr,
            "masterNr": shipment.master_nr,
            "terminalCode": shipment.terminal_code,
            "totalItems": active.len(),
            "totalItemsCancelled": cancelled.len(),
            "totalWeight": weight(&active),
            "totalWeightCancelled": weight(&cancelled),
            "totalBags": bags.len(),
            "parcelWarnings": 0,
            "parcelErrors": active.iter().filter(|p| !p.errors.is_empty()).count(),
            "bags": bags,
            "manifestFiles": [],
            "documents": documents,
        })
    }
}

fn find_parcel(sandbox: &Sandbox, matches: impl Fn(&Parcel) -> bool) -> Response {
    let book = lock(&sandbox.postplus);
    match book.parcels.iter().find(|parcel| matches(parcel)) {
        Some(parcel) => Json(book.parcel_json(parcel, false)).into_response(),
        None => errors::postplus(StatusCode::NOT_FOUND, "Parcel was not found"),
    }
}

/// The request body as JSON, or PostPlus's 400 for a body that is not.
fn json_body(body: &[u8]) -> Result<Value, Response> {
    serde_json::from_slice(body).map_err(|error| {
        errors::postplus(
            StatusCode::BAD_REQUEST,
            &format!("Invalid JSON body: {error}"),
        )
    })
}

fn shipment_not_found(id: &str) -> Response {
    errors::postplus(
        StatusCode::NOT_FOUND,
        &format!("Shipment {id} was not found"),
    )
}

fn sender_parcel_nr(item: &Value) -> Option<String> {
    item.pointer("/identifiers/senderParcelNr")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// What makes a parcel unprintable: the receiver fields a label needs, a weight, a service code.
fn parcel_errors(item: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    for (pointer, name) in [
        ("/receiver/name", "Receiver name"),
        ("/receiver/address", "Receiver address"),
        ("/receiver/zipCode", "Receiver zip code"),
        ("/receiver/city", "Receiver city"),
        ("/receiver/countryCode", "Receiver country code"),
        ("/additionalInfo/serviceCode", "Service code"),
    ] {
        if item
            .pointer(pointer)
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
        {
            errors.push(format!("{name} is required"));
        }
    }
    if item
        .pointer("/parcel/parcelGrossWeight")
        .and_then(Value::as_f64)
        .is_none_or(|kg| kg <= 0.0)
    {
        errors.push("Parcel gross weight must be greater than 0".to_owned());
    }
    errors
}

fn is_cancelled(parcel: &Parcel) -> bool {
    parcel
        .request
        .pointer("/status/isCancelled")
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

fn gross_weight(parcel: &Parcel) -> f64 {
    parcel
        .request
        .pointer("/parcel/parcelGrossWeight")
        .and_then(Value::as_f64)
        .unwrap_or(0.0)
}

fn print_id(parcel: &Parcel) -> Option<u64> {
    parcel
        .errors
        .is_empty()
        .then_some(PRINT_ID_OFFSET + parcel.id)
}

fn identifiers_json(parcel: &Parcel) -> Value {
    json!({ "id": parcel.id, "parcelNr": parcel.parcel_nr, "senderParcelNr": parcel.sender_parcel_nr })
}

/// The documented print object; `content` is the base64 PDF when asked for.
fn print_json(parcel: &Parcel, include_contents: bool) -> Value {
    let label = label_pdf(parcel);
    json!({
        "format": "Pdf",
        "type": "PostalLabel",
        "labelSize": "Default",
        "id": print_id(parcel),
        "provider": "Postal",
        "bytes": label.len(),
        "content": include_contents.then(|| pdf::base64(&label)),
        "hasErrors": false,
        "subTypes": [],
        "barcodes": [ parcel.parcel_nr ],
        "errorDetails": [],
    })
}

fn label_pdf(parcel: &Parcel) -> Vec<u8> {
    let field = |pointer: &str| {
        parcel
            .request
            .pointer(pointer)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    pdf::label(&[
        "PostPlus - SANDBOX LABEL, NOT FOR SHIPPING".to_owned(),
        parcel.parcel_nr.clone(),
        format!("Ref: {}", parcel.sender_parcel_nr),
        field("/receiver/name"),
        field("/receiver/address"),
        format!("{} {}", field("/receiver/zipCode"), field("/receiver/city")),
        field("/receiver/countryCode"),
    ])
}

/// A UPU S10 number ("PP" + 8 digits + check digit + "NL"), as postal operators print them.
fn tracking_number(id: u64) -> String {
    let serial = format!("{:08}", id % 100_000_000);
    let weighted: u32 = serial
        .bytes()
        .zip([8, 6, 4, 2, 3, 5, 9, 7])
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    let check = match 11 - weighted % 11 {
        10 => 0,
        11 => 5,
        n => n,
    };
    format!("PP{serial}{check}NL")
}

fn normalize_phone(phone: &str) -> String {
    phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect()
}

fn flag(query: &HashMap<String, String>, name: &str) -> bool {
    query
        .get(name)
        .is_some_and(|value| value.eq_ignore_ascii_case("true"))
}

fn now() -> String {
    Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}
