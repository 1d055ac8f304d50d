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
    operation::{Operation, Target},
    retry::{Failure, RetryDecision, RetryPolicy, TransportFailure},
    ClientConfig, Credentials, DateTime, Error as CoreError, HttpRequest,
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
            max_attempts: appconfig_core::retry::DEFAULT_MAX_ATTEMPTS,
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

/// What a request is sent with: AWS credentials to sign, or a gateway's optional bearer token.
enum Authority {
    Aws(Credentials),
    #[cfg(feature = "gateway")]
    Gateway(Option<String>),
}

/// Credentials are refreshed this long before they expire, as the AWS SDKs do: the core's
/// number, which the npm package's JavaScript keeps equal (checked by a test there).
pub use appconfig_core::sign::EXPIRY_WINDOW_MS;

#[cfg(feature = "gateway")]
/// Where a gateway's bearer token comes from: the portal's own session (not AWS credentials).
/// Called before every attempt, so the host decides how long a token is kept.
///
/// Any `Fn() -> impl Future<Output = Result<String, String>>` is a provider.
pub trait TokenProvider {
    /// The token, or why there is none.
    fn token(&self) -> LocalBoxFuture<Result<String, String>>;
}

#[cfg(feature = "gateway")]
impl<F, Fut> TokenProvider for F
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<String, String>> + 'static,
{
    fn token(&self) -> LocalBoxFuture<Result<String, String>> {
        Box::pin(self())
    }
}

/// The caller's identity toward a gateway, sent as `Authorization: Bearer …` to the gateway
/// only. Without one the browser's cookies for the gateway go along (`credentials: "include"`).
/// `Debug` never shows the token.
#[derive(Clone)]
#[cfg(feature = "gateway")]
pub enum GatewayToken {
    /// A fixed token.
    Fixed(String),
    /// A token from the host, asked for before every attempt.
    Provider(Rc<dyn TokenProvider>),
}

#[cfg(feature = "gateway")]
impl std::fmt::Debug for GatewayToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            GatewayToken::Fixed(_) => "GatewayToken::Fixed(<redacted>)",
            GatewayToken::Provider(_) => "GatewayToken::Provider(..)",
        })
    }
}

enum CredentialSource {
    Fixed(Credentials),
    Provider {
        provider: Rc<dyn CredentialsProvider>,
        cached: RefCell<Option<ProvidedCredentials>>,
    },
    /// A gateway signs: no AWS credentials here, only the caller's optional token.
    #[cfg(feature = "gateway")]
    Gateway(Option<GatewayToken>),
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
    /// [`FetchErrorKind::Core`] with [`appconfig_core::Error::InvalidEndpoint`] or
    /// [`appconfig_core::Error::InvalidInput`] when the configuration cannot give an endpoint.
    ///
    /// With a `gateway` configuration the credentials are dropped unread (a gateway signs):
    /// [`FetchClient::gateway`] says so without any.
    pub fn new(
        config: &ClientConfig,
        credentials: Credentials,
        options: FetchOptions,
    ) -> Result<Self, FetchError> {
        let target = config.resolve()?;
        #[cfg(feature = "gateway")]
        let credentials = if target.is_gateway() {
            CredentialSource::Gateway(None)
        } else {
            CredentialSource::Fixed(credentials)
        };
        #[cfg(not(feature = "gateway"))]
        let credentials = CredentialSource::Fixed(credentials);
        Ok(FetchClient {
            target,
            credentials,
            options,
            clock_offset_ms: Cell::new(0),
        })
    }

