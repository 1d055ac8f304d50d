//! The one place that talks to AppConfig (through `appconfig-fetch`) and to the simulator's
//! `/_sim/info`. Everything returned is parsed by the core and every failure is a [`Problem`].

use std::rc::Rc;

use appconfig_core::Deployment;
use appconfig_core::{
    Application, DeploymentSummary, Environment, GetDeploymentInput, GetEnvironmentInput,
    ListApplicationsInput, ListDeploymentsInput, ListEnvironmentsInput, StopDeploymentInput,
};
use appconfig_fetch::{CredentialsProvider, FetchClient, FetchOptions, GatewayToken};
use serde::Deserialize;
use wasm_bindgen::JsCast;

use crate::errors::Problem;
use crate::platform;
use crate::settings::Connection;

/// One page of a list and the token of the next.
pub(crate) type Page<T> = (Vec<T>, Option<String>);

/// Three attempts, 15 s each.
const OPTIONS: FetchOptions = FetchOptions {
    max_attempts: 3,
    request_timeout_ms: Some(15_000),
};

/// Requests in flight at once from this page, every client and part together: the one
/// scheduler that many elements on a page share, within AWS's control-plane rates (the
/// overview keeps to 3 of its own; a deployment's view adds its few).
pub(crate) const PAGE_IN_FLIGHT: u32 = 4;

thread_local! {
    static IN_FLIGHT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// A place among the [`PAGE_IN_FLIGHT`] requests, given back when dropped.
struct Slot;

impl Slot {
    /// Waits for a free place (checked every 20 ms: a queue of wakers costs more code than a
    /// few polls of a counter).
    async fn take() -> Slot {
        while IN_FLIGHT.with(|c| c.get()) >= PAGE_IN_FLIGHT {
            gloo_timers::future::TimeoutFuture::new(20).await;
        }
        IN_FLIGHT.with(|c| c.set(c.get() + 1));
        Slot
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        IN_FLIGHT.with(|c| c.set(c.get().saturating_sub(1)));
    }
}

/// Page size for lists.
pub(crate) const PAGE_SIZE: i64 = 20;

/// A configured client. Compared by identity: a new `Api` means new settings.
pub struct Api {
    client: FetchClient,
    send_base: String,
}

impl std::fmt::Debug for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Api")
            .field("send_base", &self.send_base)
            .finish_non_exhaustive()
    }
}

impl PartialEq for Api {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Api {
    /// A client for these settings.
    ///
    /// # Errors
    /// A [`Problem`] when credentials are missing or the settings are unusable.
    pub(crate) fn new(conn: &Connection) -> Result<Rc<Api>, Problem> {
        let creds = conn.credentials().ok_or_else(Problem::no_credentials)?;
        let config = conn.client_config();
        let target = config
            .resolve()
            .map_err(|e| Problem::from_core(&e, "", platform::now_ms()))?;
        let client = FetchClient::new(&config, creds, OPTIONS)
            .map_err(|e| Problem::from_fetch(&e, &target.send_base, platform::now_ms()))?;
        Ok(Rc::new(Api {
            client,
            send_base: target.send_base,
        }))
    }

    /// A client for hosts other than the page (custom elements): of a gateway when `config`
    /// names one (unsigned requests, `token` as the caller's bearer token), otherwise signing
    /// with credentials from `provider` (called again before they expire).
    ///
    /// # Errors
    /// A [`Problem`] when there is neither a gateway nor a provider, or the settings are
    /// unusable.
    pub fn with_provider(
        config: &appconfig_core::ClientConfig,
        provider: Option<Rc<dyn CredentialsProvider>>,
        token: Option<GatewayToken>,
    ) -> Result<Rc<Api>, Problem> {
        let target = config
            .resolve()
            .map_err(|e| Problem::from_core(&e, "", platform::now_ms()))?;
        let client = if target.is_gateway() {
            FetchClient::gateway(config, token, OPTIONS)
        } else {
            let provider = provider.ok_or_else(Problem::no_credentials)?;
            FetchClient::with_provider(config, provider, OPTIONS)
        }
        .map_err(|e| Problem::from_fetch(&e, &target.send_base, platform::now_ms()))?;
        Ok(Rc::new(Api {
            client,
            send_base: target.send_base,
        }))
    }

