//! The logo proxy's rules: which prefixes `LOGO_PROXY` takes, which URLs the edge serves (and
//! never anything else: the route must not become an open proxy), how an answer's images are
//! rewritten, and how the route reads `src`. Runs natively and as wasm.

use serde_json::json;
use shared::logos::{is_image, LogoProxy, Refusal};
use shared::model::ShippingOption;

const EDGE: &str = "https://edge.example";

fn proxy() -> LogoProxy {
    LogoProxy::from_list(
        " https://www.mybring.com/shipping-guide/assets/img/ , http://127.0.0.1:4010/logos/",
    )
    .expect("valid prefixes")
    .expect("the proxy is on")
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn blank_is_off_and_each_bad_prefix_is_named() {
    assert_eq!(LogoProxy::from_list(""), Ok(None));
    assert_eq!(LogoProxy::from_list(" , "), Ok(None));
    for bad in [
        "https://shop.example",
        "https://shop.example/logos",
        "ftp://shop.example/logos/",
        "https://shop example/logos/",
        "https://user@shop.example/logos/",
        "https://shop.example:99999/logos/",
        "https://shop.example/a/../logos/",
        "https://shop.example/%2e%2e/logos/",
        "https://shop.example/logos/?x=1/",
        "*/",
    ] {
        assert_eq!(
            LogoProxy::from_list(&format!("https://ok.example/, {bad}")),
            Err(format!(
                "`{bad}` is not a URL prefix: write scheme, host and a path that ends in `/`, \
                 such as `https://shop.example/logos/`"
            )),
            "{bad}"
        );
    }
    let many = vec!["https://a.example/"; 17].join(",");
    assert_eq!(
        LogoProxy::from_list(&many),
        Err("lists 17 prefixes; at most 16".to_owned())
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn serves_only_plain_urls_under_a_prefix() {
    let proxy = proxy();
    for (url, served) in [
        (
            "https://www.mybring.com/shipping-guide/assets/img/Posten_logo.svg",
            true,
        ),
        (
            "https://www.mybring.com/shipping-guide/assets/img/sub/Bring.png?v=2",
            true,
        ),
        ("http://127.0.0.1:4010/logos/postnord.svg", true),
        // Not under a prefix: another folder, host, port or scheme.
        (
            "https://www.mybring.com/shipping-guide/assets/Posten_logo.svg",
            false,
        ),
        (
            "https://www.mybring.com.evil.example/shipping-guide/assets/img/x.svg",
            false,
        ),
        ("http://127.0.0.1:4011/logos/postnord.svg", false),
        (
            "http://www.mybring.com/shipping-guide/assets/img/Posten_logo.svg",
            false,
        ),
        // Under a prefix by its text, elsewhere once a server reads it.
        ("http://127.0.0.1:4010/logos/../__sandbox/calls", false),
        ("http://127.0.0.1:4010/logos/./postnord.svg", false),
        ("http://127.0.0.1:4010/logos/%2e%2e/__sandbox/calls", false),
        ("http://127.0.0.1:4010/logos/%2F..%2F__sandbox", false),
        ("http://127.0.0.1:4010/logos/..\\__sandbox", false),
        ("http://127.0.0.1:4010/logos/x.svg#frag", false),
        ("http://127.0.0.1:4010/logos/@evil.example/x.svg", false),
        ("http://127.0.0.1:4010/logos/x .svg", false),
        ("http://127.0.0.1:4010/logos/x\n.svg", false),
        ("", false),
    ] {
        assert_eq!(proxy.serves(url), served, "{url}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn an_answer_points_its_served_images_at_the_edge() {
    let mut options: Vec<ShippingOption> = serde_json::from_value(json!([
        {
            "id": "bring-5800", "name": "Hentested", "carrier": "bring", "type": "pickup-point",
            "price": 6900, "tax_rate": 2500,
            "logo_url": "https://www.mybring.com/shipping-guide/assets/img/Posten_logo.svg",
            "environmental": {
                "tag_image_url": "https://www.mybring.com/shipping-guide/assets/img/Environment_logo.svg"
            }
        },
        {
            "id": "postnord-home", "name": "Hjem", "carrier": "postnord", "type": "to-door",
            "price": 9900, "tax_rate": 2500,
            "logo_url": "https://other.example/postnord.svg",
            "environmental": {"fossil_free_share": 1.0}
        },
        {
            "id": "postplus-home", "name": "Hjem", "carrier": "postplus", "type": "to-door",
            "price": 5900, "tax_rate": 2500
        }
    ]))
    .expect("options");
    proxy().apply(&mut options, EDGE);
    assert_eq!(
        options[0].logo_url.as_deref(),
        Some(
            "https://edge.example/v1/logo?src=https%3A%2F%2Fwww.mybring.com%2Fshipping-guide%2Fassets%2Fimg%2FPosten_logo.svg"
        )
    );
    assert_eq!(
        options[0]
            .environmental
            .as_ref()
            .and_then(|e| e.tag_image_url.as_deref()),
        Some(
            "https://edge.example/v1/logo?src=https%3A%2F%2Fwww.mybring.com%2Fshipping-guide%2Fassets%2Fimg%2FEnvironment_logo.svg"
        )
    );
    // Under no prefix: left as it is. No image: nothing added.
    assert_eq!(
        options[1].logo_url.as_deref(),
        Some("https://other.example/postnord.svg")
    );
    assert_eq!(
        options[1]
            .environmental
            .as_ref()
            .and_then(|e| e.tag_image_url.as_deref()),
        None
    );
    assert_eq!(options[2].logo_url, None);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_route_reads_src_and_refuses_what_it_does_not_serve() {
    let proxy = proxy();
    let url = "http://127.0.0.1:4010/logos/postnord.svg";
    let rewritten = proxy.proxied(url, EDGE).expect("served");
    let query = rewritten.split_once('?').expect("a query").1;
    assert_eq!(proxy.source(query), Ok(url.to_owned()));
    assert_eq!(
        proxy.source("other=1&src=http%3A%2F%2F127.0.0.1%3A4010%2Flogos%2Fpostplus.svg"),
        Ok("http://127.0.0.1:4010/logos/postplus.svg".to_owned())
    );
    assert_eq!(proxy.source(""), Err(Refusal::Missing));
    assert_eq!(proxy.source("src="), Err(Refusal::Missing));
    for query in [
        "src=https%3A%2F%2Fevil.example%2Flogos%2Fx.svg",
        "src=http%3A%2F%2F127.0.0.1%3A4010%2Flogos%2F..%2F__sandbox%2Fcalls",
        "src=http%3A%2F%2F127.0.0.1%3A4010%2Flogos%2F%252e%252e%2Fx",
        "src=http://127.0.0.1:4010/__sandbox/calls",
    ] {
        assert_eq!(proxy.source(query), Err(Refusal::NotProxied), "{query}");
    }
    assert_eq!(
        Refusal::NotProxied.message(),
        "`src` is not under a URL prefix listed in LOGO_PROXY: this edge serves only those images"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn only_images_are_passed_on() {
    for (content_type, image) in [
        ("image/svg+xml", true),
        ("image/PNG", true),
        ("image/svg+xml; charset=utf-8", true),
        ("image/webp", true),
        ("text/html; charset=utf-8", false),
        ("application/octet-stream", false),
        ("image/svg", false),
        ("", false),
    ] {
        assert_eq!(is_image(content_type), image, "{content_type}");
    }
}
