use appconfig_core::timeline::{
    format_duration, percentage_description, triggered_by_text, TimelineEntry as Entry,
};
use appconfig_core::{
    model::{DeploymentEventType, TriggeredBy},
    timeline::Step,
};
use yew::prelude::*;

use crate::view::fixed;

use crate::format::{local_time, percent, utc_title, wrapped};

/// "Step took 3 min (plan 3 min)", or `None` when the step's time is unknown.
pub(crate) fn step_timing(s: &Step) -> Option<String> {
    let took = s.took_ms?;
    Some(match s.planned_ms {
        Some(plan) => format!(
            "Step took {} (plan {})",
            format_duration(took),
            format_duration(plan)
        ),
        None => format!("Step took {}", format_duration(took)),
    })
}

/// An event type as an icon, words and a CSS class.
pub(crate) fn event_words(
    t: Option<&DeploymentEventType>,
    pct: Option<f64>,
) -> (&'static str, String, &'static str) {
    match t {
        Some(DeploymentEventType::DeploymentStarted) => {
            ("▶", "Deployment started".into(), "started")
        }
        Some(DeploymentEventType::PercentageUpdated) => (
            "↗",
            pct.map_or_else(
                || "Percentage updated".into(),
                |p| format!("Rolled out to {}", percent(p)),
            ),
            "percentage",
        ),
        Some(DeploymentEventType::BakeTimeStarted) => ("◔", "Bake time started".into(), "bake"),
        Some(DeploymentEventType::DeploymentCompleted) => {
            ("✓", "Deployment completed".into(), "completed")
        }
        Some(DeploymentEventType::RollbackStarted) => ("↺", "Rollback started".into(), "rollback"),
        Some(DeploymentEventType::RollbackCompleted) => {
            ("↺", "Rollback completed".into(), "rollback")
        }
        Some(DeploymentEventType::RevertCompleted) => (
            "⤺",
            "Reverted to the previous configuration".into(),
            "revert",
        ),
        Some(other) => ("•", other.as_str().to_owned(), "other"),
        None => ("•", "Event".into(), "other"),
    }
}

/// True for the text AppConfig writes on every such event ("Deployment started", "Configuration
/// available to 25.00% of clients"): the title already says it.
pub(crate) fn is_boilerplate(description: &str, title: &str, pct: Option<f64>) -> bool {
    description.eq_ignore_ascii_case(title)
        || pct.is_some_and(|p| description == percentage_description(p))
        || matches!(
            description,
            "Deployment bake time started" | "Rollback completed" | "Deployment completed"
        )
}

/// One event: icon and words for its type, who triggered it, its time and the gap since the
/// previous event, and the extension invocations it ran (failed ones highlighted). `e` is the
/// event placed in time by the core, `step` the step it made if it made one (how long it took
/// against the plan), `key` its index in the log (the `<li>`'s key).
///
/// A plain function, not a component: it has no state, and each component costs the wasm its
/// own copy of yew's lifecycle code.
pub(crate) fn event_item(e: &Entry, step: Option<&Step>, key: usize) -> Html {
    let (icon, title, class) = event_words(e.event_type.as_ref(), e.percentage);
    let by = e.triggered_by.as_ref().map(|t| {
        let who = triggered_by_text(t).to_owned();
        (
            who,
            matches!(t, TriggeredBy::CloudWatchAlarm | TriggeredBy::InternalError),
        )
    });
    let invocations = e.action_invocations.clone().unwrap_or_default();
    let overdue = step.is_some_and(|s| s.overdue);
    html! {
        <li {key} class={classes!("event", format!("ev-{class}"), (e.failed_invocations > 0).then_some("has-failure"), overdue.then_some("overdue"))}
            data-type={e.event_type.as_ref().map(|t| t.as_str().to_owned()).unwrap_or_default()}>
            <span class="ev-icon" aria-hidden="true">{ icon }</span>
            <div class="ev-body">
                <div class="ev-head">
                    <span class="ev-title">{ title.clone() }</span>
                    if let Some((who, alarm)) = by {
                        <span class={classes!("ev-by", alarm.then_some("alarm"))}>{ format!("by {who}") }</span>
                    }
                </div>
                if let Some(timing) = step.and_then(step_timing) {
                    <div class="ev-step muted">
                        { timing }
                        if overdue {
                            { fixed("<span class=\"ev-overdue\" title=\"Later than one step interval and more than a minute after it was due\"> ⚠ overdue</span>") }
                        }
                    </div>
                }
                if let Some(d) = e.description.clone().filter(|d| !d.is_empty() && !is_boilerplate(d, &title, e.percentage)) {
                    <p class="ev-desc">{ wrapped(&d) }</p>
                }
                if !invocations.is_empty() {
                    <ul class="invocations" aria-label="Extension actions">
                        { for invocations.iter().map(|a| {
                            let failed = a.failed();
                            let name = a.extension_identifier.clone().unwrap_or_else(|| "extension".into());
                            html! {
                                <li class={classes!("invocation", failed.then_some("failed"))}>
                                    <span class="inv-status">{ if failed { "✗ Failed" } else { "✓ Ran" } }</span>
                                    { " " }<span class="inv-name">{ name }</span>
                                    if let Some(action) = &a.action_name { <span class="muted">{ format!(" · {action}") }</span> }
                                    if let Some(uri) = &a.uri { <div class="inv-uri muted">{ wrapped(uri) }</div> }
                                    if failed {
                                        <div class="inv-error">
                                            if let Some(code) = &a.error_code { <strong>{ format!("{code}: ") }</strong> }
                                            { a.error_message.clone().unwrap_or_default() }
                                        </div>
                                    }
                                    if let Some(role) = &a.role_arn { <div class="inv-uri muted">{ "Role " }{ wrapped(role) }</div> }
                                    if let Some(id) = &a.invocation_id { <div class="inv-uri muted">{ format!("Invocation {id}") }</div> }
                                </li>
                            }
                        }) }
                    </ul>
                }
            </div>
            <div class="ev-time">
                if let Some(at) = e.occurred_at {
                    <time datetime={at.to_rfc3339()} title={utc_title(&at)}>{ local_time(&at) }</time>
                } else {
                    { fixed("<span class=\"muted\">no time</span>") }
                }
                if let Some(gap) = e.since_previous_ms {
                    <span class="gap muted" title="Time since the previous event">{ if gap == 0 { "same time".to_owned() } else { format!("+{}", format_duration(gap)) } }</span>
                }
            </div>
        </li>
    }
}
