//! The app: state, URL routing (pushState/popstate), the connect and find forms, the browser,
//! the paste panel and the deployment view; embed mode renders the deployment alone.

use std::collections::BTreeMap;
use std::rc::Rc;

use appconfig_core::{parse_deployment_number, Deployment, GetDeploymentInput, Operation};
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::api::{self, Api, SimInfo};
use crate::components::deployment_view::LiveInfo;
use crate::components::{
    Browser, ConnectForm, DeploymentView, EmbedNotice, ErrorPanel, FindDraft, Finder, Intro,
    PastePanel,
};
use crate::errors::{field_label, rule_text, Problem, ProblemKind};
use crate::hooks::{use_deployment, DeploymentRequest};
use crate::platform::{self, Listener};
use crate::route::Route;
use crate::settings::{Connection, Mode};

type Errors = Rc<BTreeMap<String, String>>;

fn draft_of(route: &Route) -> FindDraft {
    FindDraft {
        app: route.app.clone(),
        env: route.env.clone(),
        deployment: route.deployment.clone(),
    }
}

fn initial_connection(route: &Route) -> Connection {
    let mut c = Connection {
        region: "us-east-1".into(),
        ..Default::default()
    };
    c.apply_route(route);
    if !route.embed {
        c.load_remembered();
    }
    c
}

/// Checks the connection settings; field errors by field name.
pub fn validate_connection(c: &Connection, errors: &mut BTreeMap<String, String>) {
    if c.access_key_id.trim().is_empty() {
        errors.insert("accessKeyId".into(), "Access key id is required".into());
    }
    if c.secret_access_key.is_empty() {
        errors.insert(
            "secretAccessKey".into(),
            "Secret access key is required".into(),
        );
    }
    if c.mode != Mode::Direct && c.url.trim().is_empty() {
        let f = if c.mode == Mode::Proxy {
            "proxy"
        } else {
            "endpoint"
        };
        errors.insert(
            f.into(),
            format!("{} is required in this mode", field_label(f)),
        );
    }
    if let Err(e) = c.client_config().resolve() {
        let p = Problem::from_core(&e, "", 0.0);
        let field = p.field.unwrap_or("endpoint").to_owned();
        let msg = match &e {
            appconfig_core::Error::InvalidInput { field, rule } => {
                format!("{} {}", field_label(field), rule_text(rule))
            }
            other => other.to_string(),
        };
        errors.entry(field).or_insert(msg);
    }
}

/// Checks the deployment fields with the core's rules; field errors by member name.
pub fn validate_find(
    d: &FindDraft,
    errors: &mut BTreeMap<String, String>,
) -> Option<GetDeploymentInput> {
    let mut record = |e: appconfig_core::Error| {
        if let appconfig_core::Error::InvalidInput { field, rule } = e {
            errors.insert(
                field.to_owned(),
                format!("{} {}", field_label(field), rule_text(&rule)),
            );
        }
    };
    let app = GetDeploymentInput {
        application_id: d.app.trim().to_owned(),
        environment_id: "x".into(),
        deployment_number: 0,
    };
    let app_ok = app.validate().map_err(&mut record).is_ok();
    let env = GetDeploymentInput {
        application_id: "x".into(),
        environment_id: d.env.trim().to_owned(),
        deployment_number: 0,
    };
    let env_ok = env.validate().map_err(&mut record).is_ok();
    let number = parse_deployment_number(&d.deployment)
        .map_err(&mut record)
        .ok();
    match (app_ok, env_ok, number) {
        (true, true, Some(n)) => Some(GetDeploymentInput {
            application_id: d.app.trim().to_owned(),
            environment_id: d.env.trim().to_owned(),
            deployment_number: i64::from(n),
        }),
        _ => None,
    }
}

