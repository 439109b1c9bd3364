//! The `<delivery-options>` element's Rust side in headless Chromium: an answer of the edge (the
//! fixture: Bring and PostNord options with pickup points, addons, timeslots, environmental data
//! and a hostile carrier text) rendered into a form-associated element inside a real `<form>`,
//! and the value the form submits. The loader (widget/js) is not involved: these tests build the
//! host element themselves, the way the loader does.

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect, JSON};
use shared::model::{from_json, ShippingOption};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, FormData, HtmlElement, HtmlFormElement, HtmlInputElement, ShadowRoot};
use widget::read::{read_options, read_points};
use widget::DeliveryOptionsElement;

wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE: &str = include_str!("fixtures/answer.json");
const NBSP: &str = "\u{a0}";

/// A host element inside a `<form>`, its shadow root, and the widget running in it.
struct Mounted {
    form: HtmlFormElement,
    host: HtmlElement,
    shadow: ShadowRoot,
    element: DeliveryOptionsElement,
    /// The JSON of every `change` event's detail, in order.
    changes: Rc<RefCell<Vec<String>>>,
    _listener: Closure<dyn FnMut(web_sys::Event)>,
}

/// Defines a form-associated custom element once: the same shape the loader defines.
fn define_host_element() {
    let define = Function::new_no_args(
        "if (!customElements.get('test-delivery-options')) {
           customElements.define('test-delivery-options', class extends HTMLElement {
             static formAssociated = true;
             constructor() { super(); this.internals = this.attachInternals(); this.attachShadow({ mode: 'open' }); }
           });
         }",
    );
    define.call0(&JsValue::NULL).unwrap();
}

fn mount(attributes: &[(&str, &str)]) -> Mounted {
    define_host_element();
    let document = web_sys::window().unwrap().document().unwrap();
    let form: HtmlFormElement = document.create_element("form").unwrap().unchecked_into();
    let host: HtmlElement = document
        .create_element("test-delivery-options")
        .unwrap()
        .unchecked_into();
    host.set_attribute("name", "shipping").unwrap();
    for (name, value) in attributes {
        host.set_attribute(name, value).unwrap();
    }
    form.append_child(&host).unwrap();
    document.body().unwrap().append_child(&form).unwrap();
    let shadow = host.shadow_root().unwrap();
    let container = document.create_element("div").unwrap();
    shadow.append_child(&container).unwrap();
    let internals = Reflect::get(&host, &"internals".into()).unwrap();
    let element = DeliveryOptionsElement::new(
        host.clone(),
        container,
        internals,
        "http://127.0.0.1:9".into(),
    )
    .unwrap();
    let changes = Rc::new(RefCell::new(Vec::new()));
    let seen = changes.clone();
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let detail = Reflect::get(&event, &"detail".into()).unwrap();
        seen.borrow_mut()
            .push(JSON::stringify(&detail).unwrap().as_string().unwrap());
    });
    host.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref())
        .unwrap();
    Mounted {
        form,
        host,
        shadow,
        element,
        changes,
        _listener: listener,
    }
}

fn mount_with_fixture() -> Mounted {
    let mounted = mount(&[("locale", "nb")]);
    let answer = JSON::parse(FIXTURE).unwrap();
    assert_eq!(
        mounted.element.show_answer(answer).unwrap(),
        6,
        "the broken option is left out"
    );
    mounted
}

impl Mounted {
    fn texts(&self, selector: &str) -> Vec<String> {
        let list = self.shadow.query_selector_all(selector).unwrap();
        (0..list.length())
            .map(|i| list.get(i).unwrap().text_content().unwrap_or_default())
            .collect()
    }

    fn one(&self, selector: &str) -> Element {
        self.shadow
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("nothing matches {selector}"))
    }

    fn input(&self, selector: &str) -> HtmlInputElement {
        self.one(selector).unchecked_into()
    }

    fn choose_option(&self, id: &str) {
        self.input(&format!("input[name=\"option\"][value=\"{id}\"]"))
            .click();
    }

    /// What the form would submit under `shipping`, as a server would read it.
    fn submitted(&self) -> Option<String> {
        FormData::new_with_form(&self.form)
            .unwrap()
            .get("shipping")
            .as_string()
    }
}

fn nbsp(text: &str) -> String {
    text.replace(' ', NBSP)
}

