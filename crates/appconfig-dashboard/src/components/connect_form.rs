use std::rc::Rc;

use appconfig_core::endpoint::KNOWN_REGIONS;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::view::fixed;

use crate::form::{Field, FieldErrors};
use crate::settings::{Connection, Mode};
use crate::view::field_error;

/// What [`connect_form`] shows and whom it tells.
pub(crate) struct ConnectFormProps {
    /// The settings being edited.
    pub value: Connection,
    /// Every edit.
    pub onchange: Callback<Connection>,
    /// Field errors by field (`region`, `endpoint`, `proxy`, `accessKeyId`, `secretAccessKey`).
    pub errors: Rc<FieldErrors>,
    /// The page is served by the simulator (its demo keys were filled in).
    pub simulator: bool,
    /// "Connect": use these settings without choosing a deployment (the overview appears).
    pub onconnect: Option<Callback<()>>,
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// Region, where to send requests, and credentials (kept in memory unless "Remember" is ticked).
///
/// A plain function, not a component: it has no state (its callbacks are new on every render
/// of the app, so a component would never skip one), and each component costs the wasm its own
/// copy of yew's lifecycle code.
pub(crate) fn connect_form(props: &ConnectFormProps) -> Html {
    let v = &props.value;
    let edit = |f: fn(&mut Connection, String)| {
        let value = v.clone();
        let onchange = props.onchange.clone();
        Callback::from(move |e: InputEvent| {
            let mut c = value.clone();
            f(&mut c, input_value(&e));
            onchange.emit(c);
        })
    };
    // A change event (select, checkbox) applied to a copy of the connection.
    let change = |f: fn(&mut Connection, &Event)| {
        let value = v.clone();
        let onchange = props.onchange.clone();
        Callback::from(move |e: Event| {
            let mut c = value.clone();
            f(&mut c, &e);
            onchange.emit(c);
        })
    };
    let on_mode = change(|c, e| {
        c.mode = Mode::parse(&e.target_unchecked_into::<HtmlSelectElement>().value());
    });
    let on_remember = change(|c, e| {
        c.remember = e.target_unchecked_into::<HtmlInputElement>().checked();
    });
    let errors = &props.errors;
    let invalid = |f: Field| errors.contains_key(&f).then_some("true");
    let url_field = match v.mode {
        Mode::Proxy => Field::Proxy,
        Mode::Gateway => Field::Gateway,
        _ => Field::Endpoint,
    };
    let gateway = v.mode == Mode::Gateway;
    let (url_label, url_help) = match v.mode {
        Mode::Endpoint => ("Endpoint URL", "Requests are sent to and signed for this URL (appconfig-sim, a VPC endpoint)."),
        Mode::Proxy => ("Proxy URL", "Requests are signed for AWS and sent through this URL, which forwards them unchanged."),
        Mode::Direct => ("", "Straight to AWS: browsers block this (AppConfig sends no CORS headers) unless an extension allows it."),
        Mode::Gateway => ("Gateway URL", "An appconfig-gateway: it signs for the account, no AWS key here."),
    };
    html! {
        <fieldset class="connect">
            { fixed("<legend class=\"visually-hidden\">Connection</legend>") }
            if props.simulator {
                { fixed("<p class=\"note\">This page is served by appconfig-sim: its region, endpoint and demo keys are filled in.</p>") }
            }
            <div class="field">
                { fixed("<label for=\"region\">Region</label>") }
                <input id="region" name="region" list="regions" autocomplete="off" spellcheck="false"
                    value={v.region.clone()} oninput={edit(|c, s| c.region = s)} placeholder="us-east-1"
                    aria-invalid={invalid(Field::Region)} aria-describedby="region-error" />
                <datalist id="regions">
                    { for KNOWN_REGIONS.iter().map(|r| html! { <option value={*r} /> }) }
                </datalist>
                { field_error(errors, Field::Region, "region-error") }
            </div>
            <div class="field">
                { fixed("<label for=\"mode\">Send requests</label>") }
                <select id="mode" name="mode" onchange={on_mode}>
                    <option value="endpoint" selected={v.mode == Mode::Endpoint}>{ "To a simulator or custom endpoint" }</option>
                    <option value="proxy" selected={v.mode == Mode::Proxy}>{ "Through a proxy to AWS" }</option>
                    <option value="direct" selected={v.mode == Mode::Direct}>{ "Directly to AWS" }</option>
                    <option value="gateway" selected={gateway}>{ "Through a gateway (no keys in this browser)" }</option>
                </select>
            </div>
            if v.mode != Mode::Direct {
                <div class="field wide">
                    <label for="url">{ url_label }</label>
                    <input id="url" name={url_field.as_str()} type="url" autocomplete="url" spellcheck="false"
                        value={v.url.clone()} oninput={edit(|c, s| c.url = s)}
                        placeholder={if v.mode == Mode::Endpoint { "http://127.0.0.1:4000" } else { "https://appconfig-proxy.internal.example" }}
                        aria-invalid={invalid(url_field)} aria-describedby="url-help url-error" />
                    <p class="help" id="url-help">{ url_help }</p>
                    { field_error(errors, url_field, "url-error") }
                </div>
            } else {
                <p class="help wide">{ url_help }</p>
            }
            if gateway {
                <div class="field">
                    { fixed("<label for=\"account\">Account</label>") }
                    <input id="account" name="account" autocomplete="off" spellcheck="false"
                        value={v.account.clone()} oninput={edit(|c, s| c.account = s)}
                        aria-invalid={invalid(Field::Account)} aria-describedby="account-error" />
                    { field_error(errors, Field::Account, "account-error") }
                </div>
                <div class="field">
                    <label for="gateway-token">{ "Gateway token " }<span class="muted">{ "(optional)" }</span></label>
                    <input id="gateway-token" name="gateway-token" type="password" autocomplete="off"
                        value={v.gateway_token.clone()} oninput={edit(|c, s| c.gateway_token = s)} />
                </div>
            } else {
            <div class="field">
                { fixed("<label for=\"access-key-id\">Access key id</label>") }
                <input id="access-key-id" name="access-key-id" autocomplete="off" spellcheck="false"
                    value={v.access_key_id.clone()} oninput={edit(|c, s| c.access_key_id = s)}
                    aria-invalid={invalid(Field::AccessKeyId)} aria-describedby="akid-error" />
                { field_error(errors, Field::AccessKeyId, "akid-error") }
            </div>
            <div class="field">
                { fixed("<label for=\"secret-access-key\">Secret access key</label>") }
                <input id="secret-access-key" name="secret-access-key" type="password" autocomplete="off"
                    value={v.secret_access_key.clone()} oninput={edit(|c, s| c.secret_access_key = s)}
                    aria-invalid={invalid(Field::SecretAccessKey)} aria-describedby="secret-error" />
                { field_error(errors, Field::SecretAccessKey, "secret-error") }
            </div>
            <div class="field wide">
                <label for="session-token">{ "Session token " }{ fixed("<span class=\"muted\">(temporary credentials only)</span>") }</label>
                <input id="session-token" name="session-token" type="password" autocomplete="off"
                    value={v.session_token.clone()} oninput={edit(|c, s| c.session_token = s)} />
            </div>
            }
            <div class="field wide check">
                <input id="remember" type="checkbox" checked={v.remember} onchange={on_remember} />
                <label for="remember">{ if gateway { "Remember the token for this tab" } else { "Remember the credentials for this tab" } }</label>
                { fixed("<p class=\"help\">Off: they stay in memory and are gone on reload. On: kept in this tab's sessionStorage until the tab closes, for this endpoint only. Never in the link or localStorage.</p>") }
            </div>
            if let Some(cb) = &props.onconnect {
                <div class="actions wide">
                    <button type="button" class="secondary connect-button" onclick={cb.reform(|_| ())}>{ "Connect and show all environments" }</button>
                </div>
            }
        </fieldset>
    }
}
