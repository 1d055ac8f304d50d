//! The load generator: `connections` HTTP/1.1 connections, each sending signed GetDeployment and
//! ListDeployments requests back to back for `duration`, timing each one.
//!
//! The requests are signed once, before the clock starts (a signature stays valid for 5
//! minutes), so the generator spends its CPU on sending, not signing: the figures are the
//! server's, whose every request still has its signature checked in full.

use std::time::{Duration, Instant, SystemTime};

use appconfig_core::{sign, sign::SigningOptions, Credentials, HttpRequest};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;

/// What a run measured.
#[derive(Debug)]
pub(crate) struct Report {
    /// Connections used.
    pub connections: usize,
    /// How long requests were sent.
    pub elapsed: Duration,
    /// Requests answered 200, per operation.
    pub ok: Vec<(&'static str, u64)>,
    /// Requests that failed (a transport error or another status), with the first few reasons.
    pub errors: u64,
    /// Up to 5 error descriptions.
    pub error_samples: Vec<String>,
    /// Latencies of every request, microseconds, sorted.
    pub latencies_us: Vec<u32>,
}

impl Report {
    /// All requests sent.
    pub(crate) fn requests(&self) -> u64 {
        self.ok.iter().map(|(_, n)| n).sum::<u64>() + self.errors
    }

    /// The latency at quantile `q` (0..=1), milliseconds.
    pub(crate) fn quantile_ms(&self, q: f64) -> f64 {
        if self.latencies_us.is_empty() {
            return 0.0;
        }
        let i = ((self.latencies_us.len() - 1) as f64 * q).round() as usize;
        f64::from(self.latencies_us[i]) / 1000.0
    }

