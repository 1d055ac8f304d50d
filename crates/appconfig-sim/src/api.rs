//! The AppConfig REST-JSON API: routes, input validation and handlers.

use std::collections::BTreeMap;

use appconfig_core::{Applications, DeploymentStrategies, Deployments, Environments};
use appconfig_core::{DateTime, GetDeploymentStrategyInput, Operation};
use base64::Engine;
use serde::Serialize;
use serde_json::Value;

use crate::awserror::ApiError;
use crate::clock::format_millis;
use crate::store::{summary, StartRequest, Store};

/// An AppConfig operation this simulator serves, with its decoded path labels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `GET /applications`
    ListApplications,
    /// `GET /applications/{ApplicationId}`
    GetApplication {
        /// ApplicationId.
        app: String,
    },
    /// `GET /applications/{ApplicationId}/environments`
    ListEnvironments {
        /// ApplicationId.
        app: String,
    },
    /// `GET /applications/{ApplicationId}/environments/{EnvironmentId}`
    GetEnvironment {
        /// ApplicationId.
        app: String,
        /// EnvironmentId.
        env: String,
    },
    /// `GET /applications/{ApplicationId}/environments/{EnvironmentId}/deployments`
    ListDeployments {
        /// ApplicationId.
        app: String,
        /// EnvironmentId.
        env: String,
    },
    /// `POST /applications/{ApplicationId}/environments/{EnvironmentId}/deployments`
    StartDeployment {
        /// ApplicationId.
        app: String,
        /// EnvironmentId.
        env: String,
    },
    /// `GET /applications/{ApplicationId}/environments/{EnvironmentId}/deployments/{DeploymentNumber}`
    GetDeployment {
        /// ApplicationId.
        app: String,
        /// EnvironmentId.
        env: String,
        /// DeploymentNumber, as text.
        number: String,
    },
    /// `DELETE /applications/{ApplicationId}/environments/{EnvironmentId}/deployments/{DeploymentNumber}`
    StopDeployment {
        /// ApplicationId.
        app: String,
        /// EnvironmentId.
        env: String,
        /// DeploymentNumber, as text.
        number: String,
    },
    /// `GET /deploymentstrategies`
    ListDeploymentStrategies,
    /// `GET /deploymentstrategies/{DeploymentStrategyId}`
    GetDeploymentStrategy {
        /// DeploymentStrategyId.
        id: String,
    },
}

impl Route {
    /// The operation name.
    pub fn name(&self) -> &'static str {
        match self {
            Route::ListApplications => "ListApplications",
            Route::GetApplication { .. } => "GetApplication",
            Route::ListEnvironments { .. } => "ListEnvironments",
            Route::GetEnvironment { .. } => "GetEnvironment",
            Route::ListDeployments { .. } => "ListDeployments",
            Route::StartDeployment { .. } => "StartDeployment",
            Route::GetDeployment { .. } => "GetDeployment",
            Route::StopDeployment { .. } => "StopDeployment",
            Route::ListDeploymentStrategies => "ListDeploymentStrategies",
            Route::GetDeploymentStrategy { .. } => "GetDeploymentStrategy",
        }
    }

    /// True for operations that change nothing.
    pub fn is_read_only(&self) -> bool {
        !matches!(
            self,
            Route::StartDeployment { .. } | Route::StopDeployment { .. }
        )
    }
}

/// True when the path is under an AppConfig API prefix (so it needs a signature).
pub fn is_api_path(raw_path: &str) -> bool {
    let first = raw_path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("");
    matches!(first, "applications" | "deploymentstrategies")
}

/// Percent-decodes one path label or query part, rejecting malformed escapes and non-UTF-8.
///
/// # Errors
/// 400 `BadRequestException`.
pub fn decode(part: &str) -> Result<String, ApiError> {
    let b = part.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let ok = b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
            if !ok {
                return Err(ApiError::bad_request(format!(
                    "Invalid percent-encoding in request URI near position {i}"
                )));
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    percent_encoding::percent_decode_str(part)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| ApiError::bad_request("Request URI is not valid UTF-8 after percent-decoding"))
}

