//! Who is calling: a bearer token the portal hands its page (compared by SHA-256, in constant
//! time), or a user name set by an authenticating reverse proxy, believed only from its
//! configured addresses. See the README's threat model.

use std::net::IpAddr;

use http::HeaderMap;
use sha2::{Digest, Sha256};

use crate::awserror::{AwsError, AUTH_REQUIRED};
use crate::config::AuthConfig;

/// An authenticated caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Caller {
    /// The token's name or the header's user.
    pub(crate) who: String,
    /// `token` or `header`.
    pub(crate) via: &'static str,
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The caller, `Ok(None)` when the request carries no identity at all.
///
/// # Errors
/// 401 `GatewayAuthenticationRequired` for a token that matches none (never repeated), or a
/// trusted header from a peer that may not set it.
pub(crate) fn authenticate(
    auth: &AuthConfig,
    headers: &HeaderMap,
    peer: IpAddr,
) -> Result<Option<Caller>, AwsError> {
    if let Some(value) = headers.get(http::header::AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let Some(token) = token else {
            return Err(AwsError::new(
                401,
                AUTH_REQUIRED,
                "the gateway takes Authorization: Bearer <token> from the portal, not AWS signatures: the browser holds no AWS keys",
            ));
        };
        let digest: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        // Every rule is compared, so the time taken does not tell which one nearly matched.
        let mut found = None;
        for rule in &auth.tokens {
            if constant_time_eq(&rule.sha256, &digest) && found.is_none() {
                found = Some(rule.name.clone());
            }
        }
        return match found {
            Some(who) => Ok(Some(Caller { who, via: "token" })),
            None => Err(AwsError::new(
                401,
                AUTH_REQUIRED,
                "the bearer token is not one the gateway accepts",
            )),
        };
    }
    if let Some(name) = &auth.trusted_header {
        if let Some(value) = headers.get(name.as_str()) {
            if !auth.trusted_peers.iter().any(|r| r.contains(peer)) {
                return Err(AwsError::new(
                    401,
                    AUTH_REQUIRED,
                    format!("{name} is accepted only from the gateway's trusted reverse proxy"),
                ));
            }
            let user = value.to_str().unwrap_or("").trim();
            let ok = !user.is_empty() && user.len() <= 256 && user.chars().all(|c| !c.is_control());
            if !ok {
                return Err(AwsError::new(
                    401,
                    AUTH_REQUIRED,
                    format!("{name} names no user"),
                ));
            }
            return Ok(Some(Caller {
                who: user.to_owned(),
                via: "header",
            }));
        }
    }
    Ok(None)
}

/// What to say to a request without identity.
pub(crate) fn required() -> AwsError {
    AwsError::new(
        401,
        AUTH_REQUIRED,
        "sign in to the portal: the gateway needs its bearer token or session",
    )
}
