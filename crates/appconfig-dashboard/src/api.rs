//! The one place that talks to AppConfig (through `appconfig-fetch`) and to the simulator's
//! `/_sim/info`. Everything returned is parsed by the core and every failure is a [`Problem`].

use std::rc::Rc;

use appconfig_core::cloudwatch::{
    group_by_region, insert_in_order, AlarmHistoryItem, AlarmStatus, CloudWatchOperation,
    CompositeAlarm, DescribeAlarmHistoryInput, DescribeAlarmsInput, MetricAlarm, StateChange,
};
use appconfig_core::json_tree::read_json_body;
use appconfig_core::{
    model::{
        Application, ConfigurationProfile, DeploymentSummary, Environment,
        HostedConfigurationVersion,
    },
    operation::{
        GetConfigurationProfileInput, GetEnvironmentInput, GetHostedConfigurationVersionInput,
        ListApplicationsInput, ListDeploymentsInput, ListEnvironmentsInput, StopDeploymentInput,
    },
    GetDeploymentInput,
};
use appconfig_core::{DateTime, Deployment};
use appconfig_fetch::{CredentialsProvider, FetchClient, FetchOptions, GatewayToken};
use serde::Deserialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

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
    /// Where CloudWatch goes for an alarm's region (same endpoint or proxy choice).
    config: appconfig_core::ClientConfig,
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
        let config = conn.client_config();
        let target = config
            .resolve()
            .map_err(|e| Problem::from_core(&e, "", platform::now_ms()))?;
        // Through a gateway the page holds no AWS key: the gateway signs, and the page's cookies
        // for it (a same-site portal's session) or the optional gateway token say who is asking.
        let client = if target.is_gateway() {
            let token = conn.gateway_token().map(GatewayToken::Fixed);
            FetchClient::gateway(&config, token, OPTIONS)
        } else {
            let creds = conn.credentials().ok_or_else(Problem::no_credentials)?;
            FetchClient::new(&config, creds, OPTIONS)
        }
        .map_err(|e| Problem::from_fetch(&e, &target.send_base, platform::now_ms()))?;
        Ok(Rc::new(Api {
            client,
            send_base: target.send_base,
            config,
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
            config: config.clone(),
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
            let by = appconfig_core::timeline::format_duration(crate::format::round_for_humans(off.abs()));
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
        O: appconfig_core::operation::Operation,
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
        Ok(self.newest(app, env, 1).await?.into_iter().next())
    }

    /// The `size` newest deployments of an environment (one `ListDeployments`, newest first).
    ///
    /// # Errors
    /// A [`Problem`] for any failure.
    pub(crate) async fn newest(
        &self,
        app: &str,
        env: &str,
        size: i64,
    ) -> Result<Vec<DeploymentSummary>, Problem> {
        let input = ListDeploymentsInput {
            application_id: app.to_owned(),
            environment_id: env.to_owned(),
            max_results: Some(size),
            next_token: None,
        };
        Ok(self.call(&input, None).await?.items.unwrap_or_default())
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
        self.call(input, None).await.map(|_| ()).map_err(|p| {
            p.denied(
                "Access denied: these credentials may not stop deployments",
                "Allow the IAM action `appconfig:StopDeployment` on this application's environments (arn:aws:appconfig:REGION:ACCOUNT:application/APP/environment/ENV/deployment/*), or ask someone who has it.",
            )
        })
    }

    /// `GetConfigurationProfile`: its type and where its configuration lives. Access denied is
    /// explained with the IAM action it needs.
    ///
    /// # Errors
    /// A [`Problem`] for any failure.
    pub(crate) async fn configuration_profile(
        &self,
        app: &str,
        profile: &str,
    ) -> Result<ConfigurationProfile, Problem> {
        let input = GetConfigurationProfileInput {
            application_id: app.to_owned(),
            configuration_profile_id: profile.to_owned(),
        };
        self.call(&input, None).await.map_err(|p| {
            p.denied(
                "Access denied: these credentials may not read configuration profiles",
                "Allow the IAM action `appconfig:GetConfigurationProfile` on this application's configuration profiles (arn:aws:appconfig:REGION:ACCOUNT:application/APP/configurationprofile/*) to see what a deployment changes.",
            )
        })
    }

    /// `GetHostedConfigurationVersion`: a version's content, kept by the caller only as long as
    /// it compares. Access denied is explained with the IAM action it needs.
    ///
    /// # Errors
    /// A [`Problem`] for any failure.
    pub(crate) async fn hosted_version(
        &self,
        app: &str,
        profile: &str,
        version: i32,
    ) -> Result<HostedConfigurationVersion, Problem> {
        let input = GetHostedConfigurationVersionInput {
            application_id: app.to_owned(),
            configuration_profile_id: profile.to_owned(),
            version_number: version.into(),
        };
        self.call(&input, None).await.map_err(|p| {
            p.denied(
                "Access denied: these credentials may not read hosted configuration versions",
                "Allow the IAM action `appconfig:GetHostedConfigurationVersion` on this application's configuration profiles (arn:aws:appconfig:REGION:ACCOUNT:application/APP/configurationprofile/*/hostedconfigurationversion/*) to see what a deployment changes.",
            )
        })
    }
}

/// The alarms of an environment's monitors as CloudWatch answers for them, and the state
/// changes of the deployment's window.
#[derive(Clone, PartialEq, Default)]
pub struct Alarms {
    /// Every alarm found, in any region.
    pub statuses: Vec<AlarmStatus>,
    /// State changes in the deployment's window, oldest first.
    pub changes: Vec<StateChange>,
    /// The IAM action these credentials lack (`cloudwatch:DescribeAlarms`), when denied.
    pub denied: Option<&'static str>,
    /// Another failure, in a line.
    pub problem: Option<String>,
}

impl std::fmt::Debug for Alarms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Counts only: the view's props print this, and each field's Debug costs the wasm.
        write!(f, "Alarms({}, {})", self.statuses.len(), self.changes.len())
    }
}

