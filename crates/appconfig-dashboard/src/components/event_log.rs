use std::rc::Rc;

use appconfig_core::timeline::TimelineEntry as Entry;
use appconfig_core::{model::DeploymentEventType, timeline::Step};
use yew::prelude::*;

use crate::view::fixed;

use super::event_item;
use crate::format::percent;

/// Logs longer than this collapse runs of percentage updates.
pub(crate) const COLLAPSE_ABOVE: usize = 50;
/// Runs of at least this many consecutive PERCENTAGE_UPDATED events collapse into one group.
pub(crate) const MIN_GROUP: usize = 6;

/// Props of [`EventLog`].
#[derive(Properties, PartialEq)]
pub(crate) struct EventLogProps {
    /// The events, oldest first (the core's `Timeline.entries`).
    pub entries: Rc<Vec<Entry>>,
    /// The steps (the core's `Timeline.steps`): how long each took against the plan.
    #[prop_or_default]
    pub steps: Rc<Vec<Step>>,
}

/// A piece of the list: one event, or a run of percentage updates `start..end`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Segment {
    /// One event (index into the entries).
    One(usize),
    /// A collapsible run `start..end` of PERCENTAGE_UPDATED events.
    Run(usize, usize),
}

/// Splits long logs: runs of [`MIN_GROUP`] or more consecutive PERCENTAGE_UPDATED events without
/// failed invocations become one group when there are more than [`COLLAPSE_ABOVE`] events.
pub(crate) fn segments(entries: &[Entry]) -> Vec<Segment> {
    let mut out = Vec::new();
    let collapse = entries.len() > COLLAPSE_ABOVE;
    let plain = |e: &Entry| {
        e.event_type == Some(DeploymentEventType::PercentageUpdated) && e.failed_invocations == 0
    };
    let mut i = 0;
    while i < entries.len() {
        if collapse && plain(&entries[i]) {
            let mut j = i;
            while j < entries.len() && plain(&entries[j]) {
                j += 1;
            }
            if j - i >= MIN_GROUP {
                out.push(Segment::Run(i, j));
                i = j;
                continue;
            }
        }
        out.push(Segment::One(i));
        i += 1;
    }
    out
}

/// The event log as `<ol aria-label="Event timeline">`, oldest first with a toggle for newest
/// first (as AWS returns it). Long logs collapse runs of percentage updates into a group that
/// expands in place into one `<li>` per event.
#[function_component(EventLog)]
pub(crate) fn event_log(props: &EventLogProps) -> Html {
    let newest_first = use_state(|| false);
    // The first index of each expanded group (a Vec: a BTreeSet costs ~4 KB of wasm).
    let expanded = use_state(Vec::<usize>::new);
    let entries = &props.entries;
    let segs = use_memo(Rc::clone(entries), |e| segments(e));
    let groups: Vec<usize> = segs
        .iter()
        .filter_map(|s| match s {
            Segment::Run(a, _) => Some(*a),
            Segment::One(_) => None,
        })
        .collect();
    let all_open = groups.iter().all(|g| expanded.contains(g));

    let toggle_order = {
        let newest_first = newest_first.clone();
        Callback::from(move |_| newest_first.set(!*newest_first))
    };
    let toggle_all = {
        let expanded = expanded.clone();
        let groups = groups.clone();
        Callback::from(move |_| {
            if all_open {
                expanded.set(Vec::new());
            } else {
                expanded.set(groups.to_vec());
            }
        })
    };

    let step_of = |i: usize| {
        let at = entries[i].log_index;
        props.steps.iter().find(|s| s.log_index == at).copied()
    };
    let mut items: Vec<Html> = Vec::with_capacity(entries.len());
    let mut ordered: Vec<&Segment> = segs.iter().collect();
    if *newest_first {
        ordered.reverse();
    }
    for seg in ordered {
        match *seg {
            Segment::One(i) => items.push(event_item(&entries[i], step_of(i).as_ref(), i)),
            Segment::Run(a, b) if expanded.contains(&a) => {
                let mut range: Vec<usize> = (a..b).collect();
                if *newest_first {
                    range.reverse();
                }
                for i in range {
                    items.push(event_item(&entries[i], step_of(i).as_ref(), i));
                }
            }
            Segment::Run(a, b) => {
                let from = entries[a].percentage.map(percent).unwrap_or_default();
                let to = entries[b - 1].percentage.map(percent).unwrap_or_default();
                let overdue = (a..b)
                    .filter(|&i| step_of(i).is_some_and(|s| s.overdue))
                    .count();
                let expanded = expanded.clone();
                let onclick = Callback::from(move |_| {
                    let mut set = (*expanded).clone();
                    set.push(a);
                    expanded.set(set);
                });
                items.push(html! {
                    <li key={format!("group-{a}")} class="event event-group" data-count={(b - a).to_string()}>
                        { fixed("<span class=\"ev-icon\" aria-hidden=\"true\">⋯</span>") }
                        <div class="ev-body">
                            <button type="button" class="link" aria-expanded="false" {onclick}>
                                { format!("Show {} percentage updates ({from} → {to})", b - a) }
                            </button>
                            if overdue > 0 {
                                <span class="ev-overdue">{ format!("⚠ {overdue} overdue") }</span>
                            }
                        </div>
                    </li>
                });
            }
        }
    }

    html! {
        <div class="timeline">
            <div class="timeline-tools">
                <span class="muted">{ if entries.len() == 1 { "1 event".to_owned() } else { format!("{} events", entries.len()) } }</span>
                <button type="button" class="link" onclick={toggle_order} aria-pressed={(*newest_first).to_string()}>
                    { if *newest_first { "Show oldest first" } else { "Show newest first" } }
                </button>
                if !groups.is_empty() {
                    <button type="button" class="link" onclick={toggle_all} data-action="expand-all">
                        { if all_open { "Collapse percentage updates" } else { "Show all events" } }
                    </button>
                }
            </div>
            if entries.is_empty() {
                { fixed("<p class=\"muted\">No events recorded.</p>") }
            }
            <ol aria-label="Event timeline" class={classes!("events", newest_first.then_some("newest-first"))}>
                { for items }
            </ol>
        </div>
    }
}
