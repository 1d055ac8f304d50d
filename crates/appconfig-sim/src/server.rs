//! The HTTP server: AWS paths (signed), `/_sim` endpoints, CORS, static files, logging and
//! persistence.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use appconfig_core::DateTime;
use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::api::{self, Call};
use crate::auth::{self, SignedRequest};
use crate::awserror::ApiError;
use crate::clock::Clock;
use crate::config::{Config, Mode};
use crate::store::{Store, STATE_VERSION};
use crate::{proxy, seed, SimError};

/// The largest request body accepted.
pub const MAX_BODY: usize = 1024 * 1024;

/// Request headers a browser may send (the preflight answer).
pub const ALLOW_HEADERS: &str = "authorization, content-type, x-amz-date, x-amz-security-token, x-amz-content-sha256, x-amz-user-agent, amz-sdk-invocation-id, amz-sdk-request, allow-revert, x-appconfig-upstream-host";
/// Response headers a browser may read (what the AWS SDKs read).
pub const EXPOSE_HEADERS: &str = "x-amzn-ErrorType, x-amzn-RequestId, x-amzn-ErrorMessage, x-amz-request-id, x-amz-id-2, x-amz-apigw-id, x-amzn-Remapped-Date, Date, Content-Length, Content-Type";

pub(crate) type Body = Full<Bytes>;

/// Pending injected faults (`POST /_sim/faults`).
#[derive(Debug, Default)]
struct Faults {
    internal: u32,
    throttle: u32,
}

pub(crate) struct Shared {
    pub(crate) config: Config,
    pub(crate) clock: Clock,
    store: Mutex<Store>,
    persist_lock: Mutex<()>,
    faults: Mutex<Faults>,
    pub(crate) client: Option<reqwest::Client>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Shared {
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    /// Saves the state when a state file is configured; a failure is logged, the server goes on.
    fn persist(&self) {
        if let Err(e) = self.try_persist() {
            eprintln!("appconfig-sim: {e}");
        }
    }

    fn try_persist(&self) -> Result<(), SimError> {
        let Some(path) = &self.config.state_file else {
            return Ok(());
        };
        let json = serde_json::to_vec(&*self.store())
            .map_err(|e| SimError::InvalidState(format!("cannot serialize the state: {e}")))?;
        let _guard = lock(&self.persist_lock);
        write_atomic(path, &json)
    }
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, fsync, rename, fsync the folder.
///
/// # Errors
/// [`SimError::Io`].
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SimError> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "state".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let ctx = |what: &str| format!("cannot {what} {}", tmp.display());
    let mut f = std::fs::File::create(&tmp).map_err(|e| SimError::io(ctx("create"), e))?;
    f.write_all(bytes)
        .map_err(|e| SimError::io(ctx("write"), e))?;
    f.sync_all().map_err(|e| SimError::io(ctx("sync"), e))?;
    drop(f);
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        SimError::io(
            format!("cannot rename the state file to {}", path.display()),
            e,
        )
    })?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Reads a state file.
///
/// # Errors
/// [`SimError::Io`] or [`SimError::InvalidState`].
pub fn load_state(path: &Path) -> Result<Store, SimError> {
    let bytes = std::fs::read(path)
        .map_err(|e| SimError::io(format!("cannot read state file {}", path.display()), e))?;
    let store: Store = serde_json::from_slice(&bytes)
        .map_err(|e| SimError::InvalidState(format!("{}: {e}", path.display())))?;
    if store.version != STATE_VERSION {
        return Err(SimError::InvalidState(format!(
            "{}: version {} is not {STATE_VERSION}",
            path.display(),
            store.version
        )));
    }
    Ok(store)
}

/// The simulator (or proxy) server.
#[derive(Debug)]
pub struct Server;

/// A running server; dropping it does not stop it, call [`ServerHandle::shutdown`].
#[derive(Debug)]
pub struct ServerHandle {
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
    ticker: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl ServerHandle {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting connections and waits for the accept loop to end.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.ticker.take() {
            t.abort();
        }
        let _ = (&mut self.task).await;
    }

    /// Waits until the server stops (it runs until [`ServerHandle::shutdown`]).
    pub async fn wait(self) {
        let _ = self.task.await;
    }
}

