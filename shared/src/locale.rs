//! The locales the checkout speaks, and how a shopper's language tag maps onto them.

/// A language the checkout has words for. Every other tag falls back to [`Locale::En`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    En,
    Sv,
    Nb,
    Da,
    Fi,
    De,
}

impl Locale {
    /// Every supported locale, in the order the documentation lists them.
    pub const ALL: [Locale; 6] = [
        Locale::En,
        Locale::Sv,
        Locale::Nb,
        Locale::Da,
        Locale::Fi,
        Locale::De,
    ];

    /// Maps a BCP 47 tag (`sv-SE`, `de_AT`, `NO`) onto a locale by its language subtag.
    ///
    /// Norwegian has three tags in the wild (`nb` Bokmål, `nn` Nynorsk, `no` the macrolanguage);
    /// checkouts write Bokmål, so all three read `nb`. Anything unknown reads English rather than
    /// failing: a shopper with an exotic browser language still gets a sentence.
    pub fn from_tag(tag: &str) -> Locale {
        let language = tag.trim().split(['-', '_']).next().unwrap_or("");
        match language.to_ascii_lowercase().as_str() {
            "sv" => Locale::Sv,
            "nb" | "no" | "nn" => Locale::Nb,
            "da" => Locale::Da,
            "fi" => Locale::Fi,
            "de" => Locale::De,
            _ => Locale::En,
        }
    }

    /// The canonical two-letter tag.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Sv => "sv",
            Locale::Nb => "nb",
            Locale::Da => "da",
            Locale::Fi => "fi",
            Locale::De => "de",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Locale;

    #[test]
    fn tags_map_to_their_language() {
        let cases = [
            ("en", Locale::En),
            ("en-GB", Locale::En),
            ("sv-SE", Locale::Sv),
            ("SV", Locale::Sv),
            ("nb-NO", Locale::Nb),
            ("no", Locale::Nb),
            ("nn", Locale::Nb),
            ("da_DK", Locale::Da),
            ("fi-FI", Locale::Fi),
            ("de-AT", Locale::De),
            ("fr-FR", Locale::En),
            ("", Locale::En),
            ("  de  ", Locale::De),
        ];
        for (tag, expected) in cases {
            assert_eq!(Locale::from_tag(tag), expected, "tag {tag:?}");
        }
    }

    #[test]
    fn canonical_tags_round_trip() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_tag(locale.tag()), locale);
        }
    }
}
