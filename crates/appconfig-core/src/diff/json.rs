//! JSON compared by path: added, removed and changed members and items, values rendered
//! compactly and cut, arrays aligned when they are small enough.

use std::hash::{Hash as _, Hasher};

use serde_json::Value;

use super::DiffLimits;

/// What happened at a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChangeKind {
    /// Only the new version has it.
    Added,
    /// Only the old version has it.
    Removed,
    /// Both have it, with different values.
    Changed,
}

impl ChangeKind {
    /// `added`, `removed`, `changed`.
    pub fn as_str(&self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
}

/// One change at one path.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct JsonChange {
    /// Where: members joined by `.` (`a.b`), items as `[3]`, members that are not plain words
    /// quoted (`["a.b"]`); `$` for the whole document.
    pub path: String,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// The old value as compact JSON, cut to [`DiffLimits::max_value_chars`] (ends in `…`).
    pub old: Option<String>,
    /// The new value, likewise.
    pub new: Option<String>,
}

/// The changes of a JSON document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct JsonDiff {
    /// The changes, in document order (members by name).
    pub changes: Vec<JsonChange>,
    /// True when [`DiffLimits::max_changes`] cut the list.
    pub truncated: bool,
}

/// Parses a JSON document, saying which version failed.
pub(super) fn parse(which: &str, text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| format!("{which} version: not JSON: {e}"))
}

pub(super) fn diff_json_text(
    old: &str,
    new: &str,
    limits: &DiffLimits,
) -> Result<JsonDiff, String> {
    let old = parse("old", old)?;
    let new = parse("new", new)?;
    let mut out = Collector::new(limits, limits.max_changes);
    out.walk(&mut String::new(), &old, &new);
    Ok(out.finish())
}

/// `JSON object with 4 keys`, `JSON array of 3 items`, `JSON string`, ...
pub(super) fn summary(text: &str) -> Option<String> {
    Some(match serde_json::from_str::<Value>(text).ok()? {
        Value::Object(m) => format!("JSON object with {} {}", m.len(), plural(m.len(), "key")),
        Value::Array(a) => format!("JSON array of {} {}", a.len(), plural(a.len(), "item")),
        Value::String(_) => "JSON string".to_owned(),
        Value::Number(_) => "JSON number".to_owned(),
        Value::Bool(_) => "JSON boolean".to_owned(),
        Value::Null => "JSON null".to_owned(),
    })
}

pub(super) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// Gathers changes up to a cap; the walk stops adding once it is full.
pub(super) struct Collector<'a> {
    limits: &'a DiffLimits,
    cap: usize,
    pub(super) changes: Vec<JsonChange>,
    pub(super) truncated: bool,
}

impl<'a> Collector<'a> {
    pub(super) fn new(limits: &'a DiffLimits, cap: usize) -> Self {
        Collector {
            limits,
            cap,
            changes: Vec::new(),
            truncated: false,
        }
    }

    pub(super) fn finish(self) -> JsonDiff {
        JsonDiff {
            changes: self.changes,
            truncated: self.truncated,
        }
    }

    fn full(&mut self) -> bool {
        if self.changes.len() >= self.cap {
            self.truncated = true;
        }
        self.truncated
    }

    fn push(&mut self, path: &str, kind: ChangeKind, old: Option<&Value>, new: Option<&Value>) {
        if self.full() {
            return;
        }
        let max = self.limits.max_value_chars;
        self.changes.push(JsonChange {
            path: if path.is_empty() {
                "$".to_owned()
            } else {
                path.to_owned()
            },
            kind,
            old: old.map(|v| render(v, max)),
            new: new.map(|v| render(v, max)),
        });
    }

    /// Compares `old` and `new` at `path` (restored on return).
    pub(super) fn walk(&mut self, path: &mut String, old: &Value, new: &Value) {
        if self.full() {
            return;
        }
        match (old, new) {
            (Value::Object(a), Value::Object(b)) => {
                let mut keys: Vec<&String> = a
                    .keys()
                    .chain(b.keys().filter(|k| !a.contains_key(*k)))
                    .collect();
                keys.sort_unstable();
                for key in keys {
                    if self.full() {
                        return;
                    }
                    let len = path.len();
                    push_key(path, key);
                    match (a.get(key), b.get(key)) {
                        (Some(x), Some(y)) => self.walk(path, x, y),
                        (Some(x), None) => self.push(path, ChangeKind::Removed, Some(x), None),
                        (None, Some(y)) => self.push(path, ChangeKind::Added, None, Some(y)),
                        (None, None) => {}
                    }
                    path.truncate(len);
                }
            }
            (Value::Array(a), Value::Array(b)) => self.walk_array(path, a, b),
            (x, y) if x == y => {}
            (x, y) => self.push(path, ChangeKind::Changed, Some(x), Some(y)),
        }
    }

