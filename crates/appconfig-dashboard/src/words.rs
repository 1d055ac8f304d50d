//! Model values in plain words: deployment and environment states.

use appconfig_core::{
    model::{EnvironmentState, EnvironmentStateKind},
    DeploymentState,
};

/// The state in words, with an icon and a colour, what it means, and its CSS class.
pub(crate) fn state_words(state: Option<&DeploymentState>) -> (&'static str, &'static str, String) {
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

/// An environment state in words, whichever way it is spelled: AppConfig sends
/// `ReadyForDeployment`, the model says `READY_FOR_DEPLOYMENT`; both read "Ready for deployment".
pub(crate) fn env_state(state: &EnvironmentState) -> String {
    match state.kind() {
        EnvironmentStateKind::ReadyForDeployment => "Ready for deployment".to_owned(),
        EnvironmentStateKind::Deploying => "Deploying".to_owned(),
        EnvironmentStateKind::RollingBack => "Rolling back".to_owned(),
        EnvironmentStateKind::RolledBack => "Rolled back".to_owned(),
        EnvironmentStateKind::Reverted => "Reverted".to_owned(),
        _ => sentence_case(state.as_str()),
    }
}

/// `SOME_NEW_STATE` or `SomeNewState` → "Some new state".
/// AWS's state spellings are ASCII: ASCII case mapping only (the Unicode case tables cost
/// ~23 KB of wasm).
fn sentence_case(raw: &str) -> String {
    let mut words = String::new();
    let mut prev_lower = false;
    for c in raw.chars() {
        if c == '_' || c == '-' || c == ' ' {
            words.push(' ');
            prev_lower = false;
        } else if c.is_ascii_uppercase() && prev_lower {
            words.push(' ');
            words.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else {
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            words.push(c.to_ascii_lowercase());
        }
    }
    crate::format::capitalized(&words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn environment_states_in_words_either_spelling() {
        for (raw, words) in [
            ("ReadyForDeployment", "Ready for deployment"),
            ("READY_FOR_DEPLOYMENT", "Ready for deployment"),
            ("RollingBack", "Rolling back"),
            ("ROLLED_BACK", "Rolled back"),
            ("Reverted", "Reverted"),
            ("SomethingNew", "Something new"),
            ("SOME_NEW_STATE", "Some new state"),
        ] {
            assert_eq!(env_state(&EnvironmentState::from(raw)), words, "{raw}");
        }
    }
}
