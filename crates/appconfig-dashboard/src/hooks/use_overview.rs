use std::cell::{Cell, RefCell};
use std::rc::Rc;

use appconfig_core::model::DeploymentSummary;
use futures::stream::{self, StreamExt};
use yew::prelude::*;

use crate::api::Api;
use crate::errors::Problem;
use crate::platform;

/// A running (or rolling back) environment's latest deployment is listed again this often, ms.
pub(crate) const RUNNING_MS: f64 = 5_000.0;
/// Any other environment's, ms.
pub(crate) const SETTLED_MS: f64 = 60_000.0;
/// Applications and environments are listed again this often (new ones appear), ms.
pub(super) const LIST_MS: f64 = 300_000.0;
/// The longest wait after failures, ms.
pub(super) const MAX_BACKOFF_MS: f64 = 300_000.0;
/// Requests in flight at once, at most (AWS's control-plane rates are a few per second).
pub(crate) const MAX_IN_FLIGHT: usize = 3;

/// One environment and its latest deployment.
#[derive(Clone, Debug, PartialEq)]
pub struct OverviewEntry {
    /// The application id.
    pub app_id: String,
    /// The application name.
    pub app_name: String,
    /// The environment id.
    pub env_id: String,
    /// The environment name.
    pub env_name: String,
    /// The latest deployment: `None` before it is known, `Some(None)` for no deployment yet.
    pub latest: Option<Option<DeploymentSummary>>,
    /// The last failure for this row, cleared by the next success.
    pub problem: Option<Problem>,
    /// The ARNs of the environment's monitors (ListEnvironments).
    pub alarms: Vec<String>,
    /// While running: a monitored alarm that is not OK ("payments-staging-latency is in ALARM").
    pub alarm_flag: Option<String>,
    /// While running: the version it replaces, as (the running deployment's number, "v24" or
    /// the label of the latest earlier COMPLETE deployment of the same configuration).
    pub previous: Option<(i32, String)>,
}

impl OverviewEntry {
    /// Running with a monitored alarm that is not OK: flagged and listed first.
    pub fn is_flagged(&self) -> bool {
        self.alarm_flag.is_some() && self.is_running()
    }

    /// The latest deployment is running or rolling back (refreshed every [`RUNNING_MS`]).
    pub fn is_running(&self) -> bool {
        self.latest
            .as_ref()
            .and_then(|l| l.as_ref())
            .and_then(|s| s.state.as_ref())
            .is_some_and(|s| s.is_in_progress())
    }
}

type Key = (String, String);

/// "v24", or the version's label when it has one.
pub(crate) fn version_text(s: &DeploymentSummary) -> Option<String> {
    match (&s.version_label, &s.configuration_version) {
        (Some(l), _) if !l.is_empty() => Some(l.clone()),
        (_, Some(v)) => Some(format!("v{v}")),
        _ => None,
    }
}

/// The version live before `current` in its environment: that of the latest earlier
/// deployment of the same configuration that completed, among `newest` (newest first, as
/// `ListDeployments` lists them). `None` when `newest` holds none (the first deployment, or an
/// earlier one beyond the page).
pub(crate) fn previous_version(
    current: &DeploymentSummary,
    newest: &[DeploymentSummary],
) -> Option<String> {
    let n = current.deployment_number?;
    newest
        .iter()
        .filter(|s| s.deployment_number.is_some_and(|m| m < n))
        .filter(|s| s.configuration_name == current.configuration_name)
        .find(|s| s.state == Some(appconfig_core::DeploymentState::Complete))
        .and_then(version_text)
}

/// Deployments listed to find a running one's previous version: one page, once per
/// deployment, in place of that environment's next `MaxResults=1` refresh (no extra request).
const HISTORY_PAGE: i64 = 20;

