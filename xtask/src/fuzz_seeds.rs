//! The fuzz targets' seed corpora, written from the test fixtures (never committed: they are
//! regenerated before every run, so they follow the fixtures). Each seed is in the framing its
//! target reads (see `crates/appconfig-fuzz/src/`).

use std::fs;
use std::path::Path;

use serde_json::Value;

const CORE_DATA: &str = "crates/appconfig-core/tests/data";
/// Committed seeds, `<target>/<name>`: the simulator's requests (its fixtures are not
/// requests) and the inputs that crashed a target once, replayed by every run.
pub(crate) const COMMITTED: &str = "crates/appconfig-fuzz/seeds";

/// Writes the seeds of every target into `out/<target>/`, replacing what was there; returns
/// how many each target got.
pub(crate) fn write_all(out: &Path) -> Result<Vec<(&'static str, usize)>, String> {
    let mut seeds: Vec<(&'static str, Vec<Vec<u8>>)> = vec![
        ("parse_response", Vec::new()),
        ("parse_error", Vec::new()),
        ("from_json", Vec::new()),
        ("timeline", Vec::new()),
        ("validate", Vec::new()),
        ("sign", Vec::new()),
        ("sim_request", Vec::new()),
        ("diff", Vec::new()),
    ];
    let mut add = |target: &str, seed: Vec<u8>| {
        if let Some((_, list)) = seeds.iter_mut().find(|(t, _)| *t == target) {
            list.push(seed);
        }
    };

    // The diff's vectors, with default and tiny limits: `Kind[ small]\n<old>\0<new>`.
    for path in list_dir("crates/appconfig-core/tests/vectors/diff")? {
        let case = read_json(&path)?;
        let side = |name: &str| -> Option<Vec<u8>> {
            match case[format!("{name}_hex")].as_str() {
                Some(h) => decode_hex(h),
                None => case[name].as_str().map(|s| s.as_bytes().to_vec()),
            }
        };
        let kind = case["kind"].as_str().unwrap_or("Text");
        let new = side("new").unwrap_or_default();
        for head in [kind.to_owned(), format!("{kind} small")] {
            let mut seed = format!("{head}\n").into_bytes();
            if let Some(old) = side("old") {
                seed.extend_from_slice(&old);
                seed.push(0);
            }
            seed.extend_from_slice(&new);
            add("diff", seed);
        }
    }
    // Hosted-configuration responses: the blob payload and the JSON pages.
    let hosted = read_json(&format!("{CORE_DATA}/hosted/responses.json"))?;
    for case in array(&hosted["cases"]) {
        let head = headers_text(&case["headers"]);
        let body = match case["body_hex"].as_str() {
            Some(h) => decode_hex(h).unwrap_or_default(),
            None => case["body"]
                .as_str()
                .unwrap_or_default()
                .as_bytes()
                .to_vec(),
        };
        let status = case["status"].as_u64().unwrap_or(200);
        let op = case["operation"]
            .as_str()
            .unwrap_or("GetHostedConfigurationVersion");
        let mut seed = format!("{op} {status}\n{head}\n").into_bytes();
        seed.extend_from_slice(&body);
        add("parse_response", seed);
    }
    // AWS error responses and malformed 2xx bodies.
    let responses = read_json(&format!("{CORE_DATA}/errors/responses.json"))?;
    for case in array(&responses["cases"]) {
        let head = headers_text(&case["headers"]);
        let body = case["body"].as_str().unwrap_or_default();
        let status = case["status"].as_u64().unwrap_or(200);
        let op = case["operation"].as_str().unwrap_or("GetDeployment");
        add(
            "parse_response",
            format!("{op} {status}\n{head}\n{body}").into_bytes(),
        );
        add(
            "parse_error",
            format!("{status}\n{head}\n{body}").into_bytes(),
        );
    }
    // botocore's examples: every output of the operations the core reads.
    let examples = read_json(&format!("{CORE_DATA}/model/examples-1.json"))?;
    for (op, list) in examples["examples"].as_object().into_iter().flatten() {
        for example in array(list) {
            let body = example["output"].to_string();
            add("parse_response", format!("{op} 200\n\n{body}").into_bytes());
            if op == "GetDeployment" || op == "StopDeployment" {
                add("from_json", body.into_bytes());
            }
        }
    }
    // Deployments with every member and with unknown values.
    for name in [
        "deployment-all-members.json",
        "deployment-unknown-values.json",
    ] {
        let text = read(&format!("{CORE_DATA}/model/{name}"))?;
        add(
            "parse_response",
            format!("GetDeployment 200\n\n{text}").into_bytes(),
        );
        add("from_json", text.clone().into_bytes());
        add("timeline", format!("json\n\n{text}").into_bytes());
    }
    // Deployments in every state, with the `now` of the case.
    let cases = list_dir(&format!("{CORE_DATA}/timeline"))?;
    // Files only: `timeline/summary/` holds cases of another shape.
    for entry in cases.into_iter().filter(|p| p.ends_with(".json")) {
        let case = read_json(&entry)?;
        let deployment = case["deployment"].to_string();
        let now = case["now"].as_str().unwrap_or_default();
        add(
            "timeline",
            format!("json\n{now}\n{deployment}").into_bytes(),
        );
        add("from_json", deployment.clone().into_bytes());
        add(
            "parse_response",
            format!("GetDeployment 200\n\n{deployment}").into_bytes(),
        );
    }
    // The SigV4 suite's requests with their context.
    for dir in list_dir(&format!("{CORE_DATA}/sigv4"))? {
        let (Ok(request), Ok(context)) = (
            read(&format!("{dir}/request.txt")),
            read_json(&format!("{dir}/context.json")),
        ) else {
            continue;
        };
        let c = &context["credentials"];
        let bits = u8::from(context["normalize"].as_bool().unwrap_or(true))
            | (u8::from(context["sign_body"].as_bool().unwrap_or(true)) << 1)
            | (u8::from(context["omit_session_token"].as_bool().unwrap_or(false)) << 2);
        let mut params = format!(
            "{} {} {} {bits} {} {}",
            context["region"].as_str().unwrap_or_default(),
            context["service"].as_str().unwrap_or_default(),
            epoch_seconds(context["timestamp"].as_str().unwrap_or_default()),
            c["access_key_id"].as_str().unwrap_or_default(),
            c["secret_access_key"].as_str().unwrap_or_default(),
        );
        if let Some(t) = c["token"].as_str() {
            params = format!("{params} {t}");
        }
        add("sign", format!("{params}\n{request}").into_bytes());
    }
    // Requests botocore signed for AppConfig.
    for file in list_dir(&format!("{CORE_DATA}/botocore"))? {
        let v = read_json(&file)?;
        let c = &v["credentials"];
        let e = &v["expected"];
        let mut params = format!(
            "{} appconfig {} 1 {} {}",
            v["region"].as_str().unwrap_or("us-east-1"),
            epoch_seconds(v["time"].as_str().unwrap_or_default()),
            c["access_key_id"].as_str().unwrap_or_default(),
            c["secret_access_key"].as_str().unwrap_or_default(),
        );
        if let Some(t) = c["session_token"].as_str() {
            params = format!("{params} {t}");
        }
        let method = e["method"].as_str().unwrap_or("GET");
        let url = e["url"].as_str().unwrap_or_default();
        add(
            "sign",
            format!("{params}\n{method} {url} HTTP/1.1\n").into_bytes(),
        );
    }
    // Committed by hand: the simulator's requests, and every input that once crashed a target.
    for (target, list) in seeds.iter_mut() {
        for file in list_dir(&format!("{COMMITTED}/{target}")).unwrap_or_default() {
            list.push(fs::read(&file).map_err(|e| format!("{file}: {e}"))?);
        }
    }

    let mut counts = Vec::new();
    for (target, list) in &seeds {
        let dir = out.join(target);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for (i, seed) in list.iter().enumerate() {
            let path = dir.join(format!("seed-{i:03}"));
            fs::write(&path, seed).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        counts.push((*target, list.len()));
    }
    Ok(counts)
}

/// The bytes of a hex string (None when it is not hex).
fn decode_hex(h: &str) -> Option<Vec<u8>> {
    (0..h.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(h.get(i..i + 2)?, 16).ok())
        .collect()
}

fn read(path: &str) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

fn read_json(path: &str) -> Result<Value, String> {
    serde_json::from_str(&read(path)?).map_err(|e| format!("{path}: {e}"))
}

fn array(v: &Value) -> impl Iterator<Item = &Value> {
    v.as_array().into_iter().flatten()
}

fn list_dir(dir: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = fs::read_dir(dir)
        .map_err(|e| format!("{dir}: {e}"))?
        .filter_map(|e| e.ok())
        .map(|e| e.path().display().to_string())
        .filter(|p| !p.ends_with("NOTICE") && !p.ends_with(".md"))
        .collect();
    out.sort();
    Ok(out)
}

/// `[["Name", "value"], ...]` as header lines, each ending in a newline.
fn headers_text(v: &Value) -> String {
    array(v)
        .filter_map(|h| Some(format!("{}: {}\n", h[0].as_str()?, h[1].as_str()?)))
        .collect()
}

/// Seconds since the epoch of `YYYY-MM-DDTHH:MM:SSZ` (the fixtures' form); 0 for anything else.
fn epoch_seconds(t: &str) -> i64 {
    let num = |r: std::ops::Range<usize>| t.get(r).and_then(|s| s.parse::<i64>().ok());
    let (Some(y), Some(m), Some(d), Some(hh), Some(mm), Some(ss)) = (
        num(0..4),
        num(5..7),
        num(8..10),
        num(11..13),
        num(14..16),
        num(17..19),
    ) else {
        return 0;
    };
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + hh * 3600 + mm * 60 + ss
}

#[cfg(test)]
mod tests {
    #[test]
    fn epoch_seconds_of_the_suites_timestamp() {
        assert_eq!(super::epoch_seconds("2015-08-30T12:36:00Z"), 1_440_938_160);
        assert_eq!(super::epoch_seconds("1970-01-01T00:00:00Z"), 0);
        assert_eq!(super::epoch_seconds("2024-05-01T12:00:00Z"), 1_714_564_800);
    }
}
