//! The parcel's label ("parcel print", notes §2.3): its print object, kept as a reference, and the
//! call that fetches the PDF itself when the shop prints it.

use serde::{Deserialize, Serialize};

use crate::carriers::{Method, OutboundRequest};

use super::config::PostPlusConfig;
use super::failure::{read, refusal, BookingFailure};
use super::request;

/// What we keep of a label: enough to name it and fetch it again, not the PDF (a base64 PDF in
/// a Durable Object's storage would cost more than the parcel's record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelRef {
    /// The print id: `GET /api/v1/documents/parcel-prints/{print_id}` is the PDF
    /// ([`label_document_request`]).
    pub print_id: u64,
    /// `format`, e.g. `Pdf`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// `type`, e.g. `PostalLabel`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// `bytes`: the document's size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    /// `barcodes`: what the label's barcodes encode (the tracking number, usually).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub barcodes: Vec<String>,
}

/// `GET /api/v1/parcels/parcel-prints/{print_id}` without the contents: the print object says
/// whether the label is good (`hasErrors`) and what it is, without its base64 PDF.
pub fn label_request(print_id: u64, config: &PostPlusConfig, api_key: &str) -> OutboundRequest {
    request(
        Method::Get,
        config,
        &format!("/api/v1/parcels/parcel-prints/{print_id}?IncludeContents=false"),
        api_key,
        None,
    )
}

/// `GET /api/v1/documents/parcel-prints/{print_id}`: the label document itself, raw bytes
/// (`application/pdf` in the sandbox), for the edge to pass on to whoever prints it.
pub fn label_document_request(
    print_id: u64,
    config: &PostPlusConfig,
    api_key: &str,
) -> OutboundRequest {
    request(
        Method::Get,
        config,
        &format!("/api/v1/documents/parcel-prints/{print_id}"),
        api_key,
        None,
    )
}

/// The print object as a [`LabelRef`]. A print with `hasErrors` is [`BookingFailure::Refused`]
/// with its `errorDetails` (the client reads `prints[0].hasErrors` and `.errorDetails` alike).
pub fn parse_label(
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Result<LabelRef, BookingFailure> {
    let print: Print = read(status, content_type, body)?;
    if let Some(refused) = refusal("label", print.has_errors, print.error_details.as_deref()) {
        return Err(refused);
    }
    let print_id = print.id.ok_or(BookingFailure::NotReady {
        missing: "print id on the label",
    })?;
    Ok(LabelRef {
        print_id,
        format: print.format,
        r#type: print.r#type,
        bytes: print.bytes,
        barcodes: print.barcodes.unwrap_or_default(),
    })
}

/// The print object (notes §2.3), as far as we read it. `content` (the base64 PDF) is not read.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Print {
    pub id: Option<u64>,
    format: Option<String>,
    r#type: Option<String>,
    bytes: Option<u64>,
    has_errors: Option<bool>,
    barcodes: Option<Vec<String>>,
    error_details: Option<Vec<String>>,
}
