//! `diff::diff_configurations` for any two contents, any kind, default and tiny limits.
//!
//! Input form: a first line naming the kind (`FeatureFlags`, `Json`, `Yaml`, `Text`, `Binary`;
//! anything else is read as a MIME type by `ContentKind::detect`), followed by ` small` for tiny
//! limits; then the old content, a NUL byte and the new content (no NUL: there is no old
//! version). The seeds are the cases of `crates/appconfig-core/tests/vectors/diff/`.
//!
//! What must hold besides no panic ([`check`]): no old version gives `First`, the same bytes
//! `Identical` and different bytes never; every list, value and line within its limit, and
//! `truncated` set when a list is full; hunks in order and within the contents' lines; the diff's
//! wire form reads back, and the new content read as wire bytes does not panic.

use appconfig_core::diff::{diff_configurations, ConfigDiff, ContentKind, DiffLimits, FlagChangeKind, JsonChange, TextDiff};
use appconfig_core::model::ConfigurationProfileType;

/// Runs one input.
pub fn run(data: &[u8]) {
    let (head, rest) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let head = String::from_utf8_lossy(head);
    let (kind_name, small) = match head.strip_suffix(" small") {
        Some(k) => (k, true),
        None => (head.as_ref(), false),
    };
    let kind = match kind_name {
        "FeatureFlags" => ContentKind::FeatureFlags,
        "Json" => ContentKind::Json,
        "Yaml" => ContentKind::Yaml,
        "Text" => ContentKind::Text,
        "Binary" => ContentKind::Binary,
        other => {
            let flags = ConfigurationProfileType::from(other);
            ContentKind::detect(Some(&flags), Some(other))
        }
    };
    let mut limits = DiffLimits::default();
    if small {
        limits.max_changes = 2;
        limits.max_value_chars = 3;
        limits.max_lines = 4;
        limits.max_line_chars = 2;
        limits.context = 1;
        limits.max_aligned_items = 3;
        limits.max_diffed_lines = 4;
    }
    let (old, new) = match rest.iter().position(|&b| b == 0) {
        Some(i) => (Some(&rest[..i]), &rest[i + 1..]),
        None => (None, rest),
    };
    check(kind, old, new, &limits);
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn check_changes(list: &[JsonChange], truncated: bool, l: &DiffLimits) {
    assert!(list.len() <= l.max_changes, "more changes than max_changes");
    if list.len() < l.max_changes {
        assert!(!truncated, "truncated with room left");
    }
    for c in list {
        for v in [&c.old, &c.new].into_iter().flatten() {
            assert!(chars(v) <= l.max_value_chars, "value past max_value_chars: {v:?}");
        }
    }
}

fn check_text(t: &TextDiff, old: &[u8], new: &[u8], l: &DiffLimits) {
    let lines: usize = t.hunks.iter().map(|h| h.lines.len()).sum();
    assert!(lines <= l.max_lines, "more lines than max_lines");
    let count = |b: &[u8]| b.split_inclusive(|&c| c == b'\n').count();
    let (no, nn) = (count(old), count(new));
    let mut last = (0, 0);
    for h in &t.hunks {
        assert!(h.old_start >= 1 && h.new_start >= 1, "hunks count from 1");
        assert!(h.old_start <= no + 1 && h.new_start <= nn + 1, "hunk past the end");
        assert!((h.old_start, h.new_start) >= last, "hunks in order");
        last = (h.old_start, h.new_start);
        for (_, line) in &h.lines {
            assert!(chars(line) <= l.max_line_chars, "line past max_line_chars");
        }
    }
}

/// The properties every diff has; panics naming the one that failed.
pub fn check(kind: ContentKind, old: Option<&[u8]>, new: &[u8], l: &DiffLimits) {
    let d = diff_configurations(kind, old, new, *l);
    let _ = format!("{d:?}");
    // The wire form reads back as it was; the content read as wire bytes is refused or read,
    // never a panic.
    assert_eq!(ConfigDiff::from_wire(&d.to_wire()).as_ref(), Some(&d), "wire round trip");
    let _ = ConfigDiff::from_wire(new);
    let Some(old) = old else {
        assert!(matches!(d, ConfigDiff::First { .. }), "no old version but {d:?}");
        return;
    };
    assert_eq!(old == new, d == ConfigDiff::Identical, "Identical iff the same bytes");
    if old == new {
        return;
    }
    match &d {
        ConfigDiff::Json(j) => check_changes(&j.changes, j.truncated, l),
        ConfigDiff::Text(t) | ConfigDiff::Unparsable { text: t, .. } => check_text(t, old, new, l),
        ConfigDiff::FeatureFlags(list) => {
            let more = list.iter().filter(|c| matches!(c.kind, FlagChangeKind::More(_))).count();
            assert!(more <= 1, "one More entry at most");
            if more == 1 {
                assert!(matches!(list.last().map(|c| c.kind), Some(FlagChangeKind::More(n)) if n > 0), "More is last and counts some");
            }
            assert!(list.len() <= l.max_changes + 1, "more flags than max_changes");
            for c in list {
                let _ = c.to_string();
                check_changes(&c.attributes, c.truncated, l);
            }
        }
        ConfigDiff::Binary { old: o, new: n } => {
            assert_eq!(o.as_ref().map(|d| d.len), Some(old.len()), "old size");
            assert_eq!(n.len, new.len(), "new size");
            assert_eq!(n.sha256_hex.len(), 64, "a SHA-256 in hex");
        }
        ConfigDiff::Identical | ConfigDiff::First { .. } => panic!("{d:?} for two different versions"),
        _ => {}
    }
}
