//! What crosses the boundary, as text: few strings instead of many boundary calls.
//!
//! - **Lines**: a request line is `METHOD\npath?query` followed by `\nname\nvalue` per header;
//!   a signed request is `url` followed by the same header pairs. Header names are HTTP tokens
//!   and values carry no control characters (the signer refuses them), so `\n` never occurs
//!   inside one; the JavaScript side refuses a `\n` before joining.
//! - **Descriptors**: fields joined by U+0001. An error thrown by an export is the string
//!   `Name\u{1}message` (`ValidationError`, `EndpointError`, `SigningError`); a service error is
//!   `code\u{1}message\u{1}fault\u{1}fallback`, where `message` is AWS's (maybe empty) and
//!   `fallback` what to show when it is empty (the code, the status and a hint).
//! - **Error members**: the top-level members of an error body that the core reads
//!   ([`MEMBERS`]), each `=text` when present and empty when absent, joined by U+0001 (the
//!   JavaScript side replaces a U+0001 inside a text).

use appconfig_core::{error::ServiceError, response::ErrorBody, Error};

/// Separates the fields of a descriptor.
pub const SEP: char = '\u{1}';

/// The members of an error body the core reads, in the order they cross.
pub const MEMBERS: [&str; 6] = [
    "__type",
    "code",
    "Code",
    "message",
    "Message",
    "errorMessage",
];

/// Header pairs from `name\nvalue\n...` lines (an odd last line is dropped).
pub fn pairs<'a>(mut lines: impl Iterator<Item = &'a str>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    while let (Some(name), Some(value)) = (lines.next(), lines.next()) {
        out.push((name.to_owned(), value.to_owned()));
    }
    out
}

/// Appends `\nname\nvalue` for each pair.
pub fn push_pairs(out: &mut String, pairs: &[(String, String)]) {
    for (name, value) in pairs {
        out.push('\n');
        out.push_str(name);
        out.push('\n');
        out.push_str(value);
    }
}

/// An error as an export throws it: `Name\u{1}message`.
pub fn thrown(e: &Error) -> String {
    let mut out = String::from(e.kind_name());
    out.push(SEP);
    out.push_str(&e.to_string());
    out
}

/// A service error's descriptor: `code\u{1}message\u{1}fault\u{1}fallback`.
pub fn service_descriptor(e: &ServiceError) -> String {
    let mut out = String::with_capacity(64 + e.message.len());
    for field in [e.code.as_str(), &e.message, e.fault.as_str()] {
        out.push_str(field);
        out.push(SEP);
    }
    if e.message.is_empty() {
        out.push_str(&e.to_string());
        if let Some(hint) = e.hint() {
            out.push_str("; ");
            out.push_str(hint);
        }
    }
    out
}

/// An error body's members as they crossed ([`MEMBERS`]).
#[derive(Debug, Default)]
pub struct Members<'a>([Option<&'a str>; 6]);

impl<'a> Members<'a> {
    /// Reads the crossed form.
    pub fn parse(joined: &'a str) -> Self {
        let mut m = Members::default();
        for (slot, field) in m.0.iter_mut().zip(joined.split(SEP)) {
            *slot = field.strip_prefix('=');
        }
        m
    }
}

impl ErrorBody for Members<'_> {
    fn text(&self, name: &str) -> Option<String> {
        let i = MEMBERS.iter().position(|m| *m == name)?;
        self.0[i].map(str::to_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_tell_absent_from_empty() {
        let m = Members::parse("\u{1}=\u{1}=Boom\u{1}\u{1}=hi");
        assert_eq!(m.text("__type"), None);
        assert_eq!(m.text("code").as_deref(), Some(""));
        assert_eq!(m.text("Code").as_deref(), Some("Boom"));
        assert_eq!(m.text("Message").as_deref(), Some("hi"));
        assert_eq!(m.text("errorMessage"), None);
        assert_eq!(m.text("ResourceName"), None);
    }

    #[test]
    fn pairs_round_trip() {
        let p = pairs("a\n1\nb\n\nodd".split('\n'));
        assert_eq!(p, [("a".into(), "1".into()), ("b".into(), String::new())]);
        let mut s = String::from("x");
        push_pairs(&mut s, &p);
        assert_eq!(s, "x\na\n1\nb\n");
    }

    #[test]
    fn service_errors_without_a_message_fall_back_to_the_code_and_a_hint() {
        let e = ServiceError::new("UnrecognizedClientException", "", 403);
        let d = service_descriptor(&e);
        let f: Vec<&str> = d.split(SEP).collect();
        assert_eq!(f[..3], ["UnrecognizedClientException", "", "client"]);
        assert!(f[3].starts_with("UnrecognizedClientException (HTTP 403); the access key id"));
        let e = ServiceError::new("InternalServerException", "boom", 500);
        assert_eq!(
            service_descriptor(&e),
            "InternalServerException\u{1}boom\u{1}server\u{1}"
        );
    }
}
