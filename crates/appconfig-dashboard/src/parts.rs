//! The dashboard's views as parts a host other than the page composes: the crate
//! `appconfig-elements` renders them inside custom elements (`<appconfig-deployment>`,
//! `<appconfig-environments>`). They are made of the very components the page shows; what they
//! need from where they are shown comes through [`Host`](crate::Host).

use std::rc::Rc;

use yew::prelude::*;

use crate::view::fixed;

use crate::api::Api;
use crate::components::{error_panel, LiveDeployment, Overview};
use crate::errors::Problem;
use crate::hooks::{use_host_status, use_live, use_now, use_overview, LiveTarget};
use crate::host::HostRef;

/// A client for a part, or why there is none (shown in the part's place).
pub type ApiResult = Rc<Result<Rc<Api>, Problem>>;

/// Props of [`DeploymentPart`].
#[derive(Properties, PartialEq, Debug)]
pub struct DeploymentPartProps {
    /// The client.
    pub api: ApiResult,
    /// Application id or name.
    pub application: AttrValue,
    /// Environment id or name.
    pub environment: AttrValue,
    /// The deployment number; `None` follows the environment's latest.
    #[prop_or_default]
    pub deployment: Option<i64>,
    /// Offer Stop and Revert.
    #[prop_or_default]
    pub actions: bool,
    /// Where it is shown.
    pub host: HostRef,
}

/// One deployment, live, as the page's deployment view shows it: state, progress, chart,
/// timeline, details, alarms; by number, or an environment's latest (switching to a new one
/// when it starts).
#[function_component(DeploymentPart)]
pub fn deployment_part(props: &DeploymentPartProps) -> Html {
    let nonce = use_state(|| 0u32);
    let api = props.api.as_ref().as_ref().ok().cloned();
    let named = !props.application.is_empty() && !props.environment.is_empty();
    let target = named.then(|| LiveTarget {
        app: props.application.to_string(),
        env: props.environment.to_string(),
        number: props.deployment,
    });
    let (data, info) = use_live(api.clone(), target, *nonce);
    use_host_status(&props.host, data.deployment.clone());
    let problem = match props.api.as_ref() {
        Err(p) => Some(p.clone()),
        Ok(_) if data.deployment.is_none() => data
            .problem
            .clone()
            .or_else(|| info.problem.clone().filter(|_| props.deployment.is_none())),
        Ok(_) => None,
    };
    {
        let host = props.host.clone();
        use_effect_with(problem.clone(), move |p| {
            if let Some(p) = p {
                host.0.problem(p);
            }
        });
    }
    let onrefresh = {
        let nonce = nonce.clone();
        Callback::from(move |()| nonce.set((*nonce).wrapping_add(1)))
    };
    if let (Some(api), Some(_)) = (&api, &data.deployment) {
        return html! {
            <LiveDeployment api={Rc::clone(api)} data={data.clone()} info={info.clone()} actions={props.actions}
                host={props.host.clone()} {onrefresh} />
        };
    }
    if !named {
        return html! { { fixed("<p class=\"muted\">Set the application and environment attributes to show a deployment.</p>") } };
    }
    if let Some(p) = &problem {
        let retry = api.is_some().then_some(&onrefresh);
        return error_panel(p, retry, None, true);
    }
    let listed = info.environment.is_some() || info.problem.is_some();
    if props.deployment.is_none() && listed && info.latest_number.is_none() {
        return html! { { fixed("<p class=\"muted\" data-kind=\"no-deployments\">No deployments in this environment yet.</p>") } };
    }
    html! { { fixed("<p class=\"loading muted\" aria-live=\"polite\">Loading the deployment…</p>") } }
}

/// Props of [`EnvironmentsPart`].
#[derive(Properties, PartialEq, Debug)]
pub struct EnvironmentsPartProps {
    /// The client.
    pub api: ApiResult,
    /// One application (id or name), or every application.
    #[prop_or_default]
    pub application: Option<AttrValue>,
    /// Offer Stop and Revert on an opened deployment.
    #[prop_or_default]
    pub actions: bool,
    /// Where it is shown; [`Host::open`](crate::Host::open) decides what a row click does.
    pub host: HostRef,
}

/// Every environment (of one application or all) with its latest deployment, live, as the
/// page's overview shows it. A row click asks the host ([`Host::open`](crate::Host::open));
/// unless the host takes it, the deployment opens in place, with a way back.
#[function_component(EnvironmentsPart)]
pub fn environments_part(props: &EnvironmentsPartProps) -> Html {
    let opened = use_state(|| None::<(String, String, i32)>);
    let now = use_now(15_000);
    let api = props.api.as_ref().as_ref().ok().cloned();
    let only = props.application.as_ref().map(|a| a.to_string());
    let overview = use_overview(api.clone().filter(|_| opened.is_none()), only.clone());
    {
        let host = props.host.clone();
        use_effect_with(overview.problem.clone(), move |p| {
            if let Some(p) = p {
                host.0.problem(p);
            }
        });
    }
    if let Err(p) = props.api.as_ref() {
        return error_panel(p, None, None, true);
    }
    if let Some((app, env, n)) = (*opened).clone() {
        let back = {
            let opened = opened.clone();
            Callback::from(move |_| opened.set(None))
        };
        return html! {
            <>
                <div class="source-bar">
                    <button type="button" class="link back" onclick={back}>{ "← All environments" }</button>
                </div>
                <DeploymentPart api={Rc::clone(&props.api)} application={AttrValue::from(app)} environment={AttrValue::from(env)}
                    deployment={Some(i64::from(n))} actions={props.actions} host={props.host.clone()} />
            </>
        };
    }
    let onopen = {
        let (opened, host) = (opened.clone(), props.host.clone());
        Callback::from(move |(app, env, n): (String, String, i32)| {
            if !host.0.open(&app, &env, n) {
                opened.set(Some((app, env, n)));
            }
        })
    };
    html! {
        <Overview rows={Rc::clone(&overview.rows)} listed={overview.listed} problem={overview.problem.clone()}
            only={props.application.clone()} now_ms={now} {onopen} host={props.host.clone()} />
    }
}