/// The overview's data.
#[derive(Clone, Debug, PartialEq, Default)]
pub(crate) struct OverviewData {
    /// One row per environment, in listing order; an unchanged row keeps its `Rc`, so only
    /// changed rows repaint.
    pub rows: Rc<Vec<Rc<OverviewEntry>>>,
    /// The first listing has arrived (or failed).
    pub listed: bool,
    /// Every row has been fetched once.
    pub loaded: bool,
    /// Listing applications or environments failed.
    pub problem: Option<Problem>,
}

/// What arrived.
pub(crate) enum OverviewAction {
    /// Start again (new client or filter).
    Reset,
    /// The environments, as (app id, app name, env id, env name, monitor ARNs).
    Listed(Vec<Listed>),
    /// Listing failed.
    ListFailed(Problem),
    /// Latest deployments of some rows.
    Rows(Vec<(Key, Result<Option<DeploymentSummary>, Problem>)>),
    /// The running rows' non-OK alarms (`None`: all OK), after a DescribeAlarms.
    Alarms(Vec<(Key, Option<String>)>),
    /// The versions running deployments replace: (row, deployment number, version text).
    Previous(Vec<(Key, i32, String)>),
}

/// An environment as listed: (app id, app name, env id, env name, monitor ARNs).
pub(crate) type Listed = (String, String, String, String, Vec<String>);

impl Reducible for OverviewData {
    type Action = OverviewAction;

    fn reduce(self: Rc<Self>, action: OverviewAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            OverviewAction::Reset => next = OverviewData::default(),
            OverviewAction::Listed(envs) => {
                // Linear searches, not hash maps: a few hundred rows at most, and each map type
                // costs the wasm its own copy of hashbrown.
                let rows = envs
                    .into_iter()
                    .map(|(app_id, app_name, env_id, env_name, alarms)| {
                        let old = self
                            .rows
                            .iter()
                            .find(|r| r.app_id == app_id && r.env_id == env_id);
                        match old {
                            Some(r)
                                if r.app_name == app_name
                                    && r.env_name == env_name
                                    && r.alarms == alarms =>
                            {
                                Rc::clone(r)
                            }
                            Some(r) => Rc::new(OverviewEntry {
                                app_name,
                                env_name,
                                alarms,
                                ..(**r).clone()
                            }),
                            None => Rc::new(OverviewEntry {
                                app_id,
                                app_name,
                                env_id,
                                env_name,
                                latest: None,
                                problem: None,
                                alarms,
                                alarm_flag: None,
                                previous: None,
                            }),
                        }
                    })
                    .collect();
                next.rows = Rc::new(rows);
                next.listed = true;
                next.problem = None;
            }
            OverviewAction::Alarms(flags) => {
                let rows = self
                    .rows
                    .iter()
                    .map(|r| {
                        let flag = flags
                            .iter()
                            .find(|((a, e), _)| *a == r.app_id && *e == r.env_id)
                            .map(|(_, f)| f.clone());
                        match flag {
                            Some(f) if f != r.alarm_flag => Rc::new(OverviewEntry {
                                alarm_flag: f,
                                ..(**r).clone()
                            }),
                            _ => Rc::clone(r),
                        }
                    })
                    .collect();
                next.rows = Rc::new(rows);
            }
            OverviewAction::Previous(found) => {
                let rows = self
                    .rows
                    .iter()
                    .map(|r| {
                        match found
                            .iter()
                            .find(|((a, e), ..)| *a == r.app_id && *e == r.env_id)
                        {
                            Some((_, n, text)) => Rc::new(OverviewEntry {
                                previous: Some((*n, text.clone())),
                                ..(**r).clone()
                            }),
                            None => Rc::clone(r),
                        }
                    })
                    .collect();
                next.rows = Rc::new(rows);
            }
            OverviewAction::ListFailed(p) => {
                next.listed = true;
                next.problem = Some(p);
            }
            OverviewAction::Rows(mut results) => {
                let rows = self
                    .rows
                    .iter()
                    .map(|r| {
                        let found = results
                            .iter()
                            .position(|((app, env), _)| *app == r.app_id && *env == r.env_id)
                            .map(|i| results.swap_remove(i).1);
                        match found {
                            Some(Ok(latest))
                                if r.latest.as_ref() == Some(&latest) && r.problem.is_none() =>
                            {
                                Rc::clone(r)
                            }
                            Some(Ok(latest)) => Rc::new(OverviewEntry {
                                latest: Some(latest),
                                problem: None,
                                ..(**r).clone()
                            }),
                            Some(Err(p)) if r.problem.as_ref() == Some(&p) => Rc::clone(r),
                            Some(Err(p)) => Rc::new(OverviewEntry {
                                problem: Some(p),
                                ..(**r).clone()
                            }),
                            None => Rc::clone(r),
                        }
                    })
                    .collect::<Vec<_>>();
                next.loaded = rows
                    .iter()
                    .all(|r| r.latest.is_some() || r.problem.is_some());
                next.rows = Rc::new(rows);
            }
        }
        Rc::new(next)
    }
}