    /// Server minus local clock, ms, as the client learnt it from a clock-skew answer (bounded by
    /// the core's `MAX_CLOCK_CORRECTION_MS`); 0 when no correction was needed.
    pub(crate) fn clock_offset_ms(&self) -> i64 {
        self.client.clock_offset_ms()
    }

    /// "Your clock is 1 h behind …: requests are signed with its time" when the client corrected
    /// the clock by a second or more.
    pub(crate) fn clock_note(&self) -> Option<String> {
        let off = self.clock_offset_ms();
        (off.abs() >= 1000).then(|| {
            let by = appconfig_core::format_duration(crate::format::round_for_humans(off.abs()));
            let dir = if off > 0 { "behind" } else { "ahead of" };
            let via = crate::origin::Origin::parse(&self.send_base)
                .map(|o| o.to_string())
                .unwrap_or_else(|| self.send_base.clone());
            format!("Your clock is {by} {dir} the server at {via}: requests are signed with the server's time.")
        })
    }

    async fn call<O>(
        &self,
        input: &O,
        signal: Option<web_sys::AbortSignal>,
    ) -> Result<O::Output, Problem>
    where
        O: appconfig_core::Operation,
    {
        let _slot = Slot::take().await;
        self.client
            .call(input, signal)
            .await
            .map(|o| o.output)
            .map_err(|e| Problem::from_fetch(&e, &self.send_base, platform::now_ms()))
    }

    /// `GetDeployment`.
    ///
    /// # Errors
    /// A [`Problem`] for any failure.
    pub(crate) async fn deployment(
        &self,
        input: &GetDeploymentInput,
        signal: Option<web_sys::AbortSignal>,
    ) -> Result<Deployment, Problem> {
        self.call(input, signal).await
    }

    /// One page of `ListApplications`, of at most `size` ([`PAGE_SIZE`] when browsing).
    ///
    /// # Errors
    /// A [`Problem`] for any failure.
    pub(crate) async fn applications(
        &self,
        token: Option<String>,
        size: i64,
    ) -> Result<Page<Application>, Problem> {
        let input = ListApplicationsInput {
            max_results: Some(size),
            next_token: token,
        };
        let out = self.call(&input, None).await?;
        Ok((out.items.unwrap_or_default(), out.next_token))
    }

    /// One page of `ListEnvironments`, of at most `size`.
    ///
    /// # Errors
    /// A [`Problem`] for any failure.
    pub(crate) async fn environments(
        &self,
        app: String,
        token: Option<String>,
        size: i64,
    ) -> Result<Page<Environment>, Problem> {
        let input = ListEnvironmentsInput {
            application_id: app,
            max_results: Some(size),
            next_token: token,
        };
        let out = self.call(&input, None).await?;
        Ok((out.items.unwrap_or_default(), out.next_token))
    }

    /// One page of `ListDeployments` (newest first).
    ///
    /// # Errors
    /// A [`Problem`] for any failure.
    pub(crate) async fn deployments(
        &self,
        app: String,
        env: String,
        token: Option<String>,
    ) -> Result<Page<DeploymentSummary>, Problem> {
        let input = ListDeploymentsInput {
            application_id: app,
            environment_id: env,
            max_results: Some(PAGE_SIZE),
            next_token: token,
        };
        let out = self.call(&input, None).await?;
        Ok((out.items.unwrap_or_default(), out.next_token))
    }
}

/// The largest page AppConfig's list operations give (`MaxResults` 1 to 50): whole lists in
/// as few requests as possible.
pub(crate) const FULL_PAGE: i64 = 50;

impl Api {
    /// Every application, following `NextToken` to the end.
    ///
    /// # Errors
    /// A [`Problem`] for any failure.
    pub(crate) async fn all_applications(&self) -> Result<Vec<Application>, Problem> {
        let mut all = Vec::new();
        let mut token = None;
        loop {
            let (items, next) = self.applications(token, FULL_PAGE).await?;
            all.extend(items);
            token = next.filter(|t| !t.is_empty());
            if token.is_none() {
                return Ok(all);
            }
        }
    }

