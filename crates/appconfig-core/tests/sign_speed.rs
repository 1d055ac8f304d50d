//! Signing speed, natively:
//! `cargo test --release -p appconfig-core --test sign_speed -- --ignored --nocapture`.
//! Not a test of correctness (the vectors are that); ignored by default so the test command
//! stays cheap. `SIGN_BENCH_N` sets the number of signatures (for a run under
//! `valgrind --tool=callgrind`, whose instruction counts a busy machine does not change).

#![cfg(not(target_arch = "wasm32"))]

use std::time::{Duration, Instant, SystemTime};

use appconfig_core::{
    sign,
    sign::{Signer, SigningOptions},
    Credentials, DateTime, HttpRequest,
};

fn n() -> u32 {
    std::env::var("SIGN_BENCH_N")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

fn request() -> HttpRequest {
    HttpRequest {
        method: "GET".into(),
        url: "https://appconfig.us-east-1.amazonaws.com/applications/339ohji/environments/54j1r29/deployments/1".into(),
        ..Default::default()
    }
}

fn credentials() -> Credentials {
    Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        Some("IQoJb3JpZ2luX2VjEXAMPLE".into()),
    )
}

/// Signs `n()` times, one second apart (the same day), and prints the time per signature.
fn measure(what: &str, mut sign_at: impl FnMut(SystemTime) -> String) {
    let t0 = DateTime::parse("2024-05-01T12:34:56Z").unwrap();
    let mut check = 0u8;
    let n = n();
    let start = Instant::now();
    for i in 0..n {
        let time = t0.add_millis(i64::from(i % 1000) * 1000).to_system_time();
        check ^= sign_at(time).as_bytes()[0];
    }
    let elapsed: Duration = start.elapsed();
    println!(
        "{what}: {n} signatures in {:.1} ms, {:.2} µs each",
        elapsed.as_secs_f64() * 1e3,
        elapsed.as_secs_f64() * 1e6 / f64::from(n)
    );
    assert_ne!(check, 0xff);
}

#[test]
#[ignore = "a benchmark; run with --release -- --ignored --nocapture"]
fn sign_key_derived_each_time() {
    let (req, creds) = (request(), credentials());
    let options = SigningOptions::default();
    measure("sign (key derived each time)", |time| {
        sign(&req, &creds, "us-east-1", "appconfig", time, options)
            .unwrap()
            .signature
    });
}

#[test]
#[ignore = "a benchmark; run with --release -- --ignored --nocapture"]
fn sign_key_cached() {
    let (req, creds) = (request(), credentials());
    let options = SigningOptions::default();
    let mut signer = Signer::new();
    measure("Signer::sign (key cached)", |time| {
        signer
            .sign(&req, &creds, "us-east-1", "appconfig", time, options)
            .unwrap()
            .signature
    });
}
