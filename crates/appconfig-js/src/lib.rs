//! The wasm side of the `appconfig-wasm` npm package.
//!
//! This layer stays small on purpose: it reads JavaScript inputs, calls [`appconfig_core`] and
//! [`appconfig_fetch`], and hands results back as JSON text. The package's JavaScript wrapper
//! (`js/api.js`) turns that text into the AWS SDK's shapes (`Date`s, `$metadata`, `Error`
//! subclasses), which is both smaller and faster than building JavaScript objects from wasm.
//!
//! Every failure crosses the boundary as a JSON string with `name`, `message`, `$fault`,
//! `$metadata` and the modeled members; the wrapper rethrows it as an `Error`.

#![warn(missing_docs)]

mod input;

use std::rc::Rc;

use appconfig_core::{
    DateTime, Error as CoreError, GetDeploymentInput, GetDeploymentStrategyInput, HttpRequest,
    HttpResponse, ListApplicationsInput, ListDeploymentsInput, ListEnvironmentsInput, Operation,
    SigningOptions,
};
use appconfig_fetch::{FetchClient, FetchError, Metadata};
use js_sys::Promise;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use input::{Invalid, Obj};

/// `$metadata` as the wrapper receives it.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct MetadataOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    http_status_code: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attempts: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total_retry_delay: Option<u64>,
}

impl From<&Metadata> for MetadataOut {
    fn from(m: &Metadata) -> Self {
        MetadataOut {
            http_status_code: m.http_status_code,
            request_id: m.request_id.clone(),
            attempts: Some(m.attempts),
            total_retry_delay: Some(m.total_retry_delay_ms),
        }
    }
}

/// The modeled members of AppConfig's errors.
#[derive(Serialize, Default)]
#[serde(rename_all = "PascalCase")]
struct Members<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resource_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<&'a appconfig_core::BadRequestDetails>,
}

/// An error as the wrapper receives it.
#[derive(Serialize)]
struct ErrorOut<'a> {
    name: &'a str,
    message: String,
    /// `service`, `client` (refused before sending) or `transport`.
    kind: &'static str,
    #[serde(rename = "$fault")]
    fault: &'static str,
    #[serde(rename = "$metadata")]
    metadata: MetadataOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    members: Option<Members<'a>>,
    #[serde(rename = "corsSuspected", skip_serializing_if = "std::ops::Not::not")]
    cors_suspected: bool,
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Our own shapes always serialize; an empty object is the safe fallback.
    serde_json::to_string(value).unwrap_or_else(|_| "{}".to_owned())
}

fn fetch_error(e: &FetchError) -> JsValue {
    error_with_metadata(e, MetadataOut::from(e.metadata()))
}

fn error_with_metadata(e: &FetchError, metadata: MetadataOut) -> JsValue {
    let service = e.as_service();
    let (kind, fault) = match e {
        FetchError::Core {
            error: CoreError::Service(s),
            ..
        } => ("service", s.fault.as_str()),
        FetchError::Core {
            error: CoreError::MalformedResponse { .. },
            ..
        } => ("service", "server"),
        FetchError::Core { .. } | FetchError::Credentials { .. } => ("client", "client"),
        _ => ("transport", "client"),
    };
    let message = match service {
        // AWS's own message, as the SDK shows it; the code when AWS sent none.
        Some(s) if !s.message.is_empty() => s.message.clone(),
        _ => e.to_string(),
    };
    let members = service.map(|s| Members {
        message: Some(s.message.as_str()).filter(|m| !m.is_empty()),
        resource_name: s.resource_name.as_deref(),
        reason: s.reason.as_deref(),
        details: s.details.as_ref(),
    });
    let out = ErrorOut {
        name: e.name(),
        message,
        kind,
        fault,
        metadata,
        members,
        cors_suspected: matches!(
            e,
            FetchError::Network {
                cors_suspected: true,
                ..
            }
        ),
    };
    JsValue::from_str(&to_json(&out))
}

