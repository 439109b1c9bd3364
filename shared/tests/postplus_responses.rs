//! PostPlus's answers: the documented examples of notes/02-postplus.md (parcel, print, shipment,
//! link), answers of ours in the same shapes, and everything that goes wrong: refusals by status
//! (with PostPlus's ProblemDetails as the detail), unreadable bodies, and refusals inside a 200
//! (`status.hasErrors`, `failedParcels`). No API key in any text or Debug. Runs natively and as
//! wasm.

mod support;

use shared::carriers::postplus::{
    next_day_step, parse_documents, parse_label, parse_link, parse_parcel, parse_shipment,
    parse_shipment_step, BookedParcel, BookingFailure, DayReport, DayStep, LabelRef,
    PostPlusShipment,
};
use shared::carriers::CarrierFailure;
use support::postplus::{assert_no_secret, SHIPMENT_ID};

const PARCEL_DOCS: &str = include_str!("fixtures/postplus/parcel_docs_example.json");
const PARCEL_CREATED: &str = include_str!("fixtures/postplus/parcel_created.json");
const PARCEL_REFUSED: &str = include_str!("fixtures/postplus/parcel_refused.json");
const PRINT_DOCS: &str = include_str!("fixtures/postplus/print_docs_example.json");
const PRINT_OK: &str = include_str!("fixtures/postplus/print_ok.json");
const SHIPMENT_DOCS: &str = include_str!("fixtures/postplus/shipment_docs_example.json");
const SHIPMENT_CREATED: &str = include_str!("fixtures/postplus/shipment_created.json");
const SHIPMENT_SUBMITTED: &str = include_str!("fixtures/postplus/shipment_submitted.json");
const LINK_DOCS: &str = include_str!("fixtures/postplus/link_docs_example.json");
const LINK_OK: &str = include_str!("fixtures/postplus/link_ok.json");
const PROBLEM_400: &str = include_str!("fixtures/postplus/problem_400.json");
const PROBLEM_401: &str = include_str!("fixtures/postplus/problem_401.json");

const JSON: Option<&str> = Some("application/json; charset=utf-8");

fn refused(what: &'static str, errors: &[&str]) -> BookingFailure {
    BookingFailure::Refused {
        what,
        errors: errors.iter().map(|e| (*e).to_owned()).collect(),
    }
}