/// Matches a method and raw path to an operation. `Ok(None)`: no such operation.
///
/// # Errors
/// 400 `BadRequestException` when a label is badly percent-encoded.
pub fn route(method: &str, raw_path: &str) -> Result<Option<Route>, ApiError> {
    let Some(rest) = raw_path.strip_prefix('/') else {
        return Ok(None);
    };
    let raw: Vec<&str> = rest.split('/').collect();
    if raw.len() > 6 {
        return Ok(None);
    }
    let mut seg = Vec::with_capacity(raw.len());
    for (i, s) in raw.iter().enumerate() {
        // Fixed words are matched undecoded; labels (odd positions) are decoded.
        seg.push(if i % 2 == 1 {
            decode(s)?
        } else {
            (*s).to_owned()
        });
    }
    let s: Vec<&str> = seg.iter().map(String::as_str).collect();
    let r = match (method, s.as_slice()) {
        ("GET", ["applications"]) => Route::ListApplications,
        ("GET", ["applications", a]) => Route::GetApplication { app: (*a).into() },
        ("GET", ["applications", a, "environments"]) => {
            Route::ListEnvironments { app: (*a).into() }
        }
        ("GET", ["applications", a, "environments", e]) => Route::GetEnvironment {
            app: (*a).into(),
            env: (*e).into(),
        },
        ("GET", ["applications", a, "environments", e, "deployments"]) => Route::ListDeployments {
            app: (*a).into(),
            env: (*e).into(),
        },
        ("POST", ["applications", a, "environments", e, "deployments"]) => Route::StartDeployment {
            app: (*a).into(),
            env: (*e).into(),
        },
        ("GET", ["applications", a, "environments", e, "deployments", n]) => Route::GetDeployment {
            app: (*a).into(),
            env: (*e).into(),
            number: (*n).into(),
        },
        ("DELETE", ["applications", a, "environments", e, "deployments", n]) => {
            Route::StopDeployment {
                app: (*a).into(),
                env: (*e).into(),
                number: (*n).into(),
            }
        }
        ("GET", ["deploymentstrategies"]) => Route::ListDeploymentStrategies,
        ("GET", ["deploymentstrategies", id]) => Route::GetDeploymentStrategy { id: (*id).into() },
        _ => return Ok(None),
    };
    Ok(Some(r))
}

/// Parses a raw query string into decoded pairs.
///
/// # Errors
/// 400 `BadRequestException` for bad percent-encoding.
pub fn parse_query(query: Option<&str>) -> Result<Vec<(String, String)>, ApiError> {
    let mut out = Vec::new();
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        out.push((decode(k)?, decode(v)?));
    }
    Ok(out)
}

fn check_label(value: &str, member: &str) -> Result<(), ApiError> {
    let n = value.chars().count();
    if n < 1 {
        return Err(ApiError::validation(
            value,
            member,
            "Member must have length greater than or equal to 1",
        ));
    }
    if n > 64 {
        return Err(ApiError::validation(
            value,
            member,
            "Member must have length less than or equal to 64",
        ));
    }
    Ok(())
}

fn parse_number(value: &str) -> Result<i64, ApiError> {
    let n: i64 = value.parse().map_err(|_| {
        ApiError::validation(value, "deploymentNumber", "Member must be an integer")
    })?;
    if !(0..=i64::from(i32::MAX)).contains(&n) {
        return Err(ApiError::validation(
            value,
            "deploymentNumber",
            "Member must have value between 0 and 2147483647",
        ));
    }
    Ok(n)
}

/// A page request.
struct Page {
    max: usize,
    token: Option<String>,
}

fn page(query: &[(String, String)]) -> Result<Page, ApiError> {
    let mut p = Page {
        max: 50,
        token: None,
    };
    for (k, v) in query {
        match k.as_str() {
            "max_results" => {
                let n: i64 = v.parse().map_err(|_| {
                    ApiError::validation(v, "maxResults", "Member must be an integer")
                })?;
                if n < 1 {
                    return Err(ApiError::validation(
                        v,
                        "maxResults",
                        "Member must have value greater than or equal to 1",
                    ));
                }
                if n > 50 {
                    return Err(ApiError::validation(
                        v,
                        "maxResults",
                        "Member must have value less than or equal to 50",
                    ));
                }
                p.max = n as usize;
            }
            "next_token" => {
                let n = v.chars().count();
                if !(1..=2048).contains(&n) {
                    return Err(ApiError::validation(
                        v,
                        "nextToken",
                        "Member must have length between 1 and 2048",
                    ));
                }
                p.token = Some(v.clone());
            }
            _ => {}
        }
    }
    Ok(p)
}