fn core_error(e: CoreError) -> JsValue {
    error_with_metadata(&FetchError::from(e), MetadataOut::default())
}

fn invalid(e: Invalid) -> JsValue {
    invalid_with_metadata(e, MetadataOut::default())
}

/// A call refused before sending: nothing was attempted.
fn invalid_call(e: Invalid) -> JsValue {
    invalid_with_metadata(e, MetadataOut::from(&Metadata::default()))
}

fn invalid_with_metadata(e: Invalid, metadata: MetadataOut) -> JsValue {
    let out = ErrorOut {
        name: "ValidationError",
        message: e.to_string(),
        kind: "client",
        fault: "client",
        metadata,
        members: None,
        cors_suspected: false,
    };
    JsValue::from_str(&to_json(&out))
}

#[derive(Serialize)]
struct CallOut<'a, T> {
    output: &'a T,
    #[serde(rename = "$metadata")]
    metadata: MetadataOut,
}

/// The client the wrapper's `AppConfigClient` holds.
#[wasm_bindgen(js_name = Client)]
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
        let (config, credentials, options) = input::client_config(&config).map_err(invalid)?;
        let inner = match credentials {
            input::CredentialsInput::Fixed(c) => FetchClient::new(&config, c, options),
            input::CredentialsInput::Provider(f) => {
                FetchClient::with_provider(&config, Rc::new(input::JsProvider(f)), options)
            }
        }
        .map_err(|e| fetch_error(&e))?;
        Ok(JsClient {
            inner: Rc::new(inner),
        })
    }

    /// Calls operation `op` (`GetDeployment`, `ListApplications`, `ListEnvironments`,
    /// `ListDeployments`, `GetDeploymentStrategy`); resolves to JSON text
    /// `{"output": ..., "$metadata": ...}`, rejects with an error descriptor.
    pub fn call(&self, op: &str, input: JsValue, options: JsValue) -> Promise {
        let client = self.inner.clone();
        let prepared = (|| -> Result<_, Invalid> {
            let obj = Obj::new(&input, "input")?;
            let signal = input::abort_signal(&options)?;
            let op = match op {
                "GetDeployment" => Op::GetDeployment(GetDeploymentInput {
                    application_id: obj.required_string("ApplicationId")?,
                    environment_id: obj.required_string("EnvironmentId")?,
                    deployment_number: obj.required_integer("DeploymentNumber")?,
                }),
                "ListApplications" => Op::ListApplications(ListApplicationsInput {
                    max_results: obj.integer("MaxResults")?,
                    next_token: obj.string("NextToken")?,
                }),
                "ListEnvironments" => Op::ListEnvironments(ListEnvironmentsInput {
                    application_id: obj.required_string("ApplicationId")?,
                    max_results: obj.integer("MaxResults")?,
                    next_token: obj.string("NextToken")?,
                }),
                "ListDeployments" => Op::ListDeployments(ListDeploymentsInput {
                    application_id: obj.required_string("ApplicationId")?,
                    environment_id: obj.required_string("EnvironmentId")?,
                    max_results: obj.integer("MaxResults")?,
                    next_token: obj.string("NextToken")?,
                }),
                "GetDeploymentStrategy" => Op::GetDeploymentStrategy(GetDeploymentStrategyInput {
                    deployment_strategy_id: obj.required_string("DeploymentStrategyId")?,
                }),
                _ => return Err(Invalid::new("operation", "is not supported")),
            };
            Ok((op, signal))
        })();
        wasm_bindgen_futures::future_to_promise(async move {
            let (op, signal) = prepared.map_err(invalid_call)?;
            match op {
                Op::GetDeployment(i) => run(&client, &i, signal).await,
                Op::ListApplications(i) => run(&client, &i, signal).await,
                Op::ListEnvironments(i) => run(&client, &i, signal).await,
                Op::ListDeployments(i) => run(&client, &i, signal).await,
                Op::GetDeploymentStrategy(i) => run(&client, &i, signal).await,
            }
        })
    }
}