    /// Requests per second.
    pub(crate) fn per_second(&self) -> f64 {
        self.requests() as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ops: Vec<String> = self.ok.iter().map(|(op, n)| format!("{op} {n}")).collect();
        write!(
            f,
            "load: {} connections, {:.1} s: {} requests ({}), {} errors, {:.0} requests/s, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            self.connections,
            self.elapsed.as_secs_f64(),
            self.requests(),
            ops.join(", "),
            self.errors,
            self.per_second(),
            self.quantile_ms(0.5),
            self.quantile_ms(0.99),
            self.quantile_ms(1.0),
        )
    }
}

/// The requests every connection cycles through: (operation, path and query).
const PLAN: &[(&str, &str)] = &[
    (
        "GetDeployment",
        "/applications/339ohji/environments/54j1r29/deployments/1",
    ),
    (
        "GetDeployment",
        "/applications/pay0001/environments/stg0001/deployments/2",
    ),
    (
        "ListDeployments",
        "/applications/pay0001/environments/stg0001/deployments?max_results=5",
    ),
    (
        "GetDeployment",
        "/applications/pay0001/environments/prd0001/deployments/2",
    ),
    (
        "GetDeployment",
        "/applications/web0001/environments/dev0001/deployments/60",
    ),
    (
        "ListDeployments",
        "/applications/web0001/environments/dev0001/deployments?max_results=1",
    ),
    (
        "GetDeployment",
        "/applications/pay0001/environments/stg0001/deployments/1",
    ),
    (
        "ListDeployments",
        "/applications/pay0001/environments/prd0001/deployments",
    ),
];

/// Signed requests for `base` (`http://127.0.0.1:port`), with the demo key; GetDeployments only
/// when `get_only`.
fn signed_plan(base: &str, get_only: bool) -> Vec<(&'static str, http::Request<Full<Bytes>>)> {
    let creds = Credentials::new(
        "AKIDAPPCONFIGSIMDEMO",
        "appconfig-sim-demo-secret-key",
        None,
    );
    let authority = base.trim_start_matches("http://").to_owned();
    PLAN.iter()
        .filter(|(op, _)| !get_only || *op == "GetDeployment")
        .map(|(op, path)| {
            let req = HttpRequest {
                method: "GET".into(),
                url: format!("{base}{path}"),
                ..Default::default()
            };
            let signed = sign(
                &req,
                &creds,
                "us-east-1",
                "appconfig",
                SystemTime::now(),
                SigningOptions::default(),
            )
            .expect("the plan signs");
            let mut b = http::Request::get(*path).header("host", authority.as_str());
            for (k, v) in &signed.headers {
                b = b.header(k.as_str(), v.as_str());
            }
            (*op, b.body(Full::new(Bytes::new())).expect("a request"))
        })
        .collect()
}

/// Runs the load against `base` and reports.
pub(crate) async fn run(
    base: &str,
    connections: usize,
    duration: Duration,
    get_only: bool,
) -> Report {
    let plan = signed_plan(base, get_only);
    let addr = base.trim_start_matches("http://").to_owned();
    let deadline = Instant::now() + duration;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..connections {
        let plan: Vec<_> = plan.iter().map(|(op, r)| (*op, clone_request(r))).collect();
        let addr = addr.clone();
        tasks.push(tokio::spawn(async move {
            connection(&addr, plan, c, deadline).await
        }));
    }
    let mut ok: Vec<(&'static str, u64)> = Vec::new();
    let (mut errors, mut error_samples, mut latencies_us) = (0, Vec::new(), Vec::new());
    for t in tasks {
        let Ok(part) = t.await else {
            errors += 1;
            continue;
        };
        for (op, n) in part.ok {
            match ok.iter_mut().find(|(o, _)| *o == op) {
                Some(e) => e.1 += n,
                None => ok.push((op, n)),
            }
        }
        errors += part.errors;
        error_samples.extend(part.error_samples);
        latencies_us.extend(part.latencies_us);
    }
    let elapsed = started.elapsed();
    latencies_us.sort_unstable();
    error_samples.truncate(5);
    Report {
        connections,
        elapsed,
        ok,
        errors,
        error_samples,
        latencies_us,
    }
}

fn clone_request(r: &http::Request<Full<Bytes>>) -> http::Request<Full<Bytes>> {
    let mut b = http::Request::builder().method(r.method()).uri(r.uri());
    for (k, v) in r.headers() {
        b = b.header(k, v);
    }
    b.body(Full::new(Bytes::new())).expect("a request")
}

struct Part {
    ok: Vec<(&'static str, u64)>,
    errors: u64,
    error_samples: Vec<String>,
    latencies_us: Vec<u32>,
}

/// One connection: requests back to back, the plan's order shifted by `offset`.
async fn connection(
    addr: &str,
    plan: Vec<(&'static str, http::Request<Full<Bytes>>)>,
    offset: usize,
    deadline: Instant,
) -> Part {
    let mut part = Part {
        ok: Vec::new(),
        errors: 0,
        error_samples: Vec::new(),
        latencies_us: Vec::with_capacity(200_000),
    };
    let fail = |part: &mut Part, why: String| {
        part.errors += 1;
        if part.error_samples.len() < 5 {
            part.error_samples.push(why);
        }
    };
    let stream = match tokio::net::TcpStream::connect(addr).await {
        Ok(s) => s,
        Err(e) => {
            fail(&mut part, format!("connect: {e}"));
            return part;
        }
    };
    let _ = stream.set_nodelay(true);
    let Ok((mut sender, conn)) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await
    else {
        fail(&mut part, "handshake failed".into());
        return part;
    };
    tokio::spawn(conn);
    let mut i = offset;
    while Instant::now() < deadline {
        let (op, template) = &plan[i % plan.len()];
        i += 1;
        let t = Instant::now();
        if sender.ready().await.is_err() {
            fail(&mut part, "connection closed".into());
            break;
        }
        match sender.send_request(clone_request(template)).await {
            Ok(resp) => {
                let status = resp.status().as_u16();
                let body = resp.into_body().collect().await;
                let us = t.elapsed().as_micros().min(u128::from(u32::MAX)) as u32;
                part.latencies_us.push(us);
                match (status, body) {
                    (200, Ok(_)) => match part.ok.iter_mut().find(|(o, _)| o == op) {
                        Some(e) => e.1 += 1,
                        None => part.ok.push((op, 1)),
                    },
                    (s, Ok(b)) => {
                        let text = String::from_utf8_lossy(&b.to_bytes())
                            .chars()
                            .take(200)
                            .collect::<String>();
                        fail(&mut part, format!("{op}: {s} {text}"));
                    }
                    (s, Err(e)) => fail(&mut part, format!("{op}: {s}, body: {e}")),
                }
            }
            Err(e) => {
                fail(&mut part, format!("{op}: {e}"));
                break;
            }
        }
    }
    part
}