/// Why a CloudWatch read failed, for the alarms panel: the missing IAM action when access was
/// denied (everything else on the page still works), the problem's title otherwise.
fn alarm_failure(out: &mut Alarms, p: &Problem, action: &'static str) {
    if p.kind == crate::errors::ProblemKind::AccessDenied {
        out.denied = out.denied.or(Some(action));
    } else if out.problem.is_none() {
        out.problem = Some(p.title.clone());
    }
}

// CloudWatch's answers are read from the browser's `JSON.parse` member by member, only the
// members the panel shows: the core's serde readers would instantiate serde_json's reader for
// every alarm shape (~20 KB of wasm, measured), and even the core's own reader (json_tree, as
// AppConfig's answers are read) reads every member of an alarm, +1.2 KB sent (measured).

fn js_body(resp: &appconfig_core::HttpResponse) -> Result<JsValue, appconfig_core::Error> {
    let bad = || appconfig_core::Error::MalformedResponse {
        status: resp.status,
        reason: "body is not valid JSON".into(),
    };
    let text = std::str::from_utf8(&resp.body).map_err(|_| bad())?;
    js_sys::JSON::parse(text).map_err(|_| bad())
}

fn member(v: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(v, &JsValue::from_str(key))
        .ok()
        .filter(|m| !m.is_undefined() && !m.is_null())
}

fn text(v: &JsValue, key: &str) -> Option<String> {
    member(v, key)?.as_string()
}

fn number(v: &JsValue, key: &str) -> Option<f64> {
    member(v, key)?.as_f64()
}

fn int(v: &JsValue, key: &str) -> Option<i64> {
    number(v, key).map(|n| n as i64)
}

/// A timestamp: epoch seconds, as the `json` protocol writes them.
fn time(v: &JsValue, key: &str) -> Option<DateTime> {
    let s = number(v, key)?;
    Some(DateTime::from_epoch_millis((s * 1000.0).round() as i64))
}

fn items(v: &JsValue, key: &str) -> Vec<JsValue> {
    member(v, key)
        .filter(js_sys::Array::is_array)
        .map(|a| js_sys::Array::from(&a).iter().collect())
        .unwrap_or_default()
}

