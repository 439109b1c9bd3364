//! PostNord's error body (`ErrorResponse`, the same in both APIs' specs).
//!
//! ```json
//! { "message": "Query parameter missing",
//!   "compositeFault": { "faults": [ { "faultCode": "API-005", "explanationText": "Missing required field",
//!                                     "paramValues": [ { "param": "countryCode", "value": "null" } ] } ] } }
//! ```

use serde::Deserialize;

use crate::model::from_json;

/// PostNord's account of a refused request, for the edge's log: its fault codes with their
/// explanations and the names of the parameters they are about, e.g. `API-005 Missing required
/// field (countryCode)`, several joined by `; `. `None` when the body is not PostNord's error
/// shape or names no fault.
///
/// Only PostNord's fixed vocabulary goes in. Parameter values are left out because they echo
/// the request, which carries the API key in its query; the free `message` is left out because
/// it may quote the request too ("Invalid apikey …"), and this function never sees the key to
/// cut it out. The fault codes and explanations say the same for an operator.
pub(super) fn error_detail(body: &str) -> Option<String> {
    let response: ErrorResponse = from_json(body).ok()?;
    let detail = composite_detail(&response.composite_fault?);
    (!detail.is_empty()).then_some(detail)
}

/// Whether PostNord's faults say it has no option for this address (`API-003`, "Delivery options
/// not found", answered with 400 or 404): an answer, not an outage.
pub(super) fn says_no_options(body: &str) -> bool {
    let Ok(response) = from_json::<ErrorResponse>(body) else {
        return false;
    };
    response.composite_fault.is_some_and(|c| {
        c.faults
            .iter()
            .any(|f| f.fault_code.as_deref() == Some("API-003"))
    })
}

/// The faults of an error body, or inside a success envelope (Service Points answers some
/// request errors so), summarised: `API-005 Missing parameter (countryCode)`, several joined by
/// `; `. Faults with neither code nor explanation are left out.
pub(super) fn composite_detail(faults: &CompositeFault) -> String {
    faults
        .faults
        .iter()
        .map(Fault::summary)
        .filter(|summary| !summary.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ErrorResponse {
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
        if text.is_empty() {
            return text;
        }
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
