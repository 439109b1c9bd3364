//! Turns the inputs a page hands the widget (JSON and strings) into the text it shows, by way of
//! `shared`. Nothing here touches the DOM, so it is tested natively.

use chrono::DateTime;
use shared::model::{from_json, DeliveryTime};

use crate::WidgetError;

/// The delivery-time sentence for `delivery_time_json` at `now` (RFC 3339) in `locale`, or `None`
/// when there is nothing to say.
pub fn delivery_time_text(
    delivery_time_json: &str,
    now: &str,
    locale: &str,
) -> Result<Option<String>, WidgetError> {
    // `shared` parses, so the widget and the edge refuse the same payloads with the same words.
    let delivery_time: DeliveryTime =
        from_json(delivery_time_json).map_err(WidgetError::DeliveryTimeJson)?;
    let now = DateTime::parse_from_rfc3339(now).map_err(|_| WidgetError::Now {
        value: now.to_owned(),
    })?;
    Ok(shared::render_delivery_time(&delivery_time, now, locale)?)
}

#[cfg(test)]
mod tests {
    use super::delivery_time_text;

    const NOW: &str = "2026-03-02T09:00:00+01:00";

    #[test]
    fn renders_the_sentence_from_shared() {
        let json =
            r#"{"interval":{"earliest":"1","latest":"5"},"cutoff":"2026-03-02T11:30:00+01:00"}"#;
        assert_eq!(
            delivery_time_text(json, NOW, "en").unwrap().as_deref(),
            Some("Delivered in 1-5 business days, if ordered before 11:30")
        );
    }

    #[test]
    fn nothing_to_say_is_none() {
        assert_eq!(delivery_time_text("{}", NOW, "en").unwrap(), None);
    }

    #[test]
    fn bad_inputs_name_the_problem() {
        let cases = [
            (
                "not json",
                NOW,
                "delivery_time JSON: expected ident at line 1 column 2",
            ),
            (
                r#"{"interval":{"earliest":3}}"#,
                NOW,
                "delivery_time JSON: at `interval.earliest`: invalid type: integer `3`, expected a string at line 1 column 25",
            ),
            (
                "{}",
                "yesterday",
                r#"now: "yesterday" is not an RFC 3339 instant with a UTC offset, such as 2026-03-02T09:00:00+01:00"#,
            ),
            (
                r#"{"cutoff":"soon"}"#,
                NOW,
                r#"delivery_time.cutoff: "soon" is not an RFC 3339 instant"#,
            ),
        ];
        for (json, now, expected) in cases {
            let message = delivery_time_text(json, now, "en").unwrap_err().to_string();
            assert_eq!(message, expected, "{json:?} at {now:?}");
        }
    }
}
