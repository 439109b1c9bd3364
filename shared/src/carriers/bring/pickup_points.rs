//! The Pickup Point API: the points nearest the recipient, as KSS `locations`.
//!
//! `GET {pickup_points_url}/{country}/postalCode/{postalCode}.json` with `numberOfResponses`, and
//! `street` + `streetNumber`, which Bring "STRONGLY" recommends for accurate results
//! (pickup-point__index.md, bring-pickup-point/api.raml), and `pickupPointType` (`manned` or
//! `locker`, api.raml) when an option is for one kind of place only.
//!
//! Places no shopper of ours can use are left out, each reason counted in one warning: type 1,
//! "Bedriftssenter (manned) - not to be used for B2C shipments" (pickup-point__index.md,
//! "Pickup point types"; the field is `type`, a string, as in every example of bring-pickup-point/),
//! and lockers whose `maxParcelDimensions` (pickup-point__index.md, "Max parcel dimensions for
//! Pakkeboks pickup points", in centimetres like the quote's parcels) a parcel does not fit.

use super::failure::error_detail;
use super::opening_hours::operational_hours;
use super::wire::{MaxParcelDimensions, PickupPoint, PickupPoints};
use super::{BringConfig, BringCredentials, CARRIER};
use crate::carriers::read::{read_answer, read_value};
use crate::carriers::{
    kilometres_to_metres, CarrierAnswer, CarrierFailure, Method, OutboundRequest, Places, Warning,
    WarningCode,
};
use crate::model::{Address, Coordinates, DeliveryGroup, Location, ShippingOption, ShippingType};
use crate::quote::{Parcel, Quote};

/// Bring's `pickupPointType` filter (api.raml): staffed places or parcel lockers only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickupPointType {
    Manned,
    Locker,
}

impl PickupPointType {
    /// The kind of place a Bring option asks for: `locker` for an option under the locker
    /// heading; `None` (every kind) for the pickup services, which Bring delivers to counters and
    /// lockers alike. No Bring service in the references is for staffed places only, so none
    /// asks for `manned`; the value is there for the request to say it when one does.
    pub fn of(option: &ShippingOption) -> Option<PickupPointType> {
        match option.group {
            Some(DeliveryGroup::Locker) => Some(PickupPointType::Locker),
            _ => None,
        }
    }

    /// The query value, as api.raml's enum writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            PickupPointType::Manned => "manned",
            PickupPointType::Locker => "locker",
        }
    }
}

/// The request for the pickup points nearest the recipient's address, of `kind` only when given.
pub fn pickup_points_request(
    quote: &Quote,
    config: &BringConfig,
    credentials: &BringCredentials,
    kind: Option<PickupPointType>,
) -> OutboundRequest {
    let recipient = &quote.recipient;
    // The country code and the postal code (digits only, validated in the quote) need no escaping
    // in a path; everything the shopper typed goes into the query, encoded.
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("numberOfResponses", &config.pickup_points.to_string());
    if let Some((street, number)) = recipient.street_address.as_deref().and_then(split_street) {
        query.append_pair("street", street);
        if let Some(number) = number {
            query.append_pair("streetNumber", number);
        }
    }
    if let Some(kind) = kind {
        query.append_pair("pickupPointType", kind.as_str());
    }
    OutboundRequest {
        method: Method::Get,
        url: format!(
            "{}/{}/postalCode/{}.json?{}",
            config.pickup_points_url.trim_end_matches('/'),
            recipient.country.code(),
            recipient.postal_code,
            query.finish()
        ),
        headers: credentials.headers(&config.client_url),
        body: None,
    }
}

/// The pickup points of Bring's answer for `quote`, in Bring's order: nearest first by driving
/// time (by air where there is no road), as the Pickup Point API sorts them. `distanceInKm`
/// becomes the location's `distance_meters` (Bring's `distanceType` says whether it is by road or
/// by air).
///
/// Left out, and counted in one warning per reason: a point of a shape we cannot read, a point
/// without an id or name (it cannot be chosen or booked), a Bedriftssenter (type 1, not for
/// consumers), and a point whose `maxParcelDimensions` one of the quote's parcels does not fit.
pub fn parse_pickup_points(
    status: u16,
    content_type: Option<&str>,
    body: &str,
    quote: &Quote,
) -> Result<Places, CarrierFailure> {
    let response: PickupPoints = read_answer(status, content_type, body, error_detail)?;
    let mut places = Places::default();
    let [mut unreadable, mut unnamed, mut business, mut too_small] = [0_usize; 4];
    for raw in response.pickup_point {
        let Some(point) = read_value::<PickupPoint>(&raw) else {
            unreadable += 1;
            continue;
        };
        if point.id.as_str().is_empty() || point.name.trim().is_empty() {
            unnamed += 1;
        } else if point.r#type.as_ref().map(|t| t.as_str()) == Some(BUSINESS_CENTRE) {
            business += 1;
        } else if !fits(&quote.parcels, point.max_parcel_dimensions.as_ref()) {
            too_small += 1;
        } else {
            places.locations.push(location(&point));
        }
    }
    for (count, why, code) in [
        (
            unreadable,
            "of a shape we cannot read",
            WarningCode::MalformedResponse,
        ),
        (
            unnamed,
            "without an id or a name",
            WarningCode::MalformedResponse,
        ),
        (
            business,
            "of type 1 (Bedriftssenter, not for consumers)",
            WarningCode::CarrierNotice,
        ),
        (
            too_small,
            "whose maxParcelDimensions the parcel does not fit",
            WarningCode::CarrierNotice,
        ),
    ] {
        if count > 0 {
            let points = if count == 1 { "point" } else { "points" };
            places.warnings.push(Warning {
                carrier: CARRIER.to_owned(),
                code,
                message: format!("{CARRIER} listed {count} pickup {points} {why}; left out"),
            });
        }
    }
    Ok(places)
}

