//! The crate's one error type: what stops the gateway from starting.

use std::fmt;

/// Why the gateway cannot start (or a configuration cannot be used).
#[derive(Debug)]
#[non_exhaustive]
pub enum GatewayError {
    /// The configuration file is wrong: where (`line`, 1-based, when known) and why.
    Config {
        /// The file (or `<config>` for text given directly).
        file: String,
        /// The line, 1-based, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A file or socket could not be used.
    Io {
        /// What was being done.
        context: String,
        /// The system's error.
        source: std::io::Error,
    },
    /// Credentials for an account could not be set up.
    Credentials {
        /// The account alias.
        account: String,
        /// Why.
        message: String,
    },
    /// The command line is wrong.
    Usage(String),
}

impl GatewayError {
    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        GatewayError::Io {
            context: context.into(),
            source,
        }
    }
}

impl fmt::Display for GatewayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GatewayError::Config {
                file,
                line: Some(line),
                message,
            } => write!(f, "{file}:{line}: {message}"),
            GatewayError::Config {
                file,
                line: None,
                message,
            } => write!(f, "{file}: {message}"),
            GatewayError::Io { context, source } => write!(f, "{context}: {source}"),
            GatewayError::Credentials { account, message } => {
                write!(f, "credentials of account {account}: {message}")
            }
            GatewayError::Usage(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for GatewayError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            GatewayError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
