//! The shop's PostPlus settings: where the API is, who sends, how parcels and the day's shipment
//! are described, which carriers' reservations PostPlus ships, and the options (prices and
//! delivery promises) the shop offers, because PostPlus has no price API.

use std::collections::BTreeMap;

use chrono::NaiveTime;
use serde::{Deserialize, Deserializer};

use crate::carriers::config::{amount, by_country, optional_amount, tax_rate};
use crate::error::Error;
use crate::model::{
    checked_map, checked_optional_str, checked_str, from_json, Currency, DeliveryGroup, MinorUnits,
    ServiceTexts, TaxRate,
};
use crate::quote::Country;

use super::CARRIER;

/// The shop's PostPlus configuration. The edge fills it once from its wrangler `[vars]` (a table
/// or a JSON string, e.g. `POSTPLUS`); every field is checked while it is read, so a mistake
/// stops the edge at start-up with the field's path instead of failing a booking later.
///
/// The API key is not here: it is a wrangler secret, passed to the request builders separately.
///
/// ```json
/// {
///   "base_url": "https://<postplus host>",
///   "sender": { "name": "Example Shop AB", "address": "Lagervägen 3", "zip_code": "41104",
///               "city": "Göteborg", "country": "SE", "phone": "+46311234567",
///               "email": "lager@shop.example" },
///   "service_code": "FREEP",
///   "ships_through_postplus": ["postplus"],
///   "cutoff": "15:00",
///   "shipment": { "shipment_nr_prefix": "SHOP" },
///   "goods_description": "Clothing",
///   "options": {
///     "SE": [
///       { "id": "home", "name": "PostPlus hemleverans", "price": 4900, "currency": "SEK",
///         "tax_rate": 2500, "delivery_days": { "earliest": 1, "latest": 2 }, "group": "home" }
///     ]
///   }
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostPlusConfig {
    /// The API host without `/api/v1`, e.g. PostPlus's test or production host (notes §1), or
    /// the sandbox's loopback address.
    pub base_url: String,
    /// The shop as the parcel's `sender` (printed as the return address).
    pub sender: PostPlusSender,
    /// `additionalInfo.serviceCode` of a parcel, unless its option names its own (PostPlus's
    /// example is `FREEP`; the codes are agreed per account).
    pub service_code: String,
    /// `parcel.transactionType`: `B2C` (the default, what a web shop sends) or `C2C`.
    #[serde(default = "default_transaction_type")]
    pub transaction_type: String,
    /// `parcel.type`, when the account needs one (`NotRegistered`, `NonPostal`, `Registered`, …);
    /// left out of the request when absent.
    #[serde(default)]
    pub parcel_type: Option<String>,
    /// The carriers whose confirmed reservations are booked as PostPlus parcels, e.g.
    /// `["postplus"]` (the default), or `["postplus", "budbee"]` for a carrier PostPlus delivers
    /// for. Compared without regard to case.
    #[serde(default = "default_ships_through")]
    pub ships_through_postplus: Vec<String>,
    /// `"HH:MM"` in the sender's local time: orders placed at or after it (or on a weekend)
    /// leave on the next working day, a day later than the options' `delivery_days`.
    #[serde(deserialize_with = "crate::carriers::config::clock_time")]
    pub cutoff: NaiveTime,
    /// How the day's shipment (the manifest parcels are linked to) is named.
    pub shipment: ShipmentSettings,
    /// `items[].description` of every parcel item: KSS order lines carry no name, only a
    /// reference. Describe the goods as customs would want them (`Clothing`).
    #[serde(default = "default_goods_description")]
    pub goods_description: String,
    /// `items[].hsCode` of every item, when the shop ships goods of one kind outside the EU
    /// (to Norway) and wants the code on the parcel; left out when absent.
    #[serde(default)]
    pub hs_code: Option<String>,
    /// The options offered per recipient country (`SE`, `NO`, `DK`, `FI`), in the order shown.
    /// A country without options gets no PostPlus option.
    #[serde(deserialize_with = "country_options")]
    pub options: BTreeMap<&'static str, Vec<PostPlusOption>>,
    /// The logo shown next to every PostPlus option that names none of its own.
    #[serde(default)]
    pub logo_url: Option<String>,
    /// The page where a shopper follows a parcel, with `{tracking_id}` where PostPlus's tracking
    /// number goes (`https://track.example/?parcel={tracking_id}`). The references name no
    /// tracking page, so it is the shop's to give; without it a booked parcel has a tracking
    /// number and no link.
    #[serde(default, deserialize_with = "tracking_url_template")]
    pub tracking_url: Option<String>,
}

