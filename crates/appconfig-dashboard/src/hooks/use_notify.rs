use appconfig_core::{Deployment, DeploymentState};
use wasm_bindgen::JsValue;
use yew::prelude::*;

/// Opt-in browser notifications for the deployment on screen: when the user asked (and the
/// browser allowed it), one notification when it completes, rolls back or is reverted.
///
/// Returns (watching, available, toggle).
#[hook]
pub fn use_notify(deployment: Option<&Deployment>) -> (bool, bool, Callback<()>) {
    let watching = use_state(|| false);
    let last = use_mut_ref(|| None::<(Option<i32>, Option<DeploymentState>)>);
    let available = notification_class().is_some();
    let key = deployment.map(|d| (d.deployment_number, d.state.clone()));
    let title = deployment.map(|d| crate::hooks::tab_status(Some(d)).title);
    {
        let watching = *watching;
        use_effect_with(key, move |key| {
            let previous = last.borrow_mut().replace(key.clone().unwrap_or_default());
            let (Some((n, Some(state))), Some((pn, Some(prev)))) = (key, previous) else {
                return;
            };
            let finished = matches!(
                state,
                DeploymentState::Complete | DeploymentState::RolledBack | DeploymentState::Reverted
            );
            if watching
                && *n == pn
                && prev != *state
                && (prev.is_in_progress() || prev == DeploymentState::Complete)
                && finished
            {
                show(&title.unwrap_or_default());
            }
        });
    }
    let toggle = {
        let watching = watching.clone();
        Callback::from(move |()| {
            if *watching {
                watching.set(false);
                return;
            }
            let watching = watching.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if request_permission().await {
                    watching.set(true);
                }
            });
        })
    };
    (*watching, available, toggle)
}

fn notification_class() -> Option<js_sys::Function> {
    let w = web_sys::window()?;
    js_sys::Reflect::get(&w, &"Notification".into())
        .ok()
        .and_then(|v| v.dyn_into_function())
}

trait DynFn {
    fn dyn_into_function(self) -> Option<js_sys::Function>;
}

impl DynFn for JsValue {
    fn dyn_into_function(self) -> Option<js_sys::Function> {
        use wasm_bindgen::JsCast;
        self.dyn_into::<js_sys::Function>().ok()
    }
}

async fn request_permission() -> bool {
    let Some(class) = notification_class() else {
        return false;
    };
    let Ok(f) = js_sys::Reflect::get(&class, &"requestPermission".into()) else {
        return false;
    };
    let Some(f) = f.dyn_into_function() else {
        return false;
    };
    let Ok(p) = f.call0(&class) else { return false };
    let answer = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&p)).await;
    answer.ok().and_then(|a| a.as_string()).as_deref() == Some("granted")
}

fn show(title: &str) {
    let Some(class) = notification_class() else {
        return;
    };
    let args = js_sys::Array::of1(&JsValue::from_str(title));
    let _ = js_sys::Reflect::construct(&class, &args);
}
