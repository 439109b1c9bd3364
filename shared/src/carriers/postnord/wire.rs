//! The Delivery Options response as PostNord writes it (`DeliveryOptionsResponse`, spec 3.4.3),
//! read leniently: one option that does not fit is set aside with its path, and the rest are
//! still offered.

use serde::Deserialize;

use crate::carriers::read::{lenient_metres, read_part, Part};

use super::DeliveryType;

/// The options of one delivery type, each already read or set aside.
pub(super) struct TypeOptions {
    pub delivery_type: DeliveryType,
    pub default: Option<Read<DeliveryOption>>,
    pub additional: Vec<Read<DeliveryOption>>,
}

/// A part of the answer that was read, or why not (its path and the problem).
pub(super) type Read<T> = Result<T, String>;

/// Every delivery type of every warehouse that can be read, in PostNord's order (booking needs
/// no more; see [`read_delivery_types`]).
pub(super) fn delivery_types(response: &Response) -> Vec<TypeOptions> {
    read_delivery_types(response).0
}

/// Every delivery type of every warehouse, in PostNord's order, and the problems of what was
/// left out, by path. A type that appears again (for a second warehouse) is left out: our option
/// ids are one per type, and the first warehouse is the one we asked about.
///
/// Each entry of a warehouse's list is read on its own, so that one of an unexpected shape costs
/// only itself. A warehouse whose options cannot be found at all (neither `deliveryOptions` nor
/// the older `deliveryOptionsPerType`) is a problem too, so that a changed answer shape reads as
/// "left out", never as a silent "no options".
pub(super) fn read_delivery_types(response: &Response) -> (Vec<TypeOptions>, Vec<String>) {
    let mut types: Vec<TypeOptions> = Vec::new();
    let mut problems = Vec::new();
    for (w, warehouse) in response.warehouse_to_delivery_options.iter().enumerate() {
        let Some((field, per_types)) = warehouse.options() else {
            problems.push(format!(
                "warehouseToDeliveryOptions[{w}]: no deliveryOptions (nor deliveryOptionsPerType)"
            ));
            continue;
        };
        for (t, per_type) in per_types.iter().enumerate() {
            let path = format!("warehouseToDeliveryOptions[{w}].{field}[{t}]");
            match type_options(per_type, &path, &types) {
                Ok(Some(options)) => types.push(options),
                Ok(None) => {}
                Err(problem) => problems.push(problem),
            }
        }
    }
    (types, problems)
}

