//! SigV4 verification: the signature is recomputed from what arrived, never trusted.
//!
//! It is recomputed with `aws-sigv4`'s whole `http_request` signing layer (its own canonical
//! request), not through `appconfig_core::sign`: the clients under test sign with the core (or
//! with an AWS SDK), so every request the simulator accepts cross-checks their canonicalizer
//! against an independent one.

use std::time::SystemTime;

use appconfig_core::DateTime;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use bytes::Bytes;
use http::{HeaderMap, Request};

use crate::awserror::ApiError;
use crate::config::Key;

/// How far `x-amz-date` may be from the simulator's clock.
pub(crate) const MAX_SKEW_MS: i64 = 5 * 60 * 1000;

const SIGNATURE_MISMATCH: &str = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const INVALID_TOKEN: &str = "The security token included in the request is invalid.";

/// The parts of a request the signature covers.
#[derive(Debug)]
pub(crate) struct SignedRequest<'a> {
    /// The method.
    pub(crate) method: &'a str,
    /// The path and query exactly as they arrived (still percent-encoded).
    pub(crate) path_and_query: &'a str,
    /// The headers.
    pub(crate) headers: &'a HeaderMap,
    /// The body.
    pub(crate) body: &'a [u8],
}

impl<'a> SignedRequest<'a> {
    /// The signed parts of a request as it arrived.
    pub(crate) fn of(req: &'a Request<Bytes>) -> Self {
        SignedRequest {
            method: req.method().as_str(),
            path_and_query: req
                .uri()
                .path_and_query()
                .map_or_else(|| req.uri().path(), |p| p.as_str()),
            headers: req.headers(),
            body: req.body(),
        }
    }
}

fn invalid_signature(message: impl Into<String>) -> ApiError {
    ApiError::new(403, "InvalidSignatureException", message)
}

fn incomplete(message: impl Into<String>) -> ApiError {
    ApiError::new(400, "IncompleteSignatureException", message)
}

/// The `x-amz-date` form of a time (`20240101T000000Z`): the core's one formatter.
fn amz_date(t: &DateTime) -> String {
    t.to_amz_date()
}

fn parse_amz_date(s: &str) -> Option<DateTime> {
    let b = s.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<&str> {
        let part = s.get(r)?;
        part.bytes().all(|c| c.is_ascii_digit()).then_some(part)
    };
    let iso = format!(
        "{}-{}-{}T{}:{}:{}Z",
        digits(0..4)?,
        digits(4..6)?,
        digits(6..8)?,
        digits(9..11)?,
        digits(11..13)?,
        digits(13..15)?
    );
    DateTime::parse(&iso).ok()
}

fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Verifies the SigV4 `Authorization` header of `req` against `keys` at `now`.
///
/// # Errors
/// 403 `MissingAuthenticationTokenException`, `UnrecognizedClientException` or
/// `InvalidSignatureException`, or 400 `IncompleteSignatureException`, with AWS's messages.
pub(crate) fn verify<'k>(
    keys: &'k [Key],
    expected_region: &str,
    expected_service: &str,
    req: &SignedRequest<'_>,
    now: DateTime,
) -> Result<&'k Key, ApiError> {
    let Some(raw) = req.headers.get(http::header::AUTHORIZATION) else {
        return Err(ApiError::new(
            403,
            "MissingAuthenticationTokenException",
            "Missing Authentication Token",
        ));
    };
    let auth = raw
        .to_str()
        .map_err(|_| incomplete("Authorization header is not valid ASCII text"))?;
    let Some(params) = auth.strip_prefix("AWS4-HMAC-SHA256 ") else {
        return Err(incomplete(
            "Authorization header requires the AWS4-HMAC-SHA256 algorithm (Signature Version 4)",
        ));
    };
    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for part in params.split(',') {
        let Some((k, v)) = part.trim().split_once('=') else {
            continue;
        };
        match k.trim() {
            "Credential" => credential = Some(v.trim()),
            "SignedHeaders" => signed_headers = Some(v.trim()),
            "Signature" => signature = Some(v.trim()),
            _ => {}
        }
    }
    let amz_date_header = header_text(req.headers, "x-amz-date");
    let mut missing = Vec::new();
    if credential.is_none() {
        missing.push("Authorization header requires 'Credential' parameter.");
    }
    if signature.is_none() {
        missing.push("Authorization header requires 'Signature' parameter.");
    }
    if signed_headers.is_none() {
        missing.push("Authorization header requires 'SignedHeaders' parameter.");
    }
    if amz_date_header.is_none() {
        missing.push(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
        );
    }
    let (Some(credential), Some(signed_headers), Some(signature), Some(amz_date_text)) =
        (credential, signed_headers, signature, amz_date_header)
    else {
        return Err(incomplete(missing.join(" ")));
    };
    let scope: Vec<&str> = credential.split('/').collect();
    let [access_key_id, scope_date, region, service, terminator] = scope[..] else {
        return Err(incomplete(format!(
            "Authorization header Credential is malformed: expected AKID/date/region/service/aws4_request, got {} parts",
            scope.len()
        )));
    };
    let Some(key) = keys.iter().find(|k| k.access_key_id() == access_key_id) else {
        return Err(ApiError::new(
            403,
            "UnrecognizedClientException",
            INVALID_TOKEN,
        ));
    };
    if service != expected_service {
        return Err(invalid_signature(format!(
            "Credential should be scoped to correct service: '{expected_service}'. "
        )));
    }
    if terminator != "aws4_request" {
        return Err(invalid_signature(format!(
            "Credential should be scoped with a valid terminator: 'aws4_request', not '{terminator}'. "
        )));
    }
    // AWS refuses a credential scoped to another region than the endpoint's, with exactly this
    // text (trailing space included): aws/aws-sdk-ruby#508 ("Credential should be scoped to a
    // valid region, not 'us-east-1'."), cognitect-labs/aws-api#27 (the trailing space), and as
    // an `InvalidSignatureException` from a JSON service in fsouza/s3-upload-proxy#241 (`not
    // ''`), which is a 403 like every InvalidSignatureException (aws/aws-sdk-js-v3#5576).
    if region != expected_region {
        return Err(invalid_signature(format!(
            "Credential should be scoped to a valid region, not '{}'. ",
            region.chars().take(64).collect::<String>()
        )));
    }
    let Some(signed_at) = parse_amz_date(amz_date_text) else {
        return Err(incomplete(format!(
            "Date must be in ISO-8601 'basic format'. Got '{amz_date_text}'. See http://en.wikipedia.org/wiki/ISO_8601"
        )));
    };
    if !amz_date_text.starts_with(scope_date) || scope_date.len() != 8 {
        return Err(invalid_signature(format!(
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scope_date}' != '{}', from '{amz_date_text}'.",
            &amz_date_text[..8]
        )));
    }
    let age = now.millis_since(&signed_at);
    if age > MAX_SKEW_MS {
        return Err(invalid_signature(format!(
            "Signature expired: {amz_date_text} is now earlier than {} ({} - 5 min.)",
            amz_date(&now.add_millis(-MAX_SKEW_MS)),
            amz_date(&now)
        )));
    }
    if -age > MAX_SKEW_MS {
        return Err(invalid_signature(format!(
            "Signature not yet current: {amz_date_text} is still later than {} ({} + 5 min.)",
            amz_date(&now.add_millis(MAX_SKEW_MS)),
            amz_date(&now)
        )));
    }
    let token = header_text(req.headers, "x-amz-security-token");
    if token != key.session_token() {
        return Err(ApiError::new(
            403,
            "UnrecognizedClientException",
            INVALID_TOKEN,
        ));
    }
    // Rebuild the request from exactly the headers the client says it signed.
    let names: Vec<&str> = signed_headers.split(';').collect();
    if !names.contains(&"host") {
        return Err(invalid_signature(
            "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
        ));
    }
    let mut headers: Vec<(&str, &str)> = Vec::with_capacity(names.len());
    for name in &names {
        if *name != name.to_ascii_lowercase() || name.is_empty() {
            return Err(invalid_signature(SIGNATURE_MISMATCH));
        }
        let before = headers.len();
        headers.extend(
            req.headers
                .get_all(*name)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .map(|v| (*name, v)),
        );
        if headers.len() == before {
            return Err(invalid_signature(SIGNATURE_MISMATCH));
        }
    }
    let (expected, ours) = recompute(
        key,
        (region, service),
        signed_at.to_system_time(),
        req.method,
        req.path_and_query,
        &headers,
        req.body,
    )
    .ok_or_else(|| invalid_signature(SIGNATURE_MISMATCH))?;
    if !constant_time_eq(expected.as_bytes(), signature.as_bytes()) {
        return Err(invalid_signature(SIGNATURE_MISMATCH));
    }
    // The recomputed SignedHeaders must be the ones the client listed (no header smuggled in or
    // left out by the signer's exclusions, such as `user-agent`).
    if ours != signed_headers {
        return Err(invalid_signature(SIGNATURE_MISMATCH));
    }
    Ok(key)
}

/// The signature and the `SignedHeaders` that `aws-sigv4` computes for the request, with the
/// settings the AWS SDKs use for AppConfig (double URI encoding, path normalization, unsigned
/// payload hash header). `None` when it cannot be signed (a malformed header, path or query).
fn recompute(
    key: &Key,
    (region, service): (&str, &str),
    time: SystemTime,
    method: &str,
    path_and_query: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Option<(String, String)> {
    if !path_and_query.starts_with('/') {
        return None;
    }
    let c = key.credentials();
    let identity = aws_credential_types::Credentials::new(
        c.access_key_id(),
        c.secret_access_key(),
        c.session_token().map(str::to_owned),
        None,
        "appconfig-sim",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .ok()?
        .into();
    // Only the authority-less path matters to the canonical request; the `host` header (always
    // among the signed ones) gives the host.
    let url = format!("http://localhost{path_and_query}");
    let signable = SignableRequest::new(
        method,
        url.as_str(),
        headers.iter().copied(),
        SignableBody::Bytes(body),
    )
    .ok()?;
    let (instructions, signature) = sign(signable, &params).ok()?.into_parts();
    let signed_headers = instructions
        .headers()
        .find(|(k, _)| k.eq_ignore_ascii_case("authorization"))
        .and_then(|(_, v)| v.split("SignedHeaders=").nth(1))
        .and_then(|v| v.split(',').next())
        .unwrap_or_default()
        .to_owned();
    Some((signature, signed_headers))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amz_dates() {
        let t = parse_amz_date("20240101T001500Z").unwrap();
        assert_eq!(amz_date(&t), "20240101T001500Z");
        for bad in [
            "",
            "20240101",
            "2024010XT001500Z",
            "20241301T001500Z",
            "20240101T001500",
        ] {
            assert!(parse_amz_date(bad).is_none(), "{bad}");
        }
    }
}