impl Server {
    /// Binds and starts serving in the background on the current tokio runtime.
    ///
    /// # Errors
    /// [`SimError::Io`] when the address cannot be bound, [`SimError::InvalidState`] for an
    /// unreadable state file, [`SimError::Client`] when the proxy's client cannot be built.
    pub async fn start(config: Config) -> Result<ServerHandle, SimError> {
        if config.keys.is_empty() {
            return Err(SimError::Usage("at least one key is required".into()));
        }
        let clock = Clock::new(config.skew_seconds);
        let proxy = matches!(config.mode, Mode::Proxy { .. });
        let mut fresh = false;
        let store = if proxy {
            Store::new()
        } else {
            match &config.state_file {
                Some(p) if p.exists() => load_state(p)?,
                _ => {
                    fresh = true;
                    if config.seed {
                        seed::seed(clock.now(), config.speed, &config.region)
                    } else {
                        let mut s = Store::new();
                        s.strategies = seed::strategies()
                            .into_iter()
                            .filter(|s| {
                                s.id.as_deref().is_some_and(|i| i.starts_with("AppConfig."))
                            })
                            .collect();
                        s
                    }
                }
            }
        };
        let client = if proxy {
            Some(
                reqwest::Client::builder()
                    .redirect(reqwest::redirect::Policy::none())
                    .timeout(Duration::from_secs(30))
                    .build()
                    .map_err(|e| SimError::Client(e.to_string()))?,
            )
        } else {
            None
        };
        let listener = TcpListener::bind((config.host, config.port))
            .await
            .map_err(|e| {
                SimError::io(
                    format!("cannot listen on {}:{}", config.host, config.port),
                    e,
                )
            })?;
        let addr = listener
            .local_addr()
            .map_err(|e| SimError::io("cannot read the bound address", e))?;
        let shared = Arc::new(Shared {
            config,
            clock,
            store: Mutex::new(store),
            persist_lock: Mutex::new(()),
            faults: Mutex::new(Faults::default()),
            client,
        });
        if fresh && !proxy {
            // A state file that cannot be written is a start error, not a surprise later.
            shared.try_persist()?;
        }
        let ticker = (!proxy).then(|| {
            let shared = shared.clone();
            tokio::spawn(async move {
                let mut every = tokio::time::interval(Duration::from_millis(500));
                loop {
                    every.tick().await;
                    let changed = {
                        let now = shared.clock.now();
                        shared.store().advance(now, shared.config.speed)
                    };
                    if changed {
                        shared.persist();
                    }
                }
            })
        });
        let (tx, mut rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            loop {
                tokio::select! {
                    _ = &mut rx => break,
                    accepted = listener.accept() => {
                        let Ok((stream, _peer)) = accepted else { continue };
                        let shared = shared.clone();
                        tokio::spawn(async move {
                            let service = service_fn(move |req| handle(shared.clone(), req));
                            let _ = hyper::server::conn::http1::Builder::new()
                                .timer(TokioTimer::new())
                                .header_read_timeout(Duration::from_secs(30))
                                .max_buf_size(256 * 1024)
                                .serve_connection(TokioIo::new(stream), service)
                                .await;
                        });
                    }
                }
            }
        });
        Ok(ServerHandle {
            addr,
            shutdown: Some(tx),
            task,
            ticker,
        })
    }
}

pub(crate) fn json_response(status: u16, body: &Value) -> Response<Body> {
    let bytes = serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec());
    let mut r = Response::new(Full::new(Bytes::from(bytes)));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

pub(crate) fn error_response(e: &ApiError) -> Response<Body> {
    let mut r = json_response(e.status, &e.body());
    if let Ok(v) = HeaderValue::from_str(e.code) {
        r.headers_mut()
            .insert(HeaderName::from_static("x-amzn-errortype"), v);
    }
    r
}

/// The answer to a CORS preflight: the methods, the headers the SDKs send, plus any other
/// requested header names (signatures, not CORS, protect the API).
pub(crate) fn preflight(requested: Option<&HeaderValue>) -> Response<Body> {
    let mut r = Response::new(Full::new(Bytes::new()));
    *r.status_mut() = StatusCode::NO_CONTENT;
    let h = r.headers_mut();
    h.insert(
        "access-control-allow-methods",
        HeaderValue::from_static("GET, POST, DELETE, OPTIONS"),
    );
    let mut allowed: Vec<String> = ALLOW_HEADERS.split(", ").map(str::to_owned).collect();
    for name in requested
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(',')
        .map(|n| n.trim().to_ascii_lowercase())
    {
        let token = !name.is_empty()
            && name.len() <= 100
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if token && !allowed.contains(&name) && allowed.len() < 64 {
            allowed.push(name);
        }
    }
    if let Ok(v) = HeaderValue::from_str(&allowed.join(", ")) {
        h.insert("access-control-allow-headers", v);
    }
    h.insert("access-control-max-age", HeaderValue::from_static("600"));
    r
}

