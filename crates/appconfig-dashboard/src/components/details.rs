use appconfig_core::Deployment;
use appconfig_core::{timeline::format_duration, Timeline};
use yew::prelude::*;

use crate::view::fixed;

use super::time_text;
use crate::format::{percent, wrapped};
use crate::words::state_words;

/// The labels of the details list, in order (every member of the GetDeployment output).
pub const LABELS: &[&str] = &[
    "State",
    "Clients reached",
    "Application",
    "Environment",
    "Deployment number",
    "Description",
    "Configuration name",
    "Configuration profile",
    "Configuration version",
    "Version label",
    "Configuration location",
    "Deployment strategy",
    "Strategy",
    "Growth",
    "Rollout duration",
    "Final bake time",
    "Started",
    "Completed",
    "Duration",
    "KMS key ARN",
    "KMS key identifier",
    "Applied extensions",
];

fn text(v: Option<String>) -> Html {
    match v.filter(|s| !s.is_empty()) {
        Some(s) => html! { { s } },
        None => html! { { fixed("<span class=\"muted\" title=\"Not set\">—</span>") } },
    }
}

fn code(v: Option<String>) -> Html {
    match v.filter(|s| !s.is_empty()) {
        Some(s) => html! { <code class="wrap">{ wrapped(&s) }</code> },
        None => text(None),
    }
}

/// Every member of the deployment `d`, labelled in plain words, in a `<dl>`; `t` is the core's
/// timeline of it (strategy in words, duration), `now` (`Date.now()` ms) for relative times.
///
/// A plain function, not a component: it has no state, and each component costs the wasm its
/// own copy of yew's lifecycle code.
pub(crate) fn details(d: &Deployment, t: &Timeline, now: f64) -> Html {
    let minutes = |m: Option<i32>| {
        m.map(|m| match m {
            0 => "0 min".to_owned(),
            m => format_duration(i64::from(m) * 60_000),
        })
    };
    let growth = match (&d.growth_type, d.growth_factor) {
        (Some(g), Some(f)) => Some(format!("{} by {}", g.as_str(), percent(f))),
        (Some(g), None) => Some(g.as_str().to_owned()),
        (None, Some(f)) => Some(format!("by {}", percent(f))),
        (None, None) => None,
    };
    let (state_text, _, _) = state_words(d.state.as_ref());
    let state = d.state.as_ref().map(|s| {
        if state_text.is_empty() {
            s.as_str().to_owned()
        } else {
            format!("{state_text} ({})", s.as_str())
        }
    });
    let duration = t.duration_ms.map(|ms| {
        if t.in_progress && ms < 1000 {
            // "172 ms so far" is noise: nothing has happened yet.
            "Just started".to_owned()
        } else if t.in_progress {
            format!("{} so far", format_duration(ms))
        } else {
            format_duration(ms)
        }
    });
    let time = |at: Option<appconfig_core::DateTime>| match at {
        Some(at) => time_text(&at, now),
        None => text(None),
    };
    let completed = match (
        d.completed_at,
        t.in_progress,
        t.projection.as_ref().and_then(|p| p.completes_at),
    ) {
        (Some(c), _, _) => time(Some(c)),
        (None, true, Some(eta)) => html! {
            <span class="estimate">{ "Not yet; estimated " }{ time_text(&eta, now) }</span>
        },
        (None, true, None) => html! { { fixed("<span class=\"muted\">Not yet</span>") } },
        (None, false, _) => text(None),
    };
    let extensions = d.applied_extensions.clone().unwrap_or_default();
    let values: Vec<Html> = vec![
        text(state),
        text(d.percentage_complete.map(percent)),
        code(d.application_id.clone()),
        code(d.environment_id.clone()),
        text(d.deployment_number.map(|n| n.to_string())),
        text(d.description.clone()),
        text(d.configuration_name.clone()),
        code(d.configuration_profile_id.clone()),
        text(d.configuration_version.clone()),
        text(d.version_label.clone()),
        code(d.configuration_location_uri.clone()),
        code(d.deployment_strategy_id.clone()),
        text(t.strategy_text.clone()),
        text(growth),
        text(minutes(d.deployment_duration_in_minutes)),
        text(minutes(d.final_bake_time_in_minutes).map(|m| {
            if m == "0 min" {
                "None".into()
            } else {
                m
            }
        })),
        time(d.started_at.or(t.started_at)),
        completed,
        text(duration),
        code(d.kms_key_arn.clone()),
        code(d.kms_key_identifier.clone()),
        if extensions.is_empty() {
            text(None)
        } else {
            html! {
                <ul class="extensions">
                    { for extensions.iter().map(|x| html! {
                        <li>
                            <code class="wrap">{ wrapped(x.extension_id.as_deref().unwrap_or("extension")) }</code>
                            if let Some(v) = x.version_number { <span class="muted">{ format!(" v{v}") }</span> }
                            if let Some(a) = &x.extension_association_id {
                                <div class="muted">{ "Association " }<code class="wrap">{ a.clone() }</code></div>
                            }
                            if let Some(params) = x.parameters.as_ref().filter(|p| !p.is_empty()) {
                                <dl class="params">
                                    { for params.iter().map(|(k, v)| html! {
                                        <div><dt>{ k.clone() }</dt><dd><code class="wrap">{ wrapped(v) }</code></dd></div>
                                    }) }
                                </dl>
                            }
                        </li>
                    }) }
                </ul>
            }
        },
    ];
    html! {
        <dl class="details">
            { for LABELS.iter().zip(values).map(|(label, value)| html! {
                <div class="row"><dt>{ *label }</dt><dd>{ value }</dd></div>
            }) }
        </dl>
    }
}
