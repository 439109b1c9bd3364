//! How answers vary with the recipient's postal code: transit time, price zone and last-mile
//! vehicles. One table for all carriers and countries, keyed by the code's first digit, so a test
//! can pick a postal code for the answer it needs. The README repeats these tables; change both.

/// Working days from handover to delivery, before a service's own adjustment.
/// First digit 0-4: 1 day, 5-7: 2 days, 8-9: 3 days (so NO 0150 is 1 day, NO 9010 is 3).
pub fn transit_days(postal_code: &str) -> u32 {
    match first_digit(postal_code) {
        0..=4 => 1,
        5..=7 => 2,
        _ => 3,
    }
}

/// Bring's price zone, 1 (the capital region) to 6 (the far north).
pub fn price_zone(postal_code: &str) -> u32 {
    const ZONE_BY_FIRST_DIGIT: [u32; 10] = [1, 1, 2, 2, 3, 3, 4, 4, 5, 6];
    ZONE_BY_FIRST_DIGIT[usize::from(first_digit(postal_code))]
}

/// Vehicles on the last mile, for Bring's environmental data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LastMile {
    /// First digit 0-4: all electric.
    Electric,
    /// First digit 5-8: 60 % electric, 40 % bio fuel.
    FossilFree,
    /// First digit 9: no data (Bring answers with a NO_ENVIRONMENTAL_DATA warning).
    Unknown,
}

pub fn last_mile(postal_code: &str) -> LastMile {
    match first_digit(postal_code) {
        0..=4 => LastMile::Electric,
        5..=8 => LastMile::FossilFree,
        _ => LastMile::Unknown,
    }
}

/// Whether `postal_code` has the shape of a postal code in `country`: four digits in Norway and
/// Denmark, five in Sweden and Finland (without the Swedish space).
pub fn is_valid(country: &str, postal_code: &str) -> bool {
    let digits = match country {
        "NO" | "DK" => 4,
        "SE" | "FI" => 5,
        _ => return false,
    };
    postal_code.len() == digits && postal_code.bytes().all(|b| b.is_ascii_digit())
}

/// The numeric value of a valid postal code, as a seed for generated names and distances.
pub fn seed(postal_code: &str) -> u64 {
    postal_code
        .bytes()
        .filter(u8::is_ascii_digit)
        .fold(0, |n, b| n * 10 + u64::from(b - b'0'))
}

fn first_digit(postal_code: &str) -> u8 {
    postal_code
        .bytes()
        .find(u8::is_ascii_digit)
        .map_or(9, |b| b - b'0')
}