/// Every environment of every application (or of the application `only`, by id or name) with
/// its latest deployment, kept fresh within AWS's request rates:
///
/// - applications and environments listed page by page to the end (50 a page), again every
///   [`LIST_MS`];
/// - each environment's latest deployment by `ListDeployments` with `MaxResults=1`, every
///   [`RUNNING_MS`] while it runs or rolls back and every [`SETTLED_MS`] otherwise, doubling the
///   wait after each failure up to [`MAX_BACKOFF_MS`];
/// - at most [`MAX_IN_FLIGHT`] requests at once, and nothing while the tab is hidden.
#[hook]
pub fn use_overview(api: Option<Rc<Api>>, only: Option<String>) -> UseReducerHandle<OverviewData> {
    let data = use_reducer(OverviewData::default);
    let dispatch = data.dispatcher();
    use_effect_with((api, only), move |(api, only)| {
        dispatch.dispatch(OverviewAction::Reset);
        let cancelled = Rc::new(Cell::new(false));
        if let Some(api) = api.clone() {
            let (only, cancelled) = (only.clone(), cancelled.clone());
            wasm_bindgen_futures::spawn_local(poll(api, only, dispatch, cancelled));
        }
        move || cancelled.set(true)
    });
    data
}

/// For each running environment with monitors, its first alarm that is not OK ("NAME is in
/// STATE"), or `None`; `None` overall when nothing runs or CloudWatch could not be read (the
/// flags stay as they were).
async fn running_alarms(
    api: &Api,
    running: &[(Key, Vec<String>)],
) -> Option<Vec<(Key, Option<String>)>> {
    let arns: Vec<String> = running
        .iter()
        .flat_map(|(_, a)| a.iter().cloned())
        .collect();
    if arns.is_empty() {
        return None;
    }
    let alarms = api.alarms(&arns, None).await;
    if alarms.denied.is_some() || alarms.problem.is_some() {
        return None;
    }
    Some(
        running
            .iter()
            .map(|(key, arns)| {
                let flag = alarms
                    .statuses
                    .iter()
                    .filter(|s| s.arn.as_ref().is_some_and(|a| arns.contains(a)))
                    .find(|s| s.state.as_ref().is_some_and(|v| v.rolls_back()))
                    .map(|s| {
                        let state = s.state.as_ref().map_or("", |v| v.as_str());
                        format!("{} is in {state}", s.name)
                    });
                (key.clone(), flag)
            })
            .collect(),
    )
}

#[derive(Clone, Copy, Default)]
struct Schedule {
    due_ms: f64,
    failures: u32,
}

fn backoff(base: f64, failures: u32) -> f64 {
    (base * f64::from(1u32 << failures.min(8))).min(MAX_BACKOFF_MS)
}

