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
/// `UnknownError`; an AWS XML error (what AppConfig's front end sends for an unsigned request)
/// gives its code and message.
pub fn parse_error(response: &HttpResponse) -> ServiceError {
    let text = String::from_utf8_lossy(&response.body);
    // Looked up in a JSON object rather than through a derived struct: the package carries
    // `serde_json::Value` anyway. Anything but an object has no members.
    let body = match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let member = |name: &str| body.get(name).filter(|v| !v.is_null());
    let xml = xml_error(&text);
    let code = response
        .header("x-amzn-errortype")
        .map(str::to_owned)
        .or_else(|| as_text(member("__type")))
        .or_else(|| as_text(member("code")))
        .or_else(|| as_text(member("Code")))
        .or_else(|| xml.as_ref().map(|x| x.code.clone()))
        .map(|c| sanitize_error_code(&c))
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "UnknownError".to_owned());
    let message = as_text(member("message"))
        .or_else(|| as_text(member("Message")))
        .or_else(|| as_text(member("errorMessage")))
        .or_else(|| response.header("x-amzn-error-message").map(str::to_owned))
        .or_else(|| xml.and_then(|x| x.message))
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

/// The code and message of an AWS XML error body.
struct XmlError {
    code: String,
    message: Option<String>,
}

/// Reads the AWS XML error forms: the front end's answer to an unsigned request,
/// `<MissingAuthenticationTokenException><Message>Missing Authentication Token</Message>
/// </MissingAuthenticationTokenException>` with no `x-amzn-ErrorType` and no `Content-Type` (a
/// published capture of appconfig.us-east-1: GitHub AllanZhengYP/cors-test, `output.md`), where
/// the root element is the code; and the query protocol's `<ErrorResponse><Error><Code>..`
/// `</Code><Message>..</Message></Error></ErrorResponse>`. Anything else (HTML from a proxy, a
/// truncated document) is not an XML error.
fn xml_error(text: &str) -> Option<XmlError> {
    let t = text.trim_start();
    let t = match t.strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>")?.1.trim_start(),
        None => t,
    };
    let root = element_name(t.strip_prefix('<')?)?;
    let message = xml_child(t, "Message");
    if root == "ErrorResponse" || root == "Error" {
        let code = xml_child(t, "Code")?;
        return Some(XmlError { code, message });
    }
    // The root is the code: an identifier that the document closes, around a <Message>. An HTML
    // page (a proxy's error) has no <Message> child and is not an AWS error.
    let is_code = root
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
        && !root.eq_ignore_ascii_case("html");
    (is_code && message.is_some() && t.trim_end().ends_with(&format!("</{root}>"))).then(|| {
        XmlError {
            code: root.to_owned(),
            message,
        }
    })
}

/// The name of the element whose tag starts `tag` (after its `<`).
fn element_name(tag: &str) -> Option<&str> {
    let end = tag.find(|c: char| c == '>' || c == '/' || c.is_whitespace())?;
    let name = &tag[..end];
    (!name.is_empty() && name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()))
        .then_some(name)
}

/// The text of the first `<name>...</name>`, with the five XML entities decoded.
fn xml_child(xml: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let start = xml.find(&open)? + open.len();
    let len = xml[start..].find(&format!("</{name}>"))?;
    let raw = xml[start..start + len].trim();
    Some(
        raw.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
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
