//! The URL query: what a link carries (never credentials).
//!
//! `?region=us-east-1&endpoint=http://127.0.0.1:4000&app=339ohji&env=54j1r29&deployment=1`
//! opens the same view; `embed=1`, `theme=light|dark` and `origin=` configure an iframe (whose
//! region, endpoint or proxy and actions come from its portal's message, never from here).

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b':')
    .remove(b'/');

/// A colour theme forced by the URL (otherwise `prefers-color-scheme` decides).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Theme {
    /// Dark text on light.
    Light,
    /// Light text on dark.
    Dark,
}

impl Theme {
    /// `light` or `dark`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// Everything the URL query says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Route {
    /// The AWS region.
    pub region: String,
    /// A custom endpoint (simulator): send to and sign for it.
    pub endpoint: String,
    /// A proxy: sign for AWS, send through it.
    pub proxy: String,
    /// A gateway: send unsigned, it signs for `account`.
    pub gateway: String,
    /// The account alias at the gateway.
    pub account: String,
    /// Application id or name.
    pub app: String,
    /// Environment id or name.
    pub env: String,
    /// Deployment number, as typed.
    pub deployment: String,
    /// Render only the deployment, for an iframe.
    pub embed: bool,
    /// A forced theme.
    pub theme: Option<Theme>,
    /// The parent origin allowed to post credentials in embed mode.
    pub origin: String,
    /// Embed mode shows Stop and Revert too: only when the portal's message says so, never
    /// from the URL (a page above the portal can navigate the frame to any URL).
    pub actions: bool,
}

fn decode(s: &str) -> String {
    let plus_as_space = s.replace('+', " ");
    percent_decode_str(&plus_as_space)
        .decode_utf8_lossy()
        .into_owned()
}

impl Route {
    /// Reads a query string (with or without the leading `?`). Unknown keys are ignored and so
    /// are credential-looking keys: a link never carries secrets, even a hand-made one.
    pub(crate) fn parse(query: &str) -> Route {
        let mut r = Route::default();
        for pair in query.trim_start_matches('?').split('&') {
            if pair.is_empty() {
                continue;
            }
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = decode(v).trim().to_owned();
            match decode(k).as_str() {
                "region" => r.region = v,
                "endpoint" => r.endpoint = v,
                "proxy" => r.proxy = v,
                "gateway" => r.gateway = v,
                "account" => r.account = v,
                "app" | "application" => r.app = v,
                "env" | "environment" => r.env = v,
                "deployment" => r.deployment = v,
                "embed" => r.embed = matches!(v.as_str(), "1" | "true" | "yes" | ""),
                "theme" => {
                    r.theme = match v.as_str() {
                        "light" => Some(Theme::Light),
                        "dark" => Some(Theme::Dark),
                        _ => None,
                    }
                }
                "origin" => r.origin = v,
                _ => {}
            }
        }
        r
    }

    /// The query string, starting with `?` (empty when there is nothing to say).
    pub(crate) fn to_query(&self) -> String {
        let mut parts = Vec::new();
        let mut push = |k: &str, v: &str| {
            if !v.is_empty() {
                parts.push(format!("{k}={}", utf8_percent_encode(v, QUERY)));
            }
        };
        push("region", &self.region);
        push("endpoint", &self.endpoint);
        push("proxy", &self.proxy);
        push("gateway", &self.gateway);
        push("account", &self.account);
        push("app", &self.app);
        push("env", &self.env);
        push("deployment", &self.deployment);
        if self.embed {
            push("embed", "1");
        }
        if let Some(t) = self.theme {
            push("theme", t.as_str());
        }
        push("origin", &self.origin);
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// True when the link names a whole deployment.
    pub(crate) fn names_deployment(&self) -> bool {
        !self.app.is_empty() && !self.env.is_empty() && !self.deployment.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn round_trips_and_ignores_secrets() {
        let r = Route::parse(
            "?region=us-east-1&endpoint=http%3A%2F%2F127.0.0.1%3A4000&app=my+app&env=prd&deployment=3&embed=1&theme=dark&secretAccessKey=x&accessKeyId=y",
        );
        assert_eq!(r.region, "us-east-1");
        assert_eq!(r.endpoint, "http://127.0.0.1:4000");
        assert_eq!(r.app, "my app");
        assert!(r.embed);
        assert_eq!(r.theme, Some(Theme::Dark));
        let q = r.to_query();
        assert!(!q.contains("secret") && !q.contains("accessKey"), "{q}");
        assert_eq!(Route::parse(&q), r);
        assert_eq!(Route::default().to_query(), "");
        // Actions are the portal's to offer, never a link's.
        assert!(!Route::parse("?embed=1&actions=1").actions);
    }
}
