//! Text from people: the one rule for free text, and the one way control characters are shown.
//!
//! Free text (names, `--reason`, `--reference`, the actor) is stored and later drawn in tables,
//! so it may not hold anything that moves a terminal's cursor or reorders what it shows. Text
//! that is only echoed (a mistyped serial, an unknown site, an old ledger's rows) is shown with
//! those characters escaped, so that a message stays on one line.

use std::borrow::Cow;
use std::fmt::Write;

/// The most characters of a distributor, site, apartment or voucher name.
pub const NAME_MAX: usize = 200;
/// The most characters of a `credits adjust --reason`.
pub const REASON_MAX: usize = 500;
/// The most characters of a `credits use --reference`.
pub const REFERENCE_MAX: usize = 200;
/// The most characters of an actor (`--as`, `$CREDITCTL_ACTOR`, the login user).
pub const ACTOR_MAX: usize = 100;

/// Whether `c` may move the cursor, break a line or reorder text on a terminal: the C0 and C1
/// control characters and DEL, the Unicode line and paragraph separators, and the
/// bidirectional embedding, override and isolate controls.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'
                ..='\u{202e}' | '\u{2066}'
                ..='\u{2069}'
        )
}

/// `text` with every unsafe character escaped: `\n`, `\r`, `\t`, and `\u{1b}` (lowercase hex,
/// Rust style) for the others. Everything else, backslashes included, is shown as it is.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// Bytes from the operating system (an argument, a variable, a path) as one line: valid UTF-8
/// escaped as by [`escape`], every byte that is not UTF-8 as `\xFF`.
pub fn escape_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            push_escaped(&mut out, c);
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02X}");
        }
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if is_unsafe(c) => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

/// The rule for free text: `value` without surrounding whitespace, 1 to `max_chars` characters,
/// none of them unsafe (see [`is_unsafe`]; a newline or tab anywhere, even at an end, is
/// refused rather than trimmed away). The error is one line naming `field` and the limit.
pub fn free_text(field: &str, value: &str, max_chars: usize) -> Result<String, String> {
    let limit = format!("it takes 1 to {max_chars} printable characters on one line");
    if let Some((i, c)) = value.chars().enumerate().find(|&(_, c)| is_unsafe(c)) {
        return Err(format!(
            "{field} holds the control character {} at character {}; {limit}",
            escape(c.encode_utf8(&mut [0; 4])),
            i + 1
        ));
    }
    let text = value.trim();
    if text.is_empty() {
        return Err(format!("{field} is empty; {limit}"));
    }
    let n = text.chars().count();
    if n > max_chars {
        return Err(format!("{field} is {n} characters long; {limit}"));
    }
    Ok(text.to_string())
}

/// A CSV cell that a spreadsheet will not run as a formula: a cell starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'`.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn spreadsheet_formulas_are_defused() {
        for (cell, safe) in [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Office", "Office"),
            ("", ""),
            ("1=1", "1=1"),
            ("'=1", "'=1"),
        ] {
            assert_eq!(spreadsheet_safe(cell), safe, "{cell:?}");
        }
    }

    proptest! {
        #[test]
        fn a_safe_cell_never_starts_a_formula_and_keeps_the_text(cell in ".*") {
            let safe = spreadsheet_safe(&cell);
            prop_assert!(!safe.starts_with(['=', '+', '-', '@', '\t', '\r']));
            let quoted = format!("'{}", cell);
            prop_assert!(safe == cell || safe == quoted);
        }
    }

    #[test]
    fn escapes_controls_in_one_documented_form() {
        assert_eq!(escape("plain ünïcode \\n"), "plain ünïcode \\n");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        assert_eq!(escape("a\nb\r\tc"), "a\\nb\\r\\tc");
        assert_eq!(escape("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert_eq!(
            escape("\0\u{7f}\u{85}\u{9b}"),
            "\\u{0}\\u{7f}\\u{85}\\u{9b}"
        );
        assert_eq!(escape("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(escape("x\u{2028}y"), "x\\u{2028}y");
    }

    #[test]
    fn escapes_bytes_that_are_not_utf8() {
        assert_eq!(escape_bytes(b"/tmp/\xff.db"), "/tmp/\\xFF.db");
        assert_eq!(escape_bytes(b"\xc3\x28\n"), "\\xC3(\\n");
        assert_eq!(escape_bytes("é".as_bytes()), "é");
    }

    #[test]
    fn free_text_rule() {
        assert_eq!(free_text("--reason", "  fix  ", 5), Ok("fix".into()));
        assert_eq!(free_text("--reason", "ünï", 3), Ok("ünï".into()));
        let long = free_text("--reason", "abcdef", 5).unwrap_err();
        assert_eq!(
            long,
            "--reason is 6 characters long; it takes 1 to 5 printable characters on one line"
        );
        assert!(
            free_text("--reason", "   ", 5)
                .unwrap_err()
                .contains("is empty")
        );
        assert!(
            free_text("--reason", "", 5)
                .unwrap_err()
                .contains("is empty")
        );
        let control = free_text("--name", "a\nb", 5).unwrap_err();
        assert_eq!(
            control,
            "--name holds the control character \\n at character 2; it takes 1 to 5 printable characters on one line"
        );
        assert!(free_text("--name", "fix\n", 9).is_err(), "not trimmed away");
        assert!(free_text("--name", "a\u{1b}[2J", 9).is_err());
        assert!(free_text("--name", "a\u{202e}b", 9).is_err());
    }

    proptest! {
        #[test]
        fn escaped_text_is_one_safe_line(s in "\\PC*|[\\x00-\\x1f\\x7f-\\u{9f}a\\\\]{0,40}") {
            let e = escape(&s);
            prop_assert!(!e.chars().any(is_unsafe), "{:?}", e);
            if !s.chars().any(is_unsafe) {
                prop_assert_eq!(e.as_ref(), s.as_str());
            }
        }

        #[test]
        fn escaped_bytes_are_one_safe_line(b in proptest::collection::vec(any::<u8>(), 0..64)) {
            let e = escape_bytes(&b);
            prop_assert!(!e.chars().any(is_unsafe), "{:?}", e);
            if let Ok(s) = std::str::from_utf8(&b) {
                prop_assert_eq!(e, escape(s).into_owned());
            }
        }

        #[test]
        fn accepted_free_text_is_safe_trimmed_and_short(
            s in "[ \\t\\na-zé\\x1b\\x7f\\u{85}\\u{202e}\\u{2028}]{0,60}|.{0,60}",
            max in 1usize..50,
        ) {
            match free_text("--reason", &s, max) {
                Ok(t) => {
                    prop_assert!(!t.is_empty() && t.chars().count() <= max);
                    prop_assert!(!t.chars().any(is_unsafe));
                    prop_assert_eq!(t.as_str(), s.trim());
                }
                Err(m) => {
                    prop_assert!(m.starts_with("--reason "));
                    let limit = format!("1 to {max} ");
                    prop_assert!(m.contains(&limit), "{}", m);
                    prop_assert!(!m.chars().any(is_unsafe));
                }
            }
        }

        #[test]
        fn printable_text_within_the_limit_is_accepted(s in "[a-zA-Z0-9 äöü€'\"-]{1,30}") {
            prop_assume!(!s.trim().is_empty());
            prop_assert_eq!(free_text("--name", &s, 30), Ok(s.trim().to_string()));
        }
    }
}
