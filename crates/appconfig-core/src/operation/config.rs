//! Where requests go: the client configuration (region, endpoint, proxy or gateway), resolved
//! once into a [`Target`] that builds signed requests (or, for a gateway, unsigned ones).

use std::time::SystemTime;

use super::{Operation, SERVICE};
use crate::endpoint::{resolve_endpoint, EndpointParams};
use crate::http::HttpRequest;
use crate::sign::{Credentials, Signer, SigningOptions};
use crate::{error::ConfigField, validate, Error};

/// How to reach AppConfig.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientConfig {
    /// The AWS region; required unless `endpoint` is set (then it is only the signing region,
    /// `us-east-1` when absent).
    pub region: Option<String>,
    /// Use the FIPS endpoint.
    pub use_fips: bool,
    /// Use the dual-stack endpoint.
    pub use_dual_stack: bool,
    /// Send to and sign for this URL (simulator, VPC endpoint), like the SDKs' `endpoint`.
    pub endpoint: Option<String>,
    /// Sign for the regional AWS host but send to this base URL, which forwards the request
    /// unchanged (browsers: AppConfig sends no CORS headers).
    pub proxy: Option<String>,
    /// Send unsigned requests to this gateway base URL, which signs them for `account` on its
    /// side: no AWS credentials in the client. Exclusive with `endpoint` and `proxy`; needs
    /// `account` and `region`.
    pub gateway: Option<String>,
    /// The account alias (from the gateway's configuration) the gateway signs for:
    /// `[A-Za-z0-9_-]{1,64}`. Only with `gateway`.
    pub account: Option<String>,
}

/// How a [`Target`] reaches AppConfig.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TargetMode {
    /// The regional AWS host (or an `endpoint`), signed for the host it is sent to.
    Direct,
    /// Signed for the regional AWS host, sent through a forwarding proxy.
    Proxy,
    /// Unsigned, to a gateway that signs for the account (named in `send_base`) itself.
    Gateway,
}

/// Where requests are signed for and sent to, resolved once from a [`ClientConfig`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The signing region.
    pub region: String,
    /// The base URL the signature covers.
    pub signing_base: String,
    /// The base URL requests go to (for a gateway: `{gateway}/v1/{account}/{region}/appconfig`,
    /// which is also `signing_base`, as nothing is signed).
    pub send_base: String,
    /// Direct, proxied or through a gateway.
    pub mode: TargetMode,
}

/// The header a proxy reads to know which AppConfig host to forward to (not signed; the
/// signature covers `host`, which the proxy sets from it).
pub const UPSTREAM_HOST_HEADER: &str = "x-appconfig-upstream-host";

impl ClientConfig {
    /// Resolves where requests are signed for and sent to.
    ///
    /// # Errors
    /// [`Error::InvalidEndpoint`] or [`Error::InvalidInput`] (region) when the configuration is unusable.
    pub fn resolve(&self) -> Result<Target, Error> {
        if let Some(gateway) = &self.gateway {
            #[cfg(feature = "gateway")]
            return self.resolve_gateway(gateway);
            #[cfg(not(feature = "gateway"))]
            {
                let _ = gateway;
                return Err(gateway_error(
                    ConfigField::Gateway,
                    "gateway is not built in (appconfig-core's `gateway` feature)",
                ));
            }
        }
        if self.account.is_some() {
            return Err(gateway_error(
                ConfigField::Account,
                "account is only used with gateway",
            ));
        }
        if self.endpoint.is_some() && self.proxy.is_some() {
            return Err(Error::InvalidEndpoint {
                field: ConfigField::Proxy,
                reason: "set either endpoint or proxy, not both".into(),
            });
        }
        if let Some(region) = &self.region {
            validate::region(region)?;
        }
        let signing_base = resolve_endpoint(&EndpointParams {
            region: self.region.clone(),
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            endpoint: self.endpoint.clone(),
        })?;
        let (send_base, mode) = match &self.proxy {
            Some(p) => {
                validate::base_url(p, ConfigField::Proxy)?;
                (p.trim_end_matches('/').to_owned(), TargetMode::Proxy)
            }
            None => (signing_base.clone(), TargetMode::Direct),
        };
        Ok(Target {
            region: self
                .region
                .clone()
                .unwrap_or_else(|| "us-east-1".to_owned()),
            signing_base,
            send_base,
            mode,
        })
    }

    #[cfg(feature = "gateway")]
    fn resolve_gateway(&self, gateway: &str) -> Result<Target, Error> {
        // Fixed messages, no formatting: the npm package's .wasm pays for every byte.
        if self.endpoint.is_some() || self.proxy.is_some() || self.use_fips || self.use_dual_stack {
            return Err(gateway_error(
                ConfigField::Gateway,
                "set gateway alone, without endpoint, proxy, FIPS or dual-stack",
            ));
        }
        validate::base_url(gateway, ConfigField::Gateway)?;
        validate::account_alias(self.account.as_deref().unwrap_or(""))?;
        let region = match self.region.as_deref() {
            Some(r) if !r.is_empty() => r,
            _ => {
                return Err(gateway_error(
                    ConfigField::Region,
                    "region is required with gateway",
                ))
            }
        };
        let base = self.gateway_base(gateway, region, SERVICE)?;
        Ok(Target {
            region: region.to_owned(),
            signing_base: base.clone(),
            send_base: base,
            mode: TargetMode::Gateway,
        })
    }
}

