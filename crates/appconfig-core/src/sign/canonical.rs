//! The SigV4 canonical request, built as aws-sigv4's `CanonicalRequest` builds it (and as the
//! official test suite and botocore expect), over the core's own URL parser.
//!
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html>

use std::borrow::Cow;

use sha2::{Digest, Sha256};

use super::SigningOptions;
use crate::error::{Error, SigningField};
use crate::http::HttpRequest;
use crate::strings::{self, Quoted};
use crate::url::Url;

/// Headers that proxies and CDNs change, never signed (aws-sigv4's default exclusions).
const EXCLUDED_HEADERS: [&str; 4] = [
    "authorization",
    "user-agent",
    "x-amzn-trace-id",
    "transfer-encoding",
];

pub(super) const X_AMZ_DATE: &str = "x-amz-date";
pub(super) const X_AMZ_SECURITY_TOKEN: &str = "x-amz-security-token";
pub(super) const X_AMZ_CONTENT_SHA256: &str = "x-amz-content-sha256";

/// The SHA-256 of nothing, the payload hash of every GET.
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// A canonical request and what the signature needs from it.
pub(super) struct Canonical {
    /// The text that is hashed into the string to sign (UTF-8; bytes, so that it is built
    /// without a check per character).
    pub(super) request: Vec<u8>,
    /// The signed header names, `;`-separated (`host;x-amz-date`).
    pub(super) signed_headers: String,
    /// The hex SHA-256 of the body.
    pub(super) payload_hash: Cow<'static, str>,
}

/// Builds the canonical request of `request` (whose URL is `url`) signed at `amz_date`.
pub(super) fn build(
    request: &HttpRequest,
    url: &Url<'_>,
    amz_date: &str,
    session_token: Option<&str>,
    options: SigningOptions,
) -> Result<Canonical, Error> {
    let payload_hash = if request.body.is_empty() {
        Cow::Borrowed(EMPTY_SHA256)
    } else {
        Cow::Owned(hex(&Sha256::digest(&request.body)))
    };
    let headers = headers(
        request,
        url,
        amz_date,
        session_token,
        &payload_hash,
        options,
    )?;

    let mut out = Vec::with_capacity(256 + request.url.len());
    out.extend_from_slice(request.method.as_bytes());
    out.push(b'\n');
    push_uri(&mut out, url.path, options);
    out.push(b'\n');
    push_query(&mut out, url.query.unwrap_or(""));
    out.push(b'\n');
    let mut signed_headers = String::with_capacity(64);
    let mut i = 0;
    while i < headers.len() {
        let name = headers[i].0.as_ref();
        let same = headers[i..].iter().take_while(|(n, _)| n == name).count();
        let unsigned = EXCLUDED_HEADERS.contains(&name)
            || (options.omit_session_token && name == X_AMZ_SECURITY_TOKEN);
        if !unsigned {
            out.extend_from_slice(name.as_bytes());
            out.push(b':');
            for (k, (_, value)) in headers[i..i + same].iter().enumerate() {
                if k > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(value.as_bytes());
            }
            out.push(b'\n');
            if !signed_headers.is_empty() {
                signed_headers.push(';');
            }
            signed_headers.push_str(name);
        }
        i += same;
    }
    out.push(b'\n');
    out.extend_from_slice(signed_headers.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(payload_hash.as_bytes());
    Ok(Canonical {
        request: out,
        signed_headers,
        payload_hash,
    })
}

type Header<'a> = (Cow<'a, str>, Cow<'a, str>);

/// The request's headers, names in lower case and values trimmed, with `host`, `x-amz-date`,
/// the session token and the payload hash put in, sorted by name (values of a repeated name stay
/// in their order).
fn headers<'a>(
    request: &'a HttpRequest,
    url: &Url<'_>,
    amz_date: &'a str,
    session_token: Option<&'a str>,
    payload_hash: &'a str,
    options: SigningOptions,
) -> Result<Vec<Header<'a>>, Error> {
    // The signer's own headers replace any of the request's with the same name.
    let mut ours: Vec<(&str, &str)> = Vec::with_capacity(3);
    ours.push((X_AMZ_DATE, amz_date));
    if let Some(token) = session_token {
        check_value(X_AMZ_SECURITY_TOKEN, token)?;
        ours.push((X_AMZ_SECURITY_TOKEN, token));
    }
    if options.sign_body {
        ours.push((X_AMZ_CONTENT_SHA256, payload_hash));
    }
    let mut out: Vec<Header<'a>> = Vec::with_capacity(request.headers.len() + 4);
    let mut has_host = false;
    for (name, value) in &request.headers {
        let name = lower_case_name(name)?;
        check_value(&name, value)?;
        if ours.iter().any(|(n, _)| *n == name) {
            continue;
        }
        has_host |= name == "host";
        out.push((name, trim_all(value)));
    }
    if !has_host {
        out.push((Cow::Borrowed("host"), Cow::Owned(url.host_header())));
    }
    out.extend(
        ours.into_iter()
            .map(|(n, v)| (Cow::Borrowed(n), Cow::Borrowed(v))),
    );
    // Stable: the values of a repeated header keep their order.
    Ok(sorted(out, |a, b| a.0 <= b.0))
}

