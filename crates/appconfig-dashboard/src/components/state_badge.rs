use appconfig_core::DeploymentState;
use yew::prelude::*;

use crate::words::state_words;

/// Props of [`StateBadge`].
#[derive(Properties, PartialEq)]
pub(crate) struct StateBadgeProps {
    /// The state (absent: "Unknown").
    pub state: Option<DeploymentState>,
}

/// The deployment state as a coloured badge with an icon and text (never colour alone), in a
/// live `role="status"` region so that screen readers hear it change.
#[function_component(StateBadge)]
pub(crate) fn state_badge(props: &StateBadgeProps) -> Html {
    let (words, icon, class) = state_words(props.state.as_ref());
    let text = if words.is_empty() {
        props
            .state
            .as_ref()
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default()
    } else {
        words.to_owned()
    };
    let wire = props
        .state
        .as_ref()
        .map(|s| s.as_str().to_owned())
        .unwrap_or_default();
    html! {
        <span role="status" class="state-status">
            <span class={classes!("badge", format!("state-{class}"))} data-state={wire.clone()} title={wire}>
                <span class="badge-icon" aria-hidden="true">{ icon }</span>
                { text }
            </span>
        </span>
    }
}
