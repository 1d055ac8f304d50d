//! The short version of the load test (examples/load; `cargo xtask load` runs the full 30 s in
//! release): 50 loopback connections of signed GetDeployment and ListDeployments for 3 s against
//! an in-process simulator whose deployments progress. No request may fail.

#[path = "../examples/load/gen.rs"]
mod gen;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_connections_for_three_seconds_without_an_error() {
    let config = appconfig_sim::Config {
        speed: 600.0,
        ..appconfig_sim::Config::for_tests()
    };
    let server = appconfig_sim::Server::start(config).await.unwrap();
    let report = gen::run(&server.url(), 50, std::time::Duration::from_secs(3), false).await;
    server.shutdown().await;
    eprintln!("{report}");
    assert_eq!(report.errors, 0, "{:?}", report.error_samples);
    assert!(report.requests() > 500, "{report}");
    assert_eq!(report.ok.len(), 2, "{report}");
}
