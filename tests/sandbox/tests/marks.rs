//! The stand-in marks under `/logos/`: our drawings for PostNord and PostPlus, and a 404 for
//! any other file.

mod common;

use common::{get, start};

#[tokio::test]
async fn serves_a_drawn_mark_per_carrier_without_logo() {
    let sandbox = start().await;
    for (file, name) in [("postnord.svg", "PostNord"), ("postplus.svg", "PostPlus")] {
        let reply = get(sandbox, &format!("/logos/{file}"), &[]).await;
        assert_eq!(reply.status, 200, "{file}");
        assert_eq!(
            reply.header("content-type"),
            Some("image/svg+xml"),
            "{file}"
        );
        let svg = reply.text();
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{svg}"
        );
        assert!(svg.contains(&format!(">{name}</text></svg>")), "{svg}");
    }
}

#[tokio::test]
async fn any_other_mark_is_not_found() {
    let sandbox = start().await;
    for path in [
        "/logos/bring.svg",
        "/logos/missing.svg",
        "/logos/postnord.png",
    ] {
        let reply = get(sandbox, path, &[]).await;
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(
            reply.text(),
            "no such mark: the sandbox draws postnord.svg and postplus.svg\n",
            "{path}"
        );
    }
}
