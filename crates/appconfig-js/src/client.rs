//! The client: input validation ([`prepare`]), signing with a key-keeping signer
//! ([`Client::sign`]) and the retry decisions ([`Client::decide`]). The retry loop, the
//! transport and the credentials provider are the package's JavaScript.

use appconfig_core::{
    operation::{
        GetApplicationInput, GetDeploymentStrategyInput, GetEnvironmentInput,
        GetHostedConfigurationVersionInput, ListApplicationsInput, ListDeploymentsInput,
        ListEnvironmentsInput, ListHostedConfigurationVersionsInput, Operation,
        StopDeploymentInput, Target,
    },
    response::service_error_from_parts,
    retry::{Failure, RetryDecision, RetryPolicy, TransportFailure},
    sign::Signer,
    ClientConfig, Credentials, DateTime, Error, GetDeploymentInput,
};
use wasm_bindgen::prelude::*;

use crate::wire::{pairs, push_pairs, service_descriptor, thrown, Members, SEP};

/// What an attempt ended with, as [`Client::decide`] takes it; `js/transport.js` numbers them the
/// same (checked by `tests/js_policy.rs`), anything else is an abort.
const RESPONSE: u8 = 0;
const NETWORK: u8 = 1;
const TIMEOUT: u8 = 2;

/// Validates an operation's input and gives its request line (see [`crate::wire`]).
///
/// `op` numbers the operations as the package's `OP` table does: 0 `GetDeployment`,
/// 1 `StopDeployment`, 2 `ListDeployments`, 3 `GetApplication`, 4 `ListApplications`,
/// 5 `GetEnvironment`, 6 `ListEnvironments`, 7 `GetDeploymentStrategy`,
/// 8 `ListHostedConfigurationVersions`, 9 `GetHostedConfigurationVersion`. The members arrive in
/// the JavaScript side's order, type-checked and present when required: `a` the
/// `ApplicationId` (`DeploymentStrategyId` for 7), `b` the `EnvironmentId` (the
/// `ConfigurationProfileId` for 8 and 9), `token` the `NextToken`, `number` the
/// `DeploymentNumber`, `VersionNumber` or `MaxResults`, `flag` `AllowRevert`, `label` the
/// `VersionLabel` filter.
///
/// # Errors
/// `ValidationError\u{1}message` when a member breaks the model's rules (an unknown `op` too).
#[wasm_bindgen]
pub fn prepare(
    op: u8,
    a: String,
    b: String,
    token: Option<String>,
    number: Option<f64>,
    flag: bool,
    label: Option<String>,
) -> Result<String, String> {
    // The JavaScript side passes whole numbers within 2^53.
    let n = number.map(|n| n as i64);
    match op {
        0 => line(GetDeploymentInput {
            application_id: a,
            environment_id: b,
            deployment_number: n.unwrap_or(-1),
        }),
        1 => line(StopDeploymentInput {
            application_id: a,
            environment_id: b,
            deployment_number: n.unwrap_or(-1),
            allow_revert: flag,
        }),
        2 => line(ListDeploymentsInput {
            application_id: a,
            environment_id: b,
            max_results: n,
            next_token: token,
        }),
        3 => line(GetApplicationInput { application_id: a }),
        4 => line(ListApplicationsInput {
            max_results: n,
            next_token: token,
        }),
        5 => line(GetEnvironmentInput {
            application_id: a,
            environment_id: b,
        }),
        6 => line(ListEnvironmentsInput {
            application_id: a,
            max_results: n,
            next_token: token,
        }),
        7 => line(GetDeploymentStrategyInput {
            deployment_strategy_id: a,
        }),
        8 => line(ListHostedConfigurationVersionsInput {
            application_id: a,
            configuration_profile_id: b,
            max_results: n,
            next_token: token,
            version_label: label,
        }),
        9 => line(GetHostedConfigurationVersionInput {
            application_id: a,
            configuration_profile_id: b,
            // Absent is refused by the JavaScript side; i64::MIN fails validation if it slips by.
            version_number: n.unwrap_or(i64::MIN),
        }),
        _ => Err(thrown(&Error::InvalidInput {
            field: "operation",
            rule: appconfig_core::error::InputRule::Required,
        })),
    }
}

