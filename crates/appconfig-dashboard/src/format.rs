//! Times and numbers for people: local time with UTC on hover, "12 min ago", percentages; and
//! long identifiers (ARNs, URIs) cut where they may wrap.

use appconfig_core::timeline::format_duration;
use appconfig_core::DateTime;
use wasm_bindgen::JsValue;

/// Local date and time (`27 Nov 2026, 07:43:54`), in the browser's locale and time zone.
pub(crate) fn local_time(t: &DateTime) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(t.epoch_millis() as f64));
    let opts = js_sys::Object::new();
    for (k, v) in [
        ("year", "numeric"),
        ("month", "short"),
        ("day", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("second", "2-digit"),
    ] {
        let _ = js_sys::Reflect::set(&opts, &k.into(), &v.into());
    }
    let _ = js_sys::Reflect::set(&opts, &"hour12".into(), &JsValue::FALSE);
    d.to_locale_string("default", &opts).into()
}

/// Local clock time only (`07:43`), for chart axes.
pub(crate) fn local_clock(ms: f64, seconds: bool) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(ms));
    let (h, m, s) = (d.get_hours(), d.get_minutes(), d.get_seconds());
    if seconds {
        format!("{h:02}:{m:02}:{s:02}")
    } else {
        format!("{h:02}:{m:02}")
    }
}

