//! Where CloudWatch requests go: the endpoint from botocore's `cloudwatch` rule set for the
//! alarm's own region, with the client's endpoint or proxy mode, and the signed `json` request.

use std::time::SystemTime;

use super::input::CloudWatchOperation;
use crate::endpoint::{partition, EndpointParams};
use crate::http::HttpRequest;
use crate::operation::{ClientConfig, TargetMode, UPSTREAM_HOST_HEADER};
use crate::sign::{Credentials, Signer, SigningOptions};
use crate::{error::ConfigField, validate, Error};

/// The SigV4 service name of CloudWatch.
pub const CLOUDWATCH_SERVICE: &str = "monitoring";

/// The `json` protocol's target prefix (`X-Amz-Target: GraniteServiceVersion20100801.Op`).
pub const TARGET_PREFIX: &str = "GraniteServiceVersion20100801";

/// Resolves CloudWatch's endpoint (no trailing slash) as its rule set does: the AppConfig rules
/// with `monitoring` for `appconfig`, and FIPS in AWS GovCloud on the plain host.
///
/// # Errors
/// [`Error::InvalidEndpoint`] with the rule set's message, [`Error::InvalidInput`] for a bad
/// region.
pub fn resolve_cloudwatch_endpoint(params: &EndpointParams) -> Result<String, Error> {
    if params.endpoint.is_some() {
        // The custom-endpoint rules are the same as AppConfig's.
        return crate::endpoint::resolve_endpoint(params);
    }
    let err = |reason: &str| Error::InvalidEndpoint {
        field: ConfigField::Region,
        reason: reason.to_owned(),
    };
    let Some(region) = params.region.as_deref().filter(|r| !r.is_empty()) else {
        return Err(err("Invalid Configuration: Missing Region"));
    };
    validate::region(region)?;
    let p = partition(region);
    Ok(match (params.use_fips, params.use_dual_stack) {
        (true, ds) if p.name == "aws-us-gov" => {
            let suffix = if ds {
                p.dual_stack_dns_suffix
            } else {
                p.dns_suffix
            };
            format!("https://monitoring.{region}.{suffix}")
        }
        (true, true) if p.supports_fips && p.supports_dual_stack => {
            format!(
                "https://monitoring-fips.{region}.{}",
                p.dual_stack_dns_suffix
            )
        }
        (true, true) => {
            return Err(err(
                "FIPS and DualStack are enabled, but this partition does not support one or both",
            ))
        }
        (true, false) if p.supports_fips => {
            format!("https://monitoring-fips.{region}.{}", p.dns_suffix)
        }
        (true, false) => {
            return Err(err(
                "FIPS is enabled but this partition does not support FIPS",
            ))
        }
        (false, true) if p.supports_dual_stack => {
            format!("https://monitoring.{region}.{}", p.dual_stack_dns_suffix)
        }
        (false, true) => {
            return Err(err(
                "DualStack is enabled but this partition does not support DualStack",
            ))
        }
        (false, false) => format!("https://monitoring.{region}.{}", p.dns_suffix),
    })
}

/// The `json` protocol's content type.
pub const JSON_CONTENT_TYPE: &str = "application/x-amz-json-1.0";

/// Where CloudWatch requests for one region are signed for and sent to.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CloudWatchTarget {
    /// The signing region: the alarms' own.
    pub region: String,
    /// The base URL the signature covers.
    pub signing_base: String,
    /// The base URL requests go to (for a gateway: `{gateway}/v1/{account}/{region}/monitoring`,
    /// also `signing_base`, as nothing is signed).
    pub send_base: String,
    /// Direct, proxied or through a gateway.
    pub mode: TargetMode,
}

