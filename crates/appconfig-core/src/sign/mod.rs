//! SigV4 signing (headers), for AppConfig and for any AWS request: the canonical request is
//! built here, the key derivation and the signature are aws-sigv4's.

mod canonical;
mod key_cache;

use std::fmt;
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use crate::datetime::DateTime;
use crate::error::{Error, SigningField};
use crate::http::HttpRequest;
use crate::url::Url;
use canonical::{hex, X_AMZ_CONTENT_SHA256, X_AMZ_DATE, X_AMZ_SECURITY_TOKEN};
use key_cache::KeyCache;

/// Credentials that expire are asked for again this long before they do, as the AWS SDKs do. The
/// npm package's JavaScript keeps the same number (`js/client.js`, checked by
/// `crates/appconfig-js/tests/js_policy.rs`); `appconfig-fetch` uses this one.
pub const EXPIRY_WINDOW_MS: i64 = 5 * 60 * 1000;

/// AWS credentials. `Debug` never shows the secret or the session token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
}

impl Credentials {
    /// New credentials; an empty session token counts as none.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token: session_token.filter(|t| !t.is_empty()),
        }
    }

    /// The access key id (not secret).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token, for temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    fn validate(&self) -> Result<(), Error> {
        if self.access_key_id.trim().is_empty() {
            return Err(Error::InvalidInput {
                field: "accessKeyId",
                rule: crate::error::InputRule::Required,
            });
        }
        if self.secret_access_key.is_empty() {
            return Err(Error::InvalidInput {
                field: "secretAccessKey",
                rule: crate::error::InputRule::Required,
            });
        }
        // The key id goes into the Authorization header as it is: a control character or a
        // space would make a request no transport can send, and a `/` would shift the scope.
        if !self
            .access_key_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return Err(Error::InvalidInput {
                field: "accessKeyId",
                rule: crate::error::InputRule::Pattern {
                    pattern: "letters, digits and '_' ([\\w]+, as IAM's model says)",
                },
            });
        }
        Ok(())
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .finish()
    }
}

/// Options for [`sign`] beyond region, service and time; the defaults are what AppConfig and most
/// services want.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SigningOptions {
    /// Normalize `.`/`..`/`//` in the path before signing (all services but S3).
    pub normalize_path: bool,
    /// Add an `x-amz-content-sha256` header with the body's hash (S3 needs it).
    pub sign_body: bool,
    /// Leave `x-amz-security-token` out of the signature but add it afterwards (some services).
    pub omit_session_token: bool,
    /// URI-encode the URL's (already encoded) path once more for the canonical request, so that
    /// `%2F` is signed as `%252F`: what AWS expects from every service but S3. When false the
    /// path is signed as the URL carries it.
    pub double_uri_encode: bool,
}

impl Default for SigningOptions {
    fn default() -> Self {
        SigningOptions {
            normalize_path: true,
            sign_body: false,
            omit_session_token: false,
            double_uri_encode: true,
        }
    }
}

/// The result of [`sign`]: the headers to add to the request, and the signature.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedHeaders {
    /// Lower-case names and values to add (`authorization`, `x-amz-date`, and when applicable
    /// `x-amz-security-token`, `x-amz-content-sha256`).
    pub headers: Vec<(String, String)>,
    /// The hex signature.
    pub signature: String,
}

impl fmt::Debug for SignedHeaders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("SignedHeaders")
            .field("headers", &names)
            .finish_non_exhaustive()
    }
}

/// Signs any AWS request with SigV4 (headers), at the given time.
///
/// `request.url` is what gets signed: its host becomes the signed `host` header unless `request`
/// carries a `host` header of its own. Every header in `request` is signed, except those that
/// proxies change (`user-agent`, `x-amzn-trace-id`, `transfer-encoding`, `authorization`).
///
/// This derives the signing key each time; a client that signs more than once keeps a
/// [`Signer`], which reuses it.
///
/// ```
/// use appconfig_core::{sign, Credentials, HttpRequest, DateTime, sign::SigningOptions};
/// let req = HttpRequest { method: "GET".into(), url: "https://appconfig.us-east-1.amazonaws.com/applications".into(), ..Default::default() };
/// let creds = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None);
/// let time = DateTime::parse("2024-05-01T12:00:00Z").unwrap().to_system_time();
/// let out = sign(&req, &creds, "us-east-1", "appconfig", time, SigningOptions::default()).unwrap();
/// assert!(out.headers.iter().any(|(k, _)| k == "authorization"));
/// ```
///
/// # Errors
/// [`Error::InvalidInput`] for empty credentials, region or service; [`Error::Signing`] when the
/// URL, a header or the time cannot be signed.
pub fn sign(
    request: &HttpRequest,
    credentials: &Credentials,
    region: &str,
    service: &str,
    time: SystemTime,
    options: SigningOptions,
) -> Result<SignedHeaders, Error> {
    Signer::new().sign(request, credentials, region, service, time, options)
}

