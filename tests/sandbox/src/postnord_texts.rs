//! PostNord Delivery Options' checkout texts and `friendlyDeliveryInfo` words per language, chosen
//! by `Accept-Language` (en, sv, no, da, fi; en by default). The English texts are the OpenAPI
//! examples' (notes/01a-postnord-delivery-options-examples.md); the others are the sandbox's own
//! translations. Finnish has day words but English checkout texts.

use chrono::Weekday;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    En,
    Sv,
    No,
    Da,
    Fi,
}

impl Language {
    /// The first language of an `Accept-Language` header that PostNord supports, else English.
    pub fn from_accept_language(header: Option<&str>) -> Language {
        header
            .unwrap_or_default()
            .split(',')
            .filter_map(|tag| tag.split(';').next())
            .map(|tag| {
                tag.trim()
                    .split('-')
                    .next()
                    .unwrap_or_default()
                    .to_ascii_lowercase()
            })
            .find_map(|primary| match primary.as_str() {
                "en" => Some(Language::En),
                "sv" => Some(Language::Sv),
                "no" | "nb" | "nn" => Some(Language::No),
                "da" => Some(Language::Da),
                "fi" => Some(Language::Fi),
                _ => None,
            })
            .unwrap_or(Language::En)
    }

    pub fn today(self) -> &'static str {
        ["Today", "Idag", "I dag", "I dag", "Tänään"][self as usize]
    }

    pub fn tomorrow(self) -> &'static str {
        ["Tomorrow", "Imorgon", "I morgen", "I morgen", "Huomenna"][self as usize]
    }

    pub fn weekday(self, day: Weekday) -> &'static str {
        const NAMES: [[&str; 7]; 5] = [
            [
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday",
            ],
            [
                "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
            ],
            [
                "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
            ],
            [
                "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
            ],
            [
                "maanantai",
                "tiistai",
                "keskiviikko",
                "torstai",
                "perjantai",
                "lauantai",
                "sunnuntai",
            ],
        ];
        NAMES[self as usize][day.num_days_from_monday() as usize]
    }

    /// "1-3 days" in this language.
    pub fn day_range(self, range: &str) -> String {
        let unit = ["days", "dagar", "dager", "dage", "päivää"][self as usize];
        format!("{range} {unit}")
    }
}

/// `descriptiveTexts.checkout` without `friendlyDeliveryInfo`.
pub struct CheckoutTexts {
    pub title: &'static str,
    pub brief: &'static str,
    pub full: &'static str,
}

/// The texts of delivery type `delivery_type` (`home`, `service-point`, `parcel-locker`,
/// `mailbox`, `express-mailbox`).
pub fn checkout_texts(delivery_type: &str, language: Language) -> &'static CheckoutTexts {
    let texts = match delivery_type {
        "home" => &HOME,
        "service-point" => &SERVICE_POINT,
        "parcel-locker" => &PARCEL_LOCKER,
        "mailbox" => &MAILBOX,
        _ => &EXPRESS_MAILBOX,
    };
    match language {
        Language::En | Language::Fi => &texts[0],
        Language::Sv => &texts[1],
        Language::No => &texts[2],
        Language::Da => &texts[3],
    }
}

const fn texts(title: &'static str, brief: &'static str, full: &'static str) -> CheckoutTexts {
    CheckoutTexts { title, brief, full }
}

static HOME: [CheckoutTexts; 4] = [
    texts(
        "Home delivery",
        "Nordic Swan Ecolabelled delivery to your home. Parcels weighing over 20 kg will be delivered to property front / curbside against signature.",
        "SATURDAY DELIVERY to over 2 million households in Sweden. You will be notified via sms/email and in the PostNord App where you can change date/time of delivery, personal delivery at the door or pickup at service points. Track your home delivery in real-time, via our live-tracking map function.",
    ),
    texts(
        "Hemleverans",
        "Svanenmärkt leverans hem till dig. Paket över 20 kg levereras till tomtgräns mot kvittens.",
        "Du aviseras via sms/e-post och i PostNord-appen, där du kan ändra datum och tid för leveransen eller välja att hämta paketet hos ett ombud.",
    ),
    texts(
        "Hjemlevering",
        "Levering hjem til deg. Pakker over 20 kg leveres til eiendomsgrensen mot signatur.",
        "Du varsles på sms/e-post og i PostNord-appen, der du kan endre dato og tid for leveringen eller velge å hente pakken på et hentested.",
    ),
    texts(
        "Levering til hjemmet",
        "Levering hjem til dig. Pakker over 20 kg leveres ved skel mod kvittering.",
        "Du får besked via sms/e-mail og i PostNord-appen, hvor du kan ændre dato og tid for leveringen eller vælge at hente pakken i en pakkeshop.",
    ),
];

