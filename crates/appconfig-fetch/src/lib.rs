#![doc = include_str!("../README.md")]

mod error;
mod error_body;
pub mod runtime;
pub mod transport;

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::SystemTime;

use appconfig_core::cloudwatch::{CloudWatchOperation, CloudWatchTarget};
use appconfig_core::{
    retry_after_ms, ClientConfig, Credentials, DateTime, Error as CoreError, Failure, HttpRequest,
    Operation, RetryDecision, RetryPolicy, Target, TransportFailure,
};
use web_sys::AbortSignal;

pub use error::{FetchError, FetchErrorKind, Metadata, CORS_HINT};
pub use error_body::parse_error_text;
use transport::{Received, SendError};

/// Call options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FetchOptions {
    /// Attempts in all, the first included (standard retry mode; default 3, at least 1).
    pub max_attempts: u32,
    /// Per-attempt timeout in ms, covering the response body; none by default.
    pub request_timeout_ms: Option<u32>,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            max_attempts: 3,
            request_timeout_ms: None,
        }
    }
}

/// A call's output and what is known about the call.
#[derive(Clone, Debug, PartialEq)]
pub struct Output<T> {
    /// The operation's output.
    pub output: T,
    /// Status, request id, attempts and retry delay.
    pub metadata: Metadata,
}

/// Credentials from a provider, with their expiry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProvidedCredentials {
    /// The credentials.
    pub credentials: Credentials,
    /// When they expire, ms since the Unix epoch; `None` for never.
    pub expires_at_ms: Option<i64>,
}

/// A boxed, non-`Send` future (JavaScript promises live on one thread).
pub type LocalBoxFuture<T> = Pin<Box<dyn Future<Output = T>>>;

/// Where credentials come from when they are not fixed: a JavaScript async function, a login
/// flow, an STS call. The client calls it on first use and again when the credentials it gave
/// are within five minutes of expiring.
///
/// Any `Fn() -> impl Future<Output = Result<ProvidedCredentials, String>>` is a provider.
pub trait CredentialsProvider {
    /// Fresh credentials, or why there are none.
    fn provide(&self) -> LocalBoxFuture<Result<ProvidedCredentials, String>>;
}

impl<F, Fut> CredentialsProvider for F
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<ProvidedCredentials, String>> + 'static,
{
    fn provide(&self) -> LocalBoxFuture<Result<ProvidedCredentials, String>> {
        Box::pin(self())
    }
}

/// Credentials are refreshed this long before they expire, as the AWS SDKs do.
pub const EXPIRY_WINDOW_MS: i64 = 5 * 60 * 1000;

enum CredentialSource {
    Fixed(Credentials),
    Provider {
        provider: Rc<dyn CredentialsProvider>,
        cached: RefCell<Option<ProvidedCredentials>>,
    },
}

/// A client for AppConfig over `fetch`. Cheap to share by reference; not `Send` (nothing in a
/// JavaScript runtime is).
pub struct FetchClient {
    target: Target,
    credentials: CredentialSource,
    options: FetchOptions,
    /// Server minus local clock, ms, learnt from a clock-skew error.
    clock_offset_ms: Cell<i64>,
}

impl std::fmt::Debug for FetchClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FetchClient")
            .field("target", &self.target)
            .field("options", &self.options)
            .field("clock_offset_ms", &self.clock_offset_ms.get())
            .finish_non_exhaustive()
    }
}

impl FetchClient {
    /// A client with fixed credentials.
    ///
    /// # Errors
    /// [`FetchError::Core`] with [`appconfig_core::Error::InvalidEndpoint`] or
    /// [`appconfig_core::Error::InvalidInput`] when the configuration cannot give an endpoint.
    pub fn new(
        config: &ClientConfig,
        credentials: Credentials,
        options: FetchOptions,
    ) -> Result<Self, FetchError> {
        Ok(FetchClient {
            target: config.resolve()?,
            credentials: CredentialSource::Fixed(credentials),
            options,
            clock_offset_ms: Cell::new(0),
        })
    }

    /// A client whose credentials come from `provider`, called on first use and when they near
    /// their expiry.
    ///
    /// # Errors
    /// As [`FetchClient::new`].
    pub fn with_provider(
        config: &ClientConfig,
        provider: Rc<dyn CredentialsProvider>,
        options: FetchOptions,
    ) -> Result<Self, FetchError> {
        Ok(FetchClient {
            target: config.resolve()?,
            credentials: CredentialSource::Provider {
                provider,
                cached: RefCell::new(None),
            },
            options,
            clock_offset_ms: Cell::new(0),
        })
    }

