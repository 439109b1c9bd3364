//! Decides the DOM for values: each render is recorded as a [`Tree`] and written in one call
//! (see `tree.rs` for why). Text always goes in as `textContent` or an attribute, never as HTML:
//! what a carrier or a shop sends is shown to the shopper, never parsed or run.
//!
//! Every piece a shop may restyle carries a `part` (the styling API in the README) and a class of
//! the same name (what the default theme in `widget/css/` selects on).

use chrono::NaiveDate;
use js_sys::Array;
use shared::model::{
    Addon, AddonType, Badge, Currency, DeliveryGroup, Location, MinorUnits, ShippingOption,
    ShippingType, Timeslot,
};
use shared::Locale;
use web_sys::Element;

use crate::format::{
    address_line, format_amount, format_distance, format_price, hours_today_text, timeslot_text,
};
use crate::strings::{self, Text};
use crate::tree::{Place, Tree};
use crate::WidgetError;

/// The radio group name of the options; pickup points and timeslots use `pickup-{i}` and
/// `timeslot-{i}`, where `i` is the option's index in the answer.
pub const OPTION_GROUP: &str = "option";
/// How many pickup points are listed at most (carriers send 7 to 10; the nearest are kept).
pub const MAX_PICKUP_POINTS: usize = 10;

/// What a list is rendered for besides the options themselves.
pub struct ListContext {
    pub locale: Locale,
    /// The currency of an option that names none (the request's).
    pub currency: Currency,
    /// The cart's value, for `free_above`.
    pub order_value: Option<MinorUnits>,
    /// The shopper's date, for "open today".
    pub today: NaiveDate,
    /// Whether the edge answered with its fallback options (warning `fallback`).
    pub fallback: bool,
}

/// Replaces `body`'s content with the options, grouped under headings in a native radio group.
/// `unread_points[i]` holds option `i`'s pickup points not read yet (see
/// `read::read_options`): its list is rendered when it is chosen, like every pickup list.
pub fn render_list(
    body: &Element,
    options: &[ShippingOption],
    unread_points: &[Option<Array>],
    context: &ListContext,
) {
    let locale = context.locale;
    let mut tree = Tree::new();
    if context.fallback {
        tree.text_part("p", "notice", strings::FALLBACK_NOTE.get(locale));
    }
    // When some options have a logo, the theme gives every option a logo column (class `logos`),
    // so names line up: no placeholder element in the options without one.
    let logo_column = options.iter().any(|option| option.logo_url.is_some());
    tree.node(
        "fieldset",
        if logo_column {
            "options logos"
        } else {
            "options"
        },
    )
    .constant("part", "options")
    .text_node("legend", "legend", strings::CHOOSE.get(locale));
    for (group_index, heading) in GROUPS.iter().enumerate() {
        let mut members = (0..options.len())
            .filter(|&i| group_of(&options[i]) == group_index)
            .peekable();
        if members.peek().is_none() {
            continue;
        }
        let heading_id = format!("do-g{group_index}");
        tree.node("div", "group")
            .constant("role", "group")
            .attr("aria-labelledby", &heading_id)
            .part("div", "group-heading")
            .attr("id", &heading_id)
            .text(heading.get(locale))
            .close();
        for i in members {
            let unread = unread_points.get(i).is_some_and(Option::is_some);
            option_tree(&mut tree, i, &options[i], unread, context);
        }
        tree.close();
    }
    tree.close().write(body, Place::Replace);
}

/// Replaces `body`'s content with placeholder rows of the options' height, shown while the first
/// answer is on its way.
pub fn render_skeleton(body: &Element) {
    let mut tree = Tree::new();
    tree.part("div", "skeleton").constant("aria-hidden", "true");
    for _ in 0..3 {
        tree.node("div", "skeleton-row").close();
    }
    tree.close().write(body, Place::Replace);
}

/// Replaces `body`'s content with `message` and a retry button (class `retry`).
pub fn render_error(body: &Element, message: &str, locale: Locale) {
    let mut tree = Tree::new();
    tree.part("div", "error")
        .text_node("p", "error-message", message)
        .part("button", "retry")
        .constant("type", "button")
        .text(strings::RETRY.get(locale))
        .close()
        .close()
        .write(body, Place::Replace);
}

/// Replaces `body`'s content with a sentence, such as "enter your postal code".
pub fn render_message(body: &Element, message: &str) {
    let mut tree = Tree::new();
    tree.text_part("p", "message", message)
        .write(body, Place::Replace);
}

