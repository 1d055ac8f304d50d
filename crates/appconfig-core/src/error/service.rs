//! An error response from AppConfig, and what it means: the one place AWS error codes are
//! classified ([`ServiceError::category`]).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Error;

/// What an AWS error means for the caller: the one place where error codes are classified.
/// Transports, the package and the dashboard explain errors from this, never from codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCategory {
    /// The application, environment, deployment or strategy does not exist (or is in another
    /// region): `ResourceNotFoundException`, any 404.
    NotFound,
    /// The credentials are valid but not allowed to do this: `AccessDeniedException`.
    AccessDenied,
    /// The access key is unknown or the signature does not match: `UnrecognizedClientException`,
    /// `InvalidSignatureException`, `SignatureDoesNotMatch`, `InvalidClientTokenId`,
    /// `IncompleteSignature`, `MissingAuthenticationToken`, ...
    BadCredentials,
    /// The session token has expired: `ExpiredTokenException`.
    ExpiredToken,
    /// The signature's time is too far from AWS's clock: `RequestExpired`,
    /// `RequestTimeTooSkewed`, `RequestInTheFuture`, or a signature error whose message says
    /// "Signature expired" or "Signature not yet current".
    ClockSkew,
    /// Too many requests: the throttling codes of the AWS SDKs, or HTTP 429.
    Throttled,
    /// The request conflicts with the resource's state: `ConflictException` (409).
    Conflict,
    /// A service quota is exhausted: `ServiceQuotaExceededException`.
    QuotaExceeded,
    /// The request is not valid: `BadRequestException`, `ValidationException`,
    /// `PayloadTooLargeException`, and any other 4xx.
    BadRequest,
    /// The service failed (5xx, or a transient code such as `RequestTimeout`): retrying may help.
    ServerFault,
}

/// Whether the caller or the service is at fault, as smithy's `$fault`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Fault {
    /// 4xx: fix the request.
    Client,
    /// 5xx: the service failed.
    Server,
}

impl Fault {
    /// `"client"` or `"server"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Fault::Client => "client",
            Fault::Server => "server",
        }
    }
}

/// One entry of `BadRequestException.Details.InvalidConfiguration`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct InvalidConfigurationDetail {
    /// The JSON-schema constraint that failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub constraint: Option<String>,
    /// Where in the schema.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The type of error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// Details, e.g. from a synchronous extension.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

deserialize_struct!(InvalidConfigurationDetail {
    constraint => "Constraint",
    location => "Location",
    reason => "Reason",
    r#type => "Type",
    value => "Value",
});

/// `BadRequestException.Details`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct BadRequestDetails {
    /// Why a configuration is invalid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invalid_configuration: Option<Vec<InvalidConfigurationDetail>>,
}

deserialize_struct!(BadRequestDetails {
    invalid_configuration => "InvalidConfiguration",
});

/// An error response from AppConfig, read as botocore and smithy read it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ServiceError {
    /// The error code (`ResourceNotFoundException`, `ThrottlingException`, ...), cleaned of
    /// namespaces (`aws.protocoltests#Foo` → `Foo`) and suffixes (`Foo:http://...` → `Foo`).
    pub code: String,
    /// The message, empty when the service sent none.
    pub message: String,
    /// The HTTP status.
    pub status: u16,
    /// `x-amzn-RequestId` (or `x-amz-request-id`), when present.
    pub request_id: Option<String>,
    /// Client or server fault.
    pub fault: Fault,
    /// `ResourceNotFoundException.ResourceName`.
    pub resource_name: Option<String>,
    /// `BadRequestException.Reason`.
    pub reason: Option<String>,
    /// `BadRequestException.Details`.
    pub details: Option<BadRequestDetails>,
    /// The `Date` header of the response, used to correct clock skew.
    pub server_date: Option<crate::DateTime>,
}

/// Error codes the AWS SDKs treat as throttling.
pub(crate) const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes the AWS SDKs treat as transient.
pub(crate) const TRANSIENT_CODES: &[&str] =
    &["TimeoutError", "RequestTimeout", "RequestTimeoutException"];

