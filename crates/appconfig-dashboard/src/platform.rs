//! Thin wrappers over the browser: clock, URL, history, storage, visibility, timers, parent window.
//!
//! Every function degrades to a harmless default when an API is missing (no window, storage
//! disabled): the dashboard never panics on a browser quirk.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Milliseconds since the epoch, from the browser clock (`Date.now()`).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The window, if any.
pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The document, if any.
pub fn document() -> Option<web_sys::Document> {
    window().and_then(|w| w.document())
}

/// `location.search`.
pub fn location_query() -> String {
    window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// `location.origin` (`http://127.0.0.1:4000`).
pub fn page_origin() -> Option<String> {
    window()
        .and_then(|w| w.location().origin().ok())
        .filter(|o| o.starts_with("http"))
}

/// Pushes a history entry with this query, unless it is already the current one.
pub fn push_query(query: &str) {
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
pub fn document_hidden() -> bool {
    document().is_some_and(|d| d.hidden())
}

/// Session storage (per tab), if the browser allows it.
pub fn session_storage() -> Option<web_sys::Storage> {
    window().and_then(|w| w.session_storage().ok().flatten())
}

/// An event listener that is removed when dropped.
pub struct Listener {
    target: web_sys::EventTarget,
    event: &'static str,
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl Listener {
    /// Listens for `event` on `target`.
    pub fn new(
        target: &web_sys::EventTarget,
        event: &'static str,
        f: impl FnMut(web_sys::Event) + 'static,
    ) -> Listener {
        let closure = Closure::wrap(Box::new(f) as Box<dyn FnMut(web_sys::Event)>);
        let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        Listener {
            target: target.clone(),
            event,
            closure,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.event, self.closure.as_ref().unchecked_ref());
    }
}

/// A `setInterval` that is cleared when dropped.
pub struct Interval {
    id: i32,
    _closure: Closure<dyn FnMut()>,
}

impl Interval {
    /// Calls `f` every `ms` milliseconds.
    pub fn new(ms: i32, f: impl FnMut() + 'static) -> Option<Interval> {
        let closure = Closure::wrap(Box::new(f) as Box<dyn FnMut()>);
        let id = window()?
            .set_interval_with_callback_and_timeout_and_arguments_0(
                closure.as_ref().unchecked_ref(),
                ms,
            )
            .ok()?;
        Some(Interval {
            id,
            _closure: closure,
        })
    }
}

impl Drop for Interval {
    fn drop(&mut self) {
        if let Some(w) = window() {
            w.clear_interval_with_handle(self.id);
        }
    }
}

/// Resolves after `ms` milliseconds, or early when `cancelled` is set (checked every 250 ms) or
/// when the tab comes back into view after being hidden (so a returning user sees fresh data).
pub async fn sleep(ms: u32, cancelled: Rc<Cell<bool>>) {
    let mut left = ms;
    let mut was_hidden = false;
    while left > 0 && !cancelled.get() {
        if document_hidden() {
            was_hidden = true;
        } else if was_hidden {
            return;
        }
        let step = left.min(250);
        sleep_once(step).await;
        left -= step;
    }
}

async fn sleep_once(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(w) = window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        } else {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits while the document is hidden (a background tab): resumes on `visibilitychange`, or
/// when `cancelled` (checked every second).
pub async fn until_visible(cancelled: Rc<Cell<bool>>) {
    while document_hidden() && !cancelled.get() {
        let Some(doc) = document() else { return };
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            let on_change = resolve.clone();
            let listener = Listener::new(&doc, "visibilitychange", move |_| {
                let _ = on_change.call0(&JsValue::NULL);
            });
            // The listener lives until the timeout fires, then goes away with its closure.
            let keep = std::cell::RefCell::new(Some(listener));
            let timeout = Closure::once(move || {
                keep.borrow_mut().take();
                let _ = resolve.call0(&JsValue::NULL);
            });
            if let Some(w) = window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                    timeout.as_ref().unchecked_ref(),
                    1000,
                );
            }
            timeout.forget();
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// Puts a forced theme (`data-theme`) and embed mode (`class="embed"`) on `<html>`.
pub fn set_root_look(theme: Option<crate::route::Theme>, embed: bool) {
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
pub fn post_to_parent(message: &JsValue, target: &str) {
    let Some(w) = window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    if parent == w {
        return;
    }
    let _ = parent.post_message(message, target);
}

/// Shows a friendly panel instead of a blank page if the app ever panics, and keeps the
/// panic message (which may hold user data) out of the console.
pub fn install_panic_hook() {
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
