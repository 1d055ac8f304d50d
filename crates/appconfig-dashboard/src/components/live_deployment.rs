use std::rc::Rc;

use yew::prelude::*;

use super::deployment_view::LiveInfo;
use super::{DeploymentActions, DeploymentView};
use crate::api::Api;
use crate::hooks::{use_notify, use_now, DeploymentData, EnvironmentInfo};
use crate::host::HostRef;

/// Props of [`LiveDeployment`].
#[derive(Properties, PartialEq)]
pub(crate) struct LiveDeploymentProps {
    /// The client.
    pub api: Rc<Api>,
    /// The deployment as last fetched, and the refresh status.
    pub data: DeploymentData,
    /// Its environment (alarms, latest number), fetched beside it.
    pub info: EnvironmentInfo,
    /// Offer Stop and Revert.
    pub actions: bool,
    /// Where it is shown (links).
    pub host: HostRef,
    /// Fetch again now.
    pub onrefresh: Callback<()>,
}

/// A deployment fetched from AppConfig: the view, its environment's alarms, and what the user
/// may do (stop, revert when `actions`; be notified).
#[function_component(LiveDeployment)]
pub(crate) fn live_deployment(props: &LiveDeploymentProps) -> Html {
    let now = use_now(30_000);
    let d = props.data.deployment.clone();
    let app = d
        .as_ref()
        .and_then(|d| d.application_id.clone())
        .unwrap_or_default();
    let env = d
        .as_ref()
        .and_then(|d| d.environment_id.clone())
        .unwrap_or_default();
    let info = &props.info;
    let (watching, can_notify, toggle_notify) = use_notify(d.as_deref());
    // Asking for the page's notification permission is the page's to do, not a guest's.
    let can_notify = can_notify && props.host.0.copy_link();
    let Some(d) = d else { return html! {} };
    let live = LiveInfo {
        updated_ms: props.data.updated_ms,
        live: props.data.live,
        loading: props.data.loading,
        onrefresh: props.onrefresh.clone(),
        problem: props.data.problem.clone(),
        next_ms: props.data.next_ms,
        clock_note: props.api.clock_note().map(AttrValue::from),
    };
    let full_view = props.host.0.full_view_href().map(AttrValue::from);
    let copy_link = props.host.0.copy_link();
    let environment = info.environment.clone();
    let monitors = environment
        .as_ref()
        .map(|e| Rc::new(e.monitors.clone().unwrap_or_default()));
    let env_name = environment
        .as_ref()
        .and_then(|e| e.name.clone())
        .unwrap_or_else(|| env.clone());
    let actions = props.actions;
    let in_progress = d.state.as_ref().is_some_and(|s| s.is_in_progress());
    html! {
        <DeploymentView deployment={Rc::clone(&d)} live={Some(live)} {full_view} {copy_link} {monitors}>
            if actions || (can_notify && in_progress) {
                <div class="dep-tools">
                    if actions {
                        <DeploymentActions deployment={Rc::clone(&d)} api={Rc::clone(&props.api)} latest_number={info.latest_number}
                            app_name={AttrValue::from(app.clone())} env_name={AttrValue::from(env_name)} now_ms={now}
                            ondone={props.onrefresh.clone()} />
                    }
                    if can_notify && (in_progress || watching) {
                        <button type="button" class="link notify-toggle" aria-pressed={watching.to_string()}
                            onclick={toggle_notify.reform(|_| ())}>
                            { if watching { "Notifying when it ends (stop)" } else { "Notify me when it ends" } }
                        </button>
                    }
                </div>
            }
        </DeploymentView>
    }
}
