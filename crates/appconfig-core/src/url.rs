//! A small, strict parser for the URLs the core signs and sends: `scheme://host[:port][/path]
//! [?query][#fragment]` (RFC 3986), in place of the `http` crate's `Uri`.
//!
//! It never panics and never allocates. Characters are checked as the `http` crate checks them
//! (so what it refused stays refused): the path allows RFC 3986's `pchar`s, `"`, `{`, `}`, `[`,
//! `]`, `\`, `^`, `|` and UTF-8; the query also `?` and `` ` `` but not `"`; neither allows white
//! space, control characters, `<` or `>`. The fragment is not checked: it is never sent. The host is a
//! registered name (RFC 3986 `reg-name` without percent-encoding) or a bracketed IPv6 address;
//! a user name or password in the URL is refused (fetch refuses them too).

use std::fmt;

/// Why a URL could not be read.
///
/// The `source()` of an [`Error::Signing`](crate::Error::Signing) (or of an endpoint error) about
/// a URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UrlError {
    kind: UrlErrorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UrlErrorKind {
    Empty,
    InvalidCharacter,
    InvalidPort,
    UserInfo,
}

impl UrlError {
    const fn new(kind: UrlErrorKind) -> Self {
        UrlError { kind }
    }
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.kind {
            UrlErrorKind::Empty => "empty string",
            UrlErrorKind::InvalidCharacter => "invalid uri character",
            UrlErrorKind::InvalidPort => "invalid port",
            UrlErrorKind::UserInfo => "a user name or password in a url is not supported",
        })
    }
}

impl std::error::Error for UrlError {}

/// The parts of a URL, borrowed from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Url<'a> {
    /// As written (`HTTPS` stays `HTTPS`); `None` for `host:port`, `/path` or `path`.
    pub(crate) scheme: Option<&'a str>,
    /// As written, brackets included for IPv6; `None` without `//`, `Some("")` for `https:///`.
    pub(crate) host: Option<&'a str>,
    /// The port when the URL gives one (`host:` gives none).
    pub(crate) port: Option<u16>,
    /// Percent-encoded as in the URL; may be empty.
    pub(crate) path: &'a str,
    /// After the `?`, when there is one.
    pub(crate) query: Option<&'a str>,
    /// After the `#`, when there is one.
    pub(crate) fragment: Option<&'a str>,
}

/// The scheme of an absolute `http` or `https` URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HttpScheme {
    Http,
    Https,
}

impl<'a> Url<'a> {
    /// Splits `s` into its parts and checks their characters.
    ///
    /// # Errors
    /// An empty string, a character a URL cannot carry, a port that is not a number up to 65535,
    /// or a user name or password.
    pub(crate) fn parse(s: &'a str) -> Result<Url<'a>, UrlError> {
        if s.is_empty() {
            return Err(UrlError::new(UrlErrorKind::Empty));
        }
        let (before_fragment, fragment) = match s.split_once('#') {
            Some((a, b)) => (a, Some(b)),
            None => (s, None),
        };
        let (scheme, rest) = match split_scheme(before_fragment) {
            Some((scheme, rest)) => (Some(scheme), rest),
            None => (None, before_fragment),
        };
        let (authority, rest) = match (scheme, rest.strip_prefix("//")) {
            (Some(_), Some(after)) => {
                let end = after.find(['/', '?']).unwrap_or(after.len());
                let (authority, rest) = after.split_at_checked(end).unwrap_or((after, ""));
                (Some(authority), rest)
            }
            // `host:port` or `host` alone, as the `http` crate reads an authority-form request
            // target: no scheme, no path.
            (None, _) if !rest.starts_with('/') && !rest.contains(['/', '?']) => (Some(rest), ""),
            _ => (None, rest),
        };
        let (path, query) = match rest.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (rest, None),
        };
        if !path.bytes().all(is_path_byte) || !query.unwrap_or("").bytes().all(is_query_byte) {
            return Err(UrlError::new(UrlErrorKind::InvalidCharacter));
        }
        let (host, port) = match authority {
            Some(a) => {
                let (host, port) = split_authority(a)?;
                (Some(host), port)
            }
            None => (None, None),
        };
        Ok(Url {
            scheme,
            host,
            port,
            path,
            query,
            fragment,
        })
    }

