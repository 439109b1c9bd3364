//! The Pickup Point API: the points nearest the recipient, as KSS `locations`.
//!
//! `GET {pickup_points_url}/{country}/postalCode/{postalCode}.json` with `numberOfResponses`, and
//! `street` + `streetNumber`, which Bring "STRONGLY" recommends for accurate results
//! (pickup-point__index.md, bring-pickup-point/api.raml).

use super::failure::error_detail;
use super::opening_hours::operational_hours;
use super::wire::{PickupPoint, PickupPoints};
use super::{BringConfig, BringCredentials};
use crate::carriers::answer::read_answer;
use crate::carriers::{
    kilometres_to_metres, CarrierAnswer, CarrierFailure, Method, OutboundRequest,
};
use crate::model::{Address, Coordinates, Location, ShippingType};
use crate::quote::Quote;

/// The request for the pickup points nearest the recipient's address.
pub fn pickup_points_request(
    quote: &Quote,
    config: &BringConfig,
    credentials: &BringCredentials,
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

/// The pickup points of Bring's answer, in Bring's order: nearest first by driving time (by air
/// where there is no road), as the Pickup Point API sorts them. A point without an id or name
/// cannot be chosen or booked, so it is left out. `distanceInKm` becomes the location's
/// `distance_meters` (Bring's `distanceType` says whether it is by road or by air).
pub fn parse_pickup_points(
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Result<Vec<Location>, CarrierFailure> {
    let response: PickupPoints = read_answer(status, content_type, body, error_detail)?;
    Ok(response
        .pickup_point
        .into_iter()
        .filter_map(|raw| serde_json::from_value::<PickupPoint>(raw).ok())
        .filter(|point| !point.id.as_str().is_empty() && !point.name.trim().is_empty())
        .map(|point| location(&point))
        .collect())
}

/// Puts `locations` on every pickup-point option of `answer`, in the order given (nearest first
/// from [`parse_pickup_points`]). An empty list leaves the options without locations: the
/// shopper then collects at the point Bring assigns.
pub fn attach_pickup_points(answer: &mut CarrierAnswer, locations: Vec<Location>) {
    if locations.is_empty() {
        return;
    }
    for option in &mut answer.options {
        if option.r#type == ShippingType::PickupPoint {
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
