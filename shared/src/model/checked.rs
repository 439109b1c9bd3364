//! Reading a value and checking it in one step, inside serde_json's own call for that value, for
//! `#[serde(deserialize_with = …)]` functions that refuse what they read: `checked_str`,
//! `checked_optional_str`, `checked_int`, `checked_map`.
//!
//! Why: serde_json gives an error its position when the error comes out of its call for a
//! value. A check made after `String::deserialize(d)?` has returned fails outside that call, so
//! the error would be placed at the end of the enclosing object, and `from_json` (which finds
//! the path from the position, see `json_path`) would name the object instead of the field.
//!
//! Each takes the check as a `fn`, not a closure, so a visitor is compiled once per type read
//! rather than once per check. A value of the wrong type is refused with serde's own words for
//! the type (`expected a string`, `expected u8`), as if it were read directly.

use std::fmt;

use serde::de::{self, value, Deserialize, Deserializer, Unexpected, Visitor};

/// A string, then `check`.
pub(crate) fn checked_str<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    check: fn(String) -> Result<T, String>,
) -> Result<T, D::Error> {
    deserializer.deserialize_string(Str(check))
}

/// An optional string (`null` is `None`), then `check`.
pub(crate) fn checked_optional_str<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    check: fn(Option<String>) -> Result<T, String>,
) -> Result<T, D::Error> {
    deserializer.deserialize_option(OptionalStr(check))
}

/// An integer that fits `N` (`u8`, `u32`, `i64`, …), then `check`.
pub(crate) fn checked_int<'de, D: Deserializer<'de>, N, T>(
    deserializer: D,
    check: fn(N) -> Result<T, String>,
) -> Result<T, D::Error>
where
    N: TryFrom<u64> + TryFrom<i64>,
{
    deserializer.deserialize_u64(Int(check))
}

/// A map read as `M` (a `BTreeMap`), then `check`.
pub(crate) fn checked_map<'de, D: Deserializer<'de>, M: Deserialize<'de>, T>(
    deserializer: D,
    check: fn(M) -> Result<T, String>,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(Map(check))
}

struct Str<T>(fn(String) -> Result<T, String>);

impl<T> Visitor<'_> for Str<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.0)(v.to_owned()).map_err(E::custom)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
        (self.0)(v).map_err(E::custom)
    }
}

struct OptionalStr<T>(fn(Option<String>) -> Result<T, String>);

impl<'de, T> Visitor<'de> for OptionalStr<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("option")
    }

    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        (self.0)(None).map_err(E::custom)
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_string(SomeStr(self.0))
    }
}

/// The string inside `Some`, checked inside serde_json's call for it.
struct SomeStr<T>(fn(Option<String>) -> Result<T, String>);

impl<T> Visitor<'_> for SomeStr<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.0)(Some(v.to_owned())).map_err(E::custom)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
        (self.0)(Some(v)).map_err(E::custom)
    }
}

struct Int<N, T>(fn(N) -> Result<T, String>);

impl<N: TryFrom<u64> + TryFrom<i64>, T> Visitor<'_> for Int<N, T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        // serde's own expectation for a primitive integer is its type's name (`u8`).
        formatter.write_str(std::any::type_name::<N>())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        let n = N::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))?;
        (self.0)(n).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        let n = N::try_from(v).map_err(|_| E::invalid_value(Unexpected::Signed(v), &self))?;
        (self.0)(n).map_err(E::custom)
    }
}

struct Map<M, T>(fn(M) -> Result<T, String>);

impl<'de, M: Deserialize<'de>, T> Visitor<'de> for Map<M, T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a map")
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        let read = M::deserialize(value::MapAccessDeserializer::new(map))?;
        (self.0)(read).map_err(de::Error::custom)
    }
}
