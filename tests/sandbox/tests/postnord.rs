//! PostNord: the OAuth token endpoint, Delivery Options and Service Points v5.

mod common;

use common::{get, post, start, POSTNORD_KEY};
use serde_json::{json, Value};

const TOKEN_FORM: &str =
    "grant_type=client_credentials&client_id=sandbox-postnord-client&client_secret=sandbox-postnord-secret";
const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");

fn options_path() -> String {
    format!("/rest/shipment/v1/deliveryoptions/bywarehouse?{POSTNORD_KEY}")
}

/// The OpenAPI's `full` example request, Solna -> Göteborg, cutoff on Thursday 11 September 2025.
fn solna_request() -> Value {
    json!({
        "warehouses": [ {
            "id": "warehouse1",
            "address": { "postCode": "17173", "city": "Solna", "street": "Terminalvägen 24", "countryCode": "SE" },
            "orderHandling": { "timeOfLatestOrder": "2025-09-11T15:00:00+02:00" },
        } ],
        "customer": { "customerKey": "example_request_customer_key" },
        "recipient": { "address": { "postCode": "41104", "city": "Göteborg", "street": "Kruthusgatan 19", "countryCode": "SE" } },
        "parcelInfo": { "length": "230", "width": "100", "height": "100", "weight": "500" },
    })
}

#[tokio::test]
async fn token_endpoint_issues_bearer_tokens() {
    let sandbox = start().await;
    let reply = post(sandbox, "/oauth2/token", &[FORM], TOKEN_FORM).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    let token = reply.json();
    assert_eq!(token["token_type"], "bearer");
    assert_eq!(token["acr"], "client_credentials");
    assert_eq!(token["expires_in"], 3599);
    assert_eq!(token["access_token"].as_str().map(str::len), Some(32));

    let wrong = TOKEN_FORM.replace("sandbox-postnord-secret", "guess");
    let refused = post(sandbox, "/oauth2/token", &[FORM], &wrong).await;
    assert_eq!(refused.status, 401);
    assert_eq!(refused.json()["error"], "invalid_client");
    let json_body = post(
        sandbox,
        "/oauth2/token",
        &[],
        r#"{"grant_type":"client_credentials"}"#,
    )
    .await;
    assert_eq!(json_body.status, 400);
    assert_eq!(json_body.json()["error"], "invalid_request");
}

/// Delivery Options and Service Points take the apikey only: a bearer token, valid or not, is a
/// client's misreading and is refused.
#[tokio::test]
async fn a_bearer_token_is_refused_where_only_the_apikey_is_taken() {
    let sandbox = start().await;
    let token = post(sandbox, "/oauth2/token", &[FORM], TOKEN_FORM)
        .await
        .json();
    let bearer = format!("Bearer {}", token["access_token"].as_str().expect("token"));
    let body = solna_request().to_string();
    let refused = post(
        sandbox,
        &options_path(),
        &[("Authorization", &bearer)],
        &body,
    )
    .await;
    assert_eq!(refused.status, 400);
    assert_eq!(
        refused.json()["message"],
        "This API takes the apikey only; the request carries an Authorization header"
    );
    let places = format!(
        "/rest/businesslocation/v5/servicepoints/nearest/byaddress?returnType=json&countryCode=SE&postalCode=41104&{POSTNORD_KEY}"
    );
    assert_eq!(
        get(sandbox, &places, &[("Authorization", &bearer)])
            .await
            .status,
        400
    );
    // The apikey alone is enough, as the OpenAPI documents.
    assert_eq!(post(sandbox, &options_path(), &[], &body).await.status, 200);
    assert_eq!(get(sandbox, &places, &[]).await.status, 200);
}

