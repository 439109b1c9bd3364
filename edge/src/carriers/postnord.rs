//! PostNord: Delivery Options, then Service Points v5 for more places on its pickup options,
//! and the OAuth2 client-credentials token sent along when the shop has a client.
//!
//! The token is kept per isolate and reused until shortly before it expires
//! ([`AccessToken::needs_refresh`]); one refresh runs at a time, and every request that needs a
//! token meanwhile waits for that one. A call answered 401 gets one retry with a fresh token.

use std::cell::RefCell;

use crate::log::log;
use chrono::{DateTime, TimeDelta, Utc};
use futures_util::future::join_all;
use shared::answer::{part_warning, timeout_warning};
use shared::carriers::postnord::{
    attach_service_points, authorization_header, booking_instructions, delivery_options_request,
    parse_delivery_options, parse_service_points, parse_token, service_points_request,
    token_request, AccessToken, Booking, ClientCredentials, PickupKind, CARRIER,
};
use shared::carriers::{CarrierAnswer, CarrierFailure, OutboundRequest, Warning};
use shared::quote::Quote;

use super::{send, send_lookup, Deadline, HttpAnswer, Reuse};
use crate::clock;
use crate::coalesce::{self, Table, Wait};
use crate::config::PostNordSetup;

/// How many places Service Points is asked for, per kind: Bring's and PostNord's checkout
/// guides both suggest offering up to ten.
const PLACES: u8 = 10;
/// A token is refreshed from this long before it expires, so that none lapses in flight.
const REFRESH_MARGIN_SECONDS: i64 = 60;

/// PostNord's options for `quote`. `request_id` is sent as `X-External-Request-ID`.
pub async fn options(
    setup: &PostNordSetup,
    quote: &Quote,
    now: DateTime<Utc>,
    deadline: Deadline,
    reuse: Reuse,
    request_id: &str,
) -> Result<CarrierAnswer, Warning> {
    let request = delivery_options_request(quote, &setup.config, &setup.apikey, request_id, now);
    let answer = send_authorized(setup, &request, deadline, Some(reuse)).await?;
    let mut answer = parse_delivery_options(
        answer.status,
        answer.content_type.as_deref(),
        &answer.body,
        quote,
        &setup.config,
        now,
    )
    .map_err(|failure| failed(&failure, "delivery options"))?;

    // More places for each pickup option, all kinds at once.
    let wanted: Vec<(usize, PickupKind)> = answer
        .options
        .iter()
        .enumerate()
        .filter_map(|(index, option)| PickupKind::of(option).map(|kind| (index, kind)))
        .collect();
    let lookups = wanted.iter().map(|&(_, kind)| {
        let request = service_points_request(
            quote,
            &setup.config,
            &setup.apikey,
            request_id,
            kind,
            PLACES,
        );
        async move {
            let answer = send_authorized(setup, &request, deadline, Some(reuse)).await?;
            parse_service_points(answer.status, answer.content_type.as_deref(), &answer.body)
                .map_err(|failure| failed(&failure, "service points"))
        }
    });
    let found = join_all(lookups).await;
    for ((index, _), places) in wanted.into_iter().zip(found) {
        match places {
            Ok(places) => {
                answer.warnings.extend(places.warnings);
                if let Some(option) = answer.options.get_mut(index) {
                    attach_service_points(option, places.locations);
                }
            }
            Err(warning) => answer.warnings.push(part_warning(
                warning,
                "postnord service points",
                "the option lists only the places Delivery Options gave",
            )),
        }
    }
    Ok(answer)
}

/// PostNord's booking instructions for every choice Delivery Options offers for `quote` now
/// (service and additional service codes), to name the carrier product of a KSS reservation.
/// Asked again rather than kept from the shopper's answer: a `deliveryOptionId` is only good for
/// the answer it came in, and the codes are what PostNord offers at the time of the reservation.
pub async fn bookings(
    setup: &PostNordSetup,
    quote: &Quote,
    now: DateTime<Utc>,
    deadline: Deadline,
    request_id: &str,
) -> Result<Vec<Booking>, Warning> {
    let request = delivery_options_request(quote, &setup.config, &setup.apikey, request_id, now);
    // Never reused: a `deliveryOptionId` is good only for the answer it came in.
    let answer = send_authorized(setup, &request, deadline, None).await?;
    if let Some(failure) = CarrierFailure::from_status(answer.status) {
        return Err(failed(&failure, "booking instructions"));
    }
    booking_instructions(answer.content_type.as_deref(), &answer.body)
        .map_err(|failure| failed(&failure, "booking instructions"))
}

