use std::rc::Rc;

use appconfig_core::diff::{self, ContentKind};
use appconfig_core::{Deployment, GetDeploymentInput};
use yew::prelude::*;

use crate::api::Api;
use crate::errors::Problem;
use crate::platform;
use crate::state::{Before, Comparison, WhatAction, WhatChanged, WhatStep};

/// The pages of `ListDeployments` read, at most, to find the deployment live before this one.
const MAX_PAGES: usize = 5;
/// The candidates read with `GetDeployment`, at most (a candidate of the same configuration
/// name but another profile is rare: the first one nearly always is the one).
const MAX_CANDIDATES: usize = 10;

/// The "What changed" panel's state; when the user opens it, finds the deployment live before
/// `deployment` in its environment, reads the configuration profile and both hosted versions,
/// and compares them once (in the core). Content is never stored: it lives in this call's
/// memory until the diff is made, and the diff until the panel closes.
#[hook]
pub fn use_what_changed(
    api: Option<Rc<Api>>,
    deployment: Option<Rc<Deployment>>,
) -> UseReducerHandle<WhatChanged> {
    let what = use_reducer(WhatChanged::default);
    let dispatch = what.dispatcher();
    let opened = what.opened;
    let open = what.open;
    // The deployment's identity, not its progress: a refresh of a running deployment must not
    // compare again.
    let key = deployment.as_ref().map(|d| {
        (
            d.application_id.clone(),
            d.environment_id.clone(),
            d.deployment_number,
        )
    });
    {
        let deployment = deployment.clone();
        use_effect_with((api, key, opened, open), move |(api, _, opened, open)| {
            let live = Rc::new(std::cell::Cell::new(true));
            if let (true, Some(api), Some(d)) = (*open, api.clone(), deployment) {
                let (n, live) = (*opened, live.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let progress = |step: &'static str| {
                        if live.get() {
                            dispatch.dispatch(WhatAction::Step(n, WhatStep::Busy(step)));
                        }
                    };
                    let step = match compare(&api, &d, &progress).await {
                        Ok(step) => step,
                        Err(p) => WhatStep::Failed(p),
                    };
                    if live.get() {
                        dispatch.dispatch(WhatAction::Step(n, step));
                    }
                });
            }
            move || live.set(false)
        });
    }
    what
}

/// A location that is not AppConfig's hosted store (`ssm-parameter://…`, `s3://…`, …).
fn elsewhere(location: Option<&str>) -> Option<String> {
    location
        .filter(|l| !l.is_empty() && *l != "hosted")
        .map(str::to_owned)
}

/// Every read and the diff, reporting each stage through `progress`.
async fn compare(
    api: &Api,
    d: &Deployment,
    progress: &dyn Fn(&'static str),
) -> Result<WhatStep, Problem> {
    // Where the deployed configuration lives is on the deployment itself: a configuration
    // outside the hosted store needs no request at all.
    if let Some(l) = elsewhere(d.configuration_location_uri.as_deref()) {
        return Ok(WhatStep::Elsewhere(l));
    }
    let app = d.application_id.clone().unwrap_or_default();
    let profile_id = d.configuration_profile_id.clone().unwrap_or_default();
    let version_text = d.configuration_version.clone().unwrap_or_default();
    let Ok(version) = version_text.trim().parse::<i32>() else {
        return Err(Problem::new(
            crate::errors::ProblemKind::Malformed,
            format!("Version “{}” is not a hosted version number", crate::format::label(&version_text)),
            "A hosted configuration's deployments name a version number: this one cannot be read from the hosted store.",
        ));
    };
    // One request after the other: two `join!`s cost the wasm more than they save in time.
    let profile = api.configuration_profile(&app, &profile_id).await?;
    if let Some(l) = elsewhere(profile.location_uri.as_deref()) {
        return Ok(WhatStep::Elsewhere(l));
    }
    let before = previous(api, d).await?;
    progress("Reading both versions");
    let old_number = match &before {
        Before::Deployment(_, v) => v.trim().parse::<i32>().ok(),
        _ => None,
    };
    let new = api.hosted_version(&app, &profile_id, version).await?;
    let old = match old_number {
        Some(v) => Some(api.hosted_version(&app, &profile_id, v).await?),
        None => None,
    };
    progress("Comparing");
    // Let the browser paint "Comparing" before the diff holds the thread.
    gloo_timers::future::TimeoutFuture::new(30).await;
    let kind = ContentKind::detect(profile.r#type.as_ref(), new.content_type.as_deref());
    let start = platform::now_ms();
    // In the comparison module, loaded the first time (crate::compare).
    let diff =
        crate::compare::compare(kind, old.as_ref().map(|o| &o.content[..]), &new.content).await?;
    let took_ms = platform::now_ms() - start;
    Ok(WhatStep::Done(Rc::new(Comparison {
        before,
        version: version_text,
        kind,
        diff,
        took_ms,
    })))
}

/// The deployment live before `d`: `ListDeployments` page by page, and `GetDeployment` of the
/// core's candidates in order, until one is of the same configuration profile.
async fn previous(api: &Api, d: &Deployment) -> Result<Before, Problem> {
    let app = d.application_id.clone().unwrap_or_default();
    let env = d.environment_id.clone().unwrap_or_default();
    let mut summaries = Vec::new();
    let mut tried: Vec<i32> = Vec::new();
    let mut token = None;
    for _ in 0..MAX_PAGES {
        let (items, next) = api.deployments(app.clone(), env.clone(), token).await?;
        summaries.extend(items);
        for n in diff::previous_candidates(d, &summaries) {
            if tried.contains(&n) {
                continue;
            }
            if tried.len() >= MAX_CANDIDATES {
                return Ok(Before::NotWithin(summaries.len()));
            }
            tried.push(n);
            let input = GetDeploymentInput {
                application_id: app.clone(),
                environment_id: env.clone(),
                deployment_number: n.into(),
            };
            let candidate = api.deployment(&input, None).await?;
            if diff::is_same_profile(d, &candidate) {
                let v = candidate.configuration_version.unwrap_or_default();
                return Ok(Before::Deployment(n, v));
            }
        }
        token = next.filter(|t| !t.is_empty());
        if token.is_none() {
            return Ok(Before::First);
        }
    }
    Ok(Before::NotWithin(summaries.len()))
}
