//! Core errors (input, configuration, signing, responses, AWS service errors) explained.

use appconfig_core::{
    error::{ConfigField, ErrorCategory},
    DateTime, Error,
};

use super::{field_label, is_loopback, resource_field, rule_text, Problem, ProblemKind};

impl Problem {
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
                    ConfigField::Gateway => "gateway",
                    ConfigField::Account => "account",
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
                                appconfig_core::timeline::format_duration(rounded.max(minute))
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
}