/// An option's locations, nearest first, at most [`MAX_PICKUP_POINTS`]. A place without a
/// distance goes after those with one, in the carrier's order.
pub fn pickup_points(option: &ShippingOption) -> Vec<&Location> {
    let distance = |point: &Location| point.distance_meters.unwrap_or(u32::MAX);
    let mut points: Vec<&Location> = Vec::new();
    // An insertion sort, stable: a handful of places, and the library's sort weighs 3 KB.
    for point in option.locations.iter().flatten() {
        let at = points
            .iter()
            .position(|other| distance(other) > distance(point))
            .unwrap_or(points.len());
        points.insert(at, point);
    }
    points.truncate(MAX_PICKUP_POINTS);
    points
}

/// The name a shopper reads for an option: the carrier's display name when it gave one.
pub fn display_name(option: &ShippingOption) -> &str {
    option
        .service_texts
        .as_ref()
        .and_then(|texts| texts.display_name.as_deref())
        .unwrap_or(&option.name)
}

/// The carrier's name as a brand (`PostNord`), for the logo's alt text.
pub fn carrier_name(carrier: &str) -> String {
    const KNOWN: [(&str, &str); 6] = [
        ("bring", "Bring"),
        ("postnord", "PostNord"),
        ("postplus", "PostPlus"),
        ("dhl", "DHL"),
        ("ups", "UPS"),
        ("gls", "GLS"),
    ];
    if let Some((_, name)) = KNOWN
        .iter()
        .find(|(slug, _)| slug.eq_ignore_ascii_case(carrier))
    {
        return (*name).to_owned();
    }
    // ASCII only: `char::to_uppercase` would ship Unicode's case tables (15 KB) for a slug.
    let mut name = carrier.to_owned();
    if let Some(first) = name.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    name
}

/// The logo's alt text: the brand the logo shows. Bring sends Posten's logo for Norwegian
/// recipients (Posten and Bring are one group; the option's `carrier` stays `bring`), so a logo
/// whose URL names Posten reads "Posten"; every other logo reads the carrier's name.
pub fn logo_alt(option: &ShippingOption, url: &str) -> String {
    // A byte window, ASCII case-insensitive: `str::contains` would ship core's substring searcher
    // (1.5 KB) and `to_lowercase` Unicode's case tables.
    if url
        .as_bytes()
        .windows(6)
        .any(|window| window.eq_ignore_ascii_case(b"posten"))
    {
        return "Posten".to_owned();
    }
    carrier_name(&option.carrier)
}

/// The environmental tag's text: the carrier's long text, else, for an option with a fossil-free
/// share but no words for it (PostNord sends only `fossil_free_share`), the widget's own:
/// "Fossil-free delivery" for a share of 1, "NN % fossil-free" for less (rounded down, so a
/// share under 1 never reads 100 %).
pub fn environmental_text(
    environmental: &shared::model::EnvironmentalData,
    locale: Locale,
) -> Option<String> {
    if let Some(text) = &environmental.long_text {
        return Some(text.clone());
    }
    let share = environmental
        .fossil_free_share
        .filter(|share| *share > 0.0)?;
    if share >= 1.0 {
        return Some(strings::FOSSIL_FREE.get(locale).to_owned());
    }
    let percent = ((share * 100.0) as u32).max(1).to_string();
    Some(strings::FOSSIL_FREE_SHARE.fill(locale, &[("percent", &percent)]))
}

/// The label of an addon: KSS gives addons no name, so the widget names them by type.
pub fn addon_label(addon: &Addon, locale: Locale) -> String {
    match &addon.r#type {
        AddonType::Sms => strings::ADDON_SMS.get(locale).to_owned(),
        AddonType::Text => strings::ADDON_TEXT.get(locale).to_owned(),
        _ => strings::ADDON_OTHER.fill(locale, &[("id", &addon.id)]),
    }
}

/// The headings in the order shoppers scan them; the index is what [`group_of`] returns.
const GROUPS: [Text; 6] = [
    strings::GROUP_HOME,
    strings::GROUP_PICKUP,
    strings::GROUP_LOCKER,
    strings::GROUP_MAILBOX,
    strings::GROUP_EXPRESS,
    strings::GROUP_OTHER,
];

