//! `GET {KSS_BASE_PATH}/shipment/{id}`: the reservation's carrier product, status and tracking.

use shared::kss::is_shipment_id;
use worker::{Env, Request, Response};

use super::{config, merchant, respond};
use crate::error::{json_response, ApiError};
use crate::reservation::{self, Command, Outcome};

/// `200` with `shipment_id`, `selected_shipping_option` (carrier and carrier product),
/// `shipments` (PostPlus's tracking number and page, once booked), `additional_info` (the
/// booking's progress or failure in words) and our `status`; `404` when there is none (never
/// made, expired, or another merchant's).
pub async fn get(req: Request, env: &Env, id: &str) -> Response {
    respond(shipment(req, env, id).await)
}

async fn shipment(req: Request, env: &Env, id: &str) -> Result<Response, ApiError> {
    let config = config(env)?;
    let merchant = merchant(&req, &config)?;
    if !is_shipment_id(id) {
        return Err(ApiError::ShipmentNotFound);
    }
    match reservation::call(env, id, &Command::Get { merchant }).await? {
        Outcome::Shipment { answer } => Ok(json_response(200, &answer)),
        _ => Err(ApiError::ShipmentNotFound),
    }
}
