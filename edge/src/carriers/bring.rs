//! Bring: its setup (configuration and credentials, read once per isolate), and the Shipping
//! Guide's products and the Pickup Point API, asked in parallel.

use crate::log::log;
use chrono::{DateTime, Utc};
use futures_util::future::join;
use shared::answer::part_warning;
use shared::carriers::bring::{
    attach_pickup_points, parse_pickup_points, parse_products, pickup_points_request,
    products_request, BringConfig, BringCredentials, PickupPointType, CARRIER, PICKUP_POINTS_PATH,
    PRODUCTS_PATH,
};
use shared::carriers::{CarrierAnswer, CarrierFailure, Warning};
use shared::model::ShippingType;
use shared::quote::Quote;

use super::{send_lookup, Deadline, Reuse};
use crate::config::vars::{base_url, parse_table, secrets, set_url, table};
use crate::config::{Carrier, ConfigError};

/// Bring's configuration and credentials.
#[derive(Debug)]
pub struct BringSetup {
    pub config: BringConfig,
    pub credentials: BringCredentials,
}

/// BringSetup, when the shop offers it (`BRING` is set): its table with the URLs from
/// `BRING_BASE_URL`, and its secrets (a missing one is [`Carrier::MissingSecret`]).
pub fn setup(
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<Carrier<BringSetup>>, ConfigError> {
    Ok(match table(lookup, "BRING")? {
        None => None,
        Some(mut table) => {
            let base = base_url(lookup, "BRING_BASE_URL")?;
            set_url(
                &mut table,
                "BRING",
                "products_url",
                "BRING_BASE_URL",
                &base,
                PRODUCTS_PATH,
            )?;
            set_url(
                &mut table,
                "BRING",
                "pickup_points_url",
                "BRING_BASE_URL",
                &base,
                PICKUP_POINTS_PATH,
            )?;
            let config: BringConfig = parse_table("BRING", table)?;
            Some(match secrets(lookup, ["BRING_API_UID", "BRING_API_KEY"]) {
                Ok([uid, key]) => Carrier::Ready(BringSetup {
                    config,
                    credentials: BringCredentials { uid, key },
                }),
                Err(missing) => Carrier::MissingSecret(missing),
            })
        }
    })
}

/// Bring's options for `quote`: products with prices and delivery times, and the nearest pickup
/// points on the pickup-point options. A pickup-point failure costs only the points (the options
/// stay, with a warning); a products failure is the whole carrier's.
pub async fn options(
    setup: &BringSetup,
    quote: &Quote,
    now: DateTime<Utc>,
    deadline: Deadline,
    reuse: Reuse,
) -> Result<CarrierAnswer, Warning> {
    if setup
        .config
        .services_for(quote.recipient.country)
        .is_empty()
    {
        // The shop offers no Bring service to this country; Bring refuses an empty request.
        return Ok(CarrierAnswer::default());
    }
    let products = products_request(quote, &setup.config, &setup.credentials, now);
    // Every kind of place, for the pickup services (which reach counters and lockers alike).
    let points = pickup_points_request(quote, &setup.config, &setup.credentials, None);
    let (products, points) = join(
        send_lookup(&products, deadline, reuse),
        send_lookup(&points, deadline, reuse),
    )
    .await;

    let products = products.map_err(|error| error.warning(CARRIER))?;
    let mut answer = parse_products(
        products.status,
        products.content_type.as_deref(),
        &products.body,
        quote,
        &setup.config,
        now,
    )
    .map_err(|failure| failed(&failure, "products"))?;

    // Bring's texts for the operator (userMessage, traceMessages) are logged, never served.
    for note in answer.operator_notes.drain(..) {
        log!("bring says (for the operator): {note}");
    }

    let wants = |kind: Option<PickupPointType>| {
        answer.options.iter().any(|option| {
            option.r#type == ShippingType::PickupPoint && PickupPointType::of(option) == kind
        })
    };
    let (wants_any, wants_lockers) = (wants(None), wants(Some(PickupPointType::Locker)));
    if wants_any {
        let points = points.map_err(|error| error.warning(CARRIER));
        attach_points(&mut answer, points, quote, None);
    }
    if wants_lockers {
        // A locker option lists lockers only: asked once products say one is offered.
        let request = pickup_points_request(
            quote,
            &setup.config,
            &setup.credentials,
            Some(PickupPointType::Locker),
        );
        let points = send_lookup(&request, deadline, reuse)
            .await
            .map_err(|error| error.warning(CARRIER));
        attach_points(&mut answer, points, quote, Some(PickupPointType::Locker));
    }
    Ok(answer)
}

/// Reads a Pickup Point answer onto the options that asked for places of `kind`, with its
/// warnings; a failure costs only the places.
fn attach_points(
    answer: &mut CarrierAnswer,
    points: Result<super::HttpAnswer, Warning>,
    quote: &Quote,
    kind: Option<PickupPointType>,
) {
    let places = points.and_then(|points| {
        parse_pickup_points(
            points.status,
            points.content_type.as_deref(),
            &points.body,
            quote,
        )
        .map_err(|failure| failed(&failure, "pickup points"))
    });
    match places {
        Ok(places) => {
            answer.warnings.extend(places.warnings);
            attach_pickup_points(answer, places.locations, kind);
        }
        Err(warning) => answer.warnings.push(part_warning(
            warning,
            "bring pickup points",
            "pickup options are shown without their places",
        )),
    }
}

/// The warning for a failed call, with Bring's own account of it (the failure's detail, which
/// never carries a credential) logged.
fn failed(failure: &CarrierFailure, what: &str) -> Warning {
    log!("bring {what} failed: {failure:?}");
    failure.warning(CARRIER)
}
