use std::rc::Rc;

use appconfig_core::{
    model::GrowthType,
    timeline::{describe_strategy, summary_progress, StrategyParams, SummaryProgress},
    DateTime,
};
use yew::prelude::*;

use crate::view::fixed;

use crate::format::{percent, relative, utc_title, visible};
use crate::hooks::{version_text, OverviewEntry};
use crate::words::state_words;

/// Props of [`OverviewRow`].
#[derive(Properties, PartialEq)]
pub(crate) struct OverviewRowProps {
    /// The environment and its latest deployment.
    pub row: Rc<OverviewEntry>,
    /// "Now", to the minute (relative times), so that a refresh repaints only changed rows.
    pub now_ms: f64,
    /// Open the deployment: (application, environment, number).
    pub onopen: Callback<(String, String, i32)>,
    /// Where the rows are shown (the link of each deployment).
    pub host: crate::host::HostRef,
}

#[cfg(feature = "render-count")]
thread_local! {
    static RENDERS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many times any [`OverviewRow`] has rendered since the page loaded: the component test
/// checks with it that a refresh re-renders only the rows whose data changed. Only with the
/// `render-count` feature, which only the tests turn on.
#[cfg(feature = "render-count")]
pub fn render_count() -> u64 {
    RENDERS.with(|c| c.get())
}

/// "Next 60% in 2 min · ends in 8 min (estimate)": the next step and completion of a running
/// deployment, from its strategy.
pub(crate) fn next_text(g: &SummaryProgress, now_ms: f64) -> String {
    let next = match (g.next_percentage, g.next_step_at) {
        (Some(p), Some(at)) => Some(format!("next {} {}", percent(p), relative(&at, now_ms))),
        _ => g
            .bake_starts_at
            .map(|at| format!("bake {}", relative(&at, now_ms))),
    };
    let ends = g
        .completes_at
        .map(|at| format!("ends {}", relative(&at, now_ms)));
    let text = [next, ends]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    if text.is_empty() {
        text
    } else {
        format!("{text} (estimate)")
    }
}

/// One environment: names, the latest deployment's state, progress, configuration, start and
/// strategy. The whole row opens the deployment.
#[function_component(OverviewRow)]
pub(crate) fn overview_row(props: &OverviewRowProps) -> Html {
    #[cfg(feature = "render-count")]
    RENDERS.with(|c| c.set(c.get() + 1));
    let r = &props.row;
    let latest = r.latest.as_ref().and_then(|l| l.as_ref());
    let n = latest.and_then(|s| s.deployment_number);
    let open = {
        let (onopen, app, env) = (props.onopen.clone(), r.app_id.clone(), r.env_id.clone());
        move |n: i32| {
            let (onopen, app, env) = (onopen.clone(), app.clone(), env.clone());
            Callback::from(move |e: MouseEvent| {
                // Ctrl/⌘-click opens a new tab as links do.
                if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
                    return;
                }
                e.prevent_default();
                onopen.emit((app.clone(), env.clone(), n));
            })
        }
    };
    let (words, icon, class) = state_words(latest.and_then(|s| s.state.as_ref()));
    let state_text = latest.and_then(|s| s.state.as_ref()).map(|s| {
        if words.is_empty() {
            s.as_str().to_owned()
        } else {
            words.to_owned()
        }
    });
    let pct = latest.and_then(|s| s.percentage_complete);
    // A running row names the change it rolls out: "checkout-flags v24 → v25".
    let config = latest.map(|s| {
        let name = s.configuration_name.clone().unwrap_or_default();
        let version = version_text(s);
        let before = r
            .previous
            .as_ref()
            .filter(|(p, _)| r.is_running() && Some(*p) == n && version.is_some());
        match (before, version) {
            (Some((_, b)), Some(v)) => format!("{name} {b} → {v}"),
            (_, Some(v)) => format!("{name} {v}"),
            _ => name,
        }
    });
    let strategy = latest.and_then(|s| {
        Some(describe_strategy(&StrategyParams {
            growth_type: s.growth_type.clone().unwrap_or(GrowthType::Linear),
            growth_factor: s.growth_factor?,
            duration_minutes: i64::from(s.deployment_duration_in_minutes?),
            final_bake_minutes: i64::from(s.final_bake_time_in_minutes.unwrap_or(0)),
        }))
    });
    let progress =
        latest.and_then(|s| summary_progress(s, DateTime::from_epoch_millis(props.now_ms as i64)));
    let href = n.and_then(|n| props.host.0.deployment_href(&r.app_id, &r.env_id, n));
    let onclick = n.map(&open);
    html! {
        <tr class={classes!("ov-row", r.is_running().then_some("running"), r.is_flagged().then_some("alarm-flagged"))}
            data-app={r.app_id.clone()} data-env={r.env_id.clone()} data-state={latest.and_then(|s| s.state.as_ref()).map(|s| s.as_str().to_owned())}
            onclick={onclick.clone()}>
            <td class="ov-name">
                <span class="ov-app">{ visible(&r.app_name) }</span>
                if let Some(href) = href {
                    <a class="ov-env" href={href} onclick={onclick}>{ visible(&r.env_name) }</a>
                } else {
                    <span class="ov-env">{ visible(&r.env_name) }</span>
                }
            </td>
            <td class="ov-state">
                if let Some(t) = state_text {
                    <span class={classes!("badge", "small", format!("state-{class}"))}><span aria-hidden="true">{ icon }</span>{ t }</span>
                } else if r.latest.is_some() {
                    { fixed("<span class=\"muted\">No deployments</span>") }
                } else if r.problem.is_none() {
                    { fixed("<span class=\"muted\">…</span>") }
                }
                if let Some(p) = &r.problem {
                    <span class="ov-problem" title={p.detail.clone().unwrap_or_default()}>{ format!("⚠ {}", p.title) }</span>
                }
                if let Some(f) = r.alarm_flag.as_ref().filter(|_| r.is_running()) {
                    <span class="ov-alarm" title="AppConfig rolls back when a monitored alarm is in ALARM or INSUFFICIENT_DATA (unless its actions are disabled)">{ format!("⚠ {f}") }</span>
                }
            </td>
            <td class="ov-progress">
                if let Some(p) = pct {
                    <svg class="ov-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
                        <rect class="ov-track" width="100" height="8" rx="4" />
                        <rect class={classes!("ov-fill", format!("tone-{class}"))} width={format!("{:.1}", p.clamp(0.0, 100.0))} height="8" rx="4" />
                    </svg>
                    <span class="ov-pct">{ percent(p) }</span>
                }
                if let Some(g) = &progress {
                    <span class="ov-next muted" title={g.basis_text}>{ next_text(g, props.now_ms) }</span>
                    if let Some(late) = &g.overdue_text {
                        <span class="ov-overdue">{ format!("⚠ {late}") }</span>
                    }
                }
            </td>
            <td class="ov-number">{ n.map(|n| format!("#{n}")).unwrap_or_default() }</td>
            <td class="ov-config">{ config.map(|c| visible(&c)).unwrap_or_default() }</td>
            <td class="ov-started">
                if let Some(at) = latest.and_then(|s| s.started_at) {
                    <time datetime={at.to_rfc3339()} title={utc_title(&at)}>{ relative(&at, props.now_ms) }</time>
                }
            </td>
            <td class="ov-strategy muted">{ strategy.unwrap_or_default() }</td>
        </tr>
    }
}
