//! The edge's one way to write a log line, so that no caller's or carrier's text can forge one.
//!
//! Log lines are read by people in a terminal (`wrangler dev`, `wrangler tail`) and by tools
//! that split on newlines. Text from a request (a KSS identifier, a body's field) or from a
//! carrier's answer could otherwise carry a newline that starts a fake `[wrangler:info]` line,
//! escape sequences that repaint the terminal, or bidirectional controls that reorder what is
//! shown. So every line goes through [`write`] (the [`log!`] macro), which keeps it on one line
//! with such characters escaped and cut to a length a person reads; and request-supplied values
//! are put in with [`quoted`], which shows where they start and end.

/// The longest line written, in characters; the rest is counted, not written.
pub const MAX_LINE_CHARS: usize = 1000;
/// The longest request-supplied value shown in a line, in characters.
pub const MAX_QUOTED_CHARS: usize = 64;

/// Formats a log line and writes it with [`write`].
macro_rules! log {
    ($($arg:tt)*) => {
        $crate::log::write(&format!($($arg)*))
    };
}
pub(crate) use log;

/// Writes `line` to the Worker's log as one line (see [`one_line`]).
pub fn write(line: &str) {
    worker::console_log!("{}", one_line(line));
}

/// `text` as one printable line: line breaks, control characters and invisible format
/// characters (bidirectional overrides, zero-width characters) escaped as `\n`, `\u{1b}`, and
/// the whole cut to [`MAX_LINE_CHARS`] characters.
pub fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len().min(MAX_LINE_CHARS * 2));
    for (index, c) in text.chars().enumerate() {
        if index >= MAX_LINE_CHARS {
            let rest = text.chars().count() - index;
            line.push_str(&format!("… ({rest} more characters)"));
            break;
        }
        match c {
            '\n' => line.push_str("\\n"),
            '\r' => line.push_str("\\r"),
            '\t' => line.push_str("\\t"),
            c if c.is_control() || is_invisible_format(c) => {
                line.extend(c.escape_unicode());
            }
            c => line.push(c),
        }
    }
    line
}

/// A request-supplied value for a log line: in quotes, escaped as Rust's `{:?}` writes a string,
/// cut to [`MAX_QUOTED_CHARS`] characters (marked with `…`).
pub fn quoted(text: &str) -> String {
    let cut: String = text.chars().take(MAX_QUOTED_CHARS).collect();
    if cut.len() < text.len() {
        format!("{cut:?}…")
    } else {
        format!("{cut:?}")
    }
}

/// Characters of Unicode's format category that change what a line shows without being seen:
/// bidirectional marks, embeddings, overrides and isolates, zero-width characters, the byte
/// order mark, and the line and paragraph separators.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00ad}' | '\u{061c}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}'
        | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_stays_one_line_with_nothing_hidden() {
        for (text, expected) in [
            ("plain text, æøå", "plain text, æøå"),
            (
                "sweMerch123\n[wrangler:info] POST /kss/auth 201 OK",
                "sweMerch123\\n[wrangler:info] POST /kss/auth 201 OK",
            ),
            ("a\r\tb", "a\\r\\tb"),
            ("\u{1b}[2Jcleared", "\\u{1b}[2Jcleared"),
            ("abc\u{202e}fed", "abc\\u{202e}fed"),
            ("zero\u{200b}width\u{feff}", "zero\\u{200b}width\\u{feff}"),
            ("nul\0", "nul\\u{0}"),
        ] {
            assert_eq!(one_line(text), expected, "{text:?}");
        }
    }

    #[test]
    fn a_long_line_is_cut_and_says_how_much_is_left() {
        let text = "x".repeat(MAX_LINE_CHARS + 5);
        assert_eq!(
            one_line(&text),
            format!("{}… (5 more characters)", "x".repeat(MAX_LINE_CHARS))
        );
        assert_eq!(
            one_line(&"y".repeat(MAX_LINE_CHARS)),
            "y".repeat(MAX_LINE_CHARS)
        );
    }

    #[test]
    fn a_value_is_quoted_escaped_and_cut() {
        assert_eq!(quoted("sweMerch123"), "\"sweMerch123\"");
        assert_eq!(quoted("a\"b\nc"), "\"a\\\"b\\nc\"");
        assert_eq!(
            quoted(&"m".repeat(100)),
            format!("\"{}\"…", "m".repeat(MAX_QUOTED_CHARS))
        );
    }

    /// Every other file logs through `log!`: a `console_log!` elsewhere would bypass the escaping.
    #[test]
    fn no_file_writes_a_log_line_around_this_module() {
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        let mut offenders = Vec::new();
        while let Some(path) = stack.pop() {
            for entry in std::fs::read_dir(&path).expect("edge/src is readable") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("src/log.rs")
                {
                    let text = std::fs::read_to_string(&path).expect("a source file");
                    if [
                        "console_log!",
                        "console_error!",
                        "console_warn!",
                        "console_debug!",
                    ]
                    .iter()
                    .any(|name| text.contains(name))
                    {
                        offenders.push(path.display().to_string());
                    }
                }
            }
        }
        assert_eq!(offenders, Vec::<String>::new());
    }
}
