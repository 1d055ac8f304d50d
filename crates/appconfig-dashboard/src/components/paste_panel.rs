use std::rc::Rc;

use appconfig_core::Deployment;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::view::fixed;

use crate::api::parse_deployment_json;
use crate::errors::Problem;
use crate::view::advice;

/// Props of [`PastePanel`].
#[derive(Properties, PartialEq, Debug)]
pub struct PastePanelProps {
    /// A deployment was read.
    pub onload: Callback<Rc<Deployment>>,
}

async fn file_text(file: web_sys::File) -> Option<String> {
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
}

/// Paste or drop the JSON of `aws appconfig get-deployment` and see it without credentials or
/// network. Bad JSON gets a clear message beside the box.
#[function_component(PastePanel)]
pub fn paste_panel(props: &PastePanelProps) -> Html {
    let text = use_state(String::new);
    let problem = use_state(|| None::<Problem>);
    let dragging = use_state(|| false);

    let show = {
        let (problem, onload) = (problem.clone(), props.onload.clone());
        Rc::new(move |t: &str| match parse_deployment_json(t) {
            Ok(d) => {
                problem.set(None);
                onload.emit(Rc::new(d));
            }
            Err(p) => problem.set(Some(p)),
        })
    };
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let onsubmit = {
        let (text, show) = (text.clone(), show.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            show(&text);
        })
    };
    let load_file = {
        let (text, show) = (text.clone(), show.clone());
        Rc::new(move |file: web_sys::File| {
            let (text, show) = (text.clone(), show.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(t) = file_text(file).await {
                    text.set(t.clone());
                    show(&t);
                }
            });
        })
    };
    let ondrop = {
        let (dragging, load_file, text, show) = (
            dragging.clone(),
            load_file.clone(),
            text.clone(),
            show.clone(),
        );
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let Some(dt) = e.data_transfer() else { return };
            if let Some(file) = dt.files().and_then(|f| f.get(0)) {
                load_file(file);
            } else if let Some(t) = dt
                .get_data("text/plain")
                .ok()
                .filter(|t| !t.trim().is_empty())
            {
                text.set(t.clone());
                show(&t);
            }
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_| dragging.set(false))
    };
    let onfile = {
        let load_file = load_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                load_file(file);
            }
            let _ = input.dyn_ref::<HtmlInputElement>().map(|i| i.set_value(""));
        })
    };
    html! {
        <form class={classes!("paste", dragging.then_some("dragging"))} {onsubmit} {ondrop} {ondragover} {ondragleave}>
            <label for="paste-json">{ "Paste the output of " }{ fixed("<code>aws appconfig get-deployment</code>") }{ ", or drop a .json file here" }</label>
            <textarea id="paste-json" rows="6" spellcheck="false" placeholder="{\n  \"ApplicationId\": \"339ohji\",\n  \"State\": \"COMPLETE\",\n  ...\n}"
                value={(*text).clone()} {oninput}
                aria-invalid={problem.is_some().then_some("true")} aria-describedby="paste-error" />
            if let Some(p) = &*problem {
                <div class="field-error" id="paste-error" role="alert" data-kind={p.kind.as_str()}>
                    <strong>{ p.title.clone() }</strong>
                    if let Some(d) = &p.detail { <div><code class="wrap">{ d.clone() }</code></div> }
                    <div class="muted">{ advice(p.advice) }</div>
                </div>
            }
            <div class="actions">
                { fixed("<button type=\"submit\" class=\"primary\">Show pasted deployment</button>") }
                <label class="file secondary">
                    { "Open file…" }
                    <input type="file" accept=".json,application/json,text/plain" onchange={onfile} class="visually-hidden" />
                </label>
                { fixed("<span class=\"muted small\">Stays in this page: nothing is sent anywhere.</span>") }
            </div>
        </form>
    }
}
