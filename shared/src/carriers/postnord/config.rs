//! The shop's PostNord settings: where the APIs are, who sends from where, what to ask for, and
//! what the shop charges, because PostNord's Delivery Options API returns no prices.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveTime, TimeDelta, TimeZone, Utc};
use serde::{Deserialize, Deserializer};

use crate::calendar::is_working_day;
use crate::carriers::config::{amount, by_country, optional_amount, tax_rate};
use crate::error::Error;
use crate::model::{
    checked_int, checked_map, checked_str, from_json, Currency, MinorUnits, TaxRate,
};
use crate::quote::Country;

use super::DeliveryType;

/// The shop's PostNord configuration. The edge fills it once from its wrangler `[vars]` (a table
/// or a JSON string, e.g. `POSTNORD`) and keeps it; every field is checked while it is read, so a
/// mistake stops the edge at start-up with the field's path instead of failing a checkout later.
///
/// Secrets are not here: the `apikey` (a query parameter on every Delivery Options and Service
/// Points call) and the OAuth `client_id`/`client_secret` are wrangler secrets, passed to the
/// request builders separately.
///
/// ```json
/// {
///   "delivery_options_url": "https://<host>/rest/shipment/v1/deliveryoptions/bywarehouse",
///   "service_points_url": "https://<host>/rest/businesslocation/v5/servicepoints/nearest/byaddress",
///   "token_url": "https://<account host>/oauth2/token",
///   "customer_key": "ExampleShop",
///   "warehouse": {
///     "id": "main",
///     "address": { "street": "Terminalvägen 24", "post_code": "17173", "city": "Solna", "country_code": "SE" }
///   },
///   "cutoff": "15:00",
///   "delivery_types": ["service-point", "parcel-locker", "home", "mailbox"],
///   "additional_service_points": 5,
///   "additional_parcel_lockers": 5,
///   "prices": {
///     "SE": {
///       "currency": "SEK",
///       "tax_rate": 2500,
///       "free_above": 49900,
///       "services": {
///         "service-point": { "price": 4900 },
///         "parcel-locker": { "price": 3900 },
///         "home": { "price": 7900, "free_above": 99900 },
///         "mailbox": { "price": 4500 }
///       }
///     }
///   },
///   "logo_url": "https://shop.example/logos/postnord.svg"
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostNordConfig {
    /// The full URL of `POST …/rest/shipment/v1/deliveryoptions/bywarehouse` (sandbox or
    /// production host), without a query string.
    pub delivery_options_url: String,
    /// The full URL of Service Points v5 `GET …/rest/businesslocation/v5/servicepoints/nearest/byaddress`:
    /// the nearest points to the recipient's postal code and street, sorted by distance.
    pub service_points_url: String,
    /// The OAuth2 token endpoint (client-credentials grant), for the PostNord APIs that need IAM.
    pub token_url: String,
    /// Delivery Options `customer.customerKey`: PostNord's key for the shop when it has one (only
    /// then are fossil-free options evaluated), otherwise the company name (`ExampleShop`), or
    /// `partnerName-companyName` for partners. Checked when read against the OpenAPI's pattern
    /// (`^[a-zA-Z0-9åäöÅÄÖ\-_]+$`, at most 64 characters): a company name with a space or a dot
    /// would otherwise cost every PostNord answer at the first shopper's question.
    #[serde(deserialize_with = "customer_key")]
    pub customer_key: String,
    /// Where parcels leave from.
    pub warehouse: Warehouse,
    /// The latest order time of the day, `HH:MM` in the warehouse's local time. Sent as today's
    /// `orderHandling.timeOfLatestOrder`, and shown as the option's cutoff until it has passed
    /// on a working day.
    #[serde(deserialize_with = "crate::carriers::config::clock_time")]
    pub cutoff: NaiveTime,
    /// Delivery Options `filter.deliveryTypes`: the types to ask for. Empty asks for PostNord's
    /// default set (home, parcel-locker, service-point, mailbox, express-mailbox).
    #[serde(default)]
    pub delivery_types: Vec<DeliveryType>,
    /// How many service points to offer (`preferences.servicePoint.numberOfAdditionalOptions`,
    /// 1 to 15); PostNord's default (5) when absent.
    #[serde(default, deserialize_with = "additional_options")]
    pub additional_service_points: Option<u8>,
    /// How many parcel lockers to offer (`preferences.parcelLocker.numberOfAdditionalOptions`,
    /// 1 to 15); PostNord's default (5) when absent.
    #[serde(default, deserialize_with = "additional_options")]
    pub additional_parcel_lockers: Option<u8>,
    /// What the shop charges, per recipient country (ISO code, `SE`) and delivery type.
    #[serde(deserialize_with = "country_prices")]
    pub prices: BTreeMap<&'static str, CountryPrices>,
    /// The logo shown next to every PostNord option.
    #[serde(default)]
    pub logo_url: Option<String>,
    /// The Nordic Swan Ecolabel image shown on options PostNord marks `nordicSwanEcoLabel`.
    #[serde(default)]
    pub nordic_swan_tag_url: Option<String>,
}

