//! The answer to a CORS preflight, shared by the gateway's own mode and the pass-through: the
//! two differ only in the methods and request headers they allow.

use bytes::Bytes;
use http::{HeaderValue, Response, StatusCode};

/// A 204 that allows `methods` and `headers`, cached by the browser for 10 minutes.
pub(crate) fn preflight(methods: &'static str, headers: &'static str) -> Response<Bytes> {
    let mut r = Response::new(Bytes::new());
    *r.status_mut() = StatusCode::NO_CONTENT;
    let h = r.headers_mut();
    h.insert(
        "access-control-allow-methods",
        HeaderValue::from_static(methods),
    );
    h.insert(
        "access-control-allow-headers",
        HeaderValue::from_static(headers),
    );
    h.insert("access-control-max-age", HeaderValue::from_static("600"));
    r
}
