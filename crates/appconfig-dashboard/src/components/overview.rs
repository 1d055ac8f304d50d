use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{error_panel, OverviewRow};
use crate::format::folded;
use crate::hooks::OverviewEntry;
use crate::words::state_words;

/// Props of [`Overview`].
#[derive(Properties, PartialEq, Debug)]
pub struct OverviewProps {
    /// The rows, in listing order.
    pub rows: Rc<Vec<Rc<OverviewEntry>>>,
    /// Listing is done (otherwise "Loading…").
    pub listed: bool,
    /// Why listing failed.
    #[prop_or_default]
    pub problem: Option<crate::errors::Problem>,
    /// One application only (`?app=`).
    #[prop_or_default]
    pub only: Option<AttrValue>,
    /// "Now" (`Date.now()` ms).
    pub now_ms: f64,
    /// Open a deployment.
    pub onopen: Callback<(String, String, i32)>,
    /// Where it is shown (the rows' links; none by default).
    #[prop_or_default]
    pub host: crate::host::HostRef,
}

fn matches(r: &OverviewEntry, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let latest = r.latest.as_ref().and_then(|l| l.as_ref());
    let state = latest
        .and_then(|s| s.state.as_ref())
        .map(|s| format!("{} {}", state_words(Some(s)).0, s.as_str()))
        .unwrap_or_default();
    let config = latest
        .and_then(|s| s.configuration_name.clone())
        .unwrap_or_default();
    [
        &r.app_name,
        &r.app_id,
        &r.env_name,
        &r.env_id,
        &state,
        &config,
    ]
    .iter()
    .any(|h| folded(h).contains(needle))
}

/// Running rows whose monitored alarm is not OK first, then the other running and rolling-back
/// rows, then by application and environment name (case
/// ignored), equal keys in listing order. A binary insertion sort: each key is lowered once, and
/// it costs a few hundred bytes of wasm where `sort_by` instantiates a whole driftsort (~3.5 KB).
fn in_order<'a>(rows: impl Iterator<Item = &'a Rc<OverviewEntry>>) -> Vec<&'a Rc<OverviewEntry>> {
    /// Not flagged, not running, then the lowered application and environment names.
    type Key = (bool, bool, String, String);
    let mut sorted: Vec<(Key, &Rc<OverviewEntry>)> = Vec::new();
    for r in rows {
        let key = (
            !r.is_flagged(),
            !r.is_running(),
            folded(&r.app_name),
            folded(&r.env_name),
        );
        let at = sorted.partition_point(|(k, _)| *k <= key);
        sorted.insert(at, (key, r));
    }
    sorted.into_iter().map(|(_, r)| r).collect()
}

/// Every environment, one row each: running and rolling-back rows first, then by application
/// and environment name; a filter box narrows them.
#[function_component(Overview)]
pub fn overview(props: &OverviewProps) -> Html {
    let filter = use_state(String::new);
    let oninput = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            filter.set(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let needle = folded(filter.trim());
    let rows = in_order(props.rows.iter().filter(|r| matches(r, &needle)));
    let running = props.rows.iter().filter(|r| r.is_running()).count();
    // Relative times in 15 s steps (rounded up, so nothing reads "in 10 s"): a data refresh
    // repaints only the rows that changed.
    let minute = (props.now_ms / 15_000.0).ceil() * 15_000.0;
    let title = match &props.only {
        Some(app) => format!("Environments of {app}"),
        None => "All environments".to_owned(),
    };
    html! {
        <section class="overview card" aria-labelledby="overview-title">
            <div class="ov-head">
                <h2 id="overview-title">{ title }</h2>
                <span class="muted ov-count">
                    { format!("{} environment{}", props.rows.len(), if props.rows.len() == 1 { "" } else { "s" }) }
                    if running > 0 { { format!(" · {running} running") } }
                </span>
                if let Some(href) = props.only.as_ref().and(props.host.0.overview_href()) {
                    <a class="ov-all" {href}>{ "All applications" }</a>
                }
                <label class="ov-filter">
                    <span class="visually-hidden">{ "Filter environments" }</span>
                    <input type="search" id="overview-filter" placeholder="Filter: name, state, configuration" value={(*filter).clone()} {oninput} autocomplete="off" spellcheck="false" />
                </label>
            </div>
            if let Some(problem) = &props.problem {
                { error_panel(problem, None, None, true) }
            }
            if !props.listed {
                <p class="loading muted" aria-live="polite">{ "Loading environments…" }</p>
            } else if props.rows.is_empty() && props.problem.is_none() {
                <p class="muted">{ "No environments." }</p>
            } else {
                <div class="ov-scroll">
                    <table class="ov-table">
                        <thead>
                            <tr>
                                <th scope="col">{ "Environment" }</th>
                                <th scope="col">{ "State" }</th>
                                <th scope="col">{ "Progress" }</th>
                                <th scope="col">{ "No." }</th>
                                <th scope="col">{ "Configuration" }</th>
                                <th scope="col">{ "Started" }</th>
                                <th scope="col">{ "Strategy" }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for rows.into_iter().map(|r| html! {
                                <OverviewRow key={format!("{}/{}", r.app_id, r.env_id)} row={Rc::clone(r)} now_ms={minute} onopen={props.onopen.clone()} host={props.host.clone()} />
                            }) }
                        </tbody>
                    </table>
                    if !needle.is_empty() && props.rows.iter().all(|r| !matches(r, &needle)) {
                        <p class="muted">{ "No environment matches the filter." }</p>
                    }
                </div>
            }
        </section>
    }
}
