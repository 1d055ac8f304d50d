use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::view::fixed;

use crate::form::{Field, FieldErrors, FindDraft};
use crate::view::field_error;

/// What [`finder`] shows and whom it tells.
pub(crate) struct FinderProps {
    /// The fields.
    pub value: FindDraft,
    /// Every edit.
    pub onchange: Callback<FindDraft>,
    /// Field errors (`ApplicationId`, `EnvironmentId`, `DeploymentNumber`).
    pub errors: Rc<FieldErrors>,
    /// Open or close the browser.
    pub onbrowse: Callback<()>,
    /// The browser is open.
    pub browsing: bool,
}

/// What tells one of the finder's inputs from the others.
struct Input {
    id: &'static str,
    name: &'static str,
    label: &'static str,
    placeholder: &'static str,
    /// The deployment number: a narrow numeric field (no spell check to turn off).
    numeric: bool,
    field: Field,
    error_id: &'static str,
}

/// One labelled input with its inline error.
fn input(errors: &FieldErrors, i: Input, value: &str, oninput: Callback<InputEvent>) -> Html {
    let invalid = errors.contains_key(&i.field).then_some("true");
    html! {
        <div class={classes!("field", i.numeric.then_some("narrow"))}>
            <label for={i.id}>{ i.label }</label>
            <input id={i.id} name={i.name} autocomplete="off" placeholder={i.placeholder}
                spellcheck={(!i.numeric).then_some("false")} inputmode={i.numeric.then_some("numeric")}
                value={value.to_owned()} {oninput}
                aria-invalid={invalid} aria-describedby={i.error_id} />
            { field_error(errors, i.field, i.error_id) }
        </div>
    }
}

/// ApplicationId, EnvironmentId and DeploymentNumber, typed in (or filled by the browser).
///
/// A plain function, not a component: it has no state (its callbacks are new on every render
/// of the app, so a component would never skip one), and each component costs the wasm its own
/// copy of yew's lifecycle code.
pub(crate) fn finder(props: &FinderProps) -> Html {
    let v = &props.value;
    let edit = |f: fn(&mut FindDraft, String)| {
        let value = v.clone();
        let onchange = props.onchange.clone();
        Callback::from(move |e: InputEvent| {
            let mut d = value.clone();
            f(
                &mut d,
                e.target_unchecked_into::<HtmlInputElement>().value(),
            );
            onchange.emit(d);
        })
    };
    let errors = &props.errors;
    html! {
        <fieldset class="finder">
            { fixed("<legend>Deployment</legend>") }
            { input(errors, Input { id: "find-app", name: "app", label: "Application", placeholder: "id or name", numeric: false, field: Field::ApplicationId, error_id: "app-error" }, &v.app, edit(|d, s| d.app = s)) }
            { input(errors, Input { id: "find-env", name: "env", label: "Environment", placeholder: "id or name", numeric: false, field: Field::EnvironmentId, error_id: "env-error" }, &v.env, edit(|d, s| d.env = s)) }
            { input(errors, Input { id: "find-deployment", name: "deployment", label: "Number", placeholder: "1", numeric: true, field: Field::DeploymentNumber, error_id: "deployment-error" }, &v.deployment, edit(|d, s| d.deployment = s)) }
            <div class="actions">
                { fixed("<button type=\"submit\" class=\"primary\">Show deployment</button>") }
                <button type="button" class="secondary" aria-expanded={props.browsing.to_string()}
                    onclick={props.onbrowse.reform(|_| ())}>
                    { if props.browsing { "Close browser" } else { "Browse…" } }
                </button>
            </div>
        </fieldset>
    }
}
