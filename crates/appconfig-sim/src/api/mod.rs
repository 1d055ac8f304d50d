//! The AppConfig REST-JSON API: the handlers, over the routes of `routes` and the validation of
//! `input`.

mod crud;
mod input;
mod members;
mod routes;

use appconfig_core::model::{
    Applications, DeploymentStrategies, DeploymentSummary, DeploymentType, Deployments,
    Environments,
};
use appconfig_core::{DateTime, Deployment};
use serde::Serialize;
use serde_json::Value;

use crate::awserror::ApiError;
use crate::clock::format_millis;
use crate::store::Store;
use input::{
    check_label, check_strategy_id, make_token, page, parse_number, read_token, start_request,
};
pub(crate) use routes::{decode, is_api_path, parse_query, route, Route};

/// Serializes a model value as AppConfig does: timestamps with milliseconds and `Z`.
pub(crate) fn to_json<T: Serialize>(value: &T) -> Value {
    let mut v = serde_json::to_value(value).unwrap_or(Value::Null);
    fix_times(&mut v);
    v
}

fn fix_times(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if matches!(k.as_str(), "StartedAt" | "CompletedAt" | "OccurredAt") {
                    if let Some(t) = x.as_str().and_then(|s| DateTime::parse(s).ok()) {
                        *x = Value::String(format_millis(&t));
                        continue;
                    }
                }
                fix_times(x);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(fix_times),
        _ => {}
    }
}

/// What a handler needs beyond the route.
pub(crate) struct Call<'a> {
    /// Decoded query pairs.
    pub(crate) query: &'a [(String, String)],
    /// The `Allow-Revert` header.
    pub(crate) allow_revert: Option<&'a str>,
    /// The request's headers (CreateHostedConfigurationVersion's members are headers).
    pub(crate) headers: &'a http::HeaderMap,
    /// The body.
    pub(crate) body: &'a [u8],
    /// The simulator's clock.
    pub(crate) now: DateTime,
    /// The speed of new deployments.
    pub(crate) speed: f64,
    /// The simulator's region (for ARNs).
    pub(crate) region: &'a str,
}

/// A handler's result: status, JSON body, and whether the state changed.
pub(crate) struct Reply {
    /// HTTP status.
    pub(crate) status: u16,
    /// JSON body.
    pub(crate) body: Value,
    /// The state changed (persist it).
    pub(crate) changed: bool,
    /// Instead of `body`: these bytes and headers (a blob payload, or an empty 204).
    pub(crate) raw: Option<Raw>,
}

