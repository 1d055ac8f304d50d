//! Proxy mode: forwards read-only AppConfig calls, signed in the browser for the regional AWS
//! host, to that host unchanged, and adds CORS headers to the answer. Nothing else is forwarded,
//! so it is no open relay.

use appconfig_core::operation::UPSTREAM_HOST_HEADER;
use bytes::Bytes;
use http::header::HeaderValue;
use http::{Method, Request, Response, StatusCode};
use serde_json::json;

use crate::api;
use crate::awserror::ApiError;
use crate::http::{
    error_response, host_of, is_loopback_host, json_response, origin_authority, preflight, Body,
};
use crate::state::Shared;

/// The largest upstream response passed on.
const MAX_RESPONSE: usize = 10 * 1024 * 1024;

/// True for AppConfig control-plane hosts:
/// `appconfig[-fips].{region}.{amazonaws.com|api.aws|amazonaws.com.cn|api.amazonwebservices.com.cn}`.
pub(crate) fn is_appconfig_host(host: &str) -> bool {
    is_service_host(host, "appconfig")
}

/// True for CloudWatch hosts (`monitoring[-fips].{region}.{domain}`), the same partitions.
pub(crate) fn is_cloudwatch_host(host: &str) -> bool {
    is_service_host(host, "monitoring")
}

/// The two CloudWatch reads the dashboard makes: the only CloudWatch calls forwarded.
const CLOUDWATCH_READS: &[&str] = &[
    "GraniteServiceVersion20100801.DescribeAlarms",
    "GraniteServiceVersion20100801.DescribeAlarmHistory",
];

fn is_service_host(host: &str, service: &str) -> bool {
    let rest = host
        .strip_prefix(service)
        .and_then(|r| r.strip_prefix("-fips.").or_else(|| r.strip_prefix('.')));
    let Some(rest) = rest else { return false };
    let Some((region, domain)) = rest.split_once('.') else {
        return false;
    };
    let region_ok = !region.is_empty()
        && region.len() <= 30
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !region.starts_with('-')
        && !region.ends_with('-');
    region_ok
        && matches!(
            domain,
            "amazonaws.com" | "api.aws" | "amazonaws.com.cn" | "api.amazonwebservices.com.cn"
        )
}

/// The `Access-Control-Allow-Origin` the proxy answers a request's `Origin` with: `*` without
/// one (not a browser), the origin itself for a loopback origin or one given with
/// `--allow-origin`; `None` refuses the request (serving every origin let any web page use a
/// running proxy).
pub(crate) fn cors(allowed: &[String], origin: Option<&HeaderValue>) -> Option<HeaderValue> {
    let Some(origin) = origin else {
        return Some(HeaderValue::from_static("*"));
    };
    let text = origin.to_str().ok()?.to_ascii_lowercase();
    let loopback = origin_authority(&text).is_some_and(|a| is_loopback_host(host_of(a)));
    (loopback || allowed.contains(&text)).then(|| origin.clone())
}

/// The answer to a request from an origin the proxy does not serve (with no CORS headers, so
/// the page cannot read it either).
pub(crate) fn refuse_origin(origin: Option<&HeaderValue>) -> Response<Body> {
    let shown: String = origin
        .and_then(|o| o.to_str().ok())
        .unwrap_or("?")
        .chars()
        .take(100)
        .collect();
    refuse(format!(
        "appconfig-sim proxy: pages of {shown} are not served; start the proxy with --allow-origin {shown} to serve them (loopback origins always are)"
    ))
}

fn refuse(message: impl Into<String>) -> Response<Body> {
    error_response(&ApiError::new(403, "AccessDeniedException", message))
}

const HOP_BY_HOP: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

fn forwardable_request_header(name: &str) -> bool {
    !(HOP_BY_HOP.contains(&name)
        || name == "host"
        || name == "content-length"
        || name == "origin"
        || name == "referer"
        || name == "cookie"
        || name.starts_with("sec-")
        || name == UPSTREAM_HOST_HEADER)
}

