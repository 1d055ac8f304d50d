//! Origins (scheme, host, port) parsed from URLs, for deciding where remembered credentials may
//! go. Never compared as strings: `https://127.0.0.1.evil.tld` is not loopback and
//! `https://dash.example.evil.tld` is not `https://dash.example`.
//!
//! The parser is deliberately narrow: `http` and `https` only, a host of ASCII letters, digits,
//! `.` and `-` (or a bracketed IPv6 literal) and an optional port. Anything it is not sure
//! about (user info, `\`, `%`, control or non-ASCII characters) is `None`, which callers treat
//! as "not confirmed": ask the user rather than guess the way a browser would.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

/// A URL's origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Origin {
    /// `http` or `https`.
    pub scheme: &'static str,
    /// The host, lowercased (IPv6 literals without brackets).
    pub host: String,
    /// The port, the scheme's default when the URL names none.
    pub port: u16,
}

impl Origin {
    /// The origin of `url`, or `None` when it is not a plain http(s) URL.
    pub(crate) fn parse(url: &str) -> Option<Origin> {
        let url = url.trim();
        let (scheme, rest) = url.split_once("://")?;
        let (scheme, default_port) = match scheme.to_ascii_lowercase().as_str() {
            "http" => ("http", 80),
            "https" => ("https", 443),
            _ => return None,
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if authority.is_empty()
            || authority
                .chars()
                .any(|c| !c.is_ascii_graphic() || matches!(c, '@' | '\\' | '%'))
        {
            return None;
        }
        let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
            let (ip, after) = v6.split_once(']')?;
            let ip: Ipv6Addr = ip.parse().ok()?;
            let port = match after {
                "" => None,
                p => Some(p.strip_prefix(':')?),
            };
            (ip.to_string(), port)
        } else {
            match authority.split_once(':') {
                Some((h, p)) => (h.to_ascii_lowercase(), Some(p)),
                None => (authority.to_ascii_lowercase(), None),
            }
        };
        let host_ok = !host.is_empty()
            && (host.contains(':')
                || host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'));
        if !host_ok {
            return None;
        }
        let port = match port {
            None | Some("") => default_port,
            Some(p) if p.chars().all(|c| c.is_ascii_digit()) => p.parse().ok()?,
            Some(_) => return None,
        };
        Some(Origin { scheme, host, port })
    }

    /// True for this machine: a parsed IP literal in 127.0.0.0/8, `::1`, or `localhost`.
    pub(crate) fn is_loopback(&self) -> bool {
        if self.host == "localhost" {
            return true;
        }
        if let Ok(v4) = self.host.parse::<Ipv4Addr>() {
            return v4.is_loopback();
        }
        self.host
            .parse::<Ipv6Addr>()
            .is_ok_and(|v6| v6.is_loopback())
    }
}

impl fmt::Display for Origin {
    /// `https://host` or `http://host:4000` (the default port left out), as `location.origin`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        let default = if self.scheme == "https" { 443 } else { 80 };
        if self.port == default {
            write!(f, "{}://{host}", self.scheme)
        } else {
            write!(f, "{}://{host}:{}", self.scheme, self.port)
        }
    }
}

/// True when `url` parses to a loopback origin.
pub(crate) fn is_loopback(url: &str) -> bool {
    Origin::parse(url).is_some_and(|o| o.is_loopback())
}

/// True when both parse and name the same scheme, host and port.
pub(crate) fn same_origin(a: &str, b: &str) -> bool {
    matches!((Origin::parse(a), Origin::parse(b)), (Some(a), Some(b)) if a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn loopback_is_a_parsed_ip_literal_or_localhost() {
        for yes in [
            "http://127.0.0.1:4000",
            "http://127.9.8.7",
            "http://localhost:8080/x",
            "http://LOCALHOST",
            "http://[::1]:1",
        ] {
            assert!(is_loopback(yes), "{yes} is loopback");
        }
        for no in [
            "https://127.0.0.1.evil.tld",
            "https://127.evil.tld",
            "https://localhost.evil.tld",
            "https://evil.localhost.tld",
            "https://127.0.0.1@evil.tld",
            "https://evil.tld\\@127.0.0.1",
            "https://appconfig.us-east-1.amazonaws.com",
            "https://proxy.example.com:127",
            "http://128.0.0.1",
            "ftp://127.0.0.1",
            "127.0.0.1:4000",
            "http://127.0.0.1%2eevil.tld",
        ] {
            assert!(!is_loopback(no), "{no} is not loopback");
        }
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn same_origin_compares_scheme_host_and_port_parsed() {
        assert!(same_origin("https://dash.example", "https://dash.example/"));
        assert!(same_origin(
            "https://dash.example:443/x",
            "HTTPS://Dash.Example"
        ));
        assert!(same_origin(
            "http://127.0.0.1:4000/",
            "http://127.0.0.1:4000?a"
        ));
        assert!(!same_origin(
            "https://dash.example.evil.tld",
            "https://dash.example"
        ));
        assert!(!same_origin(
            "https://dash.example:4443",
            "https://dash.example"
        ));
        assert!(!same_origin("http://dash.example", "https://dash.example"));
        assert!(!same_origin(
            "https://dash.example@evil.tld",
            "https://dash.example"
        ));
        assert!(!same_origin("not a url", "not a url"));
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn displays_like_location_origin() {
        let o = |u: &str| Origin::parse(u).map(|o| o.to_string());
        assert_eq!(
            o("https://Proxy.Example:443/p").as_deref(),
            Some("https://proxy.example")
        );
        assert_eq!(
            o("http://127.0.0.1:4000/").as_deref(),
            Some("http://127.0.0.1:4000")
        );
        assert_eq!(o("http://[::1]:9/").as_deref(), Some("http://[::1]:9"));
    }
}
