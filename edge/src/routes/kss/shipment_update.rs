//! `PUT {KSS_BASE_PATH}/shipment/{id}`: KSS changes a reservation before the purchase goes
//! through (the shopper changed something, or a purchase was denied and retried).

use worker::{Context, Env, Request, Response};

use super::respond;
use super::shipment::reserve;

/// `200` with `Location` and the shipment; the same checks and refusals as `POST /shipment`;
/// `404` when there is no such reservation (KSS then POSTs).
pub async fn put(req: Request, env: &Env, ctx: &Context, id: &str) -> Response {
    respond(reserve(req, env, ctx, Some(id)).await)
}
