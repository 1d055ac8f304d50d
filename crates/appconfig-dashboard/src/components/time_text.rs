use appconfig_core::DateTime;
use yew::prelude::*;

use crate::format::{local_time, relative, utc_title};

/// Props of [`TimeText`].
#[derive(Properties, PartialEq)]
pub(crate) struct TimeTextProps {
    /// The time.
    pub at: DateTime,
    /// "Now", for the relative part (`Date.now()` ms).
    pub now_ms: f64,
}

/// Local time, UTC on hover, and how long ago.
#[function_component(TimeText)]
pub(crate) fn time_text(props: &TimeTextProps) -> Html {
    html! {
        <>
            <time datetime={props.at.to_rfc3339()} title={utc_title(&props.at)}>{ local_time(&props.at) }</time>
            <span class="muted rel">{ format!(" ({})", relative(&props.at, props.now_ms)) }</span>
        </>
    }
}
