//! `appconfig-gateway proxy`: the browser-signed pass-through for the clients' `proxy` mode (for
//! development, or where the browser holds credentials anyway). It forwards read-only AppConfig
//! calls, and CloudWatch's two alarm reads, signed in the browser for the regional AWS host (named
//! in `x-appconfig-upstream-host`), to that host unchanged, and adds CORS headers to the answer.
//! Nothing else is forwarded, so it is no open relay. The gateway's own mode, where the browser
//! signs nothing, is the one for production.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use appconfig_core::operation::UPSTREAM_HOST_HEADER;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use axum::Router;
use bytes::Bytes;
use http::header::HeaderValue;
use http::{HeaderMap, Method, StatusCode};
use http_body_util::BodyExt;
use tokio::net::TcpListener;

use crate::awserror::AwsError;
use crate::config::Limits;
use crate::preflight::preflight;
use crate::server::{serve, GatewayHandle};
use crate::GatewayError;

/// The default port of proxy mode.
pub const DEFAULT_PROXY_PORT: u16 = 4011;

/// How proxy mode runs.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ProxyConfig {
    /// Where to listen (loopback by default).
    pub listen: SocketAddr,
    /// Page origins served besides loopback ones (`https://portal.example`, lower case).
    pub allow_origins: Vec<String>,
    /// Send to this base URL instead of `https://{upstream host}` (tests: a simulator).
    pub upstream: Option<String>,
}

impl Default for ProxyConfig {
    fn default() -> Self {
        ProxyConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], DEFAULT_PROXY_PORT)),
            allow_origins: Vec::new(),
            upstream: None,
        }
    }
}

/// The browser-signed pass-through.
#[derive(Debug)]
pub struct Proxy;

struct Shared {
    config: ProxyConfig,
    client: reqwest::Client,
    limits: Limits,
}

impl Proxy {
    /// Binds `config.listen` and forwards until shut down.
    ///
    /// # Errors
    /// [`GatewayError::Io`] when the address cannot be bound.
    pub async fn start(config: ProxyConfig) -> Result<GatewayHandle, GatewayError> {
        let limits = Limits::default();
        let client = reqwest::Client::builder()
            .connect_timeout(limits.upstream_timeout)
            .timeout(limits.upstream_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| GatewayError::Usage(format!("cannot build the HTTPS client: {e}")))?;
        let listener = TcpListener::bind(config.listen)
            .await
            .map_err(|e| GatewayError::io(format!("cannot listen on {}", config.listen), e))?;
        let addr = listener
            .local_addr()
            .map_err(|e| GatewayError::io("cannot read the bound address", e))?;
        let shared = Arc::new(Shared {
            config,
            client,
            limits,
        });
        let router = Router::new().fallback(handle).with_state(shared);
        tracing::info!(%addr, "appconfig-gateway proxy listening");
        Ok(serve(listener, addr, router, limits))
    }
}

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

/// True for `http(s)://localhost[:port]` and loopback IP literals, parsed, never by prefix.
fn is_loopback_origin(origin: &str) -> bool {
    let Some((scheme, authority)) = origin.split_once("://") else {
        return false;
    };
    if !matches!(scheme, "http" | "https") || authority.contains(['/', '@', '?']) {
        return false;
    }
    let host = match authority.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
    };
    host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|i| i.is_loopback())
}

/// The `Access-Control-Allow-Origin` for a request's `Origin`: `*` without one (not a browser),
/// the origin itself when it is loopback or allowed; `None` refuses the request (serving every
/// origin would let any web page use a running proxy).
pub(crate) fn cors(allowed: &[String], origin: Option<&HeaderValue>) -> Option<HeaderValue> {
    let Some(origin) = origin else {
        return Some(HeaderValue::from_static("*"));
    };
    let text = origin.to_str().ok()?.to_ascii_lowercase();
    (is_loopback_origin(&text) || allowed.contains(&text)).then(|| origin.clone())
}

