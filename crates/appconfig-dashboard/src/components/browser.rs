use std::rc::Rc;

use appconfig_core::model::{Application, DeploymentSummary, Environment};
use yew::prelude::*;

use crate::view::fixed;

use super::error_panel;
use crate::api::{Api, PAGE_SIZE};
use crate::format::{percent, relative, visible};
use crate::hooks::{erased, use_paged, Paged};
use crate::platform;
use crate::words::{env_state, state_words};

/// Props of [`Browser`].
#[derive(Properties, PartialEq)]
pub(crate) struct BrowserProps {
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

fn more(p: &Paged) -> Html {
    html! {
        <>
            if let Some(problem) = &p.problem {
                { error_panel(problem, Some(&p.load_more), None, true) }
            }
            if p.loading {
                { fixed("<p class=\"muted\" aria-live=\"polite\">Loading…</p>") }
            } else if p.next_token.is_some() {
                <button type="button" class="secondary load-more" onclick={p.load_more.reform(|_| ())}>{ "Load more" }</button>
            } else if p.is_empty() && p.problem.is_none() {
                { fixed("<p class=\"muted\">None.</p>") }
            }
        </>
    }
}

/// One application or environment to pick: its name, id and (environments) state.
fn pick(
    id: Option<&str>,
    name: Option<&str>,
    state: Option<String>,
    current: &str,
    on: &Callback<String>,
) -> Html {
    let id = id.unwrap_or_default().to_owned();
    let selected = id == current;
    let onclick = {
        let (on, id) = (on.clone(), id.clone());
        Callback::from(move |_| on.emit(id.clone()))
    };
    html! {
        <li>
            <button type="button" class={classes!("pick", selected.then_some("selected"))} aria-pressed={selected.to_string()} {onclick}>
                <span class="pick-name">{ visible(name.unwrap_or(&id)) }</span>
                <code class="muted">{ id.clone() }</code>
                if let Some(s) = state { <span class="muted small pick-state">{ s }</span> }
            </button>
        </li>
    }
}

/// Applications → environments → deployments, page by page, for people who do not know the ids.
#[function_component(Browser)]
pub(crate) fn browser(props: &BrowserProps) -> Html {
    // One hook, not one per item type: the item type appears only at `erased` and `items`.
    let apps = use_paged(
        props.api.clone(),
        Some((String::new(), String::new())),
        |api, _, token| {
            Box::pin(async move { api.applications(token, PAGE_SIZE).await.map(erased) })
        },
    );
    let app_key = Some(props.app.to_string()).filter(|a| !a.is_empty());
    let envs = use_paged(
        props.api.clone(),
        app_key.clone().map(|a| (a, String::new())),
        |api, (app, _), token| {
            Box::pin(async move { api.environments(app, token, PAGE_SIZE).await.map(erased) })
        },
    );
    let dep_key = app_key
        .clone()
        .zip(Some(props.env.to_string()).filter(|e| !e.is_empty()));
    let deps = use_paged(
        props.api.clone(),
        dep_key.clone(),
        |api, (app, env), token| {
            Box::pin(async move { api.deployments(app, env, token).await.map(erased) })
        },
    );
    let now = platform::now_ms();
    if props.api.is_none() {
        return html! { <div class="browser">{ fixed("<p class=\"muted\">Enter credentials under Connection to browse.</p>") }</div> };
    }
    html! {
        <div class="browser" aria-label="Browse deployments">
            <section class="browse-col">
                { fixed("<h4>Applications</h4>") }
                <ul class="pick-list">
                    { for apps.items::<Application>().map(|a| pick(a.id.as_deref(), a.name.as_deref(), None, &props.app, &props.onapp)) }
                </ul>
                { more(&apps) }
            </section>
            if app_key.is_some() {
                <section class="browse-col">
                    { fixed("<h4>Environments</h4>") }
                    <ul class="pick-list">
                        { for envs.items::<Environment>().map(|e| pick(e.id.as_deref(), e.name.as_deref(), e.state.as_ref().map(env_state), &props.env, &props.onenv)) }
                    </ul>
                    { more(&envs) }
                </section>
            }
            if dep_key.is_some() {
                <section class="browse-col wide">
                    { fixed("<h4>Deployments</h4>") }
                    <ul class="pick-list">
                        { for deps.items::<DeploymentSummary>().map(|d| {
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