/// `DescribeAlarms`' answer: every alarm's status, metric alarms first.
fn read_alarms(
    resp: &appconfig_core::HttpResponse,
) -> Result<Vec<AlarmStatus>, appconfig_core::Error> {
    let body = js_body(resp)?;
    let mut out = Vec::new();
    for a in items(&body, "MetricAlarms") {
        let mut m = MetricAlarm::default();
        m.alarm_name = text(&a, "AlarmName");
        m.alarm_arn = text(&a, "AlarmArn");
        m.actions_enabled = member(&a, "ActionsEnabled").and_then(|b| b.as_bool());
        m.state_value = text(&a, "StateValue").map(Into::into);
        m.state_reason = text(&a, "StateReason");
        m.state_updated_timestamp = time(&a, "StateUpdatedTimestamp");
        m.metric_name = text(&a, "MetricName");
        m.namespace = text(&a, "Namespace");
        m.statistic = text(&a, "Statistic");
        m.extended_statistic = text(&a, "ExtendedStatistic");
        m.period = int(&a, "Period");
        m.unit = text(&a, "Unit");
        m.evaluation_periods = int(&a, "EvaluationPeriods");
        m.datapoints_to_alarm = int(&a, "DatapointsToAlarm");
        m.threshold = number(&a, "Threshold");
        m.comparison_operator = text(&a, "ComparisonOperator").map(Into::into);
        out.push(m.status());
    }
    for a in items(&body, "CompositeAlarms") {
        let mut c = CompositeAlarm::default();
        c.alarm_name = text(&a, "AlarmName");
        c.alarm_arn = text(&a, "AlarmArn");
        c.actions_enabled = member(&a, "ActionsEnabled").and_then(|b| b.as_bool());
        c.state_value = text(&a, "StateValue").map(Into::into);
        c.state_reason = text(&a, "StateReason");
        c.state_updated_timestamp = time(&a, "StateUpdatedTimestamp");
        c.alarm_rule = text(&a, "AlarmRule");
        out.push(c.status());
    }
    Ok(out)
}

/// `DescribeAlarmHistory`'s answer: its state changes.
fn read_history(
    resp: &appconfig_core::HttpResponse,
) -> Result<Vec<StateChange>, appconfig_core::Error> {
    let body = js_body(resp)?;
    Ok(items(&body, "AlarmHistoryItems")
        .iter()
        .filter_map(|i| {
            let mut h = AlarmHistoryItem::default();
            h.alarm_name = text(i, "AlarmName");
            h.timestamp = time(i, "Timestamp");
            h.history_summary = text(i, "HistorySummary");
            h.history_data = text(i, "HistoryData");
            h.state_change()
        })
        .collect())
}

impl Api {
    async fn cloudwatch<O: CloudWatchOperation, T>(
        &self,
        region: &str,
        input: &O,
        parse: fn(&appconfig_core::HttpResponse) -> Result<T, appconfig_core::Error>,
    ) -> Result<T, Problem> {
        let target = self
            .config
            .cloudwatch(region)
            .map_err(|e| Problem::from_core(&e, "", platform::now_ms()))?;
        // CloudWatch's reads share the page's one scheduler with AppConfig's.
        let _slot = Slot::take().await;
        self.client
            .call_cloudwatch(&target, input, parse, None)
            .await
            .map(|o| o.output)
            .map_err(|e| Problem::from_fetch(&e, &target.send_base, platform::now_ms()))
    }

    /// The alarms of `arns`: one `DescribeAlarms` per region for all of them; with `window`
    /// (start, end) also their state changes in it, one `DescribeAlarmHistory` per alarm.
    /// Failures are kept in the answer, never raised: the page works without alarms.
    pub(crate) async fn alarms(
        &self,
        arns: &[String],
        window: Option<(DateTime, DateTime)>,
    ) -> Alarms {
        let mut out = Alarms::default();
        let (groups, _) = group_by_region(arns.iter().map(String::as_str));
        for (region, alarms) in groups {
            let input = DescribeAlarmsInput::by_names(alarms.iter().map(|a| a.name.clone()));
            match self.cloudwatch(&region, &input, read_alarms).await {
                Ok(o) => out.statuses.extend(o),
                Err(p) => alarm_failure(&mut out, &p, "cloudwatch:DescribeAlarms"),
            }
            let Some((start, end)) = window else { continue };
            for a in &alarms {
                let input =
                    DescribeAlarmHistoryInput::state_updates(Some(a.name.clone()), start, end);
                match self.cloudwatch(&region, &input, read_history).await {
                    Ok(h) => {
                        for c in h {
                            insert_in_order(&mut out.changes, c);
                        }
                    }
                    Err(p) => {
                        alarm_failure(&mut out, &p, "cloudwatch:DescribeAlarmHistory");
                        break;
                    }
                }
            }
        }
        out
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
/// and all) through the core's own JSON reader (as every answer: no serde_json in the wasm).
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
    read_json_body::<Deployment>(200, trimmed.as_bytes()).map_err(|e| Problem::bad_json(&e))
}
