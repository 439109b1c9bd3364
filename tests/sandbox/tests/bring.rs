//! Bring Shipping Guide and Pickup Point answers, asserted exactly. Prices and dates follow the
//! rules in the README: NO 0150 is price zone 1 and one working day away.

mod common;

use common::{get, post, start, BRING};
use serde_json::{json, Value};

const PRODUCTS: &str = "/shippingguide/api/v2/products";

/// A request for NO 0015 -> NO 0150, 2.5 kg (charged as 3 kg), shipped Friday 14 March 2025.
fn oslo_request(products: Value) -> String {
    json!({
        "language": "NO",
        "withPrice": true,
        "withExpectedDelivery": true,
        "withGuiInformation": true,
        "withEnvironmentalData": true,
        "consignments": [ {
            "id": "c1",
            "fromCountryCode": "NO", "fromPostalCode": "0015",
            "toCountryCode": "NO", "toPostalCode": "0150",
            "shippingDate": { "year": "2025", "month": "3", "day": "14", "hour": "10", "minute": "0" },
            "packages": [ { "id": "1", "grossWeight": 2500 } ],
            "products": products,
        } ],
    })
    .to_string()
}

fn amounts(without: &str, vat: &str, with: &str) -> Value {
    json!({ "amountWithoutVAT": without, "vat": vat, "amountWithVAT": with })
}

#[tokio::test]
async fn credentials_are_checked_missing_401_wrong_403() {
    let sandbox = start().await;
    let body = oslo_request(json!([{ "id": "5800" }]));
    let missing = post(sandbox, PRODUCTS, &[], &body).await;
    assert_eq!(missing.status, 401);
    assert_eq!(missing.json()["fieldErrors"][0]["code"], "UNAUTHORIZED");
    let wrong = [
        ("x-mybring-api-uid", "sandbox@example.com"),
        ("X-MYBRING-API-KEY", "not-the-key"),
    ];
    let refused = post(sandbox, PRODUCTS, &wrong, &body).await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.json()["fieldErrors"][0]["code"], "FORBIDDEN");
    // Header names are case-insensitive.
    let lower = [
        ("x-mybring-api-uid", "sandbox@example.com"),
        ("x-mybring-api-key", "sandbox-bring-key"),
    ];
    assert_eq!(post(sandbox, PRODUCTS, &lower, &body).await.status, 200);
    let pickup = get(
        sandbox,
        "/pickuppoint/api/pickuppoint/NO/postalCode/0150.json",
        &[],
    )
    .await;
    assert_eq!(pickup.status, 401);
}

#[tokio::test]
async fn oslo_prices_dates_and_texts() {
    let sandbox = start().await;
    let request = oslo_request(
        json!([{ "id": "5800" }, { "id": "5600", "customerNumber": "20001234" }, { "id": "3584" }]),
    );
    let reply = post(sandbox, PRODUCTS, &BRING, &request).await;
    assert_eq!(reply.status, 200);
    let answer = reply.json();
    assert_eq!(answer["consignments"][0]["consignmentId"], "c1");
    let products = answer["consignments"][0]["products"]
        .as_array()
        .expect("products")
        .clone();
    assert_eq!(products.len(), 3);

    let pickup = &products[0];
    assert_eq!(pickup["id"], "5800");
    assert_eq!(pickup["productionCode"], "1202");
    assert_eq!(
        pickup["price"]["listPrice"]["priceWithoutAdditionalServices"],
        amounts("101.00", "25.25", "126.25")
    );
    assert_eq!(pickup["price"]["listPrice"]["currencyCode"], "NOK");
    assert!(
        pickup["price"].get("netPrice").is_none(),
        "no customer number, no net price"
    );
    assert_eq!(pickup["expectedDelivery"]["workingDays"], "1");
    assert_eq!(
        pickup["expectedDelivery"]["formattedExpectedDeliveryDate"],
        "17.03.2025"
    );
    assert_eq!(
        pickup["expectedDelivery"]["expectedDeliveryDate"],
        json!({ "year": "2025", "month": "3", "day": "17" })
    );
    let gui = &pickup["guiInformation"];
    assert_eq!(gui["displayName"], "Til hentested");
    assert_eq!(gui["productName"], "Pakke til hentested");
    assert_eq!(
        gui["descriptionText"],
        "Pakken kan spores og utleveres på ditt lokale hentested."
    );
    assert_eq!(gui["logo"], "POSTEN");
    assert_eq!(gui["deliveryType"], "Hentested");
    assert_eq!(gui["maxWeightInKgs"], "35");
    assert_eq!(
        gui["environmentalTagUrl"],
        "https://www.mybring.com/shipping-guide/assets/img/Environment_tag_electric_no.png"
    );
    assert_eq!(pickup["environmentalData"][0]["transportLeg"], "LAST_MILE");
    assert_eq!(
        pickup["environmentalData"][0]["details"],
        json!({ "electric": 1.0, "bio": 0.0 })
    );

    let home = &products[1];
    assert_eq!(home["customerNumber"], "20001234");
    assert_eq!(
        home["price"]["listPrice"]["priceWithAdditionalServices"],
        amounts("143.00", "35.75", "178.75")
    );
    assert_eq!(
        home["price"]["netPrice"]["priceWithoutAdditionalServices"],
        amounts("121.55", "30.39", "151.94")
    );
    assert_eq!(home["price"]["zones"]["totalZoneCount"], 1);
    assert_eq!(
        home["expectedDelivery"]["expectedDeliveryDate"]["timeSlots"],
        json!([ { "startTime": { "hour": "17", "minute": "0" }, "endTime": { "hour": "21", "minute": "0" } } ])
    );
    assert_eq!(home["guiInformation"]["displayName"], "Levert hjem");

    let mailbox = &products[2];
    assert_eq!(
        mailbox["price"]["listPrice"]["priceWithoutAdditionalServices"],
        amounts("75.00", "18.75", "93.75")
    );
    assert_eq!(mailbox["expectedDelivery"]["workingDays"], "2");
    assert_eq!(
        mailbox["expectedDelivery"]["formattedExpectedDeliveryDate"],
        "18.03.2025"
    );
    assert_eq!(mailbox["guiInformation"]["displayName"], "I postkassen");
}