fn malformed(detail: &str) -> BookingFailure {
    BookingFailure::Carrier(CarrierFailure::Malformed {
        detail: detail.to_owned(),
    })
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn parcels_as_documented() {
    // The docs' example parcel says `hasErrors: true` with `errorDetails: ["string"]`: a refusal
    // inside a 200, as the notes warn.
    assert_eq!(
        parse_parcel(200, JSON, PARCEL_DOCS),
        Err(refused("parcel", &["string"]))
    );
    let created = BookedParcel {
        id: 1234,
        parcel_nr: Some("RS12345678US".to_owned()),
        sender_parcel_nr: Some(SHIPMENT_ID.to_owned()),
        status: Some("Created".to_owned()),
        print_id: Some(7001234),
        warnings: vec!["Receiver phone was normalized".to_owned()],
    };
    assert_eq!(parse_parcel(200, JSON, PARCEL_CREATED), Ok(created.clone()));
    // Cancelled (the documented `status.isCancelled`): not booked, whatever else it says.
    let mut cancelled: serde_json::Value = serde_json::from_str(PARCEL_CREATED).expect("JSON");
    cancelled["status"]["isCancelled"] = serde_json::Value::Bool(true);
    assert_eq!(
        parse_parcel(200, JSON, &cancelled.to_string()),
        Err(refused("parcel", &["the parcel is cancelled in PostPlus"]))
    );
    cancelled["status"]["isCancelled"] = serde_json::Value::Bool(false);
    assert_eq!(
        parse_parcel(200, JSON, &cancelled.to_string()),
        Ok(created.clone())
    );
    // Without `prints`, the client's other source of the print id: `references.printId`.
    let mut without_prints: serde_json::Value = serde_json::from_str(PARCEL_CREATED).expect("JSON");
    without_prints
        .as_object_mut()
        .expect("object")
        .remove("prints");
    assert_eq!(
        parse_parcel(200, None, &without_prints.to_string()),
        Ok(BookedParcel {
            print_id: Some(1234567890),
            ..created.clone()
        })
    );
    // Without either, the parcel is booked but has no label yet.
    without_prints["references"]["printId"] = serde_json::Value::Null;
    assert_eq!(
        parse_parcel(200, JSON, &without_prints.to_string()),
        Ok(BookedParcel {
            print_id: None,
            ..created
        })
    );
    let refusal = parse_parcel(200, JSON, PARCEL_REFUSED);
    assert_eq!(
        refusal,
        Err(refused(
            "parcel",
            &[
                "Receiver zip code is required",
                "Parcel gross weight must be greater than 0"
            ]
        ))
    );
    assert_eq!(
        refusal.err().map(|f| (f.to_string(), f.is_retryable())),
        Some((
            "postplus refused the parcel: Receiver zip code is required; Parcel gross weight must be greater than 0"
                .to_owned(),
            false
        ))
    );
    // `hasErrors` without a reason is still a refusal; reasons without `hasErrors` too.
    assert_eq!(
        parse_parcel(
            200,
            JSON,
            r#"{"identifiers": {"id": 1}, "status": {"hasErrors": true, "errorDetails": null}}"#
        ),
        Err(refused("parcel", &["hasErrors without errorDetails"]))
    );
    assert_eq!(
        parse_parcel(
            200,
            JSON,
            r#"{"identifiers": {"id": 1}, "status": {"errorDetails": [" ", "Bad city"]}}"#
        ),
        Err(refused("parcel", &["Bad city"]))
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn labels_shipments_and_links_as_documented() {
    assert_eq!(
        parse_label(200, JSON, PRINT_DOCS),
        Err(refused("label", &["string"]))
    );
    assert_eq!(
        parse_label(200, JSON, PRINT_OK),
        Ok(LabelRef {
            print_id: 7001234,
            format: Some("Pdf".to_owned()),
            r#type: Some("PostalLabel".to_owned()),
            bytes: Some(48213),
            barcodes: vec!["RS12345678US".to_owned()],
        })
    );
    assert_eq!(
        parse_label(200, JSON, r#"{"hasErrors": false}"#),
        Err(BookingFailure::NotReady {
            missing: "print id on the label"
        })
    );

    assert_eq!(
        parse_shipment(200, JSON, SHIPMENT_DOCS),
        Err(refused("shipment", &["string"]))
    );
    let created = parse_shipment(200, JSON, SHIPMENT_CREATED);
    assert_eq!(
        created,
        Ok(PostPlusShipment {
            id: 501,
            shipment_nr: Some("SHOP-20250912".to_owned()),
            status: Some("Created".to_owned()),
            can_update: Some(true),
            submitted_on: None,
            submit_token: None,
            total_items: Some(0),
            warnings: vec!["No parcels in shipment".to_owned()],
        })
    );
    assert_eq!(created.map(|s| s.is_closed()), Ok(false));
    let submitted = parse_shipment(200, JSON, SHIPMENT_SUBMITTED);
    assert_eq!(
        submitted.as_ref().map(|s| (
            s.status.as_deref(),
            s.submit_token.as_deref(),
            s.total_items,
            s.is_closed()
        )),
        Ok((Some("Manifested"), Some("3f9a0c"), Some(1), true))
    );

    assert_eq!(
        parse_link(200, JSON, LINK_DOCS, "client-id-123"),
        Err(refused(
            "link",
            &["Parcel is already linked to manifested shipment SH001"]
        ))
    );
    assert_eq!(parse_link(200, JSON, LINK_OK, SHIPMENT_ID), Ok(()));
    assert_eq!(
        parse_link(
            200,
            JSON,
            r#"{"successParcelsCount": 0, "failedParcelsCount": 0, "parcels": [], "failedParcels": []}"#,
            SHIPMENT_ID
        ),
        Err(refused(
            "link",
            &[&format!("parcel {SHIPMENT_ID} was not linked")]
        ))
    );
    // Another parcel linked, ours not: not done.
    assert_eq!(
        parse_link(200, JSON, LINK_OK, "another-parcel"),
        Err(refused("link", &["parcel another-parcel was not linked"]))
    );
    // Ours listed with an error of its own: not linked either.
    let ours_with_error = LINK_OK.replace(r#""error": null"#, r#""error": "Shipment is closed""#);
    assert_eq!(
        parse_link(200, JSON, &ours_with_error, SHIPMENT_ID),
        Err(refused("link", &["Shipment is closed"]))
    );
}

/// Status, content type and body; the failure, its sentence, and whether it is retried.
type Case<'a> = (u16, Option<&'a str>, &'a str, BookingFailure, &'a str, bool);

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn failures_by_status_and_body() {
    let problem = Some("application/problem+json");
    let html = Some("text/html");
    let gateway = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let truncated = &PARCEL_CREATED[..PARCEL_CREATED.len() / 2];
    let carrier = BookingFailure::Carrier;
    let cases: Vec<Case> = vec![
        // A refused key: only the title goes into the detail, never the free text that here
        // quotes the key.
        (401, problem, PROBLEM_401, carrier(CarrierFailure::Unauthorized { status: 401, detail: Some("Unauthorized".to_owned()) }),
            "postplus refused our credentials (HTTP 401): Unauthorized", true),
        (403, None, "", carrier(CarrierFailure::Unauthorized { status: 403, detail: None }),
            "postplus refused our credentials (HTTP 403)", true),
        (429, problem, "", carrier(CarrierFailure::RateLimited),
            "postplus is limiting our request rate (HTTP 429)", true),
        (400, problem, PROBLEM_400, carrier(CarrierFailure::Status { status: 400, detail: Some(
            "Bad Request: identifiers.senderParcelNr is required (parcel 0): Required senderParcelNr".to_owned()) }),
            "postplus answered HTTP 400: Bad Request: identifiers.senderParcelNr is required (parcel 0): Required senderParcelNr", false),
        (500, html, gateway, carrier(CarrierFailure::Status { status: 500, detail: None }),
            "postplus answered HTTP 500", true),
        (503, None, "", carrier(CarrierFailure::Status { status: 503, detail: None }),
            "postplus answered HTTP 503", true),
        (409, problem, r#"{"title": "Conflict"}"#, carrier(CarrierFailure::Status { status: 409, detail: Some("Conflict".to_owned()) }),
            "postplus answered HTTP 409: Conflict", true),
        // An entry written as a list (undocumented) is skipped, not read by position; the
        // others are kept.
        (400, problem, r#"{"title": "Bad Request", "errorDetails": [["Required", "receiverCity"], {"code": "Required", "detail": "receiverName"}]}"#,
            carrier(CarrierFailure::Status { status: 400, detail: Some("Bad Request: Required receiverName".to_owned()) }),
            "postplus answered HTTP 400: Bad Request: Required receiverName", false),
        (200, html, gateway, malformed("the content type text/html is not JSON"),
            "postplus answered something unreadable: the content type text/html is not JSON", true),
        (200, None, gateway, malformed("the body is not JSON (line 1, column 1)"),
            "postplus answered something unreadable: the body is not JSON (line 1, column 1)", true),
        (200, JSON, truncated, malformed("the body is not JSON at `parcel` (line 9, column 12)"),
            "postplus answered something unreadable: the body is not JSON at `parcel` (line 9, column 12)", true),
        (200, JSON, "{}", malformed("the body is JSON not of the documented shape: `identifiers` is missing (line 1, column 2)"),
            "postplus answered something unreadable: the body is JSON not of the documented shape: `identifiers` is missing (line 1, column 2)", true),
        // A value of the wrong type is named by its path, never quoted.
        (200, JSON, r#"{"identifiers": {"id": "k3y+with/odd=chars&more"}}"#,
            malformed("the body is JSON not of the documented shape at `identifiers.id` (line 1, column 48)"),
            "postplus answered something unreadable: the body is JSON not of the documented shape at `identifiers.id` (line 1, column 48)", true),
    ];
    for (status, content_type, body, expected, text, retryable) in cases {
        let result = parse_parcel(status, content_type, body);
        assert_eq!(result, Err(expected.clone()), "{status} {body:.40}");
        assert_eq!(expected.to_string(), text, "{status}");
        assert_eq!(expected.is_retryable(), retryable, "{status} {text}");
        assert_no_secret(&format!("{result:?}"));
        assert_no_secret(&expected.to_string());
    }
    // The same reader serves every call.
    assert_eq!(
        parse_shipment(401, problem, PROBLEM_401),
        Err(carrier(CarrierFailure::Unauthorized {
            status: 401,
            detail: Some("Unauthorized".to_owned())
        }))
    );
    assert_eq!(
        parse_link(502, html, gateway, SHIPMENT_ID),
        Err(carrier(CarrierFailure::Status {
            status: 502,
            detail: None
        }))
    );
    assert_eq!(
        parse_label(
            404,
            problem,
            r#"{"title": "Not Found", "detail": "Parcel print 7 was not found"}"#
        ),
        Err(carrier(CarrierFailure::Status {
            status: 404,
            detail: Some("Not Found: Parcel print 7 was not found".to_owned())
        }))
    );
    assert!(!BookingFailure::Carrier(CarrierFailure::Status {
        status: 404,
        detail: None
    })
    .is_retryable());
    assert!(BookingFailure::NoAnswer.is_retryable());
    assert_eq!(
        BookingFailure::NoAnswer.to_string(),
        "postplus did not answer"
    );
    assert_eq!(
        BookingFailure::NotReady {
            missing: "label for the parcel"
        }
        .to_string(),
        "postplus has no label for the parcel yet"
    );
}

/// The day's shipment of 501 with one parcel, as its create answered it.
fn open_day() -> PostPlusShipment {
    PostPlusShipment {
        id: 501,
        shipment_nr: Some("SHOP-20250912".to_owned()),
        status: Some("Created".to_owned()),
        can_update: Some(true),
        submitted_on: None,
        submit_token: None,
        total_items: Some(1),
        warnings: Vec::new(),
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn prepare_and_submit_answers_are_read_onto_the_shipment_they_were_sent_for() {
    // The notes promise `prepare` only its token (§3.2): a token alone is the day's shipment,
    // ready to submit, not a shipment without parcels nor an unreadable one.
    let prepared = parse_shipment_step(
        200,
        JSON,
        r#"{"shipmentSubmitToken": "3f9a0c"}"#,
        &open_day(),
    );
    assert_eq!(
        prepared,
        Ok(PostPlusShipment {
            submit_token: Some("3f9a0c".to_owned()),
            ..open_day()
        })
    );
    assert_eq!(
        prepared.map(|shipment| next_day_step(&shipment, true)),
        Ok(DayStep::Submit {
            token: "3f9a0c".to_owned()
        })
    );
    // A token an earlier, interrupted run left on the shipment is not submitted with: this
    // run prepares again, so the parcels linked since are in what is submitted.
    let left_over = PostPlusShipment {
        submit_token: Some("0ld70k3n".to_owned()),
        ..open_day()
    };
    assert_eq!(next_day_step(&left_over, false), DayStep::Prepare);
    // What an answer says replaces what was known; its warnings are its own.
    let submitted = parse_shipment_step(
        200,
        JSON,
        r#"{"status": {"status": "Manifested", "canUpdate": false, "submittedOn": "2025-09-12T16:00:03Z", "warningDetails": ["late"]}, "totalItems": 2}"#,
        &open_day(),
    );
    assert_eq!(
        submitted,
        Ok(PostPlusShipment {
            status: Some("Manifested".to_owned()),
            can_update: Some(false),
            submitted_on: Some("2025-09-12T16:00:03Z".to_owned()),
            total_items: Some(2),
            warnings: vec!["late".to_owned()],
            ..open_day()
        })
    );
    assert_eq!(
        parse_shipment_step(200, JSON, "{}", &open_day()),
        Ok(open_day())
    );
    // A refusal is one, whatever was known.
    assert_eq!(
        parse_shipment_step(
            200,
            JSON,
            r#"{"status": {"hasErrors": true, "errorDetails": ["Shipment has no parcels"]}}"#,
            &open_day()
        ),
        Err(refused("shipment", &["Shipment has no parcels"]))
    );
    // Without a shipment to read onto, an answer must name its id.
    assert_eq!(
        parse_shipment(200, JSON, r#"{"shipmentSubmitToken": "3f9a0c"}"#),
        Err(malformed(
            "the body is JSON not of the documented shape: `id` is missing"
        ))
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_submitted_days_documents_and_what_could_not_be_listed() {
    let date = chrono::NaiveDate::from_ymd_opt(2025, 9, 12).expect("a date");
    let submitted = PostPlusShipment {
        submitted_on: Some("2025-09-12T16:00:03Z".to_owned()),
        ..open_day()
    };
    let report = |body: &str| {
        parse_documents(200, JSON, body)
            .map(|documents| DayReport::submitted(date, &submitted, documents))
    };
    let expected = |documents: Vec<u64>, note: Option<&str>| {
        Ok(DayReport {
            date: "2025-09-12".to_owned(),
            shipment_nr: "SHOP-20250912".to_owned(),
            shipment_id: 501,
            parcels: 1,
            submitted_on: Some("2025-09-12T16:00:03Z".to_owned()),
            documents,
            note: note.map(str::to_owned),
        })
    };
    assert_eq!(
        report(r#"{"id": 501, "isProcessing": false, "documents": [{"id": 5001}, {"id": 5002}]}"#),
        expected(vec![5001, 5002], None)
    );
    assert_eq!(
        report(
            r#"{"id": 501, "documents": [{"fileType": "CN38"}, {"id": 5002}, {"fileType": "CN35"}]}"#
        ),
        expected(
            vec![5002],
            Some("2 documents listed without an id left out")
        )
    );
    assert_eq!(
        report(r#"{"id": 501, "isProcessing": true, "documents": []}"#),
        expected(
            Vec::new(),
            Some("PostPlus is still making the documents: run the end of day again to list them")
        )
    );
    assert_eq!(
        report(r#"{"id": 501, "isProcessing": true, "documents": [{"fileType": "CN38"}]}"#),
        expected(
            Vec::new(),
            Some("PostPlus is still making the documents: run the end of day again to list them; 1 document listed without an id left out")
        )
    );
}
