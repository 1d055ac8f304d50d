//! Failed calls (network, CORS, timeouts) explained.

use appconfig_fetch::{FetchError, FetchErrorKind};

use super::{is_loopback, Problem, ProblemKind};

impl Problem {
    /// A failed call.
    pub fn from_fetch(error: &FetchError, send_base: &str, now_ms: f64) -> Problem {
        let mut p = match error.kind() {
            FetchErrorKind::Core(error) => Problem::from_core(error, send_base, now_ms),
            FetchErrorKind::Network {
                message,
                cors_suspected,
            } => {
                if is_loopback(send_base) {
                    let mut p = Problem::new(
                        ProblemKind::SimulatorDown,
                        format!("The simulator (or local proxy) at {send_base} does not answer"),
                        "Start it (`appconfig-sim --port 4000`, `cargo xtask demo`, or `appconfig-gateway proxy`) and check the URL under Connection; the dashboard keeps trying.",
                    )
                    .detail(message.clone());
                    p.transient = true;
                    p
                } else if *cors_suspected {
                    Problem::new(
                        ProblemKind::Cors,
                        "The browser blocked the request (CORS)",
                        "AWS AppConfig sends no CORS headers, so a web page cannot call it directly. Under Connection, send requests \"Through a proxy to AWS\" and give the URL of a proxy that forwards requests unchanged (for development: the `[[proxy]]` example in `Trunk.toml`, or `appconfig-gateway proxy`).",
                    )
                    .detail(message.clone())
                } else {
                    let mut p = Problem::new(
                        ProblemKind::Network,
                        "The network request failed",
                        "Check your connection and the endpoint or proxy URL; the dashboard keeps trying.",
                    )
                    .detail(message.clone());
                    p.transient = true;
                    p
                }
            }
            FetchErrorKind::Timeout { after_ms } => {
                let mut p = Problem::new(
                    ProblemKind::Timeout,
                    format!("No answer within {} s", after_ms / 1000),
                    "The endpoint is slow or unreachable; the dashboard keeps trying.",
                );
                p.transient = true;
                p
            }
            _ => Problem::new(
                ProblemKind::Network,
                "The request did not complete",
                "Try again.",
            )
            .detail(error.to_string()),
        };
        if p.request_id.is_none() {
            p.request_id = error.metadata().request_id.clone();
        }
        p
    }
}