/// The warehouse parcels leave from (Delivery Options `warehouses[0]`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Warehouse {
    /// Our name for it; PostNord echoes it back.
    pub id: String,
    pub address: WarehouseAddress,
}

/// The warehouse's address (a PostNord `FullAddress` with `street`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WarehouseAddress {
    /// Street and number, e.g. "Terminalvägen 24".
    pub street: String,
    pub post_code: String,
    pub city: String,
    /// One of SE, NO, DK, FI: PostNord sends only from these, and its time zone turns the cutoff
    /// into an instant.
    #[serde(deserialize_with = "crate::carriers::config::country")]
    pub country_code: Country,
}

/// The shop's prices for one recipient country. All prices are in `currency`; a quote in another
/// currency gets no PostNord options (and a warning) rather than a wrong price.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryPrices {
    pub currency: Currency,
    /// KSS `tax_rate` of the shipping price in this country, in hundredths of a percent (`2500`).
    #[serde(deserialize_with = "tax_rate")]
    pub tax_rate: TaxRate,
    /// The order value (minor units) from which every service costs nothing, unless the service
    /// sets its own.
    #[serde(default, deserialize_with = "optional_amount")]
    pub free_above: Option<MinorUnits>,
    /// The price of each delivery type the shop offers; a type without a price is not offered.
    /// Keyed by delivery type rather than service code because service-point and parcel-locker
    /// share service code 19 and shops price them differently.
    #[serde(deserialize_with = "service_prices")]
    pub services: Vec<(DeliveryType, ServicePrice)>,
}

/// The shop's price for one delivery type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServicePrice {
    /// In the minor unit of the country's currency (`4900` is 49.00 SEK).
    #[serde(deserialize_with = "amount")]
    pub price: MinorUnits,
    /// Overrides the country's `free_above` for this type.
    #[serde(default, deserialize_with = "optional_amount")]
    pub free_above: Option<MinorUnits>,
}

/// The most additional options PostNord returns per type (its `maximum`).
const MAX_ADDITIONAL_OPTIONS: u8 = 15;

/// Delivery Options `bywarehouse`, below PostNord's API host (the edge's `POSTNORD_BASE_URL`).
pub const DELIVERY_OPTIONS_PATH: &str = "/rest/shipment/v1/deliveryoptions/bywarehouse";
/// Service Points v5, nearest by address, below the same host.
pub const SERVICE_POINTS_PATH: &str = "/rest/businesslocation/v5/servicepoints/nearest/byaddress";
/// The OAuth2 token endpoint below the same host, when no other token URL is set.
pub const TOKEN_PATH: &str = "/oauth2/token";

impl PostNordConfig {
    /// Reads the configuration from JSON; the error names the path of the first bad field.
    pub fn from_json(json: &str) -> Result<PostNordConfig, Error> {
        from_json(json)
    }