/// The dashboard.
#[function_component(App)]
pub fn app() -> Html {
    let route = use_state(|| Route::parse(&platform::location_query()));
    let draft_conn = use_state(|| initial_connection(&route));
    let conn = use_state(|| (*draft_conn).clone());
    let find = use_state(|| draft_of(&route));
    let errors = use_state(Errors::default);
    let sim = use_state(|| None::<SimInfo>);
    let sim_checked = use_state(|| false);
    // A link naming an application and environment but no deployment opens their list.
    let browsing = use_state(|| {
        !route.embed
            && !route.app.is_empty()
            && !route.env.is_empty()
            && route.deployment.is_empty()
    });
    let pasted = use_state(|| None::<Rc<Deployment>>);
    let nonce = use_state(|| 0u32);
    // The Connection section: opened for the user when credentials are missing or wrong, and
    // otherwise left as the user toggled it.
    let conn_open = use_state(|| false);
    let embed = route.embed;

    // Is this page served by the simulator? Then fill in its region, origin and demo keys.
    {
        let (draft_conn, conn, sim, sim_checked, route) = (
            draft_conn.clone(),
            conn.clone(),
            sim.clone(),
            sim_checked.clone(),
            route.clone(),
        );
        let conn_open = conn_open.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(info) = api::sim_info().await {
                    let fill = |c: &Connection| {
                        let mut c = c.clone();
                        if route.region.is_empty() && !info.region.is_empty() {
                            c.region = info.region.clone();
                        }
                        if route.endpoint.is_empty() && route.proxy.is_empty() {
                            c.mode = Mode::Endpoint;
                            c.url = platform::page_origin().unwrap_or_default();
                        }
                        // The demo keys are for the simulator only: not for a link's endpoint.
                        let to_sim = c.mode == Mode::Endpoint
                            && platform::page_origin()
                                .is_some_and(|o| crate::origin::same_origin(&o, &c.url));
                        if !c.has_credentials() && to_sim {
                            c.access_key_id = info.access_key_id.clone();
                            c.secret_access_key = info.secret_access_key.clone();
                            c.session_token.clear();
                        }
                        c
                    };
                    if !conn.has_credentials() {
                        conn.set(fill(&conn));
                    }
                    draft_conn.set(fill(&draft_conn));
                    sim.set(Some(info));
                }
                if !conn.has_credentials() && !draft_conn.has_credentials() {
                    conn_open.set(true);
                }
                sim_checked.set(true);
            });
        });
    }

    // Back and forward.
    {
        let (route, find, draft_conn, conn, pasted) = (
            route.clone(),
            find.clone(),
            draft_conn.clone(),
            conn.clone(),
            pasted.clone(),
        );
        use_effect_with((), move |_| {
            let listener = platform::window().map(|w| {
                Listener::new(&w, "popstate", move |_| {
                    let r = Route::parse(&platform::location_query());
                    find.set(draft_of(&r));
                    let mut c = (*draft_conn).clone();
                    c.apply_route(&r);
                    draft_conn.set(c.clone());
                    let mut applied = (*conn).clone();
                    applied.apply_route(&r);
                    conn.set(applied);
                    pasted.set(None);
                    route.set(r);
                })
            });
            move || drop(listener)
        });
    }

    // Theme and embed mode on <html>.
    use_effect_with((route.theme, embed), |(theme, embed)| {
        if let Some(root) = platform::document().and_then(|d| d.document_element()) {
            match theme {
                Some(t) => {
                    let _ = root.set_attribute("data-theme", t.as_str());
                }
                None => {
                    let _ = root.remove_attribute("data-theme");
                }
            }
            let _ = root.class_list().toggle_with_force("embed", *embed);
        }
    });

    // Embed: tell the parent our height on every size change.
    let root_ref = use_node_ref();
    {
        let root_ref = root_ref.clone();
        // To the portal named by `origin=` only; without one the height (no secret) goes to any.
        let target = if route.origin.is_empty() {
            "*".to_owned()
        } else {
            route.origin.clone()
        };
        use_effect_with(embed, move |&embed| {
            let observer = embed.then(|| observe_height(&root_ref, target)).flatten();
            move || {
                if let Some((o, _)) = observer {
                    o.disconnect();
                }
            }
        });
    }

    // Embed: credentials posted by the parent page, from the `origin=` origin only.
    {
        let (conn, draft_conn, origin) = (conn.clone(), draft_conn.clone(), route.origin.clone());
        use_effect_with((embed, origin.clone()), move |_| {
            let listener = (embed && !origin.is_empty())
                .then(platform::window)
                .flatten()
                .map(|w| {
                    Listener::new(&w, "message", move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
                            return;
                        };
                        if e.origin() != origin {
                            return;
                        }
                        if let Some(c) = credentials_message(&e.data(), &conn) {
                            draft_conn.set(c.clone());
                            conn.set(c);
                        }
                    })
                });
            move || drop(listener)
        });
    }

    // No client at all while remembered credentials are not confirmed for the target: nothing
    // (deployment, browser) can send them there.
    let api: Rc<Result<Rc<Api>, Problem>> = use_memo((*conn).clone(), |c| {
        match c.unconfirmed_target(platform::page_origin().as_deref()) {
            Some(target) => Err(Problem::unconfirmed(&target)),
            None => Api::new(c),
        }
    });
    let input = use_memo((*route).clone(), |r| {
        if r.names_deployment() {
            validate_find(&draft_of(r), &mut BTreeMap::new())
        } else {
            None
        }
    });
    // A link may name any endpoint or proxy. Credentials remembered in this tab go only to the
    // origin they were confirmed for (or loopback, or this page's origin); others need a click.
    let unconfirmed_target = conn.unconfirmed_target(platform::page_origin().as_deref());
    let request = match (api.as_ref(), input.as_ref()) {
        (Ok(api), Some(input)) if pasted.is_none() && unconfirmed_target.is_none() => {
            Some(DeploymentRequest {
                api: Rc::clone(api),
                input: input.clone(),
                nonce: *nonce,
            })
        }
        _ => None,
    };
    let data = use_deployment(request.clone());

    // The tab title says the state.
    {
        let title = match (&*pasted, &data.deployment) {
            (Some(d), _) | (None, Some(d)) => {
                let n = d
                    .deployment_number
                    .map(|n| format!("#{n} "))
                    .unwrap_or_default();
                let s = d
                    .state
                    .as_ref()
                    .map(|s| s.as_str().to_owned())
                    .unwrap_or_default();
                format!("{n}{s} · AppConfig deployment")
            }
            _ => "AppConfig deployments".to_owned(),
        };
        use_effect_with(title, |t| {
            if let Some(d) = platform::document() {
                d.set_title(t);
            }
        });
    }

    // Show a deployment: validate, then put it in the URL.
    let navigate = {
        let conn_open = conn_open.clone();
        let (route, conn, draft_conn, errors, pasted, nonce, browsing) = (
            route.clone(),
            conn.clone(),
            draft_conn.clone(),
            errors.clone(),
            pasted.clone(),
            nonce.clone(),
            browsing.clone(),
        );
        Rc::new(move |d: FindDraft, close_browser: bool| {
            let mut errs = BTreeMap::new();
            let mut c = (*draft_conn).clone();
            validate_connection(&c, &mut errs);
            let input = validate_find(&d, &mut errs);
            errors.set(Rc::new(errs.clone()));
            if !errs.is_empty() || input.is_none() {
                if errs.keys().any(|k| is_conn_field(k)) {
                    conn_open.set(true);
                }
                focus_first_error(&errs);
                return;
            }
            c.confirm();
            if !embed {
                c.persist();
            }
            conn.set(c.clone());
            draft_conn.set(c.clone());
            let mut r = (*route).clone();
            c.write_route(&mut r);
            r.app = d.app.trim().to_owned();
            r.env = d.env.trim().to_owned();
            r.deployment = d.deployment.trim().to_owned();
            platform::push_query(&r.to_query());
            route.set(r);
            pasted.set(None);
            nonce.set(nonce.wrapping_add(1));
            if close_browser {
                browsing.set(false);
            }
        })
    };

    let onsubmit = {
        let (navigate, find) = (navigate.clone(), find.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            navigate((*find).clone(), false);
        })
    };
    let onrefresh = {
        let nonce = nonce.clone();
        Callback::from(move |()| nonce.set(nonce.wrapping_add(1)))
    };

    // The deployment, or why there is none.
    let result: Html = if let Some(d) = &*pasted {
        let pasted = pasted.clone();
        html! {
            <>
                <div class="source-bar">
                    <span>{ "Showing pasted JSON: not live, nothing was fetched." }</span>
                    <button type="button" class="link" onclick={Callback::from(move |_| pasted.set(None))}>{ "Close" }</button>
                </div>
                <DeploymentView deployment={Rc::clone(d)} source={AttrValue::from("From pasted JSON")} />
            </>
        }
    } else if let Some(d) = &data.deployment {
        let live = LiveInfo {
            updated_ms: data.updated_ms,
            live: data.live,
            loading: data.loading,
            onrefresh: onrefresh.clone(),
            problem: data.problem.clone(),
            next_ms: data.next_ms,
            clock_note: api
                .as_ref()
                .as_ref()
                .ok()
                .and_then(|a| a.clock_note())
                .map(AttrValue::from),
        };
        let full_view = embed.then(|| {
            let mut r = (*route).clone();
            r.embed = false;
            r.origin.clear();
            AttrValue::from(format!(
                "{}{}",
                platform::window()
                    .and_then(|w| w.location().pathname().ok())
                    .unwrap_or_else(|| "/".into()),
                r.to_query()
            ))
        });
        html! { <DeploymentView deployment={Rc::clone(d)} live={Some(live)} {full_view} copy_link={!embed} /> }
    } else if let Some(problem) = &data.problem {
        let note = data
            .next_ms
            .filter(|_| !problem.advice.contains("keeps trying"))
            .map(|_| AttrValue::from("The dashboard keeps trying by itself."));
        html! { <ErrorPanel problem={problem.clone()} onretry={Some(onrefresh.clone())} retry_note={note} /> }
    } else if let (Some(target), Some(_)) = (&unconfirmed_target, input.as_ref()) {
        let (conn, draft_conn) = (conn.clone(), draft_conn.clone());
        let on_continue = Callback::from(move |_| {
            let mut c = (*conn).clone();
            c.confirm();
            c.persist();
            let mut d = (*draft_conn).clone();
            d.confirmed_origin = c.confirmed_origin.clone();
            draft_conn.set(d);
            conn.set(c);
        });
        html! {
            <div class="confirm-target card" data-kind="confirm-endpoint">
                <p><strong>{ "This link sends requests to " }</strong><code class="wrap">{ target.clone() }</code></p>
                <p class="muted">{ "Your credentials are remembered for this tab. Continue only if you trust this endpoint; otherwise change it under Connection." }</p>
                <button type="button" class="primary" onclick={on_continue}>{ "Continue" }</button>
            </div>
        }
    } else if request.is_some() {
        html! { <p class="loading muted" aria-live="polite">{ "Loading the deployment…" }</p> }
    } else if route.names_deployment() {
        match (api.as_ref(), input.as_ref()) {
            (_, None) => {
                let mut errs = BTreeMap::new();
                validate_find(&draft_of(&route), &mut errs);
                let msg = errs.values().cloned().collect::<Vec<_>>().join("; ");
                html! { <ErrorPanel problem={Problem {
                    kind: ProblemKind::InvalidInput,
                    title: "This link does not name a valid deployment".into(),
                    advice: "Correct the fields below and press Show deployment.",
                    detail: Some(msg),
                    request_id: None,
                    field: None,
                    transient: false,
                }} /> }
            }
            (Err(_), _) if !*sim_checked => html! { <p class="loading muted">{ "Loading…" }</p> },
            (Err(p), _) if embed && p.kind == ProblemKind::NoCredentials => {
                html! { <EmbedNotice origin={AttrValue::from(route.origin.clone())} /> }
            }
            (Err(p), _) => html! { <ErrorPanel problem={p.clone()} /> },
            (Ok(_), Some(_)) => html! {},
        }
    } else if embed {
        html! { <p class="muted">{ "Add app, env and deployment to the URL to show a deployment." }</p> }
    } else {
        html! { <Intro simulator={sim.is_some()} /> }
    };

    if embed {
        return html! {
            <div class="app embed" ref={root_ref}>
                <main>{ result }</main>
            </div>
        };
    }

    let on_conn = {
        let draft_conn = draft_conn.clone();
        Callback::from(move |c: Connection| draft_conn.set(c))
    };
    let on_find = {
        let find = find.clone();
        Callback::from(move |d: FindDraft| find.set(d))
    };
    let on_browse = {
        let conn_open = conn_open.clone();
        let (browsing, draft_conn, conn, errors) = (
            browsing.clone(),
            draft_conn.clone(),
            conn.clone(),
            errors.clone(),
        );
        Callback::from(move |()| {
            if *browsing {
                browsing.set(false);
                return;
            }
            let mut errs = BTreeMap::new();
            validate_connection(&draft_conn, &mut errs);
            errors.set(Rc::new(errs.clone()));
            if errs.is_empty() {
                let mut c = (*draft_conn).clone();
                c.confirm();
                if *conn != c {
                    conn.set(c);
                }
                browsing.set(true);
            } else {
                if errs.keys().any(|k| is_conn_field(k)) {
                    conn_open.set(true);
                }
                focus_first_error(&errs);
            }
        })
    };
    let on_pick_app = {
        let find = find.clone();
        Callback::from(move |app: String| {
            find.set(FindDraft {
                app,
                ..Default::default()
            })
        })
    };
    let on_pick_env = {
        let find = find.clone();
        Callback::from(move |env: String| {
            find.set(FindDraft {
                env,
                deployment: String::new(),
                ..(*find).clone()
            })
        })
    };
    let on_pick_deployment = {
        let (find, navigate) = (find.clone(), navigate.clone());
        Callback::from(move |n: i32| {
            let d = FindDraft {
                deployment: n.to_string(),
                ..(*find).clone()
            };
            find.set(d.clone());
            navigate(d, true);
        })
    };
    let on_pasted = {
        let pasted = pasted.clone();
        Callback::from(move |d: Rc<Deployment>| pasted.set(Some(d)))
    };
    let connected = conn.has_credentials();
    let on_conn_toggle = {
        let conn_open = conn_open.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target_unchecked_into::<web_sys::HtmlDetailsElement>()
                .open();
            if open != *conn_open {
                conn_open.set(open);
            }
        })
    };
    let conn_summary = match (conn.mode, conn.url.trim()) {
        (_, _) if !connected => "not connected".to_owned(),
        (Mode::Endpoint, u) if sim.is_some() && Some(u.to_owned()) == platform::page_origin() => {
            match sim
                .as_ref()
                .and_then(|s| s.speed)
                .filter(|s| (*s - 1.0).abs() > f64::EPSILON)
            {
                Some(speed) => format!("simulator at {speed}× speed · {}", conn.region),
                None => format!("simulator · {}", conn.region),
            }
        }
        (Mode::Endpoint, u) => format!("{u} · {}", conn.region),
        (Mode::Proxy, u) => format!("{} via proxy {u}", conn.region),
        (Mode::Direct, _) => format!("AWS {}", conn.region),
    };

    html! {
        <div class="app" ref={root_ref}>
            <header class="topbar">
                <h1><span class="logo" aria-hidden="true">{ "◆" }</span>{ " AppConfig deployments" }</h1>
                <span class="conn-summary muted" title="Where requests go">{ conn_summary.clone() }</span>
            </header>
            <main>
                <section class="controls" aria-label="Find a deployment">
                    <form class="find-form" onsubmit={onsubmit} novalidate=true>
                        <Finder value={(*find).clone()} onchange={on_find} errors={(*errors).clone()}
                            onbrowse={on_browse} browsing={*browsing} />
                        if *browsing {
                            <Browser api={api.as_ref().as_ref().ok().cloned()} app={AttrValue::from(find.app.clone())}
                                env={AttrValue::from(find.env.clone())} onapp={on_pick_app} onenv={on_pick_env}
                                ondeployment={on_pick_deployment} />
                        }
                        <details class="conn-details" open={*conn_open} ontoggle={on_conn_toggle}>
                            <summary>{ "Connection" }<span class="muted">{ format!(": {conn_summary}") }</span></summary>
                            <ConnectForm value={(*draft_conn).clone()} onchange={on_conn} errors={(*errors).clone()}
                                simulator={sim.is_some()} />
                        </details>
                    </form>
                    <details class="paste-details" id="paste">
                        <summary>{ "Paste JSON (offline)" }</summary>
                        <PastePanel onload={on_pasted} />
                    </details>
                </section>
                <section class="result" aria-live="off">{ result }</section>
            </main>
            <footer class="footer muted">
                { "Times are local; hover a time for UTC. Running deployments refresh every 5 s while this tab is visible." }
            </footer>
        </div>
    }
}

