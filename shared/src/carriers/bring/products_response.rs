//! Bring's Shipping Guide answer as our options.
//!
//! Each product becomes one [`ShippingOption`] or, when it cannot be offered, a warning that says
//! which service and why; the other products are still offered ("ShippingGuide will never remove
//! services from the request … It will either return the requested data or a service level error
//! code", v2 response schema).

use chrono::{DateTime, Utc};

use super::delivery_time::{alternative_dates, delivery_time};
use super::failure::error_detail;
use super::shipping_date::{shipping_plan, ShippingPlan};
use super::wire::{
    GuiInformation, Lenient, Notice, Price, Product, ProductsResponse, Text, TransportLeg,
};
use super::{BringConfig, CARRIER};
use crate::carriers::read::{read_answer, read_value};
use crate::carriers::{
    decimal_to_minor_units, CarrierAnswer, CarrierFailure, Warning, WarningCode,
};
use crate::model::{
    Currency, DeliveryGroup, EnvironmentalData, MinorUnits, ServiceTexts, ShippingOption, TaxRate,
};
use crate::quote::{Country, Quote};

/// Turns Bring's answer to [`products_request`](super::products_request) into options, sorted as
/// Bring's `sortOrder` says and then by price.
///
/// `now` is the instant the request was built for: it decides the cutoff shown with each
/// delivery time and how working days count.
pub fn parse_products(
    status: u16,
    content_type: Option<&str>,
    body: &str,
    quote: &Quote,
    config: &BringConfig,
    now: DateTime<Utc>,
) -> Result<CarrierAnswer, CarrierFailure> {
    let response: ProductsResponse = read_answer(status, content_type, body, error_detail)?;
    let context = Context {
        quote,
        config,
        now,
        plan: shipping_plan(config, now),
    };
    let mut answer = CarrierAnswer::default();
    let traces: Vec<String> = response
        .trace_messages
        .iter()
        .map(|message| match message {
            serde_json::Value::String(text) => text.clone(),
            other => other.to_string(),
        })
        .filter(|text| !text.trim().is_empty())
        .collect();
    if !traces.is_empty() {
        // Trace messages describe how Bring read our request (an additional service it ignored,
        // errors-warnings.md), so their words go to the operator; the shop learns they exist.
        answer.warnings.push(warning(
            WarningCode::CarrierNotice,
            format!(
                "bring sent {} trace message(s) about our request; they are in the edge's log",
                traces.len()
            ),
        ));
        answer.operator_notes.extend(
            traces
                .iter()
                .map(|text| format!("bring trace message: {text}")),
        );
    }
    // Every product as Bring sent it, by our id of it: an option, or why it is not offered.
    let mut read: Vec<ReadProduct> = Vec::new();
    for raw in response.consignments.into_iter().flat_map(|c| c.products) {
        let mut product: Product = match read_value(&raw) {
            Some(product) => product,
            None => {
                // The warning names the product by its id when that is a string; serde's own
                // message is not used, as it may quote the body.
                let raw_id = read_value::<ProductId>(&raw).and_then(|product| product.id);
                let which =
                    raw_id.map_or_else(|| "a product".to_owned(), |id| format!("product {id}"));
                answer.warnings.push(warning(
                    WarningCode::MalformedResponse,
                    format!("bring answered {which} in a shape we cannot read; it is left out"),
                ));
                continue;
            }
        };
        let sent_as = product.id.as_str().to_owned();
        let id = current_product_id(&sent_as).to_owned();
        product.id = Text(id.clone());
        for notice in &product.warnings {
            answer.warnings.push(warning(
                WarningCode::CarrierNotice,
                format!("bring product {sent_as}: {}", notice_text(notice)),
            ));
        }
        for error in &product.errors {
            if let Some(user_message) = non_empty(&error.user_message) {
                answer.operator_notes.push(format!(
                    "bring product {sent_as}, error {}: userMessage {user_message}",
                    error.code.as_ref().map_or("", |code| code.as_str())
                ));
            }
        }
        let result = context
            .option(&product, &mut answer.warnings)
            .map(|option| (sort_order(product.gui_information.as_ref()), option))
            .map_err(|(code, reason)| {
                warning(
                    code,
                    format!("bring product {sent_as} is left out: {reason}"),
                )
            });
        read.push((id, sent_as, result));
    }
    // A product Bring answers twice (under its current and its legacy id, or once priced and
    // once refused) is offered once, as its first priced copy; a refusal of a copy is not passed
    // on when another copy is offered, as it would contradict the option the shopper sees.
    let mut offered: Vec<(u32, ShippingOption)> = Vec::new();
    let mut offered_as: Vec<(String, String)> = Vec::new();
    for (index, (id, sent_as, result)) in read.iter().enumerate() {
        match result {
            Ok(option) => match offered_as.iter().find(|(known, _)| known == id) {
                Some((_, first)) => answer.warnings.push(warning(
                    WarningCode::CarrierNotice,
                    format!(
                        "bring answered product {id} twice (as {first} and as {sent_as}); the first is offered"
                    ),
                )),
                None => {
                    offered_as.push((id.clone(), sent_as.clone()));
                    offered.push(option.clone());
                }
            },
            Err(refusal) => {
                let priced_elsewhere = read
                    .iter()
                    .enumerate()
                    .any(|(other, (known, _, result))| other != index && known == id && result.is_ok());
                if !priced_elsewhere {
                    answer.warnings.push(refusal.clone());
                }
            }
        }
    }
    // Stable: equal keys keep Bring's order.
    crate::sort::sort_by(&mut offered, |(a, x), (b, y)| {
        (a, x.price).cmp(&(b, y.price))
    });
    answer.options = offered.into_iter().map(|(_, option)| option).collect();
    Ok(answer)
}

