use std::cell::Cell;
use std::rc::Rc;

use appconfig_core::{operation::StopDeploymentInput, Deployment, DeploymentState};
use yew::prelude::*;

use super::error_panel;
use crate::api::Api;
use crate::errors::Problem;
use crate::platform;

/// AppConfig reverts a completed deployment only within this long of its completion.
pub(crate) const REVERT_WINDOW_MS: f64 = 72.0 * 3600.0 * 1000.0;
/// The confirm button stays disabled this long after the dialog opens, so that a double click
/// or a held Enter cannot pass through it.
pub(crate) const ARM_MS: u32 = 1_000;

/// What the user may do to a deployment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Offer {
    /// Stop a running deployment: AppConfig rolls it back.
    Stop,
    /// Revert a completed one to the previous configuration.
    Revert,
}

/// What AWS allows: stop while DEPLOYING (the API reference: "works only on deployments that
/// have a status of DEPLOYING"); revert a COMPLETE deployment that is the latest of its
/// environment and completed less than 72 hours ago.
pub(crate) fn offer(d: &Deployment, latest_number: Option<i32>, now_ms: f64) -> Option<Offer> {
    match d.state.as_ref()? {
        DeploymentState::Deploying => Some(Offer::Stop),
        DeploymentState::Complete => {
            let latest = latest_number.is_some() && latest_number == d.deployment_number;
            let recent = d
                .completed_at
                .is_some_and(|c| now_ms - (c.epoch_millis() as f64) < REVERT_WINDOW_MS);
            (latest && recent).then_some(Offer::Revert)
        }
        _ => None,
    }
}

/// Props of [`DeploymentActions`].
#[derive(Properties, PartialEq)]
pub(crate) struct DeploymentActionsProps {
    /// The deployment.
    pub deployment: Rc<Deployment>,
    /// The client.
    pub api: Rc<Api>,
    /// The number of the environment's latest deployment.
    pub latest_number: Option<i32>,
    /// Application and environment as people know them.
    pub app_name: AttrValue,
    /// The environment's name.
    pub env_name: AttrValue,
    /// "Now" (`Date.now()` ms).
    pub now_ms: f64,
    /// The stop or revert was accepted: fetch again.
    pub ondone: Callback<()>,
}

/// "Stop deployment" or "Revert", each behind a dialog that names what will happen and needs a
/// deliberate second click.
#[function_component(DeploymentActions)]
pub(crate) fn deployment_actions(props: &DeploymentActionsProps) -> Html {
    let open = use_state(|| false);
    let armed = use_state(|| false);
    let busy = use_state(|| false);
    let problem = use_state(|| None::<Problem>);
    let cancel_ref = use_node_ref();
    let d = &props.deployment;
    let Some(what) = offer(d, props.latest_number, props.now_ms) else {
        return html! {};
    };
    let n = d.deployment_number.unwrap_or_default();
    let (button, verb, consequence) = match what {
        Offer::Stop => (
            "Stop deployment…",
            format!("Stop deployment #{n}"),
            "AppConfig stops the rollout and rolls it back: every client gets the previous configuration again, and the deployment ends as Rolled back.",
        ),
        Offer::Revert => (
            "Revert…",
            format!("Revert deployment #{n}"),
            "AppConfig reverts the environment to the configuration it had before this deployment, for every client, and the deployment ends as Reverted.",
        ),
    };
    let on_open = {
        let (open, armed, problem, cancel_ref) = (
            open.clone(),
            armed.clone(),
            problem.clone(),
            cancel_ref.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            open.set(true);
            armed.set(false);
            problem.set(None);
            let (armed, cancel_ref) = (armed.clone(), cancel_ref.clone());
            wasm_bindgen_futures::spawn_local(async move {
                // Focus lands on Cancel, never on the action.
                platform::sleep(30, Rc::new(Cell::new(false))).await;
                if let Some(el) = cancel_ref.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
                platform::sleep(ARM_MS, Rc::new(Cell::new(false))).await;
                armed.set(true);
            });
        })
    };
    let on_cancel = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };
    let on_confirm = {
        let (open, busy, problem) = (open.clone(), busy.clone(), problem.clone());
        let (api, ondone) = (Rc::clone(&props.api), props.ondone.clone());
        let input = StopDeploymentInput {
            application_id: d.application_id.clone().unwrap_or_default(),
            environment_id: d.environment_id.clone().unwrap_or_default(),
            deployment_number: i64::from(n),
            allow_revert: what == Offer::Revert,
        };
        let armed = *armed;
        Callback::from(move |_: MouseEvent| {
            if !armed || *busy {
                return;
            }
            busy.set(true);
            let (open, busy, problem, api, ondone, input) = (
                open.clone(),
                busy.clone(),
                problem.clone(),
                Rc::clone(&api),
                ondone.clone(),
                input.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = api.stop(&input).await;
                busy.set(false);
                match result {
                    Ok(()) => {
                        open.set(false);
                        ondone.emit(());
                    }
                    Err(p) => problem.set(Some(p)),
                }
            });
        })
    };
    let onkeydown = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                open.set(false);
            }
        })
    };
    html! {
        <div class="dep-actions">
            <button type="button" class={classes!("secondary", "danger", format!("action-{}", if what == Offer::Stop { "stop" } else { "revert" }))}
                onclick={on_open} aria-haspopup="dialog">{ button }</button>
            if *open {
                <div class="dialog-backdrop">
                    <div class="dialog card" role="alertdialog" aria-modal="true" aria-labelledby="action-title" aria-describedby="action-text" {onkeydown}>
                        <h3 id="action-title">{ format!("{verb}?") }</h3>
                        <p id="action-text">
                            <strong>{ props.app_name.clone() }</strong>{ " / " }<strong>{ props.env_name.clone() }</strong>
                            { format!(", deployment #{n}. ") }{ consequence }
                        </p>
                        if let Some(p) = &*problem {
                            { error_panel(p, None, None, true) }
                        }
                        <div class="dialog-buttons">
                            <button type="button" class="secondary" ref={cancel_ref} onclick={on_cancel}>{ "Cancel" }</button>
                            <button type="button" class="primary danger confirm-action" disabled={!*armed || *busy} onclick={on_confirm}>
                                { if *busy { "Sending…".to_owned() } else { verb.clone() } }
                            </button>
                        </div>
                    </div>
                </div>
            }
        </div>
    }
}
