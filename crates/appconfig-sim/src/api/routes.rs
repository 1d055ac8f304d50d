//! Which AppConfig operation a method and raw path name, with the path labels decoded.

use crate::awserror::ApiError;

/// An AppConfig operation this simulator serves, with its decoded path labels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Route {
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
    /// The configuration workflow's operations (`POST`/`PATCH`/`DELETE` of applications,
    /// environments, profiles, hosted versions, strategies; tags).
    Crud(Crud),
}

/// The create, update and delete operations, the profiles' and hosted versions' reads, and tags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Crud {
    /// `POST /applications`
    CreateApplication,
    /// `PATCH /applications/{ApplicationId}`
    UpdateApplication { app: String },
    /// `DELETE /applications/{ApplicationId}`
    DeleteApplication { app: String },
    /// `POST /applications/{ApplicationId}/environments`
    CreateEnvironment { app: String },
    /// `PATCH /applications/{ApplicationId}/environments/{EnvironmentId}`
    UpdateEnvironment { app: String, env: String },
    /// `DELETE /applications/{ApplicationId}/environments/{EnvironmentId}`
    DeleteEnvironment { app: String, env: String },
    /// `GET /applications/{ApplicationId}/configurationprofiles`
    ListConfigurationProfiles { app: String },
    /// `POST /applications/{ApplicationId}/configurationprofiles`
    CreateConfigurationProfile { app: String },
    /// `GET /applications/{ApplicationId}/configurationprofiles/{ConfigurationProfileId}`
    GetConfigurationProfile { app: String, profile: String },
    /// `PATCH` of the same path.
    UpdateConfigurationProfile { app: String, profile: String },
    /// `DELETE` of the same path.
    DeleteConfigurationProfile { app: String, profile: String },
    /// `GET …/configurationprofiles/{ConfigurationProfileId}/hostedconfigurationversions`
    ListHostedConfigurationVersions { app: String, profile: String },
    /// `POST` of the same path.
    CreateHostedConfigurationVersion { app: String, profile: String },
    /// `GET …/hostedconfigurationversions/{VersionNumber}`
    GetHostedConfigurationVersion {
        app: String,
        profile: String,
        number: String,
    },
    /// `DELETE` of the same path.
    DeleteHostedConfigurationVersion {
        app: String,
        profile: String,
        number: String,
    },
    /// `POST /deploymentstrategies`
    CreateDeploymentStrategy,
    /// `PATCH /deploymentstrategies/{DeploymentStrategyId}`
    UpdateDeploymentStrategy { id: String },
    /// `DELETE /deployementstrategies/{DeploymentStrategyId}`: the model's path is spelled so
    /// (`service-2.json`, DeleteDeploymentStrategy `requestUri`), and the SDKs send it; the
    /// correctly spelled path is accepted too.
    DeleteDeploymentStrategy { id: String },
    /// `POST /tags/{ResourceArn}`
    TagResource { arn: String },
    /// `DELETE /tags/{ResourceArn}?tagKeys=…`
    UntagResource { arn: String },
    /// `GET /tags/{ResourceArn}`
    ListTagsForResource { arn: String },
}

