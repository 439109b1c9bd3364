//! The Bring services the sandbox prices, with their service texts in Norwegian, Swedish, Danish
//! and English. Ids, names and which services have environmental data come from
//! `bring-docs/shipping-guide_2_environmentaldata.md` and `..._lead-time_eta-domestic.md`; the
//! Norwegian 5800 texts are the ones in `..._using-shipping-guide-api_callingsg.md`. Prices are the
//! sandbox's own (see `list_price_ore`), not Bring's.

/// The language of the texts, from the request's `language` (`NO`, `SE`, `DK`, `EN`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    No,
    Se,
    Dk,
    En,
}

impl Language {
    /// Accepts Bring's codes in either case, and the ISO 639 codes clients also send
    /// (`nb`, `nn`, `sv`, `da`). `None` for anything else.
    pub fn parse(code: &str) -> Option<Language> {
        match code.to_ascii_uppercase().as_str() {
            "NO" | "NB" | "NN" => Some(Language::No),
            "SE" | "SV" => Some(Language::Se),
            "DK" | "DA" => Some(Language::Dk),
            "EN" => Some(Language::En),
            _ => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// `(tag, text)`: the language's tag in Bring's image file names, and the electric-vehicle text
    /// Bring's checkout guides recommend (`bring-examples/checkout-guide-*.json`, "Environmental
    /// data and icon"; the Danish guide uses the Norwegian sentence).
    pub fn electric_texts(self) -> (&'static str, &'static str) {
        match self {
            Language::No => ("no", "Pakken leveres med elbil fra lokal terminal til valgt leveringsadresse"),
            Language::Se => ("se", "Paketet levereras med elbil från den lokala terminalen till vald leveransadress"),
            Language::Dk => ("dk", "Pakken leveres med elbil fra lokal terminal til valgt leveringsadresse"),
            Language::En => ("en", "The parcel will be delivered by electric vehicle from the local terminal to the selected delivery address"),
        }
    }

    /// Bring's fossil-free last-mile description (`environmentaldata.md`), in this language.
    pub fn fossil_free_text(self) -> &'static str {
        match self {
            Language::No => "Pakken leveres med fossilfritt drivstoff fra lokal terminal til valgt leveringsadresse",
            Language::Se => "Paketet levereras med fossilfritt drivmedel från den lokala terminalen till vald leveransadress",
            Language::Dk => "Pakken leveres med fossilfrit brændstof fra lokal terminal til valgt leveringsadresse",
            Language::En => "The parcel is delivered with fossil-free fuel from the local terminal to the chosen delivery address",
        }
    }
}

/// Where a service delivers; decides `deliveryType` and the display categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    PickupPoint,
    Home,
    Mailbox,
    Business,
    Express,
}

/// Which routes a service is sold on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coverage {
    /// Norwegian domestic services: from NO to NO only.
    Norway,
    /// Bring's Nordic services: between any of NO, SE, DK and FI.
    Nordic,
}

pub struct Product {
    pub id: &'static str,
    pub production_code: &'static str,
    pub coverage: Coverage,
    pub delivery: Delivery,
    /// List price without VAT, in øre/öre: `base + per_kg * (kg - 1) + per_zone * (zone - 1)`.
    pub base_ore: i64,
    pub per_kg_ore: i64,
    pub per_zone_ore: i64,
    pub max_weight_kg: u32,
    /// Working days added to (or, for express, taken from) the postal code's transit time.
    pub extra_days: i32,
    /// The delivery window `(start hour, end hour)`, when the service has one.
    pub time_slot: Option<(u32, u32)>,
    /// Listed in `environmentaldata.md` (or, for 5800, its 2022 update) as having data.
    pub has_environmental_data: bool,
    /// Home-delivery services offer alternative delivery dates.
    pub has_alternative_dates: bool,
    pub sort_order: u32,
    /// A brand name used in every language (Bring's Nordic services); else `texts.name`.
    pub brand_name: Option<&'static str>,
    pub texts: &'static [Texts; 4],
    pub url_slug: &'static str,
}

/// Service texts in one language.
pub struct Texts {
    pub name: &'static str,
    pub display_name: &'static str,
    pub description: &'static str,
    pub help: &'static str,
}

