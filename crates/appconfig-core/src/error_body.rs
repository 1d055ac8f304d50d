//! An AWS error response read from its parts: the status, the headers, the body's text and a
//! lookup of the body's top-level members. [`crate::response::parse_error`] supplies the lookup from
//! `serde_json`; a JavaScript host supplies it from its own `JSON.parse`, so the rules of which
//! header and member give the code and the message live here once, whoever parses the JSON.

use crate::error::{BadRequestDetails, ServiceError};
use crate::http::find_header;
use crate::xml_error::xml_error;
use crate::DateTime;

/// The top-level members of an error body, however it was parsed.
pub trait ErrorBody {
    /// Member `name` as text: a string as it is, a number or boolean written out; `None` when
    /// absent, `null`, or an object or array. Only the body's own members count (a JavaScript
    /// lookup must not see inherited properties).
    fn text(&self, name: &str) -> Option<String>;

    /// `BadRequestException.Details`, when the body has it in the model's shape.
    fn details(&self) -> Option<BadRequestDetails> {
        None
    }
}

/// A body with no members (not JSON, or not an object).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoMembers;

impl ErrorBody for NoMembers {
    fn text(&self, _name: &str) -> Option<String> {
        None
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
/// `x-amzn-query-error` header (`Code;Sender`), the `x-amzn-ErrorType` header, else `__type`/`code`/`Code` in the body; the message from
/// `message`/`Message`/`errorMessage`, else the `x-amzn-error-message` header; the request id from
/// `x-amzn-RequestId`; the modeled members; the `Date` header for clock-skew correction. An AWS
/// XML error body gives its code and message. Any other body without a message that is not JSON
/// is quoted briefly in the message, so a proxy's page is recognisable; with no code anywhere
/// the code is `UnknownError`.
pub fn service_error_from_parts(
    status: u16,
    headers: &[(String, String)],
    body_text: &str,
    body: &dyn ErrorBody,
) -> ServiceError {
    let header = |name: &str| find_header(headers, name).map(str::to_owned);
    let xml = xml_error(body_text);
    // An awsQueryCompatible service (CloudWatch) names the error by its `query` code in
    // `x-amzn-query-error: Code;Sender`, which botocore reads before `__type`.
    let query_code = find_header(headers, "x-amzn-query-error")
        .and_then(|v| v.split_once(';'))
        .map(|(c, _)| c.to_owned())
        .filter(|c| !c.is_empty());
    let code = query_code
        .or_else(|| header("x-amzn-errortype"))
        .or_else(|| body.text("__type"))
        .or_else(|| body.text("code"))
        .or_else(|| body.text("Code"))
        .or_else(|| xml.as_ref().map(|x| x.code.clone()))
        .map(|c| sanitize_error_code(&c))
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "UnknownError".to_owned());
    let message = body
        .text("message")
        .or_else(|| body.text("Message"))
        .or_else(|| body.text("errorMessage"))
        .or_else(|| header("x-amzn-error-message"))
        .or_else(|| xml.and_then(|x| x.message))
        .unwrap_or_else(|| {
            let t = body_text.trim();
            if t.is_empty() || t.starts_with('{') {
                String::new()
            } else {
                let short: String = t.chars().take(200).collect();
                format!("unexpected non-JSON error body: {short}")
            }
        });
    let mut err = ServiceError::new(code, message, status);
    err.request_id = header("x-amzn-requestid").or_else(|| header("x-amz-request-id"));
    err.resource_name = body.text("ResourceName");
    err.reason = body.text("Reason");
    err.details = body.details();
    err.server_date = find_header(headers, "date").and_then(|d| DateTime::parse_http_date(d).ok());
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

    #[test]
    fn no_members_quotes_a_non_json_body() {
        let e = service_error_from_parts(502, &[], "<html>Bad gateway</html>", &NoMembers);
        assert_eq!(e.code, "UnknownError");
        assert_eq!(
            e.message,
            "unexpected non-JSON error body: <html>Bad gateway</html>"
        );
        let e = service_error_from_parts(500, &[], "{\"x\":1}", &NoMembers);
        assert_eq!(e.message, "");
    }
}