    /// Where requests are signed for and sent to.
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// The options.
    pub fn options(&self) -> FetchOptions {
        self.options
    }

    /// The clock correction in use (server minus local, ms), 0 until a skew error taught one.
    pub fn clock_offset_ms(&self) -> i64 {
        self.clock_offset_ms.get()
    }

    async fn credentials(&self, now_ms: i64) -> Result<Credentials, String> {
        match &self.credentials {
            CredentialSource::Fixed(c) => Ok(c.clone()),
            CredentialSource::Provider { provider, cached } => {
                let fresh = |p: &ProvidedCredentials| {
                    p.expires_at_ms
                        .is_none_or(|exp| exp - EXPIRY_WINDOW_MS > now_ms)
                };
                if let Some(p) = cached.borrow().as_ref().filter(|p| fresh(p)) {
                    return Ok(p.credentials.clone());
                }
                let p = provider.provide().await?;
                if p.credentials.access_key_id().trim().is_empty()
                    || p.credentials.secret_access_key().is_empty()
                {
                    return Err("the provider returned no accessKeyId or secretAccessKey".into());
                }
                if p.expires_at_ms.is_some_and(|exp| exp <= now_ms) {
                    return Err(
                        "the provider returned credentials that have already expired".into(),
                    );
                }
                let c = p.credentials.clone();
                *cached.borrow_mut() = Some(p);
                Ok(c)
            }
        }
    }

    /// Calls operation `input`: validates it (nothing is sent when it is invalid), signs, sends,
    /// retries by the standard retry mode, corrects the clock once on a skew error, and parses.
    ///
    /// # Errors
    /// [`FetchErrorKind::Core`] for invalid input, an AWS error or an unreadable response;
    /// [`FetchErrorKind::Network`], [`FetchErrorKind::Timeout`], [`FetchErrorKind::Aborted`]
    /// when no response arrived; [`FetchErrorKind::Credentials`] when the provider failed.
    pub async fn call<O: Operation>(
        &self,
        input: &O,
        signal: Option<AbortSignal>,
    ) -> Result<Output<O::Output>, FetchError> {
        // Validate before anything else, credentials included: bad input never reaches a provider.
        input.validate()?;
        let build = |c: &Credentials, t: SystemTime| self.target.build_request(input, c, t);
        // The retry loop is not generic, so it is compiled once for all operations (size).
        let (received, metadata) = self.send_with_retries(&build, signal.as_ref()).await?;
        match appconfig_core::parse_json_body::<O::Output>(received.status, &received.body) {
            Ok(output) => Ok(Output { output, metadata }),
            Err(e) => Err(FetchError::new(FetchErrorKind::Core(e), metadata)),
        }
    }

    /// Calls a CloudWatch read (`DescribeAlarms`, `DescribeAlarmHistory`) at `target` (the
    /// alarms' region, from [`ClientConfig::cloudwatch`]) with this client's credentials, retry
    /// policy and clock correction, and reads its `json` answer with `parse`
    /// ([`appconfig_core::cloudwatch::parse_describe_alarms`], ...).
    ///
    /// # Errors
    /// As [`FetchClient::call`].
    pub async fn call_cloudwatch<O, T>(
        &self,
        target: &CloudWatchTarget,
        input: &O,
        parse: fn(&appconfig_core::HttpResponse) -> Result<T, CoreError>,
        signal: Option<AbortSignal>,
    ) -> Result<Output<T>, FetchError>
    where
        O: CloudWatchOperation,
    {
        input.validate()?;
        let build = |c: &Credentials, t: SystemTime| {
            target.build_request(&mut appconfig_core::Signer::new(), input, c, t)
        };
        let (received, metadata) = self.send_with_retries(&build, signal.as_ref()).await?;
        let response = appconfig_core::HttpResponse {
            status: received.status,
            headers: Vec::new(),
            body: received.body,
        };
        match parse(&response) {
            Ok(output) => Ok(Output { output, metadata }),
            Err(e) => Err(FetchError::new(FetchErrorKind::Core(e), metadata)),
        }
    }

