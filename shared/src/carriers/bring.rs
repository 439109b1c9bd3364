//! Bring (Posten in Norway): Shipping Guide API v2 and the Pickup Point API. Being written.
