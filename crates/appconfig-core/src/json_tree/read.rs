//! The model read from a [`Json`] tree: [`FromJson`] for the leaves here, for structures by
//! `deserialize_struct!` (the same member table as their serde impls) and for string enums by
//! `string_enum!`.

use std::collections::BTreeMap;

use super::parse::Json;
use crate::DateTime;

/// A type the core's own JSON reader reads. Structures and enums get it from the same macros
/// that write their serde impls, so both readers know the same members by the same wire names.
pub trait FromJson: Sized {
    /// Reads `v`.
    ///
    /// # Errors
    /// A [`ReadError`] naming where below `v` the type is wrong.
    fn from_json(v: &Json<'_>) -> Result<Self, ReadError>;
}

/// A value of the wrong type, and where it is (`EventLog[1].OccurredAt`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// Innermost first: each level adds its step on the way out.
    path: Vec<Step>,
    detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Member(String),
    Index(usize),
}

impl ReadError {
    /// An error at the value being read.
    #[cold]
    pub(crate) fn new(detail: impl Into<String>) -> Self {
        ReadError {
            path: Vec::new(),
            detail: detail.into(),
        }
    }

    /// `v` is not `expected`, in serde's words (`invalid type: string "x", expected i32`): for
    /// a [`FromJson`] impl outside this crate.
    #[cold]
    pub fn invalid_type(v: &Json<'_>, expected: &str) -> Self {
        if matches!(v, Json::Array(_)) && expected.starts_with("struct ") {
            // As the serde path says it: serde's own words would speak of lengths.
            return Self::new("expected an object, got an array");
        }
        let got = match v {
            Json::Null => "null".to_owned(),
            Json::Bool(b) => format!("boolean `{b}`"),
            Json::Number(n) if is_integer(n) => format!("integer `{n}`"),
            Json::Number(n) => format!("floating point `{n}`"),
            // Quoted as `{:?}` would, without Debug's Unicode tables in the wasm.
            Json::String(s) => format!("string {}", crate::strings::Quoted(s)),
            Json::Array(_) => "sequence".to_owned(),
            Json::Object(_) => "map".to_owned(),
        };
        Self::new(format!("invalid type: {got}, expected {expected}"))
    }

    /// The error seen from the structure holding member `name`.
    #[cold]
    #[must_use]
    pub fn in_member(mut self, name: &str) -> Self {
        self.path.push(Step::Member(name.to_owned()));
        self
    }

    /// The error seen from the array holding it at `index`.
    #[cold]
    #[must_use]
    fn in_item(mut self, index: usize) -> Self {
        self.path.push(Step::Index(index));
        self
    }

    /// A member given twice (the serde impls refuse it too).
    #[cold]
    pub fn duplicate(name: &str) -> Self {
        Self::new(format!("duplicate field `{name}`"))
    }