/// The shop as PostPlus's `sender` (notes §2.1: optional, required for C2C; the client always
/// sends it).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostPlusSender {
    /// The company name on the label.
    pub name: String,
    /// Street and number, e.g. "Lagervägen 3".
    pub address: String,
    pub zip_code: String,
    pub city: String,
    /// One of NO, SE, DK, FI: its time zone turns the cutoff into an instant and names the day's
    /// shipment.
    #[serde(deserialize_with = "crate::carriers::config::country")]
    pub country: Country,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

/// How the day's shipment is created (`POST /api/v1/shipments`, notes §3.1).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShipmentSettings {
    /// The start of each day's `shipmentNr`: `SHOP` gives `SHOP-20250912`. Letters, digits and
    /// `-` only, so the number reads the same in PostPlus's portal and in a URL.
    #[serde(deserialize_with = "shipment_nr_prefix")]
    pub shipment_nr_prefix: String,
    /// The shipment `type`: `VirtualDespatch` (the default, what the open-source client sends)
    /// or what the account manager names (the docs' example is `AWB`).
    #[serde(default = "default_shipment_type")]
    pub r#type: String,
    /// `terminalCode`, when the account delivers to a terminal (the docs' example: `AMS`).
    #[serde(default)]
    pub terminal_code: Option<String>,
}

/// One option the shop offers with PostPlus to a country.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostPlusOption {
    /// The shop's short name of the option (`home`, `mailbox`); our option id is `postplus-<id>`.
    /// Letters, digits, `-` and `_`, unique within its country.
    pub id: String,
    /// What the shopper reads, e.g. "PostPlus hemleverans".
    pub name: String,
    /// In the minor unit of `currency` (`4900` is 49.00 SEK).
    #[serde(deserialize_with = "amount")]
    pub price: MinorUnits,
    /// A quote in another currency is not offered this option (with a notice), rather than a
    /// wrong price.
    pub currency: Currency,
    /// KSS `tax_rate` of the price, in hundredths of a percent (`2500`).
    #[serde(deserialize_with = "tax_rate")]
    pub tax_rate: TaxRate,
    /// The order value (minor units) from which the option costs nothing.
    #[serde(default, deserialize_with = "optional_amount")]
    pub free_above: Option<MinorUnits>,
    /// The promise, in business days from the day the parcel leaves.
    pub delivery_days: DeliveryDays,
    /// The heading it is shown under; its KSS `type` and `class` follow from it.
    pub group: DeliveryGroup,
    /// The parcel's `additionalInfo.serviceCode` when this option is booked, if not the shop's
    /// `service_code`.
    #[serde(default)]
    pub service_code: Option<String>,
    /// The texts shown with it (display name, description, help text).
    #[serde(default)]
    pub service_texts: Option<ServiceTexts>,
    /// Its logo, if not the shop's PostPlus logo.
    #[serde(default)]
    pub logo_url: Option<String>,
}

/// A delivery promise in business days after the parcel leaves: `1` to `2` reads "in 1–2 days".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeliveryDays {
    pub earliest: u32,
    pub latest: u32,
}

impl PostPlusConfig {
    /// Reads the configuration from JSON; the error names the path of the first bad field.
    pub fn from_json(json: &str) -> Result<PostPlusConfig, Error> {
        from_json(json)
    }

