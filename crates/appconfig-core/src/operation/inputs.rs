//! The inputs of the operations the clients call, each with its validation and path.

use super::{encode_label, Operation};
use crate::model::{
    Application, Applications, Deployment, DeploymentStrategy, Deployments, Environment,
    Environments,
};
use crate::{validate, Error};

fn pagination_query(max_results: Option<i64>, next_token: Option<&str>) -> String {
    let mut q = Vec::new();
    if let Some(m) = max_results {
        q.push(format!("max_results={m}"));
    }
    if let Some(t) = next_token {
        q.push(format!("next_token={}", encode_label(t)));
    }
    if q.is_empty() {
        String::new()
    } else {
        format!("?{}", q.join("&"))
    }
}

/// GetDeployment and StopDeployment name one deployment by the same three members
/// (`application_id`, `environment_id`, `deployment_number`), checked and placed in the path the
/// same way: their `validate` and `path_and_query`, written once.
macro_rules! one_deployment {
    () => {
        fn validate(&self) -> Result<(), Error> {
            validate::name("ApplicationId", &self.application_id)?;
            validate::name("EnvironmentId", &self.environment_id)?;
            validate::deployment_number(self.deployment_number)
        }
        fn path_and_query(&self) -> String {
            format!(
                "/applications/{}/environments/{}/deployments/{}",
                encode_label(&self.application_id),
                encode_label(&self.environment_id),
                self.deployment_number,
            )
        }
    };
}

/// `GetDeployment` input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GetDeploymentInput {
    /// Application id or name (1 to 64 characters).
    pub application_id: String,
    /// Environment id or name (1 to 64 characters).
    pub environment_id: String,
    /// The deployment number (0 to 2^31-1). Wider than the model so that bad values reach
    /// validation instead of being truncated by a cast.
    pub deployment_number: i64,
}

impl Operation for GetDeploymentInput {
    type Output = Deployment;
    const NAME: &'static str = "GetDeployment";
    one_deployment!();
}

/// `StopDeployment` input: stops a running deployment (AppConfig rolls it back), or with
/// `allow_revert` reverts a completed one (within 72 hours, the latest of its environment).
///
/// AppConfig answers 202 with the numeric members of the deployment only (the AWS CLI's
/// `stop-deployment` example and botocore's `examples-1.json`): read the new state with
/// `GetDeployment`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StopDeploymentInput {
    /// Application id or name (1 to 64 characters).
    pub application_id: String,
    /// Environment id or name (1 to 64 characters).
    pub environment_id: String,
    /// The deployment number (0 to 2^31-1).
    pub deployment_number: i64,
    /// Sends `Allow-Revert: true`: revert a COMPLETE deployment instead of refusing.
    pub allow_revert: bool,
}

impl Operation for StopDeploymentInput {
    type Output = Deployment;
    const NAME: &'static str = "StopDeployment";
    const METHOD: &'static str = "DELETE";
    one_deployment!();
    /// `AllowRevert` is a header in the model (`locationName: Allow-Revert`); it is sent only
    /// when true, as the SDKs leave out an unset boolean.
    fn headers(&self) -> Vec<(String, String)> {
        if self.allow_revert {
            vec![("allow-revert".to_owned(), "true".to_owned())]
        } else {
            Vec::new()
        }
    }
}

/// `GetApplication` input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GetApplicationInput {
    /// Application id or name.
    pub application_id: String,
}

impl Operation for GetApplicationInput {
    type Output = Application;
    const NAME: &'static str = "GetApplication";
    fn validate(&self) -> Result<(), Error> {
        validate::name("ApplicationId", &self.application_id)
    }
    fn path_and_query(&self) -> String {
        format!("/applications/{}", encode_label(&self.application_id))
    }
}

/// `GetEnvironment` input: the environment's state and its monitors (CloudWatch alarms).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GetEnvironmentInput {
    /// Application id or name.
    pub application_id: String,
    /// Environment id or name.
    pub environment_id: String,
}

impl Operation for GetEnvironmentInput {
    type Output = Environment;
    const NAME: &'static str = "GetEnvironment";
    fn validate(&self) -> Result<(), Error> {
        validate::name("ApplicationId", &self.application_id)?;
        validate::name("EnvironmentId", &self.environment_id)
    }
    fn path_and_query(&self) -> String {
        format!(
            "/applications/{}/environments/{}",
            encode_label(&self.application_id),
            encode_label(&self.environment_id)
        )
    }
}

