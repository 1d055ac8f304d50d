//! HTTP pieces of the simulator: JSON and error responses, the CORS
//! preflight and headers, and reading a request body within a limit.

use std::net::IpAddr;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};
use http::{Response, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;

use crate::awserror::ApiError;

/// The largest request body accepted. A StartDeployment body within the model's limits (50
/// tags, 10 extension parameters of 2 KiB, descriptions) is under 70 KiB; a bound this size
/// keeps stalled uploads from holding much memory (`tests/limits.rs`).
pub(crate) const MAX_BODY: usize = 256 * 1024;

/// Request headers a browser may send (the preflight answer).
pub(crate) const ALLOW_HEADERS: &str = "authorization, content-type, x-amz-date, x-amz-security-token, x-amz-content-sha256, x-amz-user-agent, amz-sdk-invocation-id, amz-sdk-request, allow-revert, x-appconfig-upstream-host, description, versionlabel, latest-version-number, x-amzn-deletion-protection-check";
/// Response headers a browser may read (what the AWS SDKs read).
pub(crate) const EXPOSE_HEADERS: &str = "x-amzn-ErrorType, x-amzn-query-error, smithy-protocol, x-amzn-RequestId, x-amzn-ErrorMessage, x-amz-request-id, x-amz-id-2, x-amz-apigw-id, x-amzn-Remapped-Date, Date, Content-Length, Content-Type, Application-Id, Configuration-Profile-Id, Version-Number, Description, VersionLabel, KmsKeyArn";

/// The body of every response (the server wraps it for hyper).
pub(crate) type Body = Bytes;

/// A JSON response.
pub(crate) fn json_response(status: u16, body: &Value) -> Response<Body> {
    let bytes = serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec());
    let mut r = Response::new(Bytes::from(bytes));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// What AppConfig's front end answers a request without an `Authorization` header: 403 with
/// this XML body, 127 bytes, and no `Content-Type` or `x-amzn-ErrorType` (only `Date`,
/// `Content-Length` and `x-amzn-RequestId`). Captured from `appconfig.us-east-1.amazonaws.com`
/// (an unsigned `OPTIONS /applications`) in GitHub AllanZhengYP/cors-test, `output.md`; the
/// same body comes back from other AWS front ends (common-voice/common-voice#1599, API
/// Gateway).
pub(crate) const MISSING_TOKEN_BODY: &str = "<MissingAuthenticationTokenException>\n  <Message>Missing Authentication Token</Message>\n</MissingAuthenticationTokenException>\n";

/// An AWS error response: JSON body and `x-amzn-ErrorType` (or, for a missing token, the
/// front end's XML).
pub(crate) fn error_response(e: &ApiError) -> Response<Body> {
    if e.code == "MissingAuthenticationTokenException" {
        let mut r = Response::new(Bytes::from_static(MISSING_TOKEN_BODY.as_bytes()));
        *r.status_mut() = StatusCode::FORBIDDEN;
        return r;
    }
    let mut r = json_response(e.status, &e.body());
    if let Ok(v) = HeaderValue::from_str(e.code) {
        r.headers_mut()
            .insert(HeaderName::from_static("x-amzn-errortype"), v);
    }
    r
}

/// The answer to a CORS preflight: the methods, the headers the SDKs send, plus any other
/// requested header names (signatures, not CORS, protect the API).
pub(crate) fn preflight(requested: Option<&HeaderValue>) -> Response<Body> {
    let mut r = Response::new(Bytes::new());
    *r.status_mut() = StatusCode::NO_CONTENT;
    let h = r.headers_mut();
    h.insert(
        "access-control-allow-methods",
        HeaderValue::from_static("GET, POST, PATCH, DELETE, OPTIONS"),
    );
    let mut allowed: Vec<String> = ALLOW_HEADERS.split(", ").map(str::to_owned).collect();
    for name in requested
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(',')
        .map(|n| n.trim().to_ascii_lowercase())
    {
        let token = !name.is_empty()
            && name.len() <= 100
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if token && !allowed.contains(&name) && allowed.len() < 64 {
            allowed.push(name);
        }
    }
    if let Ok(v) = HeaderValue::from_str(&allowed.join(", ")) {
        h.insert("access-control-allow-headers", v);
    }
    h.insert("access-control-max-age", HeaderValue::from_static("600"));
    r
}

/// True for `localhost` and loopback IP literals (`127.0.0.0/8`, `::1`), parsed, never by prefix.
pub(crate) fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The host (without port) of an `Origin` such as `http://127.0.0.1:8080`; `None` for `null` or
/// anything else that is not `scheme://authority`.
pub(crate) fn origin_authority(origin: &str) -> Option<&str> {
    let (scheme, rest) = origin.split_once("://")?;
    (matches!(scheme, "http" | "https") && !rest.is_empty() && !rest.contains(['/', '@', '?']))
        .then_some(rest)
}

pub(crate) fn host_of(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or_default();
    }
    authority.rsplit_once(':').map_or(authority, |(h, _)| h)
}