/// Bring's `type` of a Bedriftssenter: "not to be used for B2C shipments" (pickup-point__index.md).
const BUSINESS_CENTRE: &str = "1";

/// Whether every parcel fits a place's largest parcel, turned as it best fits (longest side
/// along the longest side). A place without limits takes any parcel, and so does a place whose
/// limits cannot be compared with a parcel whose size is not fully known: a place is only left
/// out when a parcel is known not to fit.
fn fits(parcels: &[Parcel], limit: Option<&MaxParcelDimensions>) -> bool {
    let Some(limit) = limit else {
        return true;
    };
    let (Some(length), Some(width), Some(height)) = (limit.length, limit.width, limit.height)
    else {
        return true;
    };
    let mut room = [length, width, height];
    crate::sort::sort_by(&mut room, f64::total_cmp);
    parcels.iter().all(|parcel| {
        let (Some(l), Some(w), Some(h)) = (parcel.length_cm, parcel.width_cm, parcel.height_cm)
        else {
            return true;
        };
        let mut sides = [f64::from(l), f64::from(w), f64::from(h)];
        crate::sort::sort_by(&mut sides, f64::total_cmp);
        sides.iter().zip(&room).all(|(side, space)| side <= space)
    })
}

/// Puts `locations` on every pickup-point option of `answer` that asks for places of `kind`
/// ([`PickupPointType::of`]), in the order given (nearest first from [`parse_pickup_points`]).
/// An empty list leaves the options without locations: the shopper then collects at the point
/// Bring assigns.
pub fn attach_pickup_points(
    answer: &mut CarrierAnswer,
    locations: Vec<Location>,
    kind: Option<PickupPointType>,
) {
    if locations.is_empty() {
        return;
    }
    for option in &mut answer.options {
        if option.r#type == ShippingType::PickupPoint && PickupPointType::of(option) == kind {
            option.locations = Some(locations.clone());
        }
    }
}

fn location(point: &PickupPoint) -> Location {
    let address = Address {
        street_address: point.visiting_address.clone(),
        postal_code: point.visiting_postal_code.clone(),
        city: point.visiting_city.clone(),
        country: point.country_code.clone(),
        ..Address::default()
    };
    Location {
        id: point.id.as_str().to_owned(),
        name: point.name.clone(),
        address: (address != Address::default()).then_some(address),
        coordinates: match (point.latitude, point.longitude) {
            (Some(lat), Some(lng)) => Some(Coordinates { lat, lng }),
            _ => None,
        },
        delivery_time: None,
        operational_hours: operational_hours(point),
        price: None,
        distance_meters: point
            .distance_in_km
            .as_ref()
            .and_then(|km| kilometres_to_metres(km.as_str())),
    }
}

/// Splits a Nordic street address into street and house number: `"Dronningens gate 10"` →
/// (`"Dronningens gate"`, `"10"`). The number is the first word that starts with a digit after the
/// street name, with a following single letter (`"8 B"`); what comes after it (floor, door, a
/// Swedish `lgh` number) and anything after a comma (`"Smallegade 3, 2. th."`) is left out, as the
/// Pickup Point API wants the building. `None` when there is no street name.
fn split_street(address: &str) -> Option<(&str, Option<&str>)> {
    let address = address.split(',').next().unwrap_or("").trim();
    let words: Vec<&str> = address.split_whitespace().collect();
    // Where a word starts in `address` (every word is a slice of it).
    let offset = |word: &str| word.as_ptr() as usize - address.as_ptr() as usize;
    let number_at = words
        .iter()
        .skip(1)
        .position(|word| word.starts_with(|c: char| c.is_ascii_digit()))
        .map(|index| index + 1);
    let Some(index) = number_at else {
        return (!address.is_empty()).then_some((address, None));
    };
    let number = words[index];
    let start = offset(number);
    let end = match words.get(index + 1) {
        Some(letter) if letter.chars().count() == 1 && letter.chars().all(char::is_alphabetic) => {
            offset(letter) + letter.len()
        }
        _ => start + number.len(),
    };
    Some((address[..start].trim_end(), Some(&address[start..end])))
}
