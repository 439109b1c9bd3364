//! The client stub of a reservation's object: what a route calls to send it a [`Command`].

use shared::model::from_json;
use worker::{Env, Result};

use super::messages::{Command, Outcome};
use crate::http::new_request;

/// The `[[durable_objects.bindings]]` name in wrangler.toml.
pub const BINDING: &str = "RESERVATIONS";

/// Sends `command` to the object of `shipment_id` and reads its outcome.
pub async fn call(env: &Env, shipment_id: &str, command: &Command) -> Result<Outcome> {
    let namespace = env.durable_object(BINDING)?;
    let stub = namespace.id_from_name(shipment_id)?.get_stub()?;
    let body = serde_json::to_string(command)
        .map_err(|error| worker::Error::RustError(format!("a reservation command: {error}")))?;
    // The URL is never resolved: a stub's fetch goes to the object.
    let request = new_request("https://reservation.invalid/", "POST", None, Some(&body))?;
    let response = stub.fetch_with_request(request).await?;
    let status = response.status_code();
    let text = crate::http::body_text(response).await?;
    if status != 200 {
        return Err(worker::Error::RustError(format!(
            "the reservation object answered {status}: {text}"
        )));
    }
    from_json(&text)
        .map_err(|error| worker::Error::RustError(format!("a reservation outcome: {error}")))
}