/// The SigV4 canonical request of `request` signed at `time`, as AWS computes it to check a
/// signature (an `InvalidSignatureException` shows AWS's; compare the two to see what differs).
///
/// It holds the values of every signed header, the session token included: treat it as a
/// secret.
///
/// # Errors
/// [`Error::Signing`] when the URL, a header or the time cannot be signed.
pub fn canonical_request(
    request: &HttpRequest,
    credentials: &Credentials,
    time: SystemTime,
    options: SigningOptions,
) -> Result<String, Error> {
    let (_, amz_date) = signing_time(time)?;
    let url = signing_url(&request.url)?;
    let token = credentials.session_token();
    let c = canonical::build(request, &url, &amz_date, token, options)?;
    // Built from UTF-8 pieces: never lossy.
    Ok(String::from_utf8(c.request)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// A SigV4 signer that keeps the signing keys it derives, one per (secret, date, region,
/// service), for its next signatures, as the AWS SDKs do. The core never reads the clock: the
/// caller owns the signer and gives the time of each signature.
///
/// `Debug` shows how many keys it holds and nothing of them.
///
/// ```
/// use appconfig_core::{Credentials, DateTime, HttpRequest, sign::{Signer, SigningOptions}};
/// let mut signer = Signer::new();
/// let creds = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None);
/// let req = HttpRequest { method: "GET".into(), url: "https://appconfig.us-east-1.amazonaws.com/applications".into(), ..Default::default() };
/// let t = DateTime::parse("2024-05-01T12:00:00Z").unwrap();
/// let first = signer.sign(&req, &creds, "us-east-1", "appconfig", t.to_system_time(), SigningOptions::default()).unwrap();
/// let later = signer.sign(&req, &creds, "us-east-1", "appconfig", t.add_millis(1000).to_system_time(), SigningOptions::default()).unwrap();
/// assert_ne!(first.signature, later.signature);
/// assert_eq!(format!("{signer:?}"), "Signer { keys: 1 }");
/// ```
#[derive(Clone, Default)]
pub struct Signer {
    keys: KeyCache,
}

impl Signer {
    /// A signer with no keys yet.
    pub fn new() -> Self {
        Signer::default()
    }

    /// Signs `request` as [`sign`] does, reusing a signing key derived before.
    ///
    /// # Errors
    /// As [`sign`].
    pub fn sign(
        &mut self,
        request: &HttpRequest,
        credentials: &Credentials,
        region: &str,
        service: &str,
        time: SystemTime,
        options: SigningOptions,
    ) -> Result<SignedHeaders, Error> {
        credentials.validate()?;
        for (field, value) in [("region", region), ("service", service)] {
            if value.trim().is_empty() {
                return Err(Error::InvalidInput {
                    field,
                    rule: crate::error::InputRule::Required,
                });
            }
        }
        // Both are part of the credential scope in the Authorization header.
        crate::validate::region(region)?;
        if !service
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(Error::InvalidInput {
                field: "service",
                rule: crate::error::InputRule::Pattern {
                    pattern:
                        "a service name such as appconfig (lower-case letters, digits and '-')",
                },
            });
        }
        let (date_time, amz_date) = signing_time(time)?;
        let url = signing_url(&request.url)?;
        let token = credentials.session_token();
        let canonical = canonical::build(request, &url, &amz_date, token, options)?;

        // `YYYYMMDDTHHMMSSZ`: ASCII, so the first eight bytes are the date.
        let date = amz_date.get(..8).unwrap_or_default();
        let scope = [date, region, service, "aws4_request"].join("/");
        let hashed = hex(&Sha256::digest(&canonical.request));
        let string_to_sign = ["AWS4-HMAC-SHA256", &amz_date, &scope, &hashed].join("\n");
        let key = self.keys.key(
            &credentials.secret_access_key,
            date_time.to_system_time(),
            date,
            region,
            service,
        );
        let signature = key.sign(string_to_sign.as_bytes());

        let authorization = format!(
            "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={}, Signature={signature}",
            credentials.access_key_id, canonical.signed_headers
        );
        let mut headers = Vec::with_capacity(4);
        headers.push((X_AMZ_DATE.to_owned(), amz_date));
        headers.push(("authorization".to_owned(), authorization));
        if options.sign_body {
            headers.push((
                X_AMZ_CONTENT_SHA256.to_owned(),
                canonical.payload_hash.into_owned(),
            ));
        }
        if let Some(token) = token {
            headers.push((X_AMZ_SECURITY_TOKEN.to_owned(), token.to_owned()));
        }
        Ok(SignedHeaders { headers, signature })
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("keys", &self.keys.len())
            .finish()
    }
}

/// The time of a signature, whole seconds, and its `x-amz-date`; SigV4 dates have four-digit
/// years.
fn signing_time(time: SystemTime) -> Result<(DateTime, String), Error> {
    let t = DateTime::checked_from_system_time(time).ok_or_else(|| {
        Error::signing(
            SigningField::Time,
            "the time must be in the years 1 to 9999",
        )
    })?;
    let whole = DateTime::from_epoch_millis(t.epoch_seconds().saturating_mul(1000));
    let amz_date = whole.to_amz_date();
    Ok((whole, amz_date))
}

/// The parsed URL of a request to sign: absolute, `http` or `https`, with a host.
fn signing_url(url: &str) -> Result<Url<'_>, Error> {
    let parsed = Url::parse(url).map_err(|e| {
        Error::signing_with_source(SigningField::Url, format!("invalid url: {e}"), e)
    })?;
    let absolute = parsed.http_scheme().is_some();
    if (absolute || url.starts_with('/')) && parsed.non_empty_host().is_none() {
        return Err(Error::signing(SigningField::Url, "url has no host"));
    }
    if !absolute {
        return Err(Error::signing(
            SigningField::Url,
            "url must be absolute, starting with http:// or https://",
        ));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests;
