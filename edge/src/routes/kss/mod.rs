//! The Klarna Shipping Service (KSS) callback API, one file per endpoint, under `KSS_BASE_PATH`
//! (default `/kss`): Klarna's checkout calls these as its TMS. The contract is Klarna's (the
//! shared reference `klarna-shipping-service-callback-api.txt`); the README's KSS section says
//! how a shop points Klarna here.
//!
//! - `auth.rs`: `POST /auth`, the digest handshake, a bearer token.
//! - `shipping_options.rs`: `POST /shippingoptions`, the same fan-out as the widget's API.
//! - `shipment.rs`: `POST /shipment` (and, with `shipment_update.rs`, `PUT /shipment/{id}`):
//!   check the selection and reserve it in the session's Durable Object (`reservation/`).
//! - `shipment_get.rs`: `GET /shipment/{id}`; `confirm.rs`: `POST /shipment/{id}/confirm`.
//!
//! Every error body is `{"failure_reason": …}` (`ApiError::into_kss_response`). Every route but
//! `/auth` needs `Authorization: Bearer <token>`; the token names the merchant, and a merchant
//! only ever sees its own reservations.

pub mod auth;
pub mod confirm;
pub mod shipment;
pub mod shipment_get;
pub mod shipment_update;
pub mod shipping_options;

use std::rc::Rc;

use serde::de::DeserializeOwned;
use shared::kss::{is_shipment_id, quote_failure, verify_token};
use shared::model::{from_json, Location, ShippingOption};
use worker::{Env, Request, Response};

use crate::clock;
use crate::config::{self, Config, ConfigError};
use crate::error::{invalid, ApiError};
use crate::http::{json_response, own_origin, read_body, set_header};
use crate::reservation::{self, Command, Outcome};

/// A path below `KSS_BASE_PATH`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint<'a> {
    Auth,
    ShippingOptions,
    Shipment,
    /// `/shipment/{id}`.
    ShipmentId(&'a str),
    /// `/shipment/{id}/confirm`.
    Confirm(&'a str),
    Unknown,
}

impl<'a> Endpoint<'a> {
    /// The endpoint of `rest`, the path after the base path (`/shipment/abc`).
    pub fn of(rest: &'a str) -> Endpoint<'a> {
        let segments: Vec<&str> = rest.strip_prefix('/').unwrap_or("\0").split('/').collect();
        match segments.as_slice() {
            ["auth"] => Endpoint::Auth,
            ["shippingoptions"] => Endpoint::ShippingOptions,
            ["shipment"] => Endpoint::Shipment,
            ["shipment", id] if !id.is_empty() => Endpoint::ShipmentId(id),
            ["shipment", id, "confirm"] if !id.is_empty() => Endpoint::Confirm(id),
            _ => Endpoint::Unknown,
        }
    }

    /// The methods the endpoint takes, for a 405's `allow`.
    pub fn allow(&self) -> &'static str {
        match self {
            Endpoint::ShipmentId(_) => "GET, PUT",
            Endpoint::Unknown => "",
            _ => "POST",
        }
    }
}

/// A KSS route's outcome as the answer KSS reads.
pub fn respond(result: Result<Response, ApiError>) -> Response {
    result.unwrap_or_else(ApiError::into_kss_response)
}

/// The shape `GET /shipment/{id}` and `POST /shipment/{id}/confirm` share: the bearer's
/// merchant, `command` (made for that merchant) sent to the reservation's object, and `200` with
/// the shipment it answers, or `404` when the merchant has no reservation by that id.
async fn reservation_command(
    req: Request,
    env: &Env,
    id: &str,
    command: fn(String) -> Command,
) -> Response {
    let outcome = async {
        let config = config(env)?;
        let merchant = merchant(&req, &config)?;
        if !is_shipment_id(id) {
            return Err(ApiError::ShipmentNotFound);
        }
        match reservation::call(env, id, &command(merchant)).await? {
            Outcome::Shipment { shipment } => Ok(json_response(200, &shipment)),
            _ => Err(ApiError::ShipmentNotFound),
        }
    };
    respond(outcome.await)
}

/// The configuration, or a 500 naming the var to fix.
fn config(env: &Env) -> Result<Rc<Config>, ApiError> {
    config::get(env).map_err(ApiError::Misconfigured)
}

/// The token signing secret; without it there is no KSS.
fn token_secret(config: &Config) -> Result<&str, ApiError> {
    config
        .kss
        .token_secret
        .as_deref()
        .ok_or(ApiError::Misconfigured(ConfigError {
            var: "KSS_TOKEN_SECRET",
            problem: "is not set; KSS needs it to sign and check bearer tokens".to_owned(),
        }))
}

/// The merchant the request's bearer token was issued to: the token must be ours, unexpired,
/// signed for the merchant it names, and that merchant still configured. Every refusal is the
/// same 401 (the reason is logged).
fn merchant(req: &Request, config: &Config) -> Result<String, ApiError> {
    let secret = token_secret(config)?;
    let refuse = |reason: &str| ApiError::Unauthorized {
        reason: reason.to_owned(),
    };
    let header = req
        .headers()
        .get("authorization")
        .ok()
        .flatten()
        .ok_or_else(|| refuse("no Authorization header"))?;
    // `Bearer <token>`, as the reference's text says; its request examples send the credential
    // with no scheme (`Authorization: YOUR_API_KEY_HERE`), so a bare token is taken too. Another
    // scheme (`Basic …`) is refused.
    let header = header.trim();
    let (scheme, token) = header.split_once(' ').unwrap_or(("bearer", header));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(refuse("the Authorization header is not `Bearer <token>`"));
    }
    let now = clock::now().timestamp();
    let claims = verify_token(token.trim(), secret.as_bytes(), now)
        .map_err(|error| refuse(&error.to_string()))?;
    if !config.kss.merchants.contains_key(&claims.sub) {
        return Err(refuse("the token's merchant is no longer in KSS_MERCHANTS"));
    }
    Ok(claims.sub)
}

