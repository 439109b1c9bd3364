//! The one error type of the model: what was wrong with a payload, and where.

/// Why a payload or value was refused. Every message names the field, so that whoever reads the
/// log (a shop, a TMS, us) can fix the payload without reading our code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
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
}

/// Prefixes the message with the path when there is one, so a root-level error reads cleanly.
fn at_path(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!("at `{path}`: ")
    }
}
