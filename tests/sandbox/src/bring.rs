//! Bring Shipping Guide API v2, `POST /shippingguide/api/v2/products` (and the older
//! `/shippingguide/v2/products`). Request and response fields follow
//! `bring-shipping-guide-api.txt` and the examples in `bring-docs/` and notes/03-bring.md
//! section 2: per consignment, per requested product, either the product (gui texts, list and net
//! price, expected delivery, environmental data, warnings) or a service-level `errors` list.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::bring_products::{self, Coverage, Language, Product};
use crate::dates::DaysOff;
use crate::postal::{self, LastMile};
use crate::{dates, errors, ids, Sandbox};

/// Bring's documented maximum (`lead-time_alternative-delivery-dates.md`).
const MAX_ALTERNATIVE_DATES: u64 = 9;
const ENVIRONMENTAL_LOGO_URL: &str =
    "https://www.mybring.com/shipping-guide/assets/img/Environment_logo.svg";

/// `POST /shippingguide/api/v2/products`.
pub async fn products(State(sandbox): State<Arc<Sandbox>>, body: Bytes) -> Response {
    match answer(&body, sandbox.now()) {
        Ok(mut answer) => {
            sandbox.control.apply_bring_texts(&mut answer);
            Json(answer).into_response()
        }
        Err(invalid) => errors::bring(
            StatusCode::BAD_REQUEST,
            invalid.code,
            &invalid.field,
            &invalid.message,
        ),
    }
}

/// A whole-request validation error: HTTP 400 with `{code, field, message}`.
struct Invalid {
    code: &'static str,
    field: String,
    message: String,
}

