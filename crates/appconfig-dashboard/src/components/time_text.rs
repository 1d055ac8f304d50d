use appconfig_core::DateTime;
use yew::prelude::*;

use crate::format::{local_time, relative, utc_title};

/// Local time `at`, UTC on hover, and how long ago from `now_ms` (`Date.now()` ms).
///
/// A plain function, not a component: it has no state, and each component costs the wasm its
/// own copy of yew's lifecycle code.
pub(crate) fn time_text(at: &DateTime, now_ms: f64) -> Html {
    html! {
        <>
            <time datetime={at.to_rfc3339()} title={utc_title(at)}>{ local_time(at) }</time>
            <span class="muted rel">{ format!(" ({})", relative(at, now_ms)) }</span>
        </>
    }
}
