//! `POST {KSS_BASE_PATH}/shippingoptions`: the options Klarna's checkout shows, from the same
//! fan-out as the widget's `POST /v1/delivery-options`, in KSS's shape.

use shared::kss::{shipment_id, ShippingOptionsRequest, ShippingOptionsResponse};
use worker::{Context, Env, Request, Response};

use super::{body, config, merchant, quote_refused, respond, served};
use crate::cache;
use crate::clock;
use crate::error::ApiError;
use crate::fanout;
use crate::http::{json_response, MAX_KSS_BODY_BYTES};
use crate::log::log;
use crate::reservation::{self, Command};

/// `200 {"shipping_options": [...]}`: every carrier's options (the fallback options when none
/// answers), the one chosen before (`selected_shipping_option_id`) first. A bad body is `400`.
///
/// What was served is kept in the session's reservation object, for `/shipment`'s cutoff check:
/// a Durable Object rather than the Cache API because the check must see it wherever the next
/// call lands (the Cache API is per location and absent on `workers.dev`), and the object
/// already expires an idle session (`KSS_RESERVATION_TTL_SECONDS`). Failing to keep it costs the
/// check, not the answer.
pub async fn post(req: Request, env: &Env, ctx: &Context) -> Response {
    respond(options(req, env, ctx).await)
}

async fn options(mut req: Request, env: &Env, ctx: &Context) -> Result<Response, ApiError> {
    let config = config(env)?;
    let merchant = merchant(&req, &config)?;
    let request: ShippingOptionsRequest = body(&mut req, MAX_KSS_BODY_BYTES).await?;
    let quote = request.to_quote().map_err(quote_refused)?;
    let now = clock::calendar_now(&config);
    let (answer, _complete) =
        fanout::delivery_options(&quote, &config, &cache::quote_key(&quote), now, ctx).await;
    let id = shipment_id(&merchant, &request.session_id);
    let keep = Command::Serve {
        merchant,
        options: answer.options.iter().map(served).collect(),
    };
    if let Err(error) = reservation::call(env, &id, &keep).await {
        log!("kss: could not keep the options served to {id}: {error}");
    }
    let response = ShippingOptionsResponse::with_selected_first(
        answer.options,
        request.selected_shipping_option_id.as_deref(),
    );
    Ok(json_response(200, &response.to_kss()))
}
