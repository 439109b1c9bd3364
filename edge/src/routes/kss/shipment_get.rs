//! `GET {KSS_BASE_PATH}/shipment/{id}`: the reservation's carrier product, status and tracking.

use worker::{Env, Request, Response};

use super::reservation_command;
use crate::reservation::Command;

/// `200` with `shipment_id`, `selected_shipping_option` (carrier and carrier product),
/// `shipments` (PostPlus's tracking number and page, once booked), `additional_info` (the
/// booking's progress or failure in words) and our `status`; `404` when there is none (never
/// made, expired, or another merchant's).
pub async fn get(req: Request, env: &Env, id: &str) -> Response {
    reservation_command(req, env, id, |merchant| Command::Get { merchant }).await
}
