//! Configuration profiles and their hosted configuration versions (`GetConfigurationProfile`,
//! `GetHostedConfigurationVersion`, `ListHostedConfigurationVersions`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::enums::string_enum;

string_enum! {
    /// What a configuration profile holds.
    ConfigurationProfileType {
        /// Any content (JSON, YAML, text, bytes).
        AwsFreeform = "AWS.Freeform",
        /// AppConfig's feature flags document (`flags` and `values`).
        AwsAppConfigFeatureFlags = "AWS.AppConfig.FeatureFlags",
    }
}

string_enum! {
    /// How a validator checks a configuration.
    ValidatorType {
        /// A JSON Schema.
        JsonSchema = "JSON_SCHEMA",
        /// A Lambda function.
        Lambda = "LAMBDA",
    }
}

/// A check AppConfig runs on a configuration before deploying it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Validator {
    /// `JSON_SCHEMA` or `LAMBDA`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<ValidatorType>,
    /// The schema, or the function's ARN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
}

deserialize_struct!(Validator {
    r#type => "Type",
    content => "Content",
});

/// A configuration profile: where a configuration lives and what kind it is.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct ConfigurationProfile {
    /// The application id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_id: Option<String>,
    /// The profile id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The profile name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `hosted`, or where the configuration lives (`ssm-parameter://`, `s3://`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location_uri: Option<String>,
    /// The role AppConfig assumes to read a configuration that is not hosted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retrieval_role_arn: Option<String>,
    /// Checks run before a deployment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validators: Option<Vec<Validator>>,
    /// Freeform or feature flags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<ConfigurationProfileType>,
    /// The KMS key that encrypts new hosted versions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_arn: Option<String>,
    /// The KMS key as it was given (id, alias or ARN).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_identifier: Option<String>,
}

deserialize_struct!(ConfigurationProfile {
    application_id => "ApplicationId",
    id => "Id",
    name => "Name",
    description => "Description",
    location_uri => "LocationUri",
    retrieval_role_arn => "RetrievalRoleArn",
    validators => "Validators",
    r#type => "Type",
    kms_key_arn => "KmsKeyArn",
    kms_key_identifier => "KmsKeyIdentifier",
});

impl ConfigurationProfile {
    /// True when AppConfig hosts the configuration (`LocationUri` is `hosted`), so that its
    /// versions can be read with `GetHostedConfigurationVersion`.
    pub fn is_hosted(&self) -> bool {
        self.location_uri.as_deref() == Some("hosted")
    }
}

/// One hosted configuration version: its content and the members AWS sends as headers.
///
/// The content is `sensitive` in the model: `Debug` shows its length, never its bytes.
#[derive(Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct HostedConfigurationVersion {
    /// The application id (`Application-Id`).
    pub application_id: Option<String>,
    /// The configuration profile id (`Configuration-Profile-Id`).
    pub configuration_profile_id: Option<String>,
    /// The version (`Version-Number`).
    pub version_number: Option<i32>,
    /// The description (`Description`).
    pub description: Option<String>,
    /// The content: the response body, byte for byte.
    pub content: Vec<u8>,
    /// The content's MIME type (`Content-Type`).
    pub content_type: Option<String>,
    /// The version label (`VersionLabel`).
    pub version_label: Option<String>,
    /// The KMS key that encrypts this version (`KmsKeyArn`).
    pub kms_key_arn: Option<String>,
}

impl fmt::Debug for HostedConfigurationVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HostedConfigurationVersion")
            .field("application_id", &self.application_id)
            .field("configuration_profile_id", &self.configuration_profile_id)
            .field("version_number", &self.version_number)
            .field("description", &self.description)
            .field("content", &format_args!("<{} bytes>", self.content.len()))
            .field("content_type", &self.content_type)
            .field("version_label", &self.version_label)
            .field("kms_key_arn", &self.kms_key_arn)
            .finish()
    }
}

/// One line of `ListHostedConfigurationVersions`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct HostedConfigurationVersionSummary {
    /// The application id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_id: Option<String>,
    /// The configuration profile id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub configuration_profile_id: Option<String>,
    /// The version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_number: Option<i32>,
    /// The description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The content's MIME type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The version label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_label: Option<String>,
    /// The KMS key that encrypts this version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_arn: Option<String>,
}

deserialize_struct!(HostedConfigurationVersionSummary {
    application_id => "ApplicationId",
    configuration_profile_id => "ConfigurationProfileId",
    version_number => "VersionNumber",
    description => "Description",
    content_type => "ContentType",
    version_label => "VersionLabel",
    kms_key_arn => "KmsKeyArn",
});

/// A page of `ListHostedConfigurationVersions`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct HostedConfigurationVersions {
    /// The versions, newest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<HostedConfigurationVersionSummary>>,
    /// The token of the next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

deserialize_struct!(HostedConfigurationVersions {
    items => "Items",
    next_token => "NextToken",
});
