//! Calls AWS AppConfig from WebAssembly with the runtime's `fetch` (browser page, worker, Node),
//! around the sans-IO [`appconfig_core`]: signing at the (skew-corrected) current time, the
//! standard retry mode driven by [`appconfig_core::RetryPolicy`], a per-attempt timeout and a
//! caller `AbortSignal`.
//!
//! The crate compiles on every target (so the workspace builds natively) but its calls only
//! work on `wasm32-unknown-unknown` inside a JavaScript runtime.
//!
//! ```no_run
//! # async fn run() -> Result<(), appconfig_fetch::FetchError> {
//! use appconfig_core::{ClientConfig, Credentials, GetDeploymentInput};
//! use appconfig_fetch::{FetchClient, FetchOptions};
//! let config = ClientConfig { region: Some("us-east-1".into()), ..Default::default() };
//! let client = FetchClient::new(&config, Credentials::new("AKID", "SECRET", None), FetchOptions::default())?;
//! let input = GetDeploymentInput { application_id: "abc1234".into(), environment_id: "def5678".into(), deployment_number: 1 };
//! let out = client.call(&input, None).await?;
//! println!("{:?} after {} attempts", out.output.state, out.metadata.attempts);
//! # Ok(()) }
//! ```

#![warn(missing_docs)]

mod error;
pub mod runtime;
pub mod transport;

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use appconfig_core::Failure;
use std::time::SystemTime;

use appconfig_core::{
    ClientConfig, Credentials, DateTime, Error as CoreError, HttpRequest, HttpResponse, Operation,
    RetryDecision, RetryPolicy, Target, TransportFailure,
};
use web_sys::AbortSignal;

pub use error::{FetchError, Metadata, CORS_HINT};
use transport::SendError;

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

    /// Forgets credentials cached from the provider, so the next call asks it again.
    pub fn clear_cached_credentials(&self) {
        if let CredentialSource::Provider { cached, .. } = &self.credentials {
            cached.borrow_mut().take();
        }
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
    /// [`FetchError::Core`] for invalid input, an AWS error or an unreadable response;
    /// [`FetchError::Network`], [`FetchError::Timeout`], [`FetchError::Aborted`] when no
    /// response arrived; [`FetchError::Credentials`] when the provider failed.
    pub async fn call<O: Operation>(
        &self,
        input: &O,
        signal: Option<AbortSignal>,
    ) -> Result<Output<O::Output>, FetchError> {
        // Validate before anything else, credentials included: bad input never reaches a provider.
        input.validate()?;
        let mut output = None;
        let mut metadata = Metadata::default();
        let build = |c: &Credentials, t: SystemTime| self.target.build_request(input, c, t);
        let mut parse = |r: &HttpResponse| {
            output = Some(appconfig_core::parse_response::<O>(r)?);
            Ok(())
        };
        // The retry loop is not generic, so it is compiled once for all operations (size).
        let result = self
            .run(&build, &mut parse, signal.as_ref(), &mut metadata)
            .await;
        match (result, output) {
            (Ok(()), Some(output)) => Ok(Output { output, metadata }),
            (Ok(()), None) => Err(FetchError::Core {
                // `run` succeeds only after `parse` stored the output: never happens.
                error: CoreError::MalformedResponse {
                    status: metadata.http_status_code.unwrap_or(0),
                    reason: "no output".into(),
                },
                metadata,
            }),
            (Err(mut e), _) => {
                *e.metadata_mut() = metadata;
                Err(e)
            }
        }
    }

    async fn run(
        &self,
        build: &dyn Fn(&Credentials, SystemTime) -> Result<HttpRequest, CoreError>,
        parse: &mut dyn FnMut(&HttpResponse) -> Result<(), CoreError>,
        signal: Option<&AbortSignal>,
        metadata: &mut Metadata,
    ) -> Result<(), FetchError> {
        let policy = RetryPolicy::with_max_attempts(self.options.max_attempts);
        let mut skew_corrected = false;
        let aborted = || FetchError::Aborted {
            metadata: Metadata::default(),
        };
        loop {
            if signal.is_some_and(AbortSignal::aborted) {
                return Err(aborted());
            }
            let local_ms = runtime::now_ms() as i64;
            let credentials =
                self.credentials(local_ms)
                    .await
                    .map_err(|message| FetchError::Credentials {
                        message,
                        metadata: Metadata::default(),
                    })?;
            if signal.is_some_and(AbortSignal::aborted) {
                return Err(aborted());
            }
            let signing_time = DateTime::from_epoch_millis(local_ms + self.clock_offset_ms.get());
            let request = build(&credentials, signing_time.to_system_time())?;
            drop(credentials);
            metadata.attempts += 1;
            let sent = transport::send(&request, signal, self.options.request_timeout_ms).await;
            let (failure_error, transport_failure) = match sent {
                Ok(response) => {
                    metadata.http_status_code = Some(response.status);
                    metadata.request_id = response.request_id().map(str::to_owned);
                    match parse(&response) {
                        Ok(()) => return Ok(()),
                        Err(e) => (Some(e), None),
                    }
                }
                Err(e) => (None, Some(e)),
            };
            let failure = match (&failure_error, &transport_failure) {
                (Some(e), _) => Failure::Error(e),
                (None, Some(SendError::Network(_))) => {
                    Failure::Transport(TransportFailure::Network)
                }
                (None, Some(SendError::Timeout)) => Failure::Transport(TransportFailure::Timeout),
                _ => Failure::Transport(TransportFailure::Aborted),
            };
            let decision = policy.decide(
                metadata.attempts,
                failure,
                skew_corrected,
                runtime::random(),
                DateTime::from_epoch_millis(runtime::now_ms() as i64),
            );
            match decision {
                RetryDecision::GiveUp => {
                    return Err(match (failure_error, transport_failure) {
                        (Some(error), _) => FetchError::Core {
                            error,
                            metadata: Metadata::default(),
                        },
                        (None, Some(SendError::Network(message))) => FetchError::Network {
                            cors_suspected: runtime::is_cross_origin(&request.url),
                            message,
                            metadata: Metadata::default(),
                        },
                        (None, Some(SendError::Timeout)) => FetchError::Timeout {
                            after_ms: self.options.request_timeout_ms.unwrap_or(0),
                            metadata: Metadata::default(),
                        },
                        _ => aborted(),
                    })
                }
                RetryDecision::CorrectClockAndRetry { offset_ms } => {
                    skew_corrected = true;
                    self.clock_offset_ms.set(offset_ms);
                }
                RetryDecision::RetryAfter { delay_ms } => {
                    if runtime::sleep(delay_ms, signal).await.is_err() {
                        return Err(aborted());
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