#[tokio::test]
async fn alternative_dates_language_and_far_north() {
    let sandbox = start().await;
    let mut request: Value =
        serde_json::from_str(&oslo_request(json!([{ "id": "5600" }, { "id": "4850" }])))
            .expect("json");
    request["language"] = json!("EN");
    request["numberOfAlternativeDeliveryDates"] = json!(2);
    request["consignments"][0]["toPostalCode"] = json!("9010");
    let answer = post(sandbox, PRODUCTS, &BRING, &request.to_string())
        .await
        .json();
    let home = &answer["consignments"][0]["products"][0];
    // 9xxx: three working days from Friday 14 March, price zone 6, no environmental data.
    assert_eq!(
        home["expectedDelivery"]["formattedExpectedDeliveryDate"],
        "19.03.2025"
    );
    let alternatives: Vec<&str> = home["expectedDelivery"]["alternativeDeliveryDates"]
        .as_array()
        .expect("alternatives")
        .iter()
        .map(|d| d["formattedExpectedDeliveryDate"].as_str().expect("date"))
        .collect();
    assert_eq!(alternatives, ["20.03.2025", "21.03.2025"]);
    assert_eq!(
        home["price"]["listPrice"]["priceWithoutAdditionalServices"]["amountWithoutVAT"],
        "193.00"
    );
    assert_eq!(
        home["guiInformation"]["displayName"],
        "Delivered to your home"
    );
    assert_eq!(
        home["warnings"],
        json!([ {
        "code": "NO_ENVIRONMENTAL_DATA",
        "description": "Environmental data is not available for the requested service and postal code",
    } ])
    );
    let express = &answer["consignments"][0]["products"][1];
    assert_eq!(express["expectedDelivery"]["workingDays"], "2");
    assert_eq!(express["guiInformation"]["displayName"], "Express next day");
}

#[tokio::test]
async fn unknown_and_unavailable_products_get_service_level_errors() {
    let sandbox = start().await;
    let mut request: Value = serde_json::from_str(&oslo_request(
        json!([{ "id": "9999" }, { "id": "5800" }, { "id": "0340" }]),
    ))
    .expect("json");
    request["consignments"][0]["toCountryCode"] = json!("SE");
    request["consignments"][0]["toPostalCode"] = json!("41104");
    let reply = post(sandbox, PRODUCTS, &BRING, &request.to_string()).await;
    assert_eq!(reply.status, 200);
    let products = reply.json()["consignments"][0]["products"].clone();
    assert_eq!(
        products[0],
        json!({ "id": "9999", "errors": [ { "code": "NOT_FOUND", "description": "Unknown product id `9999`" } ] })
    );
    assert_eq!(products[1]["errors"][0]["code"], "INVALID_ARGUMENT");
    assert_eq!(
        products[1]["errors"][0]["description"],
        "Product 5800 is not available from NO to SE"
    );
    // Cross-border: one day more, no VAT, the Bring logo; SE 4xxxx is price zone 3.
    assert_eq!(products[2]["expectedDelivery"]["workingDays"], "2");
    assert_eq!(
        products[2]["price"]["listPrice"]["priceWithoutAdditionalServices"],
        amounts("153.00", "0.00", "153.00")
    );
    assert_eq!(products[2]["guiInformation"]["logo"], "BRING");
    assert_eq!(
        products[2]["guiInformation"]["productName"],
        "PickUp Parcel"
    );
}

