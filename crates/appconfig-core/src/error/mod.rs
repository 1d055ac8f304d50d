//! The crate's one error type, and (in `service`) AWS's error responses and their classification.

use std::fmt;

use crate::url::UrlError;

mod service;

pub use service::{
    BadRequestDetails, ErrorCategory, Fault, InvalidConfigurationDetail, ServiceError,
    CLOCK_SKEW_THRESHOLD_MS,
};

/// Everything that can go wrong in this crate.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// An input member breaks a rule of the model; nothing was signed or sent.
    InvalidInput {
        /// The member, as AWS names it (`ApplicationId`, `DeploymentNumber`, ...).
        field: &'static str,
        /// The rule it breaks.
        rule: InputRule,
    },
    /// The region, endpoint or proxy configuration cannot give an endpoint.
    InvalidEndpoint {
        /// The setting to fix.
        field: ConfigField,
        /// Why.
        reason: String,
    },
    /// The request could not be signed.
    #[non_exhaustive]
    Signing {
        /// What of the request could not be signed.
        field: SigningField,
        /// Why.
        reason: String,
        /// The error beneath, when there is one (why the URL could not be read); also
        /// [`std::error::Error::source`].
        source: Option<UrlError>,
    },
    /// AWS (or something speaking its protocol) answered with an error.
    Service(Box<ServiceError>),
    /// The response could not be read as the operation's output.
    MalformedResponse {
        /// The HTTP status of the response.
        status: u16,
        /// What is wrong with it.
        reason: String,
    },
}

impl Error {
    /// A short stable name for the kind of error, used as the JavaScript `Error.name`.
    pub fn kind_name(&self) -> &str {
        match self {
            Error::InvalidInput { .. } => "ValidationError",
            Error::InvalidEndpoint { .. } => "EndpointError",
            Error::Signing { .. } => "SigningError",
            Error::Service(e) => &e.code,
            Error::MalformedResponse { .. } => "MalformedResponseError",
        }
    }

    /// The service error, when this is one.
    pub fn as_service(&self) -> Option<&ServiceError> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidInput { field, rule } => write!(f, "invalid {field}: {rule}"),
            Error::InvalidEndpoint { reason, .. } => {
                write!(f, "invalid endpoint configuration: {reason}")
            }
            Error::Signing { reason, .. } => write!(f, "failed to sign request: {reason}"),
            Error::Service(e) => fmt::Display::fmt(e, f),
            Error::MalformedResponse { status, reason } => {
                write!(f, "malformed response (HTTP {status}): {reason}")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Signing {
                source: Some(e), ..
            } => Some(e),
            _ => None,
        }
    }
}

impl Error {
    pub(crate) fn signing(field: SigningField, reason: impl Into<String>) -> Self {
        Error::Signing {
            field,
            reason: reason.into(),
            source: None,
        }
    }

    pub(crate) fn signing_with_source(
        field: SigningField,
        reason: impl Into<String>,
        source: UrlError,
    ) -> Self {
        Error::Signing {
            field,
            reason: reason.into(),
            source: Some(source),
        }
    }
}

/// What of a request an [`Error::Signing`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SigningField {
    /// The URL: not absolute `http` or `https`, no host, or characters a URL cannot carry.
    Url,
    /// A header name that is not an HTTP token, or a value with control characters.
    Header,
    /// A time outside the years 1 to 9999.
    Time,
}

impl SigningField {
    /// `url`, `header` or `time`.
    pub fn as_str(&self) -> &'static str {
        match self {
            SigningField::Url => "url",
            SigningField::Header => "header",
            SigningField::Time => "time",
        }
    }
}

/// The rule an input member breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputRule {
    /// The member is required and missing.
    Required,
    /// The text must have `min..=max` characters; it has `actual`.
    Length {
        /// Fewest characters allowed.
        min: usize,
        /// Most characters allowed.
        max: usize,
        /// Characters given.
        actual: usize,
    },
    /// The number must lie in `min..=max`.
    Range {
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
        /// The value given, as text (it may not even be a number).
        actual: String,
    },
    /// The value must be a whole number.
    NotAnInteger {
        /// The value given, as text.
        actual: String,
    },
    /// The text must match a pattern.
    Pattern {
        /// The pattern, described.
        pattern: &'static str,
    },
}

impl fmt::Display for InputRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputRule::Required => f.write_str("a value is required"),
            InputRule::Length { min, max, actual } => {
                write!(f, "must be {min} to {max} characters long, got {actual}")
            }
            InputRule::Range { min, max, actual } => {
                write!(f, "must be an integer from {min} to {max}, got {actual}")
            }
            InputRule::NotAnInteger { actual } => {
                write!(
                    f,
                    "must be a whole number, got {}",
                    crate::strings::Quoted(actual)
                )
            }
            InputRule::Pattern { pattern } => write!(f, "must match {pattern}"),
        }
    }
}

/// The client setting an [`Error::InvalidEndpoint`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigField {
    /// The region (missing, or a partition without the FIPS or dual-stack endpoint asked for).
    Region,
    /// The custom endpoint URL (or FIPS/dual-stack asked for together with one).
    Endpoint,
    /// The proxy base URL.
    Proxy,
    /// The gateway base URL (or another mode set together with it).
    Gateway,
    /// The account alias a gateway signs for.
    Account,
}

impl ConfigField {
    /// `region`, `endpoint`, `proxy`, `gateway` or `account`: the option's name in the clients.
    pub fn as_str(&self) -> &'static str {
        match self {
            ConfigField::Region => "region",
            ConfigField::Endpoint => "endpoint",
            ConfigField::Proxy => "proxy",
            ConfigField::Gateway => "gateway",
            ConfigField::Account => "account",
        }
    }
}