impl ClientConfig {
    /// Where to ask CloudWatch about alarms in `region` (the region of their ARNs), with this
    /// configuration's FIPS, dual-stack, endpoint and proxy choices: an `endpoint` (a simulator
    /// that serves both services) receives CloudWatch too; a `proxy` forwards to the regional
    /// CloudWatch host; a `gateway` takes the two reads unsigned and signs them for its account
    /// in `region`.
    ///
    /// # Errors
    /// As [`ClientConfig::resolve`].
    pub fn cloudwatch(&self, region: &str) -> Result<CloudWatchTarget, Error> {
        if let Some(gateway) = &self.gateway {
            // The same checks as AppConfig's target (alone, account, region; without the
            // `gateway` feature, its refusal), then the alarms' own region in the path.
            self.resolve()?;
            #[cfg(feature = "gateway")]
            {
                let base = self.gateway_base(gateway, region, CLOUDWATCH_SERVICE)?;
                return Ok(CloudWatchTarget {
                    region: region.to_owned(),
                    signing_base: base.clone(),
                    send_base: base,
                    mode: TargetMode::Gateway,
                });
            }
            #[cfg(not(feature = "gateway"))]
            let _ = gateway;
        }
        if self.endpoint.is_some() && self.proxy.is_some() {
            return Err(Error::InvalidEndpoint {
                field: ConfigField::Proxy,
                reason: "set either endpoint or proxy, not both".into(),
            });
        }
        validate::region(region)?;
        let signing_base = resolve_cloudwatch_endpoint(&EndpointParams {
            region: Some(region.to_owned()),
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
        Ok(CloudWatchTarget {
            region: region.to_owned(),
            signing_base,
            send_base,
            mode,
        })
    }
}

impl CloudWatchTarget {
    /// Validates `op`, builds its `json` protocol request (`POST /`, `X-Amz-Target`,
    /// `Content-Type: application/x-amz-json-1.0`, `x-amzn-query-mode: true` as botocore sends
    /// for this awsQueryCompatible service) and signs it at `time` for `monitoring`.
    ///
    /// Through a gateway the request is unsigned and `credentials` are not read:
    /// `POST {send_base}/{Operation}` with the same body and content type, the operation named
    /// in the path instead of `X-Amz-Target`, so that no `x-amz-*` header leaves the browser
    /// (the gateway rebuilds and signs the request for its account).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the input breaks a rule (nothing is signed), [`Error::Signing`].
    pub fn build_request<O: CloudWatchOperation>(
        &self,
        signer: &mut Signer,
        op: &O,
        credentials: &Credentials,
        time: SystemTime,
    ) -> Result<HttpRequest, Error> {
        op.validate()?;
        if self.mode == TargetMode::Gateway {
            return Ok(HttpRequest {
                method: "POST".to_owned(),
                url: [self.send_base.as_str(), "/", O::NAME].concat(),
                headers: vec![("content-type".to_owned(), JSON_CONTENT_TYPE.to_owned())],
                body: op.json_body(),
            });
        }
        let mut req = HttpRequest {
            method: "POST".to_owned(),
            url: [self.signing_base.as_str(), "/"].concat(),
            headers: vec![
                ("content-type".to_owned(), JSON_CONTENT_TYPE.to_owned()),
                (
                    "x-amz-target".to_owned(),
                    [TARGET_PREFIX, ".", O::NAME].concat(),
                ),
                ("x-amzn-query-mode".to_owned(), "true".to_owned()),
            ],
            body: op.json_body(),
        };
        let signed = signer.sign(
            &req,
            credentials,
            &self.region,
            CLOUDWATCH_SERVICE,
            time,
            SigningOptions::default(),
        )?;
        req.headers.extend(signed.headers);
        if self.send_base != self.signing_base {
            let host = crate::url::Url::parse(&req.url)
                .map(|u| u.host_header())
                .unwrap_or_default();
            req.headers.push((UPSTREAM_HOST_HEADER.to_owned(), host));
            req.url = [self.send_base.as_str(), "/"].concat();
        }
        Ok(req)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ep(region: &str, fips: bool, ds: bool) -> Result<String, Error> {
        resolve_cloudwatch_endpoint(&EndpointParams {
            region: Some(region.into()),
            use_fips: fips,
            use_dual_stack: ds,
            endpoint: None,
        })
    }

    #[test]
    fn endpoints_follow_the_cloudwatch_rule_set() {
        assert_eq!(
            ep("us-east-1", false, false).unwrap(),
            "https://monitoring.us-east-1.amazonaws.com"
        );
        assert_eq!(
            ep("us-east-1", true, false).unwrap(),
            "https://monitoring-fips.us-east-1.amazonaws.com"
        );
        assert_eq!(
            ep("us-east-1", true, true).unwrap(),
            "https://monitoring-fips.us-east-1.api.aws"
        );
        assert_eq!(
            ep("us-west-2", false, true).unwrap(),
            "https://monitoring.us-west-2.api.aws"
        );
        assert_eq!(
            ep("cn-north-1", false, false).unwrap(),
            "https://monitoring.cn-north-1.amazonaws.com.cn"
        );
        assert_eq!(
            ep("us-gov-west-1", true, false).unwrap(),
            "https://monitoring.us-gov-west-1.amazonaws.com"
        );
        assert_eq!(
            ep("us-gov-east-1", true, true).unwrap(),
            "https://monitoring.us-gov-east-1.api.aws"
        );
        assert_eq!(
            ep("us-iso-east-1", false, false).unwrap(),
            "https://monitoring.us-iso-east-1.c2s.ic.gov"
        );
        assert!(ep("us-iso-east-1", false, true).is_err());
    }

    #[test]
    fn a_proxy_gets_the_upstream_host() {
        let t = ClientConfig {
            proxy: Some("http://127.0.0.1:4011/".into()),
            ..Default::default()
        }
        .cloudwatch("eu-west-1")
        .unwrap();
        let creds = Credentials::new("AKIDEXAMPLE", "secret", None);
        let req = t
            .build_request(
                &mut Signer::new(),
                &super::super::DescribeAlarmsInput::by_names(["a"]),
                &creds,
                crate::DateTime::from_epoch_millis(1_714_566_896_000).to_system_time(),
            )
            .unwrap();
        assert_eq!(req.url, "http://127.0.0.1:4011/");
        assert_eq!(
            req.header(UPSTREAM_HOST_HEADER),
            Some("monitoring.eu-west-1.amazonaws.com")
        );
        assert!(req
            .header("authorization")
            .unwrap()
            .contains("/eu-west-1/monitoring/"));
    }
}