#[tokio::test]
async fn whole_request_errors_are_400() {
    let sandbox = start().await;
    let cases = [
        ("{", ""),
        (r#"{"consignments": []}"#, "consignments"),
        (&oslo_request(json!([])) as &str, "consignments[0].products"),
    ];
    for (body, field) in cases {
        let reply = post(sandbox, PRODUCTS, &BRING, body).await;
        assert_eq!(reply.status, 400, "{body}");
        assert_eq!(reply.json()["fieldErrors"][0]["field"], field, "{body}");
    }
    // A shipping time that is not one (the date's `hour` and `minute` are optional).
    for (name, value) in [
        ("hour", json!("25")),
        ("minute", json!("60")),
        ("hour", json!("ten")),
    ] {
        let mut request: Value =
            serde_json::from_str(&oslo_request(json!([{ "id": "5600" }]))).expect("json");
        request["consignments"][0]["shippingDate"][name] = value.clone();
        let reply = post(sandbox, PRODUCTS, &BRING, &request.to_string()).await;
        assert_eq!(reply.status, 400, "{name} {value}");
        assert_eq!(
            reply.json()["fieldErrors"][0]["field"],
            format!("consignments[0].shippingDate.{name}"),
            "{name} {value}"
        );
    }
    let mut too_many: Value =
        serde_json::from_str(&oslo_request(json!([{ "id": "5600" }]))).expect("json");
    too_many["numberOfAlternativeDeliveryDates"] = json!(10);
    let reply = post(
        sandbox,
        "/shippingguide/v2/products",
        &BRING,
        &too_many.to_string(),
    )
    .await;
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.json(),
        json!({ "fieldErrors": [ {
            "code": "INVALID_ARGUMENT",
            "field": "numberOfAlternativeDeliveryDates",
            "message": "Number of alternative delivery dates must be numeric and less than 10",
        } ] })
    );
}

#[tokio::test]
async fn pickup_points_by_postal_code_and_id() {
    let sandbox = start().await;
    let reply = get(
        sandbox,
        "/pickuppoint/api/pickuppoint/NO/postalCode/0150.json",
        &BRING,
    )
    .await;
    assert_eq!(reply.status, 200);
    let points = reply.json()["pickupPoint"]
        .as_array()
        .expect("pickupPoint")
        .clone();
    assert_eq!(points.len(), 10);
    assert_eq!(points[0]["id"], "1015000");
    assert_eq!(points[0]["name"], "Coop Extra Sjøgata");
    assert_eq!(points[0]["visitingAddress"], "SJØGATA 31");
    assert_eq!(points[0]["distanceInKm"], "0.4");
    assert!(points[0]["latitude"].is_f64() && points[0]["utmX"].is_string());
    assert!(
        points[0].get("openingHours").is_none(),
        "structured hours come by id only"
    );
    assert_eq!(points[1]["type"], "37");

    let three = get(sandbox, "/pickuppoint/api/pickuppoint/NO/postalCode/0150?numberOfResponses=3&street=Storgata&streetNumber=1", &BRING).await;
    assert_eq!(
        three.json()["pickupPoint"].as_array().map(Vec::len),
        Some(3)
    );
    let lockers = get(
        sandbox,
        "/pickuppoint/api/pickuppoint/NO/postalCode/0150.json?pickupPointType=locker",
        &BRING,
    )
    .await;
    assert!(lockers.json()["pickupPoint"]
        .as_array()
        .expect("list")
        .iter()
        .all(|p| p["type"] == "37"));
    let bergen = get(
        sandbox,
        "/pickuppoint/api/pickuppoint/NO/postalCode/5003.json",
        &BRING,
    )
    .await
    .json();
    assert_eq!(bergen["pickupPoint"][0]["city"], "BERGEN");

    let by_id = get(
        sandbox,
        "/pickuppoint/api/pickuppoint/NO/id/1015000.json",
        &BRING,
    )
    .await
    .json();
    let point = &by_id["pickupPoint"][0];
    assert_eq!(point["name"], points[0]["name"]);
    assert_eq!(point["distanceInKm"], "");
    assert_eq!(
        point["openingHours"][0],
        json!({ "day": "MONDAY", "opening": "0700", "closing": "2200" })
    );
    let unknown = get(
        sandbox,
        "/pickuppoint/api/pickuppoint/NO/id/42.json",
        &BRING,
    )
    .await
    .json();
    assert_eq!(unknown, json!({ "pickupPoint": [] }));
}

