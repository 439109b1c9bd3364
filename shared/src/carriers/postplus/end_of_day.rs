//! Closing the day's shipment and fetching its documents (notes §3: create, link, prepare,
//! submit, "5. Fetch documents"): the requests and answers an operator's end of day takes, and
//! what comes of it, [`DayReport`]. The edge runs the steps (a route and a Cron Trigger); which
//! step comes next is decided here, from what PostPlus answered, so that a second run of the
//! same day repeats nothing: a submitted shipment is only read again.

use serde::{Deserialize, Serialize};

use super::failure::{read, BookingFailure};
use super::shipment::PostPlusShipment;
use super::{request, PostPlusConfig};
use crate::carriers::{Method, OutboundRequest};

/// What the end of a day came to.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayReport {
    /// The day (the sender's local date), `YYYY-MM-DD`.
    pub date: String,
    /// The day's `shipmentNr` (`SHOP-20261125`).
    pub shipment_nr: String,
    /// PostPlus's id of the day's shipment.
    pub shipment_id: u64,
    /// Parcels linked to it and not cancelled.
    pub parcels: u64,
    /// When PostPlus recorded the submission, once submitted (this run or an earlier one).
    pub submitted_on: Option<String>,
    /// PostPlus's ids of the shipment's documents (manifests, CN forms), once submitted.
    pub documents: Vec<u64>,
    /// Why the day was not submitted, when it was not ("no parcels today", PostPlus's warnings).
    pub note: Option<String>,
}

/// What to do after PostPlus answered about the day's shipment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayStep {
    /// Nothing to submit: no parcel is linked (PostPlus's `prepare` would refuse an empty one).
    Empty,
    /// Ask for the submit token.
    Prepare,
    /// Submit with the token `prepare` gave.
    Submit { token: String },
    /// Submitted: read the documents.
    Documents,
    /// `prepare` gave no token; its warnings say why.
    NotPrepared { warnings: Vec<String> },
}

/// The next step for `shipment`, as PostPlus last answered it; `prepared` when that answer was
/// `prepare`'s.
pub fn next_day_step(shipment: &PostPlusShipment, prepared: bool) -> DayStep {
    if shipment.is_closed() {
        return DayStep::Documents;
    }
    if shipment.total_items.unwrap_or(0) == 0 {
        return DayStep::Empty;
    }
    // Submitted with the token this run's `prepare` gave (notes §3.3: "the token from prepare"),
    // never with one an earlier, interrupted run left on the shipment: parcels linked since
    // then would not be in what it prepared.
    match (&shipment.submit_token, prepared) {
        (_, false) => DayStep::Prepare,
        (Some(token), true) => DayStep::Submit {
            token: token.clone(),
        },
        (None, true) => DayStep::NotPrepared {
            warnings: shipment.warnings.clone(),
        },
    }
}

/// `GET /api/v1/shipments/{id}?IncludeDocuments=true` (notes §3.4): the shipment with its
/// `documents[]`.
pub fn shipment_documents_request(
    shipment_id: u64,
    config: &PostPlusConfig,
    api_key: &str,
) -> OutboundRequest {
    request(
        Method::Get,
        config,
        &format!("/api/v1/shipments/{shipment_id}?IncludeDocuments=true"),
        api_key,
        None,
    )
}

/// The shipment's `documents[]` as [`shipment_documents_request`]'s answer lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShipmentDocuments {
    /// Their ids, in PostPlus's order (an older client reads index 0 as the CN38, 2 the CN33, 3
    /// the CN31, the rest CN35s; notes §3.4).
    pub ids: Vec<u64>,
    /// Documents listed without an id: left out of `ids`, as they cannot be fetched, and counted
    /// so that the report says so.
    pub without_id: usize,
    /// `isProcessing` (notes §3.1): PostPlus is still working on the shipment, and its documents
    /// may not be listed yet.
    pub processing: bool,
}

/// Reads the answer of [`shipment_documents_request`]: its `documents[]` and `isProcessing`.
pub fn parse_documents(
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Result<ShipmentDocuments, BookingFailure> {
    let answer: DocumentsAnswer = read(status, content_type, body)?;
    let documents = answer.documents.unwrap_or_default();
    let ids: Vec<u64> = documents
        .iter()
        .filter_map(|document| document.id)
        .collect();
    Ok(ShipmentDocuments {
        without_id: documents.len() - ids.len(),
        ids,
        processing: answer.is_processing == Some(true),
    })
}

/// `GET /api/v1/documents/shipment-documents/{id}` (notes §3.5): one document, as PDF bytes.
pub fn shipment_document_request(
    document_id: u64,
    config: &PostPlusConfig,
    api_key: &str,
) -> OutboundRequest {
    let mut request = request(
        Method::Get,
        config,
        &format!("/api/v1/documents/shipment-documents/{document_id}"),
        api_key,
        None,
    );
    for (name, value) in &mut request.headers {
        if name == "Accept" {
            *value = "application/pdf".to_owned();
        }
    }
    request
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DocumentsAnswer {
    documents: Option<Vec<Document>>,
    is_processing: Option<bool>,
}

#[derive(Deserialize)]
struct Document {
    id: Option<u64>,
}

impl DayReport {
    /// The report of `date` for `shipment` as PostPlus last answered it.
    pub fn of(date: chrono::NaiveDate, shipment: &PostPlusShipment) -> DayReport {
        DayReport {
            date: crate::date_text::write_date(date),
            shipment_nr: shipment.shipment_nr.clone().unwrap_or_default(),
            shipment_id: shipment.id,
            parcels: shipment.total_items.unwrap_or(0),
            submitted_on: shipment.submitted_on.clone(),
            documents: Vec::new(),
            note: None,
        }
    }

    /// The report of a submitted day: `shipment` and its `documents` as PostPlus listed them,
    /// with a note when some could not be listed (still being made, or without an id).
    pub fn submitted(
        date: chrono::NaiveDate,
        shipment: &PostPlusShipment,
        documents: ShipmentDocuments,
    ) -> DayReport {
        let mut notes = Vec::new();
        if documents.ids.is_empty() && documents.processing {
            notes.push(
                "PostPlus is still making the documents: run the end of day again to list them"
                    .to_owned(),
            );
        }
        if documents.without_id > 0 {
            notes.push(format!(
                "{} document{} listed without an id left out",
                documents.without_id,
                if documents.without_id == 1 { "" } else { "s" }
            ));
        }
        DayReport {
            documents: documents.ids,
            note: (!notes.is_empty()).then(|| notes.join("; ")),
            ..DayReport::of(date, shipment)
        }
    }
}
