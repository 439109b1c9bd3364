//! PostNord: Delivery Options and, at the same moment, Service Points v5 for more places on its
//! pickup options, each with the shop's apikey only. (PostNord's OAuth2 token belongs to APIs we do not call;
//! `shared::carriers::postnord` keeps its protocol for the day a booking API needs it.)

use crate::log::log;
use chrono::{DateTime, Utc};
use futures_util::future::{join, join_all};
use shared::answer::part_warning;
use shared::carriers::postnord::{
    attach_service_points, booking_instructions, delivery_options_request, parse_delivery_options,
    parse_service_points, service_points_request, Booking, PickupKind, PostNordConfig, CARRIER,
    DELIVERY_OPTIONS_PATH, SERVICE_POINTS_PATH, TOKEN_PATH,
};
use shared::carriers::{CarrierAnswer, CarrierFailure, OutboundRequest, Warning};
use shared::quote::Quote;

use super::{send, send_lookup, Deadline, HttpAnswer, Reuse};
use crate::config::vars::{base_url, checked_url, parse_table, secrets, set_url, table};
use crate::config::{Carrier, ConfigError};
use std::fmt;

/// How many places Service Points is asked for, per kind: Bring's and PostNord's checkout
/// guides both suggest offering up to ten.
const PLACES: u8 = 10;

/// PostNord's configuration and its `apikey`, all that Delivery Options and Service Points take.
pub struct PostNordSetup {
    pub config: PostNordConfig,
    pub apikey: String,
}

impl fmt::Debug for PostNordSetup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostNordSetup")
            .field("config", &self.config)
            .field("apikey", &"[redacted]")
            .finish()
    }
}

/// PostNordSetup, when the shop offers it (`POSTNORD` is set): its table with the URLs from
/// `POSTNORD_BASE_URL`, and its secrets (a missing one is [`Carrier::MissingSecret`]).
pub fn setup(
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<Carrier<PostNordSetup>>, ConfigError> {
    Ok(match table(lookup, "POSTNORD")? {
        None => None,
        Some(mut table) => {
            let base = base_url(lookup, "POSTNORD_BASE_URL")?;
            let token_url = match lookup("POSTNORD_TOKEN_URL").filter(|v| !v.trim().is_empty()) {
                Some(url) => checked_url("POSTNORD_TOKEN_URL", &url)?,
                None => format!("{base}{TOKEN_PATH}"),
            };
            set_url(
                &mut table,
                "POSTNORD",
                "delivery_options_url",
                "POSTNORD_BASE_URL",
                &base,
                DELIVERY_OPTIONS_PATH,
            )?;
            set_url(
                &mut table,
                "POSTNORD",
                "service_points_url",
                "POSTNORD_BASE_URL",
                &base,
                SERVICE_POINTS_PATH,
            )?;
            set_url(
                &mut table,
                "POSTNORD",
                "token_url",
                "POSTNORD_TOKEN_URL",
                &token_url,
                "",
            )?;
            let config: PostNordConfig = parse_table("POSTNORD", table)?;
            // Only the apikey: Delivery Options and Service Points take no OAuth token, so
            // POSTNORD_CLIENT_ID and POSTNORD_CLIENT_SECRET are not read (see carriers/postnord.rs).
            Some(match secrets(lookup, ["POSTNORD_API_KEY"]) {
                Err(missing) => Carrier::MissingSecret(missing),
                Ok([apikey]) => Carrier::Ready(PostNordSetup { config, apikey }),
            })
        }
    })
}

/// PostNord's options for `quote`. `request_id` is sent as `X-External-Request-ID`.
pub async fn options(
    setup: &PostNordSetup,
    quote: &Quote,
    now: DateTime<Utc>,
    deadline: Deadline,
    reuse: Reuse,
    request_id: &str,
) -> Result<CarrierAnswer, Warning> {
    // Service Points for every pickup kind that can be offered, at the same moment as Delivery
    // Options rather than after it: the kinds are known from the shop's configuration, so
    // PostNord costs one round trip, not two. What Delivery Options then does not offer is
    // dropped.
    let kinds = PickupKind::to_look_up(quote, &setup.config);
    let lookups = kinds.iter().map(|&kind| {
        let request = service_points_request(
            quote,
            &setup.config,
            &setup.apikey,
            request_id,
            kind,
            PLACES,
        );
        async move {
            let answer = send_apikey_only(&request, deadline, Some(reuse)).await?;
            parse_service_points(answer.status, answer.content_type.as_deref(), &answer.body)
                .map_err(|failure| failed(&failure, "service points"))
        }
    });
    let request = delivery_options_request(quote, &setup.config, &setup.apikey, request_id, now);
    let (answer, found) = join(
        send_apikey_only(&request, deadline, Some(reuse)),
        join_all(lookups),
    )
    .await;
    let answer = answer?;
    let mut answer = parse_delivery_options(
        answer.status,
        answer.content_type.as_deref(),
        &answer.body,
        quote,
        &setup.config,
        now,
    )
    .map_err(|failure| failed(&failure, "delivery options"))?;

    // Each kind's places join the option of that kind, if Delivery Options offered one.
    for (kind, places) in kinds.into_iter().zip(found) {
        let Some(index) = answer
            .options
            .iter()
            .position(|option| PickupKind::of(option) == Some(kind))
        else {
            continue;
        };
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
    let answer = send_apikey_only(&request, deadline, None).await?;
    if let Some(failure) = CarrierFailure::from_status(answer.status) {
        return Err(failed(&failure, "booking instructions"));
    }
    booking_instructions(answer.content_type.as_deref(), &answer.body)
        .map_err(|failure| failed(&failure, "booking instructions"))
}

/// Sends `request` with the apikey it carries and nothing else: Delivery Options and Service
/// Points take no OAuth token (their OpenAPI documents only the apikey), so a token endpoint
/// outage can never cost the shop its PostNord options. With `reuse`, as a shared lookup
/// ([`send_lookup`]).
async fn send_apikey_only(
    request: &OutboundRequest,
    deadline: Deadline,
    reuse: Option<Reuse>,
) -> Result<HttpAnswer, Warning> {
    match reuse {
        Some(reuse) => send_lookup(request, deadline, reuse).await,
        None => send(request, deadline).await,
    }
    .map_err(|error| error.warning(CARRIER))
}

/// The warning for a failed call, with PostNord's own account of it (the failure's detail,
/// which never carries a credential) logged.
fn failed(failure: &CarrierFailure, what: &str) -> Warning {
    log!("postnord {what} failed: {failure:?}");
    failure.warning(CARRIER)
}
