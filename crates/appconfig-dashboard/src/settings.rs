//! How to reach AppConfig: region, endpoint or proxy, and credentials (kept in memory; in the
//! tab's sessionStorage only when the user ticks "Remember for this tab").

use std::fmt;

use appconfig_core::{ClientConfig, Credentials};
use serde::{Deserialize, Serialize};

use crate::origin::Origin;
use crate::platform;
use crate::route::Route;

/// Where requests go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Mode {
    /// A simulator or custom endpoint: send to and sign for this URL.
    #[default]
    Endpoint,
    /// Sign for the AWS regional host, send through this URL (a forwarding proxy).
    Proxy,
    /// Straight to AWS (browsers block it: AppConfig sends no CORS headers).
    Direct,
    /// Unsigned to an appconfig-gateway, which signs for an account: no AWS key in the page.
    Gateway,
}

impl Mode {
    /// Reads an `<option>` value.
    pub(crate) fn parse(s: &str) -> Mode {
        match s {
            "proxy" => Mode::Proxy,
            "direct" => Mode::Direct,
            "gateway" => Mode::Gateway,
            _ => Mode::Endpoint,
        }
    }
}

/// The connection settings. `Debug` never shows the secret or the session token.
#[derive(Clone, PartialEq, Default)]
pub(crate) struct Connection {
    /// The AWS region (signing region for endpoints).
    pub region: String,
    /// Endpoint, proxy or direct.
    pub mode: Mode,
    /// The endpoint, proxy or gateway URL.
    pub url: String,
    /// The account alias at the gateway.
    pub account: String,
    /// The access key id.
    pub access_key_id: String,
    /// The secret access key.
    pub secret_access_key: String,
    /// The session token of temporary credentials.
    pub session_token: String,
    /// The caller's optional bearer token toward a gateway (the portal's, not an AWS key): sent
    /// as `Authorization: Bearer` to the gateway only, never in the link.
    pub gateway_token: String,
    /// Keep the credentials (or the gateway token) in this tab's sessionStorage.
    pub remember: bool,
    /// The origin (`https://host:port`) the user confirmed these credentials for: requests with
    /// remembered credentials go there (or to loopback, or to this page's origin) and nowhere
    /// else without a new confirmation.
    pub confirmed_origin: Option<String>,
    /// The credentials were read from sessionStorage, not typed or posted in this page.
    pub from_storage: bool,
}

impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection")
            .field("region", &self.region)
            .field("mode", &self.mode)
            .field("url", &self.url)
            .field("account", &self.account)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field("session_token", &"** redacted **")
            .field("gateway_token", &"** redacted **")
            .field("remember", &self.remember)
            .field("confirmed_origin", &self.confirmed_origin)
            .field("from_storage", &self.from_storage)
            .finish()
    }
}

/// The sessionStorage key (credentials only, only on opt-in).
pub(crate) const STORAGE_KEY: &str = "appconfig-dashboard:credentials";

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredCredentials {
    #[serde(default)]
    access_key_id: String,
    #[serde(default)]
    secret_access_key: String,
    #[serde(default)]
    session_token: String,
    /// Only in gateway mode, where the keys are empty.
    #[serde(default)]
    gateway_token: String,
    /// The origin they were confirmed for; absent in entries written before binding, which then
    /// count as confirmed for nothing.
    #[serde(default)]
    origin: Option<String>,
}

