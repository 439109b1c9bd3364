//! `POST {KSS_BASE_PATH}/shipment`: the shopper clicked buy; reserve the option they chose.
//! `PUT /shipment/{id}` (`shipment_update.rs`) runs the same checks through [`reserve`].

use chrono::{DateTime, Utc};
use shared::carriers::postnord::booking_for;
use shared::kss::{
    carrier_product, is_shipment_id, kss_quote, parcel_booking, shipment_id, CarrierProduct,
    FailureReason, ProductSource, SelectedShippingOption, ShipmentRequest,
};
use shared::model::ShippingOption;
use shared::quote::Quote;
use worker::{Context, Env, Request, Response};

use super::{body, config, merchant, quote_refused, respond, with_location};
use crate::cache;
use crate::carriers::{self, CarrierId, Deadline};
use crate::clock;
use crate::config::{Carrier, Config};
use crate::error::ApiError;
use crate::fanout;
use crate::http::MAX_KSS_BODY_BYTES;
use crate::log::log;
use crate::reservation::{self, Command, Outcome};

/// `201` with `Location` and the shipment (`shipment_id`, the carrier product); `400` with
/// `shipping_address_invalid`, `shipping_option_not_available` or `cutoff_time_expired` when it
/// cannot be reserved. A repeated POST for the same session names the same reservation.
pub async fn post(req: Request, env: &Env, ctx: &Context) -> Response {
    respond(reserve(req, env, ctx, None).await)
}

/// Checks a `POST /shipment` (`path_id` `None`) or `PUT /shipment/{path_id}` and reserves it:
///
/// 1. the recipient and order must make a carrier question (`shipping_address_invalid`);
/// 2. the option must be offered now at the same price, with the chosen place and time slot
///    (`shipping_option_not_available`), and neither its cutoff as served to the session nor
///    its time slot's may have passed (`cutoff_time_expired`): the fan-out is asked afresh and
///    the session's object compares (`shared::kss::check_selection`);
/// 3. a reservation PostPlus will book must make a printable parcel (name, street, city:
///    `shipping_address_invalid`), so a confirmed order does not fail to book later.
///
/// All refusals are `400`: KSS's reference gives one 4xx for "could not be created" and treats
/// every 4xx alike (it restarts the shipping selection), and 400 is what its other malformed
/// requests get.
pub(super) async fn reserve(
    mut req: Request,
    env: &Env,
    ctx: &Context,
    path_id: Option<&str>,
) -> Result<Response, ApiError> {
    let config = config(env)?;
    let merchant = merchant(&req, &config)?;
    if path_id.is_some_and(|id| !is_shipment_id(id)) {
        return Err(ApiError::ShipmentNotFound);
    }
    let request: ShipmentRequest = body(&mut req, MAX_KSS_BODY_BYTES).await?;
    let id = shipment_id(&merchant, &request.session_id);
    // The id is the session's: a PUT naming another session's reservation finds none of this
    // session's (KSS then POSTs).
    if path_id.is_some_and(|path_id| path_id != id) {
        return Err(ApiError::ShipmentNotFound);
    }
    let quote = kss_quote(
        Some(&request.recipient),
        &request.order,
        request.currency,
        request.locale.as_deref(),
    )
    .map_err(quote_refused)?;
    let now = clock::calendar_now(&config);
    let (answer, _complete) =
        fanout::delivery_options(&quote, &config, &cache::quote_key(&quote), now, ctx).await;
    let selected = &request.selected_shipping_option;
    let offered: Vec<ShippingOption> = answer
        .options
        .into_iter()
        .filter(|option| option.id == selected.id && option.carrier == selected.carrier)
        .collect();
    let postplus = config.postplus_ready().map(|setup| &setup.config);
    let books_with_postplus = postplus.is_some_and(|postplus| postplus.books(&selected.carrier));
    if let (Some(postplus), false) = (postplus.filter(|_| books_with_postplus), offered.is_empty())
    {
        if let Err(error) = parcel_booking(&request, &id, postplus) {
            log!("kss: {id} cannot be booked with PostPlus: {error}");
            return Err(ApiError::Refused(FailureReason::ShippingAddressInvalid));
        }
    }
    let (carrier_product, product_note) = match offered.first() {
        Some(option) => {
            let (product, note) = product(option, selected, &config, &quote, now).await;
            (Some(product), note)
        }
        None => (None, None),
    };
    let command = Command::Reserve {
        merchant,
        shipment_id: id.clone(),
        create: path_id.is_none(),
        request: Box::new(request),
        offered,
        carrier_product,
        product_note,
        books_with_postplus,
    };
    match reservation::call(env, &id, &command).await? {
        Outcome::Shipment { shipment } => {
            let status = if path_id.is_none() { 201 } else { 200 };
            Ok(with_location(&req, &config, status, &shipment, &id))
        }
        Outcome::Refused { reason } => Err(ApiError::Refused(reason)),
        Outcome::NotFound => Err(ApiError::ShipmentNotFound),
        Outcome::Stored => Err(ApiError::Internal {
            detail: "the reservation object stored without answering".to_owned(),
        }),
    }
}

/// The carrier product of the chosen `option`, and a note when its code is a stand-in.
/// PostNord's service codes are in its booking instructions, so Delivery Options is asked once
/// more (within the carrier deadline); if that fails the reservation still goes through, under
/// our option id, with a note in `additional_info`.
async fn product(
    option: &ShippingOption,
    selected: &SelectedShippingOption,
    config: &Config,
    quote: &Quote,
    now: DateTime<Utc>,
) -> (CarrierProduct, Option<String>) {
    if let Some(setup) = config.postplus_ready() {
        if setup.config.books(&option.carrier) {
            let source = ProductSource::PostPlus(&setup.config, quote.recipient.country);
            return (carrier_product(option, selected, source), None);
        }
    }
    match CarrierId::of(&option.carrier) {
        Some(CarrierId::PostNord) => {}
        Some(CarrierId::Bring | CarrierId::PostPlus) | None => {
            return (
                carrier_product(option, selected, ProductSource::Option),
                None,
            );
        }
    }
    let note = match config.postnord.as_ref().and_then(Carrier::ready) {
        Some(setup) => {
            let deadline = Deadline::after(config.carrier_deadline_ms);
            let request_id = fanout::request_id(&cache::quote_key(quote));
            match carriers::postnord::bookings(setup, quote, now, deadline, &request_id).await {
                Ok(bookings) => {
                    let location = selected.location.as_ref().map(|l| l.id.as_str());
                    let timeslot = selected.timeslot.as_ref().map(|t| t.id.as_str());
                    if let Some(booking) = booking_for(&bookings, &option.id, location, timeslot) {
                        let source = ProductSource::PostNord(Some(&booking));
                        return (carrier_product(option, selected, source), None);
                    }
                    "PostNord offers this choice no more; the product identifier is our option id."
                        .to_owned()
                }
                Err(warning) => format!(
                    "PostNord's service code could not be read ({}); the product identifier is \
                     our option id.",
                    warning.message
                ),
            }
        }
        None => "PostNord is not configured; the product identifier is our option id.".to_owned(),
    };
    (
        carrier_product(option, selected, ProductSource::PostNord(None)),
        Some(note),
    )
}
