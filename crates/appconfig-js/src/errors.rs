//! Failures as the JavaScript wrapper receives them: plain objects (`name`, `message`, `kind`,
//! `$fault`, `$metadata`, the modeled members), built once here and turned into `Error`
//! subclasses by `js/api.js`.

use appconfig_core::{Error as CoreError, ServiceError};
use appconfig_fetch::{FetchError, FetchErrorKind, Metadata};
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::input::Invalid;

/// `$metadata` as the wrapper receives it.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MetadataOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    http_status_code: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attempts: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total_retry_delay: Option<u64>,
    /// Set when this call corrected the signing clock (server minus local, ms).
    #[serde(skip_serializing_if = "Option::is_none")]
    clock_correction: Option<i64>,
}

impl From<&Metadata> for MetadataOut {
    fn from(m: &Metadata) -> Self {
        MetadataOut {
            http_status_code: m.http_status_code,
            request_id: m.request_id.clone(),
            attempts: Some(m.attempts),
            total_retry_delay: Some(m.total_retry_delay_ms),
            clock_correction: m.clock_correction_ms,
        }
    }
}

impl MetadataOut {
    /// What a response read without a call says: its status and request id.
    pub(crate) fn of_response(status: u16, request_id: Option<String>) -> Self {
        MetadataOut {
            http_status_code: Some(status),
            request_id,
            ..Default::default()
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

/// Our own shapes always serialize; `undefined` is the fallback the wrapper rethrows as is.
pub(crate) fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::new())
        .unwrap_or(JsValue::UNDEFINED)
}

/// A failed call.
pub(crate) fn fetch_error(e: &FetchError) -> JsValue {
    error_with_metadata(e, MetadataOut::from(e.metadata()))
}

/// A service error read from a response without a call.
pub(crate) fn service_error(s: ServiceError, metadata: MetadataOut) -> JsValue {
    error_with_metadata(&FetchError::from(CoreError::from(s)), metadata)
}

fn error_with_metadata(e: &FetchError, metadata: MetadataOut) -> JsValue {
    let service = e.as_service();
    let (kind, fault) = match e.kind() {
        FetchErrorKind::Core(CoreError::Service(s)) => ("service", s.fault.as_str()),
        FetchErrorKind::Core(CoreError::MalformedResponse { .. }) => ("service", "server"),
        FetchErrorKind::Core(_) | FetchErrorKind::Credentials { .. } => ("client", "client"),
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
    to_js(&ErrorOut {
        name: e.name(),
        message,
        kind,
        fault,
        metadata,
        members,
        cors_suspected: matches!(
            e.kind(),
            FetchErrorKind::Network {
                cors_suspected: true,
                ..
            }
        ),
    })
}

/// A core error outside a call (signing, configuration).
pub(crate) fn core_error(e: CoreError) -> JsValue {
    error_with_metadata(&FetchError::from(e), MetadataOut::default())
}

/// Bad input outside a call.
pub(crate) fn invalid(e: Invalid) -> JsValue {
    invalid_with_metadata(e, MetadataOut::default())
}

/// A call refused before sending: nothing was attempted.
pub(crate) fn invalid_call(e: Invalid) -> JsValue {
    invalid_with_metadata(e, MetadataOut::from(&Metadata::default()))
}

fn invalid_with_metadata(e: Invalid, metadata: MetadataOut) -> JsValue {
    to_js(&ErrorOut {
        name: "ValidationError",
        message: e.to_string(),
        kind: "client",
        fault: "client",
        metadata,
        members: None,
        cors_suspected: false,
    })
}

impl From<Invalid> for JsValue {
    fn from(e: Invalid) -> Self {
        invalid(e)
    }
}
