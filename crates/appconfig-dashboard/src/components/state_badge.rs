use appconfig_core::DeploymentState;
use yew::prelude::*;

/// Props of [`StateBadge`].
#[derive(Properties, PartialEq)]
pub struct StateBadgeProps {
    /// The state (absent: "Unknown").
    pub state: Option<DeploymentState>,
}

/// The state in words, with an icon and a colour, what it means, and its CSS class.
pub fn state_words(state: Option<&DeploymentState>) -> (&'static str, &'static str, String) {
    match state {
        Some(DeploymentState::Deploying) => ("Deploying", "▶", "deploying".into()),
        Some(DeploymentState::Baking) => ("Baking", "◔", "baking".into()),
        Some(DeploymentState::Validating) => ("Validating", "…", "validating".into()),
        Some(DeploymentState::Complete) => ("Complete", "✓", "complete".into()),
        Some(DeploymentState::RollingBack) => ("Rolling back", "↺", "rolling-back".into()),
        Some(DeploymentState::RolledBack) => ("Rolled back", "↺", "rolled-back".into()),
        Some(DeploymentState::Reverted) => ("Reverted", "⤺", "reverted".into()),
        Some(other) => (
            "",
            "?",
            format!("other {}", other.as_str().to_ascii_lowercase()),
        ),
        None => ("Unknown", "?", "unknown".into()),
    }
}

/// The deployment state as a coloured badge with an icon and text (never colour alone), in a
/// live `role="status"` region so that screen readers hear it change.
#[function_component(StateBadge)]
pub fn state_badge(props: &StateBadgeProps) -> Html {
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
