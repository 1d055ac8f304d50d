//! One attempt: an [`HttpRequest`] through the global `fetch`, with a timeout and an abort signal.
//! The body is read whole; the timeout covers it.
//!
//! Written by hand rather than with gloo-net's `Request`: measured on the dashboard, gloo-net
//! costs 4,418 B more gzip (dist/ 287,464 -> 291,882 B; its builder sets every `RequestInit`
//! member, and it brings `http`'s `Method` and its own error type), and issue 9 takes gloo-net
//! only if it is not larger.

use std::cell::Cell;
use std::rc::Rc;

use appconfig_core::HttpRequest;
use js_sys::{ArrayBuffer, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, RequestCredentials, RequestInit, Response};

use crate::runtime::{on_abort, timer};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(input: &str, init: &RequestInit) -> Result<Promise, JsValue>;
}

/// A response as it arrived: status, headers and the whole body, still in JavaScript.
#[derive(Clone, Debug)]
pub struct Received {
    /// The status code.
    pub status: u16,
    /// Header names (lower case, as `fetch` gives them) and values.
    pub headers: Vec<(String, String)>,
    /// The whole body.
    pub body: Vec<u8>,
}

impl Received {
    /// The first value of a header (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `x-amzn-RequestId`, or `x-amz-request-id`.
    pub fn request_id(&self) -> Option<&str> {
        self.header("x-amzn-requestid")
            .or_else(|| self.header("x-amz-request-id"))
    }
}

/// Why an attempt got no response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendError {
    /// `fetch` rejected: the runtime's description.
    Network(String),
    /// The per-attempt timeout fired.
    Timeout,
    /// The caller's signal fired.
    Aborted,
}

const RUNNING: u8 = 0;
const TIMED_OUT: u8 = 1;
const ABORTED: u8 = 2;

/// How a request is sent, besides its own parts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SendOptions {
    /// Send the browser's cookies for the target even cross-origin (`credentials: "include"`):
    /// how a same-site portal's session reaches its gateway. Never for AWS or a proxy, which
    /// must not receive a portal's cookies.
    pub include_cookies: bool,
}

/// Sends `request` with `fetch` and reads the whole body. The timeout covers the body too.
///
/// # Errors
/// [`SendError`] when no complete response arrived.
pub async fn send(
    request: &HttpRequest,
    signal: Option<&AbortSignal>,
    timeout_ms: Option<u32>,
) -> Result<Received, SendError> {
    send_with(request, signal, timeout_ms, SendOptions::default()).await
}

/// As [`send`], with `options`.
///
/// # Errors
/// As [`send`].
pub async fn send_with(
    request: &HttpRequest,
    signal: Option<&AbortSignal>,
    timeout_ms: Option<u32>,
    options: SendOptions,
) -> Result<Received, SendError> {
    if signal.is_some_and(AbortSignal::aborted) {
        return Err(SendError::Aborted);
    }
    let controller = AbortController::new().map_err(|e| SendError::Network(describe(&e)))?;
    let state = Rc::new(Cell::new(RUNNING));
    let _timer = timeout_ms.map(|ms| {
        let (c, st) = (controller.clone(), state.clone());
        timer(u64::from(ms), move || {
            if st.get() == RUNNING {
                st.set(TIMED_OUT);
            }
            c.abort();
        })
    });
    let _listener = signal.map(|sig| {
        let (c, st) = (controller.clone(), state.clone());
        on_abort(sig, move || {
            if st.get() == RUNNING {
                st.set(ABORTED);
            }
            c.abort();
        })
    });
    let result = attempt(request, &controller.signal(), options).await;
    result.map_err(|e| match state.get() {
        TIMED_OUT => SendError::Timeout,
        ABORTED => SendError::Aborted,
        _ => SendError::Network(describe(&e)),
    })
}

async fn attempt(
    request: &HttpRequest,
    signal: &AbortSignal,
    options: SendOptions,
) -> Result<Received, JsValue> {
    // `[name, value]` pairs, which `fetch` takes as headers as they are (no `Headers` object to
    // build and fill member by member).
    let headers = js_sys::Array::new();
    for (name, value) in &request.headers {
        // Browsers forbid `Host`; the core never adds it, but a caller's request might.
        if !name.eq_ignore_ascii_case("host") {
            let pair = js_sys::Array::of2(&JsValue::from_str(name), &JsValue::from_str(value));
            headers.push(&pair);
        }
    }
    let init = RequestInit::new();
    init.set_method(&request.method);
    init.set_headers(&headers);
    init.set_signal(Some(signal));
    if options.include_cookies {
        init.set_credentials(RequestCredentials::Include);
    }
    if !request.body.is_empty() {
        init.set_body(&Uint8Array::from(request.body.as_slice()));
    }
    let response: Response = JsFuture::from(global_fetch(&request.url, &init)?)
        .await?
        .unchecked_into();
    let mut out_headers = Vec::new();
    if let Ok(Some(entries)) = js_sys::try_iter(&response.headers()) {
        for entry in entries.flatten() {
            let pair: js_sys::Array = entry.unchecked_into();
            if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                out_headers.push((k, v));
            }
        }
    }
    let buffer: ArrayBuffer = JsFuture::from(response.array_buffer()?).await?.dyn_into()?;
    let body = Uint8Array::new(&buffer).to_vec();
    Ok(Received {
        status: response.status(),
        headers: out_headers,
        body,
    })
}

/// `TypeError: Failed to fetch`, with Node's `cause` (`connect ECONNREFUSED 127.0.0.1:9`) when given.
pub(crate) fn describe(error: &JsValue) -> String {
    let text = |v: &JsValue, key: &str| {
        Reflect::get(v, &JsValue::from_str(key))
            .ok()
            .and_then(|m| m.as_string())
            .filter(|s| !s.is_empty())
    };
    if !error.is_object() {
        return error
            .as_string()
            .unwrap_or_else(|| "fetch failed".to_owned());
    }
    let mut out = match (text(error, "name"), text(error, "message")) {
        (Some(n), Some(m)) => format!("{n}: {m}"),
        (None, Some(m)) => m,
        (Some(n), None) => n,
        (None, None) => "fetch failed".to_owned(),
    };
    if let Ok(cause) = Reflect::get(error, &JsValue::from_str("cause")) {
        if cause.is_object() {
            if let Some(m) = text(&cause, "message").or_else(|| text(&cause, "code")) {
                out.push_str(" (");
                out.push_str(&m);
                out.push(')');
            }
        }
    }
    out
}
