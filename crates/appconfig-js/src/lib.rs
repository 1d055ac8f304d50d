//! The wasm side of the `appconfig-wasm` npm package.
//!
//! This layer stays small on purpose: it reads JavaScript inputs (own properties only), calls
//! [`appconfig_core`] and [`appconfig_fetch`], and hands results back once, in the host's own
//! types. Response bodies never enter the wasm: a call resolves to the 2xx body as it arrived
//! and `js/api.js` parses it with `JSON.parse` and validates it by the core's
//! [`appconfig_core::shape::SHAPES`], converting timestamps to `Date`s in place. Error bodies
//! are read by the core's rules from `JSON.parse`'s result. No JSON parser or serializer is
//! compiled in.
//!
//! Every failure crosses as a plain object with `name`, `message`, `kind`, `$fault`,
//! `$metadata` and the modeled members; the wrapper rethrows it as an `Error` subclass.

#![warn(missing_docs, missing_debug_implementations)]

mod errors;
mod input;
mod ops;
mod timeline;

use std::rc::Rc;

use std::time::SystemTime;

use appconfig_core::{Credentials, DateTime, Error as CoreError, HttpRequest, SigningOptions};
use appconfig_fetch::{FetchClient, FetchError, Metadata, Output, RawBody};
use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

use errors::{core_error, fetch_error, invalid, invalid_call, service_error, MetadataOut};
use input::{Invalid, Obj};
use ops::FromJs;
pub use ops::Op;
pub use timeline::deployment_timeline;

/// The client the wrapper's `AppConfigClient` holds.
#[wasm_bindgen(js_name = Client)]
#[derive(Debug)]
pub struct JsClient {
    inner: Rc<FetchClient>,
}

#[wasm_bindgen(js_class = Client)]
impl JsClient {
    /// Reads the configuration (`region`, `credentials`, `endpoint`, `proxy`, ...).
    ///
    /// # Errors
    /// A `ValidationError` or `EndpointError` descriptor.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<JsClient, JsValue> {
        let config_in = config;
        let (config, credentials, options) = input::client_config(&config_in).map_err(invalid)?;
        let fetch = input::fetch_option(&config_in).map_err(invalid)?;
        let inner = match credentials {
            input::CredentialsInput::Fixed(c) => FetchClient::new(&config, c, options),
            input::CredentialsInput::Provider(f) => {
                FetchClient::with_provider(&config, Rc::new(input::JsProvider(f)), options)
            }
        }
        .map_err(|e| fetch_error(&e))?;
        let inner = match fetch {
            Some(f) => inner.with_fetch(f),
            None => inner,
        };
        Ok(JsClient {
            inner: Rc::new(inner),
        })
    }

    /// Calls operation `op` with `input` (the AWS SDK's input shape) and `options`
    /// (`{ abortSignal }`). Resolves to `[body, status, requestId, attempts, totalRetryDelay,
    /// clockCorrection]`, `body` the 2xx body's `ArrayBuffer`; rejects with an error descriptor.
    pub fn call(&self, op: Op, input: JsValue, options: JsValue) -> Promise {
        let c = self.inner.clone();
        match op {
            Op::GetDeployment => run::<appconfig_core::GetDeploymentInput>(c, &input, &options),
            Op::StopDeployment => run::<appconfig_core::StopDeploymentInput>(c, &input, &options),
            Op::ListDeployments => run::<appconfig_core::ListDeploymentsInput>(c, &input, &options),
            Op::GetApplication => run::<appconfig_core::GetApplicationInput>(c, &input, &options),
            Op::ListApplications => {
                run::<appconfig_core::ListApplicationsInput>(c, &input, &options)
            }
            Op::GetEnvironment => run::<appconfig_core::GetEnvironmentInput>(c, &input, &options),
            Op::ListEnvironments => {
                run::<appconfig_core::ListEnvironmentsInput>(c, &input, &options)
            }
            Op::GetDeploymentStrategy => {
                run::<appconfig_core::GetDeploymentStrategyInput>(c, &input, &options)
            }
        }
    }

    /// The clock correction in use, ms (server minus local): 0 until a clock-skew error taught
    /// one, and never more than 15 minutes either way.
    #[wasm_bindgen(getter, js_name = clockOffset)]
    pub fn clock_offset(&self) -> f64 {
        self.inner.clock_offset_ms() as f64
    }
}

/// How to sign a validated input at each attempt.
type Build = Box<dyn Fn(&Credentials, SystemTime) -> Result<HttpRequest, CoreError>>;