#[tokio::test]
async fn texts_set_through_the_control_api_replace_every_products_gui_texts_until_cleared() {
    let sandbox = start().await;
    let request = oslo_request(json!([{ "id": "5800" }, { "id": "3584" }, { "id": "9999" }]));
    let own = post(sandbox, PRODUCTS, &BRING, &request).await.json();
    let markup = r#"<img src=x onerror="alert(1)">"#;
    let texts = json!({ "displayName": markup, "helpText": "<b>help</b>" }).to_string();
    let set = common::send(sandbox, "PUT", "/__sandbox/bring/texts", &[], &texts).await;
    assert_eq!(set.status, 204, "{}", set.text());

    let answer = post(sandbox, PRODUCTS, &BRING, &request).await.json();
    let products = &answer["consignments"][0]["products"];
    for i in 0..2 {
        let gui = &products[i]["guiInformation"];
        assert_eq!(gui["displayName"], markup);
        assert_eq!(gui["helpText"], "<b>help</b>");
        // A text not given keeps the product's own.
        let own_gui = &own["consignments"][0]["products"][i]["guiInformation"];
        assert_eq!(gui["descriptionText"], own_gui["descriptionText"]);
    }
    // A product answered with `errors` gets no gui texts.
    assert!(products[2].get("guiInformation").is_none());

    let unknown = json!({ "shortName": "x" }).to_string();
    let refused = common::send(sandbox, "PUT", "/__sandbox/bring/texts", &[], &unknown).await;
    assert_eq!(refused.status, 400);
    assert!(refused.text().contains("shortName"), "{}", refused.text());

    let cleared = common::send(sandbox, "DELETE", "/__sandbox/bring/texts", &[], "").await;
    assert_eq!(cleared.status, 204);
    let answer = post(sandbox, PRODUCTS, &BRING, &request).await.json();
    assert_eq!(
        answer["consignments"][0]["products"][0]["guiInformation"],
        own["consignments"][0]["products"][0]["guiInformation"]
    );

    // A reset clears them too.
    common::send(sandbox, "PUT", "/__sandbox/bring/texts", &[], &texts).await;
    assert_eq!(
        common::send(sandbox, "POST", "/__sandbox/reset", &[], "")
            .await
            .status,
        204
    );
    let answer = post(sandbox, PRODUCTS, &BRING, &request).await.json();
    assert_eq!(
        answer["consignments"][0]["products"][0]["guiInformation"]["displayName"],
        own["consignments"][0]["products"][0]["guiInformation"]["displayName"]
    );
}

/// NO 1999 answers with points a consumer checkout must sort out; our parser counts each reason.
#[tokio::test]
async fn pickup_points_in_variant_shapes() {
    let sandbox = start().await;
    let reply = get(
        sandbox,
        "/pickuppoint/api/pickuppoint/NO/postalCode/1999.json?numberOfResponses=5",
        &BRING,
    )
    .await;
    assert_eq!(reply.status, 200);
    let points = reply.json()["pickupPoint"].clone();
    let types: Vec<&str> = points
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|p| p["type"].as_str())
        .collect();
    assert_eq!(types, ["4", "1", "37", "4", "4"]);
    assert_eq!(points[0]["openingHoursEnglish"], "Mon - Sun: 0000-2400");
    assert_eq!(
        points[2]["maxParcelDimensions"],
        json!({ "length": 35.0, "width": 20.0, "height": 15.0 })
    );

    let request: shared::quote::DeliveryOptionsRequest = serde_json::from_value(json!({
        "recipient": { "country": "NO", "postal_code": "1999" },
        "parcels": [{ "weight_grams": 1200, "length_cm": 40, "width_cm": 30, "height_cm": 20 }]
    }))
    .expect("a request");
    let quote = request.validate().expect("a quote");
    let body = std::str::from_utf8(&reply.body).expect("UTF-8");
    let places = shared::carriers::bring::parse_pickup_points(200, None, body, &quote)
        .expect("our parser reads it");
    assert_eq!(places.locations.len(), 3);
    assert_eq!(
        places.locations[0]
            .operational_hours
            .as_ref()
            .map(|h| h.overrides.as_ref().map(|o| o.weekday.sun.clone())),
        Some(Some(vec![shared::model::OpeningHours::span(
            "00:00", "24:00"
        )]))
    );
    let messages: Vec<&str> = places.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "bring listed 1 pickup point of type 1 (Bedriftssenter, not for consumers); left out",
            "bring listed 1 pickup point whose maxParcelDimensions the parcel does not fit; left out",
        ]
    );

    // Only lockers: no business centre is added.
    let lockers = get(
        sandbox,
        "/pickuppoint/api/pickuppoint/NO/postalCode/1999.json?pickupPointType=locker&numberOfResponses=2",
        &BRING,
    )
    .await
    .json();
    let types: Vec<&str> = lockers["pickupPoint"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|p| p["type"].as_str())
        .collect();
    assert_eq!(types, ["37", "37"]);
}
