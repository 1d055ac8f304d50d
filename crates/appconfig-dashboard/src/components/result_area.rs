use std::rc::Rc;

use appconfig_core::{Deployment, GetDeploymentInput};
use yew::prelude::*;

use super::{embed_notice, error_panel, intro, DeploymentView, LiveDeployment, Overview};
use crate::api::Api;
use crate::errors::{Problem, ProblemKind};
use crate::form::FieldErrors;
use crate::hooks::{use_now, use_overview, DeploymentData};
use crate::route::Route;
use crate::validate::validate_find;

/// Props of [`ResultArea`].
#[derive(Properties, PartialEq)]
pub(crate) struct ResultAreaProps {
    /// The client, or why there is none.
    pub api: Rc<Result<Rc<Api>, Problem>>,
    /// The URL's route.
    pub route: Route,
    /// The deployment the route names, when its fields are valid.
    pub input: Option<GetDeploymentInput>,
    /// Pasted JSON shown instead.
    pub pasted: Option<Rc<Deployment>>,
    /// The fetched deployment.
    pub data: DeploymentData,
    /// A request for it is under way or due.
    pub requested: bool,
    /// `/_sim/info` has answered.
    pub sim_checked: bool,
    /// The page is served by the simulator.
    pub simulator: bool,
    /// Fetch again now.
    pub onrefresh: Callback<()>,
    /// Close the pasted JSON.
    pub onclose_paste: Callback<()>,
    /// Send remembered credentials to the link's target after all.
    pub oncontinue: Callback<()>,
    /// Open a deployment from the overview.
    pub onopen: Callback<(String, String, i32)>,
}

/// The overview when connected and nothing is chosen, otherwise the chosen deployment, or why
/// there is none.
#[function_component(ResultArea)]
pub(crate) fn result_area(props: &ResultAreaProps) -> Html {
    let route = &props.route;
    let embed = route.embed;
    let now = use_now(15_000);
    let api = props.api.as_ref().as_ref().ok().cloned();
    let show_overview =
        !embed && props.pasted.is_none() && route.env.is_empty() && route.deployment.is_empty();
    let only = Some(route.app.clone()).filter(|a| !a.is_empty());
    let overview = use_overview(api.clone().filter(|_| show_overview), only.clone());
    if let Some(d) = &props.pasted {
        let close = props.onclose_paste.reform(|_| ());
        return html! {
            <>
                <div class="source-bar">
                    <span>{ "Showing pasted JSON: not live, nothing was fetched." }</span>
                    <button type="button" class="link" onclick={close}>{ "Close" }</button>
                </div>
                <DeploymentView deployment={Rc::clone(d)} source={AttrValue::from("From pasted JSON")} />
            </>
        };
    }
    if let (Some(api), Some(_)) = (&api, &props.data.deployment) {
        return html! { <LiveDeployment api={Rc::clone(api)} data={props.data.clone()} route={route.clone()} onrefresh={props.onrefresh.clone()} /> };
    }
    if let Some(problem) = &props.data.problem {
        let note = props
            .data
            .next_ms
            .filter(|_| !problem.advice.contains("keeps trying"))
            .map(|_| "The dashboard keeps trying by itself.");
        return error_panel(problem, Some(&props.onrefresh), note, false);
    }
    if let Err(p) = props.api.as_ref() {
        if p.kind == ProblemKind::Unconfirmed && (props.input.is_some() || show_overview) {
            let target = p.detail.clone().unwrap_or_default();
            let oncontinue = props.oncontinue.reform(|_| ());
            return html! {
                <div class="confirm-target card" data-kind="confirm-endpoint">
                    <p><strong>{ "This link sends requests to " }</strong><code class="wrap">{ target }</code></p>
                    <p class="muted">{ "Your credentials are remembered for this tab and were confirmed for another address. Continue only if you trust this one; otherwise change it under Connection." }</p>
                    <button type="button" class="primary" onclick={oncontinue}>{ "Continue" }</button>
                </div>
            };
        }
    }
    if props.requested {
        return html! { <p class="loading muted" aria-live="polite">{ "Loading the deployment…" }</p> };
    }
    if route.names_deployment() {
        return match (props.api.as_ref(), props.input.as_ref()) {
            (_, None) => {
                let mut errs = FieldErrors::new();
                validate_find(
                    &crate::form::FindDraft {
                        app: route.app.clone(),
                        env: route.env.clone(),
                        deployment: route.deployment.clone(),
                    },
                    &mut errs,
                );
                let msg = errs.values().cloned().collect::<Vec<_>>().join("; ");
                error_panel(
                    &Problem {
                        kind: ProblemKind::InvalidInput,
                        title: "This link does not name a valid deployment".into(),
                        advice: "Correct the fields below and press Show deployment.",
                        detail: Some(msg),
                        request_id: None,
                        field: None,
                        transient: false,
                    },
                    None,
                    None,
                    false,
                )
            }
            (Err(_), _) if !props.sim_checked => {
                html! { <p class="loading muted">{ "Loading…" }</p> }
            }
            (Err(p), _) if embed && p.kind == ProblemKind::NoCredentials => {
                embed_notice(&route.origin)
            }
            (Err(p), _) => error_panel(p, None, None, false),
            (Ok(_), Some(_)) => html! {},
        };
    }
    if embed {
        return html! { <p class="muted">{ "Add app, env and deployment to the URL to show a deployment." }</p> };
    }
    // Until `/_sim/info` answers, the simulator's connection may still come: the getting-started
    // card would flash and then jump below the overview.
    if api.is_none() && show_overview && !props.sim_checked {
        return html! { <p class="loading muted">{ "Loading…" }</p> };
    }
    let intro = intro(props.simulator);
    if api.is_none() || !show_overview {
        return intro;
    }
    html! {
        <>
            <Overview rows={Rc::clone(&overview.rows)} listed={overview.listed} problem={overview.problem.clone()}
                only={only.map(AttrValue::from)} now_ms={now} onopen={props.onopen.clone()} />
            // The getting-started card follows once the overview has settled.
            if overview.loaded || overview.problem.is_some() || (overview.listed && overview.rows.is_empty()) {
                { intro }
            }
        </>
    }
}
