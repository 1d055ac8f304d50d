//! The audit log: one JSON line for every change asked for (who, what, when, result), allowed
//! or refused.

use std::io::Write;
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

use crate::config::AuditTarget;
use crate::GatewayError;

/// Where lines go.
#[derive(Clone)]
pub struct AuditLog {
    out: Arc<Mutex<Box<dyn Write + Send>>>,
    /// Lines kept in memory as well (tests).
    memory: Option<Arc<Mutex<Vec<String>>>>,
}

impl std::fmt::Debug for AuditLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditLog")
    }
}

impl AuditLog {
    /// Opens the configured target (a file is appended to).
    ///
    /// # Errors
    /// [`GatewayError::Io`] when the file cannot be opened.
    pub fn open(target: &AuditTarget) -> Result<Self, GatewayError> {
        let out: Box<dyn Write + Send> = match target {
            AuditTarget::Stderr => Box::new(std::io::stderr()),
            AuditTarget::Stdout => Box::new(std::io::stdout()),
            AuditTarget::File(path) => Box::new(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .map_err(|e| {
                        GatewayError::io(format!("cannot open the audit log {}", path.display()), e)
                    })?,
            ),
        };
        Ok(AuditLog {
            out: Arc::new(Mutex::new(out)),
            memory: None,
        })
    }

    /// A log that keeps its lines in memory only (tests, embedding).
    pub fn in_memory() -> Self {
        AuditLog {
            out: Arc::new(Mutex::new(Box::new(std::io::sink()))),
            memory: Some(Arc::new(Mutex::new(Vec::new()))),
        }
    }

    /// The lines written so far, for a log made by [`AuditLog::in_memory`].
    pub fn lines(&self) -> Vec<String> {
        self.memory
            .as_ref()
            .map(|m| {
                m.lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .clone()
            })
            .unwrap_or_default()
    }

    pub(crate) fn write(&self, record: &Value) {
        let line = record.to_string();
        {
            let mut out = self
                .out
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
        }
        if let Some(m) = &self.memory {
            m.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(line);
        }
    }
}

/// One change asked for.
pub(crate) struct Record<'a> {
    pub(crate) who: Option<&'a str>,
    pub(crate) via: Option<&'a str>,
    pub(crate) peer: String,
    pub(crate) account: &'a str,
    pub(crate) region: &'a str,
    pub(crate) operation: &'static str,
    pub(crate) application: &'a str,
    pub(crate) environment: &'a str,
    pub(crate) deployment: i64,
    pub(crate) revert: bool,
    pub(crate) result: &'a str,
    pub(crate) status: u16,
    pub(crate) request_id: Option<&'a str>,
}

impl Record<'_> {
    pub(crate) fn to_json(&self) -> Value {
        let now = time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        json!({
            "time": now,
            "who": self.who,
            "via": self.via,
            "peer": self.peer,
            "account": self.account,
            "region": self.region,
            "operation": if self.revert { "RevertDeployment" } else { self.operation },
            "application": self.application,
            "environment": self.environment,
            "deployment": self.deployment,
            "result": self.result,
            "status": self.status,
            "requestId": self.request_id,
        })
    }
}
