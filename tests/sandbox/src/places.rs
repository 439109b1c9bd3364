//! Made-up but plausible places near a postal code: the pickup points (Bring) and service points
//! and parcel lockers (PostNord) the sandbox answers with. Deterministic: the same country and
//! postal code always give the same points, in the same order (nearest first).

use crate::postal;

/// One region per first digit of the postal code.
pub struct Region {
    pub city: &'static str,
    pub county: &'static str,
    pub latitude: f64,
    pub longitude: f64,
}

pub struct Country {
    pub code: &'static str,
    regions: [Region; 10],
    streets: [&'static str; 8],
    shops: [&'static str; 6],
    locker: &'static str,
}

/// A generated pickup location, shared by the Bring and PostNord answers.
pub struct Point {
    /// Position in the list, 0 = nearest.
    pub index: u32,
    pub name: String,
    pub street_name: &'static str,
    pub street_number: String,
    pub postal_code: String,
    pub city: &'static str,
    pub county: &'static str,
    pub latitude: f64,
    pub longitude: f64,
    /// Distance from the postal code's centre, in metres.
    pub distance_m: u32,
    pub is_locker: bool,
}

const fn region(city: &'static str, county: &'static str, latitude: f64, longitude: f64) -> Region {
    Region {
        city,
        county,
        latitude,
        longitude,
    }
}

static COUNTRIES: [Country; 4] = [
    Country {
        code: "NO",
        regions: [
            region("OSLO", "OSLO", 59.9139, 10.7522),
            region("SKI", "AKERSHUS", 59.7195, 10.8350),
            region("HAMAR", "INNLANDET", 60.7945, 11.0680),
            region("DRAMMEN", "BUSKERUD", 59.7439, 10.2045),
            region("STAVANGER", "ROGALAND", 58.9700, 5.7331),
            region("BERGEN", "VESTLAND", 60.3913, 5.3221),
            region("ÅLESUND", "MØRE OG ROMSDAL", 62.4722, 6.1495),
            region("TRONDHEIM", "TRØNDELAG", 63.4305, 10.3951),
            region("BODØ", "NORDLAND", 67.2804, 14.4049),
            region("TROMSØ", "TROMS", 69.6492, 18.9553),
        ],
        streets: [
            "STORGATA",
            "KIRKEVEIEN",
            "SKOLEGATA",
            "JERNBANEGATA",
            "PARKVEIEN",
            "TORGGATA",
            "SJØGATA",
            "BRUGATA",
        ],
        shops: [
            "Coop Extra",
            "Kiwi",
            "Rema 1000",
            "Meny",
            "Joker",
            "Coop Prix",
        ],
        locker: "Pakkeboks",
    },
    Country {
        code: "SE",
        regions: [
            region("STOCKHOLM", "STOCKHOLM", 59.3293, 18.0686),
            region("STOCKHOLM", "STOCKHOLM", 59.3293, 18.0686),
            region("MALMÖ", "SKÅNE", 55.6050, 13.0038),
            region("VÄXJÖ", "KRONOBERG", 56.8777, 14.8091),
            region("GÖTEBORG", "VÄSTRA GÖTALAND", 57.7089, 11.9746),
            region("JÖNKÖPING", "JÖNKÖPING", 57.7826, 14.1618),
            region("NORRKÖPING", "ÖSTERGÖTLAND", 58.5877, 16.1924),
            region("UPPSALA", "UPPSALA", 59.8586, 17.6389),
            region("SUNDSVALL", "VÄSTERNORRLAND", 62.3908, 17.3069),
            region("UMEÅ", "VÄSTERBOTTEN", 63.8258, 20.2630),
        ],
        streets: [
            "Storgatan",
            "Kungsgatan",
            "Drottninggatan",
            "Järnvägsgatan",
            "Skolgatan",
            "Parkvägen",
            "Torggatan",
            "Kyrkogatan",
        ],
        shops: [
            "ICA Nära",
            "Coop",
            "Pressbyrån",
            "Hemköp",
            "Willys",
            "ICA Kvantum",
        ],
        locker: "Paketbox",
    },
    Country {
        code: "DK",
        regions: [
            region("KØBENHAVN K", "HOVEDSTADEN", 55.6761, 12.5683),
            region("KØBENHAVN K", "HOVEDSTADEN", 55.6761, 12.5683),
            region("FREDERIKSBERG", "HOVEDSTADEN", 55.6786, 12.5322),
            region("HILLERØD", "HOVEDSTADEN", 55.9267, 12.3109),
            region("ROSKILDE", "SJÆLLAND", 55.6415, 12.0803),
            region("ODENSE C", "SYDDANMARK", 55.4038, 10.4024),
            region("KOLDING", "SYDDANMARK", 55.4904, 9.4722),
            region("VEJLE", "SYDDANMARK", 55.7113, 9.5364),
            region("AARHUS C", "MIDTJYLLAND", 56.1629, 10.2039),
            region("AALBORG", "NORDJYLLAND", 57.0488, 9.9217),
        ],
        streets: [
            "Vestergade",
            "Østergade",
            "Nørregade",
            "Søndergade",
            "Algade",
            "Jernbanegade",
            "Torvet",
            "Bredgade",
        ],
        shops: [
            "Netto",
            "Føtex",
            "SuperBrugsen",
            "Rema 1000",
            "Meny",
            "Spar",
        ],
        locker: "Pakkeboks",
    },
    Country {
        code: "FI",
        regions: [
            region("HELSINKI", "UUSIMAA", 60.1699, 24.9384),
            region("LAHTI", "PÄIJÄT-HÄME", 60.9827, 25.6615),
            region("TURKU", "VARSINAIS-SUOMI", 60.4518, 22.2666),
            region("TAMPERE", "PIRKANMAA", 61.4978, 23.7610),
            region("JYVÄSKYLÄ", "KESKI-SUOMI", 62.2426, 25.7473),
            region("MIKKELI", "ETELÄ-SAVO", 61.6886, 27.2723),
            region("VAASA", "POHJANMAA", 63.0951, 21.6165),
            region("KUOPIO", "POHJOIS-SAVO", 62.8924, 27.6770),
            region("JOENSUU", "POHJOIS-KARJALA", 62.6010, 29.7636),
            region("OULU", "POHJOIS-POHJANMAA", 65.0121, 25.4651),
        ],
        streets: [
            "Kauppakatu",
            "Asemakatu",
            "Koulukatu",
            "Kirkkokatu",
            "Puistokatu",
            "Rantakatu",
            "Torikatu",
            "Satamakatu",
        ],
        shops: [
            "K-Market",
            "S-market",
            "R-kioski",
            "Alepa",
            "K-Supermarket",
            "Sale",
        ],
        locker: "Pakettiautomaatti",
    },
];

/// The sandbox's data for a country code (`NO`, `SE`, `DK`, `FI`).
pub fn country(code: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|country| country.code == code)
}

impl Country {
    pub fn region(&self, postal_code: &str) -> &Region {
        let digit = postal_code
            .bytes()
            .next()
            .filter(u8::is_ascii_digit)
            .map_or(0, |b| b - b'0');
        &self.regions[usize::from(digit)]
    }