/// The body as `T` (at most `limit_bytes`: [`crate::http::MAX_BODY_BYTES`] before the caller is
/// known, [`crate::http::MAX_KSS_BODY_BYTES`] after its token is checked; any content type, as
/// KSS labels `/auth` bodies with its own media type), or a 400/413 naming the problem.
async fn body<T: DeserializeOwned>(req: &mut Request, limit_bytes: usize) -> Result<T, ApiError> {
    let text = read_body(req, limit_bytes).await?;
    from_json(&text).map_err(invalid)
}

/// A KSS request whose recipient or order cannot be asked about: `shipping_address_invalid`
/// for the recipient, else the problem in words.
fn quote_refused(error: shared::Error) -> ApiError {
    ApiError::Refused(quote_failure(&error))
}

/// An option as kept for the session's checks: its pickup places by id, name and price only (the
/// check stands by a served place when the carrier's place lookup fails at buy time; addresses
/// and hours, most of an option's size, are not needed for that).
fn served(option: &ShippingOption) -> ShippingOption {
    let places = option.locations.as_ref().map(|places| {
        places
            .iter()
            .map(|place| Location {
                id: place.id.clone(),
                name: place.name.clone(),
                price: place.price,
                address: None,
                coordinates: None,
                delivery_time: None,
                operational_hours: None,
                distance_meters: None,
            })
            .collect()
    });
    ShippingOption {
        locations: places,
        ..option.clone()
    }
}

/// `status` with `body` and the reservation's `Location` (absolute, on the host KSS called).
fn with_location<T: serde::Serialize>(
    req: &Request,
    config: &Config,
    status: u16,
    body: &T,
    shipment_id: &str,
) -> Response {
    let mut response = json_response(status, body);
    let origin = own_origin(req);
    let location = format!("{origin}{}/shipment/{shipment_id}", config.kss.base_path);
    set_header(&mut response, "location", &location);
    response
}

#[cfg(test)]
mod tests {
    use super::Endpoint;

    #[test]
    fn paths_name_their_endpoint() {
        for (rest, endpoint) in [
            ("/auth", Endpoint::Auth),
            ("/shippingoptions", Endpoint::ShippingOptions),
            ("/shipment", Endpoint::Shipment),
            ("/shipment/kss_1", Endpoint::ShipmentId("kss_1")),
            ("/shipment/kss_1/confirm", Endpoint::Confirm("kss_1")),
            ("/shipment/", Endpoint::Unknown),
            ("/shipment//confirm", Endpoint::Unknown),
            ("/shipment/kss_1/cancel", Endpoint::Unknown),
            ("", Endpoint::Unknown),
            ("auth", Endpoint::Unknown),
            ("/", Endpoint::Unknown),
        ] {
            assert_eq!(Endpoint::of(rest), endpoint, "{rest:?}");
        }
    }
}
