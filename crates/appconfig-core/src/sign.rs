//! SigV4 signing with the `aws-sigv4` crate, for AppConfig and for any AWS request.

use std::fmt;
use std::time::SystemTime;

use aws_sigv4::http_request::{
    PayloadChecksumKind, PercentEncodingMode, SessionTokenMode, SignableBody, SignableRequest,
    SigningSettings,
};
use aws_sigv4::sign::v4;

use crate::http::HttpRequest;
use crate::Error;

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
                rule: crate::InputRule::Required,
            });
        }
        if self.secret_access_key.is_empty() {
            return Err(Error::InvalidInput {
                field: "secretAccessKey",
                rule: crate::InputRule::Required,
            });
        }
        // Both go into header values as they are: a control character or a space would make a
        // request no transport can send, and a `/` in the key id would shift the credential scope.
        if !self
            .access_key_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return Err(Error::InvalidInput {
                field: "accessKeyId",
                rule: crate::InputRule::Pattern {
                    pattern: "letters, digits and '_' ([\\w]+, as IAM's model says)",
                },
            });
        }
        if let Some(token) = &self.session_token {
            if !token.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(Error::InvalidInput {
                    field: "sessionToken",
                    rule: crate::InputRule::Pattern {
                        pattern: "printable ASCII without spaces",
                    },
                });
            }
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
/// ```
/// use appconfig_core::{sign, Credentials, HttpRequest, SigningOptions, DateTime};
/// let req = HttpRequest { method: "GET".into(), url: "https://appconfig.us-east-1.amazonaws.com/applications".into(), ..Default::default() };
/// let creds = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None);
/// let time = DateTime::parse("2024-05-01T12:00:00Z").unwrap().to_system_time();
/// let out = sign(&req, &creds, "us-east-1", "appconfig", time, SigningOptions::default()).unwrap();
/// assert!(out.headers.iter().any(|(k, _)| k == "authorization"));
/// ```
///
/// # Errors
/// [`Error::InvalidInput`] for empty credentials, region or service; [`Error::Signing`] when the
/// URL or a header cannot be signed.
pub fn sign(
    request: &HttpRequest,
    credentials: &Credentials,
    region: &str,
    service: &str,
    time: SystemTime,
    options: SigningOptions,
) -> Result<SignedHeaders, Error> {
    credentials.validate()?;
    if region.trim().is_empty() {
        return Err(Error::InvalidInput {
            field: "region",
            rule: crate::InputRule::Required,
        });
    }
    if service.trim().is_empty() {
        return Err(Error::InvalidInput {
            field: "service",
            rule: crate::InputRule::Required,
        });
    }
    // The region and service are part of the credential scope in the `Authorization` header.
    crate::validate::region(region)?;
    if !service
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(Error::InvalidInput {
            field: "service",
            rule: crate::InputRule::Pattern {
                pattern: "a service name such as appconfig (lower-case letters, digits and '-')",
            },
        });
    }
    // aws-sigv4 formats the time with the `time` crate, which panics past its range; SigV4's
    // `x-amz-date` has four digits for the year anyway.
    if !signing_time_in_range(time) {
        return Err(Error::Signing {
            reason: "the signing time must be within the years 0000 to 9999".into(),
        });
    }
    let identity = aws_credential_types::Credentials::new(
        credentials.access_key_id.clone(),
        credentials.secret_access_key.clone(),
        credentials.session_token.clone(),
        None,
        "appconfig-core",
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
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|e| Error::Signing {
            reason: e.to_string(),
        })?
        .into();

    let uri: http::Uri = request.url.parse().map_err(|e| Error::Signing {
        reason: format!("invalid url: {e}"),
    })?;
    if uri.host().is_none() {
        return Err(Error::Signing {
            reason: "url has no host".into(),
        });
    }
    // Authority-only forms (`host:port`, `a:b`) parse as URIs but make aws-sigv4 panic.
    if !matches!(uri.scheme_str(), Some("http" | "https")) {
        return Err(Error::Signing {
            reason: "url must be absolute, starting with http:// or https://".into(),
        });
    }
    let has_host = request
        .headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("host"));
    let host_value = host_header_value(&uri);
    let headers = request
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .chain((!has_host).then_some(("host", host_value.as_str())));
    let signable = SignableRequest::new(
        &request.method,
        request.url.as_str(),
        headers,
        SignableBody::Bytes(&request.body),
    )
    .map_err(|e| Error::Signing {
        reason: e.to_string(),
    })?;
    let (instructions, signature) = aws_sigv4::http_request::sign(signable, &params)
        .map_err(|e| Error::Signing {
            reason: e.to_string(),
        })?
        .into_parts();
    let headers = instructions
        .headers()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.to_owned()))
        .collect();
    Ok(SignedHeaders { headers, signature })
}

/// True for a time SigV4 can write: 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
fn signing_time_in_range(time: SystemTime) -> bool {
    const LATEST: u64 = 253_402_300_799;
    const EARLIEST_BEFORE_EPOCH: u64 = 62_167_219_200;
    match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => after.as_secs() <= LATEST,
        Err(before) => before.duration().as_secs() <= EARLIEST_BEFORE_EPOCH,
    }
}

/// The `Host` header value for a URI: the host, plus the port when it is not the scheme's default.
pub(crate) fn host_header_value(uri: &http::Uri) -> String {
    let host = uri.host().unwrap_or_default();
    match (uri.scheme_str(), uri.port_u16()) {
        (Some("https"), Some(443)) | (Some("http"), Some(80)) | (_, None) => host.to_owned(),
        (_, Some(port)) => format!("{host}:{port}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_secrets() {
        let c = Credentials::new("AKID", "SECRETSECRET", Some("TOKENTOKEN".into()));
        let s = format!("{c:?}");
        assert!(s.contains("AKID"));
        assert!(!s.contains("SECRETSECRET"));
        assert!(!s.contains("TOKENTOKEN"));
    }

    #[test]
    fn empty_credentials_are_rejected_before_signing() {
        let req = HttpRequest {
            method: "GET".into(),
            url: "https://example.amazonaws.com/".into(),
            ..Default::default()
        };
        let err = sign(
            &req,
            &Credentials::new("", "s", None),
            "us-east-1",
            "appconfig",
            SystemTime::UNIX_EPOCH,
            SigningOptions::default(),
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "invalid accessKeyId: a value is required");
    }

    #[test]
    fn urls_without_scheme_are_refused_not_panicked_on() {
        let creds = Credentials::new("AKID", "SECRET", None);
        for url in ["nohost", "a:b", "host:443", "ftp://host/"] {
            let req = HttpRequest {
                method: "GET".into(),
                url: url.into(),
                ..Default::default()
            };
            let err = sign(
                &req,
                &creds,
                "us-east-1",
                "s3",
                SystemTime::UNIX_EPOCH,
                SigningOptions::default(),
            )
            .unwrap_err();
            assert!(matches!(err, Error::Signing { .. }), "{url}: {err}");
        }
    }
}
