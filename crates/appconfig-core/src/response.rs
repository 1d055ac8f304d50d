//! Reading responses: outputs from 2xx bodies, typed errors from AWS error responses.

use serde::Deserialize;

use crate::error::{BadRequestDetails, ServiceError};
use crate::http::HttpResponse;
use crate::json::parse_json_body;
use crate::operation::Operation;
use crate::{DateTime, Error};

/// Reads the response of `O`: its output on 2xx, a typed error otherwise.
///
/// # Errors
/// [`Error::Service`] for an error response, [`Error::MalformedResponse`] for a 2xx body that is
/// empty, not JSON, truncated, or has a member of the wrong type.
pub fn parse_response<O: Operation>(response: &HttpResponse) -> Result<O::Output, Error> {
    if !(200..300).contains(&response.status) {
        return Err(parse_error(response).into());
    }
    parse_json_body(response.status, &response.body)
}

fn as_text(v: Option<&serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Cleans an error code as smithy's `sanitizeErrorCode` and botocore do: keep what is before the
/// first `,` and `:`, then what is after `#`.
pub(crate) fn sanitize_error_code(raw: &str) -> String {
    let mut code = raw.trim();
    if let Some((first, _)) = code.split_once(',') {
        code = first;
    }
    if let Some((first, _)) = code.split_once(':') {
        code = first;
    }
    if let Some((_, after)) = code.rsplit_once('#') {
        code = after;
    }
    code.trim().to_owned()
}

/// Reads an error response (any status) as botocore and smithy do: the code from the
/// `x-amzn-ErrorType` header, else `__type`/`code` in the body; the message from
/// `message`/`Message`; the request id from `x-amzn-RequestId`; and the modeled members.
/// A body that is not JSON still gives an error with the code from the header, or
/// `UnknownError`.
pub fn parse_error(response: &HttpResponse) -> ServiceError {
    let text = String::from_utf8_lossy(&response.body);
    // Looked up in a JSON object rather than through a derived struct: the package carries
    // `serde_json::Value` anyway. Anything but an object has no members.
    let body = match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let member = |name: &str| body.get(name).filter(|v| !v.is_null());
    let code = response
        .header("x-amzn-errortype")
        .map(str::to_owned)
        .or_else(|| as_text(member("__type")))
        .or_else(|| as_text(member("code")))
        .or_else(|| as_text(member("Code")))
        .map(|c| sanitize_error_code(&c))
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "UnknownError".to_owned());
    let message = as_text(member("message"))
        .or_else(|| as_text(member("Message")))
        .or_else(|| as_text(member("errorMessage")))
        .or_else(|| response.header("x-amzn-error-message").map(str::to_owned))
        .unwrap_or_else(|| {
            // Not a JSON error: say what arrived, briefly, so a proxy's page is recognisable.
            let t = text.trim();
            if t.is_empty() || t.starts_with('{') {
                String::new()
            } else {
                let short: String = t.chars().take(200).collect();
                format!("unexpected non-JSON error body: {short}")
            }
        });
    let mut err = ServiceError::new(code, message, response.status);
    err.request_id = response.request_id().map(str::to_owned);
    err.resource_name = as_text(member("ResourceName"));
    err.reason = as_text(member("Reason"));
    err.details = member("Details").and_then(|d| BadRequestDetails::deserialize(d).ok());
    err.server_date = response
        .header("date")
        .and_then(|d| DateTime::parse_http_date(d).ok());
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizes_codes() {
        assert_eq!(
            sanitize_error_code("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"),
            "FooError"
        );
        assert_eq!(sanitize_error_code("FooError,BarError"), "FooError");
        assert_eq!(
            sanitize_error_code("ResourceNotFoundException"),
            "ResourceNotFoundException"
        );
    }
}