impl Crud {
    /// The operation name.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Crud::CreateApplication => "CreateApplication",
            Crud::UpdateApplication { .. } => "UpdateApplication",
            Crud::DeleteApplication { .. } => "DeleteApplication",
            Crud::CreateEnvironment { .. } => "CreateEnvironment",
            Crud::UpdateEnvironment { .. } => "UpdateEnvironment",
            Crud::DeleteEnvironment { .. } => "DeleteEnvironment",
            Crud::ListConfigurationProfiles { .. } => "ListConfigurationProfiles",
            Crud::CreateConfigurationProfile { .. } => "CreateConfigurationProfile",
            Crud::GetConfigurationProfile { .. } => "GetConfigurationProfile",
            Crud::UpdateConfigurationProfile { .. } => "UpdateConfigurationProfile",
            Crud::DeleteConfigurationProfile { .. } => "DeleteConfigurationProfile",
            Crud::ListHostedConfigurationVersions { .. } => "ListHostedConfigurationVersions",
            Crud::CreateHostedConfigurationVersion { .. } => "CreateHostedConfigurationVersion",
            Crud::GetHostedConfigurationVersion { .. } => "GetHostedConfigurationVersion",
            Crud::DeleteHostedConfigurationVersion { .. } => "DeleteHostedConfigurationVersion",
            Crud::CreateDeploymentStrategy => "CreateDeploymentStrategy",
            Crud::UpdateDeploymentStrategy { .. } => "UpdateDeploymentStrategy",
            Crud::DeleteDeploymentStrategy { .. } => "DeleteDeploymentStrategy",
            Crud::TagResource { .. } => "TagResource",
            Crud::UntagResource { .. } => "UntagResource",
            Crud::ListTagsForResource { .. } => "ListTagsForResource",
        }
    }

    /// The operation a method and decoded segments name, if any.
    fn route(method: &str, s: &[&str]) -> Option<Crud> {
        let o = |x: &&str| (*x).to_owned();
        Some(match (method, s) {
            ("POST", ["applications"]) => Crud::CreateApplication,
            ("PATCH", ["applications", a]) => Crud::UpdateApplication { app: o(a) },
            ("DELETE", ["applications", a]) => Crud::DeleteApplication { app: o(a) },
            ("POST", ["applications", a, "environments"]) => Crud::CreateEnvironment { app: o(a) },
            ("PATCH", ["applications", a, "environments", e]) => Crud::UpdateEnvironment {
                app: o(a),
                env: o(e),
            },
            ("DELETE", ["applications", a, "environments", e]) => Crud::DeleteEnvironment {
                app: o(a),
                env: o(e),
            },
            ("GET", ["applications", a, "configurationprofiles"]) => {
                Crud::ListConfigurationProfiles { app: o(a) }
            }
            ("POST", ["applications", a, "configurationprofiles"]) => {
                Crud::CreateConfigurationProfile { app: o(a) }
            }
            ("GET", ["applications", a, "configurationprofiles", p]) => {
                Crud::GetConfigurationProfile {
                    app: o(a),
                    profile: o(p),
                }
            }
            ("PATCH", ["applications", a, "configurationprofiles", p]) => {
                Crud::UpdateConfigurationProfile {
                    app: o(a),
                    profile: o(p),
                }
            }
            ("DELETE", ["applications", a, "configurationprofiles", p]) => {
                Crud::DeleteConfigurationProfile {
                    app: o(a),
                    profile: o(p),
                }
            }
            (
                "GET",
                ["applications", a, "configurationprofiles", p, "hostedconfigurationversions"],
            ) => Crud::ListHostedConfigurationVersions {
                app: o(a),
                profile: o(p),
            },
            (
                "POST",
                ["applications", a, "configurationprofiles", p, "hostedconfigurationversions"],
            ) => Crud::CreateHostedConfigurationVersion {
                app: o(a),
                profile: o(p),
            },
            (
                "GET",
                ["applications", a, "configurationprofiles", p, "hostedconfigurationversions", n],
            ) => Crud::GetHostedConfigurationVersion {
                app: o(a),
                profile: o(p),
                number: o(n),
            },
            (
                "DELETE",
                ["applications", a, "configurationprofiles", p, "hostedconfigurationversions", n],
            ) => Crud::DeleteHostedConfigurationVersion {
                app: o(a),
                profile: o(p),
                number: o(n),
            },
            ("POST", ["deploymentstrategies"]) => Crud::CreateDeploymentStrategy,
            ("PATCH", ["deploymentstrategies", id]) => Crud::UpdateDeploymentStrategy { id: o(id) },
            ("DELETE", ["deployementstrategies" | "deploymentstrategies", id]) => {
                Crud::DeleteDeploymentStrategy { id: o(id) }
            }
            ("POST", ["tags", arn]) => Crud::TagResource { arn: o(arn) },
            ("DELETE", ["tags", arn]) => Crud::UntagResource { arn: o(arn) },
            ("GET", ["tags", arn]) => Crud::ListTagsForResource { arn: o(arn) },
            _ => return None,
        })
    }
}

impl Route {
    /// The operation name.
    pub(crate) fn name(&self) -> &'static str {
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
            Route::Crud(c) => c.name(),
        }
    }
}

/// True when the path is under an AppConfig API prefix (so it needs a signature).
pub(crate) fn is_api_path(raw_path: &str) -> bool {
    let first = raw_path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("");
    matches!(
        first,
        "applications" | "deploymentstrategies" | "deployementstrategies" | "tags"
    )
}

/// Percent-decodes one path label or query part, rejecting malformed escapes and non-UTF-8.
///
/// # Errors
/// 400 `BadRequestException`.
pub(crate) fn decode(part: &str) -> Result<String, ApiError> {
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
pub(crate) fn route(method: &str, raw_path: &str) -> Result<Option<Route>, ApiError> {
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
        (m, s) => match Crud::route(m, s) {
            Some(c) => Route::Crud(c),
            None => return Ok(None),
        },
    };
    Ok(Some(r))
}

/// Parses a raw query string into decoded pairs.
///
/// # Errors
/// 400 `BadRequestException` for bad percent-encoding.
pub(crate) fn parse_query(query: Option<&str>) -> Result<Vec<(String, String)>, ApiError> {
    let mut out = Vec::new();
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        out.push((decode(k)?, decode(v)?));
    }
    Ok(out)
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
        assert_eq!(
            route(
                "GET",
                "/applications/a1/configurationprofiles/p%201/hostedconfigurationversions/3"
            )
            .unwrap(),
            Some(Route::Crud(Crud::GetHostedConfigurationVersion {
                app: "a1".into(),
                profile: "p 1".into(),
                number: "3".into()
            }))
        );
        // The model spells DeleteDeploymentStrategy's path "deployementstrategies".
        for path in [
            "/deployementstrategies/abc1234",
            "/deploymentstrategies/abc1234",
        ] {
            assert_eq!(
                route("DELETE", path).unwrap(),
                Some(Route::Crud(Crud::DeleteDeploymentStrategy {
                    id: "abc1234".into()
                })),
                "{path}"
            );
            assert!(is_api_path(path));
        }
        let arn = "/tags/arn%3Aaws%3Aappconfig%3Aus-east-1%3A123456789012%3Aapplication%2Fabc1234";
        assert_eq!(
            route("GET", arn).unwrap(),
            Some(Route::Crud(Crud::ListTagsForResource {
                arn: "arn:aws:appconfig:us-east-1:123456789012:application/abc1234".into()
            }))
        );
        assert_eq!(route("PATCH", "/applications").unwrap(), None);
    }
}