#[cfg(feature = "gateway")]
impl ClientConfig {
    /// `{gateway}/v1/{account}/{region}/{service}`: where a gateway takes `service`'s requests
    /// for `region` (checked; the rest of the configuration was, by [`ClientConfig::resolve`]).
    pub(crate) fn gateway_base(
        &self,
        gateway: &str,
        region: &str,
        service: &str,
    ) -> Result<String, Error> {
        let account = self.account.as_deref().unwrap_or("");
        validate::region(region)?;
        Ok([
            gateway.trim_end_matches('/'),
            "/v1/",
            account,
            "/",
            region,
            "/",
            service,
        ]
        .concat())
    }
}

fn gateway_error(field: ConfigField, reason: &str) -> Error {
    Error::InvalidEndpoint {
        field,
        reason: reason.into(),
    }
}

impl Target {
    /// True when sending through a proxy to another host than the signed one.
    pub fn is_proxied(&self) -> bool {
        self.mode == TargetMode::Proxy
    }

    /// True when requests go unsigned to a gateway (no credentials needed).
    pub fn is_gateway(&self) -> bool {
        self.mode == TargetMode::Gateway
    }

    /// Validates `op` and builds its unsigned request to the gateway: the exact AppConfig
    /// request (method, path, query, headers) under the gateway's base, with no
    /// `Authorization` and no `x-amz-*` header.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the input breaks a rule; [`Error::InvalidEndpoint`]
    /// ([`ConfigField::Gateway`]) when this target is not a gateway, as only a gateway takes
    /// unsigned requests.
    pub fn build_unsigned_request<O: Operation>(&self, op: &O) -> Result<HttpRequest, Error> {
        op.validate()?;
        if !self.is_gateway() {
            return Err(Error::InvalidEndpoint {
                field: ConfigField::Gateway,
                reason: "only a gateway takes unsigned requests: set gateway and account".into(),
            });
        }
        Ok(self.unsigned_request(O::METHOD, &op.path_and_query(), op.headers()))
    }

    /// The request `method path_and_query` with `headers` addressed to the send base, unsigned:
    /// what [`Target::build_unsigned_request`] does after validating.
    pub fn unsigned_request(
        &self,
        method: &str,
        path_and_query: &str,
        headers: Vec<(String, String)>,
    ) -> HttpRequest {
        HttpRequest {
            method: method.to_owned(),
            url: [self.send_base.as_str(), path_and_query].concat(),
            headers,
            body: Vec::new(),
        }
    }

    /// Validates `op`, builds its request and signs it at `time`.
    ///
    /// Through a gateway the request is built unsigned and `credentials` are not read, so they
    /// never reach the gateway.
    ///
    /// This derives the signing key each time; a client that sends more than one request
    /// keeps a [`Signer`] and calls [`Target::build_request_with`].
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the input breaks a rule (nothing is signed), [`Error::Signing`].
    pub fn build_request<O: Operation>(
        &self,
        op: &O,
        credentials: &Credentials,
        time: SystemTime,
    ) -> Result<HttpRequest, Error> {
        self.build_request_with(&mut Signer::new(), op, credentials, time)
    }

    /// As [`Target::build_request`], signing with `signer`, which keeps the signing key for the
    /// next requests.
    ///
    /// # Errors
    /// As [`Target::build_request`].
    pub fn build_request_with<O: Operation>(
        &self,
        signer: &mut Signer,
        op: &O,
        credentials: &Credentials,
        time: SystemTime,
    ) -> Result<HttpRequest, Error> {
        op.validate()?;
        self.signed_request(
            signer,
            O::METHOD,
            &op.path_and_query(),
            op.headers(),
            credentials,
            time,
        )
    }

    /// The request `method path_and_query` with `headers`, signed with `signer` for the signing
    /// base and addressed to the send base (with [`UPSTREAM_HOST_HEADER`] when proxied): what
    /// [`Target::build_request_with`] does after validating, for a caller that validated the
    /// input before (the npm package validates once per call and signs once per attempt).
    ///
    /// # Errors
    /// [`Error::Signing`] (and [`Error::InvalidInput`] for empty credentials).
    ///
    /// Through a gateway the request is unsigned and `credentials` are not read.
    pub fn signed_request(
        &self,
        signer: &mut Signer,
        method: &str,
        path_and_query: &str,
        headers: Vec<(String, String)>,
        credentials: &Credentials,
        time: SystemTime,
    ) -> Result<HttpRequest, Error> {
        #[cfg(feature = "gateway")]
        if self.is_gateway() {
            return Ok(self.unsigned_request(method, path_and_query, headers));
        }
        let mut req = HttpRequest {
            method: method.to_owned(),
            url: [self.signing_base.as_str(), path_and_query].concat(),
            headers,
            body: Vec::new(),
        };
        let signed = signer.sign(
            &req,
            credentials,
            &self.region,
            SERVICE,
            time,
            SigningOptions::default(),
        )?;
        req.headers.extend(signed.headers);
        if self.is_proxied() {
            // `sign` has read this URL already: it parses.
            let host = crate::url::Url::parse(&req.url)
                .map(|u| u.host_header())
                .unwrap_or_default();
            req.headers.push((UPSTREAM_HOST_HEADER.to_owned(), host));
            req.url = [self.send_base.as_str(), path_and_query].concat();
        }
        Ok(req)
    }
}