fn refuse(message: impl Into<String>) -> Response<Bytes> {
    AwsError::new(403, "AccessDeniedException", message).response()
}

/// Request headers a browser may send (the SDKs' and the signature's).
const ALLOW_HEADERS: &str = "authorization, content-type, x-amz-date, x-amz-security-token, x-amz-content-sha256, x-amz-target, x-amzn-query-mode, x-amz-user-agent, amz-sdk-invocation-id, amz-sdk-request, x-appconfig-upstream-host";
/// Response headers a browser may read (what the AWS SDKs read).
const EXPOSE_HEADERS: &str = "x-amzn-ErrorType, x-amzn-query-error, x-amzn-RequestId, x-amzn-ErrorMessage, Date, Content-Length, Content-Type";

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

/// A path AppConfig could answer: `/` and segments of unreserved or percent-encoded bytes, and
/// not a simulator's control path (`/_sim/...`, never AppConfig's).
fn plain_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("/_")
        && path.len() <= 2048
        && !path.split('/').any(|s| s == ".." || s == ".")
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/-._~%".contains(&b))
}

async fn handle(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let origin = req.headers().get(http::header::ORIGIN).cloned();
    let mut resp = match cors(&shared.config.allow_origins, origin.as_ref()) {
        None => {
            let shown: String = origin
                .as_ref()
                .and_then(|o| o.to_str().ok())
                .unwrap_or("?")
                .chars()
                .take(100)
                .collect();
            let r = refuse(format!(
                "appconfig-gateway proxy: pages of {shown} are not served; start the proxy with --allow-origin {shown} to serve them (loopback origins always are)"
            ));
            return r.map(Body::from).into_response();
        }
        Some(allow) => {
            let mut r = forward(&shared, req).await;
            let h = r.headers_mut();
            h.insert("access-control-allow-origin", allow);
            h.insert(
                "access-control-expose-headers",
                HeaderValue::from_static(EXPOSE_HEADERS),
            );
            r
        }
    };
    resp.headers_mut()
        .append(http::header::VARY, HeaderValue::from_static("Origin"));
    resp.map(Body::from).into_response()
}