const TOKEN: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

fn make_token(scope: &str, position: u64) -> String {
    TOKEN.encode(format!("appconfig-sim|v1|{scope}|{position}"))
}

fn read_token(token: &Option<String>, scope: &str) -> Result<Option<u64>, ApiError> {
    let Some(t) = token else { return Ok(None) };
    let invalid = || {
        ApiError::bad_request(
            "The pagination token is invalid. Use the NextToken returned by the previous request.",
        )
    };
    let bytes = TOKEN.decode(t.as_bytes()).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let rest = text.strip_prefix("appconfig-sim|v1|").ok_or_else(invalid)?;
    let (s, pos) = rest.rsplit_once('|').ok_or_else(invalid)?;
    if s != scope {
        return Err(invalid());
    }
    pos.parse().map(Some).map_err(|_| invalid())
}

/// Serializes a model value as AppConfig does: timestamps with milliseconds and `Z`.
pub fn to_json<T: Serialize>(value: &T) -> Value {
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
pub struct Call<'a> {
    /// Decoded query pairs.
    pub query: &'a [(String, String)],
    /// The `Allow-Revert` header.
    pub allow_revert: Option<&'a str>,
    /// The body.
    pub body: &'a [u8],
    /// The simulator's clock.
    pub now: DateTime,
    /// The speed of new deployments.
    pub speed: f64,
}

/// A handler's result: status, JSON body, and whether the state changed.
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// JSON body.
    pub body: Value,
    /// The state changed (persist it).
    pub changed: bool,
}

fn ok(body: Value) -> Reply {
    Reply {
        status: 200,
        body,
        changed: false,
    }
}

fn str_member(
    obj: &serde_json::Map<String, Value>,
    name: &str,
    member: &str,
    min: usize,
    max: usize,
) -> Result<Option<String>, ApiError> {
    match obj.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            let n = s.chars().count();
            if n < min {
                return Err(ApiError::validation(
                    s,
                    member,
                    &format!("Member must have length greater than or equal to {min}"),
                ));
            }
            if n > max {
                return Err(ApiError::validation(
                    s,
                    member,
                    &format!("Member must have length less than or equal to {max}"),
                ));
            }
            Ok(Some(s.clone()))
        }
        Some(_) => Err(ApiError::bad_request(format!("{name} must be a string"))),
    }
}