#[wasm_bindgen_test]
fn options_are_grouped_under_the_headings_shoppers_use() {
    let mounted = mount_with_fixture();
    assert_eq!(
        mounted.texts(".group-heading"),
        [
            "Hjemlevering",
            "Hentested",
            "Pakkeautomat",
            "Postkasse",
            "Ekspress"
        ]
    );
    assert_eq!(mounted.texts("legend.legend")[0], "Velg leveringsmåte");
    // Within a heading, the edge's order; an option without `group` goes by its KSS type.
    let names_by_group: Vec<Vec<String>> = {
        let groups = mounted.shadow.query_selector_all(".group").unwrap();
        (0..groups.length())
            .map(|i| {
                let group: Element = groups.get(i).unwrap().unchecked_into();
                let names = group.query_selector_all(".name").unwrap();
                (0..names.length())
                    .map(|k| names.get(k).unwrap().text_content().unwrap())
                    .collect()
            })
            .collect()
    };
    assert_eq!(
        names_by_group,
        [
            vec!["Levert hjem"],
            vec!["Hentested", "PostNord MyPack Collect"],
            vec!["PostNord Pakkeboks"],
            vec!["Varebrev i postkassen"],
            vec!["Ekspress neste dag"],
        ]
    );
}

#[wasm_bindgen_test]
fn prices_sentences_and_texts_read_exactly() {
    let mounted = mount_with_fixture();
    let prices: Vec<String> = ["149 kr", "69 kr", "49,50 kr", "Gratis", "59 kr", "249 kr"]
        .iter()
        .map(|p| nbsp(p))
        .collect();
    assert_eq!(mounted.texts(".price"), prices);
    assert_eq!(
        mounted.texts(".free-above"),
        ["Gratis fra 1\u{a0}000\u{a0}kr"]
    );
    assert_eq!(
        mounted.texts(".delivery-time"),
        [
            "Leveres tirsdag 3. mars, kl. 17:00–21:00",
            "Leveres i morgen, hvis du bestiller før kl. 15:00",
            "Leveres i morgen",
            // The option the edge sent without a `delivery_time_text` shows no sentence: the
            // widget shows the edge's words (rendered by `shared`) and makes up none of its own.
            "Leveres i morgen før kl. 09:00",
        ]
    );
    assert_eq!(
        mounted.texts(".description"),
        [
            "Levert på døren på kvelden",
            "Hent pakken på et hentested i nærheten",
            "Leveres i postkassen <img src=x onerror=alert(1)>",
        ]
    );
    assert_eq!(
        mounted.texts(".environmental-tag"),
        [
            "Levert med elektrisk bil",
            "Pakken leveres med fossilfritt drivstoff fra terminalen til hentestedet",
        ]
    );
    assert_eq!(mounted.texts(".help-summary"), ["Mer om alternativet"]);
    // Badges as the edge sent them, in words; "quietest" has no words in this version.
    assert_eq!(mounted.texts(".badge"), ["Mest klimavennlig", "Raskest"]);
    let badges = mounted.shadow.query_selector_all(".badge").unwrap();
    let parts: Vec<String> = (0..badges.length())
        .map(|i| {
            let badge: Element = badges.get(i).unwrap().unchecked_into();
            badge.get_attribute("part").unwrap()
        })
        .collect();
    assert_eq!(parts, ["badge badge-greenest", "badge badge-fastest"]);
    // Inside the radio's label, so they are part of what a screen reader announces.
    let label = mounted
        .input("input[value=\"bring-express\"]")
        .closest("label")
        .unwrap()
        .unwrap();
    assert!(label.text_content().unwrap().contains("Raskest"));
    // Logos carry the carrier's name; the environmental image is decorative next to its text.
    let logos = mounted.shadow.query_selector_all("img.logo").unwrap();
    let alts: Vec<String> = (0..logos.length())
        .map(|i| {
            let logo: Element = logos.get(i).unwrap().unchecked_into();
            logo.get_attribute("alt").unwrap()
        })
        .collect();
    assert_eq!(alts, ["Bring", "Bring", "PostNord"]);
    let radio = mounted.input("input[value=\"bring-5800\"]");
    let described = radio.get_attribute("aria-describedby").unwrap();
    assert_eq!(
        mounted
            .one(&format!("#{described}"))
            .text_content()
            .unwrap(),
        "Pakken leveres med fossilfritt drivstoff fra terminalen til hentestedet"
    );
}

