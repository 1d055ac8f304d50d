//! The configuration: keys, mode and every setting of a server.

use std::net::IpAddr;
use std::path::PathBuf;

use appconfig_core::Credentials;

use crate::SimError;

/// The demo access key id used when no key is configured (fixed, so docs and the dashboard can
/// prefill it).
pub const DEMO_ACCESS_KEY_ID: &str = "AKIDAPPCONFIGSIMDEMO";
/// The demo secret access key used when no key is configured.
pub const DEMO_SECRET_ACCESS_KEY: &str = "appconfig-sim-demo-secret-key";
/// The region the simulator is by default: requests must be signed for it.
pub const DEMO_REGION: &str = "us-east-1";
/// Who may embed the served dashboard by default: the simulator's own pages only. Any other
/// page on this machine could be a browser tab of anything (a site whose name resolves to
/// loopback, a local dev server); a portal under test is named with `--frame-ancestors`.
pub(crate) const DEFAULT_FRAME_ANCESTORS: &str = "'self'";
/// The default port of the simulator.
pub const DEFAULT_PORT: u16 = 4010;

/// A key the simulator accepts: the core's [`Credentials`], whose `Debug` never shows the secret
/// or the session token. With a session token, requests must carry it in `x-amz-security-token`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key(Credentials);

impl Key {
    /// A key without a session token.
    pub fn new(access_key_id: impl Into<String>, secret_access_key: impl Into<String>) -> Self {
        Key(Credentials::new(access_key_id, secret_access_key, None))
    }

    /// A key from credentials (with a session token, requests must carry it).
    pub fn from_credentials(credentials: Credentials) -> Self {
        Key(credentials)
    }

    /// The demo key.
    pub fn demo() -> Self {
        Key::new(DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY)
    }

    /// The credentials requests are checked against.
    pub fn credentials(&self) -> &Credentials {
        &self.0
    }

    /// Parses `AKID:SECRET[:SESSIONTOKEN]`.
    ///
    /// # Errors
    /// [`SimError::InvalidKey`] when a part is missing or empty (the message never repeats the secret).
    pub fn parse(text: &str) -> Result<Self, SimError> {
        let mut parts = text.trim().splitn(3, ':');
        let id = parts.next().unwrap_or_default();
        let secret = parts.next().unwrap_or_default();
        let token = parts.next();
        // An id with other characters may hold the secret itself (`--key "AKID SECRET"`, a
        // missing colon): it is never repeated, in an error message or a log.
        let id_ok =
            !id.is_empty() && id.len() <= 128 && id.chars().all(|c| c.is_ascii_alphanumeric());
        if !id_ok {
            return Err(SimError::InvalidKey(
                "expected AKID:SECRET[:SESSIONTOKEN], where AKID is letters and digits only (the value is not repeated here, it may hold a secret)"
                    .into(),
            ));
        }
        if secret.is_empty() {
            // Without a colon the whole value may be a secret.
            let shown = if text.contains(':') {
                format!(", got access key id {id}")
            } else {
                " (no colon; the value is not repeated here, it may hold a secret)".to_owned()
            };
            return Err(SimError::InvalidKey(format!(
                "expected AKID:SECRET[:SESSIONTOKEN] with a non-empty secret{shown}"
            )));
        }
        if token == Some("") {
            return Err(SimError::InvalidKey(format!(
                "empty session token for access key id {id}"
            )));
        }
        Ok(Key(Credentials::new(id, secret, token.map(str::to_owned))))
    }

    /// True for the fixed demo key.
    pub fn is_demo(&self) -> bool {
        self.0.access_key_id() == DEMO_ACCESS_KEY_ID
            && self.0.secret_access_key() == DEMO_SECRET_ACCESS_KEY
    }
}

impl std::ops::Deref for Key {
    type Target = Credentials;
    fn deref(&self) -> &Credentials {
        &self.0
    }
}

/// Everything the server needs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The address to listen on (127.0.0.1 by default).
    pub host: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// How many times faster than real time deployments progress.
    pub speed: f64,
    /// Seconds added to the real clock (negative: behind) for signatures, `Date` and new events.
    pub skew_seconds: i64,
    /// Accepted keys; the first one is what `/_sim/info` shows.
    pub keys: Vec<Key>,
    /// Where to persist the state (atomically), and reload it from on start.
    pub state_file: Option<PathBuf>,
    /// A built dashboard to serve at `/`.
    pub serve_dir: Option<PathBuf>,
    /// Create the seed data when starting without a saved state.
    pub seed: bool,
    /// The region it is: requests must be signed for it, ARNs name it, `/_sim/info` reports it.
    pub region: String,
    /// One log line per request to stderr.
    pub log_requests: bool,
    /// `--serve`: the sources of the `frame-ancestors` directive of the
    /// `Content-Security-Policy` sent with the served files (who may embed the dashboard).
    pub frame_ancestors: String,
    /// When seeding: this many extra environments in application `ext0001` (at most 1000).
    pub extra_environments: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: IpAddr::from([127, 0, 0, 1]),
            port: DEFAULT_PORT,
            speed: 1.0,
            skew_seconds: 0,
            keys: vec![Key::demo()],
            state_file: None,
            serve_dir: None,
            seed: true,
            region: DEMO_REGION.to_owned(),
            log_requests: true,
            frame_ancestors: DEFAULT_FRAME_ANCESTORS.to_owned(),
            extra_environments: 0,
        }
    }
}

impl Config {
    /// A configuration for tests: port 0, no request log, the demo key.
    pub fn for_tests() -> Self {
        Config {
            port: 0,
            log_requests: false,
            ..Config::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_key_never_repeats_its_secret() {
        for text in [
            "AKIDEXAMPLE wJalrXUtnFEMIsecret",
            "AKIDEXAMPLE wJalrXUtnFEMIsecret:token",
            "wJalrXUtnFEMIsecret",
            "AKID-wJalrXUtnFEMIsecret:x",
            " :wJalrXUtnFEMIsecret",
        ] {
            let err = Key::parse(text).unwrap_err().to_string();
            assert!(err.starts_with("invalid key: "), "{err}");
            assert!(!err.contains("wJalrXUtnFEMI"), "{text:?} gave {err}");
        }
        let err = Key::parse("AKIDEXAMPLE:").unwrap_err().to_string();
        assert!(err.contains("AKIDEXAMPLE"), "{err}");
    }

    #[test]
    fn debug_hides_secrets() {
        let k = Key::parse("AKID:supersecret:tokentoken").unwrap();
        let s = format!("{k:?}");
        assert!(!s.contains("supersecret") && !s.contains("tokentoken"));
    }
}
