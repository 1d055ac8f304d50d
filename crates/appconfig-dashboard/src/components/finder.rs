use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::validate::{Field, FieldErrors};
use crate::view::field_error;

/// What the user typed to find a deployment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FindDraft {
    /// Application id or name.
    pub app: String,
    /// Environment id or name.
    pub env: String,
    /// Deployment number, as typed.
    pub deployment: String,
}

/// Props of [`Finder`].
#[derive(Properties, PartialEq)]
pub struct FinderProps {
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

/// ApplicationId, EnvironmentId and DeploymentNumber, typed in (or filled by the browser).
#[function_component(Finder)]
pub fn finder(props: &FinderProps) -> Html {
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
    let invalid = |f: Field| errors.contains_key(&f).then_some("true");
    html! {
        <fieldset class="finder">
            <legend>{ "Deployment" }</legend>
            <div class="field">
                <label for="find-app">{ "Application" }</label>
                <input id="find-app" name="app" autocomplete="off" spellcheck="false" placeholder="id or name"
                    value={v.app.clone()} oninput={edit(|d, s| d.app = s)}
                    aria-invalid={invalid(Field::ApplicationId)} aria-describedby="app-error" />
                { field_error(errors, Field::ApplicationId, "app-error") }
            </div>
            <div class="field">
                <label for="find-env">{ "Environment" }</label>
                <input id="find-env" name="env" autocomplete="off" spellcheck="false" placeholder="id or name"
                    value={v.env.clone()} oninput={edit(|d, s| d.env = s)}
                    aria-invalid={invalid(Field::EnvironmentId)} aria-describedby="env-error" />
                { field_error(errors, Field::EnvironmentId, "env-error") }
            </div>
            <div class="field narrow">
                <label for="find-deployment">{ "Number" }</label>
                <input id="find-deployment" name="deployment" inputmode="numeric" autocomplete="off" placeholder="1"
                    value={v.deployment.clone()} oninput={edit(|d, s| d.deployment = s)}
                    aria-invalid={invalid(Field::DeploymentNumber)} aria-describedby="deployment-error" />
                { field_error(errors, Field::DeploymentNumber, "deployment-error") }
            </div>
            <div class="actions">
                <button type="submit" class="primary">{ "Show deployment" }</button>
                <button type="button" class="secondary" aria-expanded={props.browsing.to_string()}
                    onclick={props.onbrowse.reform(|_| ())}>
                    { if props.browsing { "Close browser" } else { "Browse…" } }
                </button>
            </div>
        </fieldset>
    }
}
