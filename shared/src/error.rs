//! The crate's one error type: what was wrong with a payload or value, and where.

/// Why a payload or value was refused. Every message names the field, so that whoever reads the
/// log (a shop, a TMS, us) can fix the payload without reading our code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The JSON did not fit the model: a missing required field, a value of the wrong type, or
    /// broken syntax.
    #[error("{}{message}", at_path(.path))]
    Json {
        /// Where in the payload, e.g. `shipping_options[0].price`; empty for the whole payload.
        path: String,
        /// serde_json's own message, which names the field and gives the line and column.
        message: String,
    },
    /// A currency code that is not three ASCII letters.
    #[error("currency must be a three-letter ISO 4217 code such as `SEK`, got `{0}`")]
    Currency(String),
    /// A request field that parsed but is not acceptable, e.g. a postal code that does not exist
    /// in its country. `field` is the path as the caller wrote it (`parcels[0].weight_grams`).
    #[error("{field}: {problem}")]
    Invalid { field: String, problem: String },
    /// A KSS bearer token or `/auth` proof that is not accepted. The reason is for our log;
    /// KSS only ever sees a 401.
    #[error("unauthorized: {reason}")]
    Unauthorized { reason: &'static str },
    /// A `delivery_time` instant that is not RFC 3339.
    #[error("delivery_time.{field}: {value:?} is not an RFC 3339 instant")]
    Instant { field: &'static str, value: String },
    /// A `delivery_time.interval` bound that is not a string of digits.
    #[error("delivery_time.{field}: {value:?} is not a whole number of days")]
    Days { field: &'static str, value: String },
    /// A `delivery_time.interval.utc_offset_in_seconds` that is not a usable offset.
    #[error("delivery_time.interval.utc_offset_in_seconds: {value:?} is not a UTC offset in seconds (within ±24 hours)")]
    Offset { value: String },
}

/// Prefixes the message with the path when there is one, so a root-level error reads cleanly.
fn at_path(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!("at `{path}`: ")
    }
}
