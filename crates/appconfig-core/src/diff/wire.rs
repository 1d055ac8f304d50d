//! A [`ConfigDiff`] as bytes, for the comparison to run in its own wasm module (loaded only when
//! someone asks what changed) and its result to cross to the page's module: a few hundred lines
//! of reader and writer instead of serde's derives in both.
//!
//! The form: `ACD` and a version byte, then the value. Numbers are u64 little-endian, strings a
//! u32 length and UTF-8, options and booleans one byte, lists a u32 count, variants one tag byte.
//! The reader takes any bytes and answers `None` for what this build did not write (another
//! version, a cut or altered buffer); it never panics and never allocates more than the input
//! can hold.

use super::{
    ChangeKind, ConfigDiff, ContentKind, Digest, FlagChange, FlagChangeKind, Hunk, JsonChange,
    JsonDiff, LineTag, TextDiff,
};

const MAGIC: &[u8; 4] = b"ACD\x01";

impl ContentKind {
    /// The kind as a number, for a call into the comparison module.
    pub fn code(&self) -> u32 {
        match self {
            ContentKind::FeatureFlags => 0,
            ContentKind::Json => 1,
            ContentKind::Yaml => 2,
            ContentKind::Text => 3,
            ContentKind::Binary => 4,
        }
    }

    /// The kind of [`ContentKind::code`]; an unknown code is compared as binary (sizes and
    /// digests show any content).
    pub fn from_code(code: u32) -> ContentKind {
        match code {
            0 => ContentKind::FeatureFlags,
            1 => ContentKind::Json,
            2 => ContentKind::Yaml,
            3 => ContentKind::Text,
            _ => ContentKind::Binary,
        }
    }
}

impl ConfigDiff {
    /// This diff as bytes that [`ConfigDiff::from_wire`] reads back.
    pub fn to_wire(&self) -> Vec<u8> {
        let mut w = Writer(MAGIC.to_vec());
        match self {
            ConfigDiff::First { summary } => {
                w.tag(0);
                w.text(summary);
            }
            ConfigDiff::Identical => w.tag(1),
            ConfigDiff::FeatureFlags(list) => {
                w.tag(2);
                w.count(list.len());
                for f in list {
                    w.text(&f.flag);
                    let (tag, more) = match f.kind {
                        FlagChangeKind::Added => (0, 0),
                        FlagChangeKind::Removed => (1, 0),
                        FlagChangeKind::Enabled => (2, 0),
                        FlagChangeKind::Disabled => (3, 0),
                        FlagChangeKind::AttributesChanged => (4, 0),
                        FlagChangeKind::More(n) => (5, n),
                    };
                    w.tag(tag);
                    w.number(more);
                    w.flag(f.enabled);
                    w.changes(&f.attributes);
                    w.flag(f.truncated);
                }
            }
            ConfigDiff::Json(j) => {
                w.tag(3);
                w.changes(&j.changes);
                w.flag(j.truncated);
            }
            ConfigDiff::Text(t) => {
                w.tag(4);
                w.text_diff(t);
            }
            ConfigDiff::Binary { old, new } => {
                w.tag(5);
                w.flag(old.is_some());
                if let Some(d) = old {
                    w.digest(d);
                }
                w.digest(new);
            }
            ConfigDiff::Unparsable { reason, text } => {
                w.tag(6);
                w.text(reason);
                w.text_diff(text);
            }
        }
        w.0
    }