fn finish(shared: &Shared, r: &mut Response<Body>, origin: Option<HeaderValue>) {
    let h = r.headers_mut();
    let date = shared.clock.now().to_http_date();
    if let Ok(v) = HeaderValue::from_str(&date) {
        h.insert(http::header::DATE, v);
    }
    if !h.contains_key("x-amzn-requestid") {
        if let Ok(v) = HeaderValue::from_str(&uuid::Uuid::new_v4().to_string()) {
            h.insert(HeaderName::from_static("x-amzn-requestid"), v);
        }
    }
    h.insert(
        "access-control-allow-origin",
        origin.unwrap_or_else(|| HeaderValue::from_static("*")),
    );
    h.insert(
        "access-control-expose-headers",
        HeaderValue::from_static(EXPOSE_HEADERS),
    );
    h.append(http::header::VARY, HeaderValue::from_static("Origin"));
}

async fn handle(shared: Arc<Shared>, req: Request<Incoming>) -> Result<Response<Body>, Infallible> {
    let started = Instant::now();
    let method = req.method().clone();
    let path: String = req.uri().path().chars().take(300).collect();
    let origin = req.headers().get(http::header::ORIGIN).cloned();
    let mut resp = match &shared.config.mode {
        Mode::Simulator => dispatch(&shared, req).await,
        Mode::Proxy { upstream } => proxy::dispatch(&shared, upstream.as_deref(), req).await,
    };
    finish(&shared, &mut resp, origin);
    if shared.config.log_requests {
        eprintln!(
            "{method} {path} {} {}ms",
            resp.status().as_u16(),
            started.elapsed().as_millis()
        );
    }
    Ok(resp)
}

/// How much of a too-large body is read and dropped before answering 413, so that the client,
/// still sending, reads the answer instead of a connection reset.
const DRAIN_LIMIT: usize = 16 * 1024 * 1024;

pub(crate) async fn read_body(mut body: Incoming) -> Result<Bytes, ApiError> {
    let mut buf: Vec<u8> = Vec::new();
    let mut total = 0usize;
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else {
            return Err(ApiError::bad_request("The request body could not be read"));
        };
        if let Ok(data) = frame.into_data() {
            total = total.saturating_add(data.len());
            if total <= MAX_BODY {
                buf.extend_from_slice(&data);
            } else if total > DRAIN_LIMIT {
                break;
            }
        }
    }
    if total > MAX_BODY {
        return Err(ApiError::new(
            413,
            "RequestEntityTooLargeException",
            format!("Request body is larger than {MAX_BODY} bytes"),
        ));
    }
    Ok(Bytes::from(buf))
}

async fn dispatch(shared: &Arc<Shared>, req: Request<Incoming>) -> Response<Body> {
    let path = req.uri().path().to_owned();
    if req.method() == Method::OPTIONS {
        return preflight(req.headers().get("access-control-request-headers"));
    }
    if path == "/_sim" || path.starts_with("/_sim/") {
        return sim_endpoint(shared, req).await;
    }
    if api::is_api_path(&path) {
        return match api_call(shared, req).await {
            Ok(r) => r,
            Err(e) => error_response(&e),
        };
    }
    if let Some(dir) = &shared.config.serve_dir {
        if matches!(*req.method(), Method::GET | Method::HEAD) {
            let wants_html = req
                .headers()
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|a| a.contains("text/html"));
            if let Some(r) = serve_static(dir, &path, wants_html, req.method() == Method::HEAD) {
                return r;
            }
        }
    }
    error_response(&ApiError::unknown_operation())
}

async fn api_call(
    shared: &Arc<Shared>,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let (parts, body) = req.into_parts();
    let body = read_body(body).await?;
    let now = shared.clock.now();
    let path_and_query = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned());
    auth::verify(
        &shared.config.keys,
        &SignedRequest {
            method: parts.method.as_str(),
            path_and_query: &path_and_query,
            headers: &parts.headers,
            body: &body,
        },
        now,
    )?;
    let Some(route) = api::route(parts.method.as_str(), parts.uri.path())? else {
        return Err(ApiError::unknown_operation());
    };
    {
        let mut f = lock(&shared.faults);
        if f.throttle > 0 {
            f.throttle -= 1;
            return Err(ApiError::new(429, "ThrottlingException", "Rate exceeded"));
        }
        if f.internal > 0 {
            f.internal -= 1;
            return Err(ApiError::new(
                500,
                "InternalServerException",
                "An internal error occurred (injected by the simulator)",
            ));
        }
    }
    let query = api::parse_query(parts.uri.query())?;
    let allow_revert = parts
        .headers
        .get("allow-revert")
        .and_then(|v| v.to_str().ok());
    let (reply, advanced) = {
        let mut store = shared.store();
        let advanced = store.advance(now, shared.config.speed);
        let call = Call {
            query: &query,
            allow_revert,
            body: &body,
            now,
            speed: shared.config.speed,
        };
        (api::handle(&mut store, &route, &call), advanced)
    };
    if advanced || reply.as_ref().is_ok_and(|r| r.changed) {
        shared.persist();
    }
    let reply = reply?;
    Ok(json_response(reply.status, &reply.body))
}