/// The heading an option goes under: its `group`, or, when the edge sent none or one this version
/// does not know, its KSS `type` (and `class` for express).
fn group_of(option: &ShippingOption) -> usize {
    match &option.group {
        Some(DeliveryGroup::Home) => 0,
        Some(DeliveryGroup::Pickup) => 1,
        Some(DeliveryGroup::Locker) => 2,
        Some(DeliveryGroup::Mailbox) => 3,
        Some(DeliveryGroup::Express) => 4,
        _ => match (&option.r#type, &option.class) {
            (ShippingType::PickupPoint, _) => 1,
            (_, Some(shared::model::ShippingClass::Express)) => 4,
            (ShippingType::DeliveryAddress, _) => 0,
            _ => 5,
        },
    }
}

/// One option. Every element is one the shopper reads or uses: the row is a grid (the theme's
/// `.row`), so no wrapper only lays out its texts; the help text is built when its `<details>`
/// is opened ([`render_help_text`]) and the pickup list when the option is chosen. Elements per
/// option are most of what the browser spends painting the list (`./x bench widget`).
fn option_tree(
    tree: &mut Tree,
    index: usize,
    option: &ShippingOption,
    unread_points: bool,
    context: &ListContext,
) {
    let locale = context.locale;
    let currency = option.currency.unwrap_or(context.currency);
    let index_text = index.to_string();
    let environmental = option.environmental.as_ref();
    let environmental_text = environmental.and_then(|data| environmental_text(data, locale));
    let environmental_id = format!("do-o{index}-env");

    tree.part("div", "option")
        .attr("data-i", &index_text)
        .node("label", "row");
    radio(tree, OPTION_GROUP, &option.id).attr("data-i", &index_text);
    if environmental_text.is_some() {
        tree.attr("aria-describedby", &environmental_id);
    }
    tree.close();

    // Images get no width/height attributes: the theme sizes them (it is inlined in the loader,
    // so it is there before any image), and every attribute is a DOM call per option.
    // `loading="lazy"`: an image starts loading once layout has placed it near the viewport, so
    // the list's first frame is its text alone and the images follow in their reserved boxes;
    // loaded at once, their loading and decoding fell into that first frame (`./x bench
    // widget`: the list as static HTML painted in 54 ms with eager images, 38 ms lazy, 33 ms
    // with none). A list far longer than the screen loads the rest as it is scrolled near.
    if let Some(url) = &option.logo_url {
        // `loading` before `src`: setting `src` starts an eager load.
        tree.part("img", "logo")
            .constant("loading", "lazy")
            .attr("src", url)
            .attr("alt", &logo_alt(option, url))
            .close();
    }
    tree.text_part("span", "name", display_name(option));
    if !option.badges.is_empty() {
        badges_tree(tree, &option.badges, locale);
    }
    let texts = option.service_texts.as_ref();
    if let Some(description) = texts.and_then(|t| t.description.as_deref()) {
        tree.text_part("span", "description", description);
    }
    if let Some(sentence) = &option.delivery_time_text {
        tree.text_part("span", "delivery-time", sentence);
    }
    let price = option.price_for(context.order_value, None);
    tree.text_part("span", "price", &format_price(price, currency, locale));
    if let Some(limit) = option.free_above.filter(|_| price > 0) {
        let hint = strings::FREE_ABOVE.fill(
            locale,
            &[("amount", &format_amount(limit, currency, locale))],
        );
        tree.text_part("span", "free-above", &hint);
    }
    tree.close(); // row

    let image = environmental.and_then(|data| data.tag_image_url.as_deref());
    if environmental_text.is_some() || image.is_some() {
        // The tag holds its text itself (the radio's description), and the image after it,
        // which the theme shows first.
        tree.part("div", "environmental-tag");
        if let Some(text) = &environmental_text {
            tree.attr("id", &environmental_id).text(text);
        }
        if let Some(url) = image {
            // The text beside it says what the tag means; the image repeats it.
            tree.node("img", "environmental-image")
                .constant("loading", "lazy")
                .attr("src", url)
                .constant("alt", "")
                .close();
        }
        tree.close();
    }
    if texts.is_some_and(|t| t.help_text.is_some()) {
        tree.part("details", "help")
            .text_node("summary", "help-summary", strings::MORE_INFO.get(locale))
            .close();
    }

    let has_points = unread_points
        || option
            .locations
            .as_ref()
            .is_some_and(|points| !points.is_empty());
    let timeslots = option.timeslots.as_deref().unwrap_or_default();
    let addons = option.addons.as_deref().unwrap_or_default();
    if has_points || !timeslots.is_empty() || !addons.is_empty() {
        // Shown only while the option is chosen, so hidden controls are out of the tab order.
        // The pickup list is not rendered here but when the option is chosen
        // ([`render_pickup_list`]): ten points of every pickup option were most of the list's
        // nodes, and few are ever seen.
        tree.node("div", "extras").constant("hidden", "");
        if !timeslots.is_empty() {
            timeslots_tree(tree, index, timeslots, currency, locale);
        }
        if !addons.is_empty() {
            addons_tree(tree, index, addons, currency, locale);
        }
        tree.close();
    }
    tree.close(); // option
}