#[tokio::test]
async fn apikey_is_required() {
    let sandbox = start().await;
    let body = solna_request().to_string();
    for path in [
        "/rest/shipment/v1/deliveryoptions/bywarehouse",
        "/rest/shipment/v1/deliveryoptions/bywarehouse?apikey=nope",
    ] {
        let reply = post(sandbox, path, &[], &body).await;
        assert_eq!(reply.status, 403, "{path}");
        assert_eq!(
            reply.json(),
            json!({ "message": "The user did not provide or have a valid apikey." })
        );
    }
}

#[tokio::test]
async fn delivery_options_shape() {
    let sandbox = start().await;
    let headers = [("X-External-Request-ID", "904344e8cde5-f058ebd6-02f7f942e")];
    let reply = post(
        sandbox,
        &options_path(),
        &headers,
        &solna_request().to_string(),
    )
    .await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.header("x-external-request-id"),
        Some("904344e8cde5-f058ebd6-02f7f942e")
    );
    let answer = reply.json();
    let warehouse = &answer["warehouseToDeliveryOptions"][0];
    assert_eq!(
        warehouse["warehouse"]["address"],
        json!({ "countryCode": "SE", "postCode": "17173", "city": "Solna", "streetName": "Terminalvägen", "streetNumber": "24" })
    );
    assert_eq!(
        warehouse["warehouse"]["orderHandling"],
        json!({ "timeOfLatestOrder": "2025-09-11T15:00:00+02:00" })
    );
    let types: Vec<&str> = warehouse["deliveryOptions"]
        .as_array()
        .expect("options")
        .iter()
        .map(|o| o["type"].as_str().expect("type"))
        .collect();
    assert_eq!(
        types,
        [
            "home",
            "parcel-locker",
            "service-point",
            "express-mailbox",
            "mailbox"
        ]
    );

    let home = &warehouse["deliveryOptions"][0]["defaultOption"];
    assert_eq!(home["bookingInstructions"]["serviceCode"], "17");
    assert_eq!(
        home["bookingInstructions"]["deliveryOptionId"]
            .as_str()
            .map(str::len),
        Some(32)
    );
    assert_eq!(
        home["deliveryTime"],
        json!({ "date": { "earliest": "2025-09-12T09:00:00+02:00", "latest": "2025-09-12T14:00:00+02:00" } })
    );
    assert_eq!(
        home["descriptiveTexts"]["checkout"]["title"],
        "Home delivery"
    );
    assert_eq!(
        home["descriptiveTexts"]["checkout"]["friendlyDeliveryInfo"],
        "Tomorrow ~ 09:00-14:00"
    );
    assert_eq!(
        home["sustainability"],
        json!({ "fossilFree": true, "nordicSwanEcoLabel": true })
    );

    let lockers = &warehouse["deliveryOptions"][1];
    assert!(lockers.get("defaultOption").is_none());
    // No `preferences` sent: the schema's default of 5 lockers.
    assert_eq!(
        lockers["additionalOptions"].as_array().map(Vec::len),
        Some(5)
    );
    let locker = &lockers["additionalOptions"][0];
    assert_eq!(
        locker["bookingInstructions"]["additionalServiceCodes"],
        json!(["A7"])
    );
    assert_eq!(locker["bookingInstructions"]["servicePointId"], "4110401");
    assert_eq!(
        locker["location"]["openingHours"]["regular"]["sunday"],
        json!({ "open": true, "timeRanges": [ { "from": "00:00", "to": "23:59" } ] })
    );
    let name = locker["location"]["name"].as_str().expect("name");
    assert_eq!(
        locker["descriptiveTexts"]["checkout"]["friendlyDeliveryInfo"],
        format!("{name} (Tomorrow ~ 15:00)")
    );

    // The same request in Swedish, with a day range instead of a cutoff.
    let mut request = solna_request();
    request["warehouses"][0]["orderHandling"] = json!({ "daysUntilOrderIsReady": "0-2" });
    request["filter"] = json!({ "deliveryTypes": ["home"] });
    let swedish = post(
        sandbox,
        &options_path(),
        &[("Accept-Language", "sv-SE,sv;q=0.9")],
        &request.to_string(),
    )
    .await
    .json();
    let home = &swedish["warehouseToDeliveryOptions"][0]["deliveryOptions"][0]["defaultOption"];
    assert_eq!(
        home["deliveryTime"],
        json!({ "dayRange": { "days": "1-3" } })
    );
    assert_eq!(
        home["descriptiveTexts"]["checkout"]["friendlyDeliveryInfo"],
        "1-3 dagar"
    );
    assert_eq!(home["descriptiveTexts"]["checkout"]["title"], "Hemleverans");
}

