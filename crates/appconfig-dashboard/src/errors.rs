//! Turns every failure into a [`Problem`]: what happened, in plain words, and what to do.

use appconfig_core::{ConfigField, DateTime, Error, ErrorCategory, InputRule};
use appconfig_fetch::{FetchError, FetchErrorKind};

/// The kinds of problems the dashboard explains (the `data-kind` of the error panel).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// An id names nothing.
    NotFound,
    /// The credentials lack permission.
    AccessDenied,
    /// The credentials are unknown, wrong or expired.
    BadCredentials,
    /// The local clock is off.
    ClockSkew,
    /// Too many requests.
    Throttled,
    /// The browser blocked a cross-origin request.
    Cors,
    /// The local simulator does not answer.
    SimulatorDown,
    /// Another network failure.
    Network,
    /// No answer in time.
    Timeout,
    /// An input breaks a rule (shown beside the field).
    InvalidInput,
    /// The region, endpoint or proxy is unusable.
    Config,
    /// The answer could not be read.
    Malformed,
    /// Another error from the service.
    Service,
    /// Pasted text is not a deployment.
    BadJson,
    /// No credentials were given.
    NoCredentials,
    /// Remembered credentials wait for the user to confirm where they go.
    Unconfirmed,
}

impl ProblemKind {
    /// A stable kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::NotFound => "not-found",
            ProblemKind::AccessDenied => "access-denied",
            ProblemKind::BadCredentials => "bad-credentials",
            ProblemKind::ClockSkew => "clock-skew",
            ProblemKind::Throttled => "throttled",
            ProblemKind::Cors => "cors",
            ProblemKind::SimulatorDown => "simulator-down",
            ProblemKind::Network => "network",
            ProblemKind::Timeout => "timeout",
            ProblemKind::InvalidInput => "invalid-input",
            ProblemKind::Config => "config",
            ProblemKind::Malformed => "malformed",
            ProblemKind::Service => "service",
            ProblemKind::BadJson => "bad-json",
            ProblemKind::NoCredentials => "no-credentials",
            ProblemKind::Unconfirmed => "confirm-endpoint",
        }
    }
}

/// A failure explained for a person.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The kind.
    pub kind: ProblemKind,
    /// One line: what happened.
    pub title: String,
    /// What to do about it.
    pub advice: &'static str,
    /// The raw message (from AWS or the browser), shown as text.
    pub detail: Option<String>,
    /// The AWS request id, for a support case.
    pub request_id: Option<String>,
    /// The input member at fault (`ApplicationId`, `region`, `endpoint` ...), for inline errors.
    pub field: Option<&'static str>,
    /// Worth trying again later by itself (live refresh keeps polling).
    pub transient: bool,
}

impl Problem {
    fn new(kind: ProblemKind, title: impl Into<String>, advice: &'static str) -> Problem {
        Problem {
            kind,
            title: title.into(),
            advice,
            detail: None,
            request_id: None,
            field: None,
            transient: false,
        }
    }

    fn detail(mut self, d: impl Into<String>) -> Problem {
        let d = d.into();
        if !d.is_empty() {
            self.detail = Some(d);
        }
        self
    }

    /// No credentials given yet.
    pub fn no_credentials() -> Problem {
        Problem::new(
            ProblemKind::NoCredentials,
            "Credentials needed",
            "Enter an access key id and secret access key under Connection (for the simulator: AKIDAPPCONFIGSIMDEMO / appconfig-sim-demo-secret-key).",
        )
    }

    /// Remembered credentials are not confirmed for `target`.
    pub fn unconfirmed(target: &str) -> Problem {
        Problem::new(
            ProblemKind::Unconfirmed,
            format!("Continue sending your remembered credentials to {target}?"),
            "Your credentials are remembered for this tab and were confirmed for another address.",
        )
        .detail(target)
    }

    /// Pasted or dropped text that is not a deployment.
    pub fn bad_json(error: &Error) -> Problem {
        let reason = match error {
            Error::MalformedResponse { reason, .. } => reason.clone(),
            other => other.to_string(),
        };
        Problem::new(
            ProblemKind::BadJson,
            "This is not the JSON of a deployment",
            "Paste the whole output of `aws appconfig get-deployment --application-id … --environment-id … --deployment-number …` (a JSON object).",
        )
        .detail(reason)
    }

