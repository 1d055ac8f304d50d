//! Which AppConfig operation a browser's request is: parsed from method, path and query into the
//! core's typed inputs, validated by the core's rules, and rebuilt into the canonical path the
//! core would send. Only these operations (and the CloudWatch reads of `monitoring`) are
//! forwarded, and the canonical form is the cache key.

use appconfig_core::{
    operation::{
        GetApplicationInput, GetConfigurationProfileInput, GetDeploymentStrategyInput,
        GetEnvironmentInput, GetHostedConfigurationVersionInput, ListApplicationsInput,
        ListDeploymentsInput, ListEnvironmentsInput, Operation, StopDeploymentInput,
    },
    GetDeploymentInput,
};

use crate::awserror::AwsError;
use crate::monitoring::Read;

/// A request the gateway understands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    ListApplications(ListApplicationsInput),
    GetApplication(GetApplicationInput),
    ListEnvironments(ListEnvironmentsInput),
    GetEnvironment(GetEnvironmentInput),
    ListDeployments(ListDeploymentsInput),
    GetDeployment(GetDeploymentInput),
    GetDeploymentStrategy(GetDeploymentStrategyInput),
    // The dashboard's "What changed": a profile's type and a hosted version's content.
    GetConfigurationProfile(GetConfigurationProfileInput),
    GetHostedConfigurationVersion(GetHostedConfigurationVersionInput),
    StopDeployment(StopDeploymentInput),
    /// CloudWatch's `DescribeAlarms` or `DescribeAlarmHistory` (see `monitoring`).
    Alarms(Read),
}

/// How long an answer of this kind stays fresh.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Freshness {
    /// A deployment or environment: running or finished, by what the answer says.
    ByState,
    /// Lists.
    List,
    /// Things that rarely change (applications, strategies).
    Stable,
    /// Alarm states (they change while a deployment runs) and their history.
    Alarms,
}

impl Op {
    /// The operation's AWS name (`GetDeployment`), the label of metrics.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Op::ListApplications(_) => ListApplicationsInput::NAME,
            Op::GetApplication(_) => GetApplicationInput::NAME,
            Op::ListEnvironments(_) => ListEnvironmentsInput::NAME,
            Op::GetEnvironment(_) => GetEnvironmentInput::NAME,
            Op::ListDeployments(_) => ListDeploymentsInput::NAME,
            Op::GetDeployment(_) => GetDeploymentInput::NAME,
            Op::GetDeploymentStrategy(_) => GetDeploymentStrategyInput::NAME,
            Op::GetConfigurationProfile(_) => GetConfigurationProfileInput::NAME,
            Op::GetHostedConfigurationVersion(_) => GetHostedConfigurationVersionInput::NAME,
            Op::StopDeployment(_) => StopDeploymentInput::NAME,
            Op::Alarms(r) => r.name(),
        }
    }

    /// True for the reads (cached, allowed by default).
    pub(crate) fn is_read(&self) -> bool {
        !matches!(self, Op::StopDeployment(_))
    }

    pub(crate) fn freshness(&self) -> Freshness {
        match self {
            Op::GetDeployment(_) | Op::GetEnvironment(_) => Freshness::ByState,
            Op::Alarms(_) => Freshness::Alarms,
            Op::ListApplications(_) | Op::ListEnvironments(_) | Op::ListDeployments(_) => {
                Freshness::List
            }
            _ => Freshness::Stable,
        }
    }

    fn parts(&self) -> (&'static str, String, Vec<(String, String)>) {
        fn of<O: Operation>(o: &O) -> (&'static str, String, Vec<(String, String)>) {
            (O::METHOD, o.path_and_query(), o.headers())
        }
        match self {
            Op::ListApplications(o) => of(o),
            Op::GetApplication(o) => of(o),
            Op::ListEnvironments(o) => of(o),
            Op::GetEnvironment(o) => of(o),
            Op::ListDeployments(o) => of(o),
            Op::GetDeployment(o) => of(o),
            Op::GetDeploymentStrategy(o) => of(o),
            Op::GetConfigurationProfile(o) => of(o),
            Op::GetHostedConfigurationVersion(o) => of(o),
            Op::StopDeployment(o) => of(o),
            Op::Alarms(r) => ("POST", format!("/{}", r.name()), Vec::new()),
        }
    }

    /// Method, canonical path and query, and the headers the input is bound to (for CloudWatch:
    /// `POST /{Operation}`; the request itself is the core's, from [`Op::Alarms`]'s input).
    pub(crate) fn request_parts(&self) -> (&'static str, String, Vec<(String, String)>) {
        self.parts()
    }

    /// What identifies the answer in the shared cache, per account and region: AppConfig's
    /// canonical path and query, or CloudWatch's operation and canonical body.
    pub(crate) fn cache_key(&self) -> String {
        match self {
            Op::Alarms(r) => {
                let body = String::from_utf8_lossy(&r.json_body()).into_owned();
                ["monitoring/", r.name(), " ", &body].concat()
            }
            _ => self.parts().1,
        }
    }

    /// The application and environment a change is about.
    pub(crate) fn target(&self) -> Option<(&str, &str, i64, bool)> {
        match self {
            Op::StopDeployment(s) => Some((
                &s.application_id,
                &s.environment_id,
                s.deployment_number,
                s.allow_revert,
            )),
            _ => None,
        }
    }

    fn validate(&self) -> Result<(), appconfig_core::Error> {
        match self {
            Op::ListApplications(o) => o.validate(),
            Op::GetApplication(o) => o.validate(),
            Op::ListEnvironments(o) => o.validate(),
            Op::GetEnvironment(o) => o.validate(),
            Op::ListDeployments(o) => o.validate(),
            Op::GetDeployment(o) => o.validate(),
            Op::GetDeploymentStrategy(o) => o.validate(),
            Op::GetConfigurationProfile(o) => o.validate(),
            Op::GetHostedConfigurationVersion(o) => o.validate(),
            Op::StopDeployment(o) => o.validate(),
            // Checked by `monitoring::parse`, which made it.
            Op::Alarms(_) => Ok(()),
        }
    }
}

