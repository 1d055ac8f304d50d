//! Where requests go: the client configuration (region, endpoint or proxy), resolved once into a
//! [`Target`] that builds signed requests.

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
}

/// Where requests are signed for and sent to, resolved once from a [`ClientConfig`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The signing region.
    pub region: String,
    /// The base URL the signature covers.
    pub signing_base: String,
    /// The base URL requests go to.
    pub send_base: String,
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
        let send_base = match &self.proxy {
            Some(p) => {
                validate::base_url(p, ConfigField::Proxy)?;
                p.trim_end_matches('/').to_owned()
            }
            None => signing_base.clone(),
        };
        Ok(Target {
            region: self
                .region
                .clone()
                .unwrap_or_else(|| "us-east-1".to_owned()),
            signing_base,
            send_base,
        })
    }
}

impl Target {
    /// True when sending through a proxy to another host than the signed one.
    pub fn is_proxied(&self) -> bool {
        self.send_base != self.signing_base
    }

    /// Validates `op`, builds its request and signs it at `time`.
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
    pub fn signed_request(
        &self,
        signer: &mut Signer,
        method: &str,
        path_and_query: &str,
        headers: Vec<(String, String)>,
        credentials: &Credentials,
        time: SystemTime,
    ) -> Result<HttpRequest, Error> {
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
