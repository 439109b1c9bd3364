//! The operator's routes under `/ops/` (not for shops or shoppers), behind the `OPS_TOKEN`
//! secret as a bearer token; without the secret they answer 404, as if they did not exist.
//!
//! - `POST /ops/postplus/end-of-day` (body `{"date": "YYYY-MM-DD"}` or empty for today at the
//!   sender): closes the day's PostPlus shipment and lists its documents (`end_of_day.rs`);
//!   idempotent, as the Cron Trigger runs the same.
//! - `GET /ops/postplus/documents/{id}`: one of those documents, the PDF PostPlus keeps.
//! - `GET /ops/postplus/labels/{print_id}`: a parcel's label, the PDF PostPlus keeps under the
//!   print id that KSS's `GET /shipment/{id}` names.

use serde::Deserialize;
use subtle::ConstantTimeEq;
use worker::{Env, Method, Request, Response};

use crate::carriers::{send_for_bytes, Deadline};
use crate::config::{self, Config, PostPlusSetup};
use crate::end_of_day::{close_day, today};
use crate::error::{invalid, ApiError};
use crate::http::{json_response, read_body, set_header, MAX_BODY_BYTES};
use shared::carriers::postplus::{label_document_request, shipment_document_request};

/// Where the operator routes live.
pub const PREFIX: &str = "/ops/";

/// Every request under [`PREFIX`].
pub async fn handle(mut req: Request, env: &Env) -> Response {
    let answer = async {
        let config = config::get(env).map_err(ApiError::Misconfigured)?;
        authorize(&req, &config)?;
        let path = req.path();
        let rest = path.strip_prefix(PREFIX).unwrap_or_default();
        match (req.method(), rest.split('/').collect::<Vec<_>>().as_slice()) {
            (Method::Post, ["postplus", "end-of-day"]) => end_of_day(&mut req, &config).await,
            (Method::Get, ["postplus", kind @ ("documents" | "labels"), id]) => {
                pdf(kind, id, &config).await
            }
            (_, ["postplus", "end-of-day"]) => Err(ApiError::MethodNotAllowed { allow: "POST" }),
            (_, ["postplus", "documents" | "labels", _]) => {
                Err(ApiError::MethodNotAllowed { allow: "GET" })
            }
            _ => Err(ApiError::NotFound),
        }
    }
    .await;
    answer.unwrap_or_else(ApiError::into_response)
}

/// The bearer token must be `OPS_TOKEN`, compared in constant time. No secret: no routes.
fn authorize(req: &Request, config: &Config) -> Result<(), ApiError> {
    let Some(expected) = &config.ops_token else {
        return Err(ApiError::NotFound);
    };
    let sent = req
        .headers()
        .get("authorization")
        .ok()
        .flatten()
        .and_then(|value| value.strip_prefix("Bearer ").map(str::to_owned))
        .unwrap_or_default();
    if bool::from(sent.as_bytes().ct_eq(expected.0.as_bytes())) {
        Ok(())
    } else {
        Err(ApiError::Unauthorized {
            reason: "/ops/: the bearer token is not OPS_TOKEN".to_owned(),
        })
    }
}

#[derive(Deserialize, Default)]
struct EndOfDay {
    date: Option<String>,
}

async fn end_of_day(req: &mut Request, config: &Config) -> Result<Response, ApiError> {
    let setup = postplus(config)?;
    let body = read_body(req, MAX_BODY_BYTES).await?;
    let asked: EndOfDay = if body.trim().is_empty() {
        EndOfDay::default()
    } else {
        shared::model::from_json(&body).map_err(invalid)?
    };
    let date = match asked.date {
        Some(text) => {
            shared::date_text::parse_date(&text).ok_or_else(|| ApiError::InvalidRequest {
                field: Some("date".to_owned()),
                message: format!("date `{text}` is not a date written YYYY-MM-DD"),
            })?
        }
        None => today(config, setup),
    };
    match close_day(setup, date).await {
        Ok(report) => Ok(json_response(200, &report)),
        Err(detail) => Err(ApiError::Upstream { detail }),
    }
}

/// A shipment document (`kind` "documents") or a parcel's label ("labels") as PostPlus keeps it.
async fn pdf(kind: &str, id: &str, config: &Config) -> Result<Response, ApiError> {
    let setup = postplus(config)?;
    let id: u64 = id.parse().map_err(|_| ApiError::NotFound)?;
    let (request, name) = if kind == "labels" {
        (
            label_document_request(id, &setup.config, &setup.api_key),
            "label",
        )
    } else {
        (
            shipment_document_request(id, &setup.config, &setup.api_key),
            "document",
        )
    };
    let answer = send_for_bytes(&request, Deadline::after(10_000))
        .await
        .map_err(|_| ApiError::Upstream {
            detail: "postplus did not answer".to_owned(),
        })?;
    if answer.status != 200 {
        return Err(ApiError::Upstream {
            detail: format!("postplus answered {} for {name} {id}", answer.status),
        });
    }
    let mut response = Response::from_bytes(answer.body)?;
    let content_type = answer.content_type.as_deref().unwrap_or("application/pdf");
    set_header(&mut response, "content-type", content_type);
    set_header(
        &mut response,
        "content-disposition",
        &format!("attachment; filename=\"postplus-{name}-{id}.pdf\""),
    );
    Ok(response)
}

fn postplus(config: &Config) -> Result<&PostPlusSetup, ApiError> {
    config.postplus_ready().ok_or(ApiError::NotFound)
}
