//! The HTTP server: binds, accepts connections, reads each request's body, and hands it to the
//! simulator; a ticker starts the live environments' next deployments.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{oneshot, Semaphore};
use tokio::task::JoinHandle;

use crate::awserror::ApiError;
use crate::config::Config;
use crate::dispatch::{cors_for, dispatch};
use crate::http::{body_limit, error_response, finish, read_body_within, Local, Peer};
use crate::state::Shared;
use crate::SimError;

/// At most this many connections are served at once; more wait in the listen backlog.
pub(crate) const MAX_CONNECTIONS: usize = 128;
/// A request's headers must arrive within this time.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// A request's body must arrive within this time, counted from the end of its headers: a
/// dribbled body is answered 408 and its connection closed (without this bound one stayed open
/// past 45 s: `tests/limits.rs`).
pub(crate) const BODY_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest request head (request line and headers) read.
const MAX_HEAD: usize = 64 * 1024;

/// The simulator server.
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
    /// unreadable state file.
    pub async fn start(config: Config) -> Result<ServerHandle, SimError> {
        let (host, port) = (config.host, config.port);
        let shared = Arc::new(Shared::new(config)?);
        let listener = TcpListener::bind((host, port))
            .await
            .map_err(|e| SimError::io(format!("cannot listen on {host}:{port}"), e))?;
        let addr = listener
            .local_addr()
            .map_err(|e| SimError::io("cannot read the bound address", e))?;
        let ticker = Some(tokio::spawn(tick(shared.clone())));
        let (tx, mut rx) = oneshot::channel::<()>();
        let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
        let task = tokio::spawn(async move {
            loop {
                let permit = tokio::select! {
                    _ = &mut rx => break,
                    p = permits.clone().acquire_owned() => p,
                };
                let Ok(permit) = permit else { break };
                let accepted = tokio::select! {
                    _ = &mut rx => break,
                    a = listener.accept() => a,
                };
                let Ok((stream, peer)) = accepted else {
                    continue;
                };
                // The side of the connection the client addressed (for a wildcard listener,
                // the interface it came in on): `/_sim` answers only requests naming it.
                let local = stream.local_addr().unwrap_or(addr);
                let shared = shared.clone();
                tokio::spawn(async move {
                    let _permit = permit;
                    let service = service_fn(move |req| handle(shared.clone(), peer, local, req));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .timer(TokioTimer::new())
                        .header_read_timeout(HEADER_TIMEOUT)
                        .max_buf_size(MAX_HEAD)
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
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

/// Every half second, starts the live environments' next deployments (and saves them).
async fn tick(shared: Arc<Shared>) {
    let mut every = tokio::time::interval(Duration::from_millis(500));
    loop {
        every.tick().await;
        let changed = {
            let now = shared.clock.now();
            shared.store().advance(now, shared.config.speed)
        };
        if changed {
            shared.persist_async().await;
        }
    }
}

async fn handle(
    shared: Arc<Shared>,
    peer: SocketAddr,
    local: SocketAddr,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let started = Instant::now();
    let method = req.method().clone();
    let path: String = req.uri().path().chars().take(300).collect();
    let origin = req.headers().get(http::header::ORIGIN).cloned();
    let (parts, body) = req.into_parts();
    let limit = body_limit(&method, &path);
    let body = tokio::time::timeout(BODY_TIMEOUT, read_body_within(body, limit))
        .await
        .unwrap_or_else(|_| {
            Err(ApiError::new(
                408,
                "RequestTimeoutException",
                format!(
                    "The request body did not arrive within {} seconds",
                    BODY_TIMEOUT.as_secs()
                ),
            ))
        });
    let (mut resp, cors) = match body {
        Err(e) => {
            let mut r = error_response(&e);
            r.headers_mut().insert(
                http::header::CONNECTION,
                http::HeaderValue::from_static("close"),
            );
            (r, Some(cors_for(origin)))
        }
        Ok(body) => {
            let mut req = Request::from_parts(parts, body);
            req.extensions_mut().insert(Peer(peer.ip()));
            req.extensions_mut().insert(Local(local));
            let out = dispatch(&shared, &req, shared.clock.now());
            if out.changed {
                shared.persist_async().await;
            }
            (out.response, Some(cors_for(origin)))
        }
    };
    finish(&mut resp, &shared.clock.now().to_http_date(), cors);
    if shared.config.log_requests {
        eprintln!(
            "{method} {path} {} {}ms",
            resp.status().as_u16(),
            started.elapsed().as_millis()
        );
    }
    Ok(resp.map(Full::new))
}