impl Connection {
    /// The core's configuration for these settings.
    pub(crate) fn client_config(&self) -> ClientConfig {
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
            Mode::Gateway => ClientConfig {
                region,
                gateway: url,
                account: Some(self.account.trim().to_owned()),
                ..Default::default()
            },
        }
    }

    /// The credentials, when an access key id and a secret are given.
    pub(crate) fn credentials(&self) -> Option<Credentials> {
        if self.mode == Mode::Gateway
            || self.access_key_id.trim().is_empty()
            || self.secret_access_key.is_empty()
        {
            return None;
        }
        Some(Credentials::new(
            self.access_key_id.trim(),
            self.secret_access_key.clone(),
            Some(self.session_token.trim().to_owned()),
        ))
    }

    /// The gateway token, in gateway mode when one is given.
    pub(crate) fn gateway_token(&self) -> Option<String> {
        let t = self.gateway_token.trim();
        (self.mode == Mode::Gateway && !t.is_empty()).then(|| t.to_owned())
    }

    /// True when there is a secret to keep from hosts the user did not confirm: AWS
    /// credentials, or a gateway token.
    fn holds_secret(&self) -> bool {
        self.credentials().is_some() || self.gateway_token().is_some()
    }

    /// True when requests can be made: credentials are present, or a gateway and its account
    /// are given (the gateway holds the credentials).
    pub(crate) fn has_credentials(&self) -> bool {
        if self.mode == Mode::Gateway {
            return !self.url.trim().is_empty() && !self.account.trim().is_empty();
        }
        self.credentials().is_some()
    }

    /// Takes region, endpoint and proxy from a link.
    pub(crate) fn apply_route(&mut self, route: &Route) {
        if !route.region.is_empty() {
            self.region = route.region.clone();
        }
        if !route.endpoint.is_empty() {
            self.mode = Mode::Endpoint;
            self.url = route.endpoint.clone();
        } else if !route.proxy.is_empty() {
            self.mode = Mode::Proxy;
            self.url = route.proxy.clone();
        } else if !route.gateway.is_empty() {
            self.mode = Mode::Gateway;
            self.url = route.gateway.clone();
            self.account = route.account.clone();
        }
    }

    /// Writes region, endpoint and proxy into a link (never credentials).
    pub(crate) fn write_route(&self, route: &mut Route) {
        route.region = self.region.trim().to_owned();
        route.endpoint.clear();
        route.proxy.clear();
        route.gateway.clear();
        route.account.clear();
        match self.mode {
            Mode::Endpoint => route.endpoint = self.url.trim().to_owned(),
            Mode::Proxy => route.proxy = self.url.trim().to_owned(),
            Mode::Gateway => {
                route.gateway = self.url.trim().to_owned();
                route.account = self.account.trim().to_owned();
            }
            Mode::Direct => {}
        }
    }

    /// The origin requests go to with these settings (endpoint, proxy or the AWS host), parsed;
    /// `None` when the settings are unusable or the URL is not a plain http(s) one.
    pub(crate) fn target_origin(&self) -> Option<Origin> {
        let target = self.client_config().resolve().ok()?;
        Origin::parse(&target.send_base)
    }

    /// Where requests would go, when remembered credentials may not be sent there yet: they
    /// came from sessionStorage and were confirmed for another origin (or none), and the target
    /// is neither loopback nor this page's own origin (`page_origin`). A target that does not
    /// parse always needs the user's word.
    pub(crate) fn unconfirmed_target(&self, page_origin: Option<&str>) -> Option<String> {
        if !self.from_storage || !self.holds_secret() {
            return None;
        }
        let shown = match self.mode {
            Mode::Direct => self
                .client_config()
                .resolve()
                .map(|t| t.send_base)
                .unwrap_or_default(),
            _ => self.url.trim().to_owned(),
        };
        let Some(target) = self.target_origin() else {
            return Some(shown);
        };
        let page = page_origin.and_then(Origin::parse);
        let allowed = target.is_loopback()
            || page.as_ref() == Some(&target)
            || self.confirmed_origin.as_deref().and_then(Origin::parse) == Some(target);
        (!allowed).then_some(shown)
    }

    /// The user chose to send these credentials to the current target: bind them to it.
    pub(crate) fn confirm(&mut self) {
        self.confirmed_origin = self.target_origin().map(|o| o.to_string());
    }

    /// Credentials remembered in this tab, if the user opted in earlier (never in embed mode:
    /// an embedded page uses only the credentials its parent posts).
    pub(crate) fn load_remembered(&mut self) {
        let Some(storage) = platform::session_storage() else {
            return;
        };
        let Ok(Some(text)) = storage.get_item(STORAGE_KEY) else {
            return;
        };
        let parsed = js_sys::JSON::parse(&text).ok();
        if let Some(s) =
            parsed.and_then(|v| serde_wasm_bindgen::from_value::<StoredCredentials>(v).ok())
        {
            self.access_key_id = s.access_key_id;
            self.secret_access_key = s.secret_access_key;
            self.session_token = s.session_token;
            self.gateway_token = s.gateway_token;
            self.confirmed_origin = s.origin;
            self.remember = true;
            self.from_storage = true;
        }
    }

    /// Stores the credentials in sessionStorage when `remember` is on, removes them otherwise.
    pub(crate) fn persist(&self) {
        let Some(storage) = platform::session_storage() else {
            return;
        };
        if self.remember && self.holds_secret() {
            // In gateway mode only the token (no AWS key is used there), otherwise only the keys.
            let gateway = self.mode == Mode::Gateway;
            let keys = |k: &String| if gateway { String::new() } else { k.clone() };
            let s = StoredCredentials {
                access_key_id: keys(&self.access_key_id),
                secret_access_key: keys(&self.secret_access_key),
                session_token: keys(&self.session_token),
                gateway_token: self.gateway_token().unwrap_or_default(),
                origin: self.confirmed_origin.clone(),
            };
            let text = serde_wasm_bindgen::to_value(&s)
                .ok()
                .and_then(|v| js_sys::JSON::stringify(&v).ok())
                .and_then(|t| t.as_string());
            if let Some(text) = text {
                let _ = storage.set_item(STORAGE_KEY, &text);
            }
        } else {
            let _ = storage.remove_item(STORAGE_KEY);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn remembered(mode: Mode, url: &str, confirmed: Option<&str>) -> Connection {
        Connection {
            region: "us-east-1".into(),
            mode,
            url: url.into(),
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: "secret".into(),
            remember: true,
            confirmed_origin: confirmed.map(Into::into),
            from_storage: true,
            ..Default::default()
        }
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn remembered_credentials_go_only_to_the_origin_they_were_confirmed_for() {
        let page = Some("https://dash.example");
        let asks = |c: &Connection| c.unconfirmed_target(page).is_some();
        // Bound to the proxy the user confirmed: that exact origin, nothing else.
        let bound = Some("https://proxy.example");
        assert!(!asks(&remembered(
            Mode::Proxy,
            "https://proxy.example/aws",
            bound
        )));
        assert!(asks(&remembered(
            Mode::Proxy,
            "https://proxy.example:8443",
            bound
        )));
        assert!(asks(&remembered(
            Mode::Proxy,
            "http://proxy.example",
            bound
        )));
        assert!(asks(&remembered(
            Mode::Proxy,
            "https://proxy.example.evil.tld",
            bound
        )));
        // Legacy entries without an origin are confirmed for nothing.
        assert!(asks(&remembered(
            Mode::Proxy,
            "https://proxy.example",
            None
        )));
        // Loopback is a parsed IP literal; lookalikes are not.
        assert!(!asks(&remembered(
            Mode::Endpoint,
            "http://127.0.0.1:4000",
            None
        )));
        assert!(!asks(&remembered(
            Mode::Endpoint,
            "http://localhost:4000",
            None
        )));
        assert!(asks(&remembered(
            Mode::Proxy,
            "https://127.0.0.1.evil.tld",
            None
        )));
        // This page's origin, compared parsed: a longer host is another origin.
        assert!(!asks(&remembered(
            Mode::Endpoint,
            "https://dash.example/",
            None
        )));
        assert!(asks(&remembered(
            Mode::Endpoint,
            "https://dash.example.evil.tld",
            None
        )));
        // A region named by a link moves a direct connection to another AWS host.
        let east = Some("https://appconfig.us-east-1.amazonaws.com");
        assert!(!asks(&remembered(Mode::Direct, "", east)));
        let mut west = remembered(Mode::Direct, "", east);
        west.region = "eu-west-1".into();
        assert_eq!(
            west.unconfirmed_target(page).as_deref(),
            Some("https://appconfig.eu-west-1.amazonaws.com")
        );
        // Typed in this page: the user's own submit is the confirmation.
        let mut typed = remembered(Mode::Proxy, "https://elsewhere.example", None);
        typed.from_storage = false;
        assert!(!asks(&typed));
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn confirming_binds_to_the_parsed_origin() {
        let mut c = remembered(Mode::Proxy, "https://Proxy.Example:443/aws", None);
        c.confirm();
        assert_eq!(c.confirmed_origin.as_deref(), Some("https://proxy.example"));
        assert!(c.unconfirmed_target(None).is_none());
        let debug = format!("{c:?}");
        assert!(!debug.contains("secret\""), "{debug}");
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn a_gateway_connection_holds_no_aws_key() {
        let mut c = remembered(Mode::Gateway, "https://gw.example", None);
        c.account = "prod".into();
        assert!(c.has_credentials(), "a gateway and an account are enough");
        assert_eq!(
            c.credentials(),
            None,
            "typed keys are never used through a gateway"
        );
        assert_eq!(c.unconfirmed_target(Some("https://dash.example")), None);
        let t = c.client_config().resolve().expect("resolves");
        assert_eq!(
            t.send_base,
            "https://gw.example/v1/prod/us-east-1/appconfig"
        );
        let mut route = Route::default();
        c.write_route(&mut route);
        assert_eq!(
            (route.gateway.as_str(), route.account.as_str()),
            ("https://gw.example", "prod")
        );
        let mut back = Connection::default();
        back.apply_route(&Route::parse(&route.to_query()));
        assert_eq!(
            (back.mode, back.url.as_str(), back.account.as_str()),
            (Mode::Gateway, "https://gw.example", "prod")
        );
        c.account.clear();
        assert!(!c.has_credentials());
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn a_remembered_gateway_token_goes_only_to_the_gateway_it_was_confirmed_for() {
        let mut c = remembered(Mode::Gateway, "https://gw.example/portal", None);
        c.account = "prod".into();
        c.gateway_token = " portal-token ".into();
        assert_eq!(c.gateway_token().as_deref(), Some("portal-token"));
        assert!(format!("{c:?}").contains("gateway_token: \"** redacted **\""));
        assert!(!format!("{c:?}").contains("portal-token"));
        let page = Some("https://dash.example");
        assert_eq!(
            c.unconfirmed_target(page).as_deref(),
            Some("https://gw.example/portal"),
            "a token from storage waits for the user's word"
        );
        c.confirm();
        assert_eq!(c.unconfirmed_target(page), None);
        c.url = "https://gw.evil.example".into();
        assert!(
            c.unconfirmed_target(page).is_some(),
            "another gateway asks again"
        );
        let mut route = Route::default();
        c.write_route(&mut route);
        assert!(
            !route.to_query().contains("portal-token"),
            "never in the link"
        );
        c.mode = Mode::Endpoint;
        assert_eq!(c.gateway_token(), None, "only to a gateway");
    }
}