#[tokio::test]
async fn delivery_options_validation_faults() {
    let sandbox = start().await;
    let mut request = solna_request();
    request["customer"] = json!({});
    let reply = post(sandbox, &options_path(), &[], &request.to_string()).await;
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.json(),
        json!({ "message": "Missing required field", "compositeFault": { "faults": [ {
            "faultCode": "API-005",
            "explanationText": "Missing required field",
            "paramValues": [ { "param": "customer.customerKey", "value": "null" } ],
        } ] } })
    );
    let mut both = solna_request();
    both["warehouses"][0]["orderHandling"]["daysUntilOrderIsReady"] = json!("1-2");
    let reply = post(sandbox, &options_path(), &[], &both.to_string()).await;
    assert_eq!(
        reply.json()["compositeFault"]["faults"][0]["faultCode"],
        "API-009"
    );
    let get_instead = get(sandbox, &options_path(), &[]).await;
    assert_eq!(
        get_instead.status, 405,
        "the OpenAPI defines bywarehouse as POST only"
    );
}

/// The request schema's limits, which the real API enforces and a client must keep to:
/// `numberOfAdditionalOptions` 1 to 15 and required in each preference sent, `deliveryTypes`
/// required in a `filter` sent (empty means all), the `Address` lengths.
#[tokio::test]
async fn the_request_schemas_limits_are_kept() {
    let sandbox = start().await;
    let street = |n: usize| json!(format!("Kruthusgatan {}", "9".repeat(n - 13)));
    // Ok: how many service points the answer lists; Err: the fault's code, param and value.
    type Expected = Result<usize, (&'static str, &'static str, String)>;
    let cases: Vec<(&str, Value, Expected)> = vec![
        (
            "preferences.servicePoint",
            json!({ "numberOfAdditionalOptions": 15 }),
            Ok(15),
        ),
        (
            "preferences.servicePoint",
            json!({ "numberOfAdditionalOptions": 1 }),
            Ok(1),
        ),
        (
            "preferences.servicePoint",
            json!({ "numberOfAdditionalOptions": 0 }),
            Err((
                "API-008",
                "preferences.servicePoint.numberOfAdditionalOptions",
                "0".to_owned(),
            )),
        ),
        (
            "preferences.servicePoint",
            json!({ "numberOfAdditionalOptions": 16 }),
            Err((
                "API-008",
                "preferences.servicePoint.numberOfAdditionalOptions",
                "16".to_owned(),
            )),
        ),
        (
            "preferences.parcelLocker",
            json!({}),
            Err((
                "API-005",
                "preferences.parcelLocker.numberOfAdditionalOptions",
                "null".to_owned(),
            )),
        ),
        (
            "filter",
            json!({}),
            Err(("API-005", "filter.deliveryTypes", "null".to_owned())),
        ),
        ("filter", json!({ "deliveryTypes": [] }), Ok(5)),
        ("recipient.address.street", street(150), Ok(5)),
        (
            "recipient.address.street",
            street(151),
            Err((
                "API-008",
                "recipient.address.street",
                street(151).as_str().unwrap_or_default().to_owned(),
            )),
        ),
        (
            "warehouses.0.address.city",
            json!("S".repeat(201)),
            Err(("API-008", "warehouses[0].address.city", "S".repeat(201))),
        ),
    ];
    for (path, value, expected) in cases {
        let mut request = solna_request();
        let mut at = &mut request;
        let keys: Vec<&str> = path.split('.').collect();
        for key in &keys[..keys.len() - 1] {
            at = match key.parse::<usize>() {
                Ok(index) => &mut at[index],
                Err(_) => &mut at[*key],
            };
        }
        at[keys[keys.len() - 1]] = value.clone();
        let reply = post(sandbox, &options_path(), &[], &request.to_string()).await;
        let answer = reply.json();
        match expected {
            Ok(count) => {
                assert_eq!(reply.status, 200, "{path} = {value}: {answer}");
                let service_points = answer["warehouseToDeliveryOptions"][0]["deliveryOptions"]
                    .as_array()
                    .and_then(|types| types.iter().find(|t| t["type"] == "service-point"))
                    .and_then(|t| t["additionalOptions"].as_array())
                    .map(Vec::len);
                assert_eq!(service_points, Some(count), "{path} = {value}");
            }
            Err((code, param, refused)) => {
                assert_eq!(reply.status, 400, "{path} = {value}: {answer}");
                let fault = &answer["compositeFault"]["faults"][0];
                assert_eq!(fault["faultCode"], code, "{path} = {value}");
                assert_eq!(
                    fault["paramValues"],
                    json!([{ "param": param, "value": refused }]),
                    "{path} = {value}"
                );
            }
        }
    }
}