impl Product {
    pub fn texts(&self, language: Language) -> &'static Texts {
        &self.texts[language.index()]
    }

    pub fn name(&self, language: Language) -> &'static str {
        self.brand_name.unwrap_or(self.texts(language).name)
    }

    /// The list price without VAT, in hundredths of the currency.
    pub fn list_price_ore(&self, chargeable_kg: u32, zone: u32) -> i64 {
        self.base_ore
            + self.per_kg_ore * i64::from(chargeable_kg.saturating_sub(1))
            + self.per_zone_ore * i64::from(zone.saturating_sub(1))
    }

    /// `(deliveryType, mainDisplayCategory, subDisplayCategory)`.
    pub fn categories(&self, language: Language) -> (&'static str, &'static str, &'static str) {
        let i = language.index();
        let delivery_type = match self.delivery {
            Delivery::PickupPoint => [
                "Hentested",
                "Utlämningsställe",
                "Udleveringssted",
                "Pickup point",
            ],
            Delivery::Home | Delivery::Express => ["Dør", "Dörr", "Dør", "Door"],
            Delivery::Mailbox => ["Postkasse", "Brevlåda", "Postkasse", "Mailbox"],
            Delivery::Business => ["Bedrift", "Företag", "Erhverv", "Business"],
        }[i];
        let main = match self.delivery {
            Delivery::Express => ["Ekspress", "Express", "Ekspres", "Express"],
            _ => ["Pakke", "Paket", "Pakke", "Parcel"],
        }[i];
        let sub = match self.delivery {
            Delivery::Business | Delivery::Express => [
                "Til bedrifter",
                "Till företag",
                "Til erhverv",
                "To businesses",
            ],
            _ => [
                "Til privatpersoner",
                "Till privatpersoner",
                "Til privatpersoner",
                "To private individuals",
            ],
        }[i];
        (delivery_type, main, sub)
    }
}

/// The service with id `id`, if the sandbox knows it.
pub fn product(id: &str) -> Option<&'static Product> {
    PRODUCTS.iter().find(|product| product.id == id)
}

static PICKUP_POINT: [Texts; 4] = [
    Texts {
        name: "Pakke til hentested",
        display_name: "Til hentested",
        description: "Pakken kan spores og utleveres på ditt lokale hentested.",
        help: "Pakke til hentested leveres til mottakers lokale hentested (postkontor eller Post i Butikk). Mottaker kan velge å hente sendingen på et annet hentested enn sitt lokale. Mottaker varsles om at sendingen er ankommet via SMS, e-post eller hentemelding i postkassen. Sendingen kan spores ved hjelp av sporingsnummeret.",
    },
    Texts {
        name: "Paket till utlämningsställe",
        display_name: "Till utlämningsställe",
        description: "Paketet kan spåras och hämtas ut på ditt lokala utlämningsställe.",
        help: "Paketet levereras till mottagarens lokala utlämningsställe. Mottagaren aviseras via SMS, e-post eller i appen när paketet har kommit fram, och kan spåra det med kollinumret.",
    },
    Texts {
        name: "Pakke til udleveringssted",
        display_name: "Til udleveringssted",
        description: "Pakken kan spores og udleveres på dit lokale udleveringssted.",
        help: "Pakken leveres til modtagerens lokale udleveringssted. Modtageren får besked via SMS, e-mail eller i appen, når pakken er klar til afhentning, og kan spore den med sporingsnummeret.",
    },
    Texts {
        name: "Pickup parcel",
        display_name: "To pickup point",
        description: "The parcel can be tracked and collected at your local pickup point.",
        help: "The parcel is delivered to the recipient's local pickup point (post office or Post in Shop). The recipient is notified by SMS, e-mail or a note in the mailbox when it has arrived, and can track it with the tracking number.",
    },
];

static HOME: [Texts; 4] = [
    Texts {
        name: "Pakke levert hjem",
        display_name: "Levert hjem",
        description: "Pakken leveres hjem til deg på kveldstid. Du får varsel på SMS.",
        help: "Pakken leveres på døren hos mottaker mellom kl. 17 og 21. Mottaker varsles på SMS dagen før, og kan endre levering i Posten-appen.",
    },
    Texts {
        name: "Paket levererat hem",
        display_name: "Hemleverans",
        description: "Paketet levereras hem till dig på kvällstid. Du aviseras via SMS.",
        help: "Paketet levereras till mottagarens dörr mellan kl. 17 och 21. Mottagaren aviseras via SMS dagen före leverans.",
    },
    Texts {
        name: "Pakke leveret hjem",
        display_name: "Leveret hjem",
        description: "Pakken leveres hjem til dig om aftenen. Du får besked via SMS.",
        help: "Pakken leveres til modtagerens dør mellem kl. 17 og 21. Modtageren får besked via SMS dagen før levering.",
    },
    Texts {
        name: "Home delivery parcel",
        display_name: "Delivered to your home",
        description: "The parcel is delivered to your home in the evening. You are notified by SMS.",
        help: "The parcel is delivered to the recipient's door between 17:00 and 21:00. The recipient is notified by SMS the day before and can change the delivery in the Posten app.",
    },
];

