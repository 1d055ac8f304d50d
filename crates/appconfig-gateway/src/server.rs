//! The HTTP server: hyper connections (head timeout, head size), axum's router, tower's load
//! shedding, concurrency limit, timeout and body limit; graceful shutdown.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::error_handling::HandleErrorLayer;
use axum::extract::{ConnectInfo, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http_body_util::BodyExt;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tokio::task::JoinHandle;
use tower::{BoxError, ServiceBuilder, ServiceExt};

use crate::audit::AuditLog;
use crate::awserror::AwsError;
use crate::cache::Cache;
use crate::config::Config;
use crate::handler::{self, Incoming, Shared};
use crate::metrics::Metrics;
use crate::upstream::Upstream;
use crate::GatewayError;

/// The largest request head read.
const MAX_HEAD: usize = 32 * 1024;
/// How long shutdown waits for requests in progress.
const DRAIN: Duration = Duration::from_secs(10);

/// The gateway server.
#[derive(Debug)]
pub struct Gateway;

/// A running gateway; [`GatewayHandle::shutdown`] stops it gracefully.
#[derive(Debug)]
pub struct GatewayHandle {
    addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl GatewayHandle {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, lets requests in progress finish (up to 10 s), and returns.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(true);
        let _ = self.task.await;
    }

    /// Runs until `signal` resolves, then shuts down gracefully.
    pub async fn run_until(self, signal: impl std::future::Future<Output = ()>) {
        signal.await;
        self.shutdown().await;
    }
}

impl Gateway {
    /// Sets up every account's credentials provider, binds `config.listen` and serves.
    ///
    /// # Errors
    /// [`GatewayError::Io`] when the address cannot be bound, [`GatewayError::Config`] for an
    /// account whose endpoint cannot be used.
    pub async fn start(config: Config, audit: AuditLog) -> Result<GatewayHandle, GatewayError> {
        let mut accounts = HashMap::new();
        for (alias, account) in &config.accounts {
            accounts.insert(alias.clone(), Upstream::new(account.clone()).await?);
        }
        let client = reqwest::Client::builder()
            .connect_timeout(config.limits.upstream_timeout)
            .timeout(config.limits.upstream_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| GatewayError::Usage(format!("cannot build the HTTPS client: {e}")))?;
        let listener = TcpListener::bind(config.listen)
            .await
            .map_err(|e| GatewayError::io(format!("cannot listen on {}", config.listen), e))?;
        let addr = listener
            .local_addr()
            .map_err(|e| GatewayError::io("cannot read the bound address", e))?;
        let limits = config.limits;
        let shared = Arc::new(Shared {
            cache: Cache::new(config.cache.max_entries),
            config,
            accounts,
            metrics: Metrics::default(),
            audit,
            client,
        });
        let router = router(shared.clone());
        tracing::info!(%addr, "appconfig-gateway listening");
        Ok(serve(listener, addr, router, limits))
    }
}

/// Serves `router` on `listener` (bounded connections, head timeout) until shut down.
pub(crate) fn serve(
    listener: TcpListener,
    addr: SocketAddr,
    router: Router,
    limits: crate::config::Limits,
) -> GatewayHandle {
    let (tx, rx) = watch::channel(false);
    let task = tokio::spawn(accept_loop(listener, router, rx, limits));
    GatewayHandle {
        addr,
        shutdown: tx,
        task,
    }
}

fn router(shared: Arc<Shared>) -> Router {
    let limits = shared.config.limits;
    Router::new()
        .route(
            "/healthz",
            get(|| async {
                (
                    [("content-type", "application/json")],
                    "{\"status\":\"ok\"}",
                )
            }),
        )
        .route("/metrics", get(metrics))
        .fallback(gateway)
        .with_state(shared)
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(overloaded))
                .load_shed()
                .concurrency_limit(limits.max_concurrent_requests)
                .timeout(limits.request_timeout),
        )
}

