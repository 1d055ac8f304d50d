use std::rc::Rc;

use appconfig_core::Deployment;
use yew::prelude::*;

use crate::view::fixed;

use super::{embed_notice, error_panel, intro, DeploymentView, LiveDeployment, Overview};
use crate::api::Api;
use crate::errors::{Problem, ProblemKind};
use crate::hooks::{use_now, use_overview, DeploymentData, EnvironmentInfo};
use crate::host::HostRef;
use crate::route::Route;
use crate::state::Target;

/// Props of [`ResultArea`].
#[derive(Properties, PartialEq)]
pub(crate) struct ResultAreaProps {
    /// The client, or why there is none.
    pub api: Rc<Result<Rc<Api>, Problem>>,
    /// The URL's route.
    pub route: Route,
    /// What the route shows (decided by `state::Target`).
    pub target: Target,
    /// Where it is shown.
    pub host: HostRef,
    /// Pasted JSON shown instead.
    pub pasted: Option<Rc<Deployment>>,
    /// The fetched deployment.
    pub data: DeploymentData,
    /// Its environment, fetched beside it.
    pub info: EnvironmentInfo,
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
    let (show_overview, only) = match &props.target {
        Target::Overview(only) if props.pasted.is_none() => (true, only.clone()),
        _ => (false, None),
    };
    let overview = use_overview(api.clone().filter(|_| show_overview), only.clone());
    if let Some(d) = &props.pasted {
        let close = props.onclose_paste.reform(|_| ());
        return html! {
            <>
                <div class="source-bar">
                    { fixed("<span>Showing pasted JSON: not live, nothing was fetched.</span>") }
                    <button type="button" class="link" onclick={close}>{ "Close" }</button>
                </div>
                <DeploymentView deployment={Rc::clone(d)} source={AttrValue::from("From pasted JSON")} />
            </>
        };
    }
    if let (Some(api), Some(_)) = (&api, &props.data.deployment) {
        return html! { <LiveDeployment api={Rc::clone(api)} data={props.data.clone()} info={props.info.clone()}
        actions={!embed || route.actions} host={props.host.clone()} onrefresh={props.onrefresh.clone()} /> };
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
        if p.kind == ProblemKind::Unconfirmed && (props.target.input().is_some() || show_overview) {
            let target = p.detail.clone().unwrap_or_default();
            let oncontinue = props.oncontinue.reform(|_| ());
            return html! {
                <div class="confirm-target card" data-kind="confirm-endpoint">
                    <p>{ fixed("<strong>This link sends requests to </strong>") }<code class="wrap">{ target }</code></p>
                    { fixed("<p class=\"muted\">Your credentials are remembered for this tab and were confirmed for another address. Continue only if you trust this one; otherwise change it under Connection.</p>") }
                    <button type="button" class="primary" onclick={oncontinue}>{ "Continue" }</button>
                </div>
            };
        }
    }
    if props.requested {
        return html! { { fixed("<p class=\"loading muted\" aria-live=\"polite\">Loading the deployment…</p>") } };
    }
    match (&props.target, props.api.as_ref()) {
        (Target::Invalid(msg), _) => {
            return error_panel(
                &Problem {
                    kind: ProblemKind::InvalidInput,
                    title: "This link does not name a valid deployment".into(),
                    advice: "Correct the fields below and press Show deployment.",
                    detail: Some(msg.clone()),
                    request_id: None,
                    field: None,
                    transient: false,
                },
                None,
                None,
                false,
            )
        }
        (Target::Deployment(_), Err(_)) if !props.sim_checked => {
            return html! { { fixed("<p class=\"loading muted\">Loading…</p>") } };
        }
        (Target::Deployment(_), Err(p)) if embed && p.kind == ProblemKind::NoCredentials => {
            return embed_notice(&route.origin);
        }
        (Target::Deployment(_), Err(p)) => return error_panel(p, None, None, false),
        (Target::Deployment(_), Ok(_)) => return html! {},
        _ => {}
    }
    if embed {
        return html! { { fixed("<p class=\"muted\">Add app, env and deployment to the URL to show a deployment.</p>") } };
    }
    // Until `/_sim/info` answers, the simulator's connection may still come: the getting-started
    // card would flash and then jump below the overview.
    if api.is_none() && show_overview && !props.sim_checked {
        return html! { { fixed("<p class=\"loading muted\">Loading…</p>") } };
    }
    let intro = intro(props.simulator);
    if api.is_none() || !show_overview {
        return intro;
    }
    html! {
        <>
            <Overview rows={Rc::clone(&overview.rows)} listed={overview.listed} problem={overview.problem.clone()}
                only={only.map(AttrValue::from)} now_ms={now} onopen={props.onopen.clone()} host={props.host.clone()} />
            // The getting-started card follows once the overview has settled.
            if overview.loaded || overview.problem.is_some() || (overview.listed && overview.rows.is_empty()) {
                { intro }
            }
        </>
    }
}
