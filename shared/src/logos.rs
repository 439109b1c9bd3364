//! The logo proxy's rules (`LOGO_PROXY`, off unless set): which image URLs the edge serves from
//! its own origin, how an answer's image URLs are rewritten to it, and how the proxy route reads
//! the URL it is asked for. Pure: the edge fetches, caches and answers.
//!
//! A shop whose Content Security Policy should name no carrier host, or that wants no shopper's
//! browser to ask a third party for an image, lists the URL prefixes its logos live under. Every
//! option's `logo_url` and environmental `tag_image_url` under one of them then points at
//! `GET {edge}/v1/logo?src=<the URL>`, and that route fetches only URLs under those prefixes:
//! it is never an open proxy. An image URL under no prefix is left as it is.

use crate::model::ShippingOption;

/// The proxy route's path on the edge.
pub const PATH: &str = "/v1/logo";

/// The most prefixes `LOGO_PROXY` lists: a handful of hosts in practice.
const MAX_PREFIXES: usize = 16;

/// The URL prefixes whose images the edge serves as its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoProxy {
    prefixes: Vec<String>,
}

/// Why the proxy route refuses a request: each names the query parameter and says why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The query has no `src` (or an empty one).
    Missing,
    /// `src` is not a plain absolute URL under one of the prefixes.
    NotProxied,
}

impl Refusal {
    /// The sentence for the developer who reads the error, naming `src`.
    pub fn message(&self) -> &'static str {
        match self {
            Refusal::Missing => "`src` is required: the logo's URL, as the answer gave it",
            Refusal::NotProxied => {
                "`src` is not under a URL prefix listed in LOGO_PROXY: this edge serves only \
                 those images"
            }
        }
    }
}

impl LogoProxy {
    /// `LOGO_PROXY`: comma-separated URL prefixes, each `http://` or `https://`, a host, and a
    /// path ending in `/` (`https://www.mybring.com/shipping-guide/assets/img/`), so that a
    /// prefix always ends at a folder and `https://shop.example/logos` cannot stand for
    /// `https://shop.example/logos-private/…`. Blank: `None` (the proxy is off).
    pub fn from_list(text: &str) -> Result<Option<LogoProxy>, String> {
        let prefixes: Vec<String> = text
            .split(',')
            .map(str::trim)
            .filter(|prefix| !prefix.is_empty())
            .map(|prefix| {
                checked_prefix(prefix).map(str::to_owned).ok_or_else(|| {
                    format!(
                        "`{prefix}` is not a URL prefix: write scheme, host and a path that \
                         ends in `/`, such as `https://shop.example/logos/`"
                    )
                })
            })
            .collect::<Result<_, _>>()?;
        if prefixes.len() > MAX_PREFIXES {
            return Err(format!(
                "lists {} prefixes; at most {MAX_PREFIXES}",
                prefixes.len()
            ));
        }
        Ok((!prefixes.is_empty()).then_some(LogoProxy { prefixes }))
    }

    /// Whether the edge serves `url`: a plain absolute URL (no user, no fragment, no `..` or
    /// `.` segment, no backslash, no encoded dot or slash, no space or control character)
    /// that starts with one of the prefixes. Being strict here is what keeps the route from
    /// fetching anything the operator did not list.
    pub fn serves(&self, url: &str) -> bool {
        is_plain(url)
            && self
                .prefixes
                .iter()
                .any(|prefix| url.starts_with(prefix.as_str()))
    }

    /// `url` as the edge at `edge_origin` (`https://edge.example`) serves it, when it does.
    pub fn proxied(&self, url: &str, edge_origin: &str) -> Option<String> {
        self.serves(url).then(|| {
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair("src", url)
                .finish();
            format!("{edge_origin}{PATH}?{query}")
        })
    }

    /// Points every logo and environmental tag image of `options` that the edge serves at
    /// the edge at `edge_origin`.
    pub fn apply(&self, options: &mut [ShippingOption], edge_origin: &str) {
        for option in options {
            let images = [
                option.logo_url.as_mut(),
                option
                    .environmental
                    .as_mut()
                    .and_then(|environmental| environmental.tag_image_url.as_mut()),
            ];
            for url in images.into_iter().flatten() {
                if let Some(proxied) = self.proxied(url, edge_origin) {
                    *url = proxied;
                }
            }
        }
    }

    /// The image URL a request to [`PATH`] with `query` (the part after `?`) asks for.
    pub fn source(&self, query: &str) -> Result<String, Refusal> {
        let src = form_urlencoded::parse(query.as_bytes())
            .find(|(name, _)| name == "src")
            .map(|(_, value)| value.into_owned())
            .filter(|src| !src.is_empty())
            .ok_or(Refusal::Missing)?;
        if self.serves(&src) {
            Ok(src)
        } else {
            Err(Refusal::NotProxied)
        }
    }
}

/// Whether an image answer's `content_type` is one a logo may be served as (raster or SVG).
/// Anything else (HTML from a login page, say) is not passed on from the edge's origin.
pub fn is_image(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    matches!(
        essence.as_str(),
        "image/svg+xml" | "image/png" | "image/jpeg" | "image/gif" | "image/webp" | "image/avif"
    )
}

/// `prefix` when it is `http(s)://host[:port]/path/` with a host of letters, digits, dots and
/// dashes.
fn checked_prefix(prefix: &str) -> Option<&str> {
    let rest = prefix
        .strip_prefix("https://")
        .or_else(|| prefix.strip_prefix("http://"))?;
    let (authority, path) = rest.split_once('/')?;
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    let port_ok = port.is_none_or(|port| !port.is_empty() && port.parse::<u16>().is_ok());
    let path_ok = (path.is_empty() || path.ends_with('/')) && !path.contains('?');
    (host_ok && port_ok && path_ok && is_plain(prefix)).then_some(prefix)
}

/// Whether `url` reads the same to every server: no space or control character, no user
/// (`@`), fragment or backslash, no `.` or `..` segment, and no percent-encoded dot, slash or
/// backslash (which a server may decode into a path a prefix check never saw). What a prefix
/// and a served URL both must be.
fn is_plain(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    !url.chars().any(|c| c.is_whitespace() || c.is_control())
        && !url.contains(['\\', '#', '@'])
        && !url
            .split(['/', '?'])
            .any(|segment| segment == ".." || segment == ".")
        && !["%2e", "%2f", "%5c"]
            .iter()
            .any(|code| lower.contains(code))
}