/// Sends `request`, with a bearer token when the shop has an OAuth client, and once more with a
/// fresh token when the first is refused with 401. With `reuse`, as a shared lookup
/// ([`send_lookup`]).
async fn send_authorized(
    setup: &PostNordSetup,
    request: &OutboundRequest,
    deadline: Deadline,
    reuse: Option<Reuse>,
) -> Result<HttpAnswer, Warning> {
    let exchange = |request: OutboundRequest| async move {
        match reuse {
            Some(reuse) => send_lookup(&request, deadline, reuse).await,
            None => send(&request, deadline).await,
        }
        .map_err(|error| error.warning(CARRIER))
    };
    let Some(client) = &setup.client else {
        return exchange(request.clone()).await;
    };
    let token = current_token(setup, client, deadline).await?;
    let answer = exchange(with_bearer(request, &token)).await?;
    if answer.status != 401 {
        return Ok(answer);
    }
    log!("postnord refused our token (401); fetching a fresh one and retrying once");
    forget(&token);
    let token = current_token(setup, client, deadline).await?;
    exchange(with_bearer(request, &token)).await
}

fn with_bearer(request: &OutboundRequest, token: &AccessToken) -> OutboundRequest {
    let mut request = request.clone();
    request.headers.push(authorization_header(token));
    request
}

thread_local! {
    /// The token in use, kept until shortly before it expires.
    static TOKEN: RefCell<Option<AccessToken>> = const { RefCell::new(None) };
    /// The token request in flight: one at a time, whoever needs a token meanwhile waits for it.
    static REFRESH: RefCell<Table<Result<AccessToken, Warning>>> = RefCell::new(Table::default());
}

/// A token that is good for a while yet: the kept one, or the one being fetched, or a new one.
async fn current_token(
    setup: &PostNordSetup,
    client: &ClientCredentials,
    deadline: Deadline,
) -> Result<AccessToken, Warning> {
    let margin = TimeDelta::seconds(REFRESH_MARGIN_SECONDS);
    let kept = TOKEN.with(|token| {
        token
            .borrow()
            .clone()
            .filter(|token| !token.needs_refresh(clock::now(), margin))
    });
    if let Some(token) = kept {
        return Ok(token);
    }
    let request = token_request(&setup.config, client);
    let wait = Wait {
        limit: deadline.follower_limit(),
        gave_up: || {
            Err(part_warning(
                timeout_warning(CARRIER, deadline.budget_ms()),
                "postnord token",
                "postnord cannot be asked without one",
            ))
        },
    };
    coalesce::run(
        &REFRESH,
        "token".to_owned(),
        0.0,
        Result::is_ok,
        wait,
        || fetch_token(request, deadline),
    )
    .await
}

/// Sends the token `request` and keeps the token it gets.
async fn fetch_token(request: OutboundRequest, deadline: Deadline) -> Result<AccessToken, Warning> {
    let result = match send(&request, deadline).await {
        Err(error) => Err(error.warning(CARRIER)),
        Ok(answer) => parse_token(answer.status, &answer.body, clock::now()).map_err(|failure| {
            log!("postnord token endpoint: {failure:?}");
            failure.warning(CARRIER)
        }),
    }
    .map_err(|warning| {
        part_warning(
            warning,
            "postnord token",
            "postnord cannot be asked without one",
        )
    });
    if let Ok(token) = &result {
        TOKEN.with(|kept| *kept.borrow_mut() = Some(token.clone()));
    }
    result
}

/// Drops `used` if it is still the kept token (a newer one is kept).
fn forget(used: &AccessToken) {
    TOKEN.with(|kept| {
        let mut kept = kept.borrow_mut();
        if kept.as_ref() == Some(used) {
            *kept = None;
        }
    });
}

/// The warning for a failed call, with PostNord's own account of it (the failure's detail,
/// which never carries a credential) logged.
fn failed(failure: &CarrierFailure, what: &str) -> Warning {
    log!("postnord {what} failed: {failure:?}");
    failure.warning(CARRIER)
}