/// The current, numeric id of a product Bring may still answer under its older name:
/// `SERVICEPAKKE` is 5800 Pakke til hentested and `PA_DOREN` (`PÅ_DOREN`) is 5600 Pakke levert
/// hjem. The references name them as pairs of one service: "Servicepakke (SERVICEPAKKE) and
/// Pakke til hentested (5800)" (shipping-guide_2_lead-time_eta-domestic.md), "For 5800 Pakke til
/// hentested and Servicepakke" and "When requesting 5600 or PÅ_DOREN"
/// (bring-shipping-guide-updates-and-v2-request.txt). One id per service keeps one option per
/// service, and the id KSS sends back is the one the shop configured.
fn current_product_id(id: &str) -> &str {
    match id.trim().to_ascii_uppercase().as_str() {
        "SERVICEPAKKE" => "5800",
        "PA_DOREN" | "PÅ_DOREN" => "5600",
        _ => id,
    }
}

/// One product as Bring sent it: our id of it, the id Bring sent, and its option (with its sort
/// key) or the warning why it is not offered.
type ReadProduct = (String, String, Result<(u32, ShippingOption), Warning>);

/// Why a product is not offered: the warning code and a sentence.
type Refusal = (WarningCode, String);

struct Context<'a> {
    quote: &'a Quote,
    config: &'a BringConfig,
    now: DateTime<Utc>,
    /// When the parcel leaves the shop: the same for every product of the answer.
    plan: ShippingPlan,
}

