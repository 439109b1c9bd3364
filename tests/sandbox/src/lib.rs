//! The carrier sandbox: Bring, PostNord and PostPlus, each answering in its real wire format, on
//! loopback, for the end-to-end tests and the demo.
//!
//! Every answer is built field for field from the carriers' published documents in
//! `shared/reference/` (each module names the document it follows), and is deterministic: the same
//! request gives the same prices, dates and pickup points, varying with the postal code by the
//! rules in `postal.rs`. A control API under `/__sandbox/` injects faults, counts calls and shows
//! the last request of each operation (`control.rs`).
//!
//! What it must never do: listen on anything but 127.0.0.1, or stand in for a carrier in
//! production. Its credentials are fixed, public and printed in its README.

// A refused request ends as a finished `Response`, returned early through `Result`; boxing it to
// shrink the error variant would add noise to every check for no gain in a test server.
#![allow(clippy::result_large_err)]

mod auth;
mod bring;
mod bring_pickup;
mod bring_products;
mod call;
mod control;
mod dates;
mod errors;
mod ids;
mod marks;
mod pdf;
mod places;
mod postal;
mod postnord;
mod postnord_servicepoints;
mod postnord_texts;
mod postnord_token;
mod postplus;
mod state;

use std::sync::Arc;

use axum::routing::{delete, get, post, put};
use axum::Router;
use tokio::net::TcpListener;

use call::{carrier_route, Carrier};
pub use state::Sandbox;

/// Every route the sandbox answers: the carriers' own paths, then the control API.
pub fn app(sandbox: Arc<Sandbox>) -> Router {
    let s = &sandbox;
    Router::new()
        // Bring Shipping Guide v2: the current path and the older one clients still call.
        .route(
            "/shippingguide/api/v2/products",
            carrier_route(s, Carrier::Bring, "bring.products", post(bring::products)),
        )
        .route(
            "/shippingguide/v2/products",
            carrier_route(s, Carrier::Bring, "bring.products", post(bring::products)),
        )
        .route(
            "/pickuppoint/api/pickuppoint/{country}/postalCode/{postal_code}",
            carrier_route(
                s,
                Carrier::BringPickup,
                "bring.pickup_points",
                get(bring_pickup::by_postal_code),
            ),
        )
        .route(
            "/pickuppoint/api/pickuppoint/{country}/id/{id}",
            carrier_route(
                s,
                Carrier::BringPickup,
                "bring.pickup_point",
                get(bring_pickup::by_id),
            ),
        )
        .route(
            "/rest/shipment/v1/deliveryoptions/bywarehouse",
            carrier_route(
                s,
                Carrier::PostNord,
                "postnord.delivery_options",
                post(postnord::by_warehouse),
            ),
        )
        .route(
            "/rest/shipment/v1/deliveryoptions/manage/health",
            carrier_route(
                s,
                Carrier::PostNord,
                "postnord.health",
                get(postnord::health),
            ),
        )
        .route(
            "/rest/businesslocation/v5/servicepoints/nearest/byaddress",
            carrier_route(
                s,
                Carrier::PostNord,
                "postnord.servicepoints",
                get(postnord_servicepoints::nearest_by_address),
            ),
        )
        .route(
            "/oauth2/token",
            carrier_route(
                s,
                Carrier::PostNordToken,
                "postnord.token",
                post(postnord_token::token),
            ),
        )
        .route(
            "/api/v1/parcels",
            carrier_route(
                s,
                Carrier::PostPlus,
                "postplus.parcels",
                put(postplus::upsert_parcels),
            ),
        )
        .route(
            "/api/v1/parcels/{id}",
            carrier_route(
                s,
                Carrier::PostPlus,
                "postplus.parcel",
                get(postplus::parcel_by_id),
            ),
        )
        .route(
            "/api/v1/parcels/sender-parcel-nrs/{sender_parcel_nr}",
            carrier_route(
                s,
                Carrier::PostPlus,
                "postplus.parcel",
                get(postplus::parcel_by_sender_parcel_nr),
            ),
        )
        .route(
            "/api/v1/parcels/parcel-nrs/{parcel_nr}",
            carrier_route(
                s,
                Carrier::PostPlus,
                "postplus.parcel",
                get(postplus::parcel_by_parcel_nr),
            ),
        )
        .route(
            "/api/v1/parcels/parcel-prints/get-many",
            carrier_route(
                s,
                Carrier::PostPlus,
                "postplus.prints",
                get(postplus::prints_many),
            ),
        )
        .route(
            "/api/v1/parcels/parcel-prints/{print_id}",
            carrier_route(s, Carrier::PostPlus, "postplus.print", get(postplus::print)),
        )
        .route(
            "/api/v1/documents/parcel-prints/{print_id}",
            carrier_route(
                s,
                Carrier::PostPlus,
                "postplus.label",
                get(postplus::label_document),
            ),
        )
        .route(
            "/api/v1/documents/shipment-documents/{document_id}",
            carrier_route(
                s,
                Carrier::PostPlus,
                "postplus.shipment_document",
                get(postplus::shipment_document),
            ),
        )
        .route(
            "/api/v1/parcels/update-references-many",
            carrier_route(
                s,
                Carrier::PostPlus,
                "postplus.update_references",
                post(postplus::update_references_many),
            ),
        )
        .route(
            "/api/v1/shipments",
            carrier_route(
                s,
                Carrier::PostPlus,
                "postplus.shipments",
                post(postplus::create_shipment),
            ),
        )
        .route(
            "/api/v1/shipments/{id}",
            carrier_route(
                s,
                Carrier::PostPlus,
                "postplus.shipment",
                get(postplus::shipment).delete(postplus::delete_shipment),
            ),
        )
        .route(
            "/api/v1/shipments/{id}/prepare",
            carrier_route(
                s,
                Carrier::PostPlus,
                "postplus.prepare",
                post(postplus::prepare_shipment),
            ),
        )
        .route(
            "/api/v1/shipments/{id}/submit",
            carrier_route(
                s,
                Carrier::PostPlus,
                "postplus.submit",
                post(postplus::submit_shipment),
            ),
        )
        // Not a carrier's: the stand-in marks the demo shows as PostNord's and PostPlus's logos.
        .route("/logos/{file}", get(marks::logo))
        .route(
            "/__sandbox/faults",
            post(control::set_fault).delete(control::clear_faults),
        )
        .route("/__sandbox/calls", get(control::calls))
        .route("/__sandbox/reset", post(control::reset))
        .route("/__sandbox/last/{operation}", get(control::last_request))
        .route(
            "/__sandbox/recent/{operation}",
            get(control::recent_requests),
        )
        .route(
            "/__sandbox/postnord/token",
            put(control::set_token_lifetime),
        )
        .route("/__sandbox/postnord/tokens", delete(control::revoke_tokens))
        .route(
            "/__sandbox/bring/texts",
            put(control::set_bring_texts).delete(control::clear_bring_texts),
        )
        .with_state(sandbox)
}

/// Serves `app` on `listener` until the future is dropped. The caller owns the listener, so it
/// decides the address; `main` only ever binds 127.0.0.1.
pub async fn serve(listener: TcpListener, sandbox: Arc<Sandbox>) -> std::io::Result<()> {
    axum::serve(listener, app(sandbox)).await
}
