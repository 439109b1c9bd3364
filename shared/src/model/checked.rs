//! `checked`: read a value and check it in one step, inside serde_json's own call for that
//! value, for `#[serde(deserialize_with = …)]` functions that refuse what they read.
//!
//! Why: serde_json gives an error its position when the error comes out of its call for a
//! value. A check made after `String::deserialize(d)?` has returned fails outside that call, so
//! the error would be placed at the end of the enclosing object, and `from_json` (which finds
//! the path from the position, see `json_path`) would name the object instead of the field.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, value, Deserialize, Deserializer, IntoDeserializer, Visitor};

/// Reads a `T` and passes it to `check`; `check`'s `Err` is the field's error. serde's own
/// messages for a value of the wrong type are those of `T`, as if `T` were read directly.
pub(crate) fn checked<'de, D, T, U, F>(deserializer: D, check: F) -> Result<U, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
    F: FnOnce(T) -> Result<U, String>,
{
    deserializer.deserialize_any(Checked {
        check,
        read: PhantomData,
    })
}

/// [`checked`] for an optional value: `null` is `check(None)`. (serde's value deserializers,
/// which `checked` hands values through, do not say "some", so an `Option` is read here.)
pub(crate) fn checked_option<'de, D, T, U, F>(deserializer: D, check: F) -> Result<U, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
    F: FnOnce(Option<T>) -> Result<U, String>,
{
    deserializer.deserialize_option(CheckedOption {
        check,
        read: PhantomData,
    })
}

struct CheckedOption<T, F> {
    check: F,
    read: PhantomData<fn() -> T>,
}

impl<'de, T: Deserialize<'de>, U, F: FnOnce(Option<T>) -> Result<U, String>> Visitor<'de>
    for CheckedOption<T, F>
{
    type Value = U;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("option")
    }

    fn visit_none<E: de::Error>(self) -> Result<U, E> {
        (self.check)(None).map_err(E::custom)
    }

    fn visit_unit<E: de::Error>(self) -> Result<U, E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<U, D::Error> {
        let check = self.check;
        checked(deserializer, |value: T| check(Some(value)))
    }
}

struct Checked<T, F> {
    check: F,
    read: PhantomData<fn() -> T>,
}

impl<'de, T: Deserialize<'de>, U, F: FnOnce(T) -> Result<U, String>> Checked<T, F> {
    fn finish<E: de::Error>(self, read: Result<T, E>) -> Result<U, E> {
        (self.check)(read?).map_err(E::custom)
    }
}

/// Every value serde_json can give is handed to `T` through serde's value deserializers, so `T`
/// decides what it takes and how a wrong type is said.
impl<'de, T: Deserialize<'de>, U, F: FnOnce(T) -> Result<U, String>> Visitor<'de>
    for Checked<T, F>
{
    type Value = U;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        // Never shown: every value is handed to `T`, whose own expectation is said instead.
        formatter.write_str("a value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<U, E> {
        self.finish(T::deserialize(IntoDeserializer::<E>::into_deserializer(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<U, E> {
        self.finish(T::deserialize(IntoDeserializer::<E>::into_deserializer(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<U, E> {
        self.finish(T::deserialize(IntoDeserializer::<E>::into_deserializer(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<U, E> {
        self.finish(T::deserialize(IntoDeserializer::<E>::into_deserializer(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<U, E> {
        self.finish(T::deserialize(value::StrDeserializer::<E>::new(v)))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<U, E> {
        self.finish(T::deserialize(value::BorrowedStrDeserializer::<E>::new(v)))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<U, E> {
        self.finish(T::deserialize(IntoDeserializer::<E>::into_deserializer(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<U, E> {
        self.finish(T::deserialize(IntoDeserializer::<E>::into_deserializer(())))
    }

    fn visit_none<E: de::Error>(self) -> Result<U, E> {
        self.visit_unit()
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<U, A::Error> {
        self.finish(T::deserialize(value::SeqAccessDeserializer::new(seq)))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<U, A::Error> {
        self.finish(T::deserialize(value::MapAccessDeserializer::new(map)))
    }
}
