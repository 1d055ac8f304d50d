use std::rc::Rc;

use appconfig_core::GetDeploymentInput;
use yew::prelude::*;

use super::use_deployment::{use_deployment, DeploymentData, DeploymentRequest, REFRESH_MS};
use super::use_environment::{use_environment, EnvironmentInfo};
use super::use_now::use_now;
use crate::api::Api;

/// While following an environment's latest deployment and it has settled, the latest is
/// listed again this often, ms (a new deployment shows within this time; a running one is
/// refreshed every [`REFRESH_MS`] anyway).
pub(crate) const FOLLOW_SETTLED_MS: u32 = 15_000;

/// What to show: a deployment by number, or an environment's latest (`number: None`).
#[derive(Clone, PartialEq, Debug)]
pub(crate) struct LiveTarget {
    /// Application id (or name).
    pub app: String,
    /// Environment id (or name).
    pub env: String,
    /// The deployment; `None` follows the latest, switching when a new one starts.
    pub number: Option<i64>,
}

impl From<&GetDeploymentInput> for LiveTarget {
    fn from(i: &GetDeploymentInput) -> Self {
        LiveTarget {
            app: i.application_id.clone(),
            env: i.environment_id.clone(),
            number: Some(i.deployment_number),
        }
    }
}

/// A deployment with its environment (the alarms, the latest number), live. The environment
/// and a numbered deployment are requested at the same time; the latest deployment needs its
/// number first. Following the latest, the environment is listed again every [`REFRESH_MS`]
/// while the deployment runs and every [`FOLLOW_SETTLED_MS`] otherwise. `nonce` fetches the
/// deployment again at once.
#[hook]
pub fn use_live(
    api: Option<Rc<Api>>,
    target: Option<LiveTarget>,
    nonce: u32,
) -> (DeploymentData, EnvironmentInfo) {
    let (app, env, number) = target
        .clone()
        .map(|t| (t.app, t.env, t.number))
        .unwrap_or_default();
    let following = target.is_some() && number.is_none();
    // The clock's tick is the follow counter (a clock every 24 days when not following): the
    // existing `use_now` rather than a timer effect of its own.
    let running = use_mut_ref(|| false);
    let every = match (following, *running.borrow()) {
        (false, _) => i32::MAX,
        (true, true) => REFRESH_MS as i32,
        (true, false) => FOLLOW_SETTLED_MS as i32,
    };
    let follow = (use_now(every) / f64::from(every)) as u32;
    let data_key = use_state(|| 0u32);
    let info = use_environment(api.clone(), app.clone(), env.clone(), (*data_key, follow));
    let number = number.or(info.latest_number.map(i64::from));
    let request = match (api, number) {
        (Some(api), Some(n)) if target.is_some() => Some(DeploymentRequest {
            api,
            input: GetDeploymentInput {
                application_id: app,
                environment_id: env,
                deployment_number: n,
            },
            nonce,
        }),
        _ => None,
    };
    let data = use_deployment(request);
    // The environment is read again when the deployment's state changes (a stop makes it the
    // latest's too).
    let d = data.deployment.clone();
    let state_key = d
        .as_ref()
        .and_then(|d| d.state.as_ref())
        .map(|s| s.as_str().len() as u32 + u32::from(s.is_in_progress()))
        .unwrap_or_default();
    // Not for the first answer: the environment was requested with the deployment. Set while
    // rendering (yew renders again at once) rather than in an effect of its own.
    let seen = use_mut_ref(|| 0u32);
    let before = std::mem::replace(&mut *seen.borrow_mut(), state_key);
    if before != 0 && state_key != 0 && before != state_key && *data_key != state_key {
        data_key.set(state_key);
    }
    *running.borrow_mut() = d
        .as_ref()
        .and_then(|d| d.state.as_ref())
        .is_some_and(|s| s.is_in_progress());
    ((*data).clone(), (*info).clone())
}