/// `ListApplications` input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListApplicationsInput {
    /// Page size, 1 to 50.
    pub max_results: Option<i64>,
    /// The token from the previous page.
    pub next_token: Option<String>,
}

impl Operation for ListApplicationsInput {
    type Output = Applications;
    const NAME: &'static str = "ListApplications";
    fn validate(&self) -> Result<(), Error> {
        validate::page(self.max_results, self.next_token.as_deref())
    }
    fn path_and_query(&self) -> String {
        format!(
            "/applications{}",
            pagination_query(self.max_results, self.next_token.as_deref())
        )
    }
}

/// `ListEnvironments` input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListEnvironmentsInput {
    /// Application id or name.
    pub application_id: String,
    /// Page size, 1 to 50.
    pub max_results: Option<i64>,
    /// The token from the previous page.
    pub next_token: Option<String>,
}

impl Operation for ListEnvironmentsInput {
    type Output = Environments;
    const NAME: &'static str = "ListEnvironments";
    fn validate(&self) -> Result<(), Error> {
        validate::name("ApplicationId", &self.application_id)?;
        validate::page(self.max_results, self.next_token.as_deref())
    }
    fn path_and_query(&self) -> String {
        format!(
            "/applications/{}/environments{}",
            encode_label(&self.application_id),
            pagination_query(self.max_results, self.next_token.as_deref())
        )
    }
}

/// `ListDeployments` input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListDeploymentsInput {
    /// Application id or name.
    pub application_id: String,
    /// Environment id or name.
    pub environment_id: String,
    /// Page size, 1 to 50.
    pub max_results: Option<i64>,
    /// The token from the previous page.
    pub next_token: Option<String>,
}

impl Operation for ListDeploymentsInput {
    type Output = Deployments;
    const NAME: &'static str = "ListDeployments";
    fn validate(&self) -> Result<(), Error> {
        validate::name("ApplicationId", &self.application_id)?;
        validate::name("EnvironmentId", &self.environment_id)?;
        validate::page(self.max_results, self.next_token.as_deref())
    }
    fn path_and_query(&self) -> String {
        format!(
            "/applications/{}/environments/{}/deployments{}",
            encode_label(&self.application_id),
            encode_label(&self.environment_id),
            pagination_query(self.max_results, self.next_token.as_deref())
        )
    }
}

/// `GetDeploymentStrategy` input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GetDeploymentStrategyInput {
    /// `[a-z0-9]{4,7}` or a predefined `AppConfig.*` name.
    pub deployment_strategy_id: String,
}

impl Operation for GetDeploymentStrategyInput {
    type Output = DeploymentStrategy;
    const NAME: &'static str = "GetDeploymentStrategy";
    fn validate(&self) -> Result<(), Error> {
        validate::deployment_strategy_id(&self.deployment_strategy_id)
    }
    fn path_and_query(&self) -> String {
        format!(
            "/deploymentstrategies/{}",
            encode_label(&self.deployment_strategy_id)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_deployment_is_a_delete_with_allow_revert_only_when_asked() {
        let mut stop = StopDeploymentInput {
            application_id: "pay0001".into(),
            environment_id: "prd0001".into(),
            deployment_number: 3,
            allow_revert: false,
        };
        assert_eq!(StopDeploymentInput::METHOD, "DELETE");
        assert_eq!(
            stop.path_and_query(),
            "/applications/pay0001/environments/prd0001/deployments/3"
        );
        assert!(stop.headers().is_empty());
        stop.allow_revert = true;
        assert_eq!(
            stop.headers(),
            vec![("allow-revert".to_owned(), "true".to_owned())]
        );
        stop.deployment_number = -1;
        assert!(stop.validate().is_err());
    }

    #[test]
    fn get_environment_path() {
        let input = GetEnvironmentInput {
            application_id: "my app".into(),
            environment_id: "prod/eu".into(),
        };
        assert_eq!(
            input.path_and_query(),
            "/applications/my%20app/environments/prod%2Feu"
        );
    }
}
