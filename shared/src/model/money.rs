//! Amounts of money as KSS writes them: integers in the currency's minor unit.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// An amount in the currency's minor unit (öre, cent): `4000` is 40.00 SEK.
///
/// KSS and Klarna's order API write every price this way. Integers keep sums exact, and the
/// type is signed because Klarna writes discounts as negative amounts.
pub type MinorUnits = i64;

/// A tax rate in hundredths of a percent, as KSS writes it: `2500` is 25 %.
pub type TaxRate = u32;

/// An ISO 4217 currency code such as `SEK`: three ASCII letters, kept in upper case.
///
/// It is `Copy` (three bytes), so a [`Money`] can be passed around as freely as the integer it
/// wraps. Lower-case input (`sek`, as some Klarna examples write it) is accepted and upper-cased.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

/// An amount together with its currency, for the code that formats or sums prices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    /// The amount in the currency's minor unit.
    pub amount: MinorUnits,
    /// The currency the amount is in.
    pub currency: Currency,
}

impl Currency {
    /// Norwegian krone.
    pub const NOK: Currency = Currency(*b"NOK");
    /// Swedish krona.
    pub const SEK: Currency = Currency(*b"SEK");
    /// Danish krone.
    pub const DKK: Currency = Currency(*b"DKK");
    /// Euro (Finland).
    pub const EUR: Currency = Currency(*b"EUR");

    /// The code, e.g. `"SEK"`.
    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored (see `from_str`), so this cannot fail; the fallback
        // keeps the function total without a panic path.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl FromStr for Currency {
    type Err = Error;

    fn from_str(code: &str) -> Result<Self, Error> {
        match code.as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_alphabetic) => Ok(Currency([
                a.to_ascii_uppercase(),
                b.to_ascii_uppercase(),
                c.to_ascii_uppercase(),
            ])),
            _ => Err(Error::Currency(code.to_owned())),
        }
    }
}

impl TryFrom<String> for Currency {
    type Error = Error;

    fn try_from(code: String) -> Result<Self, Error> {
        code.parse()
    }
}

impl From<Currency> for String {
    fn from(currency: Currency) -> String {
        currency.as_str().to_owned()
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
