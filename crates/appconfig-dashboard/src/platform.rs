//! Thin wrappers over the browser: clock, URL, history, visibility, timers, parent window.
//! Listeners and timers are gloo's (`gloo-events`, `gloo-timers`); storage is `web-sys`'s own
//! ([`session_storage`], used by `settings.rs`): `gloo-storage` was larger and throws through the
//! wasm where storage is disabled (the dashboard README's "Browser glue and size").
//!
//! Every function degrades to a harmless default when an API is missing (no window, storage
//! disabled): the dashboard never panics on a browser quirk.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsValue;

/// Milliseconds since the epoch, from the browser clock (`Date.now()`).
pub(crate) fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The window, if any.
pub(crate) fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The document, if any.
pub(crate) fn document() -> Option<web_sys::Document> {
    window().and_then(|w| w.document())
}

/// `location.search`.
pub(crate) fn location_query() -> String {
    window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// `location.origin` (`http://127.0.0.1:4000`) when it is http(s): appconfig-fetch's
/// `page_origin`, the one reading of the page's origin (none on `file:` pages and in sandboxed
/// frames), narrowed to the schemes the credentials rules (`origin.rs`) accept.
pub(crate) fn page_origin() -> Option<String> {
    appconfig_fetch::runtime::page_origin().filter(|o| o.starts_with("http"))
}

/// Pushes a history entry with this query, unless it is already the current one.
pub(crate) fn push_query(query: &str) {
    let Some(w) = window() else { return };
    if w.location().search().ok().as_deref() == Some(query) {
        return;
    }
    let path = w.location().pathname().unwrap_or_else(|_| "/".into());
    let url = format!("{path}{query}");
    if let Ok(h) = w.history() {
        let _ = h.push_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// `document.hidden`.
pub(crate) fn document_hidden() -> bool {
    document().is_some_and(|d| d.hidden())
}

/// Session storage (per tab), if the browser allows it (not when storage is disabled, nor in a
/// sandboxed iframe without `allow-same-origin`).
pub(crate) fn session_storage() -> Option<web_sys::Storage> {
    window().and_then(|w| w.session_storage().ok().flatten())
}

/// An event listener that is removed when dropped (gloo-events).
pub(crate) use gloo_events::EventListener as Listener;

/// A `setInterval` that is cleared when dropped (gloo-timers).
pub(crate) use gloo_timers::callback::Interval;

/// Resolves after `ms` milliseconds, or early when `cancelled` is set (checked every 250 ms) or
/// when the tab comes back into view after being hidden (so a returning user sees fresh data).
pub(crate) async fn sleep(ms: u32, cancelled: Rc<Cell<bool>>) {
    let mut left = ms;
    let mut was_hidden = false;
    while left > 0 && !cancelled.get() {
        if document_hidden() {
            was_hidden = true;
        } else if was_hidden {
            return;
        }
        let step = left.min(250);
        TimeoutFuture::new(step).await;
        left -= step;
    }
}

/// Waits while the document is hidden (a background tab): resumes on `visibilitychange`, or
/// when `cancelled` (checked every second).
pub(crate) async fn until_visible(cancelled: Rc<Cell<bool>>) {
    while document_hidden() && !cancelled.get() {
        let Some(doc) = document() else { return };
        // Whichever comes first resolves the promise; both are dropped (removed, cleared) after.
        let mut listener = None;
        let mut timeout = None;
        let woken = js_sys::Promise::new(&mut |resolve, _reject| {
            let on_change = resolve.clone();
            listener = Some(Listener::once(&doc, "visibilitychange", move |_| {
                let _ = on_change.call0(&JsValue::NULL);
            }));
            timeout = Some(Timeout::new(1000, move || {
                let _ = resolve.call0(&JsValue::NULL);
            }));
        });
        let _ = wasm_bindgen_futures::JsFuture::from(woken).await;
    }
}

/// Puts a forced theme (`data-theme`) and embed mode (`class="embed"`) on `<html>`.
pub(crate) fn set_root_look(theme: Option<crate::route::Theme>, embed: bool) {
    let Some(root) = document().and_then(|d| d.document_element()) else {
        return;
    };
    match theme {
        Some(t) => {
            let _ = root.set_attribute("data-theme", t.as_str());
        }
        None => {
            let _ = root.remove_attribute("data-theme");
        }
    }
    let _ = root.class_list().toggle_with_force("embed", embed);
}

/// Posts a message to the parent window (embed mode), with target origin `target`.
pub(crate) fn post_to_parent(message: &JsValue, target: &str) {
    let Some(w) = window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    if parent == w {
        return;
    }
    let _ = parent.post_message(message, target);
}

/// Shows a friendly panel instead of a blank page if the app ever panics, and keeps the
/// panic message (which may hold user data) out of the console.
pub(crate) fn install_panic_hook() {
    // Through Yew: a hook set with std::panic::set_hook is replaced when the app is rendered.
    yew::set_custom_panic_hook(Box::new(|_info| {
        let Some(doc) = document() else { return };
        let Some(body) = doc.body() else { return };
        if doc.get_element_by_id("fatal-error").is_some() {
            return;
        }
        let Ok(panel) = doc.create_element("div") else {
            return;
        };
        panel.set_id("fatal-error");
        panel.set_class_name("error-panel fatal");
        let _ = panel.set_attribute("role", "alert");
        let Ok(title) = doc.create_element("h2") else {
            return;
        };
        title.set_text_content(Some("The dashboard stopped working"));
        let Ok(text) = doc.create_element("p") else {
            return;
        };
        text.set_text_content(Some(
            "Something unexpected happened inside the dashboard. Reload the page to start again; \
             your link keeps the deployment you were looking at.",
        ));
        let _ = panel.append_child(&title);
        let _ = panel.append_child(&text);
        let _ = body.prepend_with_node_1(&panel);
    }));
}

/// A `ResizeObserver` watching one element, with its callback; dropping it stops the watch.
pub(crate) struct ResizeWatch {
    observer: web_sys::ResizeObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(JsValue)>,
}

impl Drop for ResizeWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `on_resize` with the observer's entries whenever `element`'s size changes (and once
/// when the watch starts); `None` where the browser has no `ResizeObserver`.
pub(crate) fn watch_resize(
    element: &web_sys::Element,
    on_resize: impl FnMut(JsValue) + 'static,
) -> Option<ResizeWatch> {
    use wasm_bindgen::JsCast;
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(on_resize);
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(element);
    Some(ResizeWatch {
        observer,
        _callback: callback,
    })
}
