use std::rc::Rc;

use appconfig_core::{
    Application, DeploymentSummary, Environment, EnvironmentState, EnvironmentStateKind,
};
use yew::prelude::*;

use super::state_badge::state_words;
use super::ErrorPanel;
use crate::api::Api;
use crate::format::{percent, relative};
use crate::hooks::{use_paged, Paged};
use crate::platform;

/// Props of [`Browser`].
#[derive(Properties, PartialEq)]
pub struct BrowserProps {
    /// The client (none: credentials are missing).
    pub api: Option<Rc<Api>>,
    /// The application picked so far.
    pub app: AttrValue,
    /// The environment picked so far.
    pub env: AttrValue,
    /// An application was picked.
    pub onapp: Callback<String>,
    /// An environment was picked.
    pub onenv: Callback<String>,
    /// A deployment was picked (its number).
    pub ondeployment: Callback<i32>,
}

fn more<T: Clone + PartialEq>(p: &Paged<T>) -> Html {
    html! {
        <>
            if let Some(problem) = p.problem.clone() {
                <ErrorPanel {problem} compact=true onretry={p.load_more.clone()} />
            }
            if p.loading {
                <p class="muted" aria-live="polite">{ "Loading…" }</p>
            } else if p.next_token.is_some() {
                <button type="button" class="secondary load-more" onclick={p.load_more.reform(|_| ())}>{ "Load more" }</button>
            } else if p.items.is_empty() && p.problem.is_none() {
                <p class="muted">{ "None." }</p>
            }
        </>
    }
}

/// An environment state in words, whichever way it is spelled: AppConfig sends
/// `ReadyForDeployment`, the model says `READY_FOR_DEPLOYMENT`; both read "Ready for deployment".
fn env_state(state: &EnvironmentState) -> String {
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
fn sentence_case(raw: &str) -> String {
    let mut words = String::new();
    let mut prev_lower = false;
    for c in raw.chars() {
        if c == '_' || c == '-' || c == ' ' {
            words.push(' ');
            prev_lower = false;
        } else if c.is_uppercase() && prev_lower {
            words.push(' ');
            words.extend(c.to_lowercase());
            prev_lower = false;
        } else {
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            words.extend(c.to_lowercase());
        }
    }
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Applications → environments → deployments, page by page, for people who do not know the ids.
#[function_component(Browser)]
pub fn browser(props: &BrowserProps) -> Html {
    let apps = use_paged::<(), Application>(props.api.clone(), Some(()), |api, (), token| {
        Box::pin(async move { api.applications(token).await })
    });
    let app_key = Some(props.app.to_string()).filter(|a| !a.is_empty());
    let envs =
        use_paged::<String, Environment>(props.api.clone(), app_key.clone(), |api, app, token| {
            Box::pin(async move { api.environments(app, token).await })
        });
    let dep_key = app_key
        .clone()
        .zip(Some(props.env.to_string()).filter(|e| !e.is_empty()));
    let deps = use_paged::<(String, String), DeploymentSummary>(
        props.api.clone(),
        dep_key.clone(),
        |api, (app, env), token| Box::pin(async move { api.deployments(app, env, token).await }),
    );
    let now = platform::now_ms();
    if props.api.is_none() {
        return html! { <div class="browser"><p class="muted">{ "Enter credentials under Connection to browse." }</p></div> };
    }
    html! {
        <div class="browser" aria-label="Browse deployments">
            <section class="browse-col">
                <h4>{ "Applications" }</h4>
                <ul class="pick-list">
                    { for apps.items.iter().map(|a| {
                        let id = a.id.clone().unwrap_or_default();
                        let selected = id == props.app.as_str();
                        let onapp = props.onapp.clone();
                        let pick = id.clone();
                        html! {
                            <li>
                                <button type="button" class={classes!("pick", selected.then_some("selected"))} aria-pressed={selected.to_string()}
                                    onclick={Callback::from(move |_| onapp.emit(pick.clone()))}>
                                    <span class="pick-name">{ a.name.clone().unwrap_or_else(|| id.clone()) }</span>
                                    <code class="muted">{ id.clone() }</code>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
                { more(&apps) }
            </section>
            if app_key.is_some() {
                <section class="browse-col">
                    <h4>{ "Environments" }</h4>
                    <ul class="pick-list">
                        { for envs.items.iter().map(|e| {
                            let id = e.id.clone().unwrap_or_default();
                            let selected = id == props.env.as_str();
                            let onenv = props.onenv.clone();
                            let pick = id.clone();
                            html! {
                                <li>
                                    <button type="button" class={classes!("pick", selected.then_some("selected"))} aria-pressed={selected.to_string()}
                                        onclick={Callback::from(move |_| onenv.emit(pick.clone()))}>
                                        <span class="pick-name">{ e.name.clone().unwrap_or_else(|| id.clone()) }</span>
                                        <code class="muted">{ id.clone() }</code>
                                        if let Some(s) = &e.state { <span class="muted small pick-state">{ env_state(s) }</span> }
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                    { more(&envs) }
                </section>
            }
            if dep_key.is_some() {
                <section class="browse-col wide">
                    <h4>{ "Deployments" }</h4>
                    <ul class="pick-list">
                        { for deps.items.iter().map(|d| {
                            let n = d.deployment_number.unwrap_or_default();
                            let (words, icon, class) = state_words(d.state.as_ref());
                            let ondep = props.ondeployment.clone();
                            html! {
                                <li>
                                    <button type="button" class="pick deployment-pick" data-deployment={n.to_string()}
                                        onclick={Callback::from(move |_| ondep.emit(n))}>
                                        <span class="pick-name">{ format!("#{n}") }</span>
                                        <span class={classes!("badge", "small", format!("state-{class}"))}><span aria-hidden="true">{ icon }</span>{ words }</span>
                                        <span class="muted">{ d.configuration_name.clone().unwrap_or_default() }
                                            { d.configuration_version.clone().map(|v| format!(" v{v}")).unwrap_or_default() }</span>
                                        <span class="muted small">
                                            { d.percentage_complete.map(|p| percent(f64::from(p))).unwrap_or_default() }
                                            { d.started_at.map(|s| format!(" · {}", relative(&s, now))).unwrap_or_default() }
                                        </span>
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                    { more(&deps) }
                </section>
            }
        </div>
    }
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
