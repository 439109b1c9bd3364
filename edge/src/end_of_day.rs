//! PostPlus's end of day: the day's shipment (which every booked parcel of the day is linked to)
//! is prepared and submitted, then its documents are listed. Run by the operator route
//! (`routes/ops.rs`) and by the Cron Trigger (`lib.rs`, `wrangler.toml`'s `[triggers]`).
//!
//! Idempotent: the day's shipment is found by its number (PostPlus's `updateIfExists`), and
//! `shared::carriers::postplus::next_day_step` reads what PostPlus answered, so a second run of
//! a submitted day only reads it again, and a day without parcels is left alone.

use chrono::NaiveDate;
use shared::carriers::postplus::{
    next_day_step, parse_documents, parse_shipment, parse_shipment_step, prepare_request,
    shipment_documents_request, shipment_request, submit_request, BookingFailure, DayReport,
    DayStep, PostPlusShipment,
};
use shared::carriers::OutboundRequest;

use crate::carriers::{send, Deadline, HttpAnswer};
use crate::clock;
use crate::config::{Config, PostPlusSetup};

/// The whole end of day's time: five calls at most.
const BUDGET_MS: u32 = 20_000;

/// Today at the sender, on the shop's calendar: the day an end of day closes when none is named.
pub fn today(config: &Config, setup: &PostPlusSetup) -> NaiveDate {
    clock::calendar_now(config)
        .with_timezone(&setup.config.sender.country.time_zone())
        .date_naive()
}

/// Closes the shipment of `date` and lists its documents.
pub async fn close_day(setup: &PostPlusSetup, date: NaiveDate) -> Result<DayReport, String> {
    let deadline = Deadline::after(BUDGET_MS);
    let (config, key) = (&setup.config, setup.api_key.as_str());
    let mut shipment = shipment_call(&shipment_request(date, config, key), None, deadline).await?;
    let mut prepared = false;
    // Open, prepare, submit, documents: four steps; the bound keeps a confused answer from
    // looping.
    for _ in 0..4 {
        let mut report = DayReport::of(date, &shipment);
        match next_day_step(&shipment, prepared) {
            DayStep::Empty => {
                report.note = Some("no parcel was booked for this day: nothing to submit".into());
                return Ok(report);
            }
            DayStep::NotPrepared { warnings } => {
                report.note = Some(format!(
                    "PostPlus did not prepare the shipment: {}",
                    if warnings.is_empty() {
                        "it gave no reason".to_owned()
                    } else {
                        warnings.join("; ")
                    }
                ));
                return Ok(report);
            }
            DayStep::Prepare => {
                let prepare = prepare_request(shipment.id, config, key);
                shipment = shipment_call(&prepare, Some(&shipment), deadline).await?;
                prepared = true;
            }
            DayStep::Submit { token } => {
                let submit = submit_request(shipment.id, &token, config, key);
                // Accepted (a refusal is an error): the shipment is fetched again with its
                // documents, whatever the submit's own answer says of it (notes §3.3: "On
                // success the client fetches the details"), and never submitted twice.
                shipment = shipment_call(&submit, Some(&shipment), deadline).await?;
                return documents(date, &shipment, setup, deadline).await;
            }
            DayStep::Documents => return documents(date, &shipment, setup, deadline).await,
        }
    }
    Err("PostPlus's answers did not lead to a submitted shipment".to_owned())
}

/// The submitted day's report: its shipment fetched again, with its documents.
async fn documents(
    date: NaiveDate,
    shipment: &PostPlusShipment,
    setup: &PostPlusSetup,
    deadline: Deadline,
) -> Result<DayReport, String> {
    let request = shipment_documents_request(shipment.id, &setup.config, &setup.api_key);
    let answer = call(&request, deadline).await?;
    let (status, content_type) = (answer.status, answer.content_type.as_deref());
    let fetched = parse_shipment_step(status, content_type, &answer.body, shipment)
        .map_err(|failure| failure.to_string())?;
    let documents = parse_documents(status, content_type, &answer.body)
        .map_err(|failure| failure.to_string())?;
    Ok(DayReport::submitted(date, &fetched, documents))
}

/// The shipment PostPlus answered about: read onto `before` for `prepare` and `submit` (their
/// answers may leave out what they do not change), as a whole shipment for the day's create.
async fn shipment_call(
    request: &OutboundRequest,
    before: Option<&PostPlusShipment>,
    deadline: Deadline,
) -> Result<PostPlusShipment, String> {
    let answer = call(request, deadline).await?;
    let (status, content_type) = (answer.status, answer.content_type.as_deref());
    match before {
        Some(before) => parse_shipment_step(status, content_type, &answer.body, before),
        None => parse_shipment(status, content_type, &answer.body),
    }
    .map_err(|failure| failure.to_string())
}

async fn call(request: &OutboundRequest, deadline: Deadline) -> Result<HttpAnswer, String> {
    send(request, deadline)
        .await
        .map_err(|_| BookingFailure::NoAnswer.to_string())
}