    /// The diff [`ConfigDiff::to_wire`] wrote; `None` for bytes it did not write (another
    /// version of the form, a cut or altered buffer, anything after the value).
    pub fn from_wire(bytes: &[u8]) -> Option<ConfigDiff> {
        let mut r = Reader(bytes.strip_prefix(MAGIC)?);
        let diff = match r.byte()? {
            0 => ConfigDiff::First { summary: r.text()? },
            1 => ConfigDiff::Identical,
            2 => ConfigDiff::FeatureFlags(r.list(|r| {
                let flag = r.text()?;
                let (tag, more) = (r.byte()?, r.number()?);
                let kind = match tag {
                    0 => FlagChangeKind::Added,
                    1 => FlagChangeKind::Removed,
                    2 => FlagChangeKind::Enabled,
                    3 => FlagChangeKind::Disabled,
                    4 => FlagChangeKind::AttributesChanged,
                    5 => FlagChangeKind::More(more),
                    _ => return None,
                };
                Some(FlagChange {
                    flag,
                    kind,
                    enabled: r.flag()?,
                    attributes: r.changes()?,
                    truncated: r.flag()?,
                })
            })?),
            3 => ConfigDiff::Json(JsonDiff {
                changes: r.changes()?,
                truncated: r.flag()?,
            }),
            4 => ConfigDiff::Text(r.text_diff()?),
            5 => {
                let old = if r.flag()? { Some(r.digest()?) } else { None };
                ConfigDiff::Binary {
                    old,
                    new: r.digest()?,
                }
            }
            6 => ConfigDiff::Unparsable {
                reason: r.text()?,
                text: r.text_diff()?,
            },
            _ => return None,
        };
        r.0.is_empty().then_some(diff)
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn tag(&mut self, tag: u8) {
        self.0.push(tag);
    }
    fn flag(&mut self, on: bool) {
        self.0.push(u8::from(on));
    }
    fn number(&mut self, n: usize) {
        self.0.extend_from_slice(&(n as u64).to_le_bytes());
    }
    /// A length or count: the writer's values are far below 4 GiB (they are cut to limits).
    fn count(&mut self, n: usize) {
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    fn text(&mut self, s: &str) {
        self.count(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn optional(&mut self, s: Option<&str>) {
        self.flag(s.is_some());
        if let Some(s) = s {
            self.text(s);
        }
    }
    fn changes(&mut self, list: &[JsonChange]) {
        self.count(list.len());
        for c in list {
            self.text(&c.path);
            self.tag(match c.kind {
                ChangeKind::Added => 0,
                ChangeKind::Removed => 1,
                ChangeKind::Changed => 2,
            });
            self.optional(c.old.as_deref());
            self.optional(c.new.as_deref());
        }
    }
    fn text_diff(&mut self, t: &TextDiff) {
        self.count(t.hunks.len());
        for h in &t.hunks {
            self.number(h.old_start);
            self.number(h.new_start);
            self.count(h.lines.len());
            for (tag, line) in &h.lines {
                self.tag(match tag {
                    LineTag::Equal => 0,
                    LineTag::Delete => 1,
                    LineTag::Insert => 2,
                });
                self.text(line);
            }
        }
        self.flag(t.truncated);
    }
    fn digest(&mut self, d: &Digest) {
        self.number(d.len);
        self.text(&d.sha256_hex);
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn byte(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn flag(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
    fn number(&mut self) -> Option<usize> {
        let b: [u8; 8] = self.take(8)?.try_into().ok()?;
        usize::try_from(u64::from_le_bytes(b)).ok()
    }
    fn count(&mut self) -> Option<usize> {
        let b: [u8; 4] = self.take(4)?.try_into().ok()?;
        usize::try_from(u32::from_le_bytes(b)).ok()
    }
    fn text(&mut self) -> Option<String> {
        let n = self.count()?;
        let bytes = self.take(n)?;
        std::str::from_utf8(bytes).ok().map(str::to_owned)
    }
    fn optional(&mut self) -> Option<Option<String>> {
        Some(if self.flag()? {
            Some(self.text()?)
        } else {
            None
        })
    }
    /// `count` items read by `item`; every item takes at least one byte, so the capacity is
    /// bounded by what is left of the input, whatever the count says.
    fn list<T>(&mut self, item: impl Fn(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.count()?;
        let mut out = Vec::with_capacity(n.min(self.0.len()));
        for _ in 0..n {
            out.push(item(self)?);
        }
        Some(out)
    }
    fn changes(&mut self) -> Option<Vec<JsonChange>> {
        self.list(|r| {
            let path = r.text()?;
            let kind = match r.byte()? {
                0 => ChangeKind::Added,
                1 => ChangeKind::Removed,
                2 => ChangeKind::Changed,
                _ => return None,
            };
            Some(JsonChange {
                path,
                kind,
                old: r.optional()?,
                new: r.optional()?,
            })
        })
    }
    fn text_diff(&mut self) -> Option<TextDiff> {
        let hunks = self.list(|r| {
            Some(Hunk {
                old_start: r.number()?,
                new_start: r.number()?,
                lines: r.list(|r| {
                    let tag = match r.byte()? {
                        0 => LineTag::Equal,
                        1 => LineTag::Delete,
                        2 => LineTag::Insert,
                        _ => return None,
                    };
                    Some((tag, r.text()?))
                })?,
            })
        })?;
        Some(TextDiff {
            hunks,
            truncated: self.flag()?,
        })
    }
    fn digest(&mut self) -> Option<Digest> {
        Some(Digest {
            len: self.number()?,
            sha256_hex: self.text()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{diff_configurations, DiffLimits};

    fn round_trip(d: &ConfigDiff) {
        let bytes = d.to_wire();
        assert_eq!(ConfigDiff::from_wire(&bytes).as_ref(), Some(d), "read back");
        // Every cut of the bytes is refused, not misread.
        for n in 0..bytes.len() {
            assert_eq!(ConfigDiff::from_wire(&bytes[..n]), None, "cut at {n}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(ConfigDiff::from_wire(&longer), None, "a trailing byte");
    }

    #[test]
    fn every_variant_reads_back_and_no_cut_is_misread() {
        let flags = br#"{"version":"1","flags":{"a":{"name":"A"},"b":{"name":"B","attributes":{"p":{"constraints":{"type":"number"}}}}},"values":{"a":{"enabled":false},"b":{"enabled":true,"p":1}}}"#;
        let flags2 = br#"{"version":"1","flags":{"a":{"name":"A"},"b":{"name":"B","attributes":{"p":{"constraints":{"type":"number"}}}},"c":{"name":"C"}},"values":{"a":{"enabled":true},"b":{"enabled":true,"p":2},"c":{"enabled":false}}}"#;
        let l = DiffLimits::default();
        let cases = [
            diff_configurations(ContentKind::Json, None, b"{}", l),
            diff_configurations(ContentKind::Json, Some(b"{}"), b"{}", l),
            diff_configurations(ContentKind::FeatureFlags, Some(flags), flags2, l),
            diff_configurations(
                ContentKind::Json,
                Some(br#"{"a":1}"#),
                br#"{"b":[1,"x"]}"#,
                l,
            ),
            diff_configurations(ContentKind::Text, Some(b"a\nb\nc\n"), b"a\nB\nc\n", l),
            diff_configurations(ContentKind::Binary, Some(b"\x00"), b"\x01", l),
            diff_configurations(ContentKind::Json, Some(b"{"), b"}", l),
        ];
        let names: Vec<_> = cases.iter().map(|d| d.to_wire()[4]).collect();
        assert_eq!(names, [0, 1, 2, 3, 4, 5, 6], "one case of each variant");
        for d in &cases {
            round_trip(d);
        }
        round_trip(&ConfigDiff::Binary {
            old: None,
            new: Digest::of(b""),
        });
        round_trip(&ConfigDiff::FeatureFlags(vec![FlagChange {
            flag: "x".into(),
            kind: FlagChangeKind::More(7),
            enabled: false,
            attributes: Vec::new(),
            truncated: true,
        }]));
    }

    #[test]
    fn another_version_and_bad_tags_are_refused() {
        assert_eq!(ConfigDiff::from_wire(b""), None);
        assert_eq!(ConfigDiff::from_wire(b"ACD\x02\x01"), None, "version 2");
        assert_eq!(ConfigDiff::from_wire(b"ACD\x01\x07"), None, "tag 7");
        assert_eq!(
            ConfigDiff::from_wire(b"ACD\x01\x01"),
            Some(ConfigDiff::Identical)
        );
        // A count of 4 billion items in a few bytes: refused without reserving for them.
        assert_eq!(ConfigDiff::from_wire(b"ACD\x01\x02\xff\xff\xff\xff"), None);
        // Not UTF-8.
        assert_eq!(
            ConfigDiff::from_wire(b"ACD\x01\x00\x01\x00\x00\x00\xff"),
            None
        );
    }

    #[test]
    fn kinds_have_codes_both_ways() {
        for k in [
            ContentKind::FeatureFlags,
            ContentKind::Json,
            ContentKind::Yaml,
            ContentKind::Text,
            ContentKind::Binary,
        ] {
            assert_eq!(ContentKind::from_code(k.code()), k);
        }
        assert_eq!(ContentKind::from_code(99), ContentKind::Binary);
    }
}
