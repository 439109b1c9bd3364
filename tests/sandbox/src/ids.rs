//! Identifiers: stable ones derived from the request (so the same request gives the same answer)
//! and unpredictable ones for what the real carriers make unique per call (tokens, request ids).

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

/// 64-bit FNV-1a over `parts`, separated so that ("ab", "c") and ("a", "bc") differ.
pub fn stable_hash(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0xff)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// 32 lower-case hex digits derived from `parts`, the shape of PostNord's `deliveryOptionId`.
pub fn stable_hex32(parts: &[&str]) -> String {
    let high = stable_hash(parts);
    let low = stable_hash(&[&high.to_string(), "low"]);
    format!("{high:016x}{low:016x}")
}

/// `len` hex digits nobody can guess from earlier ones: the standard library's per-process random
/// hasher keys, fed a counter. Enough for tokens of a test server; not cryptography.
pub fn random_hex(len: usize) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let keys = RandomState::new();
    let mut out = String::with_capacity(len + 16);
    while out.len() < len {
        let mut hasher = keys.build_hasher();
        hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        out.push_str(&format!("{:016x}", hasher.finish()));
    }
    out.truncate(len);
    out
}

/// A random version-4-shaped UUID, as Bring's `uniqueId`.
pub fn random_uuid() -> String {
    let hex = random_hex(32);
    format!(
        "{}-{}-4{}-a{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}