impl Context<'_> {
    fn option(
        &self,
        product: &Product,
        warnings: &mut Vec<Warning>,
    ) -> Result<ShippingOption, Refusal> {
        if !product.errors.is_empty() {
            let errors: Vec<String> = product.errors.iter().map(notice_text).collect();
            return Err((WarningCode::ServiceUnavailable, errors.join("; ")));
        }
        let id = product.id.as_str();
        let no_gui = GuiInformation::default();
        let gui = product.gui_information.as_ref().unwrap_or(&no_gui);
        let price = self.price(id, product.price.as_ref(), warnings)?;
        let group = delivery_group(
            id,
            gui.delivery_type.as_deref(),
            gui.main_display_category.as_deref(),
        );
        let recipient = self.quote.recipient.country;

        let name = non_empty(&gui.display_name)
            .or_else(|| non_empty(&gui.product_name))
            .unwrap_or(id);
        let mut option = ShippingOption::new(
            format!("{CARRIER}-{id}"),
            name,
            CARRIER,
            group.shipping_type(),
            price.amount,
            price.tax_rate,
        );
        option.class = Some(group.class());
        option.group = Some(group);
        option.currency = Some(price.currency);
        // The parts that do not read: each is left out, and the product is still offered.
        let mut unread: Vec<String> = Vec::new();
        match &product.expected_delivery {
            Some(Lenient::Read(expected)) => {
                let shipping_type = &option.r#type;
                option.delivery_time = delivery_time(
                    expected,
                    recipient,
                    shipping_type,
                    &self.plan,
                    self.now,
                    &mut unread,
                );
                option.alternative_delivery_dates = alternative_dates(
                    expected,
                    recipient,
                    shipping_type,
                    option.delivery_time.as_ref(),
                    &mut unread,
                );
                // Bring's own words on an inaccurate lead time. KSS has no field for them and
                // the widget shows no carrier note, so the shop reads them as a notice; they
                // stay text, as every carrier text.
                if let Some(text) = expected.user_message.as_ref().map(Text::as_str) {
                    if !text.is_empty() {
                        warnings.push(warning(
                            WarningCode::CarrierNotice,
                            format!(
                                "bring product {id}: Bring's note on its delivery time: {text}"
                            ),
                        ));
                    }
                }
            }
            Some(Lenient::Unreadable) => {
                unread.push("expectedDelivery does not read; it is left out".to_owned())
            }
            None => {}
        }
        option.service_texts = service_texts(gui);
        option.logo_url = Some(self.logo_url(gui));
        option.environmental = environmental(gui, product.environmental_data.as_ref(), &mut unread);
        warnings.extend(unread.into_iter().map(|what| {
            warning(
                WarningCode::MalformedResponse,
                format!("bring product {id}: {what}"),
            )
        }));
        Ok(option)
    }

    /// The price shown: net or list as configured, with VAT (`amountWithVAT`), of the service
    /// alone (`priceWithoutAdditionalServices`: we ask for no additional services).
    fn price(
        &self,
        id: &str,
        price: Option<&Price>,
        warnings: &mut Vec<Warning>,
    ) -> Result<PriceWithTax, Refusal> {
        let unavailable = |reason: &str| (WarningCode::ServiceUnavailable, reason.to_owned());
        let price = price.ok_or_else(|| unavailable("Bring gave no price"))?;
        let list = price.list_price.as_ref();
        let set = match (self.config.use_net_price, price.net_price.as_ref()) {
            (true, Some(net)) => {
                if net.net_price_failed == Some(true) {
                    warnings.push(warning(
                        WarningCode::CarrierNotice,
                        format!("bring product {id}: Bring could not compute the net price; the price shown may be the list price"),
                    ));
                }
                net
            }
            (true, None) => {
                warnings.push(warning(
                    WarningCode::CarrierNotice,
                    format!("bring product {id}: Bring gave no net price (is customer_number set?); the list price is shown"),
                ));
                list.ok_or_else(|| unavailable("Bring gave no price"))?
            }
            (false, _) => list.ok_or_else(|| unavailable("Bring gave no list price"))?,
        };
        // We ask for no additional services, so the price with them is the service's own: an
        // answer that gives only that one is priced by it.
        let amounts = set
            .price_without_additional_services
            .as_ref()
            .or(set.price_with_additional_services.as_ref())
            .ok_or_else(|| unavailable("Bring gave no price for the service"))?;
        let malformed = |field: &str, value: &str| {
            (
                WarningCode::MalformedResponse,
                format!("{field} {value:?} is not an amount"),
            )
        };
        let minor = |field: &str, value: &str| {
            decimal_to_minor_units(value).ok_or_else(|| malformed(field, value))
        };
        let amount = minor("amountWithVAT", amounts.amount_with_vat.as_str())?;
        let without_vat = minor("amountWithoutVAT", amounts.amount_without_vat.as_str())?;
        let vat = minor("vat", amounts.vat.as_str())?;
        let code = set.currency_code.as_deref().unwrap_or("");
        let currency: Currency = code.parse().map_err(|_| {
            (
                WarningCode::MalformedResponse,
                format!("currencyCode {code:?} is not a currency"),
            )
        })?;
        // Klarna charges the option in the session's currency; a price in another one would be
        // charged as if it were that currency, so it is not offered at all.
        if currency != self.quote.currency {
            return Err(unavailable(&format!(
                "Bring prices it in {currency}, but the checkout is in {}",
                self.quote.currency
            )));
        }
        Ok(PriceWithTax {
            amount,
            currency,
            tax_rate: tax_rate(vat, without_vat),
        })
    }

    /// Bring's own `logoUrl` when it gives one. Otherwise the logo Bring names (`logo`), and
    /// failing that the checkout guides' rule: "For shipments going to consumers in Norway, use
    /// the Posten logo. For shipments going to consumers in any other country, use the Bring
    /// logo" (bring-examples/checkout-guide-*.json, "Logo").
    fn logo_url(&self, gui: &GuiInformation) -> String {
        if let Some(url) = non_empty(&gui.logo_url) {
            return url.to_owned();
        }
        let posten = match gui.logo.as_deref().map(str::trim) {
            Some(logo) if logo.eq_ignore_ascii_case("POSTEN") => true,
            Some(logo) if logo.eq_ignore_ascii_case("BRING") => false,
            _ => self.quote.recipient.country == Country::No,
        };
        if posten {
            self.config.posten_logo_url.clone()
        } else {
            self.config.bring_logo_url.clone()
        }
    }
}

