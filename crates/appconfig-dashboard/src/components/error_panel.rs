use yew::prelude::*;

use crate::view::fixed;

use crate::errors::Problem;
use crate::view::advice;

/// An error: what happened, what to do, and the raw message as text. `onretry` offers a "Try
/// again" button; `retry_note` is a line saying when the dashboard tries again by itself;
/// `compact` for embed mode and stale-data warnings.
///
/// A plain function, not a component: it has no state, and each component costs the wasm its
/// own copy of yew's lifecycle code.
pub(crate) fn error_panel(
    p: &Problem,
    onretry: Option<&Callback<()>>,
    retry_note: Option<&str>,
    compact: bool,
) -> Html {
    html! {
        <div class={classes!("error-panel", compact.then_some("compact"))} role="alert" data-kind={p.kind.as_str()}>
            <p class="error-title">{ fixed("<span aria-hidden=\"true\">⚠ </span>") }{ p.title.clone() }</p>
            <p class="error-advice">{ advice(p.advice) }</p>
            if let Some(d) = &p.detail {
                <p class="error-detail">{ fixed("<span class=\"muted\">Details: </span>") }<code>{ d.clone() }</code></p>
            }
            if let Some(id) = &p.request_id {
                <p class="error-detail">{ fixed("<span class=\"muted\">Request id: </span>") }<code>{ id.clone() }</code></p>
            }
            if let Some(note) = retry_note {
                <p class="muted">{ note.to_owned() }</p>
            }
            if let Some(cb) = onretry {
                <button type="button" class="secondary" onclick={cb.reform(|_| ())}>{ "Try again" }</button>
            }
        </div>
    }
}
