//! The plain HTTP request and response the core builds and reads, and header lookup. A transport
//! of the caller's choice sends one and receives the other.

use std::fmt;

/// The sentence that explains a network failure of a browser request to another origin, where
/// CORS is the likely cause, and how to fix it. Both browser transports add it to such errors:
/// `appconfig-fetch` uses this one; the npm package's JavaScript (`js/transport.js`) keeps the same
/// words, checked equal by `crates/appconfig-js/tests/js_policy.rs`.
pub const CORS_HINT: &str = "the browser most likely blocked the request by CORS: AWS AppConfig \
sends no CORS headers, so a web page cannot call it directly. Use the `gateway` option \
(appconfig-gateway, no AWS key in the page) or the `proxy` option (a forwarding proxy such as \
`appconfig-gateway proxy`)";

/// A plain HTTP request: what the core builds and a transport sends.
///
/// `url` is where to send it. `headers` never contains `Host`: the transport derives it from the
/// URL (browsers forbid setting it), and the signature covers the host of the URL that was signed,
/// which differs from `url`'s when sending through a proxy.
///
/// `Debug` shows header names but hides the values of `authorization` and
/// `x-amz-security-token`: the session token is a secret, and the signature is as good as one
/// for five minutes.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct HttpRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The absolute URL.
    pub url: String,
    /// Header names (lower case) and values, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// The first value of a header (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// Headers whose values `Debug` never prints.
const SECRET_HEADERS: &[&str] = &["authorization", "x-amz-security-token"];

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Headers<'a>(&'a [(String, String)]);
        impl fmt::Debug for Headers<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut list = f.debug_list();
                for (name, value) in self.0 {
                    if SECRET_HEADERS.iter().any(|s| name.eq_ignore_ascii_case(s)) {
                        list.entry(&(name, "** redacted **"));
                    } else {
                        list.entry(&(name, value));
                    }
                }
                list.finish()
            }
        }
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &Headers(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// A plain HTTP response, as a transport received it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// Header names and values (any case).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The first value of a header (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// `x-amzn-RequestId`, or `x-amz-request-id`.
    pub fn request_id(&self) -> Option<&str> {
        self.header("x-amzn-requestid")
            .or_else(|| self.header("x-amz-request-id"))
    }
}

/// The first value of header `name` (case-insensitive) in a list of pairs.
pub(crate) fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_signature_and_the_session_token() {
        let req = HttpRequest {
            method: "GET".into(),
            url: "https://appconfig.us-east-1.amazonaws.com/applications".into(),
            headers: vec![
                ("x-amz-date".into(), "20240101T000000Z".into()),
                ("X-Amz-Security-Token".into(), "TOKENTOKEN".into()),
                (
                    "authorization".into(),
                    "AWS4-HMAC-SHA256 Credential=AKID/..., Signature=abcdef0123".into(),
                ),
            ],
            body: b"{}".to_vec(),
        };
        let s = format!("{req:?}");
        assert!(
            s.contains("x-amz-date") && s.contains("20240101T000000Z"),
            "{s}"
        );
        assert!(s.contains("X-Amz-Security-Token"), "{s}");
        assert!(!s.contains("TOKENTOKEN"), "{s}");
        assert!(!s.contains("abcdef0123"), "{s}");
    }
}