/// Error codes that may mean the caller's clock is off (the AWS SDK for JavaScript's list).
pub(crate) const CLOCK_SKEW_CODES: &[&str] = &[
    "AuthFailure",
    "InvalidSignatureException",
    "RequestExpired",
    "RequestInTheFuture",
    "RequestTimeTooSkewed",
    "SignatureDoesNotMatch",
];

impl ServiceError {
    /// A new error with the given code, message and status; the fault follows from the status.
    pub fn new(code: impl Into<String>, message: impl Into<String>, status: u16) -> Self {
        ServiceError {
            code: code.into(),
            message: message.into(),
            status,
            request_id: None,
            fault: if status >= 500 {
                Fault::Server
            } else {
                Fault::Client
            },
            resource_name: None,
            reason: None,
            details: None,
            server_date: None,
        }
    }

    /// Throttling, by code or by HTTP 429.
    pub fn is_throttling(&self) -> bool {
        self.status == 429 || THROTTLING_CODES.contains(&self.code.as_str())
    }

    /// Worth retrying: throttling, a transient code, or HTTP 500/502/503/504.
    pub fn is_retryable(&self) -> bool {
        self.is_throttling()
            || TRANSIENT_CODES.contains(&self.code.as_str())
            || matches!(self.status, 500 | 502 | 503 | 504)
    }

    /// The code is one that a skewed clock can cause.
    pub fn is_clock_skew_code(&self) -> bool {
        CLOCK_SKEW_CODES.contains(&self.code.as_str())
    }

    /// What the error means for the caller (see [`ErrorCategory`]).
    pub fn category(&self) -> ErrorCategory {
        let code = self.code.as_str();
        // The SigV4 texts for a signing time outside AWS's five minutes (EVIDENCE.md: "Signature
        // expired: X is now earlier than Y (Z - 5 min.)", "Signature not yet current: ...").
        let skew_message = self.message.starts_with("Signature expired")
            || self.message.starts_with("Signature not yet current");
        match code {
            "ResourceNotFoundException" | "ResourceNotFound" | "NotFound" => {
                ErrorCategory::NotFound
            }
            "AccessDeniedException" | "AccessDenied" => ErrorCategory::AccessDenied,
            "ExpiredTokenException" | "ExpiredToken" | "TokenRefreshRequired" => {
                ErrorCategory::ExpiredToken
            }
            "RequestExpired" | "RequestTimeTooSkewed" | "RequestInTheFuture" => {
                ErrorCategory::ClockSkew
            }
            _ if self.is_clock_skew_code() && skew_message => ErrorCategory::ClockSkew,
            "UnrecognizedClientException"
            | "InvalidSignatureException"
            | "SignatureDoesNotMatch"
            | "InvalidClientTokenId"
            | "IncompleteSignature"
            | "IncompleteSignatureException"
            | "MissingAuthenticationToken"
            | "MissingAuthenticationTokenException"
            | "AuthFailure"
            | "InvalidAccessKeyId"
            | "NotAuthorized" => ErrorCategory::BadCredentials,
            _ if self.is_throttling() => ErrorCategory::Throttled,
            "ConflictException" => ErrorCategory::Conflict,
            "ServiceQuotaExceededException" => ErrorCategory::QuotaExceeded,
            _ if self.status == 404 => ErrorCategory::NotFound,
            _ if self.is_retryable() || self.status >= 500 => ErrorCategory::ServerFault,
            _ => ErrorCategory::BadRequest,
        }
    }