/// Headers every answer carries: `Date` (`date`, already formatted) unless the answer has one
/// (set by a handler), a request id unless it has one, and CORS:
/// `Access-Control-Allow-Origin` is `allow_origin`, and without it no CORS header is sent.
pub(crate) fn finish<B>(r: &mut Response<B>, date: &str, allow_origin: Option<HeaderValue>) {
    let h = r.headers_mut();
    if !h.contains_key(http::header::DATE) {
        if let Ok(v) = HeaderValue::from_str(date) {
            h.insert(http::header::DATE, v);
        }
    }
    if !h.contains_key("x-amzn-requestid") {
        if let Ok(v) = HeaderValue::from_str(&uuid::Uuid::new_v4().to_string()) {
            h.insert(HeaderName::from_static("x-amzn-requestid"), v);
        }
    }
    h.append(http::header::VARY, HeaderValue::from_static("Origin"));
    let Some(origin) = allow_origin else {
        return;
    };
    h.insert("access-control-allow-origin", origin);
    h.insert(
        "access-control-expose-headers",
        HeaderValue::from_static(EXPOSE_HEADERS),
    );
}

/// An answer, and whether the store changed (so it must be saved before the answer goes out).
#[derive(Debug)]
pub(crate) struct Outcome {
    pub(crate) response: Response<Body>,
    pub(crate) changed: bool,
}

impl Outcome {
    pub(crate) fn unchanged(response: Response<Body>) -> Self {
        Outcome {
            response,
            changed: false,
        }
    }
}

/// The address a request came from (a request extension the server sets; without it, as for
/// `Simulator::handle_request`, the request counts as local).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Peer(pub(crate) std::net::IpAddr);

/// The address a request's connection arrived on (the simulator's side of it; a request
/// extension the server sets). Without it, as for `Simulator::handle_request`, nothing was
/// received over a network and the `Host` of `/_sim` requests is not checked.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Local(pub(crate) std::net::SocketAddr);

/// How much of a too-large body is read and dropped before answering 413, so that the client,
/// still sending, reads the answer instead of a connection reset.
const DRAIN_LIMIT: usize = 16 * 1024 * 1024;

/// The largest body of a CreateHostedConfigurationVersion: twice the hosted store's 2 MB, so a
/// configuration over the quota is read and answered PayloadTooLargeException with its size.
pub(crate) const MAX_HOSTED_BODY: usize = 2 * crate::store::MAX_HOSTED_BYTES;

/// The body limit of a request: [`MAX_HOSTED_BODY`] for a new hosted configuration version
/// (`POST …/hostedconfigurationversions`), [`MAX_BODY`] for anything else.
pub(crate) fn body_limit(method: &http::Method, path: &str) -> usize {
    if method == http::Method::POST
        && path
            .trim_end_matches('/')
            .ends_with("/hostedconfigurationversions")
    {
        MAX_HOSTED_BODY
    } else {
        MAX_BODY
    }
}

/// Reads a request body of at most `limit` bytes.
///
/// # Errors
/// 400 when the body cannot be read, 413 when it is too large.
pub(crate) async fn read_body_within<B>(mut body: B, limit: usize) -> Result<Bytes, ApiError>
where
    B: hyper::body::Body<Data = Bytes> + Unpin,
{
    let mut buf: Vec<u8> = Vec::new();
    let mut total = 0usize;
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else {
            return Err(ApiError::bad_request("The request body could not be read"));
        };
        if let Ok(data) = frame.into_data() {
            total = total.saturating_add(data.len());
            if total <= limit {
                buf.extend_from_slice(&data);
            } else if total > DRAIN_LIMIT {
                break;
            }
        }
    }
    if total > limit {
        return Err(ApiError::new(
            413,
            "RequestEntityTooLargeException",
            format!("Request body is larger than {limit} bytes"),
        ));
    }
    Ok(Bytes::from(buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_is_parsed_not_prefixed() {
        for yes in [
            "localhost",
            "127.0.0.1",
            "127.8.9.10",
            "[::1]",
            "::1",
            "LOCALHOST",
        ] {
            assert!(is_loopback_host(yes), "{yes}");
        }
        for no in [
            "127.0.0.1.evil.test",
            "localhost.evil.test",
            "10.0.0.1",
            "example.com",
            "",
        ] {
            assert!(!is_loopback_host(no), "{no}");
        }
        assert_eq!(
            origin_authority("http://127.0.0.1:8080"),
            Some("127.0.0.1:8080")
        );
        assert_eq!(origin_authority("null"), None);
        assert_eq!(origin_authority("http://a@b"), None);
        assert_eq!(host_of("127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(host_of("[::1]:8080"), "::1");
    }
}
