use std::rc::Rc;

use appconfig_core::{model::TriggeredBy, DateTime, Deployment, DeploymentState};
use appconfig_core::{timeline, timeline::format_duration, Timeline as CoreTimeline};
use yew::prelude::*;

use super::{
    chart, details, error_panel, monitors, progress_bar, state_badge, EventLog, LiveStatus,
};
use crate::errors::Problem;
use crate::format::{percent, relative, wrapped};
use crate::hooks::use_now;
use crate::words::state_words;

/// Live refresh status, when the deployment comes from AppConfig (not from pasted JSON).
#[derive(Clone, PartialEq, Debug)]
pub struct LiveInfo {
    /// When the data arrived.
    pub updated_ms: Option<f64>,
    /// Refreshing itself.
    pub live: bool,
    /// A request is in flight.
    pub loading: bool,
    /// Fetch again now.
    pub onrefresh: Callback<()>,
    /// The last refresh failed (the data shown is older).
    pub problem: Option<Problem>,
    /// When the next attempt is due.
    pub next_ms: Option<f64>,
    /// The client corrected for a clock that differs from the server's (shown as a note).
    #[allow(clippy::struct_field_names)]
    pub clock_note: Option<AttrValue>,
}

/// Props of [`DeploymentView`].
#[derive(Properties, PartialEq, Debug)]
pub struct DeploymentViewProps {
    /// The deployment.
    pub deployment: Rc<Deployment>,
    /// Live status; `None` for pasted JSON.
    #[prop_or_default]
    pub live: Option<LiveInfo>,
    /// Where the data came from, when not live ("Pasted JSON").
    #[prop_or_default]
    pub source: Option<AttrValue>,
    /// "Now" for tests; `None` reads the clock every 5 s.
    #[prop_or_default]
    pub now_ms: Option<f64>,
    /// Embed mode: a link to the full view, opened in a new tab.
    #[prop_or_default]
    pub full_view: Option<AttrValue>,
    /// Offer "Copy link" (the page URL: never credentials).
    #[prop_or_default]
    pub copy_link: bool,
    /// The environment's monitors (GetEnvironment), when known.
    #[prop_or_default]
    pub monitors: Option<Rc<Vec<appconfig_core::model::Monitor>>>,
    /// The monitors' alarms from CloudWatch, when read.
    #[prop_or_default]
    pub alarms: Option<Rc<crate::api::Alarms>>,
    /// The "What changed" panel, under the header (deployments read from AppConfig only).
    #[prop_or_default]
    pub what_changed: Html,
    /// Actions shown under the headline (stop, revert, notifications).
    #[prop_or_default]
    pub children: Html,
}

/// " after reaching 40%", or " before any client got it" for a rollback at 0%.
fn reached(p: f64) -> String {
    if p <= 0.0 {
        " before any client got it".to_owned()
    } else {
        format!(" after reaching {}", percent(p))
    }
}

/// "Copy link": puts the page URL (the view, never credentials) on the clipboard; `copied` is
/// the view's state that it did. A function with its state in the view, not a component of its
/// own: each component costs the wasm its own copy of yew's lifecycle code.
fn copy_link(copied: &UseStateHandle<bool>) -> Html {
    let onclick = {
        let copied = copied.clone();
        Callback::from(move |_| {
            let Some(w) = crate::platform::window() else {
                return;
            };
            let Ok(href) = w.location().href() else {
                return;
            };
            let promise = w.navigator().clipboard().write_text(&href);
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                    copied.set(true);
                }
            });
        })
    };
    html! {
        <button type="button" class="link copy-link" {onclick}>
            { if **copied { "Link copied" } else { "Copy link" } }
        </button>
    }
}

