//! `POST {KSS_BASE_PATH}/shipment/{id}/confirm`: the purchase went through. KSS treats this as
//! best effort (it reads nothing but a 401), so it is answered at once: the reservation is
//! marked confirmed and its object's alarm books it with PostPlus in the background.

use worker::{Env, Request, Response};

use super::reservation_command;
use crate::reservation::Command;

/// `200` with the shipment as `GET` shows it (status `booking` for a PostPlus carrier,
/// `confirmed` for others); `404` when there is no such reservation. A repeated confirm changes
/// nothing (a given-up booking starts again where it stopped).
pub async fn post(req: Request, env: &Env, id: &str) -> Response {
    reservation_command(req, env, id, |merchant| Command::Confirm { merchant }).await
}
