//! What a deployment changes: the configuration version it rolls out against the one that was
//! live before it in the same environment.
//!
//! [`previous_candidates`] and [`is_same_profile`] find the earlier deployment;
//! [`diff_configurations`] compares the two contents by their [`ContentKind`]: AppConfig feature
//! flags per flag, JSON by path, text (and YAML) by line, anything else by size and SHA-256.
//! The contents are untrusted: every string in a [`ConfigDiff`] is plain text for the caller to
//! show as text, values and lines cut to [`DiffLimits`], and the work is bounded whatever the
//! input (a 2 MB document diffs in well under a second). [`ConfigDiff::to_wire`] and
//! [`ConfigDiff::from_wire`] carry a diff between two wasm modules (the dashboard compares in a
//! module of its own, loaded when the panel opens).
//!
//! ```
//! use appconfig_core::diff::{diff_configurations, ConfigDiff, ContentKind, DiffLimits};
//! use appconfig_core::model::ConfigurationProfileType;
//!
//! let kind = ContentKind::detect(Some(&ConfigurationProfileType::AwsAppConfigFeatureFlags), Some("application/json"));
//! let old = br#"{"version":"1","flags":{"checkout-v2":{"name":"Checkout v2"}},"values":{"checkout-v2":{"enabled":false}}}"#;
//! let new = br#"{"version":"1","flags":{"checkout-v2":{"name":"Checkout v2"}},"values":{"checkout-v2":{"enabled":true}}}"#;
//! let ConfigDiff::FeatureFlags(changes) = diff_configurations(kind, Some(old), new, DiffLimits::default()) else {
//!     unreachable!()
//! };
//! assert_eq!(changes[0].to_string(), "checkout-v2: off → on");
//! ```

mod flags;
mod json;
mod previous;
mod text;
mod wire;

use std::fmt;

use sha2::{Digest as _, Sha256};

use crate::model::ConfigurationProfileType;

pub use flags::{FlagChange, FlagChangeKind};
pub use json::{ChangeKind, JsonChange, JsonDiff};
pub use previous::{hosted_version_number, is_same_profile, previous_candidates};
pub use text::{Hunk, LineTag, TextDiff};

/// How two versions of a configuration are compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ContentKind {
    /// An `AWS.AppConfig.FeatureFlags` document: per flag.
    FeatureFlags,
    /// JSON: by path.
    Json,
    /// YAML: by line, as text (no YAML parser is linked: the dashboard is over its size budget).
    Yaml,
    /// Text: by line.
    Text,
    /// Anything else: sizes and SHA-256.
    Binary,
}

impl ContentKind {
    /// The kind of a profile's content: a feature-flags profile is [`ContentKind::FeatureFlags`]
    /// whatever its content type; otherwise the MIME type decides (`application/json` and
    /// `+json` JSON; `application/x-yaml`, `application/yaml`, `text/yaml` YAML; `text/*`, XML
    /// and JavaScript text; no type text, so that plain text hosted without one still diffs by
    /// line; anything else binary). Text that turns out not to be UTF-8 is compared as binary.
    pub fn detect(
        profile_type: Option<&ConfigurationProfileType>,
        content_type: Option<&str>,
    ) -> ContentKind {
        if profile_type == Some(&ConfigurationProfileType::AwsAppConfigFeatureFlags) {
            return ContentKind::FeatureFlags;
        }
        let Some(ct) = content_type else {
            return ContentKind::Text;
        };
        let mime = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match mime.as_str() {
            "" => ContentKind::Text,
            "application/json" | "text/json" => ContentKind::Json,
            m if m.ends_with("+json") => ContentKind::Json,
            "application/x-yaml" | "application/yaml" | "text/yaml" | "text/x-yaml" => {
                ContentKind::Yaml
            }
            m if m.ends_with("+yaml") => ContentKind::Yaml,
            "application/xml" | "application/javascript" | "application/toml" => ContentKind::Text,
            m if m.starts_with("text/") || m.ends_with("+xml") => ContentKind::Text,
            _ => ContentKind::Binary,
        }
    }
}

/// How much a diff may hold, so that a huge or hostile version cannot freeze the page.
///
/// `#[non_exhaustive]`: start from [`DiffLimits::default`] and change fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DiffLimits {
    /// Most changes listed (JSON paths, flags, attributes of one flag).
    pub max_changes: usize,
    /// Most characters of one rendered value (JSON values, flag attributes).
    pub max_value_chars: usize,
    /// Most lines listed in a text diff, context included.
    pub max_lines: usize,
    /// Most characters of one line of a text diff.
    pub max_line_chars: usize,
    /// Unchanged lines shown around each change.
    pub context: usize,
    /// Arrays up to this many items are aligned (an inserted item is one change); longer arrays
    /// are compared index by index.
    pub max_aligned_items: usize,
    /// Lines of a differing block up to which the line diff is exact (Myers' cost grows with
    /// lines times differences). A longer block is first cut at lines found once in each
    /// version; a piece still past it, or past what the diff may still spend (one block of
    /// this size in all), is shown as removed then added.
    pub max_diffed_lines: usize,
}