    /// `http` or `https` (in any case), else `None`.
    pub(crate) fn http_scheme(&self) -> Option<HttpScheme> {
        match self.scheme {
            Some(s) if s.eq_ignore_ascii_case("https") => Some(HttpScheme::Https),
            Some(s) if s.eq_ignore_ascii_case("http") => Some(HttpScheme::Http),
            _ => None,
        }
    }

    /// The host, when there is a non-empty one.
    pub(crate) fn non_empty_host(&self) -> Option<&'a str> {
        self.host.filter(|h| !h.is_empty())
    }

    /// The `Host` header a client sends for this URL: the host in lower case (as browsers and
    /// the `url` crate write it), plus `:port` unless the port is the scheme's default.
    pub(crate) fn host_header(&self) -> String {
        let host = self.host.unwrap_or_default();
        let default_port = match self.http_scheme() {
            Some(HttpScheme::Https) => Some(443),
            Some(HttpScheme::Http) => Some(80),
            None => None,
        };
        let mut out = host.to_ascii_lowercase();
        if let Some(port) = self.port.filter(|&p| Some(p) != default_port) {
            out.push(':');
            out.push_str(&port.to_string());
        }
        out
    }
}

/// `scheme` and what follows `scheme:`, when `s` starts with a scheme (a letter, then letters,
/// digits, `+`, `-` or `.`) followed by `:`.
fn split_scheme(s: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = s.split_once(':')?;
    let mut bytes = scheme.bytes();
    let first_is_letter = bytes.next().is_some_and(|b| b.is_ascii_alphabetic());
    let valid = first_is_letter
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    valid.then_some((scheme, rest))
}

/// `host` and `port` of an authority.
fn split_authority(authority: &str) -> Result<(&str, Option<u16>), UrlError> {
    if authority.contains('@') {
        return Err(UrlError::new(UrlErrorKind::UserInfo));
    }
    let (host, port) = if authority.starts_with('[') {
        let invalid = UrlError::new(UrlErrorKind::InvalidCharacter);
        let close = authority.find(']').ok_or(invalid)?;
        let (bracketed, after) = authority.split_at_checked(close + 1).ok_or(invalid)?;
        let inside = bracketed.get(1..close).unwrap_or_default();
        if inside.is_empty()
            || !inside
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return Err(invalid);
        }
        match after {
            "" => (bracketed, None),
            after => match after.strip_prefix(':') {
                Some(port) => (bracketed, Some(port)),
                None => return Err(invalid),
            },
        }
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if !host.starts_with('[') && !host.bytes().all(is_host_byte) {
        return Err(UrlError::new(UrlErrorKind::InvalidCharacter));
    }
    let port = match port {
        None | Some("") => None,
        Some(digits) => Some(parse_port(digits)?),
    };
    Ok((host, port))
}

fn parse_port(digits: &str) -> Result<u16, UrlError> {
    let invalid = UrlError::new(UrlErrorKind::InvalidPort);
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid);
    }
    // Leading zeros are allowed (`:0443`), as browsers allow them.
    let significant = digits.trim_start_matches('0');
    if significant.len() > 5 {
        return Err(invalid);
    }
    significant
        .bytes()
        .try_fold(0u32, |n, b| Some(n * 10 + u32::from(b - b'0')))
        .and_then(|n| u16::try_from(n).ok())
        .ok_or(invalid)
}

/// RFC 3986 `reg-name` characters, without percent-encoding: unreserved and sub-delims.
fn is_host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
        )
}

/// What the `http` crate accepts in a path (its table, bytes of UTF-8 included), without DEL.
fn is_path_byte(b: u8) -> bool {
    matches!(b, 0x21 | 0x22 | 0x24..=0x3B | 0x3D | 0x40..=0x5F | 0x61..=0x7E | 0x80..=0xFF)
}

/// What the `http` crate accepts in a query, without DEL.
fn is_query_byte(b: u8) -> bool {
    matches!(b, 0x21 | 0x24..=0x3B | 0x3D | 0x3F..=0x7E | 0x80..=0xFF)
}

#[cfg(test)]
mod tests;
