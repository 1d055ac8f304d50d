//! Helpers: start a simulator in-process and call it with requests signed by the core.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::SystemTime;

use appconfig_core::{sign, sign::SigningOptions, Credentials, DateTime, HttpRequest};
use appconfig_sim::{Config, Server, ServerHandle};
use serde_json::Value;

/// The simulator's binary, for tests that run it as a process (kill -9, memory, limits).
pub(crate) const BIN: &str = env!("CARGO_BIN_EXE_appconfig-sim");

/// Starts the binary with `args` and reads its first stdout line: the child and its base URL
/// (`http://127.0.0.1:<port>`). Panics with the line when it is not the listening line.
pub(crate) fn spawn_binary(args: &[&std::ffi::OsStr], stderr: Stdio) -> (Child, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let url = first
        .trim()
        .strip_prefix("appconfig-sim listening on ")
        .unwrap_or_else(|| {
            panic!("the simulator did not start (a bad flag, a corrupt state file?): {first:?}")
        })
        .to_owned();
    (child, url)
}

pub(crate) const DEMO_ID: &str = "AKIDAPPCONFIGSIMDEMO";
pub(crate) const DEMO_SECRET: &str = "appconfig-sim-demo-secret-key";

pub(crate) fn demo() -> Credentials {
    Credentials::new(DEMO_ID, DEMO_SECRET, None)
}

pub(crate) struct Sim {
    pub handle: ServerHandle,
    pub base: String,
    pub client: reqwest::Client,
}

#[derive(Debug)]
pub(crate) struct Resp {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
    pub json: Value,
}

impl Resp {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts an AWS error: status, `x-amzn-ErrorType`, JSON content type, request id.
    pub(crate) fn assert_error(&self, status: u16, code: &str) -> &Self {
        assert_eq!(self.status, status, "{}", self.text);
        assert_eq!(self.header("x-amzn-errortype"), Some(code), "{}", self.text);
        assert_eq!(self.header("content-type"), Some("application/json"));
        assert_request_id(self);
        assert!(self.json.get("Message").is_some(), "{}", self.text);
        self
    }

    /// Asserts AppConfig's answer to an unsigned request: 403 and the front end's XML body,
    /// without `Content-Type` or `x-amzn-ErrorType` (captured; see the simulator's `http.rs`).
    pub(crate) fn assert_missing_token(&self) {
        assert_eq!(self.status, 403, "{}", self.text);
        assert_eq!(
            self.text,
            "<MissingAuthenticationTokenException>\n  <Message>Missing Authentication Token</Message>\n</MissingAuthenticationTokenException>\n"
        );
        assert_eq!(self.header("content-type"), None);
        assert_eq!(self.header("x-amzn-errortype"), None);
        assert_eq!(self.header("content-length"), Some("127"));
        assert_request_id(self);
    }

    pub(crate) fn message(&self) -> &str {
        self.json["Message"].as_str().unwrap_or_default()
    }
}

pub(crate) fn assert_request_id(r: &Resp) {
    let id = r.header("x-amzn-requestid").expect("x-amzn-RequestId");
    let parts: Vec<&str> = id.split('-').collect();
    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    assert_eq!(lens, vec![8, 4, 4, 4, 12], "{id}");
    assert!(
        id.chars().all(|c| c.is_ascii_hexdigit() || c == '-'),
        "{id}"
    );
    assert!(r.header("date").is_some(), "Date header");
}

pub(crate) fn test_config(speed: f64) -> Config {
    Config {
        speed,
        ..Config::for_tests()
    }
}

pub(crate) async fn start(config: Config) -> Sim {
    let handle = Server::start(config).await.expect("server starts");
    let base = handle.url();
    Sim {
        handle,
        base,
        client: reqwest::Client::new(),
    }
}

pub(crate) async fn read(r: reqwest::Response) -> Resp {
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    let text = r.text().await.unwrap_or_default();
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    Resp {
        status,
        headers,
        text,
        json,
    }
}

impl Sim {
    /// A request signed with the demo key now.
    pub(crate) async fn call(&self, method: &str, path: &str, body: Option<&str>) -> Resp {
        self.call_with(method, path, body, &[], &demo(), SystemTime::now())
            .await
    }

    pub(crate) async fn get(&self, path: &str) -> Resp {
        self.call("GET", path, None).await
    }

    /// A request signed by the core with `creds` at `time`, with extra (signed) headers.
    pub(crate) async fn call_with(
        &self,
        method: &str,
        path: &str,
        body: Option<&str>,
        headers: &[(&str, &str)],
        creds: &Credentials,
        time: SystemTime,
    ) -> Resp {
        let mut req = HttpRequest {
            method: method.into(),
            url: format!("{}{}", self.base, path),
            headers: headers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            body: body.unwrap_or_default().as_bytes().to_vec(),
        };
        if body.is_some() {
            req.headers
                .push(("content-type".into(), "application/json".into()));
        }
        let signed = sign(
            &req,
            creds,
            "us-east-1",
            "appconfig",
            time,
            SigningOptions::default(),
        )
        .expect("signs");
        req.headers.extend(signed.headers);
        self.send(req).await
    }

    pub(crate) async fn send(&self, req: appconfig_core::HttpRequest) -> Resp {
        let method = reqwest::Method::from_bytes(req.method.as_bytes()).unwrap();
        let mut b = self.client.request(method, &req.url);
        for (k, v) in &req.headers {
            b = b.header(k, v);
        }
        read(b.body(req.body).send().await.expect("request sent")).await
    }

    /// An unsigned request.
    pub(crate) async fn plain(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Resp {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut b = self
            .client
            .request(method, format!("{}{}", self.base, path));
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        read(b.body(body.to_owned()).send().await.expect("request sent")).await
    }

    pub(crate) async fn alarm(&self, app: &str, env: &str) -> Resp {
        let body = serde_json::json!({"ApplicationId": app, "EnvironmentId": env}).to_string();
        self.plain(
            "POST",
            "/_sim/alarm",
            &[("content-type", "application/json")],
            &body,
        )
        .await
    }
}

pub(crate) fn time(s: &str) -> DateTime {
    DateTime::parse(s).expect("timestamp")
}

/// The event types of an EventLog, newest first.
pub(crate) fn event_types(d: &Value) -> Vec<String> {
    d["EventLog"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["EventType"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Polls GetDeployment until `pred` holds or `ms` pass.
pub(crate) async fn poll_until(
    sim: &Sim,
    path: &str,
    ms: u64,
    pred: impl Fn(&Value) -> bool,
) -> Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(ms);
    loop {
        let r = sim.get(path).await;
        assert_eq!(r.status, 200, "{}", r.text);
        if pred(&r.json) || std::time::Instant::now() > deadline {
            return r.json;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// The `x-amz-date` form of a time (`20240101T000000Z`).
pub(crate) fn amz_date(t: &DateTime) -> String {
    t.to_amz_date()
}