/// Percent-decodes a path label or query part; `None` for a malformed escape or non-UTF-8.
fn decode(part: &str) -> Option<String> {
    let b = part.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let ok = b
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
            if !ok {
                return None;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    percent_encoding::percent_decode_str(part)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

fn bad(message: impl Into<String>) -> AwsError {
    AwsError::new(400, "BadRequestException", message)
}

fn unknown(method: &str, path: &str) -> AwsError {
    AwsError::new(
        404,
        "UnknownOperationException",
        format!(
            "the gateway forwards AppConfig's Get/List calls and StopDeployment only, not {method} {}",
            path.chars().take(200).collect::<String>()
        ),
    )
}

/// Parses `method` and the AppConfig path and query (what follows `/appconfig`), with the
/// `allow-revert` header's value.
///
/// # Errors
/// 404 `UnknownOperationException` for anything else, 400 `BadRequestException` for input the
/// core's rules refuse.
pub(crate) fn parse(
    method: &str,
    path: &str,
    query: Option<&str>,
    allow_revert: Option<&str>,
) -> Result<Op, AwsError> {
    let Some(rest) = path.strip_prefix('/') else {
        return Err(unknown(method, path));
    };
    let raw: Vec<&str> = rest.split('/').collect();
    if raw.len() > 6 {
        return Err(unknown(method, path));
    }
    let mut seg = Vec::with_capacity(raw.len());
    for (i, s) in raw.iter().enumerate() {
        seg.push(if i % 2 == 1 {
            decode(s).ok_or_else(|| bad("a path label is not valid percent-encoded UTF-8"))?
        } else {
            (*s).to_owned()
        });
    }
    let mut max_results = None;
    let mut next_token = None;
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = decode(&v.replace('+', "%20"))
            .ok_or_else(|| bad("the query is not valid percent-encoded UTF-8"))?;
        match k {
            "max_results" => {
                max_results = Some(v.trim().parse::<i64>().map_err(|_| {
                    bad("1 validation error detected: max_results must be a whole number")
                })?);
            }
            "next_token" => next_token = Some(v),
            _ => {
                return Err(bad(format!(
                    "unknown query parameter {}",
                    k.chars().take(64).collect::<String>()
                )))
            }
        }
    }
    let page_query = max_results.is_some() || next_token.is_some();
    let s: Vec<&str> = seg.iter().map(String::as_str).collect();
    let op = match (method, s.as_slice()) {
        ("GET", ["applications"]) => Op::ListApplications(ListApplicationsInput {
            max_results,
            next_token,
        }),
        ("GET", ["applications", a]) => Op::GetApplication(GetApplicationInput {
            application_id: (*a).into(),
        }),
        ("GET", ["applications", a, "environments"]) => {
            Op::ListEnvironments(ListEnvironmentsInput {
                application_id: (*a).into(),
                max_results,
                next_token,
            })
        }
        ("GET", ["applications", a, "environments", e]) => {
            Op::GetEnvironment(GetEnvironmentInput {
                application_id: (*a).into(),
                environment_id: (*e).into(),
            })
        }
        ("GET", ["applications", a, "environments", e, "deployments"]) => {
            Op::ListDeployments(ListDeploymentsInput {
                application_id: (*a).into(),
                environment_id: (*e).into(),
                max_results,
                next_token,
            })
        }
        ("GET" | "DELETE", ["applications", a, "environments", e, "deployments", n]) => {
            let deployment_number = appconfig_core::validate::parse_deployment_number(n)
                .map_err(|e| bad(e.to_string()))?;
            let (app, env) = ((*a).to_owned(), (*e).to_owned());
            if method == "GET" {
                Op::GetDeployment(GetDeploymentInput {
                    application_id: app,
                    environment_id: env,
                    deployment_number: deployment_number.into(),
                })
            } else {
                Op::StopDeployment(StopDeploymentInput {
                    application_id: app,
                    environment_id: env,
                    deployment_number: deployment_number.into(),
                    allow_revert: allow_revert
                        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true")),
                })
            }
        }
        ("GET", ["applications", a, "configurationprofiles", p]) => {
            Op::GetConfigurationProfile(GetConfigurationProfileInput {
                application_id: (*a).into(),
                configuration_profile_id: (*p).into(),
            })
        }
        (
            "GET",
            ["applications", a, "configurationprofiles", p, "hostedconfigurationversions", v],
        ) => {
            // A hosted version never changes once created: cached as stable.
            let version_number = v.trim().parse::<i64>().map_err(|_| {
                bad("1 validation error detected: VersionNumber must be a whole number")
            })?;
            Op::GetHostedConfigurationVersion(GetHostedConfigurationVersionInput {
                application_id: (*a).into(),
                configuration_profile_id: (*p).into(),
                version_number,
            })
        }
        ("GET", ["deploymentstrategies", id]) => {
            Op::GetDeploymentStrategy(GetDeploymentStrategyInput {
                deployment_strategy_id: (*id).into(),
            })
        }
        _ => return Err(unknown(method, path)),
    };
    let takes_page = matches!(
        op,
        Op::ListApplications(_) | Op::ListEnvironments(_) | Op::ListDeployments(_)
    );
    if page_query && !takes_page {
        return Err(bad(format!(
            "{} takes no max_results or next_token",
            op.name()
        )));
    }
    op.validate().map_err(|e| bad(e.to_string()))?;
    Ok(op)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_paths() {
        let op = parse(
            "GET",
            "/applications/my%20app/environments/a%2Fb/deployments/3",
            None,
            None,
        )
        .unwrap();
        assert_eq!(op.name(), "GetDeployment");
        assert_eq!(
            op.request_parts().1,
            "/applications/my%20app/environments/a%2Fb/deployments/3"
        );
        let op = parse(
            "GET",
            "/applications",
            Some("next_token=a%2Fb&max_results=5"),
            None,
        )
        .unwrap();
        assert_eq!(
            op.request_parts().1,
            "/applications?max_results=5&next_token=a%2Fb"
        );
        let op = parse(
            "DELETE",
            "/applications/a/environments/e/deployments/2",
            None,
            Some("true"),
        )
        .unwrap();
        assert_eq!(
            op.request_parts().2,
            vec![("allow-revert".to_owned(), "true".to_owned())]
        );
        assert!(!op.is_read());
        let op = parse(
            "GET",
            "/applications/a/configurationprofiles/p/hostedconfigurationversions/7",
            None,
            None,
        )
        .unwrap();
        assert_eq!(op.name(), "GetHostedConfigurationVersion");
        assert!(op.is_read());
        assert_eq!(op.freshness(), Freshness::Stable);
        let op = parse("GET", "/applications/a/configurationprofiles/p", None, None).unwrap();
        assert_eq!(op.name(), "GetConfigurationProfile");
        assert!(op.is_read());
    }

    #[test]
    fn refusals() {
        for (m, p, q) in [
            ("POST", "/applications/a/environments/e/deployments", None),
            ("GET", "/applications/a/configurationprofiles", None),
            ("PATCH", "/applications/a", None),
            ("GET", "/../../etc", None),
        ] {
            assert_eq!(
                parse(m, p, q, None).unwrap_err().code,
                "UnknownOperationException",
                "{m} {p}"
            );
        }
        for (p, q) in [
            ("/applications/%zz", None),
            ("/applications", Some("max_results=0")),
            ("/applications", Some("evil=1")),
            ("/applications/a", Some("max_results=5")),
            ("/applications/a/environments/e/deployments/-1", None),
        ] {
            assert_eq!(
                parse("GET", p, q, None).unwrap_err().code,
                "BadRequestException",
                "{p} {q:?}"
            );
        }
    }
}
