//! `kill -9` while the state file is being written, 20 times: every StartDeployment that got its
//! 201 is there after the restart, and the state file always loads.

use std::process::{Child, Stdio};
use std::time::{Duration, SystemTime};

use appconfig_core::{sign, sign::SigningOptions, Credentials, HttpRequest};

mod common;

const KILLS: usize = 20;

fn start(state: &std::path::Path) -> (Child, String) {
    // At 100000x the live staging chain starts a deployment every few ms, so the ticker writes
    // the state file all the time, besides the writes of the StartDeployments.
    common::spawn_binary(
        &[
            "--port".as_ref(),
            "0".as_ref(),
            "--quiet".as_ref(),
            "--speed".as_ref(),
            "100000".as_ref(),
            "--state".as_ref(),
            state.as_os_str(),
        ],
        Stdio::inherit(),
    )
}

async fn send(
    client: &reqwest::Client,
    method: &str,
    url: String,
    body: &str,
) -> Option<(u16, serde_json::Value)> {
    let mut req = HttpRequest {
        method: method.into(),
        url,
        headers: vec![],
        body: body.as_bytes().to_vec(),
    };
    if !body.is_empty() {
        req.headers
            .push(("content-type".into(), "application/json".into()));
    }
    let creds = Credentials::new(
        "AKIDAPPCONFIGSIMDEMO",
        "appconfig-sim-demo-secret-key",
        None,
    );
    let signed = sign(
        &req,
        &creds,
        "us-east-1",
        "appconfig",
        SystemTime::now(),
        SigningOptions::default(),
    )
    .ok()?;
    let mut b = client.request(
        reqwest::Method::from_bytes(method.as_bytes()).ok()?,
        &req.url,
    );
    for (k, v) in req.headers.iter().chain(signed.headers.iter()) {
        b = b.header(k, v);
    }
    let r = b.body(req.body).send().await.ok()?;
    let status = r.status().as_u16();
    let json = serde_json::from_slice(&r.bytes().await.ok()?).unwrap_or(serde_json::Value::Null);
    Some((status, json))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_state_writes_loses_no_acknowledged_change() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let start_path = "/applications/web0001/environments/dev0001/deployments";
    let body = r#"{"DeploymentStrategyId":"AppConfig.AllAtOnce","ConfigurationProfileId":"wcfg001","ConfigurationVersion":"9"}"#;
    let mut acknowledged: Vec<i64> = Vec::new();
    let mut seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut random = move |lo: u64, hi: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        lo + seed % (hi - lo)
    };
    for round in 0..=KILLS {
        let (mut child, url) = start(&state);
        // Everything acknowledged before is there (ListDeployments, 50 a page).
        let mut present = std::collections::BTreeSet::new();
        let mut token: Option<String> = None;
        loop {
            let mut page = format!("{url}{start_path}");
            if let Some(t) = &token {
                page.push_str(&format!(
                    "?next_token={}",
                    appconfig_core::operation::encode_label(t)
                ));
            }
            let (status, json) = send(&client, "GET", page, "").await.expect("answered");
            assert_eq!(status, 200, "round {round}: {json}");
            for d in json["Items"].as_array().unwrap() {
                present.insert(d["DeploymentNumber"].as_i64().unwrap());
            }
            match json["NextToken"].as_str() {
                Some(t) => token = Some(t.to_owned()),
                None => break,
            }
        }
        let lost: Vec<&i64> = acknowledged
            .iter()
            .filter(|n| !present.contains(n))
            .collect();
        assert!(
            lost.is_empty(),
            "round {round}: acknowledged deployments lost: {lost:?}"
        );
        if round == KILLS {
            let _ = child.kill();
            let _ = child.wait();
            break;
        }
        // Start deployments (all at once, 10 min bake: 6 ms at 100000x) until a random moment,
        // then SIGKILL.
        let kill_at = tokio::time::Instant::now() + Duration::from_millis(random(30, 400));
        while tokio::time::Instant::now() < kill_at {
            match send(&client, "POST", format!("{url}{start_path}"), body).await {
                Some((201, d)) => acknowledged.push(d["DeploymentNumber"].as_i64().unwrap()),
                Some((409, _)) => tokio::time::sleep(Duration::from_millis(2)).await,
                other => panic!("round {round}: {other:?}"),
            }
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let text = std::fs::read(&state).unwrap();
        assert!(
            serde_json::from_slice::<serde_json::Value>(&text).is_ok(),
            "round {round}: corrupt state file"
        );
    }
    eprintln!(
        "{KILLS} kills survived, {} acknowledged StartDeployments all kept",
        acknowledged.len()
    );
    assert!(acknowledged.len() >= KILLS, "{}", acknowledged.len());
    // No temporary file is left behind after the last start.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "state.json")
        .collect();
    assert!(
        names.iter().all(|n| n.starts_with(".state.json.tmp-")),
        "{names:?}"
    );
    assert!(names.len() <= 1, "stale temporary files: {names:?}");
}
