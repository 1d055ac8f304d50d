//! The comparison module (crate `appconfig-compare`): the core's configuration diff in a wasm
//! module of its own, about a fifth of what the page would otherwise send, fetched and
//! instantiated the first time "What changed" compares and then kept for the page's life.
//!
//! The module imports nothing and has no JavaScript glue: this file instantiates it with the
//! browser's `WebAssembly.compile` (from bytes, so a server that sends `.wasm` with another
//! content type still works), writes both contents into its memory and reads the diff back in
//! the core's wire form. Where it is comes from the host: the page's build writes its hashed
//! name and subresource integrity into `index.html`, the elements' loader gives the file beside
//! its own module (or the host's choice).

use std::cell::RefCell;

use appconfig_core::diff::{ConfigDiff, ContentKind};
use js_sys::{Array, Function, Object, Reflect, Uint8Array, WebAssembly};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::errors::{Problem, ProblemKind};
use crate::platform;

/// Where the module is.
#[derive(Clone)]
struct Source {
    url: String,
    integrity: Option<String>,
}

thread_local! {
    static SOURCE: RefCell<Option<Source>> = const { RefCell::new(None) };
    /// The instance's exports, once loaded.
    static EXPORTS: RefCell<Option<Object>> = const { RefCell::new(None) };
}

/// Sets where the comparison module is fetched from (relative URLs resolve against the page), and
/// the subresource integrity it must match, if any. Only before the first comparison: the module
/// is then loaded and kept.
pub fn set_compare_module(url: &str, integrity: Option<&str>) {
    SOURCE.with(|s| {
        *s.borrow_mut() = Some(Source {
            url: url.to_owned(),
            integrity: integrity.filter(|i| !i.is_empty()).map(str::to_owned),
        })
    });
}

/// Where the page's build said the module is: `<meta name="appconfig-compare" content="URL"
/// data-integrity="sha384-…">` (written by `build/compare-module.mjs`).
pub(crate) fn from_page() {
    let meta = platform::document().and_then(|d| {
        d.query_selector("meta[name=appconfig-compare]")
            .ok()
            .flatten()
    });
    if let Some(m) = meta {
        if let Some(url) = m.get_attribute("content") {
            set_compare_module(&url, m.get_attribute("data-integrity").as_deref());
        }
    }
}

fn failed(title: impl Into<String>) -> Problem {
    Problem::new(
        ProblemKind::Network,
        title,
        "The comparison runs in a module the page loads when this panel opens. Check the network and reload the page; if it persists, the dashboard's files on the server are incomplete.",
    )
}

/// Compares `new` with `old` (None: the first version) in the comparison module.
pub(crate) async fn compare(
    kind: ContentKind,
    old: Option<&[u8]>,
    new: &[u8],
) -> Result<ConfigDiff, Problem> {
    let exports = match EXPORTS.with(|e| e.borrow().clone()) {
        Some(e) => e,
        None => {
            let e = load().await?;
            EXPORTS.with(|x| *x.borrow_mut() = Some(e.clone()));
            e
        }
    };
    let bytes = run(&exports, kind, old, new).map_err(|_| {
        // A trap leaves the instance in an unknown state: the next comparison starts afresh.
        EXPORTS.with(|x| x.borrow_mut().take());
        failed("The comparison failed in its module")
    })?;
    ConfigDiff::from_wire(&bytes).ok_or_else(|| {
        failed("The comparison module is from another build of the dashboard (reload the page)")
    })
}

async fn load() -> Result<Object, Problem> {
    let source = SOURCE
        .with(|s| s.borrow().clone())
        .ok_or_else(|| failed("The page does not say where its comparison module is"))?;
    let window = platform::window().ok_or_else(|| failed("No window to load the comparison in"))?;
    let init = web_sys::RequestInit::new();
    if let Some(i) = &source.integrity {
        init.set_integrity(i);
    }
    let response = JsFuture::from(window.fetch_with_str_and_init(&source.url, &init))
        .await
        .map_err(|_| failed("The comparison module could not be loaded: missing, not this build's, or the network failed"))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| failed("The comparison module could not be loaded"))?;
    if !response.ok() {
        return Err(failed(format!(
            "The comparison module could not be loaded (HTTP {})",
            response.status()
        )));
    }
    let bytes = match response.array_buffer() {
        Ok(p) => JsFuture::from(p).await,
        Err(e) => Err(e),
    }
    .map_err(|_| failed("The comparison module could not be read"))?;
    let module = JsFuture::from(WebAssembly::compile(&bytes))
        .await
        .map_err(|_| {
            failed("The comparison module is not a WebAssembly module this browser runs")
        })?;
    let instance = JsFuture::from(WebAssembly::instantiate_module(
        module.unchecked_ref(),
        &Object::new(),
    ))
    .await
    .map_err(|_| failed("The comparison module could not be started"))?;
    let instance: WebAssembly::Instance = instance
        .dyn_into()
        .map_err(|_| failed("The comparison module could not be started"))?;
    Ok(instance.exports())
}

fn call(exports: &Object, name: &str, args: &[JsValue]) -> Result<u32, JsValue> {
    let f: Function = Reflect::get(exports, &name.into())?.dyn_into()?;
    let v = f.apply(&JsValue::NULL, &args.iter().collect::<Array>())?;
    // wasm's i32 results reach JavaScript signed: addresses past 2 GiB come back negative.
    Ok(v.as_f64().ok_or(JsValue::NULL)? as i32 as u32)
}

/// The module's memory as bytes (again after every call: a call may grow it, which detaches the
/// earlier buffer).
fn memory(exports: &Object) -> Result<Uint8Array, JsValue> {
    let m: WebAssembly::Memory = Reflect::get(exports, &"memory".into())?.dyn_into()?;
    Ok(Uint8Array::new(&m.buffer()))
}

/// `len` bytes of the module's memory at `at`, checked to lie inside it (a view past the end
/// would be shorter, and copying into it would panic).
fn view(exports: &Object, at: u32, len: u32) -> Result<Uint8Array, JsValue> {
    let all = memory(exports)?;
    match at.checked_add(len) {
        Some(end) if end <= all.length() => Ok(all.subarray(at, end)),
        _ => Err(JsValue::NULL),
    }
}

/// One content into the module's memory: its address.
fn put(exports: &Object, bytes: &[u8]) -> Result<u32, JsValue> {
    let len = u32::try_from(bytes.len()).map_err(|_| JsValue::NULL)?;
    let at = call(exports, "appconfig_alloc", &[len.into()])?;
    view(exports, at, len)?.copy_from(bytes);
    Ok(at)
}

fn run(
    exports: &Object,
    kind: ContentKind,
    old: Option<&[u8]>,
    new: &[u8],
) -> Result<Vec<u8>, JsValue> {
    let (old_at, old_len) = match old {
        Some(o) => (put(exports, o)?, o.len()),
        None => (0, 0),
    };
    let new_at = put(exports, new)?;
    let len = call(
        exports,
        "appconfig_compare",
        &[
            kind.code().into(),
            old_at.into(),
            (old_len as u32).into(),
            u32::from(old.is_some()).into(),
            new_at.into(),
            (new.len() as u32).into(),
        ],
    )?;
    let at = call(exports, "appconfig_output", &[])?;
    Ok(view(exports, at, len)?.to_vec())
}
