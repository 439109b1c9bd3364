//! `lowercase`: letter case for carrier words (weekday names, delivery types) without
//! Unicode's case tables.
//!
//! Why not `str::to_lowercase`: it ships Unicode's case mapping and case-ignorable tables,
//! about 15 KB of the Worker's wasm, for words that are ASCII or Nordic (`Mån`, `Lør`,
//! `Paketskåp`). Every letter of Latin-1 (ASCII and `À`–`Þ`, where `Å`, `Ä`, `Æ`, `Ö` and `Ø`
//! are) is lowered exactly as `to_lowercase` lowers it; letters beyond Latin-1 are kept, and
//! none of them is in any word these lowercased texts are compared with.

/// `text` with its Latin-1 capitals in lower case.
pub(crate) fn lowercase(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::lowercase;

    #[test]
    fn latin1_letters_lower_as_to_lowercase_lowers_them() {
        for c in (0..=0xff_u32).filter_map(char::from_u32) {
            assert_eq!(
                lowercase(&c.to_string()),
                c.to_lowercase().to_string(),
                "{c:?}"
            );
        }
        assert_eq!(
            lowercase("MÅN. Lør PAKETSKÅP Σ ß"),
            "mån. lør paketskåp Σ ß"
        );
    }
}
