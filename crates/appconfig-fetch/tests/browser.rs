//! The transport and retry loop in headless Chromium:
//! `cargo test -p appconfig-fetch --target wasm32-unknown-unknown` (wasm-bindgen-test-runner;
//! set `CHROMEDRIVER=/usr/bin/chromedriver` if needed). Success paths, service errors, retries,
//! clock skew and timeouts against a real server are covered by `web/pkg-tests` through the npm
//! package, which is built on this crate.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use appconfig_core::{ClientConfig, Credentials, GetDeploymentInput};
use appconfig_fetch::{runtime, FetchClient, FetchErrorKind, FetchOptions, ProvidedCredentials};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn config(endpoint: &str) -> ClientConfig {
    ClientConfig {
        region: Some("us-east-1".into()),
        endpoint: Some(endpoint.into()),
        ..Default::default()
    }
}

fn input() -> GetDeploymentInput {
    GetDeploymentInput {
        application_id: "app".into(),
        environment_id: "env".into(),
        deployment_number: 1,
    }
}

fn creds() -> Credentials {
    Credentials::new("AKID", "SECRET", None)
}

#[wasm_bindgen_test]
async fn sleep_waits_and_abort_cuts_it_short() {
    let start = runtime::now_ms();
    runtime::sleep(30, None).await.unwrap();
    assert!(runtime::now_ms() - start >= 25.0);

    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    assert!(runtime::sleep(10_000, Some(&controller.signal()))
        .await
        .is_err());

    let controller = web_sys::AbortController::new().unwrap();
    let signal = controller.signal();
    let c = controller.clone();
    wasm_bindgen_futures::spawn_local(async move {
        runtime::sleep(20, None).await.unwrap();
        c.abort();
    });
    let start = runtime::now_ms();
    assert!(runtime::sleep(10_000, Some(&signal)).await.is_err());
    assert!(runtime::now_ms() - start < 5_000.0);
}

#[wasm_bindgen_test]
fn cross_origin_detection() {
    let origin = runtime::page_origin().expect("a page has an origin");
    assert!(!runtime::is_cross_origin(&format!("{origin}/x")));
    assert!(runtime::is_cross_origin(
        "https://appconfig.us-east-1.amazonaws.com/applications"
    ));
    assert!(!runtime::is_node());
}

#[wasm_bindgen_test]
async fn unreachable_cross_origin_endpoint_is_a_network_error_that_mentions_cors() {
    let client = FetchClient::new(
        &config("http://127.0.0.1:9"),
        creds(),
        FetchOptions {
            max_attempts: 2,
            request_timeout_ms: Some(5_000),
        },
    )
    .unwrap();
    let err = client.call(&input(), None).await.unwrap_err();
    assert_eq!(err.name(), "NetworkError");
    assert_eq!(err.metadata().attempts, 2);
    match err.kind() {
        FetchErrorKind::Network { cors_suspected, .. } => assert!(cors_suspected),
        other => panic!("expected a network error, got {other:?}"),
    }
    let text = err.to_string();
    assert!(text.contains("CORS") && text.contains("proxy"), "{text}");
}

#[wasm_bindgen_test]
async fn invalid_input_and_aborted_signals_send_nothing() {
    let provided = Rc::new(Cell::new(0));
    let p = provided.clone();
    let client = FetchClient::with_provider(
        &config("http://127.0.0.1:9"),
        Rc::new(move || {
            p.set(p.get() + 1);
            async {
                Ok(ProvidedCredentials {
                    credentials: creds(),
                    expires_at_ms: None,
                })
            }
        }),
        FetchOptions::default(),
    )
    .unwrap();
    let mut bad = input();
    bad.environment_id.clear();
    let err = client.call(&bad, None).await.unwrap_err();
    assert_eq!(err.name(), "ValidationError");
    assert_eq!(err.metadata().attempts, 0);
    assert_eq!(provided.get(), 0, "bad input never reaches the provider");

    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    let err = client
        .call(&input(), Some(controller.signal()))
        .await
        .unwrap_err();
    assert_eq!(err.name(), "AbortError");
    assert_eq!(err.metadata().attempts, 0);
}

#[wasm_bindgen_test]
async fn provider_failures_are_credentials_errors() {
    let client = FetchClient::with_provider(
        &config("http://127.0.0.1:9"),
        Rc::new(|| async { Err::<ProvidedCredentials, String>("no session".into()) }),
        FetchOptions::default(),
    )
    .unwrap();
    let err = client.call(&input(), None).await.unwrap_err();
    assert_eq!(err.name(), "CredentialsProviderError");
    assert_eq!(err.to_string(), "could not get credentials: no session");
}

fn gateway_config(gateway: &str) -> ClientConfig {
    ClientConfig {
        region: Some("us-east-1".into()),
        gateway: Some(gateway.into()),
        account: Some("prod".into()),
        ..Default::default()
    }
}

#[wasm_bindgen_test]
async fn gateway_token_provider_is_asked_before_every_attempt() {
    let asked = Rc::new(Cell::new(0));
    let a = asked.clone();
    let provider: Rc<dyn appconfig_fetch::TokenProvider> = Rc::new(move || {
        a.set(a.get() + 1);
        async { Ok::<_, String>("portal-token".to_owned()) }
    });
    let client = FetchClient::gateway(
        &gateway_config("http://127.0.0.1:9"),
        Some(appconfig_fetch::GatewayToken::Provider(provider)),
        FetchOptions {
            max_attempts: 2,
            request_timeout_ms: Some(5_000),
        },
    )
    .unwrap();
    let err = client.call(&input(), None).await.unwrap_err();
    assert_eq!(err.name(), "NetworkError");
    assert_eq!(err.metadata().attempts, 2);
    assert_eq!(asked.get(), 2, "one token per attempt");
}

#[wasm_bindgen_test]
async fn gateway_token_failures_send_nothing() {
    let client = FetchClient::gateway(
        &gateway_config("http://127.0.0.1:9"),
        Some(appconfig_fetch::GatewayToken::Provider(Rc::new(|| async {
            Err::<String, String>("signed out".into())
        }))),
        FetchOptions::default(),
    )
    .unwrap();
    let err = client.call(&input(), None).await.unwrap_err();
    assert_eq!(err.name(), "CredentialsProviderError");
    assert_eq!(err.metadata().attempts, 0);
}
