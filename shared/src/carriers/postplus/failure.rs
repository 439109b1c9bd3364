//! Why a booking step did not succeed, and PostPlus's account of a refused request.
//!
//! PostPlus refuses in two ways (notes §4): a request-level error, a non-2xx whose body looks
//! like an ASP.NET `ProblemDetails` (`type`, `title`, `status`, `detail`, maybe `errorDetails[]`
//! of `{code, detail}`; inferred from its client, not seen in the docs), and an entity-level one,
//! a 2xx whose parcel, shipment or print has `status.hasErrors` and `status.errorDetails` strings
//! (or a link's `failedParcels[].error`).

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::carriers::read::read_answer;
use crate::carriers::CarrierFailure;
use crate::model::from_json;

/// How much of one PostPlus text a failure keeps.
const MAX_TEXT_CHARS: usize = 200;

/// Why one booking step did not succeed. Its `Display` is the sentence stored on the
/// reservation as its last error, visible to the shop: it carries PostPlus's texts about the
/// parcel, never a credential.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BookingFailure {
    /// The request failed as a carrier request: a status, or an answer we cannot read.
    #[error("{}", describe_carrier(.0))]
    Carrier(CarrierFailure),
    /// PostPlus answered, but refused the parcel, shipment, label or link, with its reasons
    /// (`status.errorDetails`, `failedParcels[].error`). Sending the same data again gets the same
    /// answer; the reservation's data must change first.
    #[error("postplus refused the {what}: {}", .errors.join("; "))]
    Refused {
        /// `parcel`, `label`, `shipment` or `link`.
        what: &'static str,
        errors: Vec<String>,
    },
    /// No answer by the deadline, or no connection: whether PostPlus acted is unknown.
    #[error("postplus did not answer")]
    NoAnswer,
    /// PostPlus accepted the request but its answer lacks what the next step needs yet (a parcel
    /// without a label): asking again later may find it.
    #[error("postplus has no {missing} yet")]
    NotReady { missing: &'static str },
}

impl BookingFailure {
    /// Whether trying the same request again later can succeed. A refusal of our data, or a
    /// request-level 4xx about our request, cannot; an outage, a rate limit, a timeout, an
    /// unreadable answer or a refused key (an operator may fix the secret meanwhile) can.
    pub fn is_retryable(&self) -> bool {
        match self {
            BookingFailure::Carrier(CarrierFailure::Status { status, .. }) => {
                *status >= 500 || matches!(status, 408 | 409 | 425)
            }
            BookingFailure::Carrier(_)
            | BookingFailure::NoAnswer
            | BookingFailure::NotReady { .. } => true,
            BookingFailure::Refused { .. } => false,
        }
    }
}

/// Reads a PostPlus answer as `T`: a non-2xx is a failure by its status with PostPlus's account
/// of it as the detail, an unreadable 2xx is `Malformed` (the shared reader's rules).
pub(super) fn read<T: DeserializeOwned>(
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Result<T, BookingFailure> {
    read_answer(status, content_type, body, |body| {
        problem_detail(status, body)
    })
    .map_err(BookingFailure::Carrier)
}

/// An entity's `status` block (parcel, shipment, bag: notes §4), with a shipment's own flags.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct EntityStatus {
    pub status: Option<String>,
    #[serde(default)]
    pub has_errors: Option<bool>,
    #[serde(default)]
    pub error_details: Option<Vec<String>>,
    #[serde(default)]
    pub warning_details: Option<Vec<String>>,
    /// Shipments only: whether parcels can still be added.
    #[serde(default)]
    pub can_update: Option<bool>,
    /// Shipments only: when it was submitted, as received.
    #[serde(default)]
    pub submitted_on: Option<String>,
    /// Parcels: cancelled (in PostPlus's portal, say), so not to be labelled or shipped.
    #[serde(default)]
    pub is_cancelled: Option<bool>,
}

impl EntityStatus {
    /// `Refused` with the entity's error texts when it has errors.
    pub fn refusal(&self, what: &'static str) -> Option<BookingFailure> {
        refusal(what, self.has_errors, self.error_details.as_deref())
    }

