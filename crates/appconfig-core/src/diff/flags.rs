//! AppConfig feature flags compared per flag.
//!
//! The document (`AWS.AppConfig.FeatureFlags`): `{"version": "1", "flags": {name: {"name",
//! "description", "attributes": {...}}}, "values": {name: {"enabled": bool, attribute: value,
//! ...}}}`. A flag is on when its `values` entry has `"enabled": true`.

use std::fmt;

use serde_json::{Map, Value};

use super::json::{parse, plural, Collector, JsonChange};
use super::DiffLimits;

/// What happened to one flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FlagChangeKind {
    /// A new flag.
    Added,
    /// A flag that is gone.
    Removed,
    /// Turned on (its attributes may have changed too).
    Enabled,
    /// Turned off (its attributes may have changed too).
    Disabled,
    /// Still on or still off; attribute values or its definition changed.
    AttributesChanged,
    /// Not a flag: this many more flags changed than the list holds
    /// ([`DiffLimits::max_changes`]); always the last entry.
    More(usize),
}

/// One flag's change.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FlagChange {
    /// The flag's key in the document.
    pub flag: String,
    /// What happened.
    pub kind: FlagChangeKind,
    /// Whether the flag is on: after the change, or before it for a removed flag.
    pub enabled: bool,
    /// Its attribute values that changed, by attribute (`rolloutPercent`); changes of its
    /// definition (description, attribute constraints) under `definition`.
    pub attributes: Vec<JsonChange>,
    /// True when [`DiffLimits::max_changes`] cut `attributes`.
    pub truncated: bool,
}

fn on_off(on: bool) -> &'static str {
    if on {
        "on"
    } else {
        "off"
    }
}

impl fmt::Display for FlagChange {
    /// `checkout-v2: off → on`, `beta: added (on)`, `old: removed (was off)`,
    /// `checkout-v2: 2 attributes changed`, `… 3 more flags changed`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.attributes.len();
        let attrs = format!("{n} {} changed", plural(n, "attribute"));
        match self.kind {
            FlagChangeKind::More(more) => {
                return write!(f, "… {more} more {} changed", plural(more, "flag"))
            }
            FlagChangeKind::Added => write!(f, "{}: added ({})", self.flag, on_off(self.enabled))?,
            FlagChangeKind::Removed => {
                write!(f, "{}: removed (was {})", self.flag, on_off(self.enabled))?
            }
            FlagChangeKind::Enabled => write!(f, "{}: off → on", self.flag)?,
            FlagChangeKind::Disabled => write!(f, "{}: on → off", self.flag)?,
            FlagChangeKind::AttributesChanged => return write!(f, "{}: {attrs}", self.flag),
        }
        if n > 0
            && matches!(
                self.kind,
                FlagChangeKind::Enabled | FlagChangeKind::Disabled
            )
        {
            write!(f, ", {attrs}")?;
        }
        Ok(())
    }
}

/// The `flags` and `values` of a document.
struct Flags {
    flags: Map<String, Value>,
    values: Map<String, Value>,
}

impl Flags {
    fn read(which: &str, text: &str) -> Result<Flags, String> {
        let Value::Object(mut doc) = parse(which, text)? else {
            return Err(format!(
                "{which} version: not a feature flags document: not a JSON object"
            ));
        };
        let mut member = |name: &str| match doc.remove(name) {
            None | Some(Value::Null) => Ok(Map::new()),
            Some(Value::Object(m)) => Ok(m),
            Some(_) => Err(format!(
                "{which} version: not a feature flags document: \"{name}\" is not an object"
            )),
        };
        let flags = member("flags")?;
        let values = member("values")?;
        if flags.is_empty() && values.is_empty() && !doc.contains_key("version") {
            return Err(format!(
                "{which} version: not a feature flags document: no \"flags\" or \"values\""
            ));
        }
        Ok(Flags { flags, values })
    }

    fn has(&self, name: &str) -> bool {
        self.flags.contains_key(name) || self.values.contains_key(name)
    }

    fn enabled(&self, name: &str) -> bool {
        self.values
            .get(name)
            .and_then(|v| v.get("enabled"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// The flag's values without `enabled`, and its definition under `definition`.
    fn attributes(&self, name: &str) -> Value {
        let mut m = match self.values.get(name) {
            Some(Value::Object(v)) => v.clone(),
            Some(other) => {
                let mut m = Map::new();
                m.insert("value".to_owned(), other.clone());
                m
            }
            None => Map::new(),
        };
        m.remove("enabled");
        if let Some(def) = self.flags.get(name) {
            m.insert("definition".to_owned(), def.clone());
        }
        Value::Object(m)
    }
}

pub(super) fn diff_flags_text(
    old: &str,
    new: &str,
    limits: &DiffLimits,
) -> Result<Vec<FlagChange>, String> {
    let old = Flags::read("old", old)?;
    let new = Flags::read("new", new)?;
    let mut names: Vec<&String> = old
        .flags
        .keys()
        .chain(old.values.keys())
        .chain(new.flags.keys())
        .chain(new.values.keys())
        .collect();
    names.sort_unstable();
    names.dedup();
    let mut out = Vec::new();
    let mut more = 0usize;
    for name in names {
        let (was, is) = (old.has(name), new.has(name));
        let (was_on, is_on) = (old.enabled(name), new.enabled(name));
        let (kind, enabled) = match (was, is) {
            (true, false) => (FlagChangeKind::Removed, was_on),
            (false, true) => (FlagChangeKind::Added, is_on),
            _ if was_on != is_on => (
                if is_on {
                    FlagChangeKind::Enabled
                } else {
                    FlagChangeKind::Disabled
                },
                is_on,
            ),
            _ => (FlagChangeKind::AttributesChanged, is_on),
        };
        let (attributes, truncated) = if was && is {
            if out.len() >= limits.max_changes {
                // Past the cap only whether it changed matters; its attributes are not kept.
                let changed = was_on != is_on || old.attributes(name) != new.attributes(name);
                more += usize::from(changed);
                continue;
            }
            let mut c = Collector::new(limits, limits.max_changes);
            c.walk(
                &mut String::new(),
                &old.attributes(name),
                &new.attributes(name),
            );
            (c.changes, c.truncated)
        } else {
            (Vec::new(), false)
        };
        if kind == FlagChangeKind::AttributesChanged && attributes.is_empty() {
            continue;
        }
        if out.len() >= limits.max_changes {
            more += 1;
            continue;
        }
        out.push(FlagChange {
            flag: name.clone(),
            kind,
            enabled,
            attributes,
            truncated,
        });
    }
    if more > 0 {
        out.push(FlagChange {
            flag: String::new(),
            kind: FlagChangeKind::More(more),
            enabled: false,
            attributes: Vec::new(),
            truncated: false,
        });
    }
    Ok(out)
}

/// `3 flags, 2 on`.
pub(super) fn summary(text: &str) -> Option<String> {
    let f = Flags::read("new", text).ok()?;
    let mut names: Vec<&String> = f.flags.keys().chain(f.values.keys()).collect();
    names.sort_unstable();
    names.dedup();
    let on = names.iter().filter(|n| f.enabled(n)).count();
    Some(format!(
        "{} {}, {on} on",
        names.len(),
        plural(names.len(), "flag")
    ))
}
