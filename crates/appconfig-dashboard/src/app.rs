//! The app: the [`AppState`] reducer, the hooks that feed it, and the page's layout. Embed mode
//! renders the result area alone.

use std::rc::Rc;

use yew::prelude::*;

use crate::api::Api;
use crate::components::{
    connect_form, finder, Browser, ConnectFormProps, FinderProps, PastePanel, ResultArea,
};
use crate::errors::Problem;
use crate::form::FindDraft;
use crate::hooks::{
    use_embed_bridge, use_history, use_live, use_page_effects, use_sim_info, LiveTarget, Page,
};
use crate::platform;
use crate::settings::Mode;
use crate::state::{Action, AppState, Target};
use crate::view::fixed;

/// The dashboard.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(Page::initial_state);
    let dispatch = state.dispatcher();
    let embed = state.route.embed;
    let root_ref = use_node_ref();
    use_sim_info(dispatch.clone());
    use_history(dispatch.clone());
    let host = use_memo(state.route.clone(), Page::host);
    use_embed_bridge(
        embed,
        state.route.origin.clone(),
        state.conn.clone(),
        root_ref.clone(),
        dispatch.clone(),
    );
    use_effect_with((state.route.theme, embed), |(theme, embed)| {
        platform::set_root_look(*theme, *embed)
    });

    // No client at all while remembered credentials are not confirmed for the target: nothing
    // (deployment, browser, overview) can send them there.
    // Embedded, no client until the portal (or the simulator serving the page) names where
    // requests go.
    let api: Rc<Result<Rc<Api>, Problem>> = use_memo((state.conn.clone(), embed), |(c, embed)| {
        match c.unconfirmed_target(state.page_origin.as_deref()) {
            _ if *embed && (c.mode == Mode::Direct || c.url.trim().is_empty()) => {
                Err(Problem::no_credentials())
            }
            Some(target) => Err(Problem::unconfirmed(&target)),
            None => Api::new(c),
        }
    });
    let target = Target::of(&state.route);
    let live = target.input().filter(|_| state.pasted.is_none());
    let requested = api.as_ref().is_ok() && live.is_some();
    let (data, info) = use_live(
        api.as_ref().as_ref().ok().cloned(),
        live.map(LiveTarget::from),
        state.nonce,
    );
    use_page_effects(
        &state,
        root_ref.clone(),
        state.pasted.clone().or(data.deployment.clone()),
    );

    let cb = |f: fn() -> Action| on(&dispatch, move |()| f());
    let result = html! {
        <ResultArea api={Rc::clone(&api)} route={state.route.clone()} target={target.clone()} host={(*host).clone()} pasted={state.pasted.clone()}
            {data} {info} {requested} sim_checked={state.sim_checked} simulator={state.sim.is_some()}
            onrefresh={cb(|| Action::Refresh)} onclose_paste={cb(|| Action::Paste(None))} oncontinue={cb(|| Action::Continue)}
            onopen={on(&dispatch, |(app, env, n): (String, String, i32)| Action::Show(FindDraft { app, env, deployment: n.to_string() }, true))} />
    };
    if embed {
        return html! { <div class="app embed" ref={root_ref}><main>{ result }</main></div> };
    }
    let summary = conn_summary(&state);
    html! {
        <div class="app" ref={root_ref}>
            <header class="topbar">
                { fixed("<h1><span class=\"logo\" aria-hidden=\"true\">◆</span> AppConfig deployments</h1>") }
                <span class="conn-summary muted" title="Where requests go">{ summary.clone() }</span>
            </header>
            <main>
                <section class="controls" aria-label="Find a deployment">
                    <form class="find-form" onsubmit={on(&dispatch, |e: SubmitEvent| { e.prevent_default(); Action::Submit })} novalidate=true>
                        { finder(&FinderProps { value: state.find.clone(), onchange: on(&dispatch, Action::EditFind), errors: Rc::clone(&state.errors),
                            onbrowse: cb(|| Action::ToggleBrowse), browsing: state.browsing }) }
                        if state.browsing {
                            <Browser api={api.as_ref().as_ref().ok().cloned()} app={AttrValue::from(state.find.app.clone())}
                                env={AttrValue::from(state.find.env.clone())} onapp={on(&dispatch, Action::PickApp)}
                                onenv={on(&dispatch, Action::PickEnv)} ondeployment={on(&dispatch, Action::PickDeployment)} />
                        }
                        <details class="conn-details" open={state.conn_open}
                            ontoggle={on(&dispatch, |e: Event| Action::ConnToggled(e.target_unchecked_into::<web_sys::HtmlDetailsElement>().open()))}>
                            <summary>{ "Connection" }<span class="muted">{ format!(": {summary}") }</span></summary>
                            { connect_form(&ConnectFormProps { value: state.draft_conn.clone(), onchange: on(&dispatch, Action::EditConnection),
                                errors: Rc::clone(&state.errors), simulator: state.sim.is_some(), onconnect: Some(cb(|| Action::Connect)) }) }
                        </details>
                    </form>
                    <details class="paste-details" id="paste">
                        { fixed("<summary>Paste JSON (offline)</summary>") }
                        <PastePanel onload={on(&dispatch, |d| Action::Paste(Some(d)))} />
                    </details>
                </section>
                <section class="result" aria-live="off">{ result }</section>
            </main>
            { fixed("<footer class=\"footer muted\">Times are local; hover a time for UTC. Running deployments refresh every 5 s while this tab is visible.</footer>") }
        </div>
    }
}

/// A callback that dispatches the action `f` makes of its argument.
fn on<T: 'static>(
    d: &UseReducerDispatcher<AppState>,
    f: impl Fn(T) -> Action + 'static,
) -> Callback<T> {
    let d = d.clone();
    Callback::from(move |x| d.dispatch(f(x)))
}

/// "simulator · us-east-1", "us-east-1 via proxy https://…", "not connected".
fn conn_summary(s: &AppState) -> String {
    let conn = &s.conn;
    match (conn.mode, conn.url.trim()) {
        _ if !conn.has_credentials() => "not connected".to_owned(),
        (Mode::Endpoint, u) if s.sim.is_some() && Some(u) == s.page_origin.as_deref() => {
            match s
                .sim
                .as_ref()
                .and_then(|s| s.speed)
                .filter(|v| (*v - 1.0).abs() > f64::EPSILON)
            {
                Some(speed) => format!("simulator at {speed}× speed · {}", conn.region),
                None => format!("simulator · {}", conn.region),
            }
        }
        (Mode::Endpoint, u) => format!("{u} · {}", conn.region),
        (Mode::Proxy, u) => format!("{} via proxy {u}", conn.region),
        (Mode::Gateway, u) => format!("{} via gateway {u}", conn.region),
        (Mode::Direct, _) => format!("AWS {}", conn.region),
    }
}