#[tokio::test]
async fn service_points_nearest_by_address() {
    let sandbox = start().await;
    let path = format!(
        "/rest/businesslocation/v5/servicepoints/nearest/byaddress?returnType=json&countryCode=SE&postalCode=41104&numberOfServicePoints=3&{POSTNORD_KEY}"
    );
    let reply = get(sandbox, &path, &[]).await;
    assert_eq!(reply.status, 200);
    let points = reply.json()["servicePointInformationResponse"]["servicePoints"].clone();
    assert_eq!(points.as_array().map(Vec::len), Some(3));
    assert_eq!(points[0]["servicePointId"], "4110400");
    assert_eq!(points[0]["type"]["typeId"], 25);
    assert_eq!(
        points[1]["servicePointId"], "4110401",
        "the same id Delivery Options books"
    );
    assert_eq!(points[0]["coordinates"][0]["srId"], "EPSG:4326");
    assert_eq!(
        points[0]["openingHours"]["postalServices"][0],
        json!({ "openDay": "MONDAY", "openTime": "08:00", "closeDay": "MONDAY", "closeTime": "19:00" })
    );
    let missing = get(sandbox, &format!("/rest/businesslocation/v5/servicepoints/nearest/byaddress?returnType=json&{POSTNORD_KEY}"), &[]).await;
    assert_eq!(missing.status, 400);
    assert_eq!(
        missing.json()["compositeFault"]["faults"][0]["paramValues"][0]["param"],
        "countryCode"
    );
}

/// The home option's delivery time and day words for the Solna request at `now`.
async fn home_delivery_at(now: &str) -> (u16, Value) {
    let sandbox = common::start_at(now).await;
    let reply = post(sandbox, &options_path(), &[], &solna_request().to_string()).await;
    let answer = reply.json();
    let home = &answer["warehouseToDeliveryOptions"][0]["deliveryOptions"][0]["defaultOption"];
    (
        reply.status,
        json!([
            home["deliveryTime"],
            home["descriptiveTexts"]["checkout"]["friendlyDeliveryInfo"]
        ]),
    )
}

#[tokio::test]
async fn a_cutoff_that_has_passed_moves_the_pickup_to_the_next_working_day() {
    // Before 15:00 the parcel leaves on Thursday and arrives on Friday; after it, it leaves on
    // Friday and arrives on Monday, as the OpenAPI says of `timeOfLatestOrder`.
    assert_eq!(
        home_delivery_at("2025-09-11T14:59:00+02:00").await,
        (
            200,
            json!([{ "date": { "earliest": "2025-09-12T09:00:00+02:00", "latest": "2025-09-12T14:00:00+02:00" } }, "Tomorrow ~ 09:00-14:00"])
        )
    );
    assert_eq!(
        home_delivery_at("2025-09-11T15:00:00+02:00").await,
        (
            200,
            json!([{ "date": { "earliest": "2025-09-15T09:00:00+02:00", "latest": "2025-09-15T14:00:00+02:00" } }, "Monday ~ 09:00-14:00"])
        )
    );
}