/// Forwards a read-only AppConfig call (or one of the two CloudWatch reads), or refuses it.
async fn forward(shared: &Shared, req: Request) -> Response<Bytes> {
    if req.method() == Method::OPTIONS {
        return preflight("GET, POST, OPTIONS", ALLOW_HEADERS);
    }
    let (parts, body) = req.into_parts();
    let path = parts.uri.path().to_owned();
    if parts.method == Method::GET && path == "/healthz" {
        let mut r = Response::new(Bytes::from_static(b"{\"status\":\"ok\",\"proxy\":true}"));
        r.headers_mut().insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        return r;
    }
    let Some(host) = parts
        .headers
        .get(UPSTREAM_HOST_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(|h| h.trim().to_ascii_lowercase())
    else {
        return refuse(format!(
            "appconfig-gateway proxy: the {UPSTREAM_HOST_HEADER} header naming the AppConfig host is required"
        ));
    };
    let cloudwatch = is_cloudwatch_host(&host);
    if !is_appconfig_host(&host) && !cloudwatch {
        return refuse(format!(
            "appconfig-gateway proxy: {host} is not an AppConfig or CloudWatch host; only appconfig[-fips].<region>.amazonaws.com, monitoring[-fips].<region>.amazonaws.com and their partitions are forwarded"
        ));
    }
    if !read_only(cloudwatch, &parts.method, &path, &parts.headers) {
        return refuse(format!(
            "appconfig-gateway proxy: only read-only AppConfig calls (GET) and CloudWatch DescribeAlarms/DescribeAlarmHistory are forwarded, not {} {}",
            parts.method,
            path.chars().take(200).collect::<String>()
        ));
    }
    let max = shared.limits.max_request_body;
    let Ok(body) = http_body_util::Limited::new(body, max).collect().await else {
        return AwsError::new(
            413,
            "PayloadTooLargeException",
            format!("the request body is over {max} bytes"),
        )
        .response();
    };
    let path_and_query = parts
        .uri
        .path_and_query()
        .map_or_else(|| path.clone(), |p| p.as_str().to_owned());
    let base = shared
        .config
        .upstream
        .as_deref()
        .map_or_else(|| format!("https://{host}"), str::to_owned);
    let url = format!("{}{path_and_query}", base.trim_end_matches('/'));
    let mut out = if cloudwatch {
        shared.client.post(&url).body(body.to_bytes())
    } else {
        shared.client.get(&url)
    };
    for (name, value) in &parts.headers {
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
            return AwsError::new(
                502,
                "BadGatewayException",
                format!("appconfig-gateway proxy: the request to {host} {why}"),
            )
            .response();
        }
    };
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = match read_limited(resp, shared.limits.max_response_body).await {
        Ok(b) => b,
        Err(why) => {
            return AwsError::new(
                502,
                "BadGatewayException",
                format!("appconfig-gateway proxy: the upstream response {why}"),
            )
            .response()
        }
    };
    let mut r = Response::new(body);
    *r.status_mut() = StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
    for (name, value) in &headers {
        let n = name.as_str();
        // Cookies an upstream sets are not the page's business (they would reach whatever page
        // uses the proxy); its `Date` passes through unchanged, so a client behind the proxy
        // corrects its clock by AWS's.
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

/// AppConfig: any GET (every AppConfig operation bound to GET is a Get* or List* read, in the
/// model; the writes are POST, PATCH and DELETE). CloudWatch: `POST /` with the `X-Amz-Target`
/// of one of the two reads.
fn read_only(cloudwatch: bool, method: &Method, path: &str, headers: &HeaderMap) -> bool {
    if cloudwatch {
        *method == Method::POST
            && path == "/"
            && headers
                .get("x-amz-target")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|t| CLOUDWATCH_READS.contains(&t))
    } else {
        *method == Method::GET && plain_path(path)
    }
}

async fn read_limited(mut resp: reqwest::Response, max: usize) -> Result<Bytes, &'static str> {
    let mut buf = Vec::new();
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                if buf.len() + chunk.len() > max {
                    return Err("is too large");
                }
                buf.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(Bytes::from(buf)),
            Err(_) => return Err("could not be read"),
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

    #[test]
    fn origins() {
        let allowed = vec!["https://portal.example".to_owned()];
        let o = |s: &'static str| HeaderValue::from_static(s);
        assert_eq!(cors(&allowed, None), Some(o("*")));
        for ok in [
            "http://127.0.0.1:8080",
            "http://localhost:3000",
            "http://[::1]:80",
            "https://portal.example",
        ] {
            assert!(cors(&allowed, Some(&o(ok))).is_some(), "{ok}");
        }
        for bad in [
            "http://127.0.0.1.evil.tld",
            "https://localhost.evil.tld",
            "https://evil.example",
            "null",
        ] {
            assert!(cors(&allowed, Some(&o(bad))).is_none(), "{bad}");
        }
    }

    #[test]
    fn reads_only() {
        let none = HeaderMap::new();
        assert!(read_only(false, &Method::GET, "/applications/a%20b", &none));
        assert!(!read_only(
            false,
            &Method::DELETE,
            "/applications/a/environments/e/deployments/1",
            &none
        ));
        assert!(!read_only(false, &Method::POST, "/applications", &none));
        assert!(!read_only(false, &Method::GET, "/applications/../x", &none));
        assert!(!read_only(false, &Method::GET, "/_sim/info", &none));
        let mut target = HeaderMap::new();
        target.insert(
            "x-amz-target",
            HeaderValue::from_static("GraniteServiceVersion20100801.DescribeAlarms"),
        );
        assert!(read_only(true, &Method::POST, "/", &target));
        target.insert(
            "x-amz-target",
            HeaderValue::from_static("GraniteServiceVersion20100801.SetAlarmState"),
        );
        assert!(!read_only(true, &Method::POST, "/", &target));
    }
}