#[wasm_bindgen_test]
async fn carrier_markup_is_shown_as_text_and_never_parsed() {
    let mounted = mount_with_fixture();
    // The help text is built when its details are first opened.
    assert!(mounted.texts(".help-text").is_empty());
    let help: HtmlElement = mounted.one("details.help").unchecked_into();
    let opened = next_event(&help, "toggle");
    mounted
        .one(".help-summary")
        .unchecked_into::<HtmlElement>()
        .click();
    JsFuture::from(opened).await.unwrap();
    let images = mounted.shadow.query_selector_all("img").unwrap();
    let sources: Vec<String> = (0..images.length())
        .map(|i| {
            let image: Element = images.get(i).unwrap().unchecked_into();
            image.get_attribute("src").unwrap()
        })
        .collect();
    assert_eq!(
        sources,
        [
            "https://example.test/logos/bring.svg",
            "https://example.test/logos/bring.svg",
            "https://example.test/env/fossil-free.svg",
            "https://example.test/logos/postnord.svg",
        ],
        "only logos and the environmental tag are images; no <img src=x> was created"
    );
    assert_eq!(
        mounted.texts(".help-text"),
        ["Du får SMS når pakken er klar. Ta med legitimasjon. <img src=x onerror=alert(1)>"]
    );
}

#[wasm_bindgen_test]
fn nothing_is_chosen_at_first_and_required_blocks_the_form() {
    let mounted = mount(&[("locale", "nb"), ("required", "")]);
    mounted
        .element
        .show_answer(JSON::parse(FIXTURE).unwrap())
        .unwrap();
    assert_eq!(mounted.submitted(), None);
    assert!(!mounted.form.check_validity());
    let message = Reflect::get(
        &Reflect::get(&mounted.host, &"internals".into()).unwrap(),
        &"validationMessage".into(),
    )
    .unwrap();
    assert_eq!(message.as_string().unwrap(), "Velg en leveringsmåte.");
    mounted.choose_option("bring-express");
    assert!(mounted.form.check_validity());
}

#[wasm_bindgen_test]
fn a_pickup_option_starts_at_the_nearest_point() {
    let mounted = mount_with_fixture();
    let extras = mounted.one(".option[data-i=\"1\"] .extras");
    assert!(
        extras.has_attribute("hidden"),
        "a pickup list shows only once its option is chosen"
    );
    assert!(
        mounted.texts(".pickup-name").is_empty(),
        "a pickup list is rendered only once its option is chosen"
    );

    mounted.choose_option("bring-5800");
    assert!(!extras.has_attribute("hidden"));
    assert_eq!(
        mounted.texts(".pickup-name")[..3],
        ["Posten Storgata", "Coop Extra Grünerløkka", "Kiwi Tøyen"],
        "nearest first"
    );
    assert_eq!(
        mounted.texts(".pickup-distance")[..3],
        [
            nbsp("350 m").to_string() + " unna",
            nbsp("1,2 km") + " unna",
            nbsp("2,4 km") + " unna"
        ]
    );
    assert_eq!(
        mounted.texts(".pickup-hours")[..3],
        [
            "Åpent i dag 08:00–22:00",
            "Åpent i dag 07:00–22:00",
            "Stengt i dag"
        ]
    );
    assert_eq!(mounted.texts(".pickup-price"), [nbsp("79 kr")]);
    let expected = r#"{"option_id":"bring-5800","carrier":"bring","price":6900,"currency":"NOK","pickup_point_id":"bring-pp-350","addons":[],"timeslot_id":null}"#;
    assert_eq!(mounted.submitted().as_deref(), Some(expected));
    assert_eq!(
        mounted.changes.borrow().last().map(String::as_str),
        Some(expected)
    );
    let chosen = mounted.one(".option.selected");
    assert_eq!(
        chosen.get_attribute("part").as_deref(),
        Some("option option-selected selected")
    );
    assert_eq!(
        mounted.one(".status").text_content().as_deref(),
        Some("Valgt: Hentested, 69\u{a0}kr")
    );

    // A place with its own price changes the price.
    mounted.input("input[value=\"bring-pp-2400\"]").click();
    assert_eq!(
        mounted.submitted().as_deref(),
        Some(
            r#"{"option_id":"bring-5800","carrier":"bring","price":7900,"currency":"NOK","pickup_point_id":"bring-pp-2400","addons":[],"timeslot_id":null}"#
        )
    );
}