#[tokio::test]
async fn a_time_of_latest_order_that_is_not_today_is_refused() {
    // "The date provided should always be today's date": the day after is refused with API-008.
    let sandbox = common::start_at("2025-09-10T12:00:00+02:00").await;
    let reply = post(sandbox, &options_path(), &[], &solna_request().to_string()).await;
    assert_eq!(reply.status, 400);
    let fault = &reply.json()["compositeFault"]["faults"][0];
    assert_eq!(
        (
            fault["faultCode"].as_str(),
            fault["paramValues"][0]["param"].as_str(),
            fault["paramValues"][0]["value"].as_str()
        ),
        (
            Some("API-008"),
            Some("warehouses[0].orderHandling.timeOfLatestOrder"),
            Some("2025-09-11T15:00:00+02:00")
        )
    );
}

/// SE 19999 answers in the older, variant shape; our parser offers every place once and names
/// what it left out.
#[tokio::test]
async fn service_points_in_the_older_shape() {
    let sandbox = start().await;
    let path = format!(
        "/rest/businesslocation/v5/servicepoints/nearest/byaddress?returnType=json&countryCode=SE&postalCode=19999&numberOfServicePoints=3&{POSTNORD_KEY}"
    );
    let reply = get(sandbox, &path, &[]).await;
    assert_eq!(reply.status, 200);
    let points = reply.json()["servicePointInformationResponse"]["servicePoints"].clone();
    assert_eq!(
        points.as_array().map(Vec::len),
        Some(4),
        "three, and the first again"
    );
    assert_eq!(points[0]["servicePointId"], "01999900");
    assert_eq!(points[3]["servicePointId"], "01999900");
    assert_eq!(points[0]["visitingAddress"]["streetNumber"], "1-7");
    assert_eq!(points[0]["coordinate"]["srId"], "EPSG:4326");
    assert_eq!(points[0].get("coordinates"), None);
    assert_eq!(
        points[0]["openingHour"][0],
        json!({ "day": "MO", "from1": "0800", "to1": "1900", "from2": "", "to2": "" })
    );

    let places = shared::carriers::postnord::parse_service_points(
        200,
        None,
        std::str::from_utf8(&reply.body).expect("UTF-8"),
    )
    .expect("our parser reads it");
    let ids: Vec<&str> = places.locations.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["01999900", "1999901", "1999902"]);
    let messages: Vec<&str> = places.warnings.iter().map(|w| w.message.as_str()).collect();
    let second = &places.locations[1].name;
    assert_eq!(
        messages,
        [
            format!("postnord service point 1999901 ({second}) is shown without its opening hours: openingHours.specialDates[0].openTime is not a time of day"),
            "postnord listed service point 01999900 twice (servicePoints[0] and servicePoints[3]); the first copy is shown".to_owned(),
        ]
    );
}

/// `customerKey` must match the OpenAPI's pattern: a company name with a space is refused.
#[tokio::test]
async fn a_customer_key_outside_the_pattern_is_refused() {
    let sandbox = start().await;
    let mut request = solna_request();
    request["customer"]["customerKey"] = json!("Example Shop");
    let reply = post(sandbox, &options_path(), &[], &request.to_string()).await;
    assert_eq!(reply.status, 400);
    let fault = &reply.json()["compositeFault"]["faults"][0];
    assert_eq!(
        (
            fault["faultCode"].as_str(),
            fault["paramValues"][0]["param"].as_str()
        ),
        (Some("API-008"), Some("customer.customerKey"))
    );
}
