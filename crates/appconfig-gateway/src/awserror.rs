//! Errors answered in AWS's shape (`x-amzn-errortype` + `{"message": …}`), so every client's
//! existing error reading works on the gateway's own refusals.

use bytes::Bytes;
use http::{HeaderValue, Response, StatusCode};

/// The gateway's refusal codes.
pub(crate) const AUTH_REQUIRED: &str = "GatewayAuthenticationRequired";
pub(crate) const FORBIDDEN: &str = "GatewayForbidden";
pub(crate) const UNKNOWN_ACCOUNT: &str = "GatewayUnknownAccount";
pub(crate) const THROTTLING: &str = "ThrottlingException";

/// An error answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AwsError {
    pub(crate) status: u16,
    pub(crate) code: &'static str,
    pub(crate) message: String,
    /// Seconds for `Retry-After`.
    pub(crate) retry_after: Option<u64>,
}

impl AwsError {
    pub(crate) fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        AwsError {
            status,
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    pub(crate) fn throttled(retry_after: u64, message: impl Into<String>) -> Self {
        AwsError {
            retry_after: Some(retry_after.max(1)),
            ..AwsError::new(429, THROTTLING, message)
        }
    }

    pub(crate) fn response(&self) -> Response<Bytes> {
        let body = serde_json::json!({ "message": self.message });
        let mut r = Response::new(Bytes::from(body.to_string()));
        *r.status_mut() =
            StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let h = r.headers_mut();
        h.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        h.insert("x-amzn-errortype", HeaderValue::from_static(self.code));
        if let Some(s) = self.retry_after {
            h.insert(http::header::RETRY_AFTER, HeaderValue::from(s));
        }
        r
    }
}