async fn list(api: &Api, only: Option<&str>) -> Result<Vec<Listed>, Problem> {
    let apps = api.all_applications().await?;
    let mut envs = Vec::new();
    for a in apps {
        let id = a.id.clone().unwrap_or_default();
        let name = a.name.clone().unwrap_or_else(|| id.clone());
        if only.is_some_and(|o| o != id && o != name) {
            continue;
        }
        for e in api.all_environments(&id).await? {
            let env_id = e.id.clone().unwrap_or_default();
            let env_name = e.name.clone().unwrap_or_else(|| env_id.clone());
            let alarms = e
                .monitors
                .iter()
                .flatten()
                .filter_map(|m| m.alarm_arn.clone())
                .collect();
            envs.push((id.clone(), name.clone(), env_id, env_name, alarms));
        }
    }
    Ok(envs)
}

async fn poll(
    api: Rc<Api>,
    only: Option<String>,
    dispatch: UseReducerDispatcher<OverviewData>,
    cancelled: Rc<Cell<bool>>,
) {
    // The environments in listing order (due rows are fetched in this order) with when each is
    // due: a `Vec`, searched linearly (a few hundred rows at most, no hash map's code).
    let mut schedule: Vec<(Key, Schedule)> = Vec::new();
    // Each environment's monitors, and which environments run now.
    let mut monitors: Vec<(Key, Vec<String>)> = Vec::new();
    let mut running: Vec<(Key, Vec<String>)> = Vec::new();
    // Running deployments whose previous version was looked up, and the rows to look up next.
    let mut looked_up: Vec<(Key, i32)> = Vec::new();
    let mut wanted: Vec<Key> = Vec::new();
    let mut list_due = 0.0;
    let mut list_failures = 0;
    loop {
        platform::until_visible(cancelled.clone()).await;
        if cancelled.get() {
            return;
        }
        let now = platform::now_ms();
        if now >= list_due {
            match list(&api, only.as_deref()).await {
                Ok(envs) => {
                    list_failures = 0;
                    list_due = platform::now_ms() + LIST_MS;
                    let old = std::mem::take(&mut schedule);
                    schedule = envs
                        .iter()
                        .map(|e| {
                            let key = (e.0.clone(), e.2.clone());
                            // New environments are due at once.
                            let s = old
                                .iter()
                                .find(|(k, _)| *k == key)
                                .map_or_else(Schedule::default, |(_, s)| *s);
                            (key, s)
                        })
                        .collect();
                    monitors = envs
                        .iter()
                        .map(|e| ((e.0.clone(), e.2.clone()), e.4.clone()))
                        .collect();
                    dispatch.dispatch(OverviewAction::Listed(envs));
                }
                Err(p) => {
                    list_failures += 1;
                    list_due = platform::now_ms() + backoff(RUNNING_MS, list_failures - 1);
                    dispatch.dispatch(OverviewAction::ListFailed(p));
                }
            }
            if cancelled.get() {
                return;
            }
        }
        let now = platform::now_ms();
        let due: Vec<Key> = schedule
            .iter()
            .filter(|(_, s)| s.due_ms <= now)
            .map(|(k, _)| k.clone())
            .collect();
        // A batch of results repaints once; the first load shows rows as they arrive.
        for batch in due.chunks(24) {
            let results = Rc::new(RefCell::new(Vec::new()));
            stream::iter(batch.iter().cloned())
                .for_each_concurrent(MAX_IN_FLIGHT, |key| {
                    let (api, results, cancelled) =
                        (Rc::clone(&api), Rc::clone(&results), cancelled.clone());
                    let history = wanted.contains(&key);
                    async move {
                        if cancelled.get() {
                            return;
                        }
                        let size = if history { HISTORY_PAGE } else { 1 };
                        let r = api.newest(&key.0, &key.1, size).await.map(|list| {
                            let latest = list.first().cloned();
                            let previous = latest.as_ref().filter(|_| history).and_then(|l| {
                                Some((l.deployment_number?, previous_version(l, &list)))
                            });
                            (latest, previous)
                        });
                        results.borrow_mut().push((key, r));
                    }
                })
                .await;
            if cancelled.get() {
                return;
            }
            let found = std::mem::take(&mut *results.borrow_mut());
            let mut previous = Vec::new();
            let results: Vec<_> = found
                .into_iter()
                .map(|(key, r)| {
                    let r = r.map(|(latest, prev)| {
                        if let Some((n, text)) = prev {
                            looked_up.retain(|(k, _)| *k != key);
                            looked_up.push((key.clone(), n));
                            if let Some(text) = text {
                                previous.push((key.clone(), n, text));
                            }
                        }
                        latest
                    });
                    (key, r)
                })
                .collect();
            let done = platform::now_ms();
            for (key, r) in &results {
                let Some((_, s)) = schedule.iter_mut().find(|(k, _)| k == key) else {
                    continue;
                };
                match r {
                    Ok(latest) => {
                        s.failures = 0;
                        let is_running = latest
                            .as_ref()
                            .and_then(|l| l.state.as_ref())
                            .is_some_and(|st| st.is_in_progress());
                        s.due_ms = done + if is_running { RUNNING_MS } else { SETTLED_MS };
                        running.retain(|(k, _)| k != key);
                        wanted.retain(|k| k != key);
                        let number = latest.as_ref().and_then(|l| l.deployment_number);
                        if let Some(n) = number.filter(|_| is_running) {
                            if !looked_up.contains(&(key.clone(), n)) {
                                wanted.push(key.clone());
                            }
                        }
                        if is_running {
                            if let Some((_, m)) = monitors.iter().find(|(k, _)| k == key) {
                                running.push((key.clone(), m.clone()));
                            }
                        }
                    }
                    Err(p) => {
                        s.failures += 1;
                        let base = if p.transient { RUNNING_MS } else { SETTLED_MS };
                        s.due_ms = done + backoff(base, s.failures - 1);
                    }
                }
            }
            dispatch.dispatch(OverviewAction::Rows(results));
            if !previous.is_empty() {
                dispatch.dispatch(OverviewAction::Previous(previous));
            }
        }
        // The running environments' alarms, once per round of refreshes: one DescribeAlarms
        // per region for all of them.
        if !due.is_empty() {
            if let Some(flags) = running_alarms(&api, &running).await {
                if cancelled.get() {
                    return;
                }
                dispatch.dispatch(OverviewAction::Alarms(flags));
            }
        }
        let next_due = schedule
            .iter()
            .map(|(_, s)| s.due_ms)
            .fold(list_due, f64::min);
        let wait = (next_due - platform::now_ms()).clamp(250.0, 5_000.0);
        platform::sleep(wait as u32, cancelled.clone()).await;
    }
}

