use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::platform::{self, Listener};
use crate::settings::{Connection, Mode};
use crate::state::{Action, AppState};

/// Embed mode's conversation with the parent page. Once listening, the page posts
/// `{type: "appconfig-dashboard:ready", url}` to the `origin=` portal; the portal answers with the
/// credentials, where to send requests and whether to offer actions (as [`Action::Posted`]),
/// accepted only from `window.parent`, only from that origin, and only when the browser does
/// not say another origin is the parent (`location.ancestorOrigins`). The page's height goes
/// back on every size change, to that origin (or to any parent when the link names none: a
/// height is no secret).
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
                .filter(|w| parent_may_be(w, &origin))
                .map(|w| {
                    // `{type: "appconfig-dashboard:ready", url}`: the portal answers only a
                    // frame that shows what it put there.
                    let ready = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(
                        &ready,
                        &"type".into(),
                        &"appconfig-dashboard:ready".into(),
                    );
                    let url = w.location().href().unwrap_or_default();
                    let _ = js_sys::Reflect::set(&ready, &"url".into(), &url.into());
                    let target = origin.clone();
                    let listener = Listener::new(&w, "message", move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
                            return;
                        };
                        if e.origin() != origin || !from_parent(e) {
                            return;
                        }
                        if let Some((c, actions)) = credentials_message(&e.data(), &latest.borrow())
                        {
                            dispatch.dispatch(Action::Posted(c, actions));
                        }
                    });
                    platform::post_to_parent(&ready, &target);
                    listener
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
        let watch = embed.then(|| observe_height(&root, target)).flatten();
        move || drop(watch)
    });
}

/// False when the browser names the parent's origin (`location.ancestorOrigins`, in Chromium
/// and Safari) and it is not `origin`: a page that framed the portal and navigated this frame
/// has no say. Where the browser does not tell, the message's source and origin decide.
fn parent_may_be(w: &web_sys::Window, origin: &str) -> bool {
    let Ok(list) = js_sys::Reflect::get(w.location().as_ref(), &"ancestorOrigins".into()) else {
        return true;
    };
    if list.is_undefined() || list.is_null() {
        return true;
    }
    js_sys::Reflect::get(&list, &0.into())
        .ok()
        .and_then(|v| v.as_string())
        .is_some_and(|first| first == origin)
}

/// True for a message from `window.parent` (this page being a frame): not from a sibling, a
/// child, a popup or this window itself, whatever their origin.
fn from_parent(e: &web_sys::MessageEvent) -> bool {
    let Some(w) = platform::window() else {
        return false;
    };
    let Ok(Some(parent)) = w.parent() else {
        return false;
    };
    let (parent, this): (JsValue, JsValue) = (parent.into(), w.into());
    parent != this && e.source().is_some_and(|s| JsValue::from(s) == parent)
}

/// The message a portal posts: `{type: "appconfig-dashboard:credentials", accessKeyId,
/// secretAccessKey, sessionToken?, region?, endpoint? | proxy?, actions?}`. Read by
/// serde-wasm-bindgen (a small value crossing once); other members are ignored, a member of the
/// wrong type makes the whole message ignored. No `Debug`: it holds a secret.
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
    /// Offer Stop and Revert.
    #[serde(default)]
    actions: bool,
}

/// What the dashboard posts to its parent when its height changes.
#[derive(Serialize)]
struct HeightMessage {
    #[serde(rename = "type")]
    kind: &'static str,
    height: f64,
}

/// Reads a posted credentials message into connection settings and whether to offer actions
/// (`None` for any other message).
fn credentials_message(data: &JsValue, current: &Connection) -> Option<(Connection, bool)> {
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
    Some((c, m.actions))
}

fn observe_height(root: &NodeRef, target_origin: String) -> Option<platform::ResizeWatch> {
    let el = root.cast::<web_sys::Element>()?;
    let target = el.clone();
    let mut last = -1.0;
    platform::watch_resize(&el, move |_entries| {
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
    })
}
