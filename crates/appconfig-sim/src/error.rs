//! The crate's one error type, for starting and configuring the simulator.
//!
//! Errors in requests never become a [`SimError`]: they are answered as AWS answers them
//! (see the crate's `awserror` module).

use std::fmt;

/// What can stop the simulator from starting or saving its state.
#[derive(Debug)]
#[non_exhaustive]
pub enum SimError {
    /// A command-line argument is missing, unknown or invalid.
    Usage(String),
    /// A `--key` value or a line of a keys file is not `AKID:SECRET[:SESSIONTOKEN]`.
    InvalidKey(String),
    /// A file could not be read or written.
    Io {
        /// What was being done, and to which path.
        context: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The state file exists but is not a state this version can read.
    InvalidState(String),
}

impl SimError {
    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        SimError::Io {
            context: context.into(),
            source,
        }
    }
}

impl fmt::Display for SimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SimError::Usage(m) => write!(f, "usage error: {m}"),
            SimError::InvalidKey(m) => write!(f, "invalid key: {m}"),
            SimError::Io { context, source } => write!(f, "{context}: {source}"),
            SimError::InvalidState(m) => write!(f, "invalid state file: {m}"),
        }
    }
}

impl std::error::Error for SimError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SimError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
