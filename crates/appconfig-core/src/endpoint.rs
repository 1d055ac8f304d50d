//! Region → endpoint, as botocore's `endpoint-rule-set-1.json` for AppConfig resolves it.

use crate::{error::ConfigField, validate, Error};

/// What the endpoint rules take.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EndpointParams {
    /// The AWS region (`us-east-1`).
    pub region: Option<String>,
    /// Use the FIPS endpoint.
    pub use_fips: bool,
    /// Use the dual-stack (IPv6) endpoint.
    pub use_dual_stack: bool,
    /// A custom endpoint URL that replaces the rules.
    pub endpoint: Option<String>,
}

pub(crate) struct Partition {
    /// `aws`, `aws-cn`, ...: what ARNs in this partition start with.
    pub(crate) name: &'static str,
    pub(crate) dns_suffix: &'static str,
    pub(crate) dual_stack_dns_suffix: &'static str,
    pub(crate) supports_fips: bool,
    pub(crate) supports_dual_stack: bool,
}

/// The partition of a region, by the patterns of AWS's `partitions.json`; unknown regions fall in `aws`.
pub(crate) fn partition(region: &str) -> Partition {
    let matches = |prefix: &str| -> bool {
        // `^{prefix}\-\w+\-\d+$`
        let Some(rest) = region.strip_prefix(prefix) else {
            return false;
        };
        let Some((middle, number)) = rest.rsplit_once('-') else {
            return false;
        };
        !middle.is_empty()
            && middle
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            && !number.is_empty()
            && number.chars().all(|c| c.is_ascii_digit())
    };
    let p = |name, dns, dual, fips, ds| Partition {
        name,
        dns_suffix: dns,
        dual_stack_dns_suffix: dual,
        supports_fips: fips,
        supports_dual_stack: ds,
    };
    if matches("cn-") || region == "aws-cn-global" {
        p(
            "aws-cn",
            "amazonaws.com.cn",
            "api.amazonwebservices.com.cn",
            true,
            true,
        )
    } else if matches("us-gov-") || region == "aws-us-gov-global" {
        p("aws-us-gov", "amazonaws.com", "api.aws", true, true)
    } else if matches("us-isob-") {
        p("aws-iso-b", "sc2s.sgov.gov", "sc2s.sgov.gov", true, false)
    } else if matches("us-isof-") {
        p("aws-iso-f", "csp.hci.ic.gov", "csp.hci.ic.gov", true, false)
    } else if matches("us-iso-") {
        p("aws-iso", "c2s.ic.gov", "c2s.ic.gov", true, false)
    } else if matches("eu-isoe-") {
        p("aws-iso-e", "cloud.adc-e.uk", "cloud.adc-e.uk", true, false)
    } else {
        p("aws", "amazonaws.com", "api.aws", true, true)
    }
}

/// Resolves the endpoint URL (no trailing slash) from the parameters, by the AppConfig rule set.
///
/// # Errors
/// [`Error::InvalidEndpoint`] with the rule set's message (`Invalid Configuration: Missing Region`,
/// `FIPS and custom endpoint are not supported`, ...), or [`Error::InvalidInput`] for a region
/// that is not a DNS label.
pub fn resolve_endpoint(params: &EndpointParams) -> Result<String, Error> {
    let err = |field: ConfigField, reason: &str| Error::InvalidEndpoint {
        field,
        reason: reason.to_owned(),
    };
    if let Some(endpoint) = &params.endpoint {
        if params.use_fips {
            return Err(err(
                ConfigField::Endpoint,
                "Invalid Configuration: FIPS and custom endpoint are not supported",
            ));
        }
        if params.use_dual_stack {
            return Err(err(
                ConfigField::Endpoint,
                "Invalid Configuration: Dualstack and custom endpoint are not supported",
            ));
        }
        validate::base_url(endpoint, ConfigField::Endpoint)?;
        return Ok(endpoint.trim_end_matches('/').to_owned());
    }
    let Some(region) = params.region.as_deref().filter(|r| !r.is_empty()) else {
        return Err(err(
            ConfigField::Region,
            "Invalid Configuration: Missing Region",
        ));
    };
    validate::region(region)?;
    let p = partition(region);
    let url = match (params.use_fips, params.use_dual_stack) {
        (true, true) => {
            if !(p.supports_fips && p.supports_dual_stack) {
                return Err(err(
                    ConfigField::Region,
                    "FIPS and DualStack are enabled, but this partition does not support one or both",
                ));
            }
            format!(
                "https://appconfig-fips.{region}.{}",
                p.dual_stack_dns_suffix
            )
        }
        (true, false) => {
            if !p.supports_fips {
                return Err(err(
                    ConfigField::Region,
                    "FIPS is enabled but this partition does not support FIPS",
                ));
            }
            if region == "us-gov-east-1" || region == "us-gov-west-1" {
                format!("https://appconfig.{region}.amazonaws.com")
            } else {
                format!("https://appconfig-fips.{region}.{}", p.dns_suffix)
            }
        }
        (false, true) => {
            if !p.supports_dual_stack {
                return Err(err(
                    ConfigField::Region,
                    "DualStack is enabled but this partition does not support DualStack",
                ));
            }
            format!("https://appconfig.{region}.{}", p.dual_stack_dns_suffix)
        }
        (false, false) => format!("https://appconfig.{region}.{}", p.dns_suffix),
    };
    Ok(url)
}

/// The AppConfig regions, for pickers (free text stays allowed).
pub const KNOWN_REGIONS: &[&str] = &[
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "af-south-1",
    "ap-east-1",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-7",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-south-1",
    "eu-south-2",
    "eu-north-1",
    "il-central-1",
    "me-south-1",
    "me-central-1",
    "mx-central-1",
    "sa-east-1",
    "cn-north-1",
    "cn-northwest-1",
    "us-gov-east-1",
    "us-gov-west-1",
];