enum Op {
    GetDeployment(GetDeploymentInput),
    ListApplications(ListApplicationsInput),
    ListEnvironments(ListEnvironmentsInput),
    ListDeployments(ListDeploymentsInput),
    GetDeploymentStrategy(GetDeploymentStrategyInput),
}

async fn run<O: Operation>(
    client: &FetchClient,
    input: &O,
    signal: Option<web_sys::AbortSignal>,
) -> Result<JsValue, JsValue>
where
    O::Output: Serialize,
{
    let out = client
        .call(input, signal)
        .await
        .map_err(|e| fetch_error(&e))?;
    Ok(JsValue::from_str(&to_json(&CallOut {
        output: &out.output,
        metadata: MetadataOut::from(&out.metadata),
    })))
}

/// Signs any AWS request; returns JSON text of the headers to add.
///
/// # Errors
/// A `ValidationError` or `SigningError` descriptor.
#[wasm_bindgen(js_name = signRequest)]
pub fn sign_request(request: JsValue, options: JsValue) -> Result<String, JsValue> {
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
    // The same map type as `Parameters` in the model, so its serializer is shared (size).
    let map: std::collections::BTreeMap<String, String> = signed.headers.into_iter().collect();
    Ok(to_json(&map))
}

/// Parses a `GetDeployment` HTTP response with no network; returns the same JSON text as a call.
///
/// # Errors
/// The service error the response holds, or `MalformedResponseError`, as descriptors.
#[wasm_bindgen(js_name = parseGetDeploymentResponse)]
pub fn parse_get_deployment_response(response: JsValue) -> Result<String, JsValue> {
    let obj = Obj::new(&response, "response")?;
    let status = obj
        .required_integer("statusCode")
        .and_then(|s| {
            u16::try_from(s).map_err(|_| Invalid::new("statusCode", "must be an HTTP status"))
        })
        .map_err(invalid)?;
    let response = HttpResponse {
        status,
        headers: obj.string_map("headers")?.into_iter().collect(),
        body: obj.bytes("body")?,
    };
    let metadata = Metadata {
        http_status_code: Some(status),
        request_id: response.request_id().map(str::to_owned),
        ..Default::default()
    };
    let meta_out = || MetadataOut {
        http_status_code: metadata.http_status_code,
        request_id: metadata.request_id.clone(),
        ..Default::default()
    };
    match appconfig_core::parse_response::<GetDeploymentInput>(&response) {
        Ok(d) => Ok(to_json(&CallOut {
            output: &d,
            metadata: meta_out(),
        })),
        Err(e) => Err(error_with_metadata(&FetchError::from(e), meta_out())),
    }
}

/// The deployment timeline of a deployment given as JSON text (its `Date`s as ISO strings);
/// returns JSON text. `now_ms` defaults to `Date.now()`.
///
/// # Errors
/// A `ValidationError` descriptor when the text is not a deployment.
#[wasm_bindgen(js_name = deploymentTimeline)]
pub fn deployment_timeline(deployment_json: &str, now_ms: Option<f64>) -> Result<String, JsValue> {
    let d = appconfig_core::Deployment::from_json(deployment_json).map_err(|e| {
        let reason = match e {
            CoreError::MalformedResponse { reason, .. } => reason,
            other => other.to_string(),
        };
        invalid(Invalid::new("deployment", &reason))
    })?;
    let now = match now_ms {
        Some(ms) if ms.is_finite() => ms as i64,
        Some(_) => return Err(invalid(Invalid::new("now", "must be a valid Date"))),
        None => js_sys::Date::now() as i64,
    };
    Ok(to_json(&appconfig_core::timeline(
        &d,
        Some(DateTime::from_epoch_millis(now)),
    )))
}

impl From<Invalid> for JsValue {
    fn from(e: Invalid) -> Self {
        invalid(e)
    }
}
