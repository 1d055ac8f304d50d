//! Reading responses: outputs from 2xx bodies, typed errors from AWS error responses.
//!
//! [`parse_response`] and [`parse_error`] read a whole [`HttpResponse`] with `serde_json`; a host
//! that parses JSON itself (the npm package's `JSON.parse`) reads an error from its parts with
//! [`service_error_from_parts`] and an [`ErrorBody`] of its own, so which header and member give
//! the code and the message is decided here once. [`parse_json_body`] reads a 2xx body into any
//! model type, naming the member that is wrong.

use serde::Deserialize;

use crate::error::{BadRequestDetails, ServiceError};
use crate::http::HttpResponse;
use crate::operation::{Operation, OperationOutput};
use crate::Error;

pub use crate::error_body::{service_error_from_parts, ErrorBody, NoMembers};
pub use crate::json::parse_json_body;

/// Reads the response of `O`: its output on 2xx, a typed error otherwise.
///
/// # Errors
/// [`Error::Service`] for an error response, [`Error::MalformedResponse`] for a 2xx body that is
/// empty, not JSON, truncated, or has a member of the wrong type (for a blob payload: a header
/// member of the wrong type).
pub fn parse_response<O: Operation>(response: &HttpResponse) -> Result<O::Output, Error> {
    if !(200..300).contains(&response.status) {
        return Err(parse_error(response).into());
    }
    O::Output::from_response(response)
}

fn as_text(v: Option<&serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The members of an error body parsed by `serde_json`.
struct JsonMembers(serde_json::Map<String, serde_json::Value>);

impl ErrorBody for JsonMembers {
    fn text(&self, name: &str) -> Option<String> {
        as_text(self.0.get(name).filter(|v| !v.is_null()))
    }
    fn details(&self) -> Option<BadRequestDetails> {
        let d = self.0.get("Details").filter(|v| !v.is_null())?;
        BadRequestDetails::deserialize(d).ok()
    }
}

/// Reads an error response (any status) by the rules of [`service_error_from_parts`], with the
/// body parsed by `serde_json`: the code from the `x-amzn-ErrorType` header, else the body's
/// `__type`/`code`; the message from `message`/`Message`; an AWS XML error (what AppConfig's
/// front end sends for an unsigned request) gives its code and message. A body that is not a
/// JSON object has no members.
pub fn parse_error(response: &HttpResponse) -> ServiceError {
    let text = String::from_utf8_lossy(&response.body);
    // Looked up in a JSON object rather than through a derived struct: smaller, and any member
    // may be missing. Anything but an object has no members.
    let body = match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    service_error_from_parts(
        response.status,
        &response.headers,
        &text,
        &JsonMembers(body),
    )
}
