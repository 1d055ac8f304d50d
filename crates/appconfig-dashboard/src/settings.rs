//! How to reach AppConfig: region, endpoint or proxy, and credentials (kept in memory; in the
//! tab's sessionStorage only when the user ticks "Remember for this tab").

use std::fmt;

use appconfig_core::{ClientConfig, Credentials};
use serde::{Deserialize, Serialize};

use crate::platform;
use crate::route::Route;

/// Where requests go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    /// A simulator or custom endpoint: send to and sign for this URL.
    #[default]
    Endpoint,
    /// Sign for the AWS regional host, send through this URL (a forwarding proxy).
    Proxy,
    /// Straight to AWS (browsers block it: AppConfig sends no CORS headers).
    Direct,
}

impl Mode {
    /// The value of the mode's `<option>`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Endpoint => "endpoint",
            Mode::Proxy => "proxy",
            Mode::Direct => "direct",
        }
    }

    /// Reads an `<option>` value.
    pub fn parse(s: &str) -> Mode {
        match s {
            "proxy" => Mode::Proxy,
            "direct" => Mode::Direct,
            _ => Mode::Endpoint,
        }
    }
}

/// The connection settings. `Debug` never shows the secret or the session token.
#[derive(Clone, PartialEq, Default)]
pub struct Connection {
    /// The AWS region (signing region for endpoints).
    pub region: String,
    /// Endpoint, proxy or direct.
    pub mode: Mode,
    /// The endpoint or proxy URL.
    pub url: String,
    /// The access key id.
    pub access_key_id: String,
    /// The secret access key.
    pub secret_access_key: String,
    /// The session token of temporary credentials.
    pub session_token: String,
    /// Keep the credentials in this tab's sessionStorage.
    pub remember: bool,
}

impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection")
            .field("region", &self.region)
            .field("mode", &self.mode)
            .field("url", &self.url)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field("session_token", &"** redacted **")
            .field("remember", &self.remember)
            .finish()
    }
}

/// The sessionStorage key (credentials only, only on opt-in).
pub const STORAGE_KEY: &str = "appconfig-dashboard:credentials";

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredCredentials {
    access_key_id: String,
    secret_access_key: String,
    #[serde(default)]
    session_token: String,
}

impl Connection {
    /// The core's configuration for these settings.
    pub fn client_config(&self) -> ClientConfig {
        let region = Some(self.region.trim().to_owned()).filter(|r| !r.is_empty());
        let url = Some(self.url.trim().to_owned()).filter(|u| !u.is_empty());
        match self.mode {
            Mode::Endpoint => ClientConfig {
                region,
                endpoint: url,
                ..Default::default()
            },
            Mode::Proxy => ClientConfig {
                region,
                proxy: url,
                ..Default::default()
            },
            Mode::Direct => ClientConfig {
                region,
                ..Default::default()
            },
        }
    }

    /// The credentials, when an access key id and a secret are given.
    pub fn credentials(&self) -> Option<Credentials> {
        if self.access_key_id.trim().is_empty() || self.secret_access_key.is_empty() {
            return None;
        }
        Some(Credentials::new(
            self.access_key_id.trim(),
            self.secret_access_key.clone(),
            Some(self.session_token.trim().to_owned()),
        ))
    }

    /// True when credentials are present.
    pub fn has_credentials(&self) -> bool {
        self.credentials().is_some()
    }

    /// Takes region, endpoint and proxy from a link.
    pub fn apply_route(&mut self, route: &Route) {
        if !route.region.is_empty() {
            self.region = route.region.clone();
        }
        if !route.endpoint.is_empty() {
            self.mode = Mode::Endpoint;
            self.url = route.endpoint.clone();
        } else if !route.proxy.is_empty() {
            self.mode = Mode::Proxy;
            self.url = route.proxy.clone();
        }
    }

    /// Writes region, endpoint and proxy into a link (never credentials).
    pub fn write_route(&self, route: &mut Route) {
        route.region = self.region.trim().to_owned();
        route.endpoint.clear();
        route.proxy.clear();
        match self.mode {
            Mode::Endpoint => route.endpoint = self.url.trim().to_owned(),
            Mode::Proxy => route.proxy = self.url.trim().to_owned(),
            Mode::Direct => {}
        }
    }

    /// Credentials remembered in this tab, if the user opted in earlier.
    pub fn load_remembered(&mut self) {
        let Some(storage) = platform::session_storage() else {
            return;
        };
        let Ok(Some(text)) = storage.get_item(STORAGE_KEY) else {
            return;
        };
        if let Ok(s) = serde_json::from_str::<StoredCredentials>(&text) {
            self.access_key_id = s.access_key_id;
            self.secret_access_key = s.secret_access_key;
            self.session_token = s.session_token;
            self.remember = true;
        }
    }

    /// Stores the credentials in sessionStorage when `remember` is on, removes them otherwise.
    pub fn persist(&self) {
        let Some(storage) = platform::session_storage() else {
            return;
        };
        if self.remember && self.has_credentials() {
            let s = StoredCredentials {
                access_key_id: self.access_key_id.clone(),
                secret_access_key: self.secret_access_key.clone(),
                session_token: self.session_token.clone(),
            };
            if let Ok(text) = serde_json::to_string(&s) {
                let _ = storage.set_item(STORAGE_KEY, &text);
            }
        } else {
            let _ = storage.remove_item(STORAGE_KEY);
        }
    }
}
