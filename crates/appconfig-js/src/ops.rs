//! The operations the client calls: which input each reads from JavaScript. `Client::call`
//! dispatches on [`Op`], a number on the JavaScript side, and from there on the input's type.

use appconfig_core::{
    GetApplicationInput, GetDeploymentInput, GetDeploymentStrategyInput, GetEnvironmentInput,
    ListApplicationsInput, ListDeploymentsInput, ListEnvironmentsInput, Operation,
    StopDeploymentInput,
};
use wasm_bindgen::prelude::*;

use crate::input::{Invalid, Obj};

/// The operations, as `js/api.js` names them (`Op.GetDeployment`, ...).
#[wasm_bindgen]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `GetDeployment`
    GetDeployment = 0,
    /// `StopDeployment` (with `AllowRevert`, a revert)
    StopDeployment = 1,
    /// `ListDeployments`
    ListDeployments = 2,
    /// `GetApplication`
    GetApplication = 3,
    /// `ListApplications`
    ListApplications = 4,
    /// `GetEnvironment`
    GetEnvironment = 5,
    /// `ListEnvironments`
    ListEnvironments = 6,
    /// `GetDeploymentStrategy`
    GetDeploymentStrategy = 7,
}

/// An operation input read from a JavaScript object in the AWS SDK's shape (own properties).
pub(crate) trait FromJs: Operation + Sized + 'static {
    fn from_js(obj: &Obj<'_>) -> Result<Self, Invalid>;
}

impl FromJs for GetDeploymentInput {
    fn from_js(o: &Obj<'_>) -> Result<Self, Invalid> {
        Ok(GetDeploymentInput {
            application_id: o.required_string("ApplicationId")?,
            environment_id: o.required_string("EnvironmentId")?,
            deployment_number: o.required_integer("DeploymentNumber")?,
        })
    }
}

impl FromJs for StopDeploymentInput {
    fn from_js(o: &Obj<'_>) -> Result<Self, Invalid> {
        Ok(StopDeploymentInput {
            application_id: o.required_string("ApplicationId")?,
            environment_id: o.required_string("EnvironmentId")?,
            deployment_number: o.required_integer("DeploymentNumber")?,
            allow_revert: o.boolean("AllowRevert")?.unwrap_or(false),
        })
    }
}

impl FromJs for ListDeploymentsInput {
    fn from_js(o: &Obj<'_>) -> Result<Self, Invalid> {
        Ok(ListDeploymentsInput {
            application_id: o.required_string("ApplicationId")?,
            environment_id: o.required_string("EnvironmentId")?,
            max_results: o.integer("MaxResults")?,
            next_token: o.string("NextToken")?,
        })
    }
}

impl FromJs for GetApplicationInput {
    fn from_js(o: &Obj<'_>) -> Result<Self, Invalid> {
        Ok(GetApplicationInput {
            application_id: o.required_string("ApplicationId")?,
        })
    }
}

impl FromJs for ListApplicationsInput {
    fn from_js(o: &Obj<'_>) -> Result<Self, Invalid> {
        Ok(ListApplicationsInput {
            max_results: o.integer("MaxResults")?,
            next_token: o.string("NextToken")?,
        })
    }
}

impl FromJs for GetEnvironmentInput {
    fn from_js(o: &Obj<'_>) -> Result<Self, Invalid> {
        Ok(GetEnvironmentInput {
            application_id: o.required_string("ApplicationId")?,
            environment_id: o.required_string("EnvironmentId")?,
        })
    }
}

impl FromJs for ListEnvironmentsInput {
    fn from_js(o: &Obj<'_>) -> Result<Self, Invalid> {
        Ok(ListEnvironmentsInput {
            application_id: o.required_string("ApplicationId")?,
            max_results: o.integer("MaxResults")?,
            next_token: o.string("NextToken")?,
        })
    }
}

impl FromJs for GetDeploymentStrategyInput {
    fn from_js(o: &Obj<'_>) -> Result<Self, Invalid> {
        Ok(GetDeploymentStrategyInput {
            deployment_strategy_id: o.required_string("DeploymentStrategyId")?,
        })
    }
}