/// The options of one entry; `Ok(None)` for a type already `seen`.
fn type_options(per_type: &PerType, path: &str, seen: &[TypeOptions]) -> Read<Option<TypeOptions>> {
    let type_path = format!("{path}.type");
    let delivery_type: DeliveryType = match &per_type.r#type {
        Some(part) => read_part(part, &type_path)?,
        None => return Err(format!("{type_path} is missing")),
    };
    if seen
        .iter()
        .any(|options| options.delivery_type == delivery_type)
    {
        return Ok(None);
    }
    let additional: Vec<Part> = match &per_type.additional_options {
        Some(list) => read_part(list, &format!("{path}.additionalOptions"))?,
        None => Vec::new(),
    };
    Ok(Some(TypeOptions {
        delivery_type,
        default: per_type
            .default_option
            .as_ref()
            .map(|value| read_part(value, &format!("{path}.defaultOption"))),
        additional: additional
            .iter()
            .enumerate()
            .map(|(i, value)| read_part(value, &format!("{path}.additionalOptions[{i}]")))
            .collect(),
    }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Response {
    /// Optional in the spec, yet an answer without it is not one we can tell from a wrong body
    /// (`{}`, `[]`); an answer with no options has it empty.
    warehouse_to_delivery_options: Vec<PerWarehouse>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PerWarehouse {
    delivery_options: Option<Vec<PerType>>,
    /// The same list under an older name, seen in clients written against an earlier version
    /// of the API (reference notes/01-postnord.md §4); read like `deliveryOptions` when that is
    /// absent. Two fields, not a serde alias: an answer with both is read, not refused.
    delivery_options_per_type: Option<Vec<PerType>>,
}

impl PerWarehouse {
    /// The warehouse's options and the field they were read from; `None` when it has neither.
    fn options(&self) -> Option<(&'static str, &[PerType])> {
        match (&self.delivery_options, &self.delivery_options_per_type) {
            (Some(options), _) => Some(("deliveryOptions", options)),
            (None, Some(options)) => Some(("deliveryOptionsPerType", options)),
            (None, None) => None,
        }
    }
}

/// `DeliveryOptionsPerType`, each field read on its own ([`type_options`]), so that one entry of
/// an unexpected shape costs only itself.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PerType {
    /// Required by the spec, and read on its own: an entry without one, or with one that is not
    /// a text, costs only itself (with a warning), not the other types of the answer.
    r#type: Option<Part>,
    default_option: Option<Part>,
    /// Required by the spec, yet absent from its own `dayRange` example. Absent or `null` (a
    /// plausible older or odd way of writing an empty list, as live Service Points answers write
    /// theirs) is read as no additional options, so the type is still offered by its default.
    additional_options: Option<Part>,
}

/// `DeliveryOption`. Only what an option cannot be shown or booked without is required.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DeliveryOption {
    pub booking_instructions: BookingInstructions,
    pub descriptive_texts: DescriptiveTexts,
    pub delivery_time: Option<DeliveryTime>,
    pub sustainability: Option<Sustainability>,
    pub location: Option<DeliveryLocation>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct BookingInstructions {
    pub delivery_option_id: String,
    pub service_code: String,
    #[serde(default)]
    pub additional_service_codes: Vec<String>,
    pub service_point_id: Option<String>,
    pub time_slot: Option<TimeSlot>,
}

#[derive(Deserialize)]
pub(super) struct TimeSlot {
    pub earliest: String,
    pub latest: String,
}

#[derive(Deserialize)]
pub(super) struct DescriptiveTexts {
    pub checkout: CheckoutTexts,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct CheckoutTexts {
    pub title: String,
    pub brief_description: Option<String>,
    pub full_description: Option<String>,
    /// "{location} ({day&time})" or "{day&time}", in the `Accept-Language`.
    pub friendly_delivery_info: Option<String>,
}

/// `date` and `dayRange` are exclusive; at least one is present.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DeliveryTime {
    pub date: Option<SpecificDate>,
    pub day_range: Option<DayRange>,
}

#[derive(Deserialize)]
pub(super) struct SpecificDate {
    pub earliest: Option<String>,
    pub latest: String,
}

#[derive(Deserialize)]
pub(super) struct DayRange {
    /// Business days from now, `"1-3"`.
    pub days: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Sustainability {
    pub fossil_free: bool,
    pub nordic_swan_eco_label: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DeliveryLocation {
    pub name: String,
    /// "Walking distance from the recipient's address in meters."
    #[serde(default, deserialize_with = "lenient_metres")]
    pub distance_from_recipient_address: Option<u32>,
    pub address: Option<Address>,
    // The two parts below are read on their own (`Coordinate`, `OpeningHours`), so that one of
    // an unexpected shape costs only itself, not the place.
    pub coordinate: Option<Part>,
    pub opening_hours: Option<Part>,
}

/// `FullAddress`: `street`, or `streetName` and `streetNumber` (what the examples return).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Address {
    pub country_code: Option<String>,
    pub post_code: Option<String>,
    pub city: Option<String>,
    pub street: Option<String>,
    pub street_name: Option<String>,
    pub street_number: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct Coordinate {
    pub latitude: f64,
    pub longitude: f64,
}

#[derive(Deserialize)]
pub(super) struct OpeningHours {
    /// All seven days are required by the spec, but its examples list only Monday; a missing day
    /// is unknown, not closed.
    pub regular: RegularOpeningHours,
    pub deviations: Option<Vec<DeviatingOpeningHours>>,
}

#[derive(Deserialize)]
pub(super) struct RegularOpeningHours {
    pub monday: Option<OpenHours>,
    pub tuesday: Option<OpenHours>,
    pub wednesday: Option<OpenHours>,
    pub thursday: Option<OpenHours>,
    pub friday: Option<OpenHours>,
    pub saturday: Option<OpenHours>,
    pub sunday: Option<OpenHours>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct OpenHours {
    pub open: bool,
    /// "Only present if the field 'open' is set to true" (the spec); `null` reads as absent.
    pub time_ranges: Option<Vec<TimeRange>>,
}

#[derive(Deserialize)]
pub(super) struct TimeRange {
    pub from: String,
    pub to: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DeviatingOpeningHours {
    pub date: String,
    pub reason: Option<String>,
    pub open_hours: OpenHours,
}
