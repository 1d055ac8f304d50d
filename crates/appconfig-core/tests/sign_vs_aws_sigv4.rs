//! The core's signer against aws-sigv4's own request layer (`http_request::sign`, which the core
//! no longer ships), on generated requests: paths with dot segments, doubled slashes, escapes and
//! UTF-8; queries with repeated, empty, `+`-spaced and malformed pairs; repeated, mixed-case and
//! space-padded headers, a `host` header of the request's own; bodies; session tokens; every
//! combination of the signing options. Native only (the browser run has the vectors).

#![cfg(not(target_arch = "wasm32"))]

use std::time::{Duration, SystemTime};

use appconfig_core::{sign, sign::SigningOptions, Credentials, HttpRequest};
use aws_sigv4::http_request::{
    PayloadChecksumKind, PercentEncodingMode, SessionTokenMode, SignableBody, SignableRequest,
    SigningSettings,
};

mod common;
use common::Rng;

const PATH_PIECES: &[&str] = &[
    "a", "Z", "0", "-", "_", "~", ".", "..", "/", "//", "%20", "%2F", "%41", "%25", "ü", "☃", "!",
    "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", ":", "@", "%", "\"", "{", "}",
];
const QUERY_PIECES: &[&str] = &[
    "a", "B", "1", "-", "_", "~", ".", "+", "%20", "%2B", "%3D", "%26", "%zz", "%4", "%ff", "é",
    "=", "&", "&&", "/", "?", ":", "@", "!", "$", "'", "(", ")", "*", ",", ";",
];
const VALUE_PIECES: &[&str] = &[
    "a", "B", " ", "  ", "\t", "x=y", "é", ",", ";", "\"q\"", "/",
];
const NAMES: &[&str] = &[
    "x-test",
    "X-Test",
    "content-type",
    "Accept",
    "x-amz-meta-a",
    "user-agent",
    "x-amzn-trace-id",
    "transfer-encoding",
    "x-amz-date",
    "X-Amz-Security-Token",
    "x-amz-content-sha256",
    "Host",
];

fn reference(
    req: &HttpRequest,
    creds: &Credentials,
    region: &str,
    service: &str,
    time: SystemTime,
    options: SigningOptions,
) -> Option<(Vec<(String, String)>, String)> {
    let identity = aws_credential_types::Credentials::new(
        creds.access_key_id(),
        creds.secret_access_key(),
        creds.session_token().map(str::to_owned),
        None,
        "test",
    )
    .into();
    let mut settings = SigningSettings::default();
    settings.uri_path_normalization_mode = options.normalize_path.into();
    settings.percent_encoding_mode = if options.double_uri_encode {
        PercentEncodingMode::Double
    } else {
        PercentEncodingMode::Single
    };
    settings.payload_checksum_kind = if options.sign_body {
        PayloadChecksumKind::XAmzSha256
    } else {
        PayloadChecksumKind::NoHeader
    };
    settings.session_token_mode = if options.omit_session_token {
        SessionTokenMode::Exclude
    } else {
        SessionTokenMode::Include
    };
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(settings)
        .build()
        .ok()?
        .into();
    // Without a `host` header of the request's own, aws-sigv4 takes the URL's authority and
    // leaves out a default port.
    let headers = req.headers.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let signable = SignableRequest::new(
        &req.method,
        req.url.as_str(),
        headers,
        SignableBody::Bytes(&req.body),
    )
    .ok()?;
    let (instructions, signature) = aws_sigv4::http_request::sign(signable, &params)
        .ok()?
        .into_parts();
    let headers = instructions
        .headers()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.to_owned()))
        .collect();
    Some((headers, signature))
}

#[test]
fn matches_aws_sigv4_on_generated_requests() {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let mut compared = 0;
    for case in 0..3000 {
        let host = r.pick(&[
            "appconfig.us-east-1.amazonaws.com",
            "127.0.0.1:4010",
            "h.example:8443",
            "[::1]:4010",
            "example.amazonaws.com:443",
        ]);
        let scheme = r.pick(&["https", "http"]);
        let path = format!("/{}", r.text(PATH_PIECES, 10));
        let query = if r.chance(60) {
            format!("?{}", r.text(QUERY_PIECES, 12))
        } else {
            String::new()
        };
        let mut headers = Vec::new();
        for _ in 0..r.index(6) {
            let name = r.pick(NAMES);
            let value = if name.eq_ignore_ascii_case("host") {
                host.to_owned()
            } else {
                r.text(VALUE_PIECES, 6)
            };
            headers.push((name.to_owned(), value));
        }
        let req = HttpRequest {
            method: r.pick(&["GET", "POST", "DELETE", "PUT"]).to_owned(),
            url: format!("{scheme}://{host}{path}{query}"),
            headers,
            body: r.text(VALUE_PIECES, 8).into_bytes(),
        };
        let creds = Credentials::new(
            format!("AKID{case}"),
            r.text(&["a", "B", "/", "+", "="], 40) + "k",
            r.chance(50)
                .then(|| r.text(&["T", "o", "k", "/", "+", "="], 30) + "n"),
        );
        let mut options = SigningOptions::default();
        options.normalize_path = r.chance(70);
        options.double_uri_encode = r.chance(70);
        options.sign_body = r.chance(30);
        options.omit_session_token = r.chance(20);
        let region = r.pick(&["us-east-1", "eu-west-1", "cn-north-1"]);
        let service = r.pick(&["appconfig", "s3", "execute-api"]);
        let time = SystemTime::UNIX_EPOCH
            + Duration::from_millis(946_684_800_000 + r.next() % 2_000_000_000_000);

        let ours = sign(&req, &creds, region, service, time, options);
        let theirs = reference(&req, &creds, region, service, time, options);
        match (ours, theirs) {
            (Ok(ours), Some((headers, signature))) => {
                assert_eq!(ours.headers, headers, "case {case}: {req:?} {options:?}");
                assert_eq!(
                    ours.signature, signature,
                    "case {case}: {req:?} {options:?}"
                );
                compared += 1;
            }
            (Err(e), None) => {
                assert!(
                    matches!(e, appconfig_core::Error::Signing { .. }),
                    "case {case}: {e}"
                )
            }
            (ours, theirs) => panic!(
                "case {case}: ours {:?}, aws-sigv4's {:?}: {req:?}",
                ours.map(|s| s.signature),
                theirs.map(|t| t.1)
            ),
        }
    }
    assert!(compared > 2500, "only {compared} cases signed by both");
}