/// The one sentence an on-call engineer reads first.
pub(crate) fn headline(d: &Deployment, t: &CoreTimeline, now_ms: f64) -> String {
    let pct = d
        .percentage_complete
        .or_else(|| t.steps.last().map(|s| s.percentage))
        .unwrap_or(0.0);
    let eta = |at: Option<DateTime>| {
        at.map(|c| {
            let ms = (c.epoch_millis() as f64 - now_ms).max(0.0) as i64;
            format!(
                "completes in about {} (estimate)",
                format_duration(crate::format::round_for_humans(ms).max(1000))
            )
        })
    };
    let since = |at: Option<DateTime>| at.map(|a| relative(&a, now_ms));
    let who = |r: &appconfig_core::timeline::Rollback| {
        r.triggered_by
            .as_deref()
            .map(|t| appconfig_core::timeline::triggered_by_text(&TriggeredBy::from(t)).to_owned())
    };
    let p = t.projection.as_ref();
    // "; completes in about 4 min (estimate)" for a running deployment.
    let done = || {
        p.and_then(|p| eta(p.completes_at))
            .map(|e| format!("; {e}"))
            .unwrap_or_default()
    };
    // " by alarm X" for a rollback or revert.
    let by = || {
        t.rollback
            .as_ref()
            .and_then(who)
            .map(|w| format!(" by {w}"))
            .unwrap_or_default()
    };
    match d.state.as_ref() {
        Some(DeploymentState::Deploying) => {
            let next = p
                .and_then(|p| p.next_steps.first())
                .map(|s| {
                    format!(
                        ", next step to {} {}",
                        percent(s.percentage),
                        relative(&s.at, now_ms)
                    )
                })
                .unwrap_or_default();
            let done = done();
            format!("Rolling out: {} of clients{next}{done}", percent(pct))
        }
        Some(DeploymentState::Baking) => {
            let done = done();
            format!(
                "At {}, baking: watching alarms before completing{done}",
                percent(pct)
            )
        }
        Some(DeploymentState::Validating) => {
            "Validating the configuration before rolling out".to_owned()
        }
        Some(DeploymentState::RollingBack) => {
            let by = by();
            format!(
                "Rolling back{by}: {} of clients still have the new configuration",
                percent(pct)
            )
        }
        Some(DeploymentState::RolledBack) => {
            let by = by();
            let at = t
                .rollback
                .as_ref()
                .map(|r| reached(r.percentage_reached))
                .unwrap_or_default();
            let when = since(t.ended_at)
                .map(|s| format!(", {s}"))
                .unwrap_or_default();
            format!("Rolled back{by}{at}{when}")
        }
        Some(DeploymentState::Reverted) => {
            let by = by();
            let when = since(t.ended_at)
                .map(|s| format!(", {s}"))
                .unwrap_or_default();
            format!("Reverted to the previous configuration{by}{when}")
        }
        Some(DeploymentState::Complete) => {
            let when = since(t.ended_at)
                .map(|s| format!(", finished {s}"))
                .unwrap_or_default();
            let took = t
                .duration_ms
                .map(|ms| format!(" after {}", format_duration(ms)))
                .unwrap_or_default();
            format!("Complete: {} of clients{when}{took}", percent(pct))
        }
        Some(other) => format!("State {}", other.as_str()),
        None => "State unknown".to_owned(),
    }
}

