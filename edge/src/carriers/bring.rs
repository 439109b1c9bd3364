//! Bring: the Shipping Guide's products and the Pickup Point API, asked in parallel.

use crate::log::log;
use chrono::{DateTime, Utc};
use futures_util::future::join;
use shared::answer::part_warning;
use shared::carriers::bring::{
    attach_pickup_points, parse_pickup_points, parse_products, pickup_points_request,
    products_request, CARRIER,
};
use shared::carriers::{CarrierAnswer, CarrierFailure, Warning};
use shared::model::ShippingType;
use shared::quote::Quote;

use super::{send, Deadline};
use crate::config::BringSetup;

/// Bring's options for `quote`: products with prices and delivery times, and the nearest pickup
/// points on the pickup-point options. A pickup-point failure costs only the points (the options
/// stay, with a warning); a products failure is the whole carrier's.
pub async fn options(
    setup: &BringSetup,
    quote: &Quote,
    now: DateTime<Utc>,
    deadline: Deadline,
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
    let points = pickup_points_request(quote, &setup.config, &setup.credentials);
    let (products, points) = join(send(&products, deadline), send(&points, deadline)).await;

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

    if !answer
        .options
        .iter()
        .any(|option| option.r#type == ShippingType::PickupPoint)
    {
        return Ok(answer);
    }
    let points = points
        .map_err(|error| error.warning(CARRIER))
        .and_then(|points| {
            parse_pickup_points(points.status, points.content_type.as_deref(), &points.body)
                .map_err(|failure| failed(&failure, "pickup points"))
        });
    match points {
        Ok(locations) => attach_pickup_points(&mut answer, locations),
        Err(warning) => answer.warnings.push(part_warning(
            warning,
            "bring pickup points",
            "pickup options are shown without their places",
        )),
    }
    Ok(answer)
}

/// The warning for a failed call, with Bring's own account of it (the failure's detail, which
/// never carries a credential) logged.
fn failed(failure: &CarrierFailure, what: &str) -> Warning {
    log!("bring {what} failed: {failure:?}");
    failure.warning(CARRIER)
}
