//! The core's own JSON reader: a body parsed into a [`Json`] tree by one non-generic parser, and
//! the model read from the tree ([`FromJson`]), without serde.
//!
//! It accepts and refuses the same bodies as [`crate::response::parse_json_body`] (serde_json
//! and the model's serde impls), with the same messages: the member with the wrong type is named
//! by the same path (`EventLog[1].OccurredAt`), and the syntax errors are serde_json's words and
//! positions. `tests/shapes.rs` and `tests/json_tree.rs` run both readers on the same bodies.
//! Two differences, both on text AWS does not send: a lone surrogate escape (`"\ud800"`) is
//! U+FFFD, as in the browser's `JSON.parse` (serde_json refuses it in a string it keeps), and
//! nesting deeper than 128 is refused everywhere, also inside members the model does not know
//! (serde_json skips those without a limit; the tree would have to hold them).
//!
//! Why two readers: serde's code is generic, so each model type brings its own copy of
//! serde_json's reading loops. In the browser, where the wasm is downloaded, this reader is a
//! fraction of the size (the dashboard and the custom elements read every answer with it).
//! Native hosts keep serde_json, which reads large bodies faster; the npm package reads
//! `JSON.parse`'s output with the shape table ([`crate::shape`]) and no JSON parser at all.
//!
//! ```
//! use appconfig_core::json_tree::read_json_body;
//! use appconfig_core::Deployment;
//!
//! let d: Deployment = read_json_body(200, br#"{"DeploymentNumber": 3, "State": "BAKING"}"#)?;
//! assert_eq!(d.deployment_number, Some(3));
//! let e = read_json_body::<Deployment>(200, br#"{"EventLog": [{"OccurredAt": true}]}"#);
//! assert!(e.unwrap_err().to_string().contains("member EventLog[0].OccurredAt has the wrong type"));
//! # Ok::<(), appconfig_core::Error>(())
//! ```

mod parse;
mod read;

pub use parse::{parse, Json, SyntaxError};
pub use read::{read_members, FromJson, ReadError};

use crate::Error;

/// Reads a 2xx body into `T`: exactly one JSON object, as
/// [`crate::response::parse_json_body`] reads it.
///
/// # Errors
/// [`Error::MalformedResponse`] saying what is wrong, and where.
pub fn read_json_body<T: FromJson>(status: u16, body: &[u8]) -> Result<T, Error> {
    let tree = body_tree(status, body)?;
    T::from_json(&tree).map_err(|e| mismatch(status, &e))
}

/// The body as a tree whose top is not an array (non-generic: once for every output type).
fn body_tree(status: u16, body: &[u8]) -> Result<Json<'_>, Error> {
    let malformed = |reason: String| Error::MalformedResponse { status, reason };
    let text =
        std::str::from_utf8(body).map_err(|e| malformed(format!("body is not UTF-8 text: {e}")))?;
    if text.trim().is_empty() {
        return Err(malformed("empty body, expected a JSON object".into()));
    }
    match parse(text) {
        Ok(Json::Array(_)) => Err(malformed(
            "unexpected JSON: expected an object, got an array".into(),
        )),
        Ok(tree) => Ok(tree),
        Err(e) if e.eof => Err(malformed(format!("truncated JSON body: {e}"))),
        Err(e) => Err(malformed(format!("body is not valid JSON: {e}"))),
    }
}

#[cold]
fn mismatch(status: u16, e: &ReadError) -> Error {
    let path = e.path();
    let reason = if path.is_empty() {
        format!("unexpected JSON: {}", e.detail())
    } else {
        format!("member {path} has the wrong type: {}", e.detail())
    };
    Error::MalformedResponse { status, reason }
}