fn run<O: FromJs>(client: Rc<FetchClient>, input: &JsValue, options: &JsValue) -> Promise {
    let job = Obj::new(input, "input")
        .and_then(|o| O::from_js(&o))
        .and_then(|i| Ok((i, input::abort_signal(options)?)))
        .map_err(invalid_call)
        .and_then(|(input, signal)| {
            // Validated here, before any credentials are asked for: bad input is never sent.
            input
                .validate()
                .map_err(|e| fetch_error(&FetchError::from(e)))?;
            let c = client.clone();
            let build: Build = Box::new(move |cr, t| c.target().build_request(&input, cr, t));
            Ok((build, signal))
        });
    send(client, job)
}

/// The one future of every call (not one per operation: size).
fn send(client: Rc<FetchClient>, job: Result<(Build, Option<AbortSignal>), JsValue>) -> Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        let (build, signal) = job?;
        let out = client
            .call_with(&*build, signal.as_ref())
            .await
            .map_err(|e| fetch_error(&e))?;
        Ok(raw_result(out).into())
    })
}

fn raw_result(out: Output<RawBody>) -> Array {
    let Output { output, metadata } = out;
    let Metadata {
        http_status_code,
        request_id,
        attempts,
        total_retry_delay_ms,
        clock_correction_ms,
    } = metadata;
    let r = Array::new();
    r.push(&output.body);
    r.push(&JsValue::from(http_status_code.unwrap_or(output.status)));
    r.push(&request_id.map_or(JsValue::UNDEFINED, |s| JsValue::from_str(&s)));
    r.push(&JsValue::from(attempts));
    r.push(&JsValue::from(total_retry_delay_ms as f64));
    r.push(&clock_correction_ms.map_or(JsValue::UNDEFINED, |v| JsValue::from(v as f64)));
    r
}

/// Signs any AWS request; returns the headers to add as a plain object.
///
/// # Errors
/// A `ValidationError` or `SigningError` descriptor.
#[wasm_bindgen(js_name = signRequest)]
pub fn sign_request(request: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let req = Obj::new(&request, "request")?;
    let opts = Obj::new(&options, "options")?;
    let method = req
        .string("method")?
        .unwrap_or_else(|| "GET".to_owned())
        .to_ascii_uppercase();
    let url = req.required_string("url")?;
    let headers = req.string_map("headers")?;
    let body = req.bytes("body")?;
    let region = opts.required_string("region")?;
    let service = opts.required_string("service")?;
    let credentials = input::static_credentials(&opts.get("credentials"), "credentials")?;
    let time = match opts.date_ms("signingDate")? {
        // SigV4 dates have four-digit years, and wasm's SystemTime starts in 1970.
        Some(ms) if !(0..=253_402_300_799_999).contains(&ms) => {
            return Err(invalid(Invalid::new(
                "signingDate",
                "must be between 1970 and 9999",
            )))
        }
        Some(ms) => DateTime::from_epoch_millis(ms),
        None => DateTime::from_epoch_millis(js_sys::Date::now() as i64),
    };
    let mut signing = SigningOptions::default();
    if let Some(v) = opts.boolean("normalizePath")? {
        signing.normalize_path = v;
    }
    if let Some(v) = opts.boolean("signBody")? {
        signing.sign_body = v;
    }
    if let Some(v) = opts.boolean("omitSessionToken")? {
        signing.omit_session_token = v;
    }
    let request = HttpRequest {
        method,
        url,
        headers,
        body,
    };
    let signed = appconfig_core::sign(
        &request,
        &credentials,
        &region,
        &service,
        time.to_system_time(),
        signing,
    )
    .map_err(core_error)?;
    let out = js_sys::Object::new();
    for (name, value) in &signed.headers {
        js_sys::Reflect::set(&out, &JsValue::from_str(name), &JsValue::from_str(value))?;
    }
    Ok(out.into())
}

/// The typed error a non-2xx response holds (read by the core's rules, its body parsed with
/// `JSON.parse`), as a descriptor the wrapper throws. `headers` as `[name, value]` pairs.
#[wasm_bindgen(js_name = parseError)]
pub fn parse_error(status: u16, headers: Vec<String>, body: &str) -> JsValue {
    let pairs: Vec<(String, String)> = headers
        .chunks_exact(2)
        .map(|p| (p[0].clone(), p[1].clone()))
        .collect();
    let e = appconfig_fetch::parse_error_text(status, &pairs, body);
    let metadata = MetadataOut::of_response(status, e.request_id.clone());
    service_error(e, metadata)
}

/// The kind of an environment's state spelled either way (`ReadyForDeployment` as AppConfig
/// sends it, `READY_FOR_DEPLOYMENT` as the model writes it), spelled as AppConfig does: the
/// waiters' acceptors compare this.
#[wasm_bindgen(js_name = environmentStateKind)]
pub fn environment_state_kind(state: &str) -> String {
    appconfig_core::EnvironmentStateKind::parse(state)
        .as_str()
        .to_owned()
}
