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

/// Reads `{type: "appconfig-dashboard:credentials", accessKeyId, secretAccessKey, sessionToken,
/// region?, endpoint?}` into connection settings.
fn credentials_message(data: &JsValue, current: &Connection) -> Option<Connection> {
    let get = |k: &str| {
        js_sys::Reflect::get(data, &JsValue::from_str(k))
            .ok()
            .and_then(|v| v.as_string())
    };
    if get("type")?.as_str() != "appconfig-dashboard:credentials" {
        return None;
    }
    let mut c = current.clone();
    c.access_key_id = get("accessKeyId")?;
    c.secret_access_key = get("secretAccessKey")?;
    c.session_token = get("sessionToken").unwrap_or_default();
    if let Some(r) = get("region") {
        c.region = r;
    }
    if let Some(e) = get("endpoint") {
        c.mode = Mode::Endpoint;
        c.url = e;
    } else if let Some(p) = get("proxy") {
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
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &"appconfig-dashboard:height".into());
        let _ = js_sys::Reflect::set(&msg, &"height".into(), &JsValue::from_f64(h));
        platform::post_to_parent(&msg, &target_origin);
    }) as Box<dyn FnMut(JsValue)>);
    let observer = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref()).ok()?;
    observer.observe(&el);
    Some((observer, closure))
}