    pub fn warnings(&self) -> Vec<String> {
        texts(self.warning_details.as_deref())
    }
}

/// `Refused` when an entity (or a print) says it has errors, with its error texts. One that says
/// so without naming an error is refused all the same, with a sentence of ours; one that names
/// errors is refused even if `hasErrors` is missing.
pub(super) fn refusal(
    what: &'static str,
    has_errors: Option<bool>,
    error_details: Option<&[String]>,
) -> Option<BookingFailure> {
    let errors = texts(error_details);
    if has_errors != Some(true) && errors.is_empty() {
        return None;
    }
    Some(BookingFailure::Refused {
        what,
        errors: if errors.is_empty() {
            vec!["hasErrors without errorDetails".to_owned()]
        } else {
            errors
        },
    })
}

/// PostPlus's texts, each cut to a length a log line can hold, blank ones left out.
pub(super) fn texts(texts: Option<&[String]>) -> Vec<String> {
    texts
        .unwrap_or_default()
        .iter()
        .map(|text| text.trim())
        .filter(|text| !text.is_empty())
        .map(|text| text.chars().take(MAX_TEXT_CHARS).collect())
        .collect()
}

/// The `ProblemDetails` of a refused request, for the log: `title: detail`, and each
/// `errorDetails` entry's code and detail. For 401 and 403 only the title: a refusal of the key
/// is the one whose free text might quote the key, and this function never sees the key to cut
/// it out. `None` when the body is not of that shape.
fn problem_detail(status: u16, body: &str) -> Option<String> {
    let problem: Problem = from_json(body).ok()?;
    let about_the_key = matches!(status, 401 | 403);
    let mut parts: Vec<String> = Vec::new();
    parts.extend(problem.title.filter(|t| !t.trim().is_empty()));
    if !about_the_key {
        parts.extend(problem.detail.filter(|d| !d.trim().is_empty()));
        for error in problem.error_details.unwrap_or_default() {
            let text = match error {
                ProblemError::Text(text) => text,
                ProblemError::Coded { code, detail } => [code, detail]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            if !text.trim().is_empty() {
                parts.push(text);
            }
        }
    }
    let parts = texts(Some(&parts));
    (!parts.is_empty()).then(|| parts.join(": "))
}

fn describe_carrier(failure: &CarrierFailure) -> String {
    let warning = failure.warning(super::CARRIER).message;
    match failure {
        // `warning` already says what was unreadable.
        CarrierFailure::Malformed { .. } => warning,
        _ => match failure.detail() {
            Some(detail) => format!("{warning}: {detail}"),
            None => warning,
        },
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Problem {
    title: Option<String>,
    detail: Option<String>,
    error_details: Option<Vec<ProblemError>>,
}

/// The client reads `errorDetails[0].detail` and `.code` (notes §4); entity errors are plain
/// strings, so both are taken.
enum ProblemError {
    Text(String),
    Coded {
        code: Option<String>,
        detail: Option<String>,
    },
}

#[derive(Deserialize)]
struct CodedError {
    code: Option<String>,
    detail: Option<String>,
}

/// A text or else a coded error (from an object), by the kind of value, without buffering it in
/// serde's `Content` (whose reader was a copy of these types' reading). An entry written as a
/// list is no shape PostPlus documents: it is skipped (an empty text, left out of the detail)
/// rather than read by position as `[code, detail]`, as every struct is read from an object only
/// (`model::objects_only`), and the problem's other entries still count.
impl<'de> Deserialize<'de> for ProblemError {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ProblemErrorVisitor)
    }
}

struct ProblemErrorVisitor;

impl<'de> serde::de::Visitor<'de> for ProblemErrorVisitor {
    type Value = ProblemError;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a text or an object with code and detail")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<ProblemError, E> {
        Ok(ProblemError::Text(text.to_owned()))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<ProblemError, A::Error> {
        let coded = CodedError::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        Ok(ProblemError::Coded {
            code: coded.code,
            detail: coded.detail,
        })
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<ProblemError, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(ProblemError::Text(String::new()))
    }
}