fn line<O: Operation>(input: O) -> Result<String, String> {
    input.validate().map_err(|e| thrown(&e))?;
    let mut out = String::from(O::METHOD);
    out.push('\n');
    out.push_str(&input.path_and_query());
    push_pairs(&mut out, &input.headers());
    Ok(out)
}

/// Where a client's requests go, the signer that keeps its signing keys, and its retry policy.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Client {
    target: Target,
    signer: Signer,
    policy: RetryPolicy,
}

#[wasm_bindgen]
impl Client {
    /// Resolves the endpoint (and proxy) once. `max_attempts` as the JavaScript side checked it.
    ///
    /// # Errors
    /// `EndpointError\u{1}message` or `ValidationError\u{1}message` (a region that is not a DNS
    /// label) when the configuration cannot give an endpoint.
    #[wasm_bindgen(constructor)]
    pub fn new(
        region: Option<String>,
        endpoint: Option<String>,
        proxy: Option<String>,
        use_fips: bool,
        use_dual_stack: bool,
        max_attempts: u32,
    ) -> Result<Client, String> {
        let config = ClientConfig {
            region,
            use_fips,
            use_dual_stack,
            endpoint,
            proxy,
            ..ClientConfig::default()
        };
        Ok(Client {
            target: config.resolve().map_err(|e| thrown(&e))?,
            signer: Signer::new(),
            policy: RetryPolicy::with_max_attempts(max_attempts),
        })
    }

    /// Signs the request line `request` (from [`prepare`]) at `time_ms` (the skew-corrected
    /// clock, ms since the epoch): the URL to send to, then the header pairs to send.
    ///
    /// # Errors
    /// `SigningError\u{1}message` (or `ValidationError` for blank credentials).
    pub fn sign(
        &mut self,
        request: &str,
        access_key_id: String,
        secret_access_key: String,
        session_token: Option<String>,
        time_ms: f64,
    ) -> Result<String, String> {
        let mut lines = request.split('\n');
        let method = lines.next().unwrap_or_default();
        let path = lines.next().unwrap_or_default();
        let headers = pairs(lines);
        let credentials = Credentials::new(access_key_id, secret_access_key, session_token);
        let time = DateTime::from_epoch_millis(time_ms as i64).to_system_time();
        let req = self
            .target
            .signed_request(&mut self.signer, method, path, headers, &credentials, time)
            .map_err(|e| thrown(&e))?;
        let mut out = req.url;
        push_pairs(&mut out, &req.headers);
        Ok(out)
    }

