//! Bring Shipping Guide answers as our options: every reference example mapped exactly, service
//! errors and warnings, prices and tax, delivery times across daylight saving, and every way an
//! answer can fail, without a credential in any text.

mod support;

use serde_json::{json, Value};
use shared::carriers::bring::{parse_products, products_request, BringConfig, BringCredentials};
use shared::carriers::{CarrierAnswer, CarrierFailure, WarningCode};
use shared::quote::Quote;
use support::at;
use support::bring::{config, JSON};

const CALLINGSG: &str = include_str!("fixtures/bring/products_callingsg_response.json");
const ETA: &str = include_str!("fixtures/bring/products_eta_response.json");
const V2: &str = include_str!("fixtures/bring/products_v2_response.json");
const V2_UPDATES: &str = include_str!("fixtures/bring/products_v2_updates_response.json");
const COMPOSED: &str = include_str!("fixtures/bring/products_composed_response.json");
const REFUSED: &str = include_str!("fixtures/bring/products_400_response.json");

fn quote(country: &str, postal_code: &str) -> Quote {
    support::quote(json!({
        "recipient": { "country": country, "postal_code": postal_code, "street_address": "Testsvingen 2" },
        "parcels": [{ "weight_grams": 1200, "length_cm": 30, "width_cm": 20, "height_cm": 10 }]
    }))
}

fn parse(body: &str, quote: &Quote, config: &BringConfig, now: &str) -> CarrierAnswer {
    parse_products(200, JSON, body, quote, config, at(now))
        .unwrap_or_else(|failure| panic!("the answer parses: {failure:?}"))
}

/// The answer to `body` for a Norwegian recipient at `now`.
fn norwegian(body: &str, now: &str) -> CarrierAnswer {
    parse(body, &quote("NO", "5518"), &config(), now)
}

/// The messages of the answer's warnings with `code`, in order.
fn messages(answer: &CarrierAnswer, code: WarningCode) -> Vec<&str> {
    answer
        .warnings
        .iter()
        .filter(|w| w.code == code)
        .map(|w| w.message.as_str())
        .collect()
}