/// Puts `option`'s help text into its `help` `<details>`, once: the element calls this when the
/// details are first opened (a closed one shows only its summary, so the text waited unseen).
pub fn render_help_text(details: &Element, option: &ShippingOption) -> Result<(), WidgetError> {
    let help = option
        .service_texts
        .as_ref()
        .and_then(|texts| texts.help_text.as_deref());
    if let Some(help) = help {
        if details.query_selector(".help-text")?.is_none() {
            let mut tree = Tree::new();
            tree.text_node("p", "help-text", help)
                .write(details, Place::Append);
        }
    }
    Ok(())
}

/// Renders option `index`'s pickup list, nearest first, as the first piece of its `extras`
/// (before timeslots and addons), once: the element calls this when the option is chosen.
/// Returns whether a list is there now (false for an option without points).
pub fn render_pickup_list(
    extras: &Element,
    index: usize,
    option: &ShippingOption,
    context: &ListContext,
) -> Result<bool, WidgetError> {
    if extras.query_selector(".pickup-list")?.is_some() {
        return Ok(true);
    }
    let points = pickup_points(option);
    if points.is_empty() {
        return Ok(false);
    }
    let locale = context.locale;
    let currency = option.currency.unwrap_or(context.currency);
    let mut tree = Tree::new();
    tree.part("fieldset", "pickup-list").text_node(
        "legend",
        "legend",
        strings::PICKUP_LIST.get(locale),
    );
    let name = format!("pickup-{index}");
    for point in points {
        tree.part("label", "pickup-point");
        radio(&mut tree, &name, &point.id)
            .close()
            .node("span", "text")
            .text_node("span", "pickup-name", &point.name);
        if let Some(address) = point.address.as_ref().and_then(address_line) {
            tree.text_node("span", "pickup-address", &address);
        }
        if let Some(meters) = point.distance_meters {
            let distance = format_distance(meters, locale);
            let phrase = strings::DISTANCE.fill(locale, &[("distance", &distance)]);
            tree.text_node("span", "pickup-distance", &phrase);
        }
        if let Some(hours) = point.operational_hours.as_ref() {
            if let Some(today) = hours_today_text(hours, context.today, locale) {
                tree.text_node("span", "pickup-hours", &today);
            }
        }
        tree.close(); // text
        if point.price.is_some_and(|price| price != option.price) {
            let price = option.price_for(context.order_value, Some(point));
            tree.text_node(
                "span",
                "pickup-price",
                &format_price(price, currency, locale),
            );
        }
        tree.close(); // pickup-point
    }
    tree.close().write(extras, Place::Prepend);
    Ok(true)
}

/// The option's badges as words, in the order the edge sent them, inside the radio's label, so a
/// screen reader announces them with the option's name. The edge decides who earns which
/// (`shared::badges`); a badge this version has no words for is left out. Each carries the part
/// `badge` and one of its kind; `no-badges` on the element hides them all (the theme).
fn badges_tree(tree: &mut Tree, badges: &[Badge], locale: Locale) {
    tree.node("span", "badges");
    for badge in badges {
        let (name, words) = match badge {
            Badge::Fastest => ("badge badge-fastest", &strings::BADGE_FASTEST),
            Badge::Cheapest => ("badge badge-cheapest", &strings::BADGE_CHEAPEST),
            Badge::Greenest => ("badge badge-greenest", &strings::BADGE_GREENEST),
            _ => continue,
        };
        tree.node("span", name)
            .constant("part", name)
            .text(words.get(locale))
            .close();
    }
    tree.close();
}

/// Opens an `<input type="radio">` of the group `name` with `value`, for more attributes.
fn radio<'t>(tree: &'t mut Tree, name: &str, value: &str) -> &'t mut Tree {
    tree.open("input")
        .constant("type", "radio")
        .attr("name", name)
        .attr("value", value)
}

