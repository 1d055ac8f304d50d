//! TOML → [`Config`]: the file's shape (unknown keys are mistakes), then each value's rules,
//! each error with the line of the value it is about.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

use super::{
    Account, ActionRule, AuditTarget, AuthConfig, CacheConfig, Config, CredentialSource, Limits,
    PeerRange, TokenRule,
};
use crate::GatewayError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    listen: Option<Spanned<String>>,
    #[serde(default)]
    allowed_origins: Vec<Spanned<String>>,
    #[serde(default)]
    public_reads: bool,
    audit_log: Option<String>,
    #[serde(default)]
    auth: RawAuth,
    #[serde(default)]
    cache: RawCache,
    #[serde(default)]
    limits: RawLimits,
    #[serde(default)]
    accounts: BTreeMap<Spanned<String>, RawAccount>,
    #[serde(default)]
    actions: Vec<Spanned<RawAction>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawAuth {
    #[serde(default)]
    tokens: Vec<Spanned<RawToken>>,
    trusted_header: Option<Spanned<String>>,
    #[serde(default)]
    trusted_peers: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawToken {
    name: String,
    sha256: Option<String>,
    env: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCache {
    running_seconds: Option<Spanned<f64>>,
    finished_seconds: Option<Spanned<f64>>,
    list_seconds: Option<Spanned<f64>>,
    max_entries: Option<usize>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLimits {
    request_timeout_seconds: Option<Spanned<f64>>,
    upstream_timeout_seconds: Option<Spanned<f64>>,
    header_timeout_seconds: Option<Spanned<f64>>,
    max_concurrent_requests: Option<Spanned<usize>>,
    max_connections: Option<Spanned<usize>>,
    max_request_body: Option<usize>,
    max_response_body: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAccount {
    region: Option<Spanned<String>>,
    #[serde(default)]
    regions: Vec<Spanned<String>>,
    endpoint: Option<Spanned<String>>,
    credentials: Option<Spanned<RawCredentials>>,
    upstream_rate: Option<Spanned<f64>>,
    upstream_burst: Option<Spanned<u32>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCredentials {
    profile: Option<String>,
    role_arn: Option<String>,
    external_id: Option<String>,
    session_name: Option<String>,
    config_file: Option<PathBuf>,
    credentials_file: Option<PathBuf>,
    sts_endpoint: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAction {
    account: String,
    application: String,
    environment: String,
    #[serde(default = "yes")]
    revert: bool,
}

fn yes() -> bool {
    true
}

/// 1-based line of byte `offset`.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

struct Ctx<'a> {
    text: &'a str,
    file: &'a str,
}

impl Ctx<'_> {
    fn err_at(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> GatewayError {
        GatewayError::Config {
            file: self.file.to_owned(),
            line: Some(line_of(self.text, span.start)),
            message: message.into(),
        }
    }

    fn err(&self, message: impl Into<String>) -> GatewayError {
        GatewayError::Config {
            file: self.file.to_owned(),
            line: None,
            message: message.into(),
        }
    }

    fn seconds(
        &self,
        v: &Option<Spanned<f64>>,
        name: &str,
        default: Duration,
    ) -> Result<Duration, GatewayError> {
        match v {
            None => Ok(default),
            Some(s) => {
                let n = *s.get_ref();
                if !(0.0..=86_400.0).contains(&n) || n.is_nan() {
                    return Err(self.err_at(
                        s.span(),
                        format!("{name} must be between 0 and 86400 seconds"),
                    ));
                }
                Ok(Duration::from_secs_f64(n))
            }
        }
    }
}

pub(super) fn parse(
    text: &str,
    file: &str,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Config, GatewayError> {
    let cx = Ctx { text, file };
    let raw: Raw = toml::from_str(text).map_err(|e| GatewayError::Config {
        file: file.to_owned(),
        line: e.span().map(|s| line_of(text, s.start)),
        message: e.message().trim().to_owned(),
    })?;
    let listen = match &raw.listen {
        None => SocketAddr::from(([127, 0, 0, 1], 4020)),
        Some(l) => l.get_ref().parse().map_err(|_| {
            cx.err_at(
                l.span(),
                format!(
                    "listen {:?} is not an address such as 127.0.0.1:4020",
                    l.get_ref()
                ),
            )
        })?,
    };
    let mut allowed_origins = Vec::new();
    for o in &raw.allowed_origins {
        let origin = o.get_ref().trim_end_matches('/').to_ascii_lowercase();
        let ok = origin.split_once("://").is_some_and(|(scheme, rest)| {
            matches!(scheme, "http" | "https")
                && !rest.is_empty()
                && !rest.contains(['/', '@', '?', '#', '*'])
        });
        if !ok {
            return Err(cx.err_at(
                o.span(),
                format!("allowed origin {:?} must be scheme://host[:port], such as https://portal.example", o.get_ref()),
            ));
        }
        allowed_origins.push(origin);
    }
    let auth = auth(&cx, raw.auth, env)?;
    let cache = CacheConfig {
        running: cx.seconds(
            &raw.cache.running_seconds,
            "running_seconds",
            CacheConfig::default().running,
        )?,
        finished: cx.seconds(
            &raw.cache.finished_seconds,
            "finished_seconds",
            CacheConfig::default().finished,
        )?,
        lists: cx.seconds(
            &raw.cache.list_seconds,
            "list_seconds",
            CacheConfig::default().lists,
        )?,
        max_entries: raw
            .cache
            .max_entries
            .unwrap_or(CacheConfig::default().max_entries),
    };
    let d = Limits::default();
    let positive = |v: &Option<Spanned<usize>>, name: &str, default: usize| match v {
        Some(s) if *s.get_ref() == 0 => {
            Err(cx.err_at(s.span(), format!("{name} must be at least 1")))
        }
        Some(s) => Ok(*s.get_ref()),
        None => Ok(default),
    };
    let limits = Limits {
        request_timeout: cx.seconds(
            &raw.limits.request_timeout_seconds,
            "request_timeout_seconds",
            d.request_timeout,
        )?,
        upstream_timeout: cx.seconds(
            &raw.limits.upstream_timeout_seconds,
            "upstream_timeout_seconds",
            d.upstream_timeout,
        )?,
        header_timeout: cx.seconds(
            &raw.limits.header_timeout_seconds,
            "header_timeout_seconds",
            d.header_timeout,
        )?,
        max_concurrent_requests: positive(
            &raw.limits.max_concurrent_requests,
            "max_concurrent_requests",
            d.max_concurrent_requests,
        )?,
        max_connections: positive(
            &raw.limits.max_connections,
            "max_connections",
            d.max_connections,
        )?,
        max_request_body: raw.limits.max_request_body.unwrap_or(d.max_request_body),
        max_response_body: raw.limits.max_response_body.unwrap_or(d.max_response_body),
    };
    let mut accounts = BTreeMap::new();
    for (alias, a) in raw.accounts {
        let account = account(&cx, &alias, a)?;
        accounts.insert(account.alias.clone(), account);
    }
    if accounts.is_empty() {
        return Err(cx.err("no accounts: add an [accounts.ALIAS] table with its region"));
    }
    let mut actions = Vec::new();
    for a in raw.actions {
        let span = a.span();
        let a = a.into_inner();
        if !accounts.contains_key(&a.account) {
            return Err(cx.err_at(
                span,
                format!(
                    "action names account {:?}, which is not under [accounts]",
                    a.account
                ),
            ));
        }
        if a.application.is_empty() || a.environment.is_empty() {
            return Err(cx.err_at(
                span,
                "action needs an application id and an environment id (or \"*\")",
            ));
        }
        actions.push(ActionRule {
            account: a.account,
            application: a.application,
            environment: a.environment,
            revert: a.revert,
        });
    }
    let audit = match raw.audit_log.as_deref() {
        None | Some("stderr") => AuditTarget::Stderr,
        Some("-" | "stdout") => AuditTarget::Stdout,
        Some(path) => AuditTarget::File(PathBuf::from(path)),
    };
    Ok(Config {
        listen,
        allowed_origins,
        public_reads: raw.public_reads,
        auth,
        audit,
        cache,
        limits,
        accounts,
        actions,
    })
}

fn auth(
    cx: &Ctx<'_>,
    raw: RawAuth,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<AuthConfig, GatewayError> {
    let mut tokens = Vec::new();
    for t in raw.tokens {
        let span = t.span();
        let t = t.into_inner();
        let sha256 = match (&t.sha256, &t.env) {
            (Some(hex), None) => parse_hex32(hex).ok_or_else(|| {
                cx.err_at(
                    span.clone(),
                    format!(
                        "token {:?}: sha256 must be 64 hex digits (sha256sum of the token)",
                        t.name
                    ),
                )
            })?,
            (None, Some(var)) => {
                let value = env(var).filter(|v| !v.trim().is_empty()).ok_or_else(|| {
                    cx.err_at(
                        span.clone(),
                        format!("token {:?}: environment variable {var} is not set", t.name),
                    )
                })?;
                if value.len() < 16 {
                    return Err(cx.err_at(
                        span,
                        format!(
                            "token {:?}: the token in {var} is shorter than 16 characters",
                            t.name
                        ),
                    ));
                }
                Sha256::digest(value.trim().as_bytes()).into()
            }
            _ => {
                return Err(cx.err_at(
                    span,
                    format!("token {:?}: give exactly one of sha256 or env", t.name),
                ));
            }
        };
        if t.name.is_empty() {
            return Err(cx.err_at(
                span,
                "token needs a name (who presents it, for the audit log)",
            ));
        }
        tokens.push(TokenRule {
            name: t.name,
            sha256,
        });
    }
    let trusted_header = match raw.trusted_header {
        None => None,
        Some(h) => {
            let name = h.get_ref().to_ascii_lowercase();
            if http::HeaderName::from_bytes(name.as_bytes()).is_err()
                || name == "authorization"
                || name == "cookie"
            {
                return Err(cx.err_at(
                    h.span(),
                    format!(
                        "trusted_header {:?} is not a usable header name",
                        h.get_ref()
                    ),
                ));
            }
            Some(name)
        }
    };
    let mut trusted_peers = Vec::new();
    for p in &raw.trusted_peers {
        trusted_peers.push(PeerRange::parse(p.get_ref()).ok_or_else(|| {
            cx.err_at(
                p.span(),
                format!(
                    "trusted peer {:?} is not an address or CIDR range",
                    p.get_ref()
                ),
            )
        })?);
    }
    if trusted_header.is_some() && trusted_peers.is_empty() {
        return Err(cx.err("auth.trusted_header needs auth.trusted_peers: the addresses of the reverse proxy that sets it"));
    }
    Ok(AuthConfig {
        tokens,
        trusted_header,
        trusted_peers,
    })
}

fn parse_hex32(hex: &str) -> Option<[u8; 32]> {
    let hex = hex.trim();
    if hex.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

fn account(cx: &Ctx<'_>, alias: &Spanned<String>, a: RawAccount) -> Result<Account, GatewayError> {
    let name = alias.get_ref().clone();
    appconfig_core::validate::account_alias(&name).map_err(|_| {
        cx.err_at(
            alias.span(),
            format!("account alias {name:?} must be 1 to 64 letters, digits, '-' or '_'"),
        )
    })?;
    let mut regions = Vec::new();
    for r in a.region.iter().chain(a.regions.iter()) {
        appconfig_core::validate::region(r.get_ref()).map_err(|_| {
            cx.err_at(
                r.span(),
                format!(
                    "account {name}: {:?} is not a region name such as us-east-1",
                    r.get_ref()
                ),
            )
        })?;
        if !regions.contains(r.get_ref()) {
            regions.push(r.get_ref().clone());
        }
    }
    if regions.is_empty() {
        return Err(cx.err_at(
            alias.span(),
            format!("account {name} needs region = \"...\" (or regions = [...])"),
        ));
    }
    let endpoint = match a.endpoint {
        None => None,
        Some(e) => {
            appconfig_core::validate::base_url(
                e.get_ref(),
                appconfig_core::error::ConfigField::Endpoint,
            )
            .map_err(|err| cx.err_at(e.span(), format!("account {name}: {err}")))?;
            Some(e.get_ref().trim_end_matches('/').to_owned())
        }
    };
    let credentials = match a.credentials {
        None => CredentialSource::Default,
        Some(c) => {
            let span = c.span();
            let c = c.into_inner();
            match (c.role_arn, c.profile) {
                (Some(role_arn), source_profile) => {
                    if !role_arn.starts_with("arn:") {
                        return Err(cx.err_at(span, format!("account {name}: role_arn must be an ARN (arn:aws:iam::123456789012:role/NAME)")));
                    }
                    CredentialSource::AssumeRole {
                        role_arn,
                        external_id: c.external_id,
                        session_name: c
                            .session_name
                            .unwrap_or_else(|| "appconfig-gateway".to_owned()),
                        source_profile,
                        config_file: c.config_file,
                        credentials_file: c.credentials_file,
                        sts_endpoint: c.sts_endpoint,
                    }
                }
                (None, Some(profile)) => {
                    if c.external_id.is_some()
                        || c.session_name.is_some()
                        || c.sts_endpoint.is_some()
                    {
                        return Err(cx.err_at(span, format!("account {name}: external_id, session_name and sts_endpoint go with role_arn (put them in the profile for a profile's role)")));
                    }
                    CredentialSource::Profile {
                        name: profile,
                        config_file: c.config_file,
                        credentials_file: c.credentials_file,
                    }
                }
                (None, None) => {
                    return Err(cx.err_at(span, format!("account {name}: credentials needs profile or role_arn (leave the table out for the default chain)")));
                }
            }
        }
    };
    let upstream_rate = match a.upstream_rate {
        None => 10.0,
        Some(r) if *r.get_ref() > 0.0 && *r.get_ref() <= 10_000.0 => *r.get_ref(),
        Some(r) => {
            return Err(cx.err_at(
                r.span(),
                format!(
                    "account {name}: upstream_rate must be between 0 and 10000 requests per second"
                ),
            ))
        }
    };
    let upstream_burst = match a.upstream_burst {
        None => (upstream_rate * 2.0).ceil().max(1.0) as u32,
        Some(b) if *b.get_ref() >= 1 => *b.get_ref(),
        Some(b) => {
            return Err(cx.err_at(
                b.span(),
                format!("account {name}: upstream_burst must be at least 1"),
            ))
        }
    };
    Ok(Account {
        alias: name,
        regions,
        endpoint,
        credentials,
        upstream_rate,
        upstream_burst,
    })
}
