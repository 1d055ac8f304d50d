//! Error responses, shaped exactly as AppConfig sends them.

use serde_json::{Map, Value};

/// An error answered to a client: HTTP status, `x-amzn-ErrorType`, and a JSON body with
/// `Message` plus the modeled members.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The error type (`ResourceNotFoundException`).
    pub code: &'static str,
    /// The message.
    pub message: String,
    /// Modeled members besides `Message` (`ResourceName`, `Reason`, `Details`).
    pub members: Vec<(&'static str, Value)>,
}

impl ApiError {
    /// A new error.
    pub(crate) fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            members: Vec::new(),
        }
    }

    /// Adds a modeled member.
    pub(crate) fn with(mut self, name: &'static str, value: impl Into<Value>) -> Self {
        self.members.push((name, value.into()));
        self
    }

    /// 404 `ResourceNotFoundException` naming the resource type.
    pub(crate) fn not_found(resource: &'static str, message: impl Into<String>) -> Self {
        ApiError::new(404, "ResourceNotFoundException", message).with("ResourceName", resource)
    }

    /// 400 `BadRequestException`.
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(400, "BadRequestException", message)
    }

    /// 400 `BadRequestException` in the form of AWS's validation messages.
    pub(crate) fn validation(value: &str, member: &str, constraint: &str) -> Self {
        let shown: String = value.chars().take(100).collect();
        ApiError::bad_request(format!(
            "1 validation error detected: Value '{shown}' at '{member}' failed to satisfy constraint: {constraint}"
        ))
    }

    /// 409 `ConflictException`.
    pub(crate) fn conflict(message: impl Into<String>) -> Self {
        ApiError::new(409, "ConflictException", message)
    }

    /// 404 `UnknownOperationException`, for routes AppConfig does not have.
    pub(crate) fn unknown_operation() -> Self {
        ApiError::new(404, "UnknownOperationException", "")
    }

    /// The JSON body.
    pub(crate) fn body(&self) -> Value {
        let mut m = Map::new();
        m.insert("Message".into(), Value::String(self.message.clone()));
        for (k, v) in &self.members {
            m.insert((*k).to_owned(), v.clone());
        }
        Value::Object(m)
    }
}