#[wasm_bindgen_test]
fn switching_to_home_delivery_clears_the_point() {
    let mounted = mount_with_fixture();
    mounted.choose_option("bring-5800");
    mounted.input("input[value=\"bring-pp-1200\"]").click();
    mounted.choose_option("bring-5600");
    let home = r#"{"option_id":"bring-5600","carrier":"bring","price":14900,"currency":"NOK","pickup_point_id":null,"addons":[],"timeslot_id":"ts-evening"}"#;
    assert_eq!(mounted.submitted().as_deref(), Some(home));
    assert!(mounted
        .one(".option[data-i=\"1\"] .extras")
        .has_attribute("hidden"));
    assert_eq!(
        mounted
            .shadow
            .query_selector_all(".pickup-point input:checked")
            .unwrap()
            .length(),
        0
    );
    // Back to the pickup option: the nearest point again, not the one left behind.
    mounted.choose_option("bring-5800");
    assert!(mounted
        .submitted()
        .unwrap()
        .contains(r#""pickup_point_id":"bring-pp-350""#));
    assert_eq!(mounted.changes.borrow().len(), 4);
}

#[wasm_bindgen_test]
fn addons_and_timeslots_go_into_the_value() {
    let mounted = mount_with_fixture();
    mounted.choose_option("bring-5600");
    assert_eq!(
        mounted.texts(".timeslot-window"),
        ["3.3. 17:00–21:00", "4.3. 08:00–16:00"]
    );
    assert_eq!(
        mounted.texts(".addon-label"),
        ["Beskjed til sjåføren (f.eks. dørkode)", "Varsling på SMS"]
    );
    let door_code = mounted.input("input[data-addon=\"door_code\"]");
    assert_eq!(door_code.get_attribute("maxlength").as_deref(), Some("10"));
    door_code.set_value("1234B");
    door_code
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    mounted.input("input[data-addon=\"sms\"]").click();
    mounted.input("input[value=\"ts-day\"]").click();
    let expected = r#"{"option_id":"bring-5600","carrier":"bring","price":18800,"currency":"NOK","pickup_point_id":null,"addons":[{"id":"door_code","value":"1234B"},{"id":"sms","value":true}],"timeslot_id":"ts-day"}"#;
    assert_eq!(mounted.submitted().as_deref(), Some(expected));
    assert_eq!(
        mounted.changes.borrow().last().map(String::as_str),
        Some(expected)
    );
    let value = JSON::stringify(&mounted.element.value()).unwrap();
    assert_eq!(
        value.as_string().as_deref(),
        Some(expected),
        "the value property"
    );
}

#[wasm_bindgen_test]
fn the_cart_reaching_free_above_makes_the_option_free() {
    let mounted = mount_with_fixture();
    let cart = JSON::parse(r#"{"parcels":[{"weight_grams":800}],"order_value":120000}"#).unwrap();
    mounted.element.set_cart(cart);
    mounted.element.disconnected(); // stop the debounced request; the answer is given below
    mounted
        .element
        .show_answer(JSON::parse(FIXTURE).unwrap())
        .unwrap();
    assert_eq!(mounted.texts(".price")[0], "Gratis");
    assert!(mounted.texts(".free-above").is_empty());
}

#[wasm_bindgen_test]
fn the_reader_reads_the_fixture_as_shareds_model_does() {
    #[derive(serde::Deserialize)]
    struct Answer {
        options: Vec<serde_json::Value>,
    }
    let answer: Answer = from_json(FIXTURE).unwrap();
    // The option the reader leaves out is the one serde refuses. Delivery times are not read
    // (the edge sends their sentences), so they are the only fields that differ.
    let expected: Vec<ShippingOption> = answer
        .options
        .into_iter()
        .filter_map(|value| serde_json::from_value::<ShippingOption>(value).ok())
        .map(|mut option| {
            option.delivery_time = None;
            for location in option.locations.iter_mut().flatten() {
                location.delivery_time = None;
            }
            option
        })
        .collect();
    assert!(
        expected.iter().any(|option| option.locations.is_some()),
        "the fixture has pickup points to compare"
    );
    let answer = JSON::parse(FIXTURE).unwrap();
    let mut unread_points = Vec::new();
    let options = read_options(&answer, &mut unread_points);
    assert_eq!(unread_points.len(), options.len());
    let read: Vec<ShippingOption> = options
        .into_iter()
        .zip(unread_points)
        .map(|(mut option, unread)| {
            if let Some(points) = unread {
                assert_eq!(option.locations, None, "points are read once, when chosen");
                option.locations = Some(read_points(&points));
            }
            option
        })
        .collect();
    assert_eq!(read, expected);
}

#[wasm_bindgen_test]
async fn a_failed_request_shows_the_error_with_retry() {
    // Port 9 (discard) refuses the connection at once.
    let mounted = mount(&[("locale", "nb"), ("country", "NO"), ("postal-code", "0150")]);
    let error = next_event(&mounted.host, "error");
    mounted.element.connected();
    let detail = JsFuture::from(error).await.unwrap();
    let message = Reflect::get(&detail, &"message".into()).unwrap();
    assert!(!message.as_string().unwrap().is_empty());
    assert_eq!(
        mounted.texts(".error-message"),
        ["Kunne ikke hente leveringsmåter."]
    );
    assert_eq!(mounted.texts(".retry"), ["Prøv igjen"]);
    assert_eq!(
        mounted.one(".retry").get_attribute("part").as_deref(),
        Some("retry")
    );
    assert_eq!(
        mounted.one(".status").text_content().as_deref(),
        Some("Kunne ikke hente leveringsmåter.")
    );
}

#[wasm_bindgen_test]
async fn without_an_address_it_asks_for_one() {
    let mounted = mount(&[("locale", "sv")]);
    mounted.element.connected();
    assert_eq!(
        mounted.texts(".message"),
        ["Ange ditt postnummer för att se leveranssätt."]
    );
}

#[wasm_bindgen_test]
async fn a_late_answer_never_overwrites_a_newer_one() {
    // A fetch that answers 0001 slowly and everything else at once, and ignores the abort
    // signal: the sequence number alone must drop the late answer.
    let requests = install_fake_fetch();
    let mounted = mount(&[("locale", "en"), ("country", "NO"), ("postal-code", "0001")]);
    mounted.element.connected();
    mounted.host.set_attribute("postal-code", "0002").unwrap();
    mounted.element.refresh();
    let load = next_event(&mounted.host, "load");
    JsFuture::from(load).await.unwrap();
    sleep(400).await;
    assert_eq!(mounted.texts(".name"), ["Home 0002"]);
    assert_eq!(requests(), ["0001", "0002"]);

    // Three attribute changes within the debounce time: one request.
    for code in ["0003", "0004", "0005"] {
        mounted.host.set_attribute("postal-code", code).unwrap();
        mounted.element.attribute_changed("postal-code");
    }
    sleep(400).await;
    assert_eq!(requests(), ["0001", "0002", "0005"]);
    assert_eq!(mounted.texts(".name"), ["Home 0005"]);
    restore_fetch();
}

/// A promise of the `detail` of the next `kind` event on `target`.
fn next_event(target: &HtmlElement, kind: &str) -> Promise {
    let target = target.clone();
    let kind = kind.to_owned();
    Promise::new(&mut |resolve, _reject| {
        let once = web_sys::AddEventListenerOptions::new();
        once.set_once(true);
        let handler = Closure::once_into_js(move |event: web_sys::CustomEvent| {
            resolve.call1(&JsValue::NULL, &event.detail()).unwrap();
        });
        target
            .add_event_listener_with_callback_and_add_event_listener_options(
                &kind,
                handler.unchecked_ref(),
                &once,
            )
            .unwrap();
    })
}

async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Replaces `window.fetch`; returns a function listing the postal codes asked for so far.
fn install_fake_fetch() -> impl Fn() -> Vec<String> {
    Function::new_no_args(
        "window.__realFetch ??= window.fetch;
         window.__asked = [];
         window.fetch = (url, init) => {
           const code = JSON.parse(init.body).recipient.postal_code;
           window.__asked.push(code);
           const answer = { options: [{ id: 'home-' + code, name: 'Home ' + code, carrier: 'bring',
             type: 'delivery-address', price: 4900, tax_rate: 2500, currency: 'NOK', group: 'home' }], warnings: [] };
           return new Promise((resolve) => setTimeout(() => resolve(new Response(JSON.stringify(answer),
             { headers: { 'content-type': 'application/json' } })), code === '0001' ? 250 : 5));
         };",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    || {
        let asked = Reflect::get(&web_sys::window().unwrap(), &"__asked".into()).unwrap();
        js_sys::Array::from(&asked)
            .iter()
            .map(|code| code.as_string().unwrap())
            .collect()
    }
}

fn restore_fetch() {
    Function::new_no_args("window.fetch = window.__realFetch;")
        .call0(&JsValue::NULL)
        .unwrap();
}
