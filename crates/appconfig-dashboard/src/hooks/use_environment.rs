use std::rc::Rc;

use appconfig_core::model::Environment;
use yew::prelude::*;

use crate::api::Api;
use crate::errors::Problem;

/// An environment as GetEnvironment shows it (its monitors) and the number of its latest
/// deployment (only the latest can be reverted).
#[derive(Clone, PartialEq, Default)]
pub(crate) struct EnvironmentInfo {
    /// The environment.
    pub environment: Option<Rc<Environment>>,
    /// The number of its latest deployment.
    pub latest_number: Option<i32>,
    /// Why it could not be read (the deployment page works without it).
    pub problem: Option<Problem>,
}

/// Fetches the environment and its latest deployment number, both at once; again when `nonce`
/// changes.
#[hook]
pub fn use_environment(
    api: Option<Rc<Api>>,
    app: String,
    env: String,
    nonce: (u32, u32),
) -> UseStateHandle<EnvironmentInfo> {
    let info = use_state(EnvironmentInfo::default);
    {
        let info = info.clone();
        use_effect_with((api, app, env, nonce), move |(api, app, env, _)| {
            let live = Rc::new(std::cell::Cell::new(true));
            if let Some(api) = api.clone().filter(|_| !app.is_empty() && !env.is_empty()) {
                let (app, env, live) = (app.clone(), env.clone(), live.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    // Independent requests, sent together.
                    let (environment, latest) =
                        futures::join!(api.environment(&app, &env), api.latest(&app, &env));
                    if !live.get() {
                        return;
                    }
                    let mut next = EnvironmentInfo::default();
                    match environment {
                        Ok(e) => next.environment = Some(Rc::new(e)),
                        Err(p) => next.problem = Some(p),
                    }
                    match latest {
                        Ok(l) => next.latest_number = l.and_then(|s| s.deployment_number),
                        Err(p) => next.problem = next.problem.or(Some(p)),
                    }
                    info.set(next);
                });
            }
            move || live.set(false)
        });
    }
    info
}
