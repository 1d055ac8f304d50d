use appconfig_core::DeploymentState;
use yew::prelude::*;

use crate::words::state_words;

/// The deployment state as a coloured badge with an icon and text (never colour alone), in a
/// live `role="status"` region so that screen readers hear it change. `None`: "Unknown".
///
/// A plain function, not a component: it has no state, and each component costs the wasm its
/// own copy of yew's lifecycle code.
pub(crate) fn state_badge(state: Option<&DeploymentState>) -> Html {
    let (words, icon, class) = state_words(state);
    let text = if words.is_empty() {
        state.map(|s| s.as_str().to_owned()).unwrap_or_default()
    } else {
        words.to_owned()
    };
    let wire = state.map(|s| s.as_str().to_owned()).unwrap_or_default();
    html! {
        <span role="status" class="state-status">
            <span class={classes!("badge", format!("state-{class}"))} data-state={wire.clone()} title={wire}>
                <span class="badge-icon" aria-hidden="true">{ icon }</span>
                { text }
            </span>
        </span>
    }
}