/// A header name in lower case; it must be an HTTP token (RFC 9110).
fn lower_case_name(name: &str) -> Result<Cow<'_, str>, Error> {
    let is_token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    if name.is_empty() || !name.bytes().all(is_token) {
        return Err(Error::signing(
            SigningField::Header,
            format!("invalid header name {}", Quoted(name)),
        ));
    }
    Ok(if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    })
}

/// A header value may not hold control characters other than tab (RFC 9110). The value itself
/// is not repeated in the error: it may be a secret.
fn check_value(name: &str, value: &str) -> Result<(), Error> {
    if value.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f) {
        return Err(Error::signing(
            SigningField::Header,
            format!(
                "invalid value for header {}: control characters are not allowed",
                Quoted(name)
            ),
        ));
    }
    Ok(())
}

/// Trims spaces (only spaces, as S3 and aws-sigv4 do) at both ends and collapses runs of them
/// inside into one.
fn trim_all(value: &str) -> Cow<'_, str> {
    let value = value.trim_matches(' ');
    if !strings::contains(value, "  ") {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut previous_space = false;
    for c in value.chars() {
        if c != ' ' || !previous_space {
            out.push(c);
        }
        previous_space = c == ' ';
    }
    Cow::Owned(out)
}

/// The canonical URI: the path normalized (unless turned off) and encoded once more (unless
/// turned off), `/` for an empty path.
fn push_uri(out: &mut Vec<u8>, path: &str, options: SigningOptions) {
    let path = if path.is_empty() { "/" } else { path };
    let path = if options.normalize_path {
        normalize_path(path)
    } else {
        Cow::Borrowed(path)
    };
    if options.double_uri_encode {
        push_encoded(out, path.as_bytes(), true);
    } else {
        out.extend_from_slice(path.as_bytes());
    }
}

/// Removes `.` and `..` segments and empty segments (`//`) as aws-sigv4 does (RFC 3986 5.2.4,
/// plus the collapsing of slashes AWS asks for). The result starts with `/`, and ends with one
/// when the path does.
fn normalize_path(path: &str) -> Cow<'_, str> {
    let path: Cow<'_, str> = if path.starts_with('/') {
        Cow::Borrowed(path)
    } else {
        Cow::Owned(format!("/{path}"))
    };
    if !path.contains('.') && !strings::contains(&path, "//") {
        return path;
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let mut out = String::with_capacity(path.len());
    for segment in &segments {
        out.push('/');
        out.push_str(segment);
    }
    let ends_with_slash = ["/", "/.", "/./", "/..", "/../"]
        .iter()
        .any(|end| path.ends_with(end));
    if out.is_empty() || (ends_with_slash && !out.ends_with('/')) {
        out.push('/');
    }
    Cow::Owned(out)
}

/// The canonical query string: every `name=value` pair decoded as `application/x-www-form-
/// urlencoded` (`+` is a space), encoded again strictly, sorted by name, then value.
fn push_query(out: &mut Vec<u8>, query: &str) {
    if query.is_empty() {
        return;
    }
    let pairs: Vec<(Vec<u8>, Vec<u8>)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (reencode(name), reencode(value))
        })
        .collect();
    let pairs = sorted(pairs, |a, b| a <= b);
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push(b'&');
        }
        out.extend_from_slice(name);
        out.push(b'=');
        out.extend_from_slice(value);
    }
}

/// `items` sorted, stably, by `le` (a <= b): by binary insertion, for the few headers and query
/// pairs of a request, without the standard library's sort machinery in the wasm (4 KB).
fn sorted<T>(items: Vec<T>, le: impl Fn(&T, &T) -> bool) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        let at = out.partition_point(|x| le(x, &item));
        out.insert(at, item);
    }
    out
}

/// Form-decodes `s` (`+` and `%XX`; a `%` not followed by two hex digits stays) as UTF-8
/// (invalid sequences become U+FFFD, as `form_urlencoded` does), then encodes it strictly.
fn reencode(s: &str) -> Vec<u8> {
    if s.bytes().all(is_unreserved) {
        return s.as_bytes().to_vec();
    }
    let b = s.as_bytes();
    let hex_at = |i: usize| b.get(i).copied().and_then(hex_value);
    let mut decoded = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let byte = match (b[i], hex_at(i + 1), hex_at(i + 2)) {
            (b'+', ..) => b' ',
            (b'%', Some(hi), Some(lo)) => {
                i += 2;
                hi << 4 | lo
            }
            (other, ..) => other,
        };
        decoded.push(byte);
        i += 1;
    }
    let mut out = Vec::with_capacity(decoded.len() * 3);
    push_encoded(
        &mut out,
        String::from_utf8_lossy(&decoded).as_bytes(),
        false,
    );
    out
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// RFC 3986 unreserved: what SigV4 never encodes.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes (upper-case hex) every byte but the unreserved ones, and `/` when
/// `keep_slash`.
fn push_encoded(out: &mut Vec<u8>, s: &[u8], keep_slash: bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut rest = s;
    // Runs of bytes that stay as they are are copied at once.
    while let Some(i) = rest
        .iter()
        .position(|&b| !(is_unreserved(b) || (keep_slash && b == b'/')))
    {
        let b = rest[i];
        out.extend_from_slice(&rest[..i]);
        out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
}

/// Lower-case hex, as SigV4 writes hashes.
pub(super) fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.extend_from_slice(&[HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
    }
    // ASCII: never the default.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests;