struct PriceWithTax {
    amount: MinorUnits,
    currency: Currency,
    tax_rate: TaxRate,
}

/// Bring's `deliveryType` of a pickup service in each `language` we ask in (`NO`, `SE`, `DK`,
/// `EN`): `Hentested` is callingsg.md's; the others are the same word in the language asked for,
/// as the sandbox answers them, so that a shopper asking in Swedish, Danish or English gets an
/// unlisted pickup service as one too.
const PICKUP_WORDS: [&str; 5] = [
    "hentested",
    "utlämningsställe",
    "udleveringssted",
    "pickup point",
    "pick-up point",
];

/// Bring's `mainDisplayCategory` of an express service, by `language` (`Ekspress` in Norwegian
/// and Danish spelling, `Express`).
const EXPRESS_HEADINGS: [&str; 3] = ["ekspress", "express", "ekspres"];

/// The heading a product belongs under; its KSS `type` and `class` follow from it.
///
/// By product id, from Bring's service lists (environmentaldata.md, eta-domestic.md, the v2
/// schema's `ClosestPickupPoint`, the 2025–2026 updates). An id not listed is a pickup service
/// when Bring's `deliveryType` says `Hentested` (callingsg.md; [`PICKUP_WORDS`] in the other
/// languages), an express one when its `mainDisplayCategory` is Bring's express heading, else a
/// delivery to the door.
///
/// Bring's pickup services deliver to staffed points and to lockers alike (the shopper picks
/// among both in the Pickup Point API), so they are `pickup`. Only a product whose own
/// `deliveryType` names a locker is `locker`: no service in the references does, and a locker
/// claimed for a service that may end at a counter would mislead the shopper.
fn delivery_group(
    product_id: &str,
    delivery_type: Option<&str>,
    main_category: Option<&str>,
) -> DeliveryGroup {
    let id = product_id.trim().to_ascii_uppercase();
    let main_category = main_category
        .map(|c| crate::case::lowercase(c.trim()))
        .unwrap_or_default();
    let delivery_type = delivery_type
        .map(|t| crate::case::lowercase(t.trim()))
        .unwrap_or_default();
    // Bring's and Posten's words for a locker, in the languages of its guides.
    let names_locker = [
        "locker",
        "pakkeboks",
        "pakkeautomat",
        "paketbox",
        "paketskåp",
    ]
    .iter()
    .any(|word| delivery_type.contains(word));
    let pickup = || {
        if names_locker {
            DeliveryGroup::Locker
        } else {
            DeliveryGroup::Pickup
        }
    };
    match id.as_str() {
        // Pakke til hentested, Servicepakke, Pickup Parcel (+ Bulk), and the third service the
        // schema lists for ClosestPickupPoint.
        "5800" | "SERVICEPAKKE" | "0340" | "0342" | "3067" => pickup(),
        // Pakke i postkassen (+ RFID), Home Delivery Mailbox.
        "3584" | "3570" | "0345" => DeliveryGroup::Mailbox,
        // Express Nordic 09:00 Bulk, and Bring's named express and courier services.
        "0334" => DeliveryGroup::Express,
        _ if id.starts_with("EXPRESS") || id.starts_with("COURIER") => DeliveryGroup::Express,
        _ if names_locker || PICKUP_WORDS.contains(&delivery_type.as_str()) => pickup(),
        // An unlisted service under Bring's express heading, such as 4850.
        _ if EXPRESS_HEADINGS.contains(&main_category.as_str()) => DeliveryGroup::Express,
        _ => DeliveryGroup::Home,
    }
}

/// KSS `tax_rate` in hundredths of a percent, rounded half up: `vat` / `amountWithoutVAT`
/// (187.74 / 750.96 is 2500). A free service carries no tax.
fn tax_rate(vat: MinorUnits, without_vat: MinorUnits) -> TaxRate {
    if without_vat <= 0 || vat <= 0 {
        return 0;
    }
    let rate = (i128::from(vat) * 20_000 + i128::from(without_vat)) / (i128::from(without_vat) * 2);
    TaxRate::try_from(rate).unwrap_or(TaxRate::MAX)
}

