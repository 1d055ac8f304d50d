//! Turns every failure into a [`Problem`]: what happened, in plain words, and what to do.

use appconfig_core::{error::InputRule, Error};

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
    pub(crate) fn new(
        kind: ProblemKind,
        title: impl Into<String>,
        advice: &'static str,
    ) -> Problem {
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

    pub(crate) fn detail(mut self, d: impl Into<String>) -> Problem {
        let d = d.into();
        if !d.is_empty() {
            self.detail = Some(d);
        }
        self
    }

    /// Access denied explained for one call: `title` says what these credentials may not do,
    /// `advice` names the IAM action to allow. Other problems are left as they are.
    pub(crate) fn denied(mut self, title: &str, advice: &'static str) -> Problem {
        if self.kind == ProblemKind::AccessDenied {
            self.title = title.into();
            self.advice = advice;
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
}

/// The input member that a `ResourceName` most likely names.
pub(crate) fn resource_field(name: &str) -> Option<&'static str> {
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
pub(crate) fn field_label(field: &str) -> &str {
    match crate::form::Field::from_member(field) {
        Some(f) => f.label(),
        None => field,
    }
}

/// A rule in words ("is required", "must be a whole number ...").
pub(crate) fn rule_text(rule: &InputRule) -> String {
    match rule {
        InputRule::Required => "is required".to_owned(),
        other => other.to_string(),
    }
}

pub(crate) use crate::origin::is_loopback;

mod core_error;
mod fetch_error;

#[cfg(test)]
mod tests;