impl Default for DiffLimits {
    fn default() -> Self {
        DiffLimits {
            max_changes: 200,
            max_value_chars: 120,
            max_lines: 400,
            max_line_chars: 400,
            context: 3,
            max_aligned_items: 1000,
            max_diffed_lines: 4_000,
        }
    }
}

/// The size and SHA-256 of a content.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Digest {
    /// Length in bytes.
    pub len: usize,
    /// SHA-256 in lower-case hex.
    pub sha256_hex: String,
}

impl Digest {
    /// The digest of `bytes`.
    pub fn of(bytes: &[u8]) -> Digest {
        let hash = Sha256::digest(bytes);
        let mut sha256_hex = String::with_capacity(64);
        for b in hash.iter() {
            sha256_hex.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
            sha256_hex.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
        }
        Digest {
            len: bytes.len(),
            sha256_hex,
        }
    }
}

impl fmt::Display for Digest {
    /// `1,234 bytes, SHA-256 0a1b…`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} bytes, SHA-256 {}", self.len, self.sha256_hex)
    }
}

/// What changed between two versions of a configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigDiff {
    /// No earlier version: this is the first deployment of the configuration to the
    /// environment. `summary` describes the new content (`3 flags, 2 on`, `JSON object with 4
    /// keys`, `12 lines`, `1024 bytes`).
    First {
        /// What the new content is.
        summary: String,
    },
    /// The two contents are the same bytes.
    Identical,
    /// Per flag, in name order. The list holds at most [`DiffLimits::max_changes`] flags; a last
    /// entry of kind [`FlagChangeKind::More`] counts the ones left out.
    FeatureFlags(Vec<FlagChange>),
    /// Changes by path. No change means the same values written differently (formatting, key
    /// order).
    Json(JsonDiff),
    /// A line diff.
    Text(TextDiff),
    /// Sizes and SHA-256 of both.
    Binary {
        /// The earlier version (None when there is none).
        old: Option<Digest>,
        /// The new version.
        new: Digest,
    },
    /// The content does not parse as its kind says (a feature-flags profile whose content is not
    /// a flags document, JSON that is not JSON): why, and the line diff instead.
    Unparsable {
        /// Why it could not be read (`new version: not JSON: expected value at line 1 column 1`).
        reason: String,
        /// The line diff of the two versions.
        text: TextDiff,
    },
}

impl ConfigDiff {
    /// True when a limit cut the diff short.
    pub fn truncated(&self) -> bool {
        match self {
            ConfigDiff::FeatureFlags(changes) => changes
                .iter()
                .any(|c| c.truncated || matches!(c.kind, FlagChangeKind::More(_))),
            ConfigDiff::Json(j) => j.truncated,
            ConfigDiff::Text(t) | ConfigDiff::Unparsable { text: t, .. } => t.truncated,
            _ => false,
        }
    }
}

/// Compares `new` with `old` (None: there is no earlier version) as `kind` says.
///
/// Never panics and does bounded work for any input: see [`DiffLimits`]. Content that is not
/// UTF-8 is compared as binary whatever `kind` says; JSON or flags that do not parse give
/// [`ConfigDiff::Unparsable`] with a line diff.
pub fn diff_configurations(
    kind: ContentKind,
    old: Option<&[u8]>,
    new: &[u8],
    limits: DiffLimits,
) -> ConfigDiff {
    let Some(old) = old else {
        return ConfigDiff::First {
            summary: summary(kind, new),
        };
    };
    if old == new {
        return ConfigDiff::Identical;
    }
    let binary = || ConfigDiff::Binary {
        old: Some(Digest::of(old)),
        new: Digest::of(new),
    };
    if kind == ContentKind::Binary {
        return binary();
    }
    let (Some(old_text), Some(new_text)) = (utf8(old), utf8(new)) else {
        return binary();
    };
    let parsed = match kind {
        ContentKind::Json => {
            json::diff_json_text(old_text, new_text, &limits).map(ConfigDiff::Json)
        }
        ContentKind::FeatureFlags => {
            flags::diff_flags_text(old_text, new_text, &limits).map(ConfigDiff::FeatureFlags)
        }
        _ => return ConfigDiff::Text(text::diff_lines(old_text, new_text, &limits)),
    };
    parsed.unwrap_or_else(|reason| ConfigDiff::Unparsable {
        reason,
        text: text::diff_lines(old_text, new_text, &limits),
    })
}

/// The text of `bytes` without a byte order mark, when it is UTF-8.
fn utf8(bytes: &[u8]) -> Option<&str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).ok()
}

/// What a first version holds, in a few words.
fn summary(kind: ContentKind, new: &[u8]) -> String {
    let bytes = || format!("{} bytes", new.len());
    let Some(text) = utf8(new).filter(|_| kind != ContentKind::Binary) else {
        return format!("{}, SHA-256 {}", bytes(), Digest::of(new).sha256_hex);
    };
    match kind {
        ContentKind::FeatureFlags => flags::summary(text).unwrap_or_else(|| lines(text)),
        ContentKind::Json => json::summary(text).unwrap_or_else(|| lines(text)),
        _ => lines(text),
    }
}

fn lines(text: &str) -> String {
    match text.lines().count() {
        1 => "1 line".to_owned(),
        n => format!("{n} lines"),
    }
}

#[cfg(test)]
mod tests;
