//! The shopper's question to `POST /v1/delivery-options`: where to, what, and in which language;
//! and its validated form, [`Quote`], which every carrier mapping takes.
//!
//! Validation lives here, not in the edge, so a field is refused with the same words wherever it
//! comes from (the widget's request or a KSS callback).

use serde::Deserialize;

use crate::error::Error;
use crate::locale::Locale;
use crate::model::{Currency, MinorUnits};

/// Parcels per request beyond which a request is refused: no checkout cart needs more, and the
/// bound keeps carrier requests small.
pub const MAX_PARCELS: usize = 20;

/// The body of `POST /v1/delivery-options`, as sent. Extra fields are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DeliveryOptionsRequest {
    pub recipient: RecipientInput,
    pub parcels: Vec<ParcelInput>,
    /// The cart's value in minor units, for `free_above` and carrier pricing.
    pub order_value: Option<MinorUnits>,
    /// ISO 4217; defaults to the recipient country's currency.
    pub currency: Option<String>,
    /// BCP 47 tag; defaults to the recipient country's language.
    pub locale: Option<String>,
}

/// Where the parcel goes, as sent.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RecipientInput {
    pub country: String,
    pub postal_code: String,
    pub street_address: Option<String>,
    pub city: Option<String>,
}

/// One parcel, as sent. Weight is signed so that a negative weight is refused by name rather
/// than as a JSON type error.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ParcelInput {
    pub weight_grams: i64,
    pub length_cm: Option<i64>,
    pub width_cm: Option<i64>,
    pub height_cm: Option<i64>,
}

/// A validated question: what carrier mappings are built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub recipient: Recipient,
    pub parcels: Vec<Parcel>,
    pub order_value: MinorUnits,
    pub currency: Currency,
    pub locale: Locale,
}

/// A recipient whose postal code is known to be valid for its country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub country: Country,
    /// Digits only (`11134` for Sweden's `111 34`), the form carriers take.
    pub postal_code: String,
    pub street_address: Option<String>,
    pub city: Option<String>,
}

/// A parcel with a positive weight and, when given, positive dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parcel {
    pub weight_grams: u32,
    pub length_cm: Option<u32>,
    pub width_cm: Option<u32>,
    pub height_cm: Option<u32>,
}

/// The countries we deliver to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Country {
    No,
    Se,
    Dk,
    Fi,
}

impl Country {
    /// Parses an ISO 3166-1 alpha-2 code, in either case.
    pub fn from_code(code: &str) -> Option<Country> {
        match code.trim().to_ascii_uppercase().as_str() {
            "NO" => Some(Country::No),
            "SE" => Some(Country::Se),
            "DK" => Some(Country::Dk),
            "FI" => Some(Country::Fi),
            _ => None,
        }
    }

    /// The ISO 3166-1 alpha-2 code.
    pub fn code(self) -> &'static str {
        match self {
            Country::No => "NO",
            Country::Se => "SE",
            Country::Dk => "DK",
            Country::Fi => "FI",
        }
    }

    /// The currency shoppers in this country pay in.
    pub fn currency(self) -> Currency {
        match self {
            Country::No => Currency::NOK,
            Country::Se => Currency::SEK,
            Country::Dk => Currency::DKK,
            Country::Fi => Currency::EUR,
        }
    }

    /// The language most shoppers in this country read.
    pub fn locale(self) -> Locale {
        match self {
            Country::No => Locale::Nb,
            Country::Se => Locale::Sv,
            Country::Dk => Locale::Da,
            Country::Fi => Locale::Fi,
        }
    }

    /// The country's time zone. Carriers give delivery dates and cut-offs in local wall-clock time;
    /// this turns them into instants with the right offset on either side of daylight saving.
    pub fn time_zone(self) -> chrono_tz::Tz {
        match self {
            Country::No => chrono_tz::Europe::Oslo,
            Country::Se => chrono_tz::Europe::Stockholm,
            Country::Dk => chrono_tz::Europe::Copenhagen,
            Country::Fi => chrono_tz::Europe::Helsinki,
        }
    }

    /// `instant` as a shopper in this country reads the clock.
    pub fn local_time<Tz: chrono::TimeZone>(
        self,
        instant: &chrono::DateTime<Tz>,
    ) -> chrono::DateTime<chrono::FixedOffset> {
        instant.with_timezone(&self.time_zone()).fixed_offset()
    }

    /// Normalizes `postal_code` into carrier form (digits only), or says what this country's
    /// postal codes look like.
    ///
    /// Norway and Denmark use 4 digits, Finland 5, Sweden 5 written with an optional space after
    /// the third (`111 34`).
    pub fn postal_code(self, postal_code: &str) -> Result<String, &'static str> {
        let code = postal_code.trim();
        let (digits, rule) = match self {
            Country::No | Country::Dk => (4, "must be 4 digits"),
            Country::Fi => (5, "must be 5 digits"),
            Country::Se => (5, "must be 5 digits, optionally written `123 45`"),
        };
        let compact: String = match self {
            Country::Se if code.len() == 6 && code.as_bytes()[3] == b' ' => {
                code.replacen(' ', "", 1)
            }
            _ => code.to_owned(),
        };
        if compact.len() == digits && compact.bytes().all(|b| b.is_ascii_digit()) {
            Ok(compact)
        } else {
            Err(rule)
        }
    }
}

