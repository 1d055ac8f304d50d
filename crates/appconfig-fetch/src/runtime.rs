//! The JavaScript runtime: clock, randomness, timers, and where we run. Works in a window, a
//! worker and Node (it uses only globals all three have).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

/// Milliseconds since the Unix epoch, from `Date.now()`.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A number in `[0, 1)`, from `Math.random()`.
pub fn random() -> f64 {
    js_sys::Math::random()
}

/// A `setTimeout` that is cleared when dropped (gloo's [`Timeout`]). `ms` above `i32::MAX` is
/// clamped: JavaScript timers would fire at once instead.
pub(crate) fn timer(ms: u64, f: impl FnOnce() + 'static) -> Timeout {
    Timeout::new(ms.min(i32::MAX as u64) as u32, f)
}

/// A one-shot `abort` listener on `signal`, removed when dropped (gloo's [`EventListener`]).
pub(crate) fn on_abort(signal: &AbortSignal, f: impl FnOnce() + 'static) -> EventListener {
    EventListener::once(signal, "abort", move |_| f())
}

/// Waits `ms` milliseconds; `Err(())` when `signal` aborts first (or already has).
///
/// # Errors
/// `Err(())` when the signal aborted.
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
    let _timer = timer(ms, move || {
        if let Some((resolve, _)) = on_time.borrow_mut().take() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _listener = signal.map(|sig| {
        let aborted = settle.clone();
        on_abort(sig, move || {
            if let Some((_, reject)) = aborted.borrow_mut().take() {
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
    let page = global_get(&["location", "origin"]).and_then(|v| v.as_string());
    cross_origin(
        is_node(),
        global_get(&["location"]).is_some(),
        page.as_deref(),
        url_origin(url).as_deref(),
    )
}

/// The rule behind [`is_cross_origin`], from what the host tells: in Node, whether there is a
/// `location`, its `origin` (`"null"` on `file:` pages and in sandboxed frames) and the target
/// URL's origin (none when it does not parse). Never in Node or without a `location` (no CORS
/// there); always from a page without an origin; else when the two origins differ. The npm
/// package's JavaScript (`crossOrigin` in `js/transport.js`) decides the same:
/// `tests/data/cross_origin.json` is the table both are tested against (`tests/cross_origin.rs`,
/// `web/pkg-tests/test/policy.test.mjs`).
pub fn cross_origin(
    node: bool,
    location: bool,
    page_origin: Option<&str>,
    target_origin: Option<&str>,
) -> bool {
    if node || !location {
        return false;
    }
    match page_origin {
        None | Some("null") => true,
        Some(page) => target_origin.is_some_and(|t| t != page),
    }
}
