//! The widget's own words (headings, buttons, announcements) in every locale, as one table:
//! each [`Text`] is a row with one column per locale, in [`Locale::ALL`] order
//! (en, sv, nb, da, fi, de). A missing translation does not compile, and a new locale is a new
//! column, never a new code path. Carrier texts are not here: they come from the edge.
//!
//! Placeholders are `{name}`, filled by [`Text::fill`].

use shared::Locale;

/// One UI string in every locale.
pub struct Text(pub [&'static str; 6]);

impl Text {
    /// The string in `locale`.
    pub fn get(&self, locale: Locale) -> &'static str {
        self.0[locale_index(locale)]
    }

    /// The string in `locale` with each `{name}` replaced by its value.
    /// An unknown `{name}` is kept as written.
    pub fn fill(&self, locale: Locale, values: &[(&str, &str)]) -> String {
        // `split_once` rather than indexing: an index that could fall inside a character links
        // the panic message's formatting, Debug for `char` and Unicode tables (some 2 KB).
        let mut rest = self.get(locale);
        let mut text = String::with_capacity(rest.len() + 16);
        while let Some((before, after)) = rest.split_once('{') {
            text.push_str(before);
            let Some((name, after_close)) = after.split_once('}') else {
                text.push('{');
                rest = after;
                break;
            };
            match values.iter().find(|(key, _)| *key == name) {
                Some((_, value)) => text.push_str(value),
                None => {
                    text.push('{');
                    text.push_str(name);
                    text.push('}');
                }
            }
            rest = after_close;
        }
        text.push_str(rest);
        text
    }
}

/// The column of `locale` in every table of this crate.
pub fn locale_index(locale: Locale) -> usize {
    Locale::ALL
        .iter()
        .position(|candidate| *candidate == locale)
        .unwrap_or(0)
}

/// The legend of the option list.
pub const CHOOSE: Text = Text([
    "Choose a delivery option",
    "Välj leveranssätt",
    "Velg leveringsmåte",
    "Vælg leveringsmetode",
    "Valitse toimitustapa",
    "Versandart wählen",
]);
pub const GROUP_HOME: Text = Text([
    "Home delivery",
    "Hemleverans",
    "Hjemlevering",
    "Hjemmelevering",
    "Kotiinkuljetus",
    "Lieferung nach Hause",
]);
pub const GROUP_PICKUP: Text = Text([
    "Pickup point",
    "Utlämningsställe",
    "Hentested",
    "Pakkeshop",
    "Noutopiste",
    "Abholstelle",
]);
pub const GROUP_LOCKER: Text = Text([
    "Parcel locker",
    "Paketskåp",
    "Pakkeautomat",
    "Pakkeboks",
    "Pakettiautomaatti",
    "Packstation",
]);
pub const GROUP_MAILBOX: Text = Text([
    "Mailbox",
    "Brevlåda",
    "Postkasse",
    "Postkasse",
    "Postilaatikko",
    "Briefkasten",
]);
pub const GROUP_EXPRESS: Text = Text([
    "Express",
    "Express",
    "Ekspress",
    "Ekspres",
    "Pikatoimitus",
    "Express",
]);
/// The heading of options under a group this version does not know.
pub const GROUP_OTHER: Text = Text([
    "Other options",
    "Övriga alternativ",
    "Andre alternativer",
    "Andre muligheder",
    "Muut vaihtoehdot",
    "Weitere Optionen",
]);
pub const FREE: Text = Text([
    "Free",
    "Gratis",
    "Gratis",
    "Gratis",
    "Ilmainen",
    "Kostenlos",
]);
/// Under a price that falls to zero from an order value on.
pub const FREE_ABOVE: Text = Text([
    "Free from {amount}",
    "Gratis från {amount}",
    "Gratis fra {amount}",
    "Gratis fra {amount}",
    "Ilmainen, kun tilaus on vähintään {amount}",
    "Kostenlos ab {amount}",
]);
pub const LOADING: Text = Text([
    "Loading delivery options…",
    "Hämtar leveranssätt…",
    "Henter leveringsmåter…",
    "Henter leveringsmetoder…",
    "Haetaan toimitustapoja…",
    "Versandarten werden geladen…",
]);
/// Announced when a list arrives; a count without a plural form reads right in every locale.
pub const LOADED: Text = Text([
    "Delivery options: {count}",
    "Leveranssätt: {count}",
    "Leveringsmåter: {count}",
    "Leveringsmetoder: {count}",
    "Toimitustapoja: {count}",
    "Versandarten: {count}",
]);
pub const ERROR: Text = Text([
    "Delivery options could not be loaded.",
    "Det gick inte att hämta leveranssätt.",
    "Kunne ikke hente leveringsmåter.",
    "Leveringsmetoderne kunne ikke hentes.",
    "Toimitustapoja ei voitu hakea.",
    "Versandarten konnten nicht geladen werden.",
]);
pub const RETRY: Text = Text([
    "Try again",
    "Försök igen",
    "Prøv igjen",
    "Prøv igen",
    "Yritä uudelleen",
    "Erneut versuchen",
]);
pub const EMPTY: Text = Text([
    "No delivery options for this address.",
    "Inga leveranssätt för den här adressen.",
    "Ingen leveringsmåter for denne adressen.",
    "Ingen leveringsmetoder til denne adresse.",
    "Tähän osoitteeseen ei ole toimitustapoja.",
    "Keine Versandarten für diese Adresse.",
]);
/// Shown instead of a list while the page has not given a country and postal code.
pub const NEED_ADDRESS: Text = Text([
    "Enter your postal code to see delivery options.",
    "Ange ditt postnummer för att se leveranssätt.",
    "Skriv inn postnummeret ditt for å se leveringsmåter.",
    "Indtast dit postnummer for at se leveringsmetoder.",
    "Syötä postinumerosi nähdäksesi toimitustavat.",
    "Geben Sie Ihre Postleitzahl ein, um Versandarten zu sehen.",
]);
/// Above the edge's fallback options, when no carrier answered.
pub const FALLBACK_NOTE: Text = Text([
    "Showing our standard delivery options.",
    "Visar våra vanliga leveranssätt.",
    "Viser våre vanlige leveringsmåter.",
    "Viser vores almindelige leveringsmetoder.",
    "Näytetään tavalliset toimitustapamme.",
    "Wir zeigen unsere Standard-Versandarten.",
]);
pub const PICKUP_LIST: Text = Text([
    "Choose pickup point",
    "Välj utlämningsställe",
    "Velg hentested",
    "Vælg udleveringssted",
    "Valitse noutopiste",
    "Abholstelle wählen",
]);
pub const OPEN_TODAY: Text = Text([
    "Open today {hours}",
    "Öppet i dag {hours}",
    "Åpent i dag {hours}",
    "Åbent i dag {hours}",
    "Avoinna tänään {hours}",
    "Heute geöffnet {hours}",
]);
pub const CLOSED_TODAY: Text = Text([
    "Closed today",
    "Stängt i dag",
    "Stengt i dag",
    "Lukket i dag",
    "Suljettu tänään",
    "Heute geschlossen",
]);
pub const OPEN_ALL_DAY: Text = Text([
    "Open 24 hours today",
    "Öppet dygnet runt i dag",
    "Døgnåpent i dag",
    "Døgnåbent i dag",
    "Avoinna tänään ympäri vuorokauden",
    "Heute rund um die Uhr geöffnet",
]);
/// A pickup point's distance from the address.
pub const DISTANCE: Text = Text([
    "{distance} away",
    "{distance} bort",
    "{distance} unna",
    "{distance} væk",
    "{distance} päässä",
    "{distance} entfernt",
]);
/// The form's validation message while `required` and nothing is chosen.
pub const REQUIRED: Text = Text([
    "Please choose a delivery option.",
    "Välj ett leveranssätt.",
    "Velg en leveringsmåte.",
    "Vælg en leveringsmetode.",
    "Valitse toimitustapa.",
    "Bitte wählen Sie eine Versandart.",
]);
/// Announced when the shopper chooses an option.
pub const SELECTED: Text = Text([
    "Selected: {option}, {price}",
    "Valt: {option}, {price}",
    "Valgt: {option}, {price}",
    "Valgt: {option}, {price}",
    "Valittu: {option}, {price}",
    "Ausgewählt: {option}, {price}",
]);
pub const ADDONS: Text = Text([
    "Extra services",
    "Tilläggstjänster",
    "Tilleggstjenester",
    "Tillægsydelser",
    "Lisäpalvelut",
    "Zusatzleistungen",
]);
/// The label of an `sms` addon (KSS gives addons no name).
pub const ADDON_SMS: Text = Text([
    "SMS notification",
    "Avisering via SMS",
    "Varsling på SMS",
    "SMS-besked",
    "Tekstiviesti-ilmoitus",
    "SMS-Benachrichtigung",
]);
/// The label of a `string` addon (KSS gives addons no name).
pub const ADDON_TEXT: Text = Text([
    "Message to the driver (e.g. door code)",
    "Meddelande till föraren (t.ex. portkod)",
    "Beskjed til sjåføren (f.eks. dørkode)",
    "Besked til chaufføren (f.eks. dørkode)",
    "Viesti kuljettajalle (esim. ovikoodi)",
    "Nachricht an den Fahrer (z. B. Türcode)",
]);
/// The label of an addon of a type this version does not know; `{id}` is the carrier's id.
pub const ADDON_OTHER: Text = Text([
    "Extra service: {id}",
    "Tilläggstjänst: {id}",
    "Tilleggstjeneste: {id}",
    "Tillægsydelse: {id}",
    "Lisäpalvelu: {id}",
    "Zusatzleistung: {id}",
]);
pub const TIMESLOTS: Text = Text([
    "Delivery window",
    "Leveransfönster",
    "Leveringsvindu",
    "Leveringstidsrum",
    "Toimitusaika",
    "Lieferzeitfenster",
]);
/// The summary of an option's help text.
pub const MORE_INFO: Text = Text([
    "More about this option",
    "Mer om alternativet",
    "Mer om alternativet",
    "Mere om muligheden",
    "Lisätietoja",
    "Mehr zu dieser Option",
]);
/// A day and month, day first in every locale (`3.3.`, `3/3`).
pub const SHORT_DATE: Text = Text([
    "{d}/{m}", "{d}/{m}", "{d}.{m}.", "{d}.{m}.", "{d}.{m}.", "{d}.{m}.",
]);

/// The environmental tag of an option whose last mile is all fossil-free and that has no text of
/// its own (PostNord sends only `fossil_free_share: 1`).
pub const FOSSIL_FREE: Text = Text([
    "Fossil-free delivery",
    "Fossilfri leverans",
    "Fossilfri levering",
    "Fossilfri levering",
    "Fossiiliton toimitus",
    "Fossilfreie Zustellung",
]);
/// The same for a share between 0 and 1; `{percent}` is a whole number.
pub const FOSSIL_FREE_SHARE: Text = Text([
    "{percent}\u{a0}% fossil-free",
    "{percent}\u{a0}% fossilfri",
    "{percent}\u{a0}% fossilfri",
    "{percent}\u{a0}% fossilfri",
    "{percent}\u{a0}% fossiiliton",
    "{percent}\u{a0}% fossilfrei",
]);

/// Badges (`shared::badges`): the option with the earliest delivery of the answer.
pub const BADGE_FASTEST: Text = Text([
    "Fastest",
    "Snabbast",
    "Raskest",
    "Hurtigst",
    "Nopein",
    "Am schnellsten",
]);
/// The option with the lowest price (after `free_above`).
pub const BADGE_CHEAPEST: Text = Text([
    "Cheapest",
    "Billigast",
    "Billigst",
    "Billigst",
    "Edullisin",
    "Am günstigsten",
]);
/// The option with the largest fossil-free share of its delivery.
pub const BADGE_GREENEST: Text = Text([
    "Most climate-friendly",
    "Mest klimatsmart",
    "Mest klimavennlig",
    "Mest klimavenlig",
    "Ilmastoystävällisin",
    "Am klimafreundlichsten",
]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_follow_locale_all() {
        let expected = [
            (Locale::En, "Free"),
            (Locale::Sv, "Gratis"),
            (Locale::Nb, "Gratis"),
            (Locale::Da, "Gratis"),
            (Locale::Fi, "Ilmainen"),
            (Locale::De, "Kostenlos"),
        ];
        for (locale, word) in expected {
            assert_eq!(FREE.get(locale), word);
        }
        assert_eq!(
            GROUP_PICKUP.get(Locale::from_tag("nb-NO")),
            "Hentested",
            "tags map through shared's Locale"
        );
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            SELECTED.fill(Locale::Sv, &[("option", "Hemleverans"), ("price", "49 kr")]),
            "Valt: Hemleverans, 49 kr"
        );
    }

    #[test]
    fn fill_keeps_unknown_and_unclosed_placeholders_as_written() {
        let text = Text(["{a} {b} ø{c"; 6]);
        assert_eq!(text.fill(Locale::En, &[("a", "1")]), "1 {b} ø{c");
    }

    #[test]
    fn the_loader_says_the_same_when_the_wasm_cannot_load() {
        // widget/js/delivery-options.js has its own copy of ERROR (it speaks when this crate
        // could not load); each locale's line must be there, word for word.
        let loader = include_str!("../js/delivery-options.js");
        for locale in Locale::ALL {
            let line = format!("  {}: '{}',", locale.tag(), ERROR.get(locale));
            assert!(loader.contains(&line), "the loader lacks {line:?}");
        }
    }
}