/// A body that is not JSON: a hosted configuration's content with its members in headers, or
/// nothing.
#[derive(Debug, Default)]
pub(crate) struct Raw {
    /// The body.
    pub(crate) bytes: Vec<u8>,
    /// Headers (lowercase names).
    pub(crate) headers: Vec<(&'static str, String)>,
}

fn ok(body: Value) -> Reply {
    Reply {
        status: 200,
        body,
        changed: false,
        raw: None,
    }
}

/// What StopDeployment answers: the `Deployment` shape, but with its numeric members only, all
/// zero. aws-cli's `examples/appconfig/stop-deployment.rst` prints exactly this for a stop of
/// deployment 2 (so `DeploymentNumber` is not the real one); botocore's `examples-1.json` shows
/// the same five members, with other values, and nothing else (no `State`, no `EventLog`).
/// The CLI prints what the service sent, so its zeros are followed here (EVIDENCE.md).
fn stop_answer() -> Value {
    serde_json::json!({
        "DeploymentNumber": 0,
        "DeploymentDurationInMinutes": 0,
        "GrowthFactor": 0.0,
        "FinalBakeTimeInMinutes": 0,
        "PercentageComplete": 0.0,
    })
}

/// The ListDeployments line of a deployment: every deployment the simulator makes is started by
/// a user (StartDeployment), so its `Type` is `USER`.
fn summary(d: &Deployment) -> DeploymentSummary {
    let mut s = DeploymentSummary::from(d);
    s.r#type = Some(DeploymentType::User);
    s
}

/// Runs an operation against the store.
///
/// # Errors
/// The AppConfig error for the request.
pub(crate) fn handle(store: &mut Store, route: &Route, call: &Call<'_>) -> Result<Reply, ApiError> {
    let now = call.now;
    match route {
        Route::ListApplications => {
            let p = page(call.query)?;
            let start = read_token(&p.token, "apps")?.unwrap_or(0) as usize;
            let all = &store.applications;
            let items: Vec<_> = all.iter().skip(start).take(p.max).cloned().collect();
            let end = start + items.len();
            let mut out = Applications::default();
            out.items = Some(items);
            out.next_token = (end < all.len()).then(|| make_token("apps", end as u64));
            Ok(ok(to_json(&out)))
        }
        Route::GetApplication { app } => {
            check_label(app, "applicationId")?;
            Ok(ok(to_json(store.app(app)?)))
        }
        Route::ListEnvironments { app } => {
            check_label(app, "applicationId")?;
            let p = page(call.query)?;
            let app_id = store.app(app)?.id.clone().unwrap_or_default();
            let scope = format!("envs|{app_id}");
            let start = read_token(&p.token, &scope)?.unwrap_or(0) as usize;
            let all: Vec<_> = store
                .environments
                .iter()
                .filter(|e| e.env.application_id.as_deref() == Some(app_id.as_str()))
                .collect();
            let items: Vec<_> = all
                .iter()
                .skip(start)
                .take(p.max)
                .map(|e| store.render_env(e, now))
                .collect();
            let end = start + items.len();
            let mut out = Environments::default();
            out.items = Some(items);
            out.next_token = (end < all.len()).then(|| make_token(&scope, end as u64));
            Ok(ok(to_json(&out)))
        }
        Route::GetEnvironment { app, env } => {
            check_label(app, "applicationId")?;
            check_label(env, "environmentId")?;
            let (_, e) = store.env(app, env)?;
            Ok(ok(to_json(&store.render_env(e, now))))
        }
        Route::ListDeployments { app, env } => {
            check_label(app, "applicationId")?;
            check_label(env, "environmentId")?;
            let p = page(call.query)?;
            let (app_id, e) = store.env(app, env)?;
            let env_id = e.env.id.clone().unwrap_or_default();
            let scope = format!("deps|{app_id}|{env_id}");
            // The token holds the number to continue below: stable while new deployments start.
            let below = read_token(&p.token, &scope)?;
            let mut all = store.deployments_of(&app_id, &env_id);
            all.reverse();
            let rest: Vec<_> = all
                .into_iter()
                .filter(|d| {
                    below
                        .is_none_or(|b| i64::from(d.base.deployment_number.unwrap_or(0)) < b as i64)
                })
                .collect();
            let items: Vec<_> = rest
                .iter()
                .take(p.max)
                .map(|d| summary(&d.render_summary(now)))
                .collect();
            let mut out = Deployments::default();
            out.next_token = if rest.len() > items.len() {
                items
                    .last()
                    .and_then(|s| s.deployment_number)
                    .map(|n| make_token(&scope, n.max(0) as u64))
            } else {
                None
            };
            out.items = Some(items);
            Ok(ok(to_json(&out)))
        }
        Route::GetDeployment { app, env, number } => {
            check_label(app, "applicationId")?;
            check_label(env, "environmentId")?;
            let n = parse_number(number)?;
            Ok(ok(to_json(&store.get_deployment(app, env, n, now)?)))
        }
        Route::StartDeployment { app, env } => {
            check_label(app, "applicationId")?;
            check_label(env, "environmentId")?;
            let req = start_request(call.body)?;
            let d = store.start_deployment(app, env, &req, now, call.speed, call.region)?;
            Ok(Reply {
                status: 201,
                body: to_json(&d),
                changed: true,
                raw: None,
            })
        }
        Route::StopDeployment { app, env, number } => {
            check_label(app, "applicationId")?;
            check_label(env, "environmentId")?;
            let n = parse_number(number)?;
            let allow_revert = match call.allow_revert.map(str::trim) {
                None => false,
                Some(v) if v.eq_ignore_ascii_case("true") => true,
                Some(v) if v.eq_ignore_ascii_case("false") => false,
                Some(v) => {
                    return Err(ApiError::validation(
                        v,
                        "allowRevert",
                        "Member must be a boolean",
                    ))
                }
            };
            store.stop_deployment(app, env, n, allow_revert, now, call.speed)?;
            Ok(Reply {
                status: 202,
                body: stop_answer(),
                changed: true,
                raw: None,
            })
        }
        Route::ListDeploymentStrategies => {
            let p = page(call.query)?;
            let start = read_token(&p.token, "strategies")?.unwrap_or(0) as usize;
            let all = &store.strategies;
            let items: Vec<_> = all.iter().skip(start).take(p.max).cloned().collect();
            let end = start + items.len();
            let mut out = DeploymentStrategies::default();
            out.items = Some(items);
            out.next_token = (end < all.len()).then(|| make_token("strategies", end as u64));
            Ok(ok(to_json(&out)))
        }
        Route::GetDeploymentStrategy { id } => {
            check_strategy_id(id)?;
            Ok(ok(to_json(store.strategy(id)?)))
        }
        Route::Crud(op) => crud::handle(store, op, call),
    }
}