static MAILBOX: [Texts; 4] = [
    Texts {
        name: "Pakke i postkassen",
        display_name: "I postkassen",
        description: "Pakken leveres i postkassen din. Får den ikke plass, settes den utenfor døren.",
        help: "Pakken leveres i mottakers postkasse. Er den for stor for postkassen, settes den utenfor døren. Mottaker kan endre leveringsvalg i Posten-appen.",
    },
    Texts {
        name: "Paket i brevlådan",
        display_name: "I brevlådan",
        description: "Paketet levereras i din brevlåda. Får det inte plats lämnas det utanför dörren.",
        help: "Paketet levereras i mottagarens brevlåda. Är det för stort för brevlådan lämnas det utanför dörren.",
    },
    Texts {
        name: "Pakke i postkassen",
        display_name: "I postkassen",
        description: "Pakken leveres i din postkasse. Er den for stor, stilles den uden for døren.",
        help: "Pakken leveres i modtagerens postkasse. Er den for stor til postkassen, stilles den uden for døren.",
    },
    Texts {
        name: "Home mailbox parcel",
        display_name: "In your mailbox",
        description: "The parcel is delivered to your mailbox. If it does not fit, it is left outside your door.",
        help: "The parcel is delivered to the recipient's mailbox. If it is too large for the mailbox, it is left outside the door. The recipient can change the delivery in the Posten app.",
    },
];

static BUSINESS: [Texts; 4] = [
    Texts {
        name: "Pakke til bedrift",
        display_name: "Til bedrift",
        description: "Pakken leveres til bedriften på dagtid.",
        help: "Pakken leveres til mottakers bedriftsadresse på hverdager mellom kl. 08 og 16.",
    },
    Texts {
        name: "Paket till företag",
        display_name: "Till företag",
        description: "Paketet levereras till företaget dagtid.",
        help: "Paketet levereras till mottagarens företagsadress vardagar mellan kl. 08 och 16.",
    },
    Texts {
        name: "Pakke til erhverv",
        display_name: "Til erhverv",
        description: "Pakken leveres til virksomheden i dagtimerne.",
        help: "Pakken leveres til modtagerens erhvervsadresse på hverdage mellem kl. 08 og 16.",
    },
    Texts {
        name: "Business parcel",
        display_name: "To business",
        description: "The parcel is delivered to the business during working hours.",
        help: "The parcel is delivered to the recipient's business address on working days between 08:00 and 16:00.",
    },
];

static EXPRESS: [Texts; 4] = [
    Texts {
        name: "Ekspress neste dag",
        display_name: "Ekspress neste dag",
        description: "Pakken leveres på døren neste virkedag.",
        help: "Ekspresspakken leveres på døren hos mottaker innen kl. 16 neste virkedag i de fleste områder.",
    },
    Texts {
        name: "Express nästa dag",
        display_name: "Express nästa dag",
        description: "Paketet levereras till dörren nästa vardag.",
        help: "Expresspaketet levereras till mottagarens dörr före kl. 16 nästa vardag i de flesta områden.",
    },
    Texts {
        name: "Ekspres næste dag",
        display_name: "Ekspres næste dag",
        description: "Pakken leveres til døren næste hverdag.",
        help: "Eksprespakken leveres til modtagerens dør inden kl. 16 næste hverdag i de fleste områder.",
    },
    Texts {
        name: "Express next day",
        display_name: "Express next day",
        description: "The parcel is delivered to your door the next working day.",
        help: "The express parcel is delivered to the recipient's door before 16:00 the next working day in most areas.",
    },
];