static SERVICE_POINT: [CheckoutTexts; 4] = [
    texts(
        "Collect at Service point",
        "Nordic Swan Ecolabelled delivery to a service point near you. You will be notified via SMS/email and in PostNord App.",
        "If you don´t make a choice, the parcel will be sent to your nearest Service point. Follow your delivery via Postnord App. You will be notified via SMS/email and in PostNord App. SATURDAY DELIVERY to Service points covering over 2 million households in Sweden. Follow your delivery via PostNord App.",
    ),
    texts(
        "Hämta hos ombud",
        "Svanenmärkt leverans till ett ombud nära dig. Du aviseras via sms/e-post och i PostNord-appen.",
        "Om du inte gör ett val skickas paketet till ditt närmaste ombud. Följ leveransen i PostNord-appen.",
    ),
    texts(
        "Hent på hentested",
        "Levering til et hentested nær deg. Du varsles på sms/e-post og i PostNord-appen.",
        "Hvis du ikke gjør et valg, sendes pakken til nærmeste hentested. Følg leveringen i PostNord-appen.",
    ),
    texts(
        "Afhent i pakkeshop",
        "Levering til en pakkeshop nær dig. Du får besked via sms/e-mail og i PostNord-appen.",
        "Hvis du ikke vælger, sendes pakken til den nærmeste pakkeshop. Følg leveringen i PostNord-appen.",
    ),
];

static PARCEL_LOCKER: [CheckoutTexts; 4] = [
    texts(
        "Collect at parcel locker",
        "Nordic Swan Ecolabelled delivery to a parcel locker near you and opened via PostNord App with Mobile BankID. You will be notified via SMS/email and in the PostNord App.",
        "The parcel lockers are available 24 hours a day, all year round. You open your locker with secure identification, via PostNord App and Mobile BankID. You will be notified via sms/email and in the PostNord App where you can track your parcel. If we are unable to deliver to the parcel locker, e.g. due to the size of the parcel or if the locker is full, the parcel will be delivered to the nearest Service point.",
    ),
    texts(
        "Hämta i paketbox",
        "Svanenmärkt leverans till en paketbox nära dig, som du öppnar med PostNord-appen och Mobilt BankID.",
        "Paketboxarna är öppna dygnet runt, året om. Får paketet inte plats levereras det till närmaste ombud.",
    ),
    texts(
        "Hent i pakkeboks",
        "Levering til en pakkeboks nær deg, som du åpner med PostNord-appen.",
        "Pakkeboksene er åpne hele døgnet, hele året. Får pakken ikke plass, leveres den til nærmeste hentested.",
    ),
    texts(
        "Afhent i pakkeboks",
        "Levering til en pakkeboks nær dig, som du åbner med PostNord-appen.",
        "Pakkeboksene er åbne døgnet rundt, året rundt. Er der ikke plads, leveres pakken til den nærmeste pakkeshop.",
    ),
];

static MAILBOX: [CheckoutTexts; 4] = [
    texts(
        "To your mailbox or at your door",
        "Simple, traceable Nordic Swan Ecolabelled delivery to your mailbox or door.",
        "If we are unable to deliver to your mailbox, e.g. due to size, it will be delivered at your door or in a bag on the outside of your mailbox. You will be notified via sms/email and in the PostNord App where you can track you parcel.",
    ),
    texts(
        "Till din brevlåda eller dörr",
        "Enkel, spårbar Svanenmärkt leverans till din brevlåda eller dörr.",
        "Får paketet inte plats i brevlådan levereras det vid dörren eller i en påse på brevlådan. Du aviseras via sms/e-post och i PostNord-appen.",
    ),
    texts(
        "I postkassen eller på døren",
        "Enkel, sporbar levering i postkassen eller på døren.",
        "Får pakken ikke plass i postkassen, leveres den på døren eller i en pose på postkassen. Du varsles på sms/e-post og i PostNord-appen.",
    ),
    texts(
        "I postkassen eller ved døren",
        "Enkel, sporbar levering i din postkasse eller ved døren.",
        "Er pakken for stor til postkassen, leveres den ved døren eller i en pose på postkassen. Du får besked via sms/e-mail og i PostNord-appen.",
    ),
];

static EXPRESS_MAILBOX: [CheckoutTexts; 4] = [
    texts(
        "Fast delivery to mailbox/door",
        "Fast, traceable Nordic Swan Ecolabelled delivery to your mailbox or door.",
        "If we are unable to deliver to your mailbox, e.g. due to size, it will be delivered at your door or in a bag on the outside of your mailbox. You will be notified via the PostNord App and via sms/email.",
    ),
    texts(
        "Snabb leverans till brevlåda/dörr",
        "Snabb, spårbar Svanenmärkt leverans till din brevlåda eller dörr.",
        "Får paketet inte plats i brevlådan levereras det vid dörren eller i en påse på brevlådan. Du aviseras i PostNord-appen och via sms/e-post.",
    ),
    texts(
        "Rask levering i postkasse/på døren",
        "Rask, sporbar levering i postkassen eller på døren.",
        "Får pakken ikke plass i postkassen, leveres den på døren eller i en pose på postkassen. Du varsles i PostNord-appen og på sms/e-post.",
    ),
    texts(
        "Hurtig levering i postkasse/ved døren",
        "Hurtig, sporbar levering i din postkasse eller ved døren.",
        "Er pakken for stor til postkassen, leveres den ved døren eller i en pose på postkassen. Du får besked i PostNord-appen og via sms/e-mail.",
    ),
];