/// A deployment: headline, state, progress, chart, details and event timeline.
#[function_component(DeploymentView)]
pub fn deployment_view(props: &DeploymentViewProps) -> Html {
    let clock = use_now(5000);
    let copied = use_state(|| false);
    let chart_card = use_node_ref();
    let chart_width = crate::hooks::use_width(chart_card.clone());
    let now = props.now_ms.unwrap_or(clock);
    let d = Rc::clone(&props.deployment);
    let in_progress = d.state.as_ref().is_some_and(|s| s.is_in_progress());
    // Final deployments do not depend on "now": keep the timeline (and the DOM) untouched.
    let now_key = if in_progress { now as i64 } else { 0 };
    let t = use_memo((Rc::clone(&d), now_key), |(d, _)| {
        timeline(d, Some(DateTime::from_epoch_millis(now as i64)))
    });
    let past = use_memo(Rc::clone(&d), |d| {
        let t = timeline(d, None);
        (Rc::new(t.entries), Rc::new(t.steps))
    });
    let (_, _, tone) = state_words(d.state.as_ref());
    let number = d
        .deployment_number
        .map(|n| format!("Deployment {n}"))
        .unwrap_or_else(|| "Deployment".into());
    let scope = [d.application_id.clone(), d.environment_id.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" / ");
    let config = match (&d.configuration_name, &d.configuration_version) {
        (Some(n), Some(v)) => Some(format!("{n}, version {v}")),
        (Some(n), None) => Some(n.clone()),
        (None, Some(v)) => Some(format!("version {v}")),
        _ => None,
    };
    html! {
        <article class={classes!("deployment", format!("tone-{tone}"))} aria-labelledby="deployment-title">
            <header class="dep-head">
                <div class="dep-title-row">
                    <h2 id="deployment-title">
                        { number }
                        if !scope.is_empty() { <span class="scope">{ scope }</span> }
                    </h2>
                    { state_badge(d.state.as_ref()) }
                    if let Some(live) = &props.live {
                        <LiveStatus updated_ms={live.updated_ms} live={live.live} loading={live.loading} onrefresh={live.onrefresh.clone()} stale={live.problem.is_some()} />
                    }
                    if let Some(src) = &props.source {
                        <span class="source muted">{ src.clone() }</span>
                    }
                    if let Some(href) = &props.full_view {
                        <a class="full-view" href={href.clone()} target="_blank" rel="noopener noreferrer">{ "Open full view ↗" }</a>
                    }
                    if props.copy_link {
                        { copy_link(&copied) }
                    }
                </div>
                // A failed refresh first: on a phone the reason must not sit below the fold.
                if let Some(problem) = props.live.as_ref().and_then(|l| l.problem.as_ref()) {
                    { error_panel(problem, None, props.live.as_ref().and_then(|l| l.next_ms).map(|n| format!("Showing the last good data. Trying again {}.", relative(&DateTime::from_epoch_millis(n as i64), now))).as_deref(), true) }
                }
                <p class="headline">{ headline(&d, &t, now) }</p>
                if let Some(p) = &t.projection {
                    <p class="estimate-note muted">
                        { format!("Times to come are {}", p.basis_text) }
                        if let Some(c) = &t.cadence_text { { format!(": {c}") } }
                        { "." }
                    </p>
                    if let Some(late) = &p.overdue_text {
                        <p class="overdue-note"><span aria-hidden="true">{ "⚠ " }</span>{ crate::format::capitalized(late) }</p>
                    }
                }
                { props.children.clone() }
                { progress_bar(d.percentage_complete.map(f64::from), &tone) }
                <p class="dep-sub muted">
                    if let Some(s) = &t.strategy_text { <span>{ s.clone() }</span> }
                    if let Some(c) = config { <span>{ c }</span> }
                </p>
                if let Some(r) = &t.rollback {
                    <div class={classes!("banner", if r.is_revert { "revert" } else { "rollback" })}>
                        <span aria-hidden="true">{ if r.is_revert { "⤺ " } else { "↺ " } }</span>
                        <strong>{ if r.is_revert { "Reverted" } else if r.completed_at.is_some() { "Rolled back" } else { "Rolling back" } }</strong>
                        { r.triggered_by.as_deref().map(|w| format!(" by {}", appconfig_core::timeline::triggered_by_text(&TriggeredBy::from(w)))).unwrap_or_default() }
                        { reached(r.percentage_reached) }
                        if let Some(desc) = r.description.clone().filter(|s| !s.is_empty()) {
                            <div class="banner-detail"><code class="wrap">{ wrapped(&desc) }</code></div>
                        }
                    </div>
                }
                if let Some(note) = props.live.as_ref().and_then(|l| l.clock_note.clone()) {
                    <p class="clock-note muted" data-kind="clock-corrected">{ note }</p>
                }
            </header>
            { props.what_changed.clone() }
            <section class="card chart-card" aria-labelledby="chart-title" ref={chart_card}>
                <h3 id="chart-title">{ "Progress" }</h3>
                { chart(&t, now, props.alarms.as_ref().map_or(&[][..], |a| &a.changes[..]), chart_width) }
            </section>
            <div class="columns">
                <section class="card" aria-labelledby="details-title">
                    <h3 id="details-title">{ "Details" }</h3>
                    { details(&d, &t, now) }
                </section>
                // Alarms and events share the second column (the alarms beside the details, the
                // events under them, not under the long details list).
                <div class="side">
                    if let Some(list) = &props.monitors {
                        <section class="card alarms-card" aria-labelledby="alarms-title">
                            <h3 id="alarms-title">{ "Alarms" }</h3>
                            { monitors(list, t.rollback.as_ref().and_then(|r| r.description.as_deref()), props.alarms.as_deref(), matches!(d.state, Some(DeploymentState::Deploying | DeploymentState::Baking)), now) }
                        </section>
                    }
                    <section class="card" aria-labelledby="events-title">
                        <h3 id="events-title">{ "Events" }</h3>
                        <EventLog entries={Rc::clone(&past.0)} steps={Rc::clone(&past.1)} />
                    </section>
                </div>
            </div>
        </article>
    }
}