#[cfg(test)]
mod tests {
    use super::{previous_version, version_text};
    use appconfig_core::{model::DeploymentSummary, DeploymentState};

    fn summary(n: i32, name: &str, version: &str, state: DeploymentState) -> DeploymentSummary {
        let mut s = DeploymentSummary::default();
        s.deployment_number = Some(n);
        s.configuration_name = Some(name.into());
        s.configuration_version = Some(version.into());
        s.state = Some(state);
        s
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn the_previous_version_is_the_latest_earlier_complete_one_of_the_same_configuration() {
        let current = summary(9, "flags", "25", DeploymentState::Deploying);
        let list = [
            current.clone(),
            summary(8, "other", "7", DeploymentState::Complete),
            summary(7, "flags", "24", DeploymentState::RolledBack),
            summary(6, "flags", "23", DeploymentState::Complete),
            summary(5, "flags", "22", DeploymentState::Complete),
        ];
        assert_eq!(previous_version(&current, &list).as_deref(), Some("v23"));
        assert_eq!(
            previous_version(&current, &list[..3]),
            None,
            "none completed"
        );
        let mut labelled = list[3].clone();
        labelled.version_label = Some("spring-sale".into());
        assert_eq!(version_text(&labelled).as_deref(), Some("spring-sale"));
        assert_eq!(
            previous_version(&current, &[current.clone(), labelled]).as_deref(),
            Some("spring-sale")
        );
        // A later number is never "before", even when listed after.
        let later = summary(10, "flags", "26", DeploymentState::Complete);
        assert_eq!(previous_version(&current, &[later]), None);
    }
}