    /// Today's cutoff as an instant in the warehouse's local offset: the date is today's date at
    /// the warehouse, as `timeOfLatestOrder` demands, whether or not the time has passed, and
    /// whether or not today is a working day there.
    ///
    /// On a weekend or holiday the date stays today's. The spec says "The date provided should
    /// always be today's date", and the notes (01-postnord.md §1.2) report other dates refused
    /// with `API-008`: sending the next working day's cutoff instead would risk losing every
    /// PostNord option on every holiday. The pickup is PostNord's own, so PostNord moves it to a
    /// day it collects, as it does on a Saturday. What changes on such a day is what the shopper
    /// is shown: no cutoff at all ([`cutoff_ahead`](Self::cutoff_ahead)), since no order placed
    /// today leaves today.
    pub fn cutoff_today(&self, now: DateTime<Utc>) -> DateTime<FixedOffset> {
        let zone = self.warehouse.address.country_code.time_zone();
        let local = now.with_timezone(&zone).date_naive().and_time(self.cutoff);
        // A cutoff inside the spring-forward gap does not exist that day; the first instant after
        // the gap is what the shop means. An ambiguous one (autumn) is taken at its first pass.
        zone.from_local_datetime(&local)
            .earliest()
            .or_else(|| {
                zone.from_local_datetime(&(local + TimeDelta::hours(1)))
                    .earliest()
            })
            .unwrap_or_else(|| now.with_timezone(&zone))
            .fixed_offset()
    }

    /// Today's cutoff while an order can still make today's pickup: on a working day in the
    /// warehouse's country ([`crate::calendar`]), before the cutoff. `None` after it, and all
    /// day on a weekend or holiday.
    pub fn cutoff_ahead(&self, now: DateTime<Utc>) -> Option<DateTime<FixedOffset>> {
        let country = self.warehouse.address.country_code;
        let today = now.with_timezone(&country.time_zone()).date_naive();
        let cutoff = self.cutoff_today(now);
        (is_working_day(country, today) && now < cutoff).then_some(cutoff)
    }

    /// The prices for `country`, if the shop ships there with PostNord.
    pub fn prices_for(&self, country: Country) -> Option<&CountryPrices> {
        self.prices.get(country.code())
    }
}

impl CountryPrices {
    /// The shop's price for `delivery_type`, with the `free_above` that applies to it.
    pub fn service(&self, delivery_type: &DeliveryType) -> Option<ServicePrice> {
        self.services
            .iter()
            .find(|(t, _)| t == delivery_type)
            .map(|(_, price)| ServicePrice {
                free_above: price.free_above.or(self.free_above),
                ..*price
            })
    }
}

fn country_prices<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<&'static str, CountryPrices>, D::Error> {
    checked_map(deserializer, |raw: BTreeMap<String, CountryPrices>| {
        by_country(raw, "prices")
    })
}

fn service_prices<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<(DeliveryType, ServicePrice)>, D::Error> {
    checked_map(deserializer, |raw: BTreeMap<String, ServicePrice>| {
        raw.into_iter()
            .map(|(name, price)| match DeliveryType::from(name.as_str()) {
                // A misspelt type would never match an option and silently hide it; refuse it.
                DeliveryType::Other(_) => Err(format!(
                    "services: `{name}` is not a PostNord delivery type (home, service-point, \
                     parcel-locker, mailbox, express-mailbox, …)"
                )),
                known => Ok((known, price)),
            })
            .collect()
    })
}

fn additional_options<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u8>, D::Error> {
    checked_int(deserializer, |count: u64| match u8::try_from(count) {
        Ok(count) if (1..=MAX_ADDITIONAL_OPTIONS).contains(&count) => Ok(Some(count)),
        _ => Err(format!(
            "must be from 1 to {MAX_ADDITIONAL_OPTIONS} (PostNord's limits), got {count}"
        )),
    })
}

/// Whether `key` is a `customerKey` PostNord takes: 1 to 64 of ASCII letters and digits, `åäöÅÄÖ`,
/// `-` and `_` (the Delivery Options OpenAPI's `pattern` and `maxLength`).
pub fn is_customer_key(key: &str) -> bool {
    let chars = key.chars().count();
    (1..=64).contains(&chars)
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "åäöÅÄÖ-_".contains(c))
}

fn customer_key<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    checked_str(deserializer, |key: String| {
        if is_customer_key(&key) {
            return Ok(key);
        }
        Err(format!(
            "`{key}` is not a PostNord customerKey: 1 to 64 letters a-z, A-Z, å, ä, ö, digits, \
             `-` or `_` (a company name is written without spaces, e.g. `ExampleShop`)"
        ))
    })
}
