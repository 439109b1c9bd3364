//! One file per endpoint.

pub mod delivery_options;
pub mod health;
pub mod kss;
pub mod logo;
pub mod ops;