/// The answer to `body` for a Norwegian recipient at `now` must serialize to `expected`.
fn check(body: &str, now: &str, expected: Value) {
    let answer = norwegian(body, now);
    assert_eq!(
        serde_json::to_value(&answer).expect("the answer serializes"),
        expected
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn callingsg_example_maps_exactly() {
    // Asked with `withExpectedDelivery: false` and no environmental data: neither is mapped.
    check(
        CALLINGSG,
        "2016-10-10T08:00:00Z",
        json!({
            "options": [{
                "id": "bring-5800",
                "name": "Til hentested",
                "carrier": "bring",
                "class": "standard",
                "type": "pickup-point",
                "price": 93870,
                "tax_rate": 2500,
                "group": "pickup",
                "currency": "NOK",
                "service_texts": {
                    "display_name": "Til hentested",
                    "short_name": "Pakke til hentested",
                    "description": "Pakken kan spores og utleveres på ditt lokale hentested.",
                    "help_text": "Pakke til hentested leveres til mottakers lokale hentested (postkontor eller Post i Butikk). Mottaker kan velge å hente sendingen på et annet hentested enn sitt lokale. Mottaker varsles om at sendingen er ankommet via SMS, e-post eller hentemelding i postkassen. Sendingen kan spores ved hjelp av sporingsnummeret."
                },
                "logo_url": "https://www.qa.mybring.com/shipping-guide/assets/img/Posten_logo.svg"
            }],
            "warnings": []
        }),
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn eta_example_maps_exactly() {
    // Ordered Wednesday 13 January 2021 at 06:54 in Oslo, as in Bring's ETA request example.
    // Without guiInformation the product id is the name, and the logo follows the checkout
    // guide's rule: Posten for a recipient in Norway.
    check(
        ETA,
        "2021-01-13T05:54:00Z",
        json!({
            "options": [{
                "id": "bring-5000",
                "name": "5000",
                "carrier": "bring",
                "class": "standard",
                "type": "delivery-address",
                "price": 18219,
                "tax_rate": 2500,
                "group": "home",
                "currency": "NOK",
                "delivery_time": {
                    "earliest": "2021-01-14T12:00:00+01:00",
                    "latest": "2021-01-14T12:00:00+01:00",
                    "cutoff": "2021-01-13T17:00:00+01:00",
                    "interval": { "utc_offset_in_seconds": "3600" }
                },
                "logo_url": "https://developer.bring.com/images/checkout/posten/Posten_logo.svg"
            }],
            "warnings": []
        }),
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn v2_schema_examples_without_price_offer_nothing() {
    // Both versions of the v2 page show a 5600 answer with lead times and no price; an option
    // without a price cannot be charged, so the service is reported instead.
    for example in [V2, V2_UPDATES] {
        check(
            example,
            "2022-11-15T09:36:00Z",
            json!({
                "options": [],
                "warnings": [{
                    "carrier": "bring",
                    "code": "service_unavailable",
                    "message": "bring product 5600 is left out: Bring gave no price"
                }]
            }),
        );
    }
}

fn composed_options() -> Value {
    let cutoff = "2022-11-15T17:00:00+01:00";
    json!([
        {
            "id": "bring-5800",
            "name": "Til hentested",
            "carrier": "bring",
            "class": "standard",
            "type": "pickup-point",
            "price": 93870,
            "tax_rate": 2500,
            "group": "pickup",
            "currency": "NOK",
            "delivery_time": {
                "earliest": "2022-11-16T12:00:00+01:00",
                "latest": "2022-11-16T12:00:00+01:00",
                "cutoff": cutoff,
                "interval": { "utc_offset_in_seconds": "3600" }
            },
            "service_texts": {
                "display_name": "Til hentested",
                "short_name": "Pakke til hentested",
                "description": "Pakken kan spores og utleveres på ditt lokale hentested.",
                "help_text": "Pakke til hentested leveres til mottakers lokale hentested (postkontor eller Post i Butikk). Mottaker kan velge å hente sendingen på et annet hentested enn sitt lokale. Mottaker varsles om at sendingen er ankommet via SMS, e-post eller hentemelding i postkassen. Sendingen kan spores ved hjelp av sporingsnummeret."
            },
            "logo_url": "https://www.qa.mybring.com/shipping-guide/assets/img/Posten_logo.svg",
            "environmental": {
                "tag_image_url": "https://www.mybring.com/shipping-guide/assets/img/Environment_tag_fossilFree_en.png",
                "long_text": "The parcel is delivered with fossil-free fuel from the local terminal to the chosen delivery address",
                "fossil_free_share": 1.0
            }
        },
        {
            "id": "bring-5600",
            "name": "Levert hjem",
            "carrier": "bring",
            "class": "standard",
            "type": "delivery-address",
            "price": 18219,
            "tax_rate": 2500,
            "group": "home",
            "currency": "NOK",
            "delivery_time": {
                "earliest": "2022-11-16T17:00:00+01:00",
                "latest": "2022-11-16T21:00:00+01:00",
                "cutoff": cutoff,
                "interval": { "utc_offset_in_seconds": "3600" },
                "time_of_day": {
                    "earliest": "2022-11-16T17:00:00+01:00",
                    "latest": "2022-11-16T21:00:00+01:00"
                }
            },
            "service_texts": {
                "display_name": "Levert hjem",
                "short_name": "Pakke levert hjem",
                "description": "Levert hjem på kvelden.",
                "help_text": "Pakken leveres hjem til mottaker mellom kl. 17 og 21."
            },
            "logo_url": "https://www.mybring.com/shipping-guide/assets/img/Posten_logo.svg",
            "environmental": {
                "tag_image_url": "https://www.mybring.com/shipping-guide/assets/img/Environment_tag_electric_en.png",
                "long_text": "The parcel is delivered partly with electric vehicles from the local terminal to the chosen delivery address",
                "fossil_free_share": 0.75
            },
            // Bring repeats 18 November; it is offered once.
            "alternative_delivery_dates": [
                {
                    "earliest": "2022-11-18T17:00:00+01:00",
                    "latest": "2022-11-18T21:00:00+01:00",
                    "interval": { "utc_offset_in_seconds": "3600" },
                    "time_of_day": {
                        "earliest": "2022-11-18T17:00:00+01:00",
                        "latest": "2022-11-18T21:00:00+01:00"
                    }
                },
                {
                    "earliest": "2022-11-21T12:00:00+01:00",
                    "latest": "2022-11-21T12:00:00+01:00",
                    "interval": { "utc_offset_in_seconds": "3600" }
                }
            ]
        },
        {
            "id": "bring-3584",
            "name": "Pakke i postkassen",
            "carrier": "bring",
            "class": "standard",
            "type": "delivery-address",
            "price": 6900,
            "tax_rate": 2500,
            "group": "mailbox",
            "currency": "NOK",
            "delivery_time": {
                "cutoff": cutoff,
                "interval": { "earliest": "2", "latest": "2", "utc_offset_in_seconds": "3600" }
            },
            "service_texts": {
                "display_name": "Pakke i postkassen",
                "short_name": "Pakke i postkassen",
                "description": "Leveres i postkassen.",
                "help_text": "Pakken leveres i mottakers postkasse."
            },
            "logo_url": "https://developer.bring.com/images/checkout/posten/Posten_logo.svg"
        }
    ])
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn composed_answer_maps_exactly_and_drops_only_the_refused_service() {
    // Tuesday 15 November 2022, 10:36 in Oslo: before the cutoff. Sorted by Bring's sortOrder
    // (5800, 5600, 3584) although Bring listed them the other way round.
    check(
        COMPOSED,
        "2022-11-15T09:36:00Z",
        json!({
            "options": composed_options(),
            "warnings": [
                {
                    "carrier": "bring",
                    "code": "carrier_notice",
                    "message": "bring product 3584: NO_EXPECTED_DELIVERY (Expected delivery date is not available)"
                }
                // PA_DOREN is 5600's legacy id: its refusal would contradict the 5600 offered.
            ]
        }),
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn after_cutoff_working_days_count_the_day_the_shop_waits() {
    // Tuesday 18:00 in Oslo: the parcel leaves on Wednesday, so Bring's 2 working days are 3
    // from now, and no cutoff is shown for an order that can no longer make it.
    let answer = norwegian(COMPOSED, "2022-11-15T17:00:00Z");
    let mailbox = answer
        .options
        .iter()
        .find(|option| option.id == "bring-3584")
        .expect("the mailbox option");
    assert_eq!(
        serde_json::to_value(&mailbox.delivery_time).expect("serializes"),
        json!({ "interval": { "earliest": "3", "latest": "3", "utc_offset_in_seconds": "3600" } })
    );
    let pickup = &answer.options[0];
    assert_eq!(pickup.id, "bring-5800");
    assert_eq!(
        pickup
            .delivery_time
            .as_ref()
            .and_then(|d| d.cutoff.as_deref()),
        None
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn net_price_is_used_when_configured() {
    let mut config = config();
    config.use_net_price = true;
    let answer = parse(
        COMPOSED,
        &quote("NO", "5518"),
        &config,
        "2022-11-15T09:36:00Z",
    );
    let prices: Vec<(&str, i64, u32)> = answer
        .options
        .iter()
        .map(|option| (option.id.as_str(), option.price, option.tax_rate))
        .collect();
    // 5600 has a net price (124.00 with 24.80 VAT on 99.20); the others fall back to list.
    assert_eq!(
        prices,
        [
            ("bring-5800", 93870, 2500),
            ("bring-5600", 12400, 2500),
            ("bring-3584", 6900, 2500)
        ]
    );
    let notices = messages(&answer, WarningCode::CarrierNotice);
    assert_eq!(
        notices,
        [
            "bring product 3584: NO_EXPECTED_DELIVERY (Expected delivery date is not available)",
            "bring product 3584: Bring gave no net price (is customer_number set?); the list price is shown",
            "bring product 5800: Bring gave no net price (is customer_number set?); the list price is shown",
        ]
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_price_in_another_currency_is_not_offered() {
    // A Swedish checkout is in SEK; Bring priced the services from Norway in NOK.
    let answer = parse(
        COMPOSED,
        &quote("SE", "11134"),
        &config(),
        "2022-11-15T09:36:00Z",
    );
    assert!(answer.options.is_empty());
    let unavailable = messages(&answer, WarningCode::ServiceUnavailable);
    assert_eq!(
        unavailable,
        [
            "bring product 3584 is left out: Bring prices it in NOK, but the checkout is in SEK",
            "bring product 5600 is left out: Bring prices it in NOK, but the checkout is in SEK",
            "bring product 5800 is left out: Bring prices it in NOK, but the checkout is in SEK",
            "bring product PA_DOREN is left out: PRODUCT_NOT_AVAILABLE (The service is not available between the given postal codes)",
        ]
    );
}

/// A one-product answer: `product` plus a list price of `amounts` in `currency`.
fn one_product(product: Value, amounts: [&str; 3], currency: &str) -> String {
    let [without_vat, vat, with_vat] = amounts;
    let mut product = product;
    product["price"] = json!({ "listPrice": {
        "priceWithoutAdditionalServices": { "amountWithoutVAT": without_vat, "vat": vat, "amountWithVAT": with_vat },
        "currencyCode": currency
    }});
    json!({ "consignments": [{ "products": [product] }] }).to_string()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn prices_and_tax_rates_are_exact() {
    let cases = [
        (["750.96", "187.74", "938.70"], 93870, 2500),
        (["145.75", "36.44", "182.19"], 18219, 2500),
        (["100.00", "12.00", "112.00"], 11200, 1200),
        (["80.00", "20.01", "100.01"], 10001, 2501),
        (["3.00", "0.01", "3.01"], 301, 33),
        (["0.00", "0.00", "0.00"], 0, 0),
        (["99", "24.75", "123.75"], 12375, 2500),
    ];
    for (amounts, price, tax_rate) in cases {
        let body = one_product(json!({ "id": "5800" }), amounts, "NOK");
        let answer = norwegian(&body, "2024-03-13T09:36:00Z");
        let option = answer.options.first().expect("one option");
        assert_eq!(
            (option.price, option.tax_rate),
            (price, tax_rate),
            "{amounts:?}"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn products_are_grouped_by_service() {
    // (product id, Bring's deliveryType) → (KSS type, KSS class, our group)
    let cases = [
        ("5800", None, "pickup-point", "standard", "pickup"),
        ("0340", None, "pickup-point", "standard", "pickup"),
        ("SERVICEPAKKE", None, "pickup-point", "standard", "pickup"),
        ("3584", None, "delivery-address", "standard", "mailbox"),
        ("3570", None, "delivery-address", "standard", "mailbox"),
        ("5600", None, "delivery-address", "standard", "home"),
        ("0349", None, "delivery-address", "standard", "home"),
        ("0334", None, "delivery-address", "express", "express"),
        (
            "EXPRESS_NORDIC_0900",
            None,
            "delivery-address",
            "express",
            "express",
        ),
        (
            "9999",
            Some("Hentested"),
            "pickup-point",
            "standard",
            "pickup",
        ),
        ("9999", Some("Dør"), "delivery-address", "standard", "home"),
        // The same word in the languages the other locales ask in.
        (
            "9999",
            Some("Utlämningsställe"),
            "pickup-point",
            "standard",
            "pickup",
        ),
        (
            "9999",
            Some("Udleveringssted"),
            "pickup-point",
            "standard",
            "pickup",
        ),
        (
            "9999",
            Some("Pickup point"),
            "pickup-point",
            "standard",
            "pickup",
        ),
        // Pickup services reach lockers too; only a product that says locker is one.
        (
            "5800",
            Some("Hentested"),
            "pickup-point",
            "standard",
            "pickup",
        ),
        (
            "5800",
            Some("Pakkeboks"),
            "pickup-point",
            "standard",
            "locker",
        ),
        (
            "0342",
            Some("Parcel locker"),
            "pickup-point",
            "standard",
            "locker",
        ),
        (
            "9999",
            Some("Pakkeautomat"),
            "pickup-point",
            "standard",
            "locker",
        ),
        // The service decides over a text that says otherwise.
        (
            "3584",
            Some("Pakkeboks"),
            "delivery-address",
            "standard",
            "mailbox",
        ),
    ];
    for (id, delivery_type, r#type, class, group) in cases {
        let product = json!({ "id": id, "guiInformation": { "deliveryType": delivery_type, "mainDisplayCategory": "Pakke" } });
        let body = one_product(product, ["80.00", "20.00", "100.00"], "NOK");
        let answer = norwegian(&body, "2024-03-13T09:36:00Z");
        let option = answer.options.first().expect("one option");
        assert_eq!(
            (
                option.r#type.as_str(),
                option.class.as_ref().map(|c| c.as_str()),
                option.group.as_ref().map(|g| g.as_str())
            ),
            (r#type, Some(class), Some(group)),
            "{id} {delivery_type:?}"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn logo_is_bring_s_or_follows_the_checkout_guide() {
    let posten = "https://developer.bring.com/images/checkout/posten/Posten_logo.svg";
    let bring = "https://developer.bring.com/images/checkout/bring/Bring_logo.svg";
    // (recipient country, currency, guiInformation) → logo
    let cases = [
        ("NO", "NOK", json!({}), posten),
        ("SE", "SEK", json!({}), bring),
        ("DK", "DKK", json!({}), bring),
        ("SE", "SEK", json!({ "logo": "POSTEN" }), posten),
        ("NO", "NOK", json!({ "logo": "BRING" }), bring),
        (
            "SE",
            "SEK",
            json!({ "logo": "BRING", "logoUrl": "https://logo.example/b.svg" }),
            "https://logo.example/b.svg",
        ),
        ("NO", "NOK", json!({ "logoUrl": "" }), posten),
    ];
    for (country, currency, gui, expected) in cases {
        let postal_code = if country == "SE" { "11134" } else { "0173" };
        let body = one_product(
            json!({ "id": "0340", "guiInformation": gui }),
            ["80.00", "20.00", "100.00"],
            currency,
        );
        let answer = parse(
            &body,
            &quote(country, postal_code),
            &config(),
            "2024-03-13T09:36:00Z",
        );
        let option = answer.options.first().expect("one option");
        assert_eq!(
            option.logo_url.as_deref(),
            Some(expected),
            "{country} {gui}"
        );
    }
}

/// The delivery time Bring's `expectedDelivery` reads as, for a recipient in `country` at `now`.
fn check_delivery_time(country: &str, now: &str, expected_delivery: Value, expected: Value) {
    let option = one_option("5600", country, now, &expected_delivery);
    assert_eq!(
        serde_json::to_value(&option.delivery_time).expect("serializes"),
        expected,
        "{country} {now} {expected_delivery}"
    );
}

/// The option of Bring product `id` with `expectedDelivery`, for a recipient in `country` at
/// `now`.
fn one_option(
    id: &str,
    country: &str,
    now: &str,
    expected_delivery: &Value,
) -> shared::model::ShippingOption {
    let (postal_code, currency) = match country {
        "FI" => ("00100", "EUR"),
        _ => ("0173", "NOK"),
    };
    let body = one_product(
        json!({ "id": id, "expectedDelivery": expected_delivery }),
        ["80.00", "20.00", "100.00"],
        currency,
    );
    let answer = parse(&body, &quote(country, postal_code), &config(), now);
    answer.options.into_iter().next().expect("one option")
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn home_delivery_dates_move_off_the_recipient_s_holidays() {
    // Bring: "There is no home delivery on bank holidays. [...] This must be handled by clients.
    // End-users should not get delivery dates for holidays." (holidays.md)
    let date = |y: &str, m: &str, d: &str| json!({ "year": y, "month": m, "day": d });
    let with_slot = |mut date: Value| {
        date["timeSlots"] = json!([{ "startTime": { "hour": "8", "minute": "0" }, "endTime": { "hour": "17", "minute": "0" } }]);
        date
    };
    let noon = |day: &str, offset: &str| {
        json!({ "earliest": format!("{day}T12:00:00{offset}"), "latest": format!("{day}T12:00:00{offset}"),
                "interval": { "utc_offset_in_seconds": if offset == "+01:00" { "3600" } else { "7200" } } })
    };
    // Tuesday 22 December 2026, 09:00 in Oslo: before the cutoff.
    let before_christmas = "2026-12-22T08:00:00Z";
    let cutoff = "2026-12-22T17:00:00+01:00";
    let cases = [
        // Home delivery (5600) on Christmas Eve, a Thursday: the next working day is Monday
        // the 28th, in Bring's window.
        (
            "5600",
            "NO",
            before_christmas,
            with_slot(date("2026", "12", "24")),
            json!({
                "earliest": "2026-12-28T08:00:00+01:00",
                "latest": "2026-12-28T17:00:00+01:00",
                "cutoff": cutoff,
                "interval": { "utc_offset_in_seconds": "3600" },
                "time_of_day": { "earliest": "2026-12-28T08:00:00+01:00", "latest": "2026-12-28T17:00:00+01:00" }
            }),
        ),
        // The mailbox parcel (3584) goes to the address too.
        ("3584", "NO", before_christmas, date("2026", "12", "24"), {
            let mut time = noon("2026-12-28", "+01:00");
            time["cutoff"] = json!(cutoff);
            time
        }),
        // A pickup point (5800) keeps Bring's date: the parcel waits there.
        ("5800", "NO", before_christmas, date("2026", "12", "24"), {
            let mut time = noon("2026-12-24", "+01:00");
            time["cutoff"] = json!(cutoff);
            time
        }),
        // The day before is an ordinary delivery day.
        ("5600", "NO", before_christmas, date("2026", "12", "23"), {
            let mut time = noon("2026-12-23", "+01:00");
            time["cutoff"] = json!(cutoff);
            time
        }),
        // Easter Sunday 2024 (Bring's date at the change to summer time): Easter Monday is off
        // too, so Tuesday. Ordered on Maundy Thursday, a holiday at the sender: no cutoff.
        (
            "5600",
            "NO",
            "2024-03-28T08:00:00Z",
            date("2024", "3", "31"),
            noon("2024-04-02", "+02:00"),
        ),
        // The recipient's calendar counts: Midsummer Eve 2026 in Finland, a Friday, moves to
        // Monday; in Norway the same Friday is a working day.
        (
            "5600",
            "FI",
            "2026-06-17T08:00:00Z",
            date("2026", "6", "19"),
            {
                let mut time = noon("2026-06-22", "+03:00");
                time["interval"]["utc_offset_in_seconds"] = json!("10800");
                time["cutoff"] = json!("2026-06-17T17:00:00+02:00");
                time
            },
        ),
        (
            "5600",
            "NO",
            "2026-06-17T08:00:00Z",
            date("2026", "6", "19"),
            {
                let mut time = noon("2026-06-19", "+02:00");
                time["cutoff"] = json!("2026-06-17T17:00:00+02:00");
                time
            },
        ),
        // A Saturday is kept: Bring's estimate already skips days it does not deliver.
        (
            "5600",
            "NO",
            "2026-06-17T08:00:00Z",
            date("2026", "6", "20"),
            {
                let mut time = noon("2026-06-20", "+02:00");
                time["cutoff"] = json!("2026-06-17T17:00:00+02:00");
                time
            },
        ),
    ];
    for (id, country, now, expected_date, expected) in cases {
        let expected_delivery = json!({ "expectedDeliveryDate": expected_date });
        let option = one_option(id, country, now, &expected_delivery);
        assert_eq!(
            serde_json::to_value(&option.delivery_time).expect("serializes"),
            expected,
            "{id} {country} {now} {expected_date}"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn alternative_home_dates_move_off_holidays_and_are_not_repeated() {
    let date = |d: &str| json!({ "year": "2026", "month": "12", "day": d });
    let expected_delivery = json!({
        "expectedDeliveryDate": date("23"),
        "alternativeDeliveryDates": [
            { "expectedDeliveryDate": date("24") },
            { "expectedDeliveryDate": date("28") },
            { "expectedDeliveryDate": date("29") }
        ]
    });
    let option = one_option("5600", "NO", "2026-12-21T08:00:00Z", &expected_delivery);
    let noon = |day: &str| {
        json!({ "earliest": format!("2026-12-{day}T12:00:00+01:00"), "latest": format!("2026-12-{day}T12:00:00+01:00"),
                "interval": { "utc_offset_in_seconds": "3600" } })
    };
    // Christmas Eve becomes the 28th, which Bring also gives: it is listed once.
    assert_eq!(
        serde_json::to_value(&option.alternative_delivery_dates).expect("serializes"),
        json!([noon("28"), noon("29")])
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn delivery_times_keep_the_recipient_s_wall_clock_across_daylight_saving() {
    let slot = |start: &str, end: &str| json!([{ "startTime": { "hour": start, "minute": "0" }, "endTime": { "hour": end, "minute": "0" } }]);
    // Wednesday 12 June 2024, 10:00 in Oslo (summer time), before the cutoff.
    let summer_now = "2024-06-12T08:00:00Z";
    let summer_cutoff = "2024-06-12T17:00:00+02:00";
    let cases = [
        (
            "NO",
            summer_now,
            json!({ "workingDays": "2", "expectedDeliveryDate": { "year": "2024", "month": "6", "day": "14", "timeSlots": slot("8", "17") } }),
            json!({
                "earliest": "2024-06-14T08:00:00+02:00",
                "latest": "2024-06-14T17:00:00+02:00",
                "cutoff": summer_cutoff,
                "interval": { "utc_offset_in_seconds": "7200" },
                "time_of_day": { "earliest": "2024-06-14T08:00:00+02:00", "latest": "2024-06-14T17:00:00+02:00" }
            }),
        ),
        // Ordered in summer time, delivered in winter time: the date's own offset is used.
        (
            "NO",
            "2024-10-25T08:00:00Z",
            json!({ "expectedDeliveryDate": { "year": "2024", "month": "10", "day": "28" } }),
            json!({
                "earliest": "2024-10-28T12:00:00+01:00",
                "latest": "2024-10-28T12:00:00+01:00",
                "cutoff": "2024-10-25T17:00:00+02:00",
                "interval": { "utc_offset_in_seconds": "3600" }
            }),
        ),
        // The day clocks go forward: noon is already summer time. (2025, not 2024: on
        // 31 March 2024 it was also Easter Sunday, and a home delivery moves off a holiday.)
        (
            "NO",
            "2025-03-27T08:00:00Z",
            json!({ "expectedDeliveryDate": { "year": "2025", "month": "3", "day": "30" } }),
            json!({
                "earliest": "2025-03-30T12:00:00+02:00",
                "latest": "2025-03-30T12:00:00+02:00",
                "cutoff": "2025-03-27T17:00:00+01:00",
                "interval": { "utc_offset_in_seconds": "7200" }
            }),
        ),
        // Finland is an hour ahead of the sender; the cutoff stays the sender's.
        (
            "FI",
            "2024-01-10T08:00:00Z",
            json!({ "expectedDeliveryDate": { "year": "2024", "month": "1", "day": "12", "timeSlots": slot("9", "13") } }),
            json!({
                "earliest": "2024-01-12T09:00:00+02:00",
                "latest": "2024-01-12T13:00:00+02:00",
                "cutoff": "2024-01-10T17:00:00+01:00",
                "interval": { "utc_offset_in_seconds": "7200" },
                "time_of_day": { "earliest": "2024-01-12T09:00:00+02:00", "latest": "2024-01-12T13:00:00+02:00" }
            }),
        ),
        // Working days only.
        (
            "NO",
            summer_now,
            json!({ "workingDays": "1" }),
            json!({
                "cutoff": summer_cutoff,
                "interval": { "earliest": "1", "latest": "1", "utc_offset_in_seconds": "7200" }
            }),
        ),
        // A date that does not exist is not guessed at; the working days still say something.
        (
            "NO",
            summer_now,
            json!({ "workingDays": "1", "expectedDeliveryDate": { "year": "2024", "month": "13", "day": "1" } }),
            json!({
                "cutoff": summer_cutoff,
                "interval": { "earliest": "1", "latest": "1", "utc_offset_in_seconds": "7200" }
            }),
        ),
        // Nothing to go by: no delivery time at all.
        ("NO", summer_now, json!({ "workingDays": "" }), Value::Null),
    ];
    for (country, now, expected_delivery, expected) in cases {
        check_delivery_time(country, now, expected_delivery, expected);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unreadable_products_cost_only_themselves() {
    let good = json!({ "id": "5800", "price": { "listPrice": {
        "priceWithoutAdditionalServices": { "amountWithoutVAT": "80.00", "vat": "20.00", "amountWithVAT": "100.00" },
        "currencyCode": "NOK" } } });
    let cases = [
        (
            json!({ "id": "5600", "price": "free" }),
            "malformed_response",
            "bring answered product 5600 in a shape we cannot read; it is left out",
        ),
        (
            json!({ "id": "5600", "price": { "listPrice": {
                "priceWithoutAdditionalServices": { "amountWithoutVAT": "80,00", "vat": "20,00", "amountWithVAT": "100,00" },
                "currencyCode": "NOK" } } }),
            "malformed_response",
            "bring product 5600 is left out: amountWithVAT \"100,00\" is not an amount",
        ),
        (
            json!({ "id": "5600", "price": { "listPrice": {
                "priceWithoutAdditionalServices": { "amountWithoutVAT": "80.00", "vat": "20.00", "amountWithVAT": "100.00" } } } }),
            "malformed_response",
            "bring product 5600 is left out: currencyCode \"\" is not a currency",
        ),
        (
            json!({ "id": "5600", "warnings": [{ "code": "NO_PRICE_INFORMATION", "description": "Price information is not available" }] }),
            "service_unavailable",
            "bring product 5600 is left out: Bring gave no price",
        ),
        (
            json!({ "id": "5600", "errors": [{ "code": "INVALID_MEASUREMENTS" }, { "message": "Too heavy" }] }),
            "service_unavailable",
            "bring product 5600 is left out: INVALID_MEASUREMENTS; Too heavy",
        ),
    ];
    for (bad, code, message) in cases {
        let body = json!({ "consignments": [{ "products": [bad, good.clone()] }] }).to_string();
        let answer = norwegian(&body, "2024-03-13T09:36:00Z");
        let ids: Vec<&str> = answer.options.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["bring-5800"], "{message}");
        let last = answer.warnings.last().expect("a warning");
        assert_eq!(
            serde_json::to_value(last).expect("serializes"),
            json!({ "carrier": "bring", "code": code, "message": message })
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn empty_answers_are_no_options() {
    for body in [
        r#"{"consignments":[{"products":[]}]}"#,
        r#"{"consignments":[]}"#,
        r#"{"traceMessages":[],"consignments":null}"#,
    ] {
        let answer = norwegian(body, "2024-03-13T09:36:00Z");
        assert_eq!(answer, CarrierAnswer::default(), "{body}");
    }
}

/// Every way the whole answer fails, with the failure it must give. A refusal is a failure by
/// its status (so its warning is by status too); Bring's error list is its detail, for the log.
fn failure_cases() -> Vec<(u16, Option<&'static str>, String, CarrierFailure)> {
    let malformed = |detail: &str| CarrierFailure::Malformed {
        detail: detail.to_owned(),
    };
    let refused = |status: u16, detail: &str| CarrierFailure::Status {
        status,
        detail: Some(detail.to_owned()),
    };
    let truncated = r#"{"consignments":[{"products":[{"id":"5800","price":{"listPr"#;
    vec![
        (401, JSON, r#"{"message":"Unauthorized"}"#.to_owned(), CarrierFailure::Unauthorized { status: 401, detail: None }),
        (403, JSON, String::new(), CarrierFailure::Unauthorized { status: 403, detail: None }),
        (429, Some("text/plain"), "Too Many Requests".to_owned(), CarrierFailure::RateLimited),
        (500, JSON, r#"{"fieldErrors":[{"code":"INTERNAL_ERROR","field":"","message":"boom"}]}"#.to_owned(), refused(500, "INTERNAL_ERROR: boom")),
        (503, Some("text/html"), "<html>down</html>".to_owned(), CarrierFailure::Status { status: 503, detail: None }),
        (
            400,
            JSON,
            REFUSED.to_owned(),
            refused(400, "INVALID_MEASUREMENTS at consignments[0].packages[0].length: Length exceeds the maximum for the requested services"),
        ),
        (
            400,
            JSON,
            r#"{"errors":[{"code":"INVALID_ARGUMENT","field":"toPostalCode","message":"Invalid postal code"},{"code":"INVALID_ARGUMENT"}]}"#.to_owned(),
            refused(400, "INVALID_ARGUMENT at toPostalCode: Invalid postal code; INVALID_ARGUMENT"),
        ),
        (
            400,
            JSON,
            r#"[{"code":"INVALID_ARGUMENT","message":"Missing consignments"}]"#.to_owned(),
            refused(400, "INVALID_ARGUMENT: Missing consignments"),
        ),
        (400, JSON, r#"{"fieldErrors":[]}"#.to_owned(), CarrierFailure::Status { status: 400, detail: None }),
        (400, Some("text/html"), "<html>Bad Request</html>".to_owned(), CarrierFailure::Status { status: 400, detail: None }),
        (
            200,
            Some("text/html; charset=utf-8"),
            "<html><body>Maintenance</body></html>".to_owned(),
            malformed("the content type text/html is not JSON"),
        ),
        (200, None, "<html><body>Maintenance</body></html>".to_owned(), malformed("the body is not JSON (line 1, column 1)")),
        (200, JSON, truncated.to_owned(), malformed("the body is not JSON at `consignments[0].products[0].price` (line 1, column 59)")),
        (200, JSON, r#"{"consignments":{"products":[]}}"#.to_owned(), malformed("the body is JSON not of the documented shape at `consignments` (line 1, column 16)")),
        (200, JSON, String::new(), malformed("the body is not JSON (line 1, column 0)")),
    ]
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn refusals_warn_by_status_and_log_brings_words() {
    let failure = parse_products(
        400,
        JSON,
        REFUSED,
        &quote("NO", "5518"),
        &config(),
        at("2024-03-13T09:36:00Z"),
    )
    .expect_err("a refusal");
    assert_eq!(
        serde_json::to_value(failure.warning("bring")).expect("serializes"),
        json!({ "carrier": "bring", "code": "unavailable", "message": "bring answered HTTP 400" })
    );
    assert_eq!(
        failure.detail(),
        Some("INVALID_MEASUREMENTS at consignments[0].packages[0].length: Length exceeds the maximum for the requested services")
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn failed_answers_give_the_right_failure() {
    let quote = quote("NO", "5518");
    for (status, content_type, body, expected) in failure_cases() {
        let result = parse_products(
            status,
            content_type,
            &body,
            &quote,
            &config(),
            at("2024-03-13T09:36:00Z"),
        );
        assert_eq!(result, Err(expected), "HTTP {status} {content_type:?}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn no_credential_appears_in_any_warning_or_failure() {
    let credentials = BringCredentials {
        uid: "secret-uid-7d1f@example.com".to_owned(),
        key: "secret-key-5e2a-9c44".to_owned(),
    };
    let quote = quote("NO", "5518");
    let now = at("2024-03-13T09:36:00Z");
    // The request the answers belong to carries them (in its headers only).
    let request = products_request(&quote, &config(), &credentials, now);
    assert!(request
        .headers
        .iter()
        .any(|(_, value)| *value == credentials.key));

    let mut texts = Vec::new();
    for (status, content_type, body, _) in failure_cases() {
        if let Err(failure) = parse_products(status, content_type, &body, &quote, &config(), now) {
            texts.push(format!("{failure:?}"));
            texts.push(failure.warning("bring").message);
            texts.extend(failure.detail().map(str::to_owned));
        }
    }
    for body in [CALLINGSG, ETA, V2, V2_UPDATES, COMPOSED] {
        let answer = parse(body, &quote, &config(), "2024-03-13T09:36:00Z");
        texts.extend(answer.warnings.iter().map(|w| w.message.clone()));
        texts.push(serde_json::to_string(&answer).expect("serializes"));
    }
    assert!(texts.len() > 20);
    for text in &texts {
        assert!(!text.contains(&credentials.uid), "{text}");
        assert!(!text.contains(&credentials.key), "{text}");
        assert!(!text.contains("secret"), "{text}");
    }
}

const VARIANT_SHAPES: &str = include_str!("fixtures/bring/products_variant_shapes.json");

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn variant_shapes_offer_each_service_once_and_keep_bring_texts_for_the_log() {
    let answer = norwegian(VARIANT_SHAPES, "2022-11-15T09:36:00Z");
    // SERVICEPAKKE is offered as 5800, priced by its only price (with additional services, of
    // which we ask for none); 5800's refused copy says nothing against it. 3584 has both prices
    // and shows the one without additional services.
    let offered: Vec<(&str, i64, Value)> = answer
        .options
        .iter()
        .map(|o| (o.id.as_str(), o.price, json!(o.group)))
        .collect();
    assert_eq!(
        offered,
        [
            ("bring-5800", 9900, json!("pickup")),
            ("bring-3584", 6900, json!("mailbox"))
        ]
    );
    assert_eq!(
        serde_json::to_value(&answer.warnings).expect("serializes"),
        json!([
            {
                "carrier": "bring",
                "code": "carrier_notice",
                "message": "bring sent 1 trace message(s) about our request; they are in the edge's log"
            },
            {
                "carrier": "bring",
                "code": "service_unavailable",
                "message": "bring product PA_DOREN is left out: INVALID_ARGUMENT (The service is not available between the given postal codes)"
            }
        ])
    );
    assert_eq!(
        answer.operator_notes,
        [
            "bring trace message: Additional service 1036 is not applicable for product 3584",
            "bring product 5800, error NOT_FOUND: userMessage Kontakt kundeservice, avtale 1001 mangler pris",
        ]
    );
    // What is served never carries them.
    let served = serde_json::to_string(&answer).expect("serializes");
    assert!(!served.contains("Kontakt kundeservice"), "{served}");
    assert!(!served.contains("Additional service 1036"), "{served}");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_product_answered_twice_is_offered_once_as_its_first_priced_copy() {
    let product = |id: &str, with_vat: &str| {
        json!({
            "id": id,
            "guiInformation": { "displayName": id },
            "price": { "listPrice": {
                "priceWithoutAdditionalServices": { "amountWithoutVAT": "80.00", "vat": "20.00", "amountWithVAT": with_vat },
                "currencyCode": "NOK"
            } }
        })
    };
    let body = json!({ "consignments": [{ "products": [
        product("5800", "100.00"),
        product("SERVICEPAKKE", "120.00"),
        { "id": "5600", "errors": [{ "code": "NOT_FOUND", "description": "No route" }] },
        { "id": "PA_DOREN", "errors": [{ "code": "NOT_FOUND", "description": "No route either" }] }
    ] }] })
    .to_string();
    let answer = norwegian(&body, "2022-11-15T09:36:00Z");
    let offered: Vec<(&str, i64)> = answer
        .options
        .iter()
        .map(|o| (o.id.as_str(), o.price))
        .collect();
    assert_eq!(offered, [("bring-5800", 10000)]);
    let notices = messages(&answer, WarningCode::CarrierNotice);
    assert_eq!(
        notices,
        ["bring answered product 5800 twice (as 5800 and as SERVICEPAKKE); the first is offered"]
    );
    // Neither copy of 5600 is offered, so both refusals are passed on, each under its own name.
    let unavailable = messages(&answer, WarningCode::ServiceUnavailable);
    assert_eq!(
        unavailable,
        [
            "bring product 5600 is left out: NOT_FOUND (No route)",
            "bring product PA_DOREN is left out: NOT_FOUND (No route either)",
        ]
    );
    assert!(answer.operator_notes.is_empty());
}

/// Bring's callingsg example (one priced 5800) with `value` put into the product as `field`,
/// read for a Norwegian recipient on Monday 10 October 2016 at 10:00 in Oslo, before the cutoff:
/// the ids offered, the option's `delivery_time` and `environmental`, and every warning.
fn callingsg_with(field: &str, value: Value) -> (Vec<String>, Value, Value, Value) {
    let mut body: Value = serde_json::from_str(CALLINGSG).expect("the fixture parses");
    body["consignments"][0]["products"][0][field] = value;
    let answer = norwegian(&body.to_string(), "2016-10-10T08:00:00Z");
    let ids = answer.options.iter().map(|o| o.id.clone()).collect();
    let option = answer.options.first();
    (
        ids,
        serde_json::to_value(option.map(|o| &o.delivery_time)).expect("serializes"),
        serde_json::to_value(option.map(|o| &o.environmental)).expect("serializes"),
        serde_json::to_value(&answer.warnings).expect("serializes"),
    )
}

/// `bring product 5800: {what}` as a `malformed_response` warning.
fn unread(what: &str) -> Value {
    json!({ "carrier": "bring", "code": "malformed_response", "message": format!("bring product 5800: {what}") })
}

/// Tuesday 11 October 2016 in Oslo at `clock` (`"12:00"` for a date without a time), the day
/// after the callingsg example's order, with today's cutoff.
fn on_11_october(clock: &str) -> Value {
    let at = format!("2016-10-11T{clock}:00+02:00");
    json!({
        "earliest": at, "latest": at, "cutoff": "2016-10-10T17:00:00+02:00",
        "interval": { "utc_offset_in_seconds": "7200" }
    })
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_time_field_that_does_not_read_costs_only_itself() {
    let date = |extra: Value| {
        let mut date = json!({ "year": "2016", "month": "10", "day": "11" });
        for (key, value) in extra.as_object().expect("an object") {
            date[key] = value.clone();
        }
        date
    };
    let slot = |start: &str, end: &str| json!({ "startTime": { "hour": start, "minute": "0" }, "endTime": { "hour": end, "minute": "0" } });
    let window = |start: &str, end: &str| {
        let mut time = on_11_october(start);
        time["latest"] = json!(format!("2016-10-11T{end}:00+02:00"));
        time["time_of_day"] = json!({ "earliest": time["earliest"], "latest": time["latest"] });
        time
    };
    let slot_0 = "expectedDelivery.expectedDeliveryDate.timeSlots[0] does not read; it is left out";
    let cases = [
        // A slot without its end: the date stays, at noon (README: "a time slot that does not
        // read (the date stays, at noon)").
        (
            json!({ "expectedDeliveryDate": date(json!({ "timeSlots": [{ "startTime": { "hour": "8", "minute": "0" } }] })) }),
            on_11_october("12:00"),
            json!([unread(slot_0)]),
        ),
        (
            json!({ "expectedDeliveryDate": date(json!({ "timeSlots": [{ "startTime": { "hour": null, "minute": "0" }, "endTime": { "hour": "17", "minute": "0" } }] })) }),
            on_11_october("12:00"),
            json!([unread(slot_0)]),
        ),
        (
            json!({ "expectedDeliveryDate": date(json!({ "timeSlots": [{ "startTime": { "hour": "8", "minute": "x" }, "endTime": { "hour": "17", "minute": "0" } }] })) }),
            on_11_october("12:00"),
            json!([unread(slot_0)]),
        ),
        // The slots that read still make the window.
        (
            json!({ "expectedDeliveryDate": date(json!({ "timeSlots": [slot("9", "13"), "17-21", slot("14", "15")] })) }),
            window("09:00", "15:00"),
            json!([unread("expectedDelivery.expectedDeliveryDate.timeSlots[1] does not read; it is left out")]),
        ),
        // A date that does not read is left out; the working days still say something.
        (
            json!({ "workingDays": "1", "expectedDeliveryDate": { "year": null, "month": "10", "day": "11" } }),
            json!({ "cutoff": "2016-10-10T17:00:00+02:00", "interval": { "earliest": "1", "latest": "1", "utc_offset_in_seconds": "7200" } }),
            json!([unread("expectedDelivery.expectedDeliveryDate does not read; it is left out")]),
        ),
        (
            json!({ "expectedDeliveryDate": { "month": "10", "day": "11", "timeSlots": [slot("9", "13")] } }),
            Value::Null,
            json!([unread("expectedDelivery.expectedDeliveryDate does not read; it is left out")]),
        ),
        (
            json!({ "expectedDeliveryDate": date(json!({ "timeSlots": { "startTime": "9" } })) }),
            Value::Null,
            json!([unread("expectedDelivery.expectedDeliveryDate does not read; it is left out")]),
        ),
        // Its hour and minute, when they do not read, leave it at noon.
        (
            json!({ "expectedDeliveryDate": date(json!({ "hour": "9", "minute": "x" })) }),
            on_11_october("12:00"),
            json!([unread("expectedDelivery.expectedDeliveryDate.hour and minute do not read; the date is kept at noon")]),
        ),
        (
            json!({ "expectedDeliveryDate": date(json!({ "hour": "25" })) }),
            on_11_october("12:00"),
            json!([unread("expectedDelivery.expectedDeliveryDate.hour and minute do not read; the date is kept at noon")]),
        ),
        // An alternative date that does not read is left out; the others stay.
        (
            json!({
                "expectedDeliveryDate": date(json!({})),
                "alternativeDeliveryDates": [
                    { "expectedDeliveryDate": { "year": "2016", "month": "10", "day": { "of": "month" } } },
                    { "expectedDeliveryDate": { "year": "2016", "month": "10", "day": "12", "timeSlots": [{}] } }
                ]
            }),
            on_11_october("12:00"),
            json!([
                unread("expectedDelivery.alternativeDeliveryDates[0].expectedDeliveryDate does not read; it is left out"),
                unread("expectedDelivery.alternativeDeliveryDates[1].expectedDeliveryDate.timeSlots[0] does not read; it is left out")
            ]),
        ),
        // Anything else in `expectedDelivery` of another shape costs the delivery time only.
        (
            json!({ "workingDays": { "min": 1 }, "expectedDeliveryDate": date(json!({})) }),
            Value::Null,
            json!([unread("expectedDelivery does not read; it is left out")]),
        ),
        (
            json!(["2016-10-11"]),
            Value::Null,
            json!([unread("expectedDelivery does not read; it is left out")]),
        ),
    ];
    for (expected_delivery, delivery_time, warnings) in cases {
        let (ids, time, _, given) = callingsg_with("expectedDelivery", expected_delivery.clone());
        assert_eq!(
            (ids, time, given),
            (vec!["bring-5800".to_owned()], delivery_time, warnings),
            "{expected_delivery}"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_hour_and_minute_of_a_date_are_its_instant() {
    // The "Delivery date" object's optional `hour` and `minute` (v2 response schema) replace
    // noon; a window from `timeSlots` still wins, and an empty hour is none.
    let date = |more: Value| {
        let mut date = json!({ "year": "2016", "month": "10", "day": "11" });
        for (key, value) in more.as_object().expect("an object") {
            date[key] = value.clone();
        }
        json!({ "expectedDeliveryDate": date })
    };
    let cases = [
        (
            date(json!({ "hour": "9", "minute": "0" })),
            on_11_october("09:00"),
        ),
        (
            date(json!({ "hour": "14", "minute": "30" })),
            on_11_october("14:30"),
        ),
        (date(json!({ "hour": 9 })), on_11_october("09:00")),
        (
            date(json!({ "hour": "", "minute": "" })),
            on_11_october("12:00"),
        ),
        (date(json!({ "hour": null })), on_11_october("12:00")),
        // Half past midnight on the day clocks go back is still summer time, and is read in it,
        // so it stays on its date.
        (
            date(json!({ "day": "30", "hour": "0", "minute": "30" })),
            json!({
                "earliest": "2016-10-30T00:30:00+02:00", "latest": "2016-10-30T00:30:00+02:00",
                "cutoff": "2016-10-10T17:00:00+02:00", "interval": { "utc_offset_in_seconds": "7200" }
            }),
        ),
        (
            date(
                json!({ "hour": "9", "minute": "0", "timeSlots": [{ "startTime": { "hour": "17", "minute": "0" }, "endTime": { "hour": "21", "minute": "0" } }] }),
            ),
            {
                let mut time = on_11_october("17:00");
                time["latest"] = json!("2016-10-11T21:00:00+02:00");
                time["time_of_day"] = json!({ "earliest": "2016-10-11T17:00:00+02:00", "latest": "2016-10-11T21:00:00+02:00" });
                time
            },
        ),
    ];
    for (expected_delivery, delivery_time) in cases {
        let (ids, time, _, warnings) =
            callingsg_with("expectedDelivery", expected_delivery.clone());
        assert_eq!(
            (ids, time, warnings),
            (vec!["bring-5800".to_owned()], delivery_time, json!([])),
            "{expected_delivery}"
        );
    }
    // An alternative date's own hour is its instant too.
    let option = one_option(
        "5600",
        "NO",
        "2024-06-12T08:00:00Z",
        &json!({
            "expectedDeliveryDate": { "year": "2024", "month": "6", "day": "13", "hour": "10", "minute": "0" },
            "alternativeDeliveryDates": [{ "expectedDeliveryDate": { "year": "2024", "month": "6", "day": "14", "hour": "8", "minute": "15" } }]
        }),
    );
    assert_eq!(
        serde_json::to_value((&option.delivery_time, &option.alternative_delivery_dates))
            .expect("serializes"),
        json!([
            {
                "earliest": "2024-06-13T10:00:00+02:00", "latest": "2024-06-13T10:00:00+02:00",
                "cutoff": "2024-06-12T17:00:00+02:00", "interval": { "utc_offset_in_seconds": "7200" }
            },
            [{
                "earliest": "2024-06-14T08:15:00+02:00", "latest": "2024-06-14T08:15:00+02:00",
                "interval": { "utc_offset_in_seconds": "7200" }
            }]
        ])
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn environmental_data_that_does_not_read_costs_only_itself() {
    let leg = |fossil_free: Value, details: Value| json!([{ "transportLeg": "LAST_MILE", "fossilFree": fossil_free, "description": "Electric", "details": details }]);
    let shown = |share: Value| json!({ "long_text": "Electric", "fossil_free_share": share });
    let cases = [
        // Bring writes most numbers as strings; these read.
        (leg(json!(false), json!({ "electric": "0.6" })), shown(json!(0.6)), json!([])),
        (leg(json!("false"), json!({ "electric": "0.5", "bio": 0.25 })), shown(json!(0.75)), json!([])),
        (leg(json!("true"), json!({ "electric": 0.5 })), shown(json!(1.0)), json!([])),
        // An empty value is none, as Bring writes a value it does not have.
        (leg(json!(""), json!({ "electric": "", "bio": 0.25 })), shown(json!(0.25)), json!([])),
        // The share is a sum: with a part that does not read, it is not shown.
        (
            leg(json!(false), json!({ "electric": "lots", "bio": 0.25 })),
            json!({ "long_text": "Electric" }),
            json!([unread("environmentalData[0].details.electric does not read; the fossil-free share is left out")]),
        ),
        (
            leg(json!(false), json!({ "electric": 0.5, "bio": true })),
            json!({ "long_text": "Electric" }),
            json!([unread("environmentalData[0].details.bio does not read; the fossil-free share is left out")]),
        ),
        (
            leg(json!("yes"), json!({ "electric": 0.5 })),
            shown(json!(0.5)),
            json!([unread("environmentalData[0].fossilFree does not read; it is left out")]),
        ),
        // Of another shape: the product is offered without it.
        (
            leg(json!(false), json!("electric")),
            Value::Null,
            json!([unread("environmentalData does not read; it is left out")]),
        ),
        (
            json!({ "transportLeg": "LAST_MILE", "fossilFree": true }),
            Value::Null,
            json!([unread("environmentalData does not read; it is left out")]),
        ),
    ];
    for (data, environmental, warnings) in cases {
        let (ids, _, given_environmental, given) =
            callingsg_with("environmentalData", data.clone());
        assert_eq!(
            (ids, given_environmental, given),
            (vec!["bring-5800".to_owned()], environmental, warnings),
            "{data}"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_user_message_on_the_lead_time_is_passed_on_as_text() {
    // "If there is known inaccuracy in the calculated lead time, this message will contain a
    // human readable text explaining the deviation" (v2 response schema). Passed on as Bring
    // wrote it: a text, never markup.
    let message = "Forsinkelser i Nord-Norge <b>grunnet vær</b>";
    let (ids, time, _, warnings) = callingsg_with(
        "expectedDelivery",
        json!({ "workingDays": "1", "userMessage": message }),
    );
    assert_eq!(
        (ids, time, warnings),
        (
            vec!["bring-5800".to_owned()],
            json!({ "cutoff": "2016-10-10T17:00:00+02:00", "interval": { "earliest": "1", "latest": "1", "utc_offset_in_seconds": "7200" } }),
            json!([{
                "carrier": "bring",
                "code": "carrier_notice",
                "message": format!("bring product 5800: Bring's note on its delivery time: {message}")
            }])
        )
    );
    // An empty one, as in Bring's examples, says nothing.
    for empty in [json!(""), json!("  "), Value::Null] {
        let (_, _, _, warnings) = callingsg_with(
            "expectedDelivery",
            json!({ "workingDays": "1", "userMessage": empty }),
        );
        assert_eq!(warnings, json!([]), "{empty}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn an_unlisted_service_under_the_express_heading_is_express() {
    // (product id, mainDisplayCategory) → our group
    let cases = [
        ("4850", Some("Ekspress"), "express"),
        ("4850", Some("Express"), "express"),
        ("4850", Some("Ekspres"), "express"),
        ("4850", Some("Pakke"), "home"),
        ("4850", None, "home"),
        // A listed service keeps its heading.
        ("5800", Some("Ekspress"), "pickup"),
    ];
    for (id, category, group) in cases {
        let product = json!({ "id": id, "guiInformation": { "mainDisplayCategory": category } });
        let body = one_product(product, ["80.00", "20.00", "100.00"], "NOK");
        let answer = norwegian(&body, "2024-03-13T09:36:00Z");
        let option = answer.options.first().expect("one option");
        assert_eq!(
            option.group.as_ref().map(|g| g.as_str()),
            Some(group),
            "{id} {category:?}"
        );
    }
}
