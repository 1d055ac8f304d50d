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
}

/// Why a call failed.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum FetchError {
    /// The core refused the input or configuration, AWS answered with an error, or the
    /// response could not be read.
    Core {
        /// The core's error.
        error: appconfig_core::Error,
        /// The call so far.
        metadata: Metadata,
    },
    /// `fetch` failed without a response: the network, DNS, a refused connection, or in a
    /// browser most likely CORS.
    Network {
        /// What the runtime said.
        message: String,
        /// The URL was cross-origin from a browser page or worker: CORS is the likely cause.
        cors_suspected: bool,
        /// The call so far.
        metadata: Metadata,
    },
    /// No complete response within the per-attempt timeout (on the last attempt).
    Timeout {
        /// The timeout, ms.
        after_ms: u32,
        /// The call so far.
        metadata: Metadata,
    },
    /// The caller's `AbortSignal` fired.
    Aborted {
        /// The call so far.
        metadata: Metadata,
    },
    /// The credentials provider failed or returned unusable credentials.
    Credentials {
        /// What went wrong.
        message: String,
        /// The call so far.
        metadata: Metadata,
    },
}

/// The sentence that explains a suspected CORS failure and how to fix it.
pub const CORS_HINT: &str = "the browser most likely blocked the request by CORS: AWS AppConfig \
sends no CORS headers, so a web page cannot call it directly. Send the requests through a proxy \
that forwards them unchanged: set the `proxy` option to its base URL (requests stay signed for \
the AWS host), add a Trunk `[[proxy]]` section with `backend = \"https://appconfig.<region>.amazonaws.com\"` \
during development, or run `appconfig-sim proxy` locally";

impl FetchError {
    /// A short stable name: the AWS error code for service errors (`ResourceNotFoundException`),
    /// else `ValidationError`, `EndpointError`, `SigningError`, `MalformedResponseError`,
    /// `NetworkError`, `TimeoutError`, `AbortError` or `CredentialsProviderError`.
    pub fn name(&self) -> &str {
        match self {
            FetchError::Core { error, .. } => error.kind_name(),
            FetchError::Network { .. } => "NetworkError",
            FetchError::Timeout { .. } => "TimeoutError",
            FetchError::Aborted { .. } => "AbortError",
            FetchError::Credentials { .. } => "CredentialsProviderError",
        }
    }

    /// What is known about the call.
    pub fn metadata(&self) -> &Metadata {
        match self {
            FetchError::Core { metadata, .. }
            | FetchError::Network { metadata, .. }
            | FetchError::Timeout { metadata, .. }
            | FetchError::Aborted { metadata }
            | FetchError::Credentials { metadata, .. } => metadata,
        }
    }

    /// The service error, when AWS answered with one.
    pub fn as_service(&self) -> Option<&appconfig_core::ServiceError> {
        match self {
            FetchError::Core { error, .. } => error.as_service(),
            _ => None,
        }
    }

    pub(crate) fn metadata_mut(&mut self) -> &mut Metadata {
        match self {
            FetchError::Core { metadata, .. }
            | FetchError::Network { metadata, .. }
            | FetchError::Timeout { metadata, .. }
            | FetchError::Aborted { metadata }
            | FetchError::Credentials { metadata, .. } => metadata,
        }
    }

    /// A hint for service errors whose fix is not obvious from AWS's message.
    pub fn hint(&self) -> Option<&'static str> {
        let code = self.as_service()?.code.as_str();
        Some(match code {
            "UnrecognizedClientException" => {
                "the access key id is not valid in this partition: check the credentials, and that a session token is given with temporary credentials"
            }
            "InvalidSignatureException" | "SignatureDoesNotMatch" => {
                "check the secret access key, and that a proxy forwards the path, query and signed headers unchanged"
            }
            "ExpiredTokenException" | "ExpiredToken" => {
                "the session token has expired: get fresh credentials"
            }
            "AccessDeniedException" => {
                "the credentials lack permission: allow appconfig:GetDeployment (and the List/Get actions used) in IAM"
            }
            "ThrottlingException" => "too many requests: poll less often",
            _ => return None,
        })
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Core { error, .. } => {
                fmt::Display::fmt(error, f)?;
                if let Some(h) = self.hint() {
                    write!(f, "; {h}")?;
                }
                Ok(())
            }
            FetchError::Network {
                message,
                cors_suspected,
                ..
            } => {
                write!(f, "network error: {message}")?;
                if *cors_suspected {
                    write!(f, "; {CORS_HINT}")?;
                }
                Ok(())
            }
            FetchError::Timeout { after_ms, metadata } => write!(
                f,
                "no response within {after_ms} ms (attempt {} of the call); raise requestTimeoutMs or check the network",
                metadata.attempts
            ),
            FetchError::Aborted { .. } => f.write_str("the request was aborted"),
            FetchError::Credentials { message, .. } => {
                write!(f, "could not get credentials: {message}")
            }
        }
    }
}

impl std::error::Error for FetchError {}

impl From<appconfig_core::Error> for FetchError {
    fn from(error: appconfig_core::Error) -> Self {
        FetchError::Core {
            error,
            metadata: Metadata::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use appconfig_core::ServiceError;

    #[test]
    fn names_follow_aws_codes_and_kinds() {
        let e: FetchError = appconfig_core::Error::from(ServiceError::new(
            "ResourceNotFoundException",
            "nope",
            404,
        ))
        .into();
        assert_eq!(e.name(), "ResourceNotFoundException");
        let n = FetchError::Network {
            message: "Failed to fetch".into(),
            cors_suspected: true,
            metadata: Metadata::default(),
        };
        assert_eq!(n.name(), "NetworkError");
        let text = n.to_string();
        assert!(text.contains("CORS"), "{text}");
        assert!(text.contains("proxy"), "{text}");
        assert!(text.contains("appconfig-sim proxy"), "{text}");
        let n = FetchError::Network {
            message: "fetch failed".into(),
            cors_suspected: false,
            metadata: Metadata::default(),
        };
        assert!(!n.to_string().contains("CORS"));
    }

    #[test]
    fn service_errors_get_hints() {
        let e: FetchError = appconfig_core::Error::from(ServiceError::new(
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
            403,
        ))
        .into();
        assert!(e.to_string().contains("session token"));
        assert_eq!(e.metadata().attempts, 0);
    }
}