fn timeslots_tree(
    tree: &mut Tree,
    index: usize,
    timeslots: &[Timeslot],
    currency: Currency,
    locale: Locale,
) {
    tree.part("fieldset", "timeslots").text_node(
        "legend",
        "legend",
        strings::TIMESLOTS.get(locale),
    );
    let name = format!("timeslot-{index}");
    for slot in timeslots {
        let Some(window) = timeslot_text(&slot.start, &slot.end, locale) else {
            continue;
        };
        tree.node("label", "timeslot");
        radio(tree, &name, &slot.id)
            .close()
            .text_node("span", "timeslot-window", &window);
        if let Some(price) = slot.price.filter(|price| *price > 0) {
            let extra = format!("+{}", format_amount(price, currency, locale));
            tree.text_node("span", "extra-price", &extra);
        }
        tree.close();
    }
    tree.close();
}

fn addons_tree(
    tree: &mut Tree,
    index: usize,
    addons: &[Addon],
    currency: Currency,
    locale: Locale,
) {
    tree.part("fieldset", "addons")
        .text_node("legend", "legend", strings::ADDONS.get(locale));
    for (k, addon) in addons.iter().enumerate() {
        tree.node("label", "addon");
        let label = addon_label(addon, locale);
        let text = addon.r#type == AddonType::Text;
        if text {
            // The label's text goes first and the field under it, as forms usually read.
            tree.text_node("span", "addon-label", &label);
        }
        tree.open("input")
            .attr("data-addon", &addon.id)
            .attr("id", &format!("do-o{index}-a{k}"));
        if text {
            tree.constant("type", "text")
                .constant("autocomplete", "off");
            if let Some(max) = addon.max_length {
                tree.attr("maxlength", &max.to_string());
            }
            tree.close();
        } else {
            tree.constant("type", "checkbox");
            if addon.preselected == Some(true) || addon.required == Some(true) {
                tree.constant("checked", "");
            }
            if addon.required == Some(true) {
                // Required: shown ticked, and the shopper cannot untick it.
                tree.constant("disabled", "");
            }
            tree.close().text_node("span", "addon-label", &label);
        }
        if addon.price > 0 {
            let extra = format!("+{}", format_amount(addon.price, currency, locale));
            tree.text_node("span", "extra-price", &extra);
        }
        tree.close();
    }
    tree.close();
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::model::EnvironmentalData;

    #[test]
    fn environmental_texts() {
        let cases: [(Option<&str>, Option<f64>, &str, Option<&str>); 11] = [
            (
                Some("Levert med elbil"),
                Some(1.0),
                "nb",
                Some("Levert med elbil"),
            ),
            (None, Some(1.0), "en", Some("Fossil-free delivery")),
            (None, Some(1.0), "sv", Some("Fossilfri leverans")),
            (None, Some(1.0), "nb", Some("Fossilfri levering")),
            (None, Some(1.0), "da", Some("Fossilfri levering")),
            (None, Some(1.0), "fi", Some("Fossiiliton toimitus")),
            (None, Some(1.0), "de", Some("Fossilfreie Zustellung")),
            (None, Some(0.92), "nb", Some("92\u{a0}% fossilfri")),
            (None, Some(0.999), "de", Some("99\u{a0}% fossilfrei")),
            (None, Some(0.0), "en", None),
            (None, None, "en", None),
        ];
        for (long_text, share, locale, expected) in cases {
            let data = EnvironmentalData {
                tag_image_url: None,
                long_text: long_text.map(str::to_owned),
                fossil_free_share: share,
            };
            assert_eq!(
                environmental_text(&data, Locale::from_tag(locale)).as_deref(),
                expected,
                "{long_text:?} {share:?} {locale}"
            );
        }
    }

    #[test]
    fn logo_alt_names_the_brand_the_logo_shows() {
        let cases = [
            (
                "bring",
                "https://www.mybring.com/shipping-guide/assets/img/Posten_logo.svg",
                "Posten",
            ),
            ("bring", "https://example.test/logos/bring.svg", "Bring"),
            (
                "postnord",
                "https://example.test/logos/postnord.svg",
                "PostNord",
            ),
            ("budbee", "https://example.test/budbee.png", "Budbee"),
        ];
        for (carrier, url, expected) in cases {
            let option = ShippingOption::new(
                "id".to_owned(),
                "name".to_owned(),
                carrier.to_owned(),
                "delivery-address".to_owned().into(),
                0,
                0,
            );
            assert_eq!(logo_alt(&option, url), expected, "{url}");
        }
    }
}
