//! Two simulators standing for two accounts (their own keys and regions), a gateway in front of
//! them, and a plain HTTP client.

#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

use appconfig_gateway::{AuditLog, Config, Gateway, GatewayHandle};
use appconfig_sim::{Config as SimConfig, Key, Server, ServerHandle};
use serde_json::Value;

pub(crate) const KEY_A: (&str, &str) = ("AKIDACCOUNTAAAAAAAAA", "secret-of-account-a-never-shown");
pub(crate) const KEY_B: (&str, &str) = ("AKIDACCOUNTBBBBBBBBB", "secret-of-account-b-never-shown");
/// The portal's bearer token (its SHA-256 is in the configuration).
pub(crate) const TOKEN: &str = "portal-token-0123456789abcdef";

pub(crate) struct World {
    pub(crate) sim_a: ServerHandle,
    pub(crate) sim_b: ServerHandle,
    pub(crate) gateway: GatewayHandle,
    pub(crate) audit: AuditLog,
    pub(crate) dir: tempfile::TempDir,
    pub(crate) http: reqwest::Client,
}

pub(crate) async fn simulator(key: (&str, &str), region: &str) -> ServerHandle {
    Server::start(SimConfig {
        keys: vec![Key::new(key.0, key.1)],
        region: region.to_owned(),
        extra_environments: 50,
        ..SimConfig::for_tests()
    })
    .await
    .expect("stage start simulator")
}

pub(crate) fn sha256_hex(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A shared config file with one profile per account, and an empty credentials file (so no
/// developer's ~/.aws is read).
pub(crate) fn profiles(dir: &std::path::Path, extra: &str) -> (PathBuf, PathBuf) {
    let config = dir.join("aws-config");
    let credentials = dir.join("aws-credentials");
    std::fs::write(
        &config,
        format!(
            "[profile a]\naws_access_key_id = {}\naws_secret_access_key = {}\n\n[profile b]\naws_access_key_id = {}\naws_secret_access_key = {}\n{extra}",
            KEY_A.0, KEY_A.1, KEY_B.0, KEY_B.1
        ),
    )
    .unwrap();
    std::fs::write(&credentials, "").unwrap();
    (config, credentials)
}

/// The configuration text naming both simulators; `more` is appended (top-level keys go in
/// `head`).
pub(crate) fn config_text(
    world_dir: &std::path::Path,
    sim_a: &str,
    sim_b: &str,
    head: &str,
    more: &str,
) -> String {
    let (config, credentials) = profiles(world_dir, "");
    let files = format!(
        "config_file = {:?}, credentials_file = {:?}",
        config.display().to_string(),
        credentials.display().to_string()
    );
    format!(
        r#"listen = "127.0.0.1:0"
allowed_origins = ["https://portal.example"]
{head}

[auth]
tokens = [{{ name = "portal", sha256 = "{hash}" }}]

[accounts.a]
region = "us-east-1"
endpoint = "{sim_a}"
credentials = {{ profile = "a", {files} }}

[accounts.b]
regions = ["eu-west-1"]
endpoint = "{sim_b}"
credentials = {{ profile = "b", {files} }}
{more}
"#,
        hash = sha256_hex(TOKEN)
    )
}

pub(crate) async fn gateway(text: &str) -> (GatewayHandle, AuditLog) {
    let config = Config::from_toml(text, "test.toml").expect("stage parse config");
    let audit = AuditLog::in_memory();
    let g = Gateway::start(config, audit.clone())
        .await
        .expect("stage start gateway");
    (g, audit)
}

pub(crate) async fn world(head: &str, more: &str) -> World {
    let sim_a = simulator(KEY_A, "us-east-1").await;
    let sim_b = simulator(KEY_B, "eu-west-1").await;
    let dir = tempfile::tempdir().unwrap();
    let text = config_text(dir.path(), &sim_a.url(), &sim_b.url(), head, more);
    let (gateway, audit) = gateway(&text).await;
    World {
        sim_a,
        sim_b,
        gateway,
        audit,
        dir,
        http: client(),
    }
}

pub(crate) fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

/// `GET /_sim/requests` of a simulator: upstream requests it got, by operation.
pub(crate) async fn sim_requests(http: &reqwest::Client, sim: &ServerHandle) -> Value {
    http.get(format!("{}/_sim/requests", sim.url()))
        .send()
        .await
        .expect("stage sim requests")
        .text()
        .await
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .expect("stage sim requests JSON")
}

pub(crate) async fn sim_total(http: &reqwest::Client, sim: &ServerHandle) -> u64 {
    sim_requests(http, sim).await["total"].as_u64().unwrap()
}

pub(crate) async fn reset(http: &reqwest::Client, sim: &ServerHandle) {
    http.post(format!("{}/_sim/requests/reset", sim.url()))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .expect("stage reset counts");
}

pub(crate) async fn faults(http: &reqwest::Client, sim: &ServerHandle, body: &str) {
    let r = http
        .post(format!("{}/_sim/faults", sim.url()))
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .expect("stage faults");
    assert_eq!(r.status(), 200, "stage faults");
}

/// A response's status, headers and body text.
pub(crate) struct Got {
    pub(crate) status: u16,
    pub(crate) headers: reqwest::header::HeaderMap,
    pub(crate) body: String,
}

impl Got {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    pub(crate) fn error_type(&self) -> Option<&str> {
        self.header("x-amzn-errortype")
    }
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }
    /// Nothing of either account's secret, the token, or a signature in what a browser sees.
    pub(crate) fn assert_no_secret(&self) {
        let all = format!("{:?} {}", self.headers, self.body);
        for secret in [KEY_A.1, KEY_B.1, TOKEN, "AWS4-HMAC-SHA256", "Signature="] {
            assert!(!all.contains(secret), "a secret leaked: {all}");
        }
    }
}

pub(crate) async fn send(req: reqwest::RequestBuilder) -> Got {
    let r = req.send().await.expect("stage send");
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    let body = r.text().await.unwrap_or_default();
    Got {
        status,
        headers,
        body,
    }
}

impl World {
    pub(crate) fn url(&self, account: &str, region: &str, path: &str) -> String {
        format!(
            "{}/v1/{account}/{region}/appconfig{path}",
            self.gateway.url()
        )
    }

    pub(crate) async fn get(&self, account: &str, region: &str, path: &str) -> Got {
        send(
            self.http
                .get(self.url(account, region, path))
                .bearer_auth(TOKEN),
        )
        .await
    }
}
