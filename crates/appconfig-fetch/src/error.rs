//! The crate's one error type and the call metadata.

use std::fmt;

/// What is known about a call, successful or not (the AWS SDKs' `$metadata`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The HTTP status of the last response, when one arrived.
    pub http_status_code: Option<u16>,
    /// `x-amzn-RequestId` of the last response, when one arrived (and, across origins, was exposed).
    pub request_id: Option<String>,
    /// Requests sent, the first included (0 when nothing was sent).
    pub attempts: u32,
    /// Milliseconds spent waiting between attempts.
    pub total_retry_delay_ms: u64,
    /// The clock correction this call learnt from a skew error (server minus local, ms), when it
    /// learnt one. Bounded by [`appconfig_core::retry::MAX_CLOCK_CORRECTION_MS`].
    pub clock_correction_ms: Option<i64>,
}

/// Why a call failed: a [`FetchErrorKind`] and what is known about the call.
#[derive(Clone, Debug, PartialEq)]
pub struct FetchError {
    kind: FetchErrorKind,
    metadata: Metadata,
}

/// The kinds of [`FetchError`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum FetchErrorKind {
    /// The core refused the input or configuration, AWS answered with an error, or the
    /// response could not be read.
    Core(appconfig_core::Error),
    /// `fetch` failed without a response: the network, DNS, a refused connection, or in a
    /// browser most likely CORS.
    Network {
        /// What the runtime said.
        message: String,
        /// The URL was cross-origin from a browser page or worker: CORS is the likely cause.
        cors_suspected: bool,
    },
    /// No complete response within the per-attempt timeout (on the last attempt).
    Timeout {
        /// The timeout, ms.
        after_ms: u32,
    },
    /// The caller's `AbortSignal` fired.
    Aborted,
    /// The credentials provider failed or returned unusable credentials.
    Credentials {
        /// What went wrong.
        message: String,
    },
}

/// The sentence that explains a suspected CORS failure and how to fix it: the core's, which the
/// npm package's JavaScript says word for word (checked by its `tests/js_policy.rs`).
pub use appconfig_core::http::CORS_HINT;

impl FetchError {
    /// An error of `kind` with `metadata`.
    pub fn new(kind: FetchErrorKind, metadata: Metadata) -> Self {
        FetchError { kind, metadata }
    }

    /// What went wrong.
    pub fn kind(&self) -> &FetchErrorKind {
        &self.kind
    }

    /// What went wrong, by value.
    pub fn into_kind(self) -> FetchErrorKind {
        self.kind
    }

    /// What is known about the call.
    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// A short stable name: the AWS error code for service errors (`ResourceNotFoundException`),
    /// else `ValidationError`, `EndpointError`, `SigningError`, `MalformedResponseError`,
    /// `NetworkError`, `TimeoutError`, `AbortError` or `CredentialsProviderError`.
    pub fn name(&self) -> &str {
        match &self.kind {
            FetchErrorKind::Core(error) => error.kind_name(),
            FetchErrorKind::Network { .. } => "NetworkError",
            FetchErrorKind::Timeout { .. } => "TimeoutError",
            FetchErrorKind::Aborted => "AbortError",
            FetchErrorKind::Credentials { .. } => "CredentialsProviderError",
        }
    }

    /// The core's error, when the core refused the call or read the response.
    pub fn as_core(&self) -> Option<&appconfig_core::Error> {
        match &self.kind {
            FetchErrorKind::Core(e) => Some(e),
            _ => None,
        }
    }

    /// The service error, when AWS answered with one.
    pub fn as_service(&self) -> Option<&appconfig_core::error::ServiceError> {
        self.as_core()?.as_service()
    }

    /// A hint for service errors whose fix is not obvious from AWS's message
    /// ([`appconfig_core::error::ServiceError::hint`], from its [`appconfig_core::error::ErrorCategory`]).
    pub fn hint(&self) -> Option<&'static str> {
        self.as_service()?.hint()
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            FetchErrorKind::Core(error) => {
                fmt::Display::fmt(error, f)?;
                if let Some(h) = self.hint() {
                    write!(f, "; {h}")?;
                }
                Ok(())
            }
            FetchErrorKind::Network {
                message,
                cors_suspected,
            } => {
                write!(f, "network error: {message}")?;
                if *cors_suspected {
                    write!(f, "; {CORS_HINT}")?;
                }
                Ok(())
            }
            FetchErrorKind::Timeout { after_ms } => write!(
                f,
                "no response within {after_ms} ms (attempt {} of the call); raise requestTimeoutMs or check the network",
                self.metadata.attempts
            ),
            FetchErrorKind::Aborted => f.write_str("the request was aborted"),
            FetchErrorKind::Credentials { message } => {
                write!(f, "could not get credentials: {message}")
            }
        }
    }
}

impl std::error::Error for FetchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            FetchErrorKind::Core(e) => Some(e),
            _ => None,
        }
    }
}

impl From<appconfig_core::Error> for FetchError {
    fn from(error: appconfig_core::Error) -> Self {
        FetchError::new(FetchErrorKind::Core(error), Metadata::default())
    }
}

impl From<FetchErrorKind> for FetchError {
    fn from(kind: FetchErrorKind) -> Self {
        FetchError::new(kind, Metadata::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use appconfig_core::error::ServiceError;

    #[test]
    fn names_follow_aws_codes_and_kinds() {
        let e: FetchError = appconfig_core::Error::from(ServiceError::new(
            "ResourceNotFoundException",
            "nope",
            404,
        ))
        .into();
        assert_eq!(e.name(), "ResourceNotFoundException");
        let n = FetchError::from(FetchErrorKind::Network {
            message: "Failed to fetch".into(),
            cors_suspected: true,
        });
        assert_eq!(n.name(), "NetworkError");
        let text = n.to_string();
        assert!(text.contains("CORS"), "{text}");
        assert!(text.contains("proxy"), "{text}");
        assert!(text.contains("appconfig-gateway proxy"), "{text}");
        let n = FetchError::from(FetchErrorKind::Network {
            message: "fetch failed".into(),
            cors_suspected: false,
        });
        assert!(!n.to_string().contains("CORS"));
    }

    #[test]
    fn service_errors_get_hints_from_their_category() {
        let e: FetchError = appconfig_core::Error::from(ServiceError::new(
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
            403,
        ))
        .into();
        assert!(e.to_string().contains("session token"));
        assert_eq!(e.metadata().attempts, 0);
        let e: FetchError =
            appconfig_core::Error::from(ServiceError::new("AnyCode", "slow down", 429)).into();
        assert!(e.to_string().contains("poll less often"), "{e}");
        let e: FetchError =
            appconfig_core::Error::from(ServiceError::new("SignatureDoesNotMatch", "", 403)).into();
        assert!(e.to_string().contains("secret access key"), "{e}");
    }
}
