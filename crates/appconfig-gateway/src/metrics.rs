//! Prometheus metrics, by operation: requests (by status), cache hits, misses and coalesced
//! waits, throttled requests, upstream calls with their latency histogram and errors.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the upstream latency histogram, seconds.
const BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

#[derive(Default)]
struct Op {
    requests: BTreeMap<u16, u64>,
    cache_hits: u64,
    cache_misses: u64,
    coalesced: u64,
    throttled: u64,
    upstream: u64,
    upstream_errors: BTreeMap<&'static str, u64>,
    latency_buckets: [u64; BUCKETS.len()],
    latency_sum: f64,
}

/// The counters.
#[derive(Default)]
pub(crate) struct Metrics {
    ops: Mutex<BTreeMap<&'static str, Op>>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

/// How a read was answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CacheOutcome {
    Hit,
    Miss,
    Coalesced,
}

impl Metrics {
    fn with(&self, op: &'static str, f: impl FnOnce(&mut Op)) {
        let mut ops = self
            .ops
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(ops.entry(op).or_default());
    }

    pub(crate) fn request(&self, op: &'static str, status: u16) {
        self.with(op, |o| *o.requests.entry(status).or_default() += 1);
    }

    pub(crate) fn cache(&self, op: &'static str, outcome: CacheOutcome) {
        self.with(op, |o| match outcome {
            CacheOutcome::Hit => o.cache_hits += 1,
            CacheOutcome::Miss => o.cache_misses += 1,
            CacheOutcome::Coalesced => o.coalesced += 1,
        });
    }

    pub(crate) fn throttled(&self, op: &'static str) {
        self.with(op, |o| o.throttled += 1);
    }

    /// An upstream call that got an answer (any status) after `took`.
    pub(crate) fn upstream(&self, op: &'static str, took: Duration, error: Option<&'static str>) {
        let s = took.as_secs_f64();
        self.with(op, |o| {
            o.upstream += 1;
            o.latency_sum += s;
            for (i, b) in BUCKETS.iter().enumerate() {
                if s <= *b {
                    o.latency_buckets[i] += 1;
                }
            }
            if let Some(kind) = error {
                *o.upstream_errors.entry(kind).or_default() += 1;
            }
        });
    }

    /// The Prometheus text exposition.
    pub(crate) fn render(&self) -> String {
        let ops = self
            .ops
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut out = String::new();
        let mut family = |name: &str, kind: &str, help: &str, body: &mut dyn FnMut(&mut String)| {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
            body(&mut out);
        };
        family(
            "appconfig_gateway_requests_total",
            "counter",
            "Requests answered, by operation and HTTP status.",
            &mut |out| {
                for (op, o) in ops.iter() {
                    for (status, n) in &o.requests {
                        let _ = writeln!(out, "appconfig_gateway_requests_total{{operation=\"{op}\",status=\"{status}\"}} {n}");
                    }
                }
            },
        );
        for (name, help, get) in [
            (
                "appconfig_gateway_cache_hits_total",
                "Reads answered from the shared cache.",
                (|o: &Op| o.cache_hits) as fn(&Op) -> u64,
            ),
            (
                "appconfig_gateway_cache_misses_total",
                "Reads that went upstream.",
                |o: &Op| o.cache_misses,
            ),
            (
                "appconfig_gateway_coalesced_total",
                "Reads that waited for an identical read already upstream.",
                |o: &Op| o.coalesced,
            ),
            (
                "appconfig_gateway_throttled_total",
                "Requests refused 429 because the account's upstream rate was used up.",
                |o: &Op| o.throttled,
            ),
            (
                "appconfig_gateway_upstream_requests_total",
                "Requests sent upstream.",
                |o: &Op| o.upstream,
            ),
        ] {
            family(name, "counter", help, &mut |out| {
                for (op, o) in ops.iter() {
                    let _ = writeln!(out, "{name}{{operation=\"{op}\"}} {}", get(o));
                }
            });
        }
        family("appconfig_gateway_upstream_errors_total", "counter", "Upstream calls that failed, by kind (status_4xx, status_5xx, throttled, timeout, connect, credentials).", &mut |out| {
            for (op, o) in ops.iter() {
                for (kind, n) in &o.upstream_errors {
                    let _ = writeln!(out, "appconfig_gateway_upstream_errors_total{{operation=\"{op}\",kind=\"{kind}\"}} {n}");
                }
            }
        });
        family(
            "appconfig_gateway_upstream_latency_seconds",
            "histogram",
            "Upstream call latency.",
            &mut |out| {
                for (op, o) in ops.iter() {
                    for (i, b) in BUCKETS.iter().enumerate() {
                        let _ = writeln!(out, "appconfig_gateway_upstream_latency_seconds_bucket{{operation=\"{op}\",le=\"{b}\"}} {}", o.latency_buckets[i]);
                    }
                    let _ = writeln!(out, "appconfig_gateway_upstream_latency_seconds_bucket{{operation=\"{op}\",le=\"+Inf\"}} {}", o.upstream);
                    let _ = writeln!(
                        out,
                        "appconfig_gateway_upstream_latency_seconds_sum{{operation=\"{op}\"}} {}",
                        o.latency_sum
                    );
                    let _ = writeln!(
                        out,
                        "appconfig_gateway_upstream_latency_seconds_count{{operation=\"{op}\"}} {}",
                        o.upstream
                    );
                }
            },
        );
        out
    }
}
