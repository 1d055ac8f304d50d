//! The simulator's request handling, without any network: a request whose body has been read,
//! and the time, in; the answer out. The server, and a fuzz target, call it.

use std::sync::Arc;

use appconfig_core::DateTime;
use bytes::Bytes;
use http::{Method, Request, Response};

use crate::accept_encoding::accepted;
use crate::api::{self, Call};
use crate::auth::{self, SignedRequest};
use crate::awserror::ApiError;
use crate::config::Config;
use crate::control::sim_endpoint;
use crate::http::{error_response, finish, json_response, preflight, Outcome};
use crate::state::{lock, Shared};
use crate::static_files::{serve_static, StaticRequest};
use crate::sts;
use crate::SimError;

/// The simulator's CORS: every origin may read every answer (signatures, not CORS, protect the
/// API), so `Access-Control-Allow-Origin` echoes the `Origin`, or is `*` without one.
pub(crate) fn cors_for(origin: Option<http::HeaderValue>) -> http::HeaderValue {
    origin.unwrap_or_else(|| http::HeaderValue::from_static("*"))
}

/// Answers a simulator request. A bug that panics answers 500 for this
/// request alone: the connection, the other requests and the store (its lock is never left
/// poisoned for good) carry on.
pub(crate) fn dispatch(shared: &Shared, req: &Request<Bytes>, now: DateTime) -> Outcome {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| answer(shared, req, now)))
        .unwrap_or_else(|_| {
            Outcome::unchanged(error_response(&ApiError::new(
                500,
                "InternalServerException",
                "The simulator failed on this request (a bug; see its log)",
            )))
        })
}

fn answer(shared: &Shared, req: &Request<Bytes>, now: DateTime) -> Outcome {
    let path = req.uri().path();
    if req.method() == Method::OPTIONS {
        return Outcome::unchanged(preflight(
            req.headers().get("access-control-request-headers"),
        ));
    }
    if path == "/_sim" || path.starts_with("/_sim/") {
        return sim_endpoint(shared, req, now);
    }
    if path == "/" && req.method() == Method::POST && sts::is_sts(req) {
        return Outcome::unchanged(sts::answer(shared, req, now));
    }
    if let Some((protocol, op)) = crate::cloudwatch::detect(req) {
        return crate::cloudwatch::call(shared, req, now, protocol, &op);
    }
    if api::is_api_path(path) {
        return api_call(shared, req, now)
            .unwrap_or_else(|e| Outcome::unchanged(error_response(&e)));
    }
    if let Some(dir) = &shared.config.serve_dir {
        if matches!(*req.method(), Method::GET | Method::HEAD) {
            let wants_html = req
                .headers()
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|a| a.contains("text/html"));
            let encodings = req.headers().get_all(http::header::ACCEPT_ENCODING);
            let codings = accepted(encodings.iter().filter_map(|v| v.to_str().ok()));
            let request = StaticRequest {
                path,
                wants_html,
                codings: &codings,
                head: req.method() == Method::HEAD,
            };
            let ancestors = &shared.config.frame_ancestors;
            if let Some(r) = serve_static(dir, &request, ancestors) {
                return Outcome::unchanged(r);
            }
        }
    }
    Outcome::unchanged(error_response(&ApiError::unknown_operation()))
}

fn api_call(shared: &Shared, req: &Request<Bytes>, now: DateTime) -> Result<Outcome, ApiError> {
    let operation = match api::route(req.method().as_str(), req.uri().path()) {
        Ok(Some(r)) => r.name(),
        _ => "UnknownOperation",
    };
    shared.count(operation);
    auth::verify(
        &shared.keys_at(now),
        &shared.config.region,
        appconfig_core::operation::SERVICE,
        &SignedRequest::of(req),
        now,
    )?;
    let Some(route) = api::route(req.method().as_str(), req.uri().path())? else {
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
    let query = api::parse_query(req.uri().query())?;
    let allow_revert = req
        .headers()
        .get("allow-revert")
        .and_then(|v| v.to_str().ok());
    let mut store = shared.store();
    let advanced = store.advance(now, shared.config.speed);
    let call = Call {
        query: &query,
        allow_revert,
        headers: req.headers(),
        body: req.body(),
        now,
        speed: shared.config.speed,
        region: &shared.config.region,
    };
    match api::handle(&mut store, &route, &call) {
        Ok(reply) => Ok(Outcome {
            response: match reply.raw {
                Some(raw) => raw_response(reply.status, raw),
                None => json_response(reply.status, &reply.body),
            },
            changed: advanced || reply.changed,
        }),
        Err(e) => Ok(Outcome {
            response: error_response(&e),
            changed: advanced,
        }),
    }
}

/// A response of raw bytes with their headers (a header value that is not a valid HTTP header,
/// such as a description with a line break, is left out rather than failing the answer).
fn raw_response(status: u16, raw: api::Raw) -> Response<Bytes> {
    let mut r = Response::new(Bytes::from(raw.bytes));
    *r.status_mut() =
        http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in raw.headers {
        if let Ok(v) = http::HeaderValue::from_bytes(value.as_bytes()) {
            r.headers_mut().insert(name, v);
        }
    }
    r
}

/// A simulator without a network: its state, and [`Simulator::handle_request`] to answer a
/// request. The server uses the same code; this entry point exists for fuzzing and embedding.
///
/// ```
/// # fn main() -> Result<(), appconfig_sim::SimError> {
/// use appconfig_sim::{Config, Simulator};
/// let sim = Simulator::new(Config::for_tests())?;
/// let req = http::Request::get("/_sim/health").body(bytes::Bytes::new()).unwrap();
/// let resp = sim.handle_request(req, appconfig_core::DateTime::from_epoch_millis(0));
/// assert_eq!(resp.status(), 200);
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct Simulator {
    shared: Arc<Shared>,
}

impl Simulator {
    /// The simulator `config` describes: seeded, or loaded from its state file.
    ///
    /// # Errors
    /// [`SimError`] for a configuration without keys or an unreadable or unwritable state file.
    pub fn new(config: Config) -> Result<Self, SimError> {
        Ok(Simulator {
            shared: Arc::new(Shared::new(config)?),
        })
    }

    /// Answers one request at `now` on the simulator's clock (signature checks, progress and
    /// `Date` use it) exactly as the server would, body already read: any method, URI, header
    /// and body, never a panic. A change is saved to the state file, if one is configured,
    /// before this returns.
    pub fn handle_request(&self, req: Request<Bytes>, now: DateTime) -> Response<Bytes> {
        let origin = req.headers().get(http::header::ORIGIN).cloned();
        let out = dispatch(&self.shared, &req, now);
        if out.changed {
            self.shared.persist();
        }
        let mut resp = out.response;
        finish(&mut resp, &now.to_http_date(), Some(cors_for(origin)));
        resp
    }
}