async fn overloaded(e: BoxError) -> Response {
    let aws = if e.is::<tower::timeout::error::Elapsed>() {
        AwsError::new(
            504,
            "GatewayTimeoutException",
            "the gateway did not finish this request in time",
        )
    } else if e.is::<tower::load_shed::error::Overloaded>() {
        AwsError {
            retry_after: Some(1),
            ..AwsError::new(
                503,
                "ServiceUnavailableException",
                "the gateway is busy; retry shortly",
            )
        }
    } else {
        AwsError::new(
            500,
            "InternalServerException",
            "the gateway failed on this request",
        )
    };
    aws.response().map(Body::from).into_response()
}

async fn metrics(State(shared): State<Arc<Shared>>) -> Response {
    (
        [("content-type", "text/plain; version=0.0.4")],
        shared.metrics.render(),
    )
        .into_response()
}

async fn gateway(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Request,
) -> Response {
    let started = Instant::now();
    let (parts, body) = req.into_parts();
    // AppConfig's calls have no body (a change's is ignored: StopDeployment takes none); the
    // CloudWatch reads' input is theirs. Bounded, so a large one cannot hold memory.
    let max = shared.config.limits.max_request_body;
    let collected = http_body_util::Limited::new(body, max).collect().await;
    let over = collected.is_err();
    let body = collected.map(|c| c.to_bytes()).unwrap_or_default();
    let cors = handler::cors(&shared.config, &parts.headers);
    let path = parts.uri.path();
    // `//v1/` too: a client that joined a base URL ending in `/` (the npm package does not trim).
    let (mut resp, op, origin) = match (cors, path.trim_start_matches('/').strip_prefix("v1/")) {
        (Err(e), _) => (e.response(), "Refused", None),
        (Ok(origin), _) if over => (
            AwsError::new(
                413,
                "PayloadTooLargeException",
                format!("the request body is over {max} bytes"),
            )
            .response(),
            "Refused",
            origin,
        ),
        (Ok(origin), Some(rest)) => {
            let incoming = Incoming {
                method: &parts.method,
                rest,
                query: parts.uri.query(),
                headers: &parts.headers,
                body: &body,
                peer: peer.ip(),
            };
            let (resp, op) = handler::handle(&shared, incoming).await;
            (resp, op, origin)
        }
        (Ok(origin), None) => (
            AwsError::new(
                404,
                "UnknownOperationException",
                "the gateway answers /v1/{account}/{region}/appconfig/..., /v1/{account}/{region}/monitoring/..., /healthz and /metrics",
            )
            .response(),
            "Unknown",
            origin,
        ),
    };
    handler::add_cors(&mut resp, origin);
    let status = resp.status().as_u16();
    shared.metrics.request(op, status);
    tracing::info!(
        method = %parts.method,
        operation = op,
        status,
        ms = started.elapsed().as_millis() as u64,
        peer = %peer.ip(),
        "request"
    );
    resp.map(Body::from).into_response()
}

async fn accept_loop(
    listener: TcpListener,
    router: Router,
    mut stop: watch::Receiver<bool>,
    limits: crate::config::Limits,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    loop {
        let permit = tokio::select! {
            _ = stop.changed() => break,
            p = permits.clone().acquire_owned() => p,
        };
        let Ok(permit) = permit else { break };
        let accepted = tokio::select! {
            _ = stop.changed() => break,
            a = listener.accept() => a,
        };
        let Ok((stream, peer)) = accepted else {
            continue;
        };
        let router = router.clone();
        let mut stop = stop.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let service =
                hyper::service::service_fn(move |mut req: http::Request<hyper::body::Incoming>| {
                    req.extensions_mut().insert(ConnectInfo(peer));
                    let router = router.clone();
                    async move {
                        let resp = router.oneshot(req.map(Body::new)).await;
                        Ok::<_, Infallible>(resp.unwrap_or_else(|never| match never {}))
                    }
                });
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .max_buf_size(MAX_HEAD)
                .serve_connection(TokioIo::new(stream), service);
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stop.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(DRAIN, conn).await;
                }
            }
        });
    }
    drop(listener);
    // Every connection gives its permit back when it ends.
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(DRAIN, permits.acquire_many(all)).await;
}