    /// Whether a reservation with `carrier` is booked through PostPlus.
    pub fn books(&self, carrier: &str) -> bool {
        self.ships_through_postplus
            .iter()
            .any(|name| name.trim().eq_ignore_ascii_case(carrier.trim()))
    }

    /// The options offered to `country`, in the configured order.
    pub fn options_for(&self, country: Country) -> &[PostPlusOption] {
        self.options.get(country.code()).map_or(&[], Vec::as_slice)
    }

    /// The service code a reservation of option `option_id` (ours, `postplus-home`) to
    /// `country` is booked with: the option's own, else the shop's.
    pub fn service_code_for(&self, country: Country, option_id: &str) -> &str {
        self.options_for(country)
            .iter()
            .find(|option| option.option_id() == option_id)
            .and_then(|option| option.service_code.as_deref())
            .unwrap_or(&self.service_code)
    }
}

impl PostPlusConfig {
    /// The tracking page of the parcel with tracking number `tracking_id`, when the shop
    /// configured one: the number is percent-encoded into the template's `{tracking_id}`.
    pub fn tracking_url_for(&self, tracking_id: &str) -> Option<String> {
        let template = self.tracking_url.as_deref()?;
        let encoded: String = form_urlencoded::byte_serialize(tracking_id.as_bytes()).collect();
        Some(template.replace(TRACKING_ID, &encoded))
    }
}

/// The placeholder of [`PostPlusConfig::tracking_url`].
const TRACKING_ID: &str = "{tracking_id}";

fn tracking_url_template<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    checked_optional_str(deserializer, |template: Option<String>| {
        let Some(template) = template else {
            return Ok(None);
        };
        let absolute = template.starts_with("https://") || template.starts_with("http://");
        if !absolute || !template.contains(TRACKING_ID) {
            return Err(format!(
                "`{template}` must be an http(s) URL with `{TRACKING_ID}` where the tracking number goes"
            ));
        }
        Ok(Some(template))
    })
}

impl PostPlusOption {
    /// Our id of the option, as served and as KSS sends it back: `postplus-<id>`.
    pub fn option_id(&self) -> String {
        format!("{CARRIER}-{}", self.id)
    }
}

fn default_transaction_type() -> String {
    "B2C".to_owned()
}

fn default_ships_through() -> Vec<String> {
    vec![CARRIER.to_owned()]
}

fn default_goods_description() -> String {
    "Goods".to_owned()
}

fn default_shipment_type() -> String {
    "VirtualDespatch".to_owned()
}

fn is_token(text: &str, extra: &[u8]) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || extra.contains(&b))
}

fn shipment_nr_prefix<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    checked_str(deserializer, |prefix: String| {
        if !is_token(&prefix, b"-") || prefix.len() > 20 {
            return Err(format!("`{prefix}` must be 1 to 20 letters, digits or `-`"));
        }
        Ok(prefix)
    })
}

fn country_options<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<&'static str, Vec<PostPlusOption>>, D::Error> {
    checked_map(
        deserializer,
        |raw: BTreeMap<String, Vec<PostPlusOption>>| {
            let options = by_country(raw, "options")?;
            for (country, list) in &options {
                check_options(country, list)?;
            }
            Ok(options)
        },
    )
}

/// What serde cannot check field by field: ids that are usable and unique (KSS sends the id
/// back, and the booking finds the option's service code by it), and promises that are ranges.
fn check_options(country: &str, options: &[PostPlusOption]) -> Result<(), String> {
    for (index, option) in options.iter().enumerate() {
        let at = format!("options.{country}[{index}]");
        if !is_token(&option.id, b"-_") {
            return Err(format!(
                "{at}.id: `{}` must be letters, digits, `-` or `_`",
                option.id
            ));
        }
        if options[..index].iter().any(|other| other.id == option.id) {
            return Err(format!(
                "{at}.id: `{}` is used twice for {country}",
                option.id
            ));
        }
        let days = option.delivery_days;
        if days.earliest > days.latest {
            return Err(format!(
                "{at}.delivery_days: earliest ({}) is after latest ({})",
                days.earliest, days.latest
            ));
        }
    }
    Ok(())
}
