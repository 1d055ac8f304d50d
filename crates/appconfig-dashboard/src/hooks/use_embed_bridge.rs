use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::platform::{self, Listener};
use crate::settings::{Connection, Mode};
use crate::state::{Action, AppState};

/// Embed mode's conversation with the parent page: credentials posted from the `origin=`
/// origin only (as [`Action::Posted`]), and the page's height posted back on every size change,
/// to that origin (or to any parent when the link names none: a height is no secret).
#[hook]
pub fn use_embed_bridge(
    embed: bool,
    origin: String,
    current: Connection,
    root: NodeRef,
    dispatch: UseReducerDispatcher<AppState>,
) {
    // The connection as it is now, read by the listener when a message arrives.
    let latest = use_mut_ref(|| current.clone());
    *latest.borrow_mut() = current;
    {
        let origin = origin.clone();
        use_effect_with((embed, origin.clone()), move |_| {
            let listener = (embed && !origin.is_empty())
                .then(platform::window)
                .flatten()
                .map(|w| {
                    Listener::new(&w, "message", move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
                            return;
                        };
                        if e.origin() != origin {
                            return;
                        }
                        if let Some(c) = credentials_message(&e.data(), &latest.borrow()) {
                            dispatch.dispatch(Action::Posted(c));
                        }
                    })
                });
            move || drop(listener)
        });
    }
    let target = if origin.is_empty() {
        "*".to_owned()
    } else {
        origin
    };
    use_effect_with(embed, move |&embed| {
        let observer = embed.then(|| observe_height(&root, target)).flatten();
        move || {
            if let Some((o, _)) = observer {
                o.disconnect();
            }
        }
    });
}

/// The message a portal posts: `{type: "appconfig-dashboard:credentials", accessKeyId,
/// secretAccessKey, sessionToken?, region?, endpoint? | proxy?}`. Read by serde-wasm-bindgen
/// (a small value crossing once); other members are ignored, a member of the wrong type makes
/// the whole message ignored. No `Debug`: it holds a secret.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CredentialsMessage {
    #[serde(rename = "type")]
    kind: String,
    access_key_id: String,
    secret_access_key: String,
    #[serde(default)]
    session_token: Option<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    endpoint: Option<String>,
    #[serde(default)]
    proxy: Option<String>,
}

/// What the dashboard posts to its parent when its height changes.
#[derive(Serialize)]
struct HeightMessage {
    #[serde(rename = "type")]
    kind: &'static str,
    height: f64,
}

/// Reads a posted credentials message into connection settings (`None` for any other message).
fn credentials_message(data: &JsValue, current: &Connection) -> Option<Connection> {
    let m: CredentialsMessage = serde_wasm_bindgen::from_value(data.clone()).ok()?;
    if m.kind != "appconfig-dashboard:credentials" {
        return None;
    }
    let mut c = current.clone();
    c.access_key_id = m.access_key_id;
    c.secret_access_key = m.secret_access_key;
    c.session_token = m.session_token.unwrap_or_default();
    if let Some(r) = m.region {
        c.region = r;
    }
    if let Some(e) = m.endpoint {
        c.mode = Mode::Endpoint;
        c.url = e;
    } else if let Some(p) = m.proxy {
        c.mode = Mode::Proxy;
        c.url = p;
    }
    c.remember = false;
    c.from_storage = false;
    Some(c)
}

type HeightObserver = (
    web_sys::ResizeObserver,
    wasm_bindgen::closure::Closure<dyn FnMut(JsValue)>,
);

fn observe_height(root: &NodeRef, target_origin: String) -> Option<HeightObserver> {
    let el = root.cast::<web_sys::Element>()?;
    let target = el.clone();
    let mut last = -1.0;
    let closure = wasm_bindgen::closure::Closure::wrap(Box::new(move |_entries: JsValue| {
        let h = target.get_bounding_client_rect().height().ceil();
        if (h - last).abs() < 0.5 {
            return;
        }
        last = h;
        let msg = HeightMessage {
            kind: "appconfig-dashboard:height",
            height: h,
        };
        if let Ok(msg) = serde_wasm_bindgen::to_value(&msg) {
            platform::post_to_parent(&msg, &target_origin);
        }
    }) as Box<dyn FnMut(JsValue)>);
    let observer = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref()).ok()?;
    observer.observe(&el);
    Some((observer, closure))
}