    /// A hint for errors whose fix is not obvious from AWS's message, by [`ServiceError::category`]
    /// (what the clients add to a message when AWS sent none, and the dashboard shows).
    pub fn hint(&self) -> Option<&'static str> {
        Some(match self.category() {
            ErrorCategory::BadCredentials if self.code == "UnrecognizedClientException" => {
                "the access key id is not valid in this partition: check the credentials, and that a session token is given with temporary credentials"
            }
            ErrorCategory::BadCredentials => {
                "check the secret access key, and that a proxy forwards the path, query and signed headers unchanged"
            }
            ErrorCategory::ExpiredToken => "the session token has expired: get fresh credentials",
            ErrorCategory::AccessDenied => {
                "the credentials lack permission: allow appconfig:GetDeployment (and the List/Get actions used) in IAM"
            }
            ErrorCategory::Throttled => "too many requests: poll less often",
            _ => return None,
        })
    }

    /// When this is an error a skewed clock causes and the response's `Date` is five minutes or
    /// more from `now`: how far off the local clock is (server minus local, ms).
    pub fn clock_skew_ms(&self, now: crate::DateTime) -> Option<i64> {
        if !self.is_clock_skew_code() {
            return None;
        }
        let offset = self.server_date?.millis_since(&now);
        (offset.abs() >= CLOCK_SKEW_THRESHOLD_MS).then_some(offset)
    }
}

/// Skew beyond which a clock counts as off (the AWS SDKs and AWS itself use five minutes).
pub const CLOCK_SKEW_THRESHOLD_MS: i64 = 5 * 60 * 1000;

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            write!(f, "{} (HTTP {})", self.code, self.status)
        } else {
            write!(f, "{}: {} (HTTP {})", self.code, self.message, self.status)
        }
    }
}

impl From<ServiceError> for Error {
    fn from(e: ServiceError) -> Self {
        Error::Service(Box::new(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(code: &str, message: &str, status: u16) -> ErrorCategory {
        ServiceError::new(code, message, status).category()
    }

    #[test]
    fn categories_of_aws_errors() {
        use ErrorCategory::*;
        for (code, message, status, expected) in [
            ("ResourceNotFoundException", "Deployment 9 not found", 404, NotFound),
            ("SomethingElse", "", 404, NotFound),
            ("AccessDeniedException", "not authorized", 403, AccessDenied),
            ("UnrecognizedClientException", "bad key", 403, BadCredentials),
            ("InvalidSignatureException", "The request signature we calculated does not match", 403, BadCredentials),
            ("MissingAuthenticationTokenException", "Missing Authentication Token", 403, BadCredentials),
            ("InvalidSignatureException", "Signature expired: 20240101T000000Z is now earlier than 20240101T001000Z (20240101T001500Z - 5 min.)", 403, ClockSkew),
            ("InvalidSignatureException", "Signature not yet current: 20240101T003000Z is still later than 20240101T002000Z (20240101T001500Z + 5 min.)", 403, ClockSkew),
            ("RequestTimeTooSkewed", "", 403, ClockSkew),
            ("ExpiredTokenException", "The security token included in the request is expired", 403, ExpiredToken),
            ("ThrottlingException", "Rate exceeded", 400, Throttled),
            ("AnythingAtAll", "", 429, Throttled),
            ("ConflictException", "busy", 409, Conflict),
            ("ServiceQuotaExceededException", "", 402, QuotaExceeded),
            ("BadRequestException", "invalid", 400, BadRequest),
            ("ValidationException", "", 400, BadRequest),
            ("InternalServerException", "", 500, ServerFault),
            ("UnknownError", "", 502, ServerFault),
            ("RequestTimeoutException", "", 408, ServerFault),
        ] {
            assert_eq!(category(code, message, status), expected, "{code} {status}");
        }
    }

    #[test]
    fn clock_skew_needs_a_skew_code_and_a_date_five_minutes_off() {
        let now = crate::DateTime::from_epoch_millis(1_700_000_000_000);
        let mut e = ServiceError::new("InvalidSignatureException", "Signature expired", 403);
        assert_eq!(e.clock_skew_ms(now), None, "no Date header");
        e.server_date = Some(now.add_millis(299_000));
        assert_eq!(e.clock_skew_ms(now), None, "under five minutes");
        e.server_date = Some(now.add_millis(-600_000));
        assert_eq!(e.clock_skew_ms(now), Some(-600_000));
        let mut other = ServiceError::new("ResourceNotFoundException", "", 404);
        other.server_date = Some(now.add_millis(-600_000));
        assert_eq!(other.clock_skew_ms(now), None, "not a code a clock causes");
    }
}
