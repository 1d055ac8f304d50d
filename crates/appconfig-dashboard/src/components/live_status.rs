use appconfig_core::timeline::format_duration;
use yew::prelude::*;

use crate::view::fixed;

use crate::format::round_for_humans;
use crate::hooks::use_now;

/// Props of [`LiveStatus`].
#[derive(Properties, PartialEq, Debug)]
pub struct LiveStatusProps {
    /// When the data arrived (`Date.now()` ms).
    pub updated_ms: Option<f64>,
    /// The page refreshes itself.
    pub live: bool,
    /// A request is in flight.
    pub loading: bool,
    /// Fetch again now.
    pub onrefresh: Callback<()>,
    /// The last refresh failed: the data shown is older than it should be.
    #[prop_or_default]
    pub stale: bool,
}

/// "● Live · Updated 3 s ago" with a refresh button; ticks every second by itself.
#[function_component(LiveStatus)]
pub fn live_status(props: &LiveStatusProps) -> Html {
    let now = use_now(1000);
    let updated = props.updated_ms.map(|u| {
        let ago = (now - u).max(0.0) as i64;
        if ago < 1000 {
            "Updated just now".to_owned()
        } else {
            format!("Updated {} ago", format_duration(round_for_humans(ago)))
        }
    });
    html! {
        <div class="live-status">
            if props.live && props.stale {
                // A pulsing "Live" beside a "does not answer" panel would contradict it.
                <span class="live-dot stale" title="The last refresh failed: trying again">
                    <span class="dot" aria-hidden="true"></span>{ "Reconnecting" }
                </span>
            } else if props.live {
                <span class="live-dot" title="This page refreshes itself every 5 s while the deployment runs">
                    <span class="dot" aria-hidden="true"></span>{ "Live" }
                </span>
            } else {
                { fixed("<span class=\"final muted\">Final state: not refreshing</span>") }
            }
            if let Some(u) = updated {
                <span class="updated muted" aria-live="off">{ u }</span>
            }
            <button type="button" class="link" onclick={props.onrefresh.reform(|_| ())} disabled={props.loading}>
                { if props.loading { "Refreshing…" } else { "Refresh now" } }
            </button>
        </div>
    }
}