    /// Where the wrong value is, as serde_path_to_error writes it; empty at the top.
    pub fn path(&self) -> String {
        let mut out = String::new();
        for step in self.path.iter().rev() {
            match step {
                Step::Member(m) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(m);
                }
                Step::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }

    /// What is wrong with it.
    pub fn detail(&self) -> &str {
        &self.detail
    }
}

/// A number written without a fraction or an exponent; `-0` is not one (serde_json reads it as
/// the float -0.0).
fn is_integer(n: &str) -> bool {
    !n.contains(['.', 'e', 'E']) && n != "-0"
}

/// Reads the structure `expected` (`struct Deployment`) whose members' wire names are `fields`
/// (at most 64): `set` reads each known member by its place in `fields`; unknown members are
/// skipped, a repeated one is an error (as the serde impls do), and an error below a member
/// names it.
///
/// # Errors
/// When `v` is not an object, a member repeats or `set` fails.
pub fn read_members(
    v: &Json<'_>,
    expected: &str,
    fields: &[&str],
    set: &mut dyn FnMut(usize, &Json<'_>) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    let Json::Object(members) = v else {
        return Err(ReadError::invalid_type(v, expected));
    };
    let mut seen = 0u64;
    for (key, value) in members {
        let Some(i) = fields.iter().position(|f| *f == key) else {
            continue;
        };
        let bit = 1u64.checked_shl(i as u32).unwrap_or(0);
        if seen & bit != 0 {
            return Err(ReadError::duplicate(key));
        }
        seen |= bit;
        set(i, value).map_err(|e| e.in_member(key))?;
    }
    Ok(())
}

impl FromJson for String {
    fn from_json(v: &Json<'_>) -> Result<Self, ReadError> {
        match v {
            Json::String(s) => Ok(s.to_string()),
            other => Err(ReadError::invalid_type(other, "a string")),
        }
    }
}

impl FromJson for bool {
    fn from_json(v: &Json<'_>) -> Result<Self, ReadError> {
        match v {
            Json::Bool(b) => Ok(*b),
            other => Err(ReadError::invalid_type(other, "a boolean")),
        }
    }
}

/// A whole number in `i64`, or the error naming `expected`.
fn integer(v: &Json<'_>, expected: &str) -> Result<i64, ReadError> {
    match v {
        Json::Number(n) if is_integer(n) => n.parse().map_err(|_| out_of_range(n, expected)),
        other => Err(ReadError::invalid_type(other, expected)),
    }
}

#[cold]
fn out_of_range(n: &str, expected: &str) -> ReadError {
    ReadError::new(format!("invalid value: integer `{n}`, expected {expected}"))
}

impl FromJson for i64 {
    fn from_json(v: &Json<'_>) -> Result<Self, ReadError> {
        integer(v, "i64")
    }
}

impl FromJson for i32 {
    fn from_json(v: &Json<'_>) -> Result<Self, ReadError> {
        let n = integer(v, "i32")?;
        i32::try_from(n).map_err(|_| out_of_range(&n.to_string(), "i32"))
    }
}

impl FromJson for f64 {
    fn from_json(v: &Json<'_>) -> Result<Self, ReadError> {
        match v {
            Json::Number(n) => match crate::decimal::parse(n) {
                Some(x) if x.is_finite() => Ok(x),
                _ => Err(ReadError::new("number out of range")),
            },
            other => Err(ReadError::invalid_type(other, "f64")),
        }
    }
}

impl FromJson for DateTime {
    /// An ISO 8601 string or epoch seconds, as its serde impl reads it.
    fn from_json(v: &Json<'_>) -> Result<Self, ReadError> {
        let parsed = match v {
            Json::String(s) => DateTime::parse(s),
            Json::Number(_) => DateTime::from_epoch_seconds(f64::from_json(v)?),
            other => {
                return Err(ReadError::invalid_type(
                    other,
                    "an ISO 8601 timestamp string or epoch seconds",
                ))
            }
        };
        parsed.map_err(|e| ReadError::new(e.to_string()))
    }
}

impl<T: FromJson> FromJson for Option<T> {
    /// `null` is an absent member.
    #[inline(never)]
    fn from_json(v: &Json<'_>) -> Result<Self, ReadError> {
        match v {
            Json::Null => Ok(None),
            v => T::from_json(v).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Json<'_>) -> Result<Self, ReadError> {
        match v {
            Json::Array(items) => {
                // A plain loop: `collect` into a `Result` is a `GenericShunt` per element type,
                // several times this in the wasm.
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(T::from_json(item).map_err(|e| e.in_item(i))?);
                }
                Ok(out)
            }
            other => Err(ReadError::invalid_type(other, "a sequence")),
        }
    }
}

impl FromJson for BTreeMap<String, String> {
    fn from_json(v: &Json<'_>) -> Result<Self, ReadError> {
        match v {
            Json::Object(m) => {
                let mut out = BTreeMap::new();
                for (k, v) in m {
                    let value = String::from_json(v).map_err(|e| e.in_member(k))?;
                    out.insert(k.to_string(), value);
                }
                Ok(out)
            }
            other => Err(ReadError::invalid_type(other, "a map")),
        }
    }
}