    /// Every environment of `app`, following `NextToken` to the end.
    ///
    /// # Errors
    /// A [`Problem`] for any failure.
    pub(crate) async fn all_environments(&self, app: &str) -> Result<Vec<Environment>, Problem> {
        let mut all = Vec::new();
        let mut token = None;
        loop {
            let (items, next) = self.environments(app.to_owned(), token, FULL_PAGE).await?;
            all.extend(items);
            token = next.filter(|t| !t.is_empty());
            if token.is_none() {
                return Ok(all);
            }
        }
    }

    /// The latest deployment of an environment (`ListDeployments` with `MaxResults=1`, newest
    /// first), or `None` when it has none.
    ///
    /// # Errors
    /// A [`Problem`] for any failure.
    pub(crate) async fn latest(
        &self,
        app: &str,
        env: &str,
    ) -> Result<Option<DeploymentSummary>, Problem> {
        let input = ListDeploymentsInput {
            application_id: app.to_owned(),
            environment_id: env.to_owned(),
            max_results: Some(1),
            next_token: None,
        };
        let out = self.call(&input, None).await?;
        Ok(out.items.unwrap_or_default().into_iter().next())
    }

    /// `GetEnvironment` (its monitors: the alarms that can roll a deployment back).
    ///
    /// # Errors
    /// A [`Problem`] for any failure.
    pub(crate) async fn environment(&self, app: &str, env: &str) -> Result<Environment, Problem> {
        let input = GetEnvironmentInput {
            application_id: app.to_owned(),
            environment_id: env.to_owned(),
        };
        self.call(&input, None).await
    }

    /// `StopDeployment`: rolls a running deployment back, or with `allow_revert` reverts a
    /// completed one. Access denied is explained with the IAM action it needs.
    ///
    /// # Errors
    /// A [`Problem`] for any failure.
    pub(crate) async fn stop(&self, input: &StopDeploymentInput) -> Result<(), Problem> {
        match self.call(input, None).await {
            Ok(_) => Ok(()),
            Err(mut p) if p.kind == crate::errors::ProblemKind::AccessDenied => {
                p.title = "Access denied: these credentials may not stop deployments".into();
                p.advice = "Allow the IAM action `appconfig:StopDeployment` on this application's environments (arn:aws:appconfig:REGION:ACCOUNT:application/APP/environment/ENV/deployment/*), or ask someone who has it.";
                Err(p)
            }
            Err(p) => Err(p),
        }
    }
}

/// What the simulator says about itself at `/_sim/info` (demo credentials included).
#[derive(Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SimInfo {
    /// Always true for the simulator.
    #[serde(default)]
    pub simulator: bool,
    /// The region it pretends to be.
    #[serde(default)]
    pub region: String,
    /// The demo access key id.
    #[serde(default)]
    pub access_key_id: String,
    /// The demo secret.
    #[serde(default)]
    pub secret_access_key: String,
    /// The time speed-up.
    #[serde(default)]
    pub speed: Option<f64>,
}

/// Asks the page's own origin whether it is the simulator (`GET /_sim/info`).
pub(crate) async fn sim_info() -> Option<SimInfo> {
    let window = platform::window()?;
    let resp = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str("/_sim/info"))
        .await
        .ok()?;
    let resp: web_sys::Response = resp.dyn_into().ok()?;
    if !resp.ok() {
        return None;
    }
    let value = wasm_bindgen_futures::JsFuture::from(resp.json().ok()?)
        .await
        .ok()?;
    serde_wasm_bindgen::from_value::<SimInfo>(value)
        .ok()
        .filter(|i| i.simulator)
}

/// Reads the JSON printed by `aws appconfig get-deployment` (or saved from an SDK, `$metadata`
/// and all) through the core.
///
/// # Errors
/// A [`Problem`] of kind `BadJson` saying what is wrong.
pub fn parse_deployment_json(text: &str) -> Result<Deployment, Problem> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(Problem::bad_json(
            &appconfig_core::Error::MalformedResponse {
                status: 200,
                reason: "nothing pasted yet".into(),
            },
        ));
    }
    Deployment::from_json(trimmed).map_err(|e| Problem::bad_json(&e))
}