fn required(v: Option<String>, name: &str) -> Result<String, ApiError> {
    v.ok_or_else(|| {
        ApiError::bad_request(format!(
            "1 validation error detected: Value null at '{}' failed to satisfy constraint: Member must not be null",
            lower_first(name)
        ))
    })
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_lowercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn string_map(
    obj: &serde_json::Map<String, Value>,
    name: &str,
    max_entries: usize,
    key_max: usize,
    value_max: usize,
) -> Result<BTreeMap<String, String>, ApiError> {
    let mut out = BTreeMap::new();
    match obj.get(name) {
        None | Some(Value::Null) => {}
        Some(Value::Object(m)) => {
            if m.len() > max_entries {
                return Err(ApiError::bad_request(format!(
                    "{name} can have at most {max_entries} entries"
                )));
            }
            for (k, v) in m {
                let Value::String(v) = v else {
                    return Err(ApiError::bad_request(format!(
                        "{name} values must be strings"
                    )));
                };
                if k.is_empty() || k.chars().count() > key_max || v.chars().count() > value_max {
                    return Err(ApiError::bad_request(format!(
                        "{name} keys must be 1 to {key_max} characters and values at most {value_max}"
                    )));
                }
                out.insert(k.clone(), v.clone());
            }
        }
        Some(_) => {
            return Err(ApiError::bad_request(format!(
                "{name} must be a map of strings"
            )))
        }
    }
    Ok(out)
}

fn start_request(body: &[u8]) -> Result<StartRequest, ApiError> {
    let text = std::str::from_utf8(body)
        .map_err(|_| ApiError::bad_request("The request body is not valid UTF-8"))?;
    let value: Value = if text.trim().is_empty() {
        Value::Object(serde_json::Map::new())
    } else {
        serde_json::from_str(text).map_err(|e| {
            ApiError::bad_request(format!("The request body is not valid JSON: {e}"))
        })?
    };
    let Value::Object(obj) = value else {
        return Err(ApiError::bad_request(
            "The request body must be a JSON object",
        ));
    };
    let strategy = required(
        str_member(&obj, "DeploymentStrategyId", "deploymentStrategyId", 1, 64)?,
        "DeploymentStrategyId",
    )?;
    let probe = GetDeploymentStrategyInput {
        deployment_strategy_id: strategy.clone(),
    };
    if probe.validate().is_err() {
        return Err(ApiError::validation(
            &strategy,
            "deploymentStrategyId",
            "Member must satisfy regular expression pattern: (^[a-z0-9]{4,7}$|^AppConfig\\.[A-Za-z0-9]{9,40}$)",
        ));
    }
    let profile = required(
        str_member(
            &obj,
            "ConfigurationProfileId",
            "configurationProfileId",
            1,
            128,
        )?,
        "ConfigurationProfileId",
    )?;
    let version = required(
        str_member(
            &obj,
            "ConfigurationVersion",
            "configurationVersion",
            1,
            1024,
        )?,
        "ConfigurationVersion",
    )?;
    let description = str_member(&obj, "Description", "description", 0, 1024)?;
    let kms = str_member(&obj, "KmsKeyIdentifier", "kmsKeyIdentifier", 1, 2048)?;
    let tags = string_map(&obj, "Tags", 50, 128, 256)?;
    let dynamic = string_map(&obj, "DynamicExtensionParameters", 10, 64, 2048)?;
    if obj.contains_key("DynamicExtensionParameters") && dynamic.is_empty() {
        return Err(ApiError::bad_request(
            "DynamicExtensionParameters must have at least 1 entry",
        ));
    }
    let latest =
        match obj.get("LatestDeploymentNumber") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => Some(n.as_i64().ok_or_else(|| {
                ApiError::bad_request("LatestDeploymentNumber must be an integer")
            })?),
            Some(_) => {
                return Err(ApiError::bad_request(
                    "LatestDeploymentNumber must be an integer",
                ))
            }
        };
    Ok(StartRequest {
        deployment_strategy_id: strategy,
        configuration_profile_id: profile,
        configuration_version: version,
        description,
        tags,
        kms_key_identifier: kms,
        latest_deployment_number: latest,
    })
}

/// Runs an operation against the store.
///
/// # Errors
/// The AppConfig error for the request.
pub fn handle(store: &mut Store, route: &Route, call: &Call<'_>) -> Result<Reply, ApiError> {
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
                .map(|d| summary(&d.render(now)))
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
            let d = store.start_deployment(app, env, &req, now, call.speed)?;
            Ok(Reply {
                status: 201,
                body: to_json(&d),
                changed: true,
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
            let d = store.stop_deployment(app, env, n, allow_revert, now, call.speed)?;
            Ok(Reply {
                status: 202,
                body: to_json(&d),
                changed: true,
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
            let probe = GetDeploymentStrategyInput {
                deployment_strategy_id: id.clone(),
            };
            if probe.validate().is_err() {
                return Err(ApiError::validation(
                    id,
                    "deploymentStrategyId",
                    "Member must satisfy regular expression pattern: (^[a-z0-9]{4,7}$|^AppConfig\\.[A-Za-z0-9]{9,40}$)",
                ));
            }
            Ok(ok(to_json(store.strategy(id)?)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        assert_eq!(
            route("GET", "/applications").unwrap(),
            Some(Route::ListApplications)
        );
        assert_eq!(
            route("GET", "/applications/my%20app/environments/a%2Fb").unwrap(),
            Some(Route::GetEnvironment {
                app: "my app".into(),
                env: "a/b".into()
            })
        );
        assert_eq!(route("PUT", "/applications").unwrap(), None);
        assert_eq!(route("GET", "/applications/a/x").unwrap(), None);
        assert_eq!(route("GET", "/").unwrap(), None);
        assert!(route("GET", "/applications/%zz").is_err());
        assert!(route("GET", "/applications/%E9").is_err());
        assert!(route("GET", "/applications/%").is_err());
    }

    #[test]
    fn tokens_round_trip_and_reject_garbage() {
        let t = make_token("apps", 5);
        assert_eq!(read_token(&Some(t.clone()), "apps").unwrap(), Some(5));
        assert!(read_token(&Some(t), "strategies").is_err());
        assert!(read_token(&Some("!!".into()), "apps").is_err());
        assert!(read_token(&Some(TOKEN.encode("appconfig-sim|v1|apps|x")), "apps").is_err());
    }
}