    /// A core error: input, configuration, service or response.
    pub fn from_core(error: &Error, send_base: &str, now_ms: f64) -> Problem {
        match error {
            Error::InvalidInput { field, rule } => {
                let mut p = Problem::new(
                    ProblemKind::InvalidInput,
                    format!("{} {}", field_label(field), rule_text(rule)),
                    "Correct the highlighted field.",
                );
                p.field = Some(field);
                p
            }
            Error::InvalidEndpoint { field, reason } => {
                let mut p = Problem::new(
                    ProblemKind::Config,
                    "The connection settings cannot be used",
                    "Check the region and the endpoint or proxy URL (for example http://127.0.0.1:4000).",
                )
                .detail(reason.clone());
                p.field = Some(match field {
                    ConfigField::Proxy => "proxy",
                    ConfigField::Region => "region",
                    _ => "endpoint",
                });
                p
            }
            Error::Signing { reason, .. } => Problem::new(
                ProblemKind::BadCredentials,
                "The request could not be signed",
                "Check the access key id and the secret access key.",
            )
            .detail(reason.clone()),
            Error::MalformedResponse { status, reason } => Problem::new(
                ProblemKind::Malformed,
                format!("The answer (HTTP {status}) is not an AppConfig response"),
                if is_loopback(send_base) {
                    "Check that the endpoint URL points at appconfig-sim, not another server."
                } else {
                    "Check that the endpoint or proxy URL forwards to AppConfig unchanged."
                },
            )
            .detail(reason.clone()),
            Error::Service(e) => {
                let code = e.code.as_str();
                let skew_ms = e.clock_skew_ms(DateTime::from_epoch_millis(now_ms as i64));
                let category = e.category();
                let mut p = if skew_ms.is_some() || category == ErrorCategory::ClockSkew {
                    let by = skew_ms
                        // "About": to the minute, so an hour's skew measured a second short
                        // reads "1 h", not "59 min 59 s".
                        .map(|s| {
                            let minute = 60_000;
                            let rounded = (s.abs() + minute / 2) / minute * minute;
                            format!(
                                " by about {}",
                                appconfig_core::format_duration(rounded.max(minute))
                            )
                        })
                        .unwrap_or_default();
                    Problem::new(
                        ProblemKind::ClockSkew,
                        format!("Your computer's clock is off{by}"),
                        "AWS rejects signatures made with a wrong clock. Set the clock automatically (NTP) and try again.",
                    )
                } else {
                    match category {
                        ErrorCategory::NotFound => {
                            let what = e
                                .resource_name
                                .clone()
                                .filter(|n| !n.is_empty())
                                .map(|n| format!("{n} was not found"))
                                .unwrap_or_else(|| "Not found".to_owned());
                            let mut p = Problem::new(
                                ProblemKind::NotFound,
                                what,
                                "Check the application, environment and deployment number, and that the region is the one they live in. Use Browse to pick from what exists.",
                            );
                            p.field = e.resource_name.as_deref().and_then(resource_field);
                            p
                        }
                        ErrorCategory::AccessDenied => Problem::new(
                            ProblemKind::AccessDenied,
                            "Access denied",
                            "These credentials are valid but lack permission: allow appconfig:GetDeployment (and appconfig:List* to browse) in IAM for this application.",
                        ),
                        ErrorCategory::BadCredentials => Problem::new(
                            ProblemKind::BadCredentials,
                            "The credentials were not accepted",
                            if code == "UnrecognizedClientException" || code == "InvalidClientTokenId" {
                                "The access key id is unknown: check it, and give the session token too when using temporary credentials."
                            } else {
                                "The signature does not match: check the secret access key (and that a proxy forwards requests unchanged)."
                            },
                        ),
                        ErrorCategory::ExpiredToken => Problem::new(
                            ProblemKind::BadCredentials,
                            "The session token has expired",
                            "Get fresh temporary credentials (for example `aws configure export-credentials`) and enter them again.",
                        ),
                        ErrorCategory::Throttled => {
                            let mut p = Problem::new(
                                ProblemKind::Throttled,
                                "AWS is throttling these requests",
                                "Too many requests for this account: the dashboard slows down and retries by itself.",
                            );
                            p.transient = true;
                            p
                        }
                        other => {
                            let server = other == ErrorCategory::ServerFault;
                            let mut p = Problem::new(
                                ProblemKind::Service,
                                format!("AppConfig answered {} (HTTP {})", e.code, e.status),
                                if server {
                                    "The service failed: the dashboard tries again by itself."
                                } else {
                                    "Check the request: the message below says what AppConfig did not accept."
                                },
                            );
                            p.transient = server;
                            p
                        }
                    }
                };
                p = p.detail(e.message.clone());
                p.request_id = e.request_id.clone();
                p
            }
            other => Problem::new(
                ProblemKind::Service,
                "Something went wrong",
                "Try again; if it keeps failing, check the connection settings.",
            )
            .detail(other.to_string()),
        }
    }