fn is_conn_field(f: &str) -> bool {
    matches!(
        f,
        "region" | "endpoint" | "proxy" | "accessKeyId" | "secretAccessKey"
    )
}

fn focus_first_error(errs: &BTreeMap<String, String>) {
    let order = [
        ("ApplicationId", "find-app"),
        ("EnvironmentId", "find-env"),
        ("DeploymentNumber", "find-deployment"),
        ("region", "region"),
        ("endpoint", "url"),
        ("proxy", "url"),
        ("accessKeyId", "access-key-id"),
        ("secretAccessKey", "secret-access-key"),
    ];
    let Some((_, id)) = order.iter().find(|(f, _)| errs.contains_key(*f)) else {
        return;
    };
    if let Some(el) = platform::document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Reads `{type: "appconfig-dashboard:credentials", accessKeyId, secretAccessKey, sessionToken,
/// region?, endpoint?}` into connection settings.
fn credentials_message(data: &JsValue, current: &Connection) -> Option<Connection> {
    let get = |k: &str| {
        js_sys::Reflect::get(data, &JsValue::from_str(k))
            .ok()
            .and_then(|v| v.as_string())
    };
    if get("type")?.as_str() != "appconfig-dashboard:credentials" {
        return None;
    }
    let mut c = current.clone();
    c.access_key_id = get("accessKeyId")?;
    c.secret_access_key = get("secretAccessKey")?;
    c.session_token = get("sessionToken").unwrap_or_default();
    if let Some(r) = get("region") {
        c.region = r;
    }
    if let Some(e) = get("endpoint") {
        c.mode = Mode::Endpoint;
        c.url = e;
    } else if let Some(p) = get("proxy") {
        c.mode = Mode::Proxy;
        c.url = p;
    }
    c.remember = false;
    Some(c)
}

type HeightObserver = (
    web_sys::ResizeObserver,
    wasm_bindgen::closure::Closure<dyn FnMut(JsValue)>,
);

fn observe_height(root: &NodeRef, target_origin: String) -> Option<HeightObserver> {
    let el = root.cast::<web_sys::Element>()?;
    let target = el.clone();
    let mut last = -1.0;
    let closure = wasm_bindgen::closure::Closure::wrap(Box::new(move |_entries: JsValue| {
        let h = target.get_bounding_client_rect().height().ceil();
        if (h - last).abs() < 0.5 {
            return;
        }
        last = h;
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &"appconfig-dashboard:height".into());
        let _ = js_sys::Reflect::set(&msg, &"height".into(), &JsValue::from_f64(h));
        platform::post_to_parent(&msg, &target_origin);
    }) as Box<dyn FnMut(JsValue)>);
    let observer = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref()).ok()?;
    observer.observe(&el);
    Some((observer, closure))
}