    /// After a failed attempt: what the standard retry mode does next, and for an error
    /// response the service error (read by the core's rules) as its descriptor.
    ///
    /// `failure` is 0 for a response (`status`, `headers` as `name\nvalue` lines, the `body`'s
    /// text and its `members` as [`crate::wire`] describes them), 1 for a network failure, 2 for
    /// a timeout, 3 for an abort. `attempts` counts the attempts made, `skew_corrected` whether
    /// this call corrected the clock already, `random` is in `[0, 1)`, `now_ms` the local clock.
    ///
    /// Returns `G` (give up), `R<ms>` (retry after that many ms, a server's `Retry-After`
    /// included) or `C<ms>` (sign with this clock offset, bounded to 15 minutes, and retry at
    /// once); for a response, then U+0001 and the service error's descriptor.
    #[allow(clippy::too_many_arguments)]
    pub fn decide(
        &self,
        attempts: u32,
        skew_corrected: bool,
        random: f64,
        now_ms: f64,
        failure: u8,
        status: u16,
        headers: &str,
        body: &str,
        members: &str,
    ) -> String {
        let now = DateTime::from_epoch_millis(now_ms as i64);
        let headers = if failure == RESPONSE {
            pairs(headers.split('\n'))
        } else {
            Vec::new()
        };
        let error = (failure == RESPONSE).then(|| {
            Error::from(service_error_from_parts(
                status,
                &headers,
                body,
                &Members::parse(members),
            ))
        });
        let failure = match (&error, failure) {
            (Some(e), _) => Failure::Error(e),
            (None, NETWORK) => Failure::Transport(TransportFailure::Network),
            (None, TIMEOUT) => Failure::Transport(TransportFailure::Timeout),
            _ => Failure::Transport(TransportFailure::Aborted),
        };
        let mut out = match self
            .policy
            .decide(attempts, failure, skew_corrected, random, now)
        {
            RetryDecision::GiveUp => String::from("G"),
            RetryDecision::CorrectClockAndRetry { offset_ms } => format!("C{offset_ms}"),
            RetryDecision::RetryAfter { delay_ms } => {
                format!("R{}", self.policy.wait_ms(delay_ms, &headers, now))
            }
        };
        if let Some(Error::Service(e)) = &error {
            out.push(SEP);
            out.push_str(&service_descriptor(e));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> Client {
        Client::new(Some("us-east-1".into()), None, None, false, false, 3).unwrap()
    }

    #[test]
    fn inputs_are_validated_by_the_model() {
        let e = prepare(0, String::new(), "e".into(), None, Some(1.0), false, None).unwrap_err();
        assert_eq!(
            e,
            "ValidationError\u{1}invalid ApplicationId: a value is required"
        );
        let e = prepare(
            4,
            String::new(),
            String::new(),
            None,
            Some(51.0),
            false,
            None,
        )
        .unwrap_err();
        assert!(
            e.contains("MaxResults: must be an integer from 1 to 50, got 51"),
            "{e}"
        );
        let stop = prepare(1, "a".into(), "e".into(), None, Some(2.0), true, None).unwrap();
        assert_eq!(
            stop,
            "DELETE\n/applications/a/environments/e/deployments/2\nallow-revert\ntrue"
        );
        let list = prepare(
            6,
            "a b".into(),
            String::new(),
            Some("t/1".into()),
            Some(5.0),
            false,
            None,
        );
        assert_eq!(
            list.unwrap(),
            "GET\n/applications/a%20b/environments?max_results=5&next_token=t%2F1"
        );
        let hosted = prepare(
            8,
            "a".into(),
            "p 1".into(),
            None,
            None,
            false,
            Some("v2*".into()),
        );
        assert_eq!(
            hosted.unwrap(),
            "GET\n/applications/a/configurationprofiles/p%201/hostedconfigurationversions?version_label=v2%2A"
        );
        let version = prepare(9, "a".into(), "p".into(), None, Some(3.0), false, None);
        assert_eq!(
            version.unwrap(),
            "GET\n/applications/a/configurationprofiles/p/hostedconfigurationversions/3"
        );
        let e = prepare(
            9,
            "a".into(),
            "p".into(),
            None,
            Some(2147483648.0),
            false,
            None,
        );
        assert!(
            e.unwrap_err().contains("VersionNumber"),
            "VersionNumber is a 32-bit integer"
        );
        assert!(prepare(10, String::new(), String::new(), None, None, false, None).is_err());
    }

    #[test]
    fn signs_with_a_session_token_and_through_a_proxy() {
        let mut c = Client::new(
            Some("eu-west-1".into()),
            None,
            Some("https://portal.example/ac/".into()),
            false,
            false,
            3,
        )
        .unwrap();
        let line = prepare(3, "app".into(), String::new(), None, None, false, None).unwrap();
        let s = c
            .sign(
                &line,
                "AKID".into(),
                "S".into(),
                Some("TOKEN".into()),
                1.7e12,
            )
            .unwrap();
        let lines: Vec<&str> = s.split('\n').collect();
        assert_eq!(lines[0], "https://portal.example/ac/applications/app");
        let h: Vec<(String, String)> = pairs(lines[1..].iter().copied());
        let names: Vec<&str> = h.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "x-amz-date",
                "authorization",
                "x-amz-security-token",
                "x-appconfig-upstream-host"
            ]
        );
        assert_eq!(h[3].1, "appconfig.eu-west-1.amazonaws.com");
        assert!(h[1].1.contains("/eu-west-1/appconfig/aws4_request"));
    }