/// Bring's texts as received: they are data, set as text by the widget, never as HTML.
fn service_texts(gui: &GuiInformation) -> Option<ServiceTexts> {
    let text = |value: &Option<String>| non_empty(value).map(str::to_owned);
    let texts = ServiceTexts {
        display_name: text(&gui.display_name),
        short_name: text(&gui.short_name),
        description: text(&gui.description_text),
        help_text: text(&gui.help_text),
        delivery_info: None,
    };
    (texts != ServiceTexts::default()).then_some(texts)
}

/// The last-mile leg (the only one Bring fills, environmentaldata.md) and the tag image.
/// `fossilFree` means a share of 1.0; otherwise the electric and bio shares add up. Legs that do
/// not read are left out as a whole; a flag or share that does not read, alone (named in
/// `unread`), and with a share, the sum it is part of.
fn environmental(
    gui: &GuiInformation,
    legs: Option<&Lenient<Vec<TransportLeg>>>,
    unread: &mut Vec<String>,
) -> Option<EnvironmentalData> {
    let legs = match legs {
        Some(Lenient::Read(legs)) => legs.as_slice(),
        Some(Lenient::Unreadable) => {
            unread.push("environmentalData does not read; it is left out".to_owned());
            &[]
        }
        None => &[],
    };
    let index = legs
        .iter()
        .position(|leg| leg.transport_leg.as_deref() == Some("LAST_MILE"))
        .unwrap_or(0);
    let leg = legs.get(index);
    let fossil_free_share = leg.and_then(|leg| {
        let path = format!("environmentalData[{index}]");
        // An empty value is none, as Bring writes a value it does not have.
        match leg.fossil_free.as_ref().map(Text::as_str) {
            Some(flag) if flag.eq_ignore_ascii_case("true") => return Some(1.0),
            Some(flag) if !flag.is_empty() && !flag.eq_ignore_ascii_case("false") => {
                unread.push(format!("{path}.fossilFree does not read; it is left out"));
            }
            _ => {}
        }
        let details = leg.details.as_ref()?;
        let mut share = |name: &str, value: &Option<Text>| match value
            .as_ref()
            .filter(|value| !value.as_str().is_empty())
        {
            None => Some(None),
            Some(value) => value.decimal().map(Some).or_else(|| {
                unread.push(format!(
                    "{path}.details.{name} does not read; the fossil-free share is left out"
                ));
                None
            }),
        };
        match (
            share("electric", &details.electric)?,
            share("bio", &details.bio)?,
        ) {
            (None, None) => None,
            (electric, bio) => Some((electric.unwrap_or(0.0) + bio.unwrap_or(0.0)).clamp(0.0, 1.0)),
        }
    });
    let data = EnvironmentalData {
        tag_image_url: non_empty(&gui.environmental_tag_url)
            .or_else(|| non_empty(&gui.environmental_logo_url))
            .map(str::to_owned),
        long_text: leg
            .and_then(|leg| non_empty(&leg.description))
            .map(str::to_owned),
        fossil_free_share,
    };
    (data != EnvironmentalData::default()).then_some(data)
}

/// Bring's `sortOrder`; products without one come last.
fn sort_order(gui: Option<&GuiInformation>) -> u32 {
    gui.and_then(|gui| gui.sort_order.as_ref())
        .and_then(|order| order.number())
        .unwrap_or(u32::MAX)
}

fn notice_text(notice: &Notice) -> String {
    let code = notice.code.as_ref().map_or("", |code| code.as_str());
    match non_empty(&notice.description) {
        Some(description) if !code.is_empty() => format!("{code} ({description})"),
        Some(description) => description.to_owned(),
        None if !code.is_empty() => code.to_owned(),
        None => "no reason given".to_owned(),
    }
}

fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|v| !v.trim().is_empty())
}

fn warning(code: WarningCode, message: String) -> Warning {
    Warning {
        carrier: CARRIER.to_owned(),
        code,
        message,
    }
}

/// A product's id alone, to name a product that could not be read as a whole; an id that is not
/// a string is no id.
#[derive(serde::Deserialize)]
struct ProductId {
    id: Option<String>,
}