impl DeliveryOptionsRequest {
    /// Checks every field and returns the question carriers are asked, or an [`Error::Invalid`]
    /// naming the first field that is wrong.
    pub fn validate(&self) -> Result<Quote, Error> {
        let invalid = |field: &str, problem: &str| Error::Invalid {
            field: field.to_owned(),
            problem: problem.to_owned(),
        };
        let input = &self.recipient;
        let country = Country::from_code(&input.country)
            .ok_or_else(|| invalid("recipient.country", "must be one of NO, SE, DK, FI"))?;
        let postal_code = country.postal_code(&input.postal_code).map_err(|rule| {
            invalid(
                "recipient.postal_code",
                &format!("{rule} for {}", country.code()),
            )
        })?;
        if self.parcels.is_empty() {
            return Err(invalid("parcels", "must list at least one parcel"));
        }
        if self.parcels.len() > MAX_PARCELS {
            return Err(invalid(
                "parcels",
                &format!("must list at most {MAX_PARCELS} parcels"),
            ));
        }
        let parcels = self
            .parcels
            .iter()
            .enumerate()
            .map(|(i, parcel)| parcel.validate(i))
            .collect::<Result<Vec<_>, _>>()?;
        let order_value = match self.order_value {
            Some(value) if value < 0 => return Err(invalid("order_value", "must not be negative")),
            Some(value) => value,
            None => 0,
        };
        let currency = match &self.currency {
            Some(code) => code.parse().map_err(|_| {
                invalid(
                    "currency",
                    "must be a three-letter ISO 4217 code such as NOK",
                )
            })?,
            None => country.currency(),
        };
        let locale = match &self.locale {
            Some(tag) => Locale::from_tag(tag),
            None => country.locale(),
        };
        Ok(Quote {
            recipient: Recipient {
                country,
                postal_code,
                street_address: non_empty(&input.street_address),
                city: non_empty(&input.city),
            },
            parcels,
            order_value,
            currency,
            locale,
        })
    }
}

impl ParcelInput {
    fn validate(&self, index: usize) -> Result<Parcel, Error> {
        let field = |name: &str| format!("parcels[{index}].{name}");
        let positive = |name: &str, value: i64| {
            u32::try_from(value)
                .ok()
                .filter(|v| *v > 0)
                .ok_or_else(|| Error::Invalid {
                    field: field(name),
                    problem: "must be a positive whole number".to_owned(),
                })
        };
        let dimension =
            |name: &str, value: Option<i64>| value.map(|v| positive(name, v)).transpose();
        Ok(Parcel {
            weight_grams: positive("weight_grams", self.weight_grams)?,
            length_cm: dimension("length_cm", self.length_cm)?,
            width_cm: dimension("width_cm", self.width_cm)?,
            height_cm: dimension("height_cm", self.height_cm)?,
        })
    }
}

impl Quote {
    /// Total weight of all parcels in grams.
    pub fn total_weight_grams(&self) -> u64 {
        self.parcels.iter().map(|p| u64::from(p.weight_grams)).sum()
    }
}

fn non_empty(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}