    /// Signs (by `build`, with the credentials and the skew-corrected time of each attempt),
    /// sends and retries until a 2xx response arrives or the retry policy gives up.
    async fn send_with_retries(
        &self,
        build: &dyn Fn(&Credentials, SystemTime) -> Result<HttpRequest, CoreError>,
        signal: Option<&AbortSignal>,
    ) -> Result<(Received, Metadata), FetchError> {
        let policy = RetryPolicy::with_max_attempts(self.options.max_attempts);
        let mut metadata = Metadata::default();
        let mut skew_corrected = false;
        let fail = |kind: FetchErrorKind, m: &Metadata| FetchError::new(kind, m.clone());
        loop {
            if signal.is_some_and(AbortSignal::aborted) {
                return Err(fail(FetchErrorKind::Aborted, &metadata));
            }
            let local_ms = runtime::now_ms() as i64;
            let credentials = match self.credentials(local_ms).await {
                Ok(c) => c,
                Err(message) => {
                    return Err(fail(FetchErrorKind::Credentials { message }, &metadata))
                }
            };
            if signal.is_some_and(AbortSignal::aborted) {
                return Err(fail(FetchErrorKind::Aborted, &metadata));
            }
            let signing_time = DateTime::from_epoch_millis(local_ms + self.clock_offset_ms.get());
            let request = match build(&credentials, signing_time.to_system_time()) {
                Ok(r) => r,
                Err(e) => return Err(fail(FetchErrorKind::Core(e), &metadata)),
            };
            drop(credentials);
            metadata.attempts += 1;
            let sent = transport::send(&request, signal, self.options.request_timeout_ms).await;
            let (error, headers, transport_failure) = match sent {
                Ok(received) => {
                    metadata.http_status_code = Some(received.status);
                    metadata.request_id = received.request_id().map(str::to_owned);
                    if (200..300).contains(&received.status) {
                        return Ok((received, metadata));
                    }
                    let e = CoreError::from(error_body::service_error(&received));
                    (Some(e), received.headers, None)
                }
                Err(e) => (None, Vec::new(), Some(e)),
            };
            let failure = match (&error, &transport_failure) {
                (Some(e), _) => Failure::Error(e),
                (None, Some(SendError::Network(_))) => {
                    Failure::Transport(TransportFailure::Network)
                }
                (None, Some(SendError::Timeout)) => Failure::Transport(TransportFailure::Timeout),
                _ => Failure::Transport(TransportFailure::Aborted),
            };
            let now = DateTime::from_epoch_millis(runtime::now_ms() as i64);
            match policy.decide(
                metadata.attempts,
                failure,
                skew_corrected,
                runtime::random(),
                now,
            ) {
                RetryDecision::GiveUp => {
                    let kind = match (error, transport_failure) {
                        (Some(error), _) => FetchErrorKind::Core(error),
                        (None, Some(SendError::Network(message))) => FetchErrorKind::Network {
                            cors_suspected: runtime::is_cross_origin(&request.url),
                            message,
                        },
                        (None, Some(SendError::Timeout)) => FetchErrorKind::Timeout {
                            after_ms: self.options.request_timeout_ms.unwrap_or(0),
                        },
                        _ => FetchErrorKind::Aborted,
                    };
                    return Err(fail(kind, &metadata));
                }
                RetryDecision::CorrectClockAndRetry { offset_ms } => {
                    skew_corrected = true;
                    self.clock_offset_ms.set(offset_ms);
                    metadata.clock_correction_ms = Some(offset_ms);
                }
                RetryDecision::RetryAfter { delay_ms } => {
                    // A server's Retry-After may lengthen the wait, never past the policy's cap.
                    let delay_ms = retry_after_ms(&headers, now, policy.max_delay_ms)
                        .map_or(delay_ms, |asked| asked.max(delay_ms));
                    if runtime::sleep(delay_ms, signal).await.is_err() {
                        return Err(fail(FetchErrorKind::Aborted, &metadata));
                    }
                    metadata.total_retry_delay_ms += delay_ms;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_configuration_is_refused_up_front() {
        let config = ClientConfig {
            region: Some("US EAST".into()),
            ..Default::default()
        };
        let err = FetchClient::new(
            &config,
            Credentials::new("AKID", "SECRET", None),
            FetchOptions::default(),
        )
        .unwrap_err();
        assert_eq!(err.name(), "ValidationError");
        assert!(err.to_string().contains("region"), "{err}");
    }

    #[test]
    fn proxy_config_resolves_to_send_and_sign_bases() {
        let config = ClientConfig {
            region: Some("eu-west-1".into()),
            proxy: Some("https://portal.example/appconfig/".into()),
            ..Default::default()
        };
        let client = FetchClient::new(
            &config,
            Credentials::new("AKID", "SECRET", None),
            FetchOptions::default(),
        )
        .unwrap();
        assert_eq!(
            client.target().signing_base,
            "https://appconfig.eu-west-1.amazonaws.com"
        );
        assert_eq!(
            client.target().send_base,
            "https://portal.example/appconfig"
        );
        let dbg = format!("{client:?}");
        assert!(!dbg.contains("SECRET"), "{dbg}");
    }
}
