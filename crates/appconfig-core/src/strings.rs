//! Small string helpers that keep the package's wasm lean: quoting without `Debug`'s Unicode
//! tables, and substring search by bytes without `str`'s two-way searcher.

use std::fmt::{self, Write};

/// `s` in double quotes, escaped as `{:?}` escapes ASCII (`\"`, `\\`, `\n`, `\r`, `\t`, `\0`,
/// `\u{1b}`), the C1 controls and the invisible format characters that can disguise text
/// (zero-width spaces and joiners, bidirectional overrides and isolates, U+FEFF); other characters
/// as they are (`Debug` also escapes other unprintable ones, by tables the wasm does without).
/// For error messages that quote what was given.
pub(crate) struct Quoted<'a>(pub(crate) &'a str);

/// Whether `{:?}` of `c` would escape it, for the characters [`Quoted`] escapes.
fn escaped(c: char) -> bool {
    matches!(c,
        '\0'..='\u{1f}' | '"' | '\\' | '\u{7f}'..='\u{9f}'
        | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}' | '\u{feff}')
}

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        let mut rest = self.0;
        while let Some((i, c)) = rest.char_indices().find(|&(_, c)| escaped(c)) {
            let (before, after) = rest.split_at_checked(i).unwrap_or((rest, ""));
            f.write_str(before)?;
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                '\0' => f.write_str("\\0")?,
                _ => {
                    // `\u{1}`, `\u{1b}`, `\u{202e}`: the fewest hex digits, as `Debug` writes them.
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    f.write_str("\\u{")?;
                    let code = u32::from(c);
                    let mut shift = 28;
                    while shift > 0 && code >> shift == 0 {
                        shift -= 4;
                    }
                    loop {
                        let digit = (code >> shift) & 15;
                        f.write_char(char::from(HEX[digit as usize]))?;
                        if shift == 0 {
                            break;
                        }
                        shift -= 4;
                    }
                    f.write_str("}")?;
                }
            }
            rest = after.get(c.len_utf8()..).unwrap_or_default();
        }
        f.write_str(rest)?;
        f.write_str("\"")
    }
}

/// Where `needle` first occurs in `haystack` (a byte offset), by a plain scan.
pub(crate) fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(0);
    }
    h.windows(n.len()).position(|w| w == n)
}

/// Whether `needle` occurs in `haystack`.
pub(crate) fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_as_debug_does_for_ascii() {
        for s in [
            "plain",
            "a \"b\" \\ c",
            "tab\there\nnew\r\0",
            "\u{1}\u{1b}\u{7f}",
            "é ☃ ü",
            "",
            "\u{80}\u{9f}\u{200b}\u{200d}\u{200f}",
            "evil\u{202e}txt.exe \u{2066}x\u{2069} \u{2060}\u{feff}",
            "mixed \u{202a}\"q\"\u{1b}[0m ü",
        ] {
            assert_eq!(Quoted(s).to_string(), format!("{s:?}"), "{s}");
        }
    }

    #[test]
    fn finds_by_bytes() {
        assert_eq!(find("a//b", "//"), Some(1));
        assert_eq!(find("ab", "abc"), None);
        assert_eq!(find("xé<y>", "<y>"), Some(3));
        assert!(contains("a  b", "  "));
        assert!(!contains("a b", "  "));
    }
}
