//! PostNord's error body (`ErrorResponse`, the same in both APIs' specs) and reading JSON answers.
//!
//! ```json
//! { "message": "Query parameter missing",
//!   "compositeFault": { "faults": [ { "faultCode": "API-005", "explanationText": "Missing required field",
//!                                     "paramValues": [ { "param": "countryCode", "value": "null" } ] } ] } }
//! ```

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::carriers::CarrierFailure;
use crate::model::from_json;

/// A one-line summary of a PostNord error body for the edge's log, e.g.
/// `Query parameter missing: API-005 Missing required field (countryCode)`; `None` when the body
/// is not PostNord's error shape.
///
/// Parameter values are left out (they echo the request, which carries the API key), and the
/// key itself is cut out of whatever PostNord wrote, so the line is safe to log.
pub fn fault_detail(body: &str, apikey: &str) -> Option<String> {
    let response: ErrorResponse = serde_json::from_str(body).ok()?;
    let message = response.message.unwrap_or_default();
    let faults = response
        .composite_fault
        .map(|faults| composite_detail(&faults))
        .unwrap_or_default();
    let mut detail = match (message.is_empty(), faults.is_empty()) {
        (true, true) => return None,
        (false, false) => format!("{message}: {faults}"),
        (false, true) => message,
        (true, false) => faults,
    };
    if !apikey.is_empty() {
        detail = detail.replace(apikey, "[apikey]");
    }
    Some(detail)
}

/// Whether PostNord's faults say it has no option for this address (`API-003`, "Delivery options
/// not found", answered with 400 or 404): an answer, not an outage.
pub(super) fn says_no_options(body: &str) -> bool {
    let Ok(response) = serde_json::from_str::<ErrorResponse>(body) else {
        return false;
    };
    response.composite_fault.is_some_and(|c| {
        c.faults
            .iter()
            .any(|f| f.fault_code.as_deref() == Some("API-003"))
    })
}

/// The faults inside a success envelope (Service Points answers them so), summarised:
/// `API-005 Missing parameter (countryCode)`, several joined by `; `.
pub(super) fn composite_detail(faults: &CompositeFault) -> String {
    faults
        .faults
        .iter()
        .map(Fault::summary)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Reads a JSON answer into `T`. A content type that is not JSON (an HTML error page from a
/// proxy) or a body that does not fit is [`CarrierFailure::Malformed`], saying where.
pub(super) fn read_json<T: DeserializeOwned>(
    content_type: Option<&str>,
    body: &str,
) -> Result<T, CarrierFailure> {
    if let Some(content_type) = content_type {
        let media_type = content_type.split(';').next().unwrap_or("").trim();
        let is_json = media_type.eq_ignore_ascii_case("application/json")
            || media_type.to_ascii_lowercase().ends_with("+json");
        if !is_json {
            return Err(CarrierFailure::Malformed {
                detail: format!("expected JSON, got content type `{media_type}`"),
            });
        }
    }
    from_json(body).map_err(|error| CarrierFailure::Malformed {
        detail: error.to_string(),
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ErrorResponse {
    message: Option<String>,
    composite_fault: Option<CompositeFault>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct CompositeFault {
    #[serde(default)]
    faults: Vec<Fault>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Fault {
    fault_code: Option<String>,
    explanation_text: Option<String>,
    #[serde(default)]
    param_values: Vec<ParamValue>,
}

impl Fault {
    /// Code, explanation and the names of the parameters it is about.
    fn summary(&self) -> String {
        let text = [self.fault_code.as_deref(), self.explanation_text.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let params: Vec<&str> = self
            .param_values
            .iter()
            .filter_map(|p| p.param.as_deref())
            .collect();
        if params.is_empty() {
            text
        } else {
            format!("{text} ({})", params.join(", "))
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
struct ParamValue {
    param: Option<String>,
}
