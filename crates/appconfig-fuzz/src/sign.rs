//! `sign` with any method, URL, headers, body, region, service, credentials, time and options:
//! it must never panic, and what it signs is a well-formed SigV4 `Authorization` header, the same
//! for the same input.
//!
//! The input is a parameter line and a request as the SigV4 suite's `request.txt` writes it:
//!
//! ```text
//! us-east-1 service 1440938160 0 AKIDEXAMPLE wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY [TOKEN]
//! GET /path?query HTTP/1.1
//! Host:example.amazonaws.com
//!
//! body
//! ```
//!
//! Parameters: region, service, epoch seconds (negative allowed), option bits (1 normalize the
//! path, 2 sign the body, 4 omit the session token, 8 single URI encoding), access key id,
//! secret, session token. The URL is the request target when it has `://`, else
//! `https://<Host header><target>`.

use std::time::{Duration, SystemTime};

use appconfig_core::{sign, Credentials, HttpRequest, sign::SigningOptions};

use crate::Message;

/// Runs one input.
pub fn run(data: &[u8]) {
    let (params, rest) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let params = String::from_utf8_lossy(params);
    let p: Vec<&str> = params.split(' ').collect();
    let get = |i: usize, default: &'static str| p.get(i).copied().unwrap_or(default);
    let region = get(0, "us-east-1");
    let service = get(1, "service");
    let secs: i64 = get(2, "1440938160").parse().unwrap_or(1_440_938_160);
    let bits: u8 = get(3, "1").parse().unwrap_or(1);
    let creds = Credentials::new(
        get(4, "AKIDEXAMPLE"),
        get(5, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        p.get(6).map(|t| (*t).to_owned()),
    );
    let mut options = SigningOptions::default();
    options.normalize_path = bits & 1 != 0;
    options.sign_body = bits & 2 != 0;
    options.omit_session_token = bits & 4 != 0;
    options.double_uri_encode = bits & 8 == 0;
    let magnitude = Duration::from_secs(secs.unsigned_abs());
    let Some(time) = (if secs >= 0 {
        SystemTime::UNIX_EPOCH.checked_add(magnitude)
    } else {
        SystemTime::UNIX_EPOCH.checked_sub(magnitude)
    }) else {
        return;
    };

    let m = Message::parse(rest);
    let method = m.word(0).to_owned();
    let target = m.word(1);
    let url = if target.contains("://") {
        target.to_owned()
    } else {
        let host = m.header("host").unwrap_or("example.amazonaws.com").trim();
        format!("https://{host}{target}")
    };
    let request = HttpRequest {
        method,
        url,
        headers: m.headers,
        body: m.body,
    };
    let Ok(signed) = sign(&request, &creds, region, service, time, options) else {
        return;
    };
    let again = sign(&request, &creds, region, service, time, options).expect("signs twice");
    assert_eq!(again, signed, "signing is not deterministic");
    assert!(
        signed.signature.len() == 64
            && signed
                .signature
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
        "signature {:?} is not 64 lower-case hex digits",
        signed.signature
    );
    let auth = signed
        .headers
        .iter()
        .find(|(k, _)| k == "authorization")
        .map(|(_, v)| v.as_str())
        .expect("an authorization header");
    let prefix = format!("AWS4-HMAC-SHA256 Credential={}/", creds.access_key_id());
    assert!(auth.starts_with(&prefix), "authorization {auth:?}");
    assert!(
        auth.ends_with(&format!("Signature={}", signed.signature)),
        "authorization {auth:?} does not end with the signature"
    );
    assert!(
        signed.headers.iter().any(|(k, _)| k == "x-amz-date"),
        "no x-amz-date"
    );
    for (name, value) in &signed.headers {
        assert!(
            http::HeaderName::from_bytes(name.as_bytes()).is_ok()
                && http::HeaderValue::from_str(value).is_ok(),
            "added header {name}: {value:?} cannot be sent"
        );
    }
}
