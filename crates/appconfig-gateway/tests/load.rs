//! A short run of the load benchmark (`examples/viewers.rs` runs it for a minute): many viewers
//! cost the upstream at most one request per environment per freshness window, and no errors.

#[allow(dead_code, unreachable_pub)]
#[path = "support/load.rs"]
mod load;

use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_viewers_cost_one_upstream_request_per_environment_per_window() {
    let r = load::run(load::Load {
        viewers: 100,
        environments: 20,
        interval: Duration::from_secs(2),
        duration: Duration::from_secs(2),
        connections: 10,
        running_seconds: 0.5,
        finished_seconds: 60.0,
    })
    .await;
    assert_eq!(r.errors, 0, "{r:?}");
    assert!(r.upstream <= r.upstream_bound, "{r:?}");
    assert!(r.upstream >= 20, "every environment was read: {r:?}");
    assert!(r.hits >= r.requests * 8 / 10, "most reads are hits: {r:?}");
}
