//! A KSS reservation as the PostPlus parcel that books it. Here, not in `carriers::postplus`:
//! KSS sits above the carriers (it reads their types; they never read its), and this is where a
//! KSS shipment meets a carrier's parcel.

use crate::carriers::postplus::{
    sender_parcel_nr, ParcelBooking, ParcelItem, PostPlusConfig, Receiver,
};
use crate::error::Error;

use super::order::OrderLineType;
use super::quote::kss_quote;
use super::shipment::ShipmentRequest;

/// The parcel for the KSS reservation `request` with our id `shipment_id`.
///
/// The recipient and weight are read as for a quote (`kss_quote`: the postal code in carrier
/// form, the order packed into parcels by `kss::packing::pack_order`, which weighs the
/// physical lines, else the order's `total_weight`, else 1 kg), and a label also needs a name, a
/// street address and a city; a missing one is an [`Error::Invalid`] naming the KSS field. Each
/// physical order line (or line without a type) becomes an item.
///
/// One KSS order is one PostPlus parcel (one label, one tracking number): an order that packs
/// into more than one parcel is an [`Error::Invalid`] naming `order.lines`, refused when the
/// reservation is made, rather than booked as one parcel of the combined weight. PostPlus's
/// options are not offered for such an order either (`postplus_options`).
pub fn parcel_booking(
    request: &ShipmentRequest,
    shipment_id: &str,
    config: &PostPlusConfig,
) -> Result<ParcelBooking, Error> {
    let quote = kss_quote(
        Some(&request.recipient),
        &request.order,
        request.currency,
        request.locale.as_deref(),
    )?;
    if quote.parcels.len() > 1 {
        return Err(Error::Invalid {
            field: "order.lines".to_owned(),
            problem: format!(
                "pack into {} parcels; PostPlus books one parcel per order",
                quote.parcels.len()
            ),
        });
    }
    let recipient = &request.recipient;
    let required = |value: Option<&String>, field: &str| {
        value
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .ok_or_else(|| Error::Invalid {
                field: field.to_owned(),
                problem: "is required to print a PostPlus label".to_owned(),
            })
    };
    let person = [&recipient.given_name, &recipient.family_name]
        .into_iter()
        .flatten()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    // A person's name addresses the parcel; a company name only when there is none.
    let name = required(
        Some(&person)
            .filter(|p| !p.is_empty())
            .or(recipient.company_name.as_ref()),
        "recipient.given_name",
    )?;
    let street = required(
        recipient.street_address.as_ref(),
        "recipient.street_address",
    )?;
    let city = required(recipient.city.as_ref(), "recipient.city")?;
    let care_of = recipient
        .care_of
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| format!("c/o {c}"));
    let second_line = recipient
        .street_address2
        .as_deref()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned);
    let address = care_of
        .into_iter()
        .chain(Some(street))
        .chain(second_line)
        .collect::<Vec<_>>()
        .join(", ");
    let country = quote.recipient.country;
    let gross_weight_grams = quote.total_weight_grams();
    let items = request
        .order
        .lines
        .iter()
        .filter(|line| line.quantity > 0)
        .filter(|line| !matches!(&line.r#type, Some(t) if *t != OrderLineType::Physical))
        .map(|line| ParcelItem {
            description: config.goods_description.clone(),
            sku_code: line.reference.clone(),
            quantity: line.quantity,
            value_per_item: line.unit_price,
            weight_per_item_grams: line.attributes.as_ref().and_then(|a| a.weight),
        })
        .collect();
    Ok(ParcelBooking {
        sender_parcel_nr: sender_parcel_nr(shipment_id)?,
        service_code: config
            .service_code_for(country, &request.selected_shipping_option.id)
            .to_owned(),
        receiver: Receiver {
            name,
            phone: non_blank(recipient.phone.as_deref()),
            email: non_blank(recipient.email.as_deref()),
            address,
            zip_code: quote.recipient.postal_code,
            city,
            country,
        },
        currency: request.currency,
        gross_weight_grams,
        items,
    })
}

fn non_blank(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}
