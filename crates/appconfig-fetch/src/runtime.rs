//! The JavaScript runtime: clock, randomness, timers, and where we run. Works in a window, a
//! worker and Node (it uses only globals all three have).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, AddEventListenerOptions};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// Milliseconds since the Unix epoch, from `Date.now()`.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A number in `[0, 1)`, from `Math.random()`.
pub fn random() -> f64 {
    js_sys::Math::random()
}

/// A `setTimeout` that is cleared when dropped.
pub(crate) struct Timer {
    id: JsValue,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    pub(crate) fn new(ms: f64, f: impl FnMut() + 'static) -> Self {
        let callback = Closure::<dyn FnMut()>::new(f);
        let id = set_timeout(callback.as_ref().unchecked_ref(), ms);
        Timer {
            id,
            _callback: callback,
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        clear_timeout(&self.id);
    }
}

/// An `abort` listener on a signal that is removed when dropped.
pub(crate) struct AbortListener {
    signal: AbortSignal,
    callback: Closure<dyn FnMut()>,
}

impl AbortListener {
    pub(crate) fn new(signal: &AbortSignal, f: impl FnMut() + 'static) -> Self {
        let callback = Closure::<dyn FnMut()>::new(f);
        let options = AddEventListenerOptions::new();
        options.set_once(true);
        // Adding a listener cannot fail on a real AbortSignal; if it did, the call simply
        // could not be aborted, which is no reason to fail it.
        let _ = signal.add_event_listener_with_callback_and_add_event_listener_options(
            "abort",
            callback.as_ref().unchecked_ref(),
            &options,
        );
        AbortListener {
            signal: signal.clone(),
            callback,
        }
    }
}

impl Drop for AbortListener {
    fn drop(&mut self) {
        let _ = self
            .signal
            .remove_event_listener_with_callback("abort", self.callback.as_ref().unchecked_ref());
    }
}

/// Waits `ms` milliseconds; `Err(())` when `signal` aborts first (or already has).
pub async fn sleep(ms: u64, signal: Option<&AbortSignal>) -> Result<(), ()> {
    if signal.is_some_and(AbortSignal::aborted) {
        return Err(());
    }
    if ms == 0 {
        return Ok(());
    }
    let settle: Rc<RefCell<Option<(Function, Function)>>> = Rc::new(RefCell::new(None));
    let s = settle.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        *s.borrow_mut() = Some((resolve, reject));
    });
    let on_time = settle.clone();
    let _timer = Timer::new(ms as f64, move || {
        if let Some((resolve, _)) = on_time.borrow_mut().take() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _listener = signal.map(|sig| {
        let on_abort = settle.clone();
        AbortListener::new(sig, move || {
            if let Some((_, reject)) = on_abort.borrow_mut().take() {
                let _ = reject.call0(&JsValue::UNDEFINED);
            }
        })
    });
    JsFuture::from(promise).await.map(|_| ()).map_err(|_| ())
}

fn global_get(path: &[&str]) -> Option<JsValue> {
    let mut v: JsValue = js_sys::global().into();
    for key in path {
        if v.is_undefined() || v.is_null() {
            return None;
        }
        v = Reflect::get(&v, &JsValue::from_str(key)).ok()?;
    }
    (!v.is_undefined() && !v.is_null()).then_some(v)
}

/// True in Node (where CORS does not apply).
pub fn is_node() -> bool {
    global_get(&["process", "versions", "node"]).is_some()
}

/// The origin of the page or worker (`https://example.com`), none in Node or on `file:` pages.
pub fn page_origin() -> Option<String> {
    if is_node() {
        return None;
    }
    global_get(&["location", "origin"])
        .and_then(|v| v.as_string())
        .filter(|o| o != "null")
}

/// The origin of an absolute URL.
pub fn url_origin(url: &str) -> Option<String> {
    web_sys::Url::new(url).ok().map(|u| u.origin())
}

/// True when a browser page or worker would make a cross-origin request to `url`.
pub fn is_cross_origin(url: &str) -> bool {
    match (page_origin(), url_origin(url)) {
        (Some(page), Some(target)) => page != target,
        // A browser page without an origin (file:, sandboxed) makes every request cross-origin.
        (None, _) => !is_node() && global_get(&["location"]).is_some(),
        _ => false,
    }
}