    /// A client of a gateway (`config.gateway` and `config.account` set): requests go unsigned,
    /// with `token` as `Authorization: Bearer …` when given, and with the browser's cookies for
    /// the gateway (`credentials: "include"`).
    ///
    /// # Errors
    /// As [`FetchClient::new`]; [`appconfig_core::Error::InvalidEndpoint`] when `config` names
    /// no gateway.
    #[cfg(feature = "gateway")]
    pub fn gateway(
        config: &ClientConfig,
        token: Option<GatewayToken>,
        options: FetchOptions,
    ) -> Result<Self, FetchError> {
        let target = config.resolve()?;
        if !target.is_gateway() {
            return Err(CoreError::InvalidEndpoint {
                field: appconfig_core::error::ConfigField::Gateway,
                reason: "gateway is required".into(),
            }
            .into());
        }
        Ok(FetchClient {
            target,
            credentials: CredentialSource::Gateway(token),
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
        let target = config.resolve()?;
        let credentials = CredentialSource::Provider {
            provider,
            cached: RefCell::new(None),
        };
        #[cfg(feature = "gateway")]
        let credentials = if target.is_gateway() {
            CredentialSource::Gateway(None)
        } else {
            credentials
        };
        Ok(FetchClient {
            target,
            credentials,
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

    /// The credentials to sign with (`None` through a gateway), and the bearer token for a
    /// gateway.
    async fn credentials(&self, now_ms: i64) -> Result<Authority, String> {
        match &self.credentials {
            CredentialSource::Fixed(c) => Ok(Authority::Aws(c.clone())),
            #[cfg(feature = "gateway")]
            CredentialSource::Gateway(None) => Ok(Authority::Gateway(None)),
            #[cfg(feature = "gateway")]
            CredentialSource::Gateway(Some(GatewayToken::Fixed(t))) => {
                Ok(Authority::Gateway(Some(t.clone())))
            }
            #[cfg(feature = "gateway")]
            CredentialSource::Gateway(Some(GatewayToken::Provider(p))) => {
                let token = p.token().await?;
                if token.trim().is_empty() {
                    return Err("empty gateway token".into());
                }
                Ok(Authority::Gateway(Some(token)))
            }
            CredentialSource::Provider { provider, cached } => {
                let fresh = |p: &ProvidedCredentials| {
                    p.expires_at_ms
                        .is_none_or(|exp| exp - EXPIRY_WINDOW_MS > now_ms)
                };
                if let Some(p) = cached.borrow().as_ref().filter(|p| fresh(p)) {
                    return Ok(Authority::Aws(p.credentials.clone()));
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
                Ok(Authority::Aws(c))
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
        // The operation decides how its output is read (JSON body, or a blob payload with
        // header members); JSON with the core's own reader, which is a fraction of serde_json's
        // code in the wasm and reads the same bodies the same way.
        let response = appconfig_core::HttpResponse {
            status: received.status,
            headers: received.headers,
            body: received.body,
        };
        match <O::Output as appconfig_core::operation::OperationOutput>::read_response(&response) {
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
            target.build_request(&mut appconfig_core::sign::Signer::new(), input, c, t)
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
            let authority = match self.credentials(local_ms).await {
                Ok(c) => c,
                Err(message) => {
                    return Err(fail(FetchErrorKind::Credentials { message }, &metadata))
                }
            };
            if signal.is_some_and(AbortSignal::aborted) {
                return Err(fail(FetchErrorKind::Aborted, &metadata));
            }
            let signing_time = DateTime::from_epoch_millis(local_ms + self.clock_offset_ms.get());
            let built = match &authority {
                Authority::Aws(c) => build(c, signing_time.to_system_time()),
                // A gateway target builds unsigned requests and never reads credentials.
                #[cfg(feature = "gateway")]
                Authority::Gateway(_) => build(
                    &Credentials::new("", "", None),
                    signing_time.to_system_time(),
                ),
            };
            #[cfg_attr(not(feature = "gateway"), allow(unused_mut))]
            let mut request = match built {
                Ok(r) => r,
                Err(e) => return Err(fail(FetchErrorKind::Core(e), &metadata)),
            };
            metadata.attempts += 1;
            #[cfg(feature = "gateway")]
            let sent = {
                let gateway = matches!(authority, Authority::Gateway(_));
                if let Authority::Gateway(Some(token)) = authority {
                    request
                        .headers
                        .push(("authorization".to_owned(), format!("Bearer {token}")));
                }
                transport::send_with(
                    &request,
                    signal,
                    self.options.request_timeout_ms,
                    transport::SendOptions {
                        include_cookies: gateway,
                    },
                )
                .await
            };
            #[cfg(not(feature = "gateway"))]
            let sent = {
                drop(authority);
                transport::send(&request, signal, self.options.request_timeout_ms).await
            };
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
                    let delay_ms = policy.wait_ms(delay_ms, &headers, now);
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

    #[cfg(feature = "gateway")]
    fn gateway_config() -> ClientConfig {
        ClientConfig {
            region: Some("us-east-1".into()),
            gateway: Some("https://gw.example/".into()),
            account: Some("prod".into()),
            ..Default::default()
        }
    }

    #[test]
    #[cfg(feature = "gateway")]
    fn gateway_client_needs_no_credentials() {
        let client = FetchClient::gateway(
            &gateway_config(),
            Some(GatewayToken::Fixed("portal-session-token".into())),
            FetchOptions::default(),
        )
        .expect("a gateway configuration makes a client");
        assert!(client.target().is_gateway());
        assert_eq!(
            client.target().send_base,
            "https://gw.example/v1/prod/us-east-1/appconfig"
        );
        let dbg = format!(
            "{client:?} {:?}",
            GatewayToken::Fixed("portal-session-token".into())
        );
        assert!(!dbg.contains("portal-session-token"), "{dbg}");
    }

    #[test]
    #[cfg(feature = "gateway")]
    fn gateway_client_without_a_gateway_is_refused() {
        let config = ClientConfig {
            region: Some("us-east-1".into()),
            ..Default::default()
        };
        let err = FetchClient::gateway(&config, None, FetchOptions::default()).unwrap_err();
        assert_eq!(err.name(), "EndpointError");
        assert!(err.to_string().contains("gateway"), "{err}");
    }

    #[test]
    #[cfg(feature = "gateway")]
    fn credentials_given_for_a_gateway_are_dropped() {
        let client = FetchClient::new(
            &gateway_config(),
            Credentials::new("AKID", "SECRET", None),
            FetchOptions::default(),
        )
        .unwrap();
        assert!(matches!(
            client.credentials,
            CredentialSource::Gateway(None)
        ));
    }
}