/// Local day and clock time (`18 Nov 07:00`), for axes spanning days.
pub(crate) fn local_day_clock(ms: f64) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let d = js_sys::Date::new(&JsValue::from_f64(ms));
    let month = MONTHS.get(d.get_month() as usize).copied().unwrap_or("");
    format!(
        "{} {month} {:02}:{:02}",
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// The UTC form for `title` attributes (`2021-09-17T21:43:54Z UTC`).
pub(crate) fn utc_title(t: &DateTime) -> String {
    format!("{} UTC", t.to_rfc3339())
}

/// "12 min ago", "in 3 min", "just now".
pub(crate) fn relative(t: &DateTime, now_ms: f64) -> String {
    let diff = now_ms as i64 - t.epoch_millis();
    if diff.abs() < 5_000 {
        return "just now".to_owned();
    }
    let text = long_duration(diff.abs());
    if diff > 0 {
        format!("{text} ago")
    } else {
        format!("in {text}")
    }
}

/// A duration as a person says it: "12 min", "3 h 5 min", "9 d", "4 months", "5 years".
pub(crate) fn long_duration(ms: i64) -> String {
    const DAY: i64 = 86_400_000;
    if ms >= 365 * DAY {
        let y = ms / (365 * DAY);
        format!("{y} year{}", if y == 1 { "" } else { "s" })
    } else if ms >= 60 * DAY {
        format!("{} months", ms / (30 * DAY))
    } else if ms >= 2 * DAY {
        format!("{} d", ms / DAY)
    } else {
        format_duration(round_for_humans(ms))
    }
}

/// Drops the seconds from durations over a minute and the minutes from those over a day.
pub(crate) fn round_for_humans(ms: i64) -> i64 {
    if ms >= 86_400_000 {
        ms / 3_600_000 * 3_600_000
    } else if ms >= 60_000 {
        ms / 60_000 * 60_000
    } else {
        ms / 1000 * 1000
    }
}

/// `s` with its first letter upper-cased, ASCII only: for the dashboard's own and AWS's ASCII
/// texts ("next step overdue by 3 min" → "Next step …"), without the Unicode case tables.
pub(crate) fn capitalized(s: &str) -> String {
    let mut out = s.to_owned();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// `s` lower-cased for case-insensitive matching, by the browser (`String.prototype.
/// toLowerCase`, full Unicode) rather than by Rust's case tables (~23 KB of wasm).
pub(crate) fn folded(s: &str) -> String {
    if cfg!(target_arch = "wasm32") {
        String::from(js_sys::JsString::from(s).to_lower_case())
    } else {
        s.to_ascii_lowercase()
    }
}

/// "25%", "0.5%" or "33.33%": at most two decimals, no trailing zeros (the strategy reads
/// "0.5% every 5 min", so its steps must not read "0.50%").
pub(crate) fn percent(p: f64) -> String {
    if (p - p.round()).abs() < 0.005 {
        format!("{}%", p.round() as i64)
    } else {
        let two = format!("{p:.2}");
        format!("{}%", two.trim_end_matches('0'))
    }
}

/// `text` as pieces for wrapping: `(true, piece)` are the parts of a long identifier (an ARN,
/// a URI, a dotted name: a word of more than 16 characters holding `:`, `/` or `.`), each ending
/// after one of those; `(false, piece)` is other text, kept whole. The pieces join back to `text`.
pub(crate) fn wrap_pieces(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    for token in text.split_inclusive(char::is_whitespace) {
        let word = token.trim_end();
        if word.chars().count() > 16 && word.contains([':', '/', '.']) {
            out.extend(word.split_inclusive([':', '/', '.']).map(|p| (true, p)));
            if word.len() < token.len() {
                out.push((false, &token[word.len()..]));
            }
        } else {
            out.push((false, token));
        }
    }
    out
}

/// `text` (untrusted: always a text node) with its long identifiers wrapping after `:`, `/`
/// or `.` (each part an inline block) instead of at a hyphen (`arn:aws:kms:us-east-` / `1:…`).
pub(crate) fn wrapped(text: &str) -> yew::Html {
    wrap_pieces(text)
        .into_iter()
        .map(|(part, piece)| {
            if part {
                yew::html! { <span class="seg">{ piece.to_owned() }</span> }
            } else {
                yew::html! { { piece.to_owned() } }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn percentages_and_rounding() {
        assert_eq!(percent(25.0), "25%");
        assert_eq!(percent(33.333), "33.33%");
        assert_eq!(percent(0.5), "0.5%");
        assert_eq!(percent(12.301), "12.3%");
        assert_eq!(percent(99.999), "100%");
        assert_eq!(round_for_humans(12 * 60_000 + 40_000), 12 * 60_000);
        assert_eq!(round_for_humans(42_300), 42_000);
        assert_eq!(long_duration(1896 * 86_400_000), "5 years");
        assert_eq!(long_duration(90 * 86_400_000), "3 months");
        assert_eq!(long_duration(125_000), "2 min");
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn long_identifiers_wrap_after_separators_only() {
        let arn = "arn:aws:kms:us-east-1:123456789012:key/0c7a1f4e-8f1b";
        let parts: Vec<&str> = wrap_pieces(arn).into_iter().map(|(_, p)| p).collect();
        assert_eq!(
            parts,
            [
                "arn:",
                "aws:",
                "kms:",
                "us-east-1:",
                "123456789012:",
                "key/",
                "0c7a1f4e-8f1b"
            ]
        );
        let text = "Rollback initiated by alarm arn:aws:cloudwatch:us-east-1:1:alarm:x 3.00 s";
        let pieces = wrap_pieces(text);
        assert_eq!(pieces.iter().map(|(_, p)| *p).collect::<String>(), text);
        assert!(pieces.contains(&(false, "initiated ")));
        assert!(pieces.contains(&(true, "us-east-1:")));
        assert!(pieces.contains(&(false, "3.00 ")), "{pieces:?}");
        assert_eq!(wrap_pieces("pay0001"), [(false, "pay0001")]);
    }
}

/// Text with bidirectional control characters shown as visible marks (`⟨U+202E⟩`), as code
/// hosts do: a right-to-left override in `"\u{202e}gnp.exe"` would otherwise display as
/// "exe.png". Invisible characters that only hide a difference are marked too (zero width
/// space, word joiner, zero width no-break space, soft hyphen, Mongolian vowel separator): in a
/// diff, `checkout\u{200b}-v2` added beside `checkout-v2` removed would look like one flag. The
/// zero width joiner and non-joiner stay: emoji sequences and several scripts need them.
pub(crate) fn visible(text: &str) -> String {
    let hidden = |c: char| {
        matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
            | '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{00ad}' | '\u{180e}')
    };
    if !text.chars().any(hidden) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if hidden(c) {
                format!("⟨U+{:04X}⟩", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The most characters of an untrusted name shown where it must not push out what comes after
/// it (a confirmation, the tab title, a notification): AWS names are at most 64.
pub(crate) const LABEL_MAX: usize = 64;

/// An untrusted name as [`visible`] shows it, cut to [`LABEL_MAX`] characters with "…".
pub(crate) fn label(text: &str) -> String {
    let cut = text
        .char_indices()
        .nth(LABEL_MAX)
        .map_or(text.len(), |(i, _)| i);
    let mut shown = visible(&text[..cut]);
    if cut < text.len() {
        shown.push('…');
    }
    shown
}

#[cfg(test)]
mod bidi_tests {
    use super::{label, visible, LABEL_MAX};

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn a_label_is_visible_and_short() {
        assert_eq!(label("\u{202e}gnp.exe"), "⟨U+202E⟩gnp.exe");
        let long = "é".repeat(10_000);
        assert_eq!(label(&long), format!("{}…", "é".repeat(LABEL_MAX)));
        assert_eq!(label(&"x".repeat(LABEL_MAX)), "x".repeat(LABEL_MAX));
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn a_right_to_left_override_is_shown_not_obeyed() {
        assert_eq!(visible("\u{202e}gnp.exe"), "⟨U+202E⟩gnp.exe");
        assert_eq!(visible("a\u{2067}b\u{2069}"), "a⟨U+2067⟩b⟨U+2069⟩");
        assert_eq!(visible("payments-service"), "payments-service");
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn invisible_characters_that_hide_a_difference_are_shown() {
        assert_eq!(visible("checkout\u{200b}-v2"), "checkout⟨U+200B⟩-v2");
        assert_eq!(
            visible("a\u{feff}b\u{2060}c\u{ad}d"),
            "a⟨U+FEFF⟩b⟨U+2060⟩c⟨U+00AD⟩d"
        );
        // Joiners are part of emoji and scripts: kept as they are.
        assert_eq!(
            visible("👩\u{200d}💻 می\u{200c}خواهم"),
            "👩\u{200d}💻 می\u{200c}خواهم"
        );
    }
}
