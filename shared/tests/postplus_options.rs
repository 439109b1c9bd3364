//! PostPlus's options come from the shop's configuration (PostPlus has no price API): exact
//! options for a quote around the cutoff, on a weekend and in winter time, free shipping, a
//! currency the options are not priced in, and configuration mistakes named by their field.
//! Runs natively and as wasm.

mod support;

use serde_json::{json, Value};
use shared::carriers::postplus::{postplus_options, PostPlusConfig};
use shared::carriers::{CarrierAnswer, Warning, WarningCode};
use support::postplus::{config, CONFIG, FRIDAY_MORNING};
use support::{at, quote};

/// Stockholm, one parcel, an order of 100.00 SEK.
fn swedish_quote(order_value: i64, currency: &str) -> shared::quote::Quote {
    quote(format!(
        r#"{{"recipient": {{"country": "SE", "postal_code": "111 34"}},
             "parcels": [{{"weight_grams": 2000}}], "order_value": {order_value}, "currency": "{currency}"}}"#
    ))
}

/// The options as JSON, for comparing whole options at once.
fn options_json(answer: &CarrierAnswer) -> Value {
    serde_json::to_value(&answer.options).expect("options serialize")
}

/// The two Swedish options with the given delivery days, cutoff and UTC offset.
fn swedish_options(
    home: (&str, &str),
    mailbox: (&str, &str),
    cutoff: Option<&str>,
    offset: &str,
    home_price: i64,
) -> Value {
    let delivery_time = |(earliest, latest): (&str, &str)| {
        let mut time = json!({ "interval": { "earliest": earliest, "latest": latest, "utc_offset_in_seconds": offset } });
        if let Some(cutoff) = cutoff {
            time["cutoff"] = json!(cutoff);
        }
        time
    };
    json!([
        {
            "id": "postplus-home", "name": "PostPlus hemleverans", "carrier": "postplus",
            "class": "standard", "type": "delivery-address", "price": home_price, "tax_rate": 2500,
            "delivery_time": delivery_time(home), "free_above": 50000,
            "group": "home", "currency": "SEK",
            "service_texts": { "display_name": "Hemleverans", "description": "Till dörren på kvällen." },
            "logo_url": "https://shop.example/logos/postplus.svg"
        },
        {
            "id": "postplus-mailbox", "name": "PostPlus brevlåda", "carrier": "postplus",
            "class": "standard", "type": "delivery-address", "price": 2900, "tax_rate": 2500,
            "delivery_time": delivery_time(mailbox),
            "group": "mailbox", "currency": "SEK",
            "logo_url": "https://shop.example/logos/postplus-mailbox.svg"
        }
    ])
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn options_follow_the_configuration_and_the_cutoff() {
    let config = config();
    let cutoff = Some("2025-09-12T15:00:00+02:00");
    let today = || swedish_options(("1", "2"), ("2", "4"), cutoff, "7200", 4900);
    let next_working_day = || swedish_options(("2", "3"), ("3", "5"), None, "7200", 4900);
    let cases = [
        // Friday 08:00 in Stockholm: before the cutoff, the promise as configured.
        (FRIDAY_MORNING, 10000, today()),
        // 14:59:59 is still before it.
        ("2025-09-12T12:59:59Z", 10000, today()),
        // 15:00 exactly: missed, the parcel leaves Monday, a working day later.
        ("2025-09-12T13:00:00Z", 10000, next_working_day()),
        // Saturday morning: nothing leaves before Monday.
        ("2025-09-13T06:00:00Z", 10000, next_working_day()),
        // Winter time: the cutoff and the offset follow Stockholm's clock.
        (
            "2025-12-01T08:00:00Z",
            10000,
            swedish_options(
                ("1", "2"),
                ("2", "4"),
                Some("2025-12-01T15:00:00+01:00"),
                "3600",
                4900,
            ),
        ),
        // From 500.00 SEK the home delivery is free; the mailbox has no free_above.
        (
            FRIDAY_MORNING,
            50000,
            swedish_options(("1", "2"), ("2", "4"), cutoff, "7200", 0),
        ),
        (FRIDAY_MORNING, 49999, today()),
    ];
    for (now, order_value, expected) in cases {
        let answer = postplus_options(&swedish_quote(order_value, "SEK"), &config, at(now));
        assert_eq!(
            options_json(&answer),
            expected,
            "{now}, order {order_value}"
        );
        assert_eq!(answer.warnings, vec![], "{now}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn holidays_at_the_sender_count_like_weekends() {
    // The sender is in Sweden. Waiting for the next working day adds one business day to the
    // interval however many holidays come first.
    let config = config();
    let on_the_day =
        |cutoff: &str| swedish_options(("1", "2"), ("2", "4"), Some(cutoff), "3600", 4900);
    let a_day_later = |offset: &str| swedish_options(("2", "3"), ("3", "5"), None, offset, 4900);
    let cases = [
        // Wednesday 23 December 2026, 08:00: before the cutoff, the parcel leaves today.
        (
            "2026-12-23T07:00:00Z",
            on_the_day("2026-12-23T15:00:00+01:00"),
        ),
        // The same day after the cutoff: it leaves Monday the 28th, one working day later.
        ("2026-12-23T14:00:00Z", a_day_later("3600")),
        // Christmas Eve morning (a de facto holiday in Sweden): no cutoff, a day later.
        ("2026-12-24T07:00:00Z", a_day_later("3600")),
        // Christmas Day.
        ("2026-12-25T07:00:00Z", a_day_later("3600")),
        // New Year's Eve morning, a Thursday.
        ("2026-12-31T07:00:00Z", a_day_later("3600")),
        // Easter Monday 2026, 08:00 (summer time).
        ("2026-04-06T06:00:00Z", a_day_later("7200")),
        // Midsummer Eve 2026, a Friday.
        ("2026-06-19T06:00:00Z", a_day_later("7200")),
        // The Tuesday after Easter is a working day again.
        (
            "2026-04-07T06:00:00Z",
            swedish_options(
                ("1", "2"),
                ("2", "4"),
                Some("2026-04-07T15:00:00+02:00"),
                "7200",
                4900,
            ),
        ),
    ];
    for (now, expected) in cases {
        let answer = postplus_options(&swedish_quote(10000, "SEK"), &config, at(now));
        assert_eq!(options_json(&answer), expected, "{now}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn other_countries_and_currencies() {
    let config = config();
    let now = at(FRIDAY_MORNING);

    // Norway: the option configured under the lower-case key `no`, the cutoff still Swedish
    // (the sender's), the offset Norway's.
    let norway = quote(
        r#"{"recipient": {"country": "NO", "postal_code": "0150"}, "parcels": [{"weight_grams": 500}]}"#,
    );
    let answer = postplus_options(&norway, &config, now);
    assert_eq!(
        options_json(&answer),
        json!([{
            "id": "postplus-home", "name": "PostPlus hjemlevering", "carrier": "postplus",
            "class": "standard", "type": "delivery-address", "price": 9900, "tax_rate": 2500,
            "delivery_time": { "cutoff": "2025-09-12T15:00:00+02:00",
                               "interval": { "earliest": "2", "latest": "3", "utc_offset_in_seconds": "7200" } },
            "group": "home", "currency": "NOK", "logo_url": "https://shop.example/logos/postplus.svg"
        }])
    );

    // Denmark has no options configured: nothing, and nothing to warn about.
    let denmark = quote(
        r#"{"recipient": {"country": "DK", "postal_code": "1050"}, "parcels": [{"weight_grams": 500}]}"#,
    );
    assert_eq!(
        postplus_options(&denmark, &config, now),
        CarrierAnswer::default()
    );

    // A quote in euros gets no option priced in kronor, and is told why.
    let answer = postplus_options(&swedish_quote(10000, "EUR"), &config, now);
    let notice = |id: &str| Warning {
        carrier: "postplus".to_owned(),
        code: WarningCode::CarrierNotice,
        message: format!("{id} to SE is priced in SEK, the quote asks for EUR; it is not offered"),
    };
    assert_eq!(
        answer,
        CarrierAnswer {
            options: vec![],
            warnings: vec![notice("postplus-home"), notice("postplus-mailbox")],
            operator_notes: vec![],
        }
    );

    // Two parcels: PostPlus books one parcel per order, so none is offered, and it says why.
    let two_parcels = quote(
        r#"{"recipient": {"country": "SE", "postal_code": "41104"}, "parcels": [{"weight_grams": 500}, {"weight_grams": 500}], "currency": "SEK"}"#,
    );
    assert_eq!(
        postplus_options(&two_parcels, &config, now),
        CarrierAnswer {
            options: vec![],
            warnings: vec![Warning {
                carrier: "postplus".to_owned(),
                code: WarningCode::CarrierNotice,
                message: "postplus books one parcel per order, this order is 2 parcels; it is not offered".to_owned(),
            }],
            operator_notes: vec![],
        }
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn configuration_reads_its_defaults_and_carriers() {
    let config = config();
    assert_eq!(config.transaction_type, "B2C");
    assert_eq!(config.parcel_type, None);
    assert_eq!(config.shipment.r#type, "VirtualDespatch");
    assert_eq!(config.shipment.terminal_code, None);
    for (carrier, booked) in [
        ("postplus", true),
        ("PostPlus", true),
        ("budbee", true),
        ("bring", false),
        ("", false),
    ] {
        assert_eq!(config.books(carrier), booked, "{carrier:?}");
    }
    let minimal = config_with("/ships_through_postplus", Value::Null);
    let minimal = PostPlusConfig::from_json(&minimal).expect("parses");
    assert_eq!(minimal.ships_through_postplus, vec!["postplus".to_owned()]);
    assert_eq!(minimal.tracking_url_for("PP123"), None);
    let tracked = config_with(
        "/tracking_url",
        json!("https://track.example/parcel?nr={tracking_id}"),
    );
    let tracked = PostPlusConfig::from_json(&tracked).expect("parses");
    assert_eq!(
        tracked.tracking_url_for("PP 1/2").as_deref(),
        Some("https://track.example/parcel?nr=PP+1%2F2")
    );
}

/// The configuration with one field replaced (`Value::Null` removes it).
fn config_with(pointer: &str, value: Value) -> String {
    let mut json: Value = serde_json::from_str(CONFIG).expect("config is JSON");
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer with a parent");
    let parent = json.pointer_mut(parent).expect("parent exists");
    match (parent, value) {
        (Value::Object(object), Value::Null) => {
            object.remove(key);
        }
        (Value::Object(object), value) => {
            object.insert(key.to_owned(), value);
        }
        (Value::Array(array), value) => {
            let index: usize = key.parse().expect("an index");
            if index < array.len() {
                array[index] = value;
            } else {
                array.push(value);
            }
        }
        _ => panic!("parent of {pointer} is neither object nor array"),
    }
    json.to_string()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn configuration_mistakes_name_their_field() {
    let mut first_se: Value =
        serde_json::from_str::<Value>(CONFIG).expect("JSON")["options"]["SE"][0].clone();
    first_se["name"] = json!("Again");
    let cases = [
        ("/base_url", Value::Null, "at `base_url`: missing field `base_url`"),
        ("/cutoff", json!("3pm"), "at `cutoff`: `3pm` is not a time of day written HH:MM, such as `15:00`"),
        ("/sender/country", json!("DE"), "at `sender.country`: `DE` is not one of NO, SE, DK, FI"),
        ("/sender/zip_code", Value::Null, "at `sender.zip_code`: missing field `zip_code`"),
        ("/shipment/shipment_nr_prefix", json!("SHOP 1"), "at `shipment.shipment_nr_prefix`: `SHOP 1` must be 1 to 20 letters, digits or `-`"),
        ("/options/DE", json!([]), "at `options`: options: `DE` is not one of NO, SE, DK, FI"),
        ("/options/SE/0/price", json!(-100), "at `options.SE[0].price`: must not be negative, got -100"),
        ("/options/SE/0/tax_rate", json!(250000), "at `options.SE[0].tax_rate`: tax_rate is in hundredths of a percent (2500 is 25 %), got 250000"),
        ("/options/SE/0/currency", json!("kronor"), "at `options.SE[0].currency`: currency must be a three-letter ISO 4217 code such as `SEK`, got `kronor`"),
        ("/options/SE/0/delivery_days", json!({"earliest": 3, "latest": 1}), "at `options`: options.SE[0].delivery_days: earliest (3) is after latest (1)"),
        ("/options/SE/0/delivery_days", json!({"earliest": 1}), "at `options.SE[0].delivery_days.latest`: missing field `latest`"),
        ("/options/SE/0/id", json!("home delivery"), "at `options`: options.SE[0].id: `home delivery` must be letters, digits, `-` or `_`"),
        ("/options/SE/2", first_se, "at `options`: options.SE[2].id: `home` is used twice for SE"),
        ("/options/SE/0/colour", json!("red"), "at `options.SE[0].colour`: unknown field `colour`, expected one of \
            `id`, `name`, `price`, `currency`, `tax_rate`, `free_above`, `delivery_days`, `group`, `service_code`, \
            `service_texts`, `logo_url`"),
        ("/tracking_url", json!("https://track.example/"), "at `tracking_url`: `https://track.example/` must be an http(s) URL with `{tracking_id}` where the tracking number goes"),
        // A secret put into the vars by mistake is refused by its name, never echoed.
        ("/api_key", json!("do-not-put-secrets-here"), "at `api_key`: unknown field `api_key`, expected one of \
            `base_url`, `sender`, `service_code`, `transaction_type`, `parcel_type`, `ships_through_postplus`, \
            `cutoff`, `shipment`, `goods_description`, `hs_code`, `options`, `logo_url`, `tracking_url`"),
    ];
    for (pointer, value, expected) in cases {
        let result = PostPlusConfig::from_json(&config_with(pointer, value));
        let message = result.err().map(|e| e.to_string()).unwrap_or_default();
        // serde_json adds where in the text; the text here is rewritten per case.
        let message = message.split(" at line ").next().unwrap_or_default();
        assert_eq!(message, expected, "{pointer}");
    }
}