    /// The point at `index` in the list of points nearest to `postal_code`, nearest first. Every
    /// third point, starting with the second, is a parcel locker.
    pub fn point(&self, postal_code: &str, index: u32) -> Point {
        let seed = postal::seed(postal_code);
        let region = self.region(postal_code);
        let i = u64::from(index);
        let is_locker = index % 3 == 1;
        let street_name = self.streets[((seed + i * 3) % 8) as usize];
        let shop = self.shops[((seed + i) % 6) as usize];
        let name = if is_locker {
            format!("{} {}", self.locker, title_case(street_name))
        } else {
            format!("{shop} {}", title_case(street_name))
        };
        // Spread the points on a small spiral around the region's centre, nudged by the postal code.
        let nudge = (seed % 97) as f64 * 0.0004;
        let angle = f64::from(index) * 2.4;
        let radius = 0.004 + f64::from(index) * 0.006;
        Point {
            index,
            name,
            street_name,
            street_number: ((seed % 40) + i * 2 + 1).to_string(),
            postal_code: postal_code.to_owned(),
            city: region.city,
            county: region.county,
            latitude: round_to(region.latitude + nudge + radius * angle.sin(), 6),
            longitude: round_to(region.longitude + nudge + radius * 2.0 * angle.cos(), 6),
            distance_m: 300 + index * 650 + (seed % 7) as u32 * 40,
            is_locker,
        }
    }
}

/// "STORGATA" -> "Storgata"; names in mixed case stay as they are.
fn title_case(street: &str) -> String {
    if street.chars().any(char::is_lowercase) {
        return street.to_owned();
    }
    let mut chars = street.chars();
    chars
        .next()
        .map(|first| first.to_string() + &chars.as_str().to_lowercase())
        .unwrap_or_default()
}

fn round_to(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    (value * factor).round() / factor
}
