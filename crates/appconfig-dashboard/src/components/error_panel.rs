use yew::prelude::*;

use crate::errors::Problem;
use crate::view::advice;

/// Props of [`ErrorPanel`].
#[derive(Properties, PartialEq)]
pub(crate) struct ErrorPanelProps {
    /// What went wrong.
    pub problem: Problem,
    /// Offers a "Try again" button.
    #[prop_or_default]
    pub onretry: Option<Callback<()>>,
    /// A line saying when the dashboard tries again by itself.
    #[prop_or_default]
    pub retry_note: Option<AttrValue>,
    /// Compact (embed mode, stale-data warnings).
    #[prop_or_default]
    pub compact: bool,
}

/// An error: what happened, what to do, and the raw message as text.
#[function_component(ErrorPanel)]
pub(crate) fn error_panel(props: &ErrorPanelProps) -> Html {
    let p = &props.problem;
    html! {
        <div class={classes!("error-panel", props.compact.then_some("compact"))} role="alert" data-kind={p.kind.as_str()}>
            <p class="error-title"><span aria-hidden="true">{ "⚠ " }</span>{ p.title.clone() }</p>
            <p class="error-advice">{ advice(p.advice) }</p>
            if let Some(d) = &p.detail {
                <p class="error-detail"><span class="muted">{ "Details: " }</span><code>{ d.clone() }</code></p>
            }
            if let Some(id) = &p.request_id {
                <p class="error-detail"><span class="muted">{ "Request id: " }</span><code>{ id.clone() }</code></p>
            }
            if let Some(note) = &props.retry_note {
                <p class="muted">{ note.clone() }</p>
            }
            if let Some(cb) = &props.onretry {
                <button type="button" class="secondary" onclick={cb.reform(|_| ())}>{ "Try again" }</button>
            }
        </div>
    }
}
