//! PostPlus's options for a quote, from the shop's configuration: PostPlus documents no price or
//! transit-time API (notes §1–3 list parcels, labels and shipments only), so the shop states
//! its prices and promises, and they are served like any carrier's answer.

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};

use crate::calendar::is_working_day;
use crate::carriers::{CarrierAnswer, Warning, WarningCode};
use crate::model::{DeliveryTime, Interval, ShippingOption};
use crate::quote::Quote;

use super::config::{PostPlusConfig, PostPlusOption};
use super::CARRIER;

/// The options configured for the quote's country, in the configured order, as of `now`.
///
/// Each is priced as configured (0 once the order value reaches its `free_above`), in its
/// currency; an option priced in another currency than the quote's is left out with a
/// `carrier_notice`. Its `delivery_time` is `interval` (business days, with the recipient's UTC
/// offset now, like every carrier's day counts) and, while today's cutoff is ahead on a working
/// day, `cutoff`; once it has passed, or on a weekend or holiday in the sender's country, the
/// parcel leaves a working day later and both ends of the interval grow by one. A country
/// without options gets an empty answer: the shop chose not to offer PostPlus there, which needs
/// no warning. A quote of more than one parcel gets a `carrier_notice` and no options: PostPlus
/// books one parcel per order.
pub fn postplus_options(
    quote: &Quote,
    config: &PostPlusConfig,
    now: DateTime<Utc>,
) -> CarrierAnswer {
    let departure = departure(config, now);
    let offset = quote
        .recipient
        .country
        .local_time(&now)
        .offset()
        .local_minus_utc();
    let mut answer = CarrierAnswer::default();
    let configured = config.options_for(quote.recipient.country);
    // One order is one PostPlus parcel when it is booked (`parcel_booking`): an order of several
    // parcels is told why PostPlus is missing, rather than offered a booking that would fail.
    if quote.parcels.len() > 1 && !configured.is_empty() {
        answer.warnings.push(Warning {
            carrier: CARRIER.to_owned(),
            code: WarningCode::CarrierNotice,
            message: format!(
                "{CARRIER} books one parcel per order, this order is {} parcels; it is not offered",
                quote.parcels.len()
            ),
        });
        return answer;
    }
    for configured in configured {
        if configured.currency != quote.currency {
            answer.warnings.push(Warning {
                carrier: CARRIER.to_owned(),
                code: WarningCode::CarrierNotice,
                message: format!(
                    "{} to {} is priced in {}, the quote asks for {}; it is not offered",
                    configured.option_id(),
                    quote.recipient.country.code(),
                    configured.currency,
                    quote.currency
                ),
            });
            continue;
        }
        answer
            .options
            .push(option(configured, config, quote, &departure, offset));
    }
    answer
}

/// When a parcel ordered now leaves the shop.
struct Departure {
    /// Today's cutoff, while it is ahead on a working day.
    cutoff: Option<String>,
    /// Working days before PostPlus's promise starts: 0 when the parcel leaves today, else 1.
    days_before: u32,
}

fn option(
    configured: &PostPlusOption,
    config: &PostPlusConfig,
    quote: &Quote,
    departure: &Departure,
    utc_offset: i32,
) -> ShippingOption {
    let group = &configured.group;
    let mut option = ShippingOption::new(
        configured.option_id(),
        configured.name.clone(),
        CARRIER,
        group.shipping_type(),
        configured.price,
        configured.tax_rate,
    );
    option.class = Some(group.class());
    option.group = Some(group.clone());
    option.currency = Some(configured.currency);
    option.free_above = configured.free_above;
    option.price = option.price_for(Some(quote.order_value), None);
    let days = |n: u32| Some(n.saturating_add(departure.days_before).to_string());
    option.delivery_time = Some(DeliveryTime {
        cutoff: departure.cutoff.clone(),
        interval: Some(Interval {
            earliest: days(configured.delivery_days.earliest),
            latest: days(configured.delivery_days.latest),
            utc_offset_in_seconds: Some(utc_offset.to_string()),
        }),
        ..DeliveryTime::default()
    });
    option.service_texts = configured.service_texts.clone();
    option.logo_url = configured
        .logo_url
        .clone()
        .or_else(|| config.logo_url.clone());
    option
}

/// The sender's calendar applied to `now`: the working days of the sender's country
/// ([`crate::calendar`]: Monday to Friday less holidays and the eves carriers do not work).
/// PostPlus documents no calendar of its own, so the parcel leaves when the shop's country
/// works. One working day of waiting is one more business day in the interval, however many
/// calendar days the holidays add (Christmas Eve to the Monday after is still one).
fn departure(config: &PostPlusConfig, now: DateTime<Utc>) -> Departure {
    let country = config.sender.country;
    let zone = country.time_zone();
    let local = now.with_timezone(&zone);
    if is_working_day(country, local.date_naive()) && local.time() < config.cutoff {
        // A cutoff in the spring-forward gap does not exist that day: the promise holds, but
        // there is no instant to show.
        let cutoff = zone
            .from_local_datetime(&local.date_naive().and_time(config.cutoff))
            .earliest()
            .map(|cutoff| {
                cutoff
                    .fixed_offset()
                    .to_rfc3339_opts(SecondsFormat::Secs, false)
            });
        Departure {
            cutoff,
            days_before: 0,
        }
    } else {
        Departure {
            cutoff: None,
            days_before: 1,
        }
    }
}
