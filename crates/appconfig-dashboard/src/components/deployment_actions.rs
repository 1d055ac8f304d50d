use std::cell::Cell;
use std::rc::Rc;

use appconfig_core::{operation::StopDeploymentInput, Deployment, DeploymentState};
use yew::prelude::*;

use super::error_panel;
use crate::api::Api;
use crate::errors::Problem;
use crate::format::label;
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
    /// The application as people know it (untrusted: shown through [`label`]).
    pub app_name: AttrValue,
    /// The environment's name (untrusted; shown with its id).
    pub env_name: AttrValue,
    /// "Now" (`Date.now()` ms).
    pub now_ms: f64,
    /// The stop or revert was accepted: fetch again.
    pub ondone: Callback<()>,
}

/// What a dialog was opened for: the action, its deployment number, application and
/// environment. Confirming performs exactly this, or nothing.
type Target = (Offer, i32, Option<String>, Option<String>);

/// "Stop deployment" or "Revert", each behind a dialog that names what will happen and needs a
/// deliberate second click. The dialog holds the action and the deployment it was opened for;
/// when they stop applying (the deployment moved on, another one is shown), it closes, says why,
/// and never comes back by itself: only a new click opens a new one.
#[function_component(DeploymentActions)]
pub(crate) fn deployment_actions(props: &DeploymentActionsProps) -> Html {
    let open = use_state(|| false);
    let armed = use_state(|| false);
    let busy = use_state(|| false);
    let problem = use_state(|| None::<Problem>);
    let target = use_mut_ref(|| None::<Target>);
    // Counts openings: only the latest one's delay arms the button.
    let opened = use_mut_ref(|| Rc::new(Cell::new(0u32)));
    let cancel_ref = use_node_ref();
    let d = &props.deployment;
    let n = d.deployment_number.unwrap_or_default();
    let now = offer(d, props.latest_number, props.now_ms);
    let here = now.map(|what| (what, n, d.application_id.clone(), d.environment_id.clone()));
    let Some((what, number, app, env)) = target.borrow().clone().or_else(|| here.clone()) else {
        return html! {};
    };
    let verb = format!(
        "{} deployment #{number}",
        if what == Offer::Stop {
            "Stop"
        } else {
            "Revert"
        }
    );
    let applies = here == *target.borrow();
    // Closed once the request in flight (if any) has answered: a stop that was accepted makes
    // the deployment roll back, which is no reason to say nothing was sent. The target stays,
    // for the note that says why, until the user cancels, succeeds or opens a new dialog.
    if *open && !applies && !*busy {
        open.set(false);
    }
    // A request that was sent and failed keeps its problem until the next opening: the note
    // must not then say that nothing was sent.
    let note = (!*open && !applies && target.borrow().is_some()).then(|| {
        let state = label(d.state.as_ref().map(|s| s.as_str()).unwrap_or_default());
        if problem.is_some() {
            format!("{verb}? closed after the request failed: deployment #{n} is now {state}.")
        } else {
            format!("{verb}? closed, nothing sent: deployment #{n} is now {state}.")
        }
    });
    let on_open = {
        let (open, armed, problem, cancel_ref) = (
            open.clone(),
            armed.clone(),
            problem.clone(),
            cancel_ref.clone(),
        );
        let (target, here, opened) = (target.clone(), here.clone(), Rc::clone(&opened.borrow()));
        Callback::from(move |_: MouseEvent| {
            *target.borrow_mut() = here.clone();
            let id = opened.get().wrapping_add(1);
            opened.set(id);
            open.set(true);
            armed.set(false);
            problem.set(None);
            let (armed, cancel_ref, opened) =
                (armed.clone(), cancel_ref.clone(), Rc::clone(&opened));
            wasm_bindgen_futures::spawn_local(async move {
                // Focus lands on Cancel, never on the action.
                platform::sleep(30, Rc::new(Cell::new(false))).await;
                if let Some(el) = cancel_ref.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
                platform::sleep(ARM_MS, Rc::new(Cell::new(false))).await;
                if opened.get() == id {
                    armed.set(true);
                }
            });
        })
    };
    let close = {
        let (open, target) = (open.clone(), target.clone());
        move || {
            *target.borrow_mut() = None;
            open.set(false);
        }
    };
    let on_cancel = {
        let close = close.clone();
        Callback::from(move |_: MouseEvent| close())
    };
    let ready = *armed && applies && !*busy;
    let on_confirm = {
        let (close, busy, problem) = (close.clone(), busy.clone(), problem.clone());
        let (api, ondone) = (Rc::clone(&props.api), props.ondone.clone());
        let input = StopDeploymentInput {
            application_id: app.unwrap_or_default(),
            environment_id: env.clone().unwrap_or_default(),
            deployment_number: i64::from(number),
            allow_revert: what == Offer::Revert,
        };
        Callback::from(move |_: MouseEvent| {
            if !ready {
                return;
            }
            busy.set(true);
            let (close, busy, problem, api, ondone, input) = (
                close.clone(),
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
                        close();
                        ondone.emit(());
                    }
                    Err(p) => problem.set(Some(p)),
                }
            });
        })
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            close();
        }
    });
    let consequence = match what {
        Offer::Stop => "AppConfig stops the rollout and rolls it back: every client gets the previous configuration again, and the deployment ends as Rolled back.",
        Offer::Revert => "AppConfig reverts the environment to the configuration it had before this deployment, for every client, and the deployment ends as Reverted.",
    };
    html! {
        // The note why a dialog closed is announced where the dialog's button was.
        <div class="dep-actions" aria-live="polite">
            if let Some(what) = now {
                <button type="button" class={if what == Offer::Stop { "secondary danger action-stop" } else { "secondary danger action-revert" }}
                    onclick={on_open} aria-haspopup="dialog">{ if what == Offer::Stop { "Stop deployment…" } else { "Revert…" } }</button>
            }
            if *open && applies {
                <div class="dialog-backdrop">
                    <div class="dialog card" role="alertdialog" aria-modal="true" aria-labelledby="action-title" aria-describedby="action-text" {onkeydown}>
                        <h3 id="action-title">{ format!("{verb}?") }</h3>
                        // Names can repeat in AWS, ids cannot: the environment by both.
                        <p id="action-text">
                            <strong>{ label(&props.app_name) }</strong>{ " / " }
                            <strong>{ format!("{} ({})", label(&props.env_name), label(&env.unwrap_or_default())) }</strong>
                            { format!(", deployment #{number}. ") }{ consequence }
                        </p>
                        if let Some(p) = &*problem {
                            { error_panel(p, None, None, true) }
                        }
                        <div class="dialog-buttons">
                            <button type="button" class="secondary" ref={cancel_ref} onclick={on_cancel}>{ "Cancel" }</button>
                            <button type="button" class="primary danger confirm-action" disabled={!ready} onclick={on_confirm}>
                                { if *busy { "Sending…".to_owned() } else { verb } }
                            </button>
                        </div>
                    </div>
                </div>
            }
            { note }
        </div>
    }
}
