use std::rc::Rc;

use yew::prelude::*;

use super::deployment_view::LiveInfo;
use super::{what_changed, DeploymentActions, DeploymentView};
use crate::api::Api;
use crate::hooks::{
    use_alarms, use_notify, use_now, use_what_changed, DeploymentData, EnvironmentInfo,
};
use crate::host::HostRef;
use crate::platform;

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
    // Fetched again when the deployment's state changes (a stop makes it the latest's too).
    let state_key = d
        .as_ref()
        .and_then(|d| d.state.as_ref())
        .map(|s| s.as_str().len() as u32 + u32::from(s.is_in_progress()))
        .unwrap_or_default();
    let info = &props.info;
    // The monitors' alarms: refreshed with the deployment while it runs (DEPLOYING or BAKING:
    // AppConfig watches them then), once otherwise; the history of the deployment's window.
    let arns: Rc<Vec<String>> = Rc::new(
        info.environment
            .as_ref()
            .and_then(|e| e.monitors.as_ref())
            .map(|m| m.iter().filter_map(|m| m.alarm_arn.clone()).collect())
            .unwrap_or_default(),
    );
    let watched = d.as_ref().and_then(|d| d.state.as_ref()).is_some_and(|s| {
        matches!(
            s,
            appconfig_core::DeploymentState::Deploying | appconfig_core::DeploymentState::Baking
        )
    });
    let refresh = if watched {
        props.data.updated_ms.unwrap_or_default() as u64
    } else {
        0
    };
    let window = d.as_ref().and_then(|d| {
        let start = d.started_at?;
        let end = d.completed_at.unwrap_or_else(|| {
            appconfig_core::DateTime::from_epoch_millis(platform::now_ms() as i64)
        });
        Some((start.add_millis(-60_000), end.add_millis(60_000)))
    });
    let alarms = use_alarms(
        Some(Rc::clone(&props.api)),
        arns,
        window,
        refresh,
        state_key,
    );
    let what = use_what_changed(Some(Rc::clone(&props.api)), d.clone());
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
        <DeploymentView deployment={Rc::clone(&d)} live={Some(live)} {full_view} {copy_link} {monitors} alarms={(*alarms).clone()}
            what_changed={what_changed(&d, &what)}>
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