fn invalid(field: impl Into<String>, message: impl Into<String>) -> Invalid {
    Invalid {
        code: "INVALID_ARGUMENT",
        field: field.into(),
        message: message.into(),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GuideRequest {
    consignments: Option<Vec<ConsignmentRequest>>,
    with_price: Option<bool>,
    with_expected_delivery: Option<bool>,
    with_gui_information: Option<bool>,
    with_environmental_data: Option<bool>,
    number_of_alternative_delivery_dates: Option<Value>,
    language: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConsignmentRequest {
    id: Option<Value>,
    from_country_code: Option<String>,
    from_postal_code: Option<String>,
    to_country_code: Option<String>,
    to_postal_code: Option<String>,
    shipping_date: Option<DateRequest>,
    packages: Option<Vec<PackageRequest>>,
    products: Option<Vec<ProductRequest>>,
    /// `[{"id": "EVARSLING"}]` as documented, or `["EVARSLING"]` as in Bring's ETA example.
    additional_services: Option<Vec<Value>>,
}

/// `shippingDate`: strings in the docs; numbers are accepted too. `hour` and `minute` are
/// optional ("the provided date & time": when the parcel is scanned at the terminal); the
/// sandbox's lead times go by the date, but a time that is not one is refused.
#[derive(Deserialize)]
struct DateRequest {
    year: Value,
    month: Value,
    day: Value,
    hour: Option<Value>,
    minute: Option<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PackageRequest {
    gross_weight: Option<Value>,
    length: Option<Value>,
    width: Option<Value>,
    height: Option<Value>,
    volume: Option<Value>,
    volume_in_dm3: Option<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProductRequest {
    id: Option<String>,
    customer_number: Option<String>,
}

/// What the request asks for, once validated.
struct Flags {
    language: Language,
    price: bool,
    expected_delivery: bool,
    gui: bool,
    environmental: bool,
    alternative_dates: u32,
}

/// One consignment's route and measurements, once validated.
struct Route {
    from_country: String,
    to_country: String,
    /// Whose days off the lead time skips: the recipient country's official holidays.
    days_off: DaysOff,
    to_postal_code: String,
    shipping_date: NaiveDate,
    chargeable_kg: u32,
    additional_services: Vec<String>,
}

fn answer(body: &[u8], now: DateTime<Utc>) -> Result<Value, Invalid> {
    let request: GuideRequest = serde_json::from_slice(body).map_err(|error| {
        invalid(
            "",
            format!("The request body is not a valid Shipping Guide request: {error}"),
        )
    })?;
    let flags = flags(&request)?;
    let consignments = request.consignments.unwrap_or_default();
    if consignments.is_empty() {
        return Err(invalid(
            "consignments",
            "At least one consignment is required",
        ));
    }
    let mut trace_messages = Vec::new();
    let mut answered = Vec::new();
    for (index, consignment) in consignments.iter().enumerate() {
        let field = format!("consignments[{index}]");
        let route = route(consignment, &field, now)?;
        let requested = consignment.products.as_deref().unwrap_or_default();
        if requested.is_empty() {
            return Err(invalid(
                format!("{field}.products"),
                "At least one product is required",
            ));
        }
        let products: Vec<Value> = requested
            .iter()
            .map(|wanted| product_answer(wanted, &route, &flags, &mut trace_messages))
            .collect();
        let id = consignment
            .id
            .as_ref()
            .and_then(text)
            .unwrap_or_else(|| (index + 1).to_string());
        answered.push(json!({ "consignmentId": id, "products": products }));
    }
    Ok(
        json!({ "traceMessages": trace_messages, "consignments": answered, "uniqueId": ids::random_uuid() }),
    )
}

fn flags(request: &GuideRequest) -> Result<Flags, Invalid> {
    let language = match request.language.as_deref() {
        None => Language::No,
        Some(code) => Language::parse(code).ok_or_else(|| {
            invalid(
                "language",
                format!("Unsupported language `{code}`; use NO, SE, DK or EN"),
            )
        })?,
    };
    let alternative_dates = match &request.number_of_alternative_delivery_dates {
        None | Some(Value::Null) => 0,
        Some(value) => value
            .as_u64()
            .or_else(|| value.as_str().and_then(|s| s.parse().ok()))
            .filter(|n| *n <= MAX_ALTERNATIVE_DATES)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| {
                invalid(
                    "numberOfAlternativeDeliveryDates",
                    "Number of alternative delivery dates must be numeric and less than 10",
                )
            })?,
    };
    Ok(Flags {
        language,
        // Defaults from `using-shipping-guide-api_callingsg.md`.
        price: request.with_price.unwrap_or(true),
        expected_delivery: request.with_expected_delivery.unwrap_or(true),
        gui: request.with_gui_information.unwrap_or(true),
        environmental: request.with_environmental_data.unwrap_or(false),
        alternative_dates,
    })
}

fn route(
    consignment: &ConsignmentRequest,
    field: &str,
    now: DateTime<Utc>,
) -> Result<Route, Invalid> {
    let country = |value: &Option<String>, name: &str| -> Result<String, Invalid> {
        let code = value
            .as_deref()
            .map(str::to_ascii_uppercase)
            .unwrap_or_default();
        match code.as_str() {
            "NO" | "SE" | "DK" | "FI" => Ok(code),
            "" => Err(invalid(
                format!("{field}.{name}"),
                format!("{name} is required"),
            )),
            _ => Err(invalid(
                format!("{field}.{name}"),
                format!("Country `{code}` is not served by this sandbox"),
            )),
        }
    };
    let from_country = country(&consignment.from_country_code, "fromCountryCode")?;
    let to_country = country(&consignment.to_country_code, "toCountryCode")?;
    let days_off = DaysOff::official(&to_country).ok_or_else(|| {
        invalid(
            format!("{field}.toCountryCode"),
            format!("Country `{to_country}` is not served by this sandbox"),
        )
    })?;
    let postal_code =
        |value: &Option<String>, country: &str, name: &str| -> Result<String, Invalid> {
            let code = value.as_deref().unwrap_or_default().replace(' ', "");
            if postal::is_valid(country, &code) {
                Ok(code)
            } else {
                Err(invalid(
                    format!("{field}.{name}"),
                    format!("`{code}` is not a valid postal code in {country}"),
                ))
            }
        };
    postal_code(
        &consignment.from_postal_code,
        &from_country,
        "fromPostalCode",
    )?;
    let to_postal_code = postal_code(&consignment.to_postal_code, &to_country, "toPostalCode")?;
    let shipping_date = match &consignment.shipping_date {
        // Bring defaults to now; the sandbox takes today's date in Norway.
        None => now.with_timezone(&chrono_tz::Europe::Oslo).date_naive(),
        Some(date) => {
            for (name, value, max) in [("hour", &date.hour, 23), ("minute", &date.minute, 59)] {
                if value
                    .as_ref()
                    .is_some_and(|v| date_part(v).is_none_or(|n| n > max))
                {
                    return Err(invalid(
                        format!("{field}.shippingDate.{name}"),
                        format!("shippingDate.{name} must be a number from 0 to {max}"),
                    ));
                }
            }
            parse_date(date).ok_or_else(|| {
                invalid(
                    format!("{field}.shippingDate"),
                    "shippingDate is not a valid date",
                )
            })?
        }
    };
    let chargeable_kg = chargeable_kg(consignment.packages.as_deref().unwrap_or_default())
        .ok_or_else(|| Invalid {
            code: "INVALID_MEASUREMENTS",
            field: format!("{field}.packages"),
            message:
                "Each package needs a grossWeight, a volume or all of length, width and height"
                    .to_owned(),
        })?;
    let additional_services = consignment
        .additional_services
        .iter()
        .flatten()
        .filter_map(|service| text(service).or_else(|| service.get("id").and_then(text)))
        .collect();
    Ok(Route {
        from_country,
        to_country,
        days_off,
        to_postal_code,
        shipping_date,
        chargeable_kg,
        additional_services,
    })
}

/// The weight Bring charges for: per package the larger of its weight and its volumetric weight
/// (200 kg per m³), summed and rounded up to whole kilograms. `None` when a package has neither.
fn chargeable_kg(packages: &[PackageRequest]) -> Option<u32> {
    if packages.is_empty() {
        return None;
    }
    let mut total_kg = 0.0;
    for package in packages {
        let gross_kg = package
            .gross_weight
            .as_ref()
            .and_then(number)
            .map(|grams| grams / 1000.0);
        let dimensions =
            [&package.length, &package.width, &package.height].map(|v| v.as_ref().and_then(number));
        let from_dimensions = match dimensions {
            [Some(l), Some(w), Some(h)] => Some(l * w * h / 5000.0),
            _ => None,
        };
        let from_volume = package
            .volume_in_dm3
            .as_ref()
            .or(package.volume.as_ref())
            .and_then(number)
            .map(|dm3| dm3 * 0.2);
        let volumetric_kg = from_dimensions.or(from_volume);
        total_kg += match (gross_kg, volumetric_kg) {
            (None, None) => return None,
            (gross, volumetric) => gross.unwrap_or(0.0).max(volumetric.unwrap_or(0.0)),
        };
    }
    // Whole kilograms, at least one; the cast is safe because parcels weigh far below u32::MAX kg.
    Some((total_kg.ceil() as u32).max(1))
}

fn product_answer(
    wanted: &ProductRequest,
    route: &Route,
    flags: &Flags,
    trace: &mut Vec<String>,
) -> Value {
    let id = wanted
        .id
        .as_deref()
        .unwrap_or_default()
        .to_ascii_uppercase();
    let Some(product) = bring_products::product(&id) else {
        return service_error(&id, "NOT_FOUND", &format!("Unknown product id `{id}`"));
    };
    let covered = match product.coverage {
        Coverage::Norway => route.from_country == "NO" && route.to_country == "NO",
        Coverage::Nordic => true,
    };
    if !covered {
        let message = format!(
            "Product {id} is not available from {} to {}",
            route.from_country, route.to_country
        );
        return service_error(&id, "INVALID_ARGUMENT", &message);
    }
    if route.chargeable_kg > product.max_weight_kg {
        let message = format!(
            "Weight {} kg exceeds the maximum of {} kg for product {id}",
            route.chargeable_kg, product.max_weight_kg
        );
        return service_error(&id, "INVALID_MEASUREMENTS", &message);
    }
    let last_mile = if product.has_environmental_data {
        postal::last_mile(&route.to_postal_code)
    } else {
        LastMile::Unknown
    };
    let mut answer = json!({ "id": id, "productionCode": product.production_code });
    let mut warnings = Vec::new();
    if let Some(customer_number) = &wanted.customer_number {
        answer["customerNumber"] = json!(customer_number);
    }
    if flags.gui {
        answer["guiInformation"] = gui_information(product, route, flags, last_mile);
    }
    if flags.price {
        answer["price"] = price(product, route, wanted.customer_number.is_some(), trace);
    }
    if flags.expected_delivery {
        answer["expectedDelivery"] = expected_delivery(product, route, flags);
    }
    if flags.environmental {
        match environmental_data(last_mile, flags.language) {
            Some(data) => answer["environmentalData"] = data,
            None => warnings.push(json!({
                "code": "NO_ENVIRONMENTAL_DATA",
                "description": "Environmental data is not available for the requested service and postal code",
            })),
        }
    }
    if !warnings.is_empty() {
        answer["warnings"] = Value::Array(warnings);
    }
    answer
}

/// "ShippingGuide will never remove services from the request [...] It will either return the
/// requested data or a service level error code along with a description."
fn service_error(id: &str, code: &str, description: &str) -> Value {
    json!({ "id": id, "errors": [ { "code": code, "description": description } ] })
}

fn gui_information(product: &Product, route: &Route, flags: &Flags, last_mile: LastMile) -> Value {
    let language = flags.language;
    let texts = product.texts(language);
    let (delivery_type, main_category, sub_category) = product.categories(language);
    // Bring's checkout guides: the Posten logo for recipients in Norway, Bring's elsewhere.
    let logo = if route.to_country == "NO" {
        "POSTEN"
    } else {
        "BRING"
    };
    let logo_file = if logo == "POSTEN" {
        "Posten_logo.svg"
    } else {
        "Bring_logo.svg"
    };
    let mut gui = json!({
        "sortOrder": product.sort_order.to_string(),
        "mainDisplayCategory": main_category,
        "subDisplayCategory": sub_category,
        "trackable": true,
        "logo": logo,
        "logoUrl": format!("https://www.mybring.com/shipping-guide/assets/img/{logo_file}"),
        "displayName": texts.display_name,
        "productName": product.name(language),
        "descriptionText": texts.description,
        "helpText": texts.help,
        "shortName": product.name(language),
        "productURL": format!("https://www.bring.com/services/{}", product.url_slug),
        "deliveryType": delivery_type,
        "maxWeightInKgs": product.max_weight_kg.to_string(),
    });
    // The environmental logo and tag come with the gui texts only when environmental data was
    // asked for too (shipping guide update of 21 June 2022).
    let tag = match last_mile {
        LastMile::Electric => Some("electric"),
        LastMile::FossilFree => Some("fossilFree"),
        LastMile::Unknown => None,
    };
    if let (Some(tag), true) = (tag, flags.environmental) {
        let (language_tag, _) = language.electric_texts();
        gui["environmentalLogoUrl"] = json!(ENVIRONMENTAL_LOGO_URL);
        gui["environmentalTagUrl"] =
            json!(format!("https://www.mybring.com/shipping-guide/assets/img/Environment_tag_{tag}_{language_tag}.png"));
    }
    gui
}

/// `price.listPrice`, and `price.netPrice` (15 % below list) when a customer number was given.
fn price(product: &Product, route: &Route, with_net_price: bool, trace: &mut Vec<String>) -> Value {
    let zone = postal::price_zone(&route.to_postal_code);
    let list_ore = product.list_price_ore(route.chargeable_kg, zone);
    let (currency, vat_per_mille) = currency_and_vat(&route.from_country, &route.to_country);
    let mut services = Vec::new();
    for service in &route.additional_services {
        match additional_service(service) {
            Some((price_ore, production_code)) => {
                services.push((service.as_str(), price_ore, production_code))
            }
            // "API will just ignore that additional service for price calculation and return info
            // as a trace message" (errors-warnings.md).
            None => trace.push(format!(
                "Additional service {service} is not applicable for product {}",
                product.id
            )),
        }
    }
    let price_of = |product_ore: i64| {
        let mut price =
            json!({ "priceWithoutAdditionalServices": amounts(product_ore, vat_per_mille) });
        if !services.is_empty() {
            let listed: Vec<Value> = services
                .iter()
                .map(|(id, ore, code)| {
                    json!({
                        "additionalServiceId": id,
                        "additionalServiceDescription": "",
                        "additionalServicePrice": amounts(*ore, vat_per_mille),
                        "additionalServiceCodeFromProductionSystem": code,
                    })
                })
                .collect();
            price["additionalServices"] = Value::Array(listed);
        }
        let with_services = product_ore + services.iter().map(|(_, ore, _)| ore).sum::<i64>();
        price["priceWithAdditionalServices"] = amounts(with_services, vat_per_mille);
        price["currencyCode"] = json!(currency);
        price
    };
    let mut answer = json!({ "listPrice": price_of(list_ore) });
    if with_net_price {
        answer["netPrice"] = price_of(round_div(list_ore * 85, 100));
        answer["zones"] = json!({ "totalZoneCount": zone });
    }
    answer
}

/// The two additional services of Bring's documented example, with its prices:
/// `(price without VAT in øre, code from the production system)`.
fn additional_service(id: &str) -> Option<(i64, &'static str)> {
    match id.to_ascii_uppercase().as_str() {
        "EVARSLING" => Some((0, "1091")),
        "POSTOPPKRAV" => Some((6500, "2000")),
        _ => None,
    }
}

/// The currency of the sender's country; VAT only on domestic shipments (exports carry none).
fn currency_and_vat(from_country: &str, to_country: &str) -> (&'static str, i64) {
    let (currency, vat_per_mille) = match from_country {
        "SE" => ("SEK", 250),
        "DK" => ("DKK", 250),
        "FI" => ("EUR", 255),
        _ => ("NOK", 250),
    };
    (
        currency,
        if from_country == to_country {
            vat_per_mille
        } else {
            0
        },
    )
}

/// `{amountWithoutVAT, vat, amountWithVAT}` as two-decimal strings.
fn amounts(without_vat_ore: i64, vat_per_mille: i64) -> Value {
    let vat_ore = round_div(without_vat_ore * vat_per_mille, 1000);
    json!({
        "amountWithoutVAT": money(without_vat_ore),
        "vat": money(vat_ore),
        "amountWithVAT": money(without_vat_ore + vat_ore),
    })
}

fn expected_delivery(product: &Product, route: &Route, flags: &Flags) -> Value {
    let cross_border = i32::from(route.from_country != route.to_country);
    let transit = i32::try_from(postal::transit_days(&route.to_postal_code)).unwrap_or(3);
    let working_days =
        u32::try_from((transit + product.extra_days + cross_border).max(1)).unwrap_or(1);
    let delivery_date = dates::add_working_days(route.days_off, route.shipping_date, working_days);
    let alternatives: Vec<Value> = if product.has_alternative_dates {
        (1..=flags.alternative_dates)
            .map(|k| {
                let date = dates::add_working_days(route.days_off, delivery_date, k);
                json!({
                    "expectedDeliveryDate": delivery_date_json(date, product.time_slot),
                    "formattedExpectedDeliveryDate": formatted(date),
                    "shippingDate": delivery_date_json(route.shipping_date, None),
                    "workingDays": dates::working_days_between(route.days_off, route.shipping_date, date).to_string(),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    json!({
        "workingDays": working_days.to_string(),
        "userMessage": "",
        "formattedExpectedDeliveryDate": formatted(delivery_date),
        "expectedDeliveryDate": delivery_date_json(delivery_date, product.time_slot),
        "alternativeDeliveryDates": alternatives,
    })
}

/// `{year, month, day, timeSlots?}`, numbers as unpadded strings as in Bring's examples.
fn delivery_date_json(date: NaiveDate, time_slot: Option<(u32, u32)>) -> Value {
    let mut value = json!({
        "year": date.year().to_string(),
        "month": date.month().to_string(),
        "day": date.day().to_string(),
    });
    if let Some((start, end)) = time_slot {
        value["timeSlots"] = json!([ {
            "startTime": { "hour": start.to_string(), "minute": "0" },
            "endTime": { "hour": end.to_string(), "minute": "0" },
        } ]);
    }
    value
}

fn environmental_data(last_mile: LastMile, language: Language) -> Option<Value> {
    let (electric, bio, description) = match last_mile {
        LastMile::Electric => (1.0, 0.0, language.electric_texts().1),
        LastMile::FossilFree => (0.6, 0.4, language.fossil_free_text()),
        LastMile::Unknown => return None,
    };
    Some(json!([ {
        "transportLeg": "LAST_MILE",
        "fossilFree": true,
        "description": description,
        "details": { "electric": electric, "bio": bio },
    } ]))
}

/// `dd.MM.yyyy`.
fn formatted(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

fn parse_date(date: &DateRequest) -> Option<NaiveDate> {
    let year = i32::try_from(date_part(&date.year)?).ok()?;
    NaiveDate::from_ymd_opt(year, date_part(&date.month)?, date_part(&date.day)?)
}

/// One part of `shippingDate` (`"2025"`, `"03"`, or a number) as a whole number.
fn date_part(value: &Value) -> Option<u32> {
    text(value).and_then(|s| s.trim().parse().ok())
}

/// A string, or a number written as one.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A number, or a string holding one.
fn number(value: &Value) -> Option<f64> {
    value
        .as_f64()
        .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()))
}

/// `numerator / denominator` rounded half away from zero, for positive amounts.
fn round_div(numerator: i64, denominator: i64) -> i64 {
    (numerator + denominator / 2) / denominator
}

/// Hundredths as a two-decimal string: 12625 -> "126.25".
fn money(ore: i64) -> String {
    format!("{}.{:02}", ore / 100, ore % 100)
}
