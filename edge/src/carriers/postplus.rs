//! PostPlus's setup: its configuration and API key, read once per isolate. PostPlus has no
//! price API, so there is nothing to send for options (`fanout.rs` builds them from the
//! configuration); the booking (`reservation/object.rs`) and the end of day (`end_of_day.rs`)
//! send what `shared::carriers::postplus` builds.

use std::fmt;

use shared::carriers::postplus::PostPlusConfig;

use crate::config::vars::{base_url, parse_table, secrets, set_url, table};
use crate::config::{Carrier, ConfigError};

/// PostPlus's configuration and API key (`X-API-KEY`). PostPlus has no price API, so its options
/// come from the configuration alone; the key books confirmed reservations.
pub struct PostPlusSetup {
    pub config: PostPlusConfig,
    pub api_key: String,
}

impl fmt::Debug for PostPlusSetup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostPlusSetup")
            .field("config", &self.config)
            .field("api_key", &"[redacted]")
            .finish()
    }
}

/// PostPlusSetup, when the shop offers it (`POSTPLUS` is set): its table with the URLs from
/// `POSTPLUS_BASE_URL`, and its secrets (a missing one is [`Carrier::MissingSecret`]).
pub fn setup(
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<Carrier<PostPlusSetup>>, ConfigError> {
    Ok(match table(lookup, "POSTPLUS")? {
        None => None,
        Some(mut table) => {
            let base = base_url(lookup, "POSTPLUS_BASE_URL")?;
            set_url(
                &mut table,
                "POSTPLUS",
                "base_url",
                "POSTPLUS_BASE_URL",
                &base,
                "",
            )?;
            let config: PostPlusConfig = parse_table("POSTPLUS", table)?;
            Some(match secrets(lookup, ["POSTPLUS_API_KEY"]) {
                Ok([api_key]) => Carrier::Ready(PostPlusSetup { config, api_key }),
                Err(missing) => Carrier::MissingSecret(missing),
            })
        }
    })
}