    /// A failed call.
    pub fn from_fetch(error: &FetchError, send_base: &str, now_ms: f64) -> Problem {
        let mut p = match error.kind() {
            FetchErrorKind::Core(error) => Problem::from_core(error, send_base, now_ms),
            FetchErrorKind::Network {
                message,
                cors_suspected,
            } => {
                if is_loopback(send_base) {
                    let mut p = Problem::new(
                        ProblemKind::SimulatorDown,
                        format!("The simulator (or local proxy) at {send_base} does not answer"),
                        "Start it (`appconfig-sim --port 4000`, `cargo xtask demo`, or `appconfig-sim proxy`) and check the URL under Connection; the dashboard keeps trying.",
                    )
                    .detail(message.clone());
                    p.transient = true;
                    p
                } else if *cors_suspected {
                    Problem::new(
                        ProblemKind::Cors,
                        "The browser blocked the request (CORS)",
                        "AWS AppConfig sends no CORS headers, so a web page cannot call it directly. Under Connection, send requests \"Through a proxy to AWS\" and give the URL of a proxy that forwards requests unchanged (for development: the `[[proxy]]` example in `Trunk.toml`, or `appconfig-sim proxy`).",
                    )
                    .detail(message.clone())
                } else {
                    let mut p = Problem::new(
                        ProblemKind::Network,
                        "The network request failed",
                        "Check your connection and the endpoint or proxy URL; the dashboard keeps trying.",
                    )
                    .detail(message.clone());
                    p.transient = true;
                    p
                }
            }
            FetchErrorKind::Timeout { after_ms } => {
                let mut p = Problem::new(
                    ProblemKind::Timeout,
                    format!("No answer within {} s", after_ms / 1000),
                    "The endpoint is slow or unreachable; the dashboard keeps trying.",
                );
                p.transient = true;
                p
            }
            _ => Problem::new(
                ProblemKind::Network,
                "The request did not complete",
                "Try again.",
            )
            .detail(error.to_string()),
        };
        if p.request_id.is_none() {
            p.request_id = error.metadata().request_id.clone();
        }
        p
    }
}

/// The input member that a `ResourceName` most likely names.
fn resource_field(name: &str) -> Option<&'static str> {
    let n = name.to_ascii_lowercase();
    if n.contains("application") {
        Some("ApplicationId")
    } else if n.contains("environment") {
        Some("EnvironmentId")
    } else if n.contains("deployment") {
        Some("DeploymentNumber")
    } else {
        None
    }
}

/// A member named for people.
pub fn field_label(field: &str) -> &str {
    match crate::validate::Field::from_member(field) {
        Some(f) => f.label(),
        None => field,
    }
}

/// A rule in words ("is required", "must be a whole number ...").
pub fn rule_text(rule: &InputRule) -> String {
    match rule {
        InputRule::Required => "is required".to_owned(),
        other => other.to_string(),
    }
}

pub use crate::origin::is_loopback;

#[cfg(test)]
mod tests {
    use super::*;
    use appconfig_core::ServiceError;

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn not_found_names_the_resource() {
        let mut e = ServiceError::new("ResourceNotFoundException", "Deployment 9 not found", 404);
        e.resource_name = Some("Deployment".into());
        let p = Problem::from_core(&Error::from(e), "http://127.0.0.1:1", 0.0);
        assert_eq!(p.kind, ProblemKind::NotFound);
        assert_eq!(p.field, Some("DeploymentNumber"));
        assert!(p.title.contains("Deployment"));
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn credentials_skew_and_throttling() {
        let kind = |code: &str, status| {
            Problem::from_core(
                &Error::from(ServiceError::new(code, "", status)),
                "https://x",
                0.0,
            )
            .kind
        };
        assert_eq!(
            kind("UnrecognizedClientException", 403),
            ProblemKind::BadCredentials
        );
        assert_eq!(
            kind("InvalidSignatureException", 403),
            ProblemKind::BadCredentials
        );
        assert_eq!(
            kind("ExpiredTokenException", 403),
            ProblemKind::BadCredentials
        );
        assert_eq!(
            kind("AccessDeniedException", 403),
            ProblemKind::AccessDenied
        );
        assert_eq!(kind("ThrottlingException", 400), ProblemKind::Throttled);
        assert_eq!(kind("RequestTimeTooSkewed", 403), ProblemKind::ClockSkew);
        let mut e = ServiceError::new("InvalidSignatureException", "Signature expired", 403);
        e.server_date = Some(appconfig_core::DateTime::from_epoch_millis(3_600_000));
        let p = Problem::from_core(&Error::from(e), "https://x", 0.0);
        assert_eq!(p.kind, ProblemKind::ClockSkew);
        assert!(p.title.contains("1 h"), "{}", p.title);
        // A second short of an hour still reads as about an hour.
        let mut e = ServiceError::new("InvalidSignatureException", "Signature expired", 403);
        e.server_date = Some(appconfig_core::DateTime::from_epoch_millis(3_599_000));
        let p = Problem::from_core(&Error::from(e), "https://x", 0.0);
        assert!(p.title.ends_with("by about 1 h"), "{}", p.title);
    }
}
