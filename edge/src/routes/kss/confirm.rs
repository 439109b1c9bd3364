//! `POST {KSS_BASE_PATH}/shipment/{id}/confirm`: the purchase went through. KSS treats this as
//! best effort (it reads nothing but a 401), so it is answered at once: the reservation is
//! marked confirmed and its object's alarm books it with PostPlus in the background.

use shared::kss::is_shipment_id;
use worker::{Env, Request, Response};

use super::{config, merchant, respond};
use crate::error::{json_response, ApiError};
use crate::reservation::{self, Command, Outcome};

/// `200` with the shipment as `GET` shows it (status `booking` for a PostPlus carrier,
/// `confirmed` for others); `404` when there is no such reservation. A repeated confirm changes
/// nothing (a given-up booking starts again where it stopped).
pub async fn post(req: Request, env: &Env, id: &str) -> Response {
    respond(confirm(req, env, id).await)
}

async fn confirm(req: Request, env: &Env, id: &str) -> Result<Response, ApiError> {
    let config = config(env)?;
    let merchant = merchant(&req, &config)?;
    if !is_shipment_id(id) {
        return Err(ApiError::ShipmentNotFound);
    }
    match reservation::call(env, id, &Command::Confirm { merchant }).await? {
        Outcome::Shipment { answer } => Ok(json_response(200, &answer)),
        _ => Err(ApiError::ShipmentNotFound),
    }
}