static PRODUCTS: [Product; 9] = [
    Product {
        id: "5800",
        production_code: "1202",
        coverage: Coverage::Norway,
        delivery: Delivery::PickupPoint,
        base_ore: 8900,
        per_kg_ore: 600,
        per_zone_ore: 800,
        max_weight_kg: 35,
        extra_days: 0,
        time_slot: None,
        has_environmental_data: true,
        has_alternative_dates: false,
        sort_order: 0,
        brand_name: None,
        texts: &PICKUP_POINT,
        url_slug: "pickup-parcel",
    },
    Product {
        id: "5600",
        production_code: "5600",
        coverage: Coverage::Norway,
        delivery: Delivery::Home,
        base_ore: 12900,
        per_kg_ore: 700,
        per_zone_ore: 1000,
        max_weight_kg: 35,
        extra_days: 0,
        time_slot: Some((17, 21)),
        has_environmental_data: true,
        has_alternative_dates: true,
        sort_order: 1,
        brand_name: None,
        texts: &HOME,
        url_slug: "home-delivery-parcel",
    },
    Product {
        id: "3584",
        production_code: "3584",
        coverage: Coverage::Norway,
        delivery: Delivery::Mailbox,
        base_ore: 5900,
        per_kg_ore: 800,
        per_zone_ore: 400,
        max_weight_kg: 5,
        extra_days: 1,
        time_slot: None,
        has_environmental_data: true,
        has_alternative_dates: false,
        sort_order: 2,
        brand_name: None,
        texts: &MAILBOX,
        url_slug: "home-mailbox-parcel",
    },
    Product {
        id: "5000",
        production_code: "5000",
        coverage: Coverage::Norway,
        delivery: Delivery::Business,
        base_ore: 10900,
        per_kg_ore: 650,
        per_zone_ore: 900,
        max_weight_kg: 35,
        extra_days: 0,
        time_slot: Some((9, 13)),
        has_environmental_data: true,
        has_alternative_dates: false,
        sort_order: 3,
        brand_name: None,
        texts: &BUSINESS,
        url_slug: "business-parcel",
    },
    Product {
        id: "4850",
        production_code: "4850",
        coverage: Coverage::Norway,
        delivery: Delivery::Express,
        base_ore: 24900,
        per_kg_ore: 1000,
        per_zone_ore: 1500,
        max_weight_kg: 35,
        extra_days: -1,
        time_slot: Some((8, 16)),
        has_environmental_data: false,
        has_alternative_dates: false,
        sort_order: 4,
        brand_name: None,
        texts: &EXPRESS,
        url_slug: "express-next-day",
    },
    Product {
        id: "0340",
        production_code: "0340",
        coverage: Coverage::Nordic,
        delivery: Delivery::PickupPoint,
        base_ore: 11900,
        per_kg_ore: 900,
        per_zone_ore: 800,
        max_weight_kg: 20,
        extra_days: 0,
        time_slot: None,
        has_environmental_data: true,
        has_alternative_dates: false,
        sort_order: 5,
        brand_name: Some("PickUp Parcel"),
        texts: &PICKUP_POINT,
        url_slug: "pickup-parcel-nordic",
    },
    Product {
        id: "0342",
        production_code: "0342",
        coverage: Coverage::Nordic,
        delivery: Delivery::PickupPoint,
        base_ore: 9900,
        per_kg_ore: 800,
        per_zone_ore: 800,
        max_weight_kg: 20,
        extra_days: 0,
        time_slot: None,
        has_environmental_data: true,
        has_alternative_dates: false,
        sort_order: 6,
        brand_name: Some("PickUp Parcel Bulk"),
        texts: &PICKUP_POINT,
        url_slug: "pickup-parcel-bulk",
    },
    Product {
        id: "0349",
        production_code: "0349",
        coverage: Coverage::Nordic,
        delivery: Delivery::Home,
        base_ore: 15900,
        per_kg_ore: 1000,
        per_zone_ore: 1000,
        max_weight_kg: 35,
        extra_days: 0,
        time_slot: Some((17, 21)),
        has_environmental_data: true,
        has_alternative_dates: true,
        sort_order: 7,
        brand_name: Some("Home Delivery Parcel"),
        texts: &HOME,
        url_slug: "home-delivery-parcel-nordic",
    },
    Product {
        id: "0330",
        production_code: "0330",
        coverage: Coverage::Nordic,
        delivery: Delivery::Business,
        base_ore: 13900,
        per_kg_ore: 900,
        per_zone_ore: 900,
        max_weight_kg: 35,
        extra_days: 0,
        time_slot: Some((9, 13)),
        has_environmental_data: true,
        has_alternative_dates: false,
        sort_order: 8,
        brand_name: Some("Business Parcel"),
        texts: &BUSINESS,
        url_slug: "business-parcel-nordic",
    },
];
