//! The reads of a configuration profile and its hosted versions: `GetConfigurationProfile`,
//! `GetHostedConfigurationVersion` (a blob payload: the body is the content, the other members
//! are headers) and `ListHostedConfigurationVersions`.

use super::{encode_label, Operation, OperationOutput};
use crate::model::{ConfigurationProfile, HostedConfigurationVersion, HostedConfigurationVersions};
use crate::{validate, Error, HttpResponse};

/// The application and profile members every input here has: a `Name` (1 to 64 characters) and
/// a `LongName` (1 to 128), in the model's order.
fn validate_profile(application_id: &str, configuration_profile_id: &str) -> Result<(), Error> {
    validate::name("ApplicationId", application_id)?;
    validate::length("ConfigurationProfileId", configuration_profile_id, 1, 128)
}

fn profile_path(application_id: &str, configuration_profile_id: &str) -> String {
    format!(
        "/applications/{}/configurationprofiles/{}",
        encode_label(application_id),
        encode_label(configuration_profile_id)
    )
}

/// `GetConfigurationProfile` input: the profile's type (freeform or feature flags) and where its
/// configuration lives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GetConfigurationProfileInput {
    /// Application id or name (1 to 64 characters).
    pub application_id: String,
    /// Configuration profile id (1 to 128 characters).
    pub configuration_profile_id: String,
}

impl Operation for GetConfigurationProfileInput {
    type Output = ConfigurationProfile;
    const NAME: &'static str = "GetConfigurationProfile";
    fn validate(&self) -> Result<(), Error> {
        validate_profile(&self.application_id, &self.configuration_profile_id)
    }
    fn path_and_query(&self) -> String {
        profile_path(&self.application_id, &self.configuration_profile_id)
    }
}

/// `GetHostedConfigurationVersion` input: one version's content.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GetHostedConfigurationVersionInput {
    /// Application id or name (1 to 64 characters).
    pub application_id: String,
    /// Configuration profile id (1 to 128 characters).
    pub configuration_profile_id: String,
    /// The version (an `Integer` in the model). Wider than the model so that bad values reach
    /// validation instead of being truncated by a cast.
    pub version_number: i64,
}

impl Operation for GetHostedConfigurationVersionInput {
    type Output = HostedConfigurationVersion;
    const NAME: &'static str = "GetHostedConfigurationVersion";
    fn validate(&self) -> Result<(), Error> {
        validate_profile(&self.application_id, &self.configuration_profile_id)?;
        validate::range(
            "VersionNumber",
            self.version_number,
            i64::from(i32::MIN),
            i64::from(i32::MAX),
        )
    }
    fn path_and_query(&self) -> String {
        format!(
            "{}/hostedconfigurationversions/{}",
            profile_path(&self.application_id, &self.configuration_profile_id),
            self.version_number
        )
    }
}

/// `ListHostedConfigurationVersions` input: a profile's hosted versions, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListHostedConfigurationVersionsInput {
    /// Application id or name (1 to 64 characters).
    pub application_id: String,
    /// Configuration profile id (1 to 128 characters).
    pub configuration_profile_id: String,
    /// Page size, 1 to 50.
    pub max_results: Option<i64>,
    /// The token from the previous page.
    pub next_token: Option<String>,
    /// Only versions with this label (1 to 64 characters; a trailing `*` matches a prefix).
    pub version_label: Option<String>,
}

impl Operation for ListHostedConfigurationVersionsInput {
    type Output = HostedConfigurationVersions;
    const NAME: &'static str = "ListHostedConfigurationVersions";
    fn validate(&self) -> Result<(), Error> {
        validate_profile(&self.application_id, &self.configuration_profile_id)?;
        validate::page(self.max_results, self.next_token.as_deref())?;
        match &self.version_label {
            Some(label) => validate::length("VersionLabel", label, 1, 64),
            None => Ok(()),
        }
    }
    fn path_and_query(&self) -> String {
        // The model's order of the query members; `sign` sorts them for the canonical request.
        let mut query = Vec::new();
        if let Some(m) = self.max_results {
            query.push(format!("max_results={m}"));
        }
        if let Some(t) = &self.next_token {
            query.push(format!("next_token={}", encode_label(t)));
        }
        if let Some(l) = &self.version_label {
            query.push(format!("version_label={}", encode_label(l)));
        }
        let mut path = format!(
            "{}/hostedconfigurationversions",
            profile_path(&self.application_id, &self.configuration_profile_id)
        );
        if !query.is_empty() {
            path.push('?');
            path.push_str(&query.join("&"));
        }
        path
    }
}

/// The members of `HostedConfigurationVersion` that AWS sends as headers: the member, its
/// header (the model's `locationName`) and its type code as [`crate::shape::MemberType::code`]
/// writes it (`s` string, `i` 32-bit integer). The one table both readers follow: this crate's
/// below, and the npm package's (generated into its `shapes.js`).
pub const HOSTED_CONFIGURATION_VERSION_HEADERS: &[(&str, &str, &str)] = &[
    ("ApplicationId", "Application-Id", "s"),
    ("ConfigurationProfileId", "Configuration-Profile-Id", "s"),
    ("VersionNumber", "Version-Number", "i"),
    ("Description", "Description", "s"),
    ("ContentType", "Content-Type", "s"),
    ("VersionLabel", "VersionLabel", "s"),
    ("KmsKeyArn", "KmsKeyArn", "s"),
];

/// The model's `payload: Content`: the body is the content, byte for byte (not JSON); the other
/// members are headers (`locationName` in `service-2.json`, EVIDENCE.md "Configuration
/// versions"), each absent when the version does not have it.
impl OperationOutput for HostedConfigurationVersion {
    fn from_response(response: &HttpResponse) -> Result<Self, Error> {
        let mut out = HostedConfigurationVersion {
            content: response.body.clone(),
            ..HostedConfigurationVersion::default()
        };
        for (member, header, _) in HOSTED_CONFIGURATION_VERSION_HEADERS {
            let Some(v) = response.header(header) else {
                continue;
            };
            let text = Some(v.to_owned());
            match *member {
                "ApplicationId" => out.application_id = text,
                "ConfigurationProfileId" => out.configuration_profile_id = text,
                "VersionNumber" => {
                    out.version_number =
                        Some(
                            v.trim()
                                .parse::<i32>()
                                .map_err(|_| Error::MalformedResponse {
                                    status: response.status,
                                    reason: format!(
                                        "header {header} is not a 32-bit integer: {v:?}"
                                    ),
                                })?,
                        )
                }
                "Description" => out.description = text,
                "ContentType" => out.content_type = text,
                "VersionLabel" => out.version_label = text,
                "KmsKeyArn" => out.kms_key_arn = text,
                _ => {}
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_query_encodes_the_label_filter() {
        let input = ListHostedConfigurationVersionsInput {
            application_id: "pay".into(),
            configuration_profile_id: "flags 1".into(),
            max_results: Some(5),
            next_token: None,
            version_label: Some("v2*".into()),
        };
        assert_eq!(
            input.path_and_query(),
            "/applications/pay/configurationprofiles/flags%201/hostedconfigurationversions?max_results=5&version_label=v2%2A"
        );
    }
}
