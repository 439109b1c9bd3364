//! `AuthNonces`: the Durable Object (bound as `AUTH_NONCES`, one per KSS merchant) that
//! remembers the nonces of that merchant's accepted `/auth` calls, so that a captured `/auth`
//! body cannot mint a token a second time.
//!
//! The digest KSS sends is SHA-256(nonce ‖ key): whoever has seen one request can repeat it word
//! for word. A nonce is kept for [`KEPT_SECONDS`], a day (longer than a token's hour, so a
//! replay cannot even renew a token it saw being made), in the object's SQLite storage; each call
//! first deletes what has run out, so the table holds at most a day of one merchant's logins and
//! needs no alarm. One object per merchant keeps merchants apart and each ledger small; a
//! Durable Object runs one call at a time, so two copies of one request cannot both pass.

use worker::{durable_object, DurableObject, Env, Request, Response, Result};

use crate::clock;
use crate::http::new_request;

/// The binding `wrangler.toml` gives the class.
pub const BINDING: &str = "AUTH_NONCES";

/// How long an accepted nonce is refused again.
pub const KEPT_SECONDS: i64 = 86_400;

/// Whether the nonce was new (and is now kept) or was seen before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nonce {
    Fresh,
    Replayed,
}

/// Records `nonce` for `merchant`: `Fresh` the first time within [`KEPT_SECONDS`], then
/// `Replayed`.
pub async fn record(env: &Env, merchant: &str, nonce: &str) -> Result<Nonce> {
    let namespace = env.durable_object(BINDING)?;
    let stub = namespace.id_from_name(merchant)?.get_stub()?;
    // The URL is never resolved: a stub's fetch goes to the object.
    let request = new_request("https://auth-nonces.invalid/", "POST", None, Some(nonce))?;
    let response = stub.fetch_with_request(request).await?;
    let status = response.status_code();
    match (status, crate::http::body_text(response).await?.as_str()) {
        (200, "fresh") => Ok(Nonce::Fresh),
        (200, "replayed") => Ok(Nonce::Replayed),
        (status, text) => Err(worker::Error::RustError(format!(
            "the nonce ledger answered {status}: {text}"
        ))),
    }
}

#[durable_object]
pub struct AuthNonces {
    state: worker::State,
}

impl DurableObject for AuthNonces {
    fn new(state: worker::State, _env: Env) -> Self {
        AuthNonces { state }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        let nonce = req.text().await?;
        let now = clock::now_ms() as i64;
        let sql = self.state.storage().sql();
        sql.exec(
            "CREATE TABLE IF NOT EXISTS nonces (nonce TEXT PRIMARY KEY, kept_until INTEGER NOT NULL)",
            None,
        )?;
        sql.exec("DELETE FROM nonces WHERE kept_until <= ?", vec![now.into()])?;
        let mut seen = sql.exec(
            "SELECT 1 AS seen FROM nonces WHERE nonce = ?",
            vec![nonce.clone().into()],
        )?;
        // Whether a row came, as a JavaScript value: reading it into a Rust type would compile
        // serde_wasm_bindgen's reader in for one flag.
        if Iterator::next(&mut seen).transpose()?.is_some() {
            return Response::ok("replayed");
        }
        sql.exec(
            "INSERT INTO nonces (nonce, kept_until) VALUES (?, ?)",
            vec![nonce.into(), (now + KEPT_SECONDS * 1000).into()],
        )?;
        Response::ok("fresh")
    }
}