async fn sim_endpoint(shared: &Arc<Shared>, req: Request<Incoming>) -> Response<Body> {
    let path = req.uri().path().to_owned();
    let method = req.method().clone();
    let not_found = || {
        error_response(&ApiError::new(
            404,
            "NotFoundException",
            "Unknown simulator endpoint: GET /_sim/health, GET /_sim/info, POST /_sim/alarm, POST /_sim/faults",
        ))
    };
    match (method.as_str(), path.as_str()) {
        ("GET", "/_sim/health") => json_response(200, &json!({"status": "ok"})),
        ("GET", "/_sim/info") => {
            let key = &shared.config.keys[0];
            let mut info = json!({
                "simulator": true,
                "region": shared.config.region,
                "accessKeyId": key.access_key_id(),
                "speed": shared.config.speed,
                "now": crate::clock::format_millis(&shared.clock.now()),
            });
            // Any page may read this (CORS allows every origin), so only the public demo
            // secret is handed out; a key given with --key/--keys-file stays private.
            if key.is_demo() {
                info["secretAccessKey"] = json!(key.secret_access_key());
            }
            json_response(200, &info)
        }
        ("POST", "/_sim/alarm") => {
            let body = match read_body(req.into_body()).await {
                Ok(b) => b,
                Err(e) => return error_response(&e),
            };
            let v: Value = match serde_json::from_slice(&body) {
                Ok(v) => v,
                Err(e) => {
                    return error_response(&ApiError::bad_request(format!(
                        "The request body is not valid JSON: {e}"
                    )))
                }
            };
            let (Some(app), Some(env)) = (
                v.get("ApplicationId").and_then(Value::as_str),
                v.get("EnvironmentId").and_then(Value::as_str),
            ) else {
                return error_response(&ApiError::bad_request(
                    "Body must be {\"ApplicationId\": \"..\", \"EnvironmentId\": \"..\"}",
                ));
            };
            let now = shared.clock.now();
            let result = {
                let mut store = shared.store();
                store.advance(now, shared.config.speed);
                store.fire_alarm(app, env, now, shared.config.speed, &shared.config.region)
            };
            match result {
                Ok(d) => {
                    shared.persist();
                    json_response(200, &api::to_json(&d))
                }
                Err(e) => error_response(&e),
            }
        }
        ("POST", "/_sim/faults") => {
            let body = match read_body(req.into_body()).await {
                Ok(b) => b,
                Err(e) => return error_response(&e),
            };
            let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            let count = |k: &str| v.get(k).and_then(Value::as_u64).map(|n| n.min(1000) as u32);
            let internal = count("InternalServerErrors").unwrap_or(0);
            let throttle = count("Throttles").unwrap_or(0);
            let mut f = lock(&shared.faults);
            f.internal = internal;
            f.throttle = throttle;
            json_response(
                200,
                &json!({"InternalServerErrors": internal, "Throttles": throttle}),
            )
        }
        _ => not_found(),
    }
}

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json" | "map") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("txt") => "text/plain; charset=utf-8",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        _ => "application/octet-stream",
    }
}

fn file_response(file: &Path, head: bool) -> Option<Response<Body>> {
    let bytes = std::fs::read(file).ok()?;
    let len = bytes.len();
    let mut r = Response::new(Full::new(if head {
        Bytes::new()
    } else {
        Bytes::from(bytes)
    }));
    let h = r.headers_mut();
    h.insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(file)),
    );
    h.insert(
        http::header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    );
    if head {
        h.insert(http::header::CONTENT_LENGTH, HeaderValue::from(len));
    }
    Some(r)
}

/// Serves a file of `dir`, `index.html` for folders, or `index.html` for unknown paths when the
/// client accepts HTML (a single-page app's routes). `None`: not found.
fn serve_static(
    dir: &Path,
    raw_path: &str,
    wants_html: bool,
    head: bool,
) -> Option<Response<Body>> {
    let root = dir.canonicalize().ok()?;
    let mut rel = PathBuf::new();
    for seg in raw_path.split('/').filter(|s| !s.is_empty()) {
        let seg = api::decode(seg).ok()?;
        if seg == "." || seg == ".." || seg.contains(['/', '\\', '\0']) {
            return None;
        }
        rel.push(seg);
    }
    let candidate = root.join(&rel);
    let target = if candidate.is_dir() {
        candidate.join("index.html")
    } else {
        candidate
    };
    if let Ok(real) = target.canonicalize() {
        if real.starts_with(&root) && real.is_file() {
            return file_response(&real, head);
        }
    }
    if wants_html {
        return file_response(&root.join("index.html"), head);
    }
    None
}

/// The time now on the simulator's clock (for tests and `/_sim/info`).
pub fn now(config: &Config) -> DateTime {
    Clock::new(config.skew_seconds).now()
}