    #[test]
    fn configuration_errors_are_thrown_descriptors() {
        let e = Client::new(None, None, None, false, false, 3).unwrap_err();
        assert!(e.starts_with("EndpointError\u{1}"), "{e}");
        let e = Client::new(None, Some("ftp://x".into()), None, false, false, 3).unwrap_err();
        assert!(e.contains("must start with http"), "{e}");
    }

    const NOW: f64 = 1_714_564_800_000.0; // 2024-05-01T12:00:00Z

    #[test]
    fn server_errors_retry_then_give_up_with_the_error() {
        let c = client();
        let m = "\u{1}\u{1}\u{1}=boom\u{1}\u{1}";
        let d = c.decide(
            1,
            false,
            0.5,
            NOW,
            RESPONSE,
            500,
            "x-amzn-errortype\nInternalServerException",
            "{}",
            m,
        );
        assert_eq!(
            d,
            "R50\u{1}InternalServerException\u{1}boom\u{1}server\u{1}"
        );
        let d = c.decide(3, false, 0.5, NOW, RESPONSE, 500, "", "{}", "");
        assert!(
            d.starts_with("G\u{1}UnknownError\u{1}\u{1}server\u{1}UnknownError (HTTP 500)"),
            "{d}"
        );
        assert_eq!(c.decide(1, false, 0.5, NOW, NETWORK, 0, "", "", ""), "R50");
        assert_eq!(c.decide(1, false, 0.5, NOW, 3, 0, "", "", ""), "G");
    }

    #[test]
    fn retry_after_lengthens_the_wait_up_to_the_cap() {
        let c = client();
        let d = c.decide(1, false, 0.0, NOW, RESPONSE, 429, "retry-after\n1", "", "");
        assert!(d.starts_with("R1000\u{1}"), "{d}");
        let d = c.decide(
            1,
            false,
            0.0,
            NOW,
            RESPONSE,
            503,
            "Retry-After\n3600",
            "",
            "",
        );
        assert!(d.starts_with("R20000\u{1}"), "{d}");
    }

    #[test]
    fn clock_skew_is_corrected_within_the_bound() {
        let c = client();
        let ahead =
            |min: i64| DateTime::from_epoch_millis(NOW as i64 + min * 60_000).to_http_date();
        let body = "{\"message\":\"Signature expired: 20240501T120000Z is now earlier than ...\"}";
        let m =
            "\u{1}\u{1}\u{1}=Signature expired: 20240501T120000Z is now earlier than ...\u{1}\u{1}";
        let h = format!(
            "x-amzn-errortype\nInvalidSignatureException\ndate\n{}",
            ahead(10)
        );
        let d = c.decide(1, false, 0.5, NOW, RESPONSE, 403, &h, body, m);
        assert!(
            d.starts_with("C600000\u{1}InvalidSignatureException\u{1}"),
            "{d}"
        );
        assert!(c
            .decide(1, true, 0.5, NOW, RESPONSE, 403, &h, body, m)
            .starts_with("G\u{1}"));
        let h = format!(
            "x-amzn-errortype\nInvalidSignatureException\ndate\n{}",
            ahead(20)
        );
        assert!(c
            .decide(1, false, 0.5, NOW, RESPONSE, 403, &h, body, m)
            .starts_with("G\u{1}"));
    }
}