    fn walk_array(&mut self, path: &mut String, a: &[Value], b: &[Value]) {
        let limit = self.limits.max_aligned_items;
        if a.len() == b.len() || a.len() > limit || b.len() > limit {
            // In place edits (same length), or too long to align: index by index.
            for i in 0..a.len().max(b.len()) {
                if self.full() {
                    return;
                }
                self.item(path, i, a.get(i), b.get(i));
            }
            return;
        }
        // Items inserted or removed: aligned by a diff of the items' hashes, so that one
        // inserted item is one change and not a change of every item after it.
        let ha: Vec<u64> = a.iter().map(item_hash).collect();
        let hb: Vec<u64> = b.iter().map(item_hash).collect();
        for op in similar::capture_diff_slices(similar::Algorithm::Myers, &ha, &hb) {
            if self.full() {
                return;
            }
            let (_, old_range, new_range) = op.as_tag_tuple();
            if op.tag() == similar::DiffTag::Equal {
                continue;
            }
            // Paired items are compared in depth, the rest added or removed.
            let paired = old_range.len().min(new_range.len());
            for k in 0..paired {
                let (i, j) = (old_range.start + k, new_range.start + k);
                let len = path.len();
                push_index(path, j);
                self.walk(path, &a[i], &b[j]);
                path.truncate(len);
            }
            for i in old_range.skip(paired) {
                self.item(path, i, a.get(i), None);
            }
            for j in new_range.skip(paired) {
                self.item(path, j, None, b.get(j));
            }
        }
    }

    fn item(&mut self, path: &mut String, i: usize, a: Option<&Value>, b: Option<&Value>) {
        let len = path.len();
        push_index(path, i);
        match (a, b) {
            (Some(x), Some(y)) => self.walk(path, x, y),
            (Some(x), None) => self.push(path, ChangeKind::Removed, Some(x), None),
            (None, Some(y)) => self.push(path, ChangeKind::Added, None, Some(y)),
            (None, None) => {}
        }
        path.truncate(len);
    }
}

/// An array item for the alignment: a hash of its whole value, so the diff's many comparisons
/// cost one integer compare each (two different items with the same 64-bit hash would be
/// taken as equal: a chance of 2^-64 per pair).
fn item_hash(value: &Value) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    hash_value(value, &mut h);
    h.finish()
}

/// A hash of a JSON value that agrees with its `==` (object members by name, any order).
fn hash_value(v: &Value, h: &mut impl Hasher) {
    match v {
        Value::Null => h.write_u8(0),
        Value::Bool(b) => {
            h.write_u8(1);
            b.hash(h);
        }
        Value::Number(n) => {
            h.write_u8(2);
            n.to_string().hash(h);
        }
        Value::String(s) => {
            h.write_u8(3);
            s.hash(h);
        }
        Value::Array(a) => {
            h.write_u8(4);
            h.write_usize(a.len());
            for x in a {
                hash_value(x, h);
            }
        }
        Value::Object(m) => {
            h.write_u8(5);
            h.write_usize(m.len());
            // Order-independent: the members' hashes summed.
            let mut sum = 0u64;
            for (k, x) in m {
                let mut inner = std::collections::hash_map::DefaultHasher::new();
                k.hash(&mut inner);
                hash_value(x, &mut inner);
                sum = sum.wrapping_add(inner.finish());
            }
            h.write_u64(sum);
        }
    }
}

/// `.key`, or `["key"]` for a key that is not a plain word (and for any key at the start, so a
/// path never begins with a dot).
fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if plain {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else {
        path.push('[');
        path.push_str(&serde_json::to_string(key).unwrap_or_default());
        path.push(']');
    }
}

fn push_index(path: &mut String, i: usize) {
    use std::fmt::Write as _;
    let _ = write!(path, "[{i}]");
}

/// A value as compact JSON, at most `max` characters (the cut ends in `…`). Serializing stops
/// once past the limit, so a huge value costs no more than a small one.
pub(super) fn render(v: &Value, max: usize) -> String {
    struct Capped {
        buf: Vec<u8>,
        cap: usize,
    }
    impl std::io::Write for Capped {
        fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
            if self.buf.len() > self.cap {
                return Err(std::io::Error::other("full"));
            }
            self.buf.extend_from_slice(data);
            Ok(data.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    // Four bytes per character at most, and one more to know there is more.
    let mut w = Capped {
        buf: Vec::new(),
        cap: max.saturating_mul(4).saturating_add(4),
    };
    let _ = serde_json::to_writer(&mut w, v);
    cut(&String::from_utf8_lossy(&w.buf), max)
}

/// `s` cut to `max` characters, ending in `…` when cut.
pub(super) fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_owned(),
        Some((at, _)) => {
            let keep = s[..at]
                .char_indices()
                .nth(max.saturating_sub(1))
                .map_or(at, |(i, _)| i);
            format!("{}…", &s[..keep])
        }
    }
}
