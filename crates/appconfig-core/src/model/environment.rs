//! Applications and environments (`ListApplications`, `GetEnvironment`, `ListEnvironments`).

use serde::Serialize;

use super::enums::EnvironmentState;

/// One application.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Application {
    /// The application id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The application name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

deserialize_struct!(Application {
    id => "Id",
    name => "Name",
    description => "Description",
});

/// A CloudWatch alarm watched during deployments.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Monitor {
    /// The alarm ARN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarm_arn: Option<String>,
    /// The role AppConfig assumes to read the alarm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarm_role_arn: Option<String>,
}

deserialize_struct!(Monitor {
    alarm_arn => "AlarmArn",
    alarm_role_arn => "AlarmRoleArn",
});

/// One environment.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Environment {
    /// The application id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_id: Option<String>,
    /// The environment id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<EnvironmentState>,
    /// The alarms watched during deployments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monitors: Option<Vec<Monitor>>,
}

deserialize_struct!(Environment {
    application_id => "ApplicationId",
    id => "Id",
    name => "Name",
    description => "Description",
    state => "State",
    monitors => "Monitors",
});