/// Forwards a read-only AppConfig call (or one of the two CloudWatch reads), or refuses it.
pub(crate) async fn dispatch(
    shared: &Shared,
    upstream: Option<&str>,
    req: Request<Bytes>,
) -> Response<Body> {
    if req.method() == Method::OPTIONS {
        return preflight(req.headers().get("access-control-request-headers"));
    }
    let path = req.uri().path().to_owned();
    if req.method() == Method::GET && path == "/_sim/health" {
        return json_response(200, &json!({"status": "ok", "proxy": true}));
    }
    let Some(host) = req
        .headers()
        .get(UPSTREAM_HOST_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(|h| h.trim().to_ascii_lowercase())
    else {
        return refuse(format!(
            "appconfig-sim proxy: the {UPSTREAM_HOST_HEADER} header naming the AppConfig host is required"
        ));
    };
    let cloudwatch = is_cloudwatch_host(&host);
    if !is_appconfig_host(&host) && !cloudwatch {
        return refuse(format!(
            "appconfig-sim proxy: {host} is not an AppConfig or CloudWatch host; only appconfig[-fips].<region>.amazonaws.com, monitoring[-fips].<region>.amazonaws.com and their partitions are forwarded"
        ));
    }
    let read_only = if cloudwatch {
        // DescribeAlarms and DescribeAlarmHistory in the json protocol, nothing that writes.
        req.method() == Method::POST
            && path == "/"
            && req
                .headers()
                .get("x-amz-target")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|t| CLOUDWATCH_READS.contains(&t))
    } else {
        req.method() == Method::GET
            && matches!(api::route("GET", &path), Ok(Some(r)) if r.is_read_only())
    };
    if !read_only {
        return refuse(format!(
            "appconfig-sim proxy: only read-only AppConfig calls (GET) and CloudWatch DescribeAlarms/DescribeAlarmHistory are forwarded, not {} {}",
            req.method(),
            path.chars().take(200).collect::<String>()
        ));
    }
    let Some(client) = &shared.client else {
        return error_response(&ApiError::new(
            500,
            "InternalServerException",
            "proxy client missing",
        ));
    };
    let path_and_query = req
        .uri()
        .path_and_query()
        .map_or_else(|| path.clone(), |p| p.as_str().to_owned());
    let base = upstream.map_or_else(|| format!("https://{host}"), str::to_owned);
    let url = format!("{base}{path_and_query}");
    let mut out = if cloudwatch {
        client.post(&url).body(req.body().clone())
    } else {
        client.get(&url)
    };
    for (name, value) in req.headers() {
        if forwardable_request_header(name.as_str()) {
            out = out.header(name, value);
        }
    }
    out = out.header(http::header::HOST, host.as_str());
    let resp = match out.send().await {
        Ok(r) => r,
        Err(e) => {
            let why = if e.is_timeout() {
                "timed out"
            } else if e.is_connect() {
                "could not connect"
            } else {
                "failed"
            };
            return error_response(&ApiError::new(
                502,
                "BadGatewayException",
                format!("appconfig-sim proxy: the request to {host} {why}"),
            ));
        }
    };
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = match read_limited(resp).await {
        Ok(b) => b,
        Err(e) => return error_response(&e),
    };
    let mut r = Response::new(body);
    *r.status_mut() = StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
    for (name, value) in &headers {
        let n = name.as_str();
        // Cookies an upstream sets are not the page's business (they would reach whatever
        // page uses the proxy); its `Date` passes
        // through unchanged, so a client behind the proxy corrects its clock by AWS's.
        if HOP_BY_HOP.contains(&n)
            || n == "content-length"
            || n == "set-cookie"
            || n.starts_with("access-control-")
        {
            continue;
        }
        if let Ok(v) = HeaderValue::from_bytes(value.as_bytes()) {
            r.headers_mut().append(name.clone(), v);
        }
    }
    r
}

async fn read_limited(mut resp: reqwest::Response) -> Result<Bytes, ApiError> {
    let mut buf = Vec::new();
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                if buf.len() + chunk.len() > MAX_RESPONSE {
                    return Err(ApiError::new(
                        502,
                        "BadGatewayException",
                        "appconfig-sim proxy: the upstream response is too large",
                    ));
                }
                buf.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(Bytes::from(buf)),
            Err(_) => {
                return Err(ApiError::new(
                    502,
                    "BadGatewayException",
                    "appconfig-sim proxy: the upstream response could not be read",
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloudwatch_hosts() {
        assert!(is_cloudwatch_host("monitoring.eu-west-1.amazonaws.com"));
        assert!(is_cloudwatch_host("monitoring-fips.us-east-1.api.aws"));
        assert!(!is_cloudwatch_host(
            "monitoring.us-east-1.amazonaws.com.evil.com"
        ));
        assert!(!is_cloudwatch_host("appconfig.us-east-1.amazonaws.com"));
        assert!(!is_appconfig_host("monitoring.us-east-1.amazonaws.com"));
    }

    #[test]
    fn appconfig_hosts_only() {
        for ok in [
            "appconfig.us-east-1.amazonaws.com",
            "appconfig-fips.us-gov-west-1.amazonaws.com",
            "appconfig.eu-west-1.api.aws",
            "appconfig.cn-north-1.amazonaws.com.cn",
            "appconfig.cn-north-1.api.amazonwebservices.com.cn",
        ] {
            assert!(is_appconfig_host(ok), "{ok}");
        }
        for bad in [
            "example.com",
            "appconfig.us-east-1.amazonaws.com.evil.com",
            "appconfig.us-east-1.amazonaws.com:8080",
            "appconfigdata.us-east-1.amazonaws.com",
            "appconfig..amazonaws.com",
            "s3.us-east-1.amazonaws.com",
            "appconfig.us_east.amazonaws.com",
            "127.0.0.1",
        ] {
            assert!(!is_appconfig_host(bad), "{bad}");
        }
    }
}
