//! The binary: its first stdout line, the request log, and bad arguments.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_appconfig-sim");

#[test]
fn first_line_then_credentials_and_a_log_line_per_request() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .args(["--port", "0", "--speed", "60", "--state"])
        .arg(dir.path().join("s.json"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let first = first.trim_end();
    let url = first
        .strip_prefix("appconfig-sim listening on http://127.0.0.1:")
        .map(|port| {
            assert!(port.parse::<u16>().is_ok_and(|p| p > 0), "{first}");
            format!("http://127.0.0.1:{port}")
        })
        .unwrap_or_else(|| panic!("first line: {first:?}"));
    let mut rest = Vec::new();
    for _ in 0..4 {
        let mut l = String::new();
        out.read_line(&mut l).unwrap();
        rest.push(l.trim_end().to_owned());
    }
    assert_eq!(rest[0], "access key id: AKIDAPPCONFIGSIMDEMO");
    assert_eq!(rest[1], "secret access key: appconfig-sim-demo-secret-key");
    assert_eq!(rest[2], "region: us-east-1");
    assert_eq!(rest[3], "speed: 60x");

    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let c = reqwest::Client::new();
        let r = c.get(format!("{url}/_sim/health")).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let r = c
            .get(format!("{url}/applications?next_token=secret-query"))
            .header("authorization", "AWS4-HMAC-SHA256 Credential=AKIDAPPCONFIGSIMDEMO/20240101/us-east-1/appconfig/aws4_request, SignedHeaders=host;x-amz-date, Signature=deadbeefdeadbeef")
            .header("x-amz-date", "20240101T000000Z")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
    });
    std::thread::sleep(Duration::from_millis(200));
    child.kill().unwrap();
    child.wait().unwrap();
    let mut log = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 2, "{log}");
    assert!(lines[0].starts_with("GET /_sim/health 200 "), "{log}");
    assert!(lines[0].ends_with("ms"), "{log}");
    assert!(lines[1].starts_with("GET /applications 403 "), "{log}");
    for secret in [
        "deadbeef",
        "AWS4-HMAC",
        "secret-query",
        "appconfig-sim-demo-secret-key",
    ] {
        assert!(!log.contains(secret), "{secret} in {log}");
    }
}

#[test]
fn bad_arguments_exit_2_with_a_message() {
    for args in [
        &["--port", "nope"][..],
        &["--bogus"],
        &["--speed", "-1"],
        &["--key", "x"],
    ] {
        let out = Command::new(BIN).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("appconfig-sim: "), "{err}");
        assert!(out.stdout.is_empty());
    }
    let out = Command::new(BIN).arg("--help").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("--speed N"));
}

#[test]
fn an_unwritable_state_file_stops_the_start() {
    let out = Command::new(BIN)
        .args(["--port", "0", "--state", "/nonexistent-dir/state.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "nothing printed before a failed start"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot create"), "{err}");
}
