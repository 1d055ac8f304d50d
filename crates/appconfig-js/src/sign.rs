//! `signRequest` (any AWS request, with a signer that keeps its keys across calls), reading an
//! error response without a call, and the environment states' spellings.

use std::cell::RefCell;

use appconfig_core::{
    model::EnvironmentStateKind,
    response::service_error_from_parts,
    sign::{Signer, SigningOptions},
    Credentials, DateTime, HttpRequest,
};
use wasm_bindgen::prelude::*;

use crate::wire::{pairs, push_pairs, service_descriptor, thrown, Members};

thread_local! {
    /// The signing keys of `signRequest`'s callers: one per (secret, date, region, service),
    /// as the AWS SDK's `SignatureV4` keeps them.
    static SIGNER: RefCell<Signer> = RefCell::new(Signer::new());
}

/// `normalizePath` (default on), `signBody`, `omitSessionToken`, as bits of `flags`.
pub(crate) const NORMALIZE_PATH: u8 = 1;
/// See [`NORMALIZE_PATH`].
pub(crate) const SIGN_BODY: u8 = 2;
/// See [`NORMALIZE_PATH`].
pub(crate) const OMIT_SESSION_TOKEN: u8 = 4;

/// Signs any AWS request with SigV4 at `time_ms` (ms since the epoch, 1970 to 9999, as the
/// JavaScript side checked). `fields` are lines: method, URL, region, service, access key id,
/// secret access key, session token (empty for none), then `name\nvalue` per header; `body` the
/// bytes of the body. Returns the headers to add as `name\nvalue` lines.
///
/// # Errors
/// `SigningError\u{1}message` or `ValidationError\u{1}message` (blank credentials, region or
/// service).
///
/// ```
/// use appconfig_js::sign_request;
/// let fields = "GET\nhttps://example.amazonaws.com/\nus-east-1\nservice\nAKIDEXAMPLE\nwJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n";
/// let h = sign_request(fields, &[], 1_440_938_160_000.0, 1).unwrap();
/// assert!(h.starts_with("x-amz-date\n20150830T123600Z\nauthorization\nAWS4-HMAC-SHA256 "));
/// assert!(h.ends_with("Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
/// ```
#[wasm_bindgen(js_name = signRequest)]
pub fn sign_request(fields: &str, body: &[u8], time_ms: f64, flags: u8) -> Result<String, String> {
    let mut lines = fields.split('\n');
    let mut next = || lines.next().unwrap_or_default();
    let (method, url) = (next().to_owned(), next().to_owned());
    let (region, service) = (next(), next());
    let (key, secret, token) = (next(), next(), next());
    let credentials = Credentials::new(key, secret, Some(token.to_owned()));
    let request = HttpRequest {
        method,
        url,
        headers: pairs(lines),
        body: body.to_vec(),
    };
    let mut options = SigningOptions::default();
    options.normalize_path = flags & NORMALIZE_PATH != 0;
    options.sign_body = flags & SIGN_BODY != 0;
    options.omit_session_token = flags & OMIT_SESSION_TOKEN != 0;
    let time = DateTime::from_epoch_millis(time_ms as i64).to_system_time();
    let signed = SIGNER
        .with(|s| {
            s.borrow_mut()
                .sign(&request, &credentials, region, service, time, options)
        })
        .map_err(|e| thrown(&e))?;
    let mut out = String::with_capacity(256);
    push_pairs(&mut out, &signed.headers);
    // Without the leading line break.
    out.remove(0);
    Ok(out)
}

/// The service error a response holds (any status), read by the core's rules: its descriptor
/// (see [`crate::wire`]). `headers` as `name\nvalue` lines, `members` as they cross.
#[wasm_bindgen(js_name = serviceError)]
pub fn service_error(status: u16, headers: &str, body: &str, members: &str) -> String {
    let headers = pairs(headers.split('\n'));
    service_descriptor(&service_error_from_parts(
        status,
        &headers,
        body,
        &Members::parse(members),
    ))
}

/// The kind of an environment's state spelled either way (`ReadyForDeployment` as AppConfig
/// sends it, `READY_FOR_DEPLOYMENT` as the model writes it), spelled as AppConfig does: the
/// waiters' acceptors compare this.
#[wasm_bindgen(js_name = environmentStateKind)]
pub fn environment_state_kind(state: &str) -> String {
    EnvironmentStateKind::parse(state).as_str().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signer_keeps_its_key_and_adds_the_token_and_body_hash() {
        let fields = "POST\nhttps://sts.amazonaws.com/\nus-east-1\nsts\nAKID\nSECRET\nTOKEN\ncontent-type\ntext/plain";
        let a = sign_request(fields, b"hi", 1.7e12, NORMALIZE_PATH | SIGN_BODY).unwrap();
        let names: Vec<&str> = a.split('\n').step_by(2).collect();
        assert_eq!(
            names,
            [
                "x-amz-date",
                "authorization",
                "x-amz-content-sha256",
                "x-amz-security-token"
            ]
        );
        assert!(a.contains(
            "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"
        ));
        assert_eq!(sign_request(fields, b"hi", 1.7e12, 3).unwrap(), a);
        SIGNER.with(|s| assert_eq!(format!("{:?}", s.borrow()), "Signer { keys: 1 }"));
    }

    #[test]
    fn bad_requests_are_signing_errors() {
        let e = sign_request("GET\nnot a url\nus-east-1\ns3\nA\nS\n", &[], 0.0, 1).unwrap_err();
        assert!(
            e.starts_with("SigningError\u{1}failed to sign request: invalid url"),
            "{e}"
        );
        let e = sign_request(
            "GET\nhttps://h/\nus-east-1\ns3\nA\nS\n\nbad name\nv",
            &[],
            0.0,
            1,
        );
        assert!(e.unwrap_err().starts_with("SigningError\u{1}"));
        let e = sign_request("GET\nhttps://h/\n \ns3\nA\nS\n", &[], 0.0, 1).unwrap_err();
        assert_eq!(e, "ValidationError\u{1}invalid region: a value is required");
    }

    #[test]
    fn service_errors_from_parts() {
        let d = service_error(
            404,
            "x-amzn-errortype\nResourceNotFoundException",
            "{}",
            "\u{1}\u{1}\u{1}\u{1}=nope\u{1}",
        );
        assert_eq!(d, "ResourceNotFoundException\u{1}nope\u{1}client\u{1}");
        assert_eq!(
            environment_state_kind("READY_FOR_DEPLOYMENT"),
            "ReadyForDeployment"
        );
    }
}
