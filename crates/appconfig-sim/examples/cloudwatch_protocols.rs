//! Measures CloudWatch's three protocols for what the dashboard reads: the bytes of the
//! simulator's `DescribeAlarms` (the seeded alarms) and `DescribeAlarmHistory` answers in each,
//! and how long decoding takes natively (json: the core's reader, which the dashboard already
//! carries; cbor: ciborium into the same typed output). Writes the bodies to the folder given
//! (default `target/cloudwatch-protocols`) so that their gzip sizes can be measured too.
//!
//! `cargo run --release -p appconfig-sim --example cloudwatch_protocols [DIR]`

use std::time::{Instant, SystemTime};

use appconfig_core::cloudwatch::{parse_describe_alarms, DescribeAlarmsOutput};
use appconfig_core::{
    sign, sign::SigningOptions, Credentials, DateTime, HttpRequest, HttpResponse,
};
use appconfig_sim::{Config, Simulator, DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY};
use bytes::Bytes;

const NAMES: [&str; 3] = [
    "payments-5xx-errors",
    "payments-staging-latency",
    "payments-staging-canary",
];

fn call(sim: &Simulator, protocol: &str, op: &str) -> Vec<u8> {
    let (path, headers, body): (String, Vec<(&str, String)>, Vec<u8>) = match (protocol, op) {
        ("json", _) => (
            "/".into(),
            vec![
                ("content-type", "application/x-amz-json-1.0".into()),
                (
                    "x-amz-target",
                    format!("GraniteServiceVersion20100801.{op}"),
                ),
            ],
            if op == "DescribeAlarms" {
                serde_json::json!({"AlarmNames": NAMES})
                    .to_string()
                    .into_bytes()
            } else {
                br#"{"AlarmName":"payments-5xx-errors"}"#.to_vec()
            },
        ),
        ("cbor", _) => {
            use ciborium::Value as C;
            let v = if op == "DescribeAlarms" {
                C::Map(vec![(
                    C::Text("AlarmNames".into()),
                    C::Array(NAMES.iter().map(|n| C::Text((*n).into())).collect()),
                )])
            } else {
                C::Map(vec![(
                    C::Text("AlarmName".into()),
                    C::Text("payments-5xx-errors".into()),
                )])
            };
            let mut b = Vec::new();
            ciborium::ser::into_writer(&v, &mut b).expect("cbor");
            (
                format!("/service/GraniteServiceVersion20100801/operation/{op}"),
                vec![
                    ("smithy-protocol", "rpc-v2-cbor".into()),
                    ("content-type", "application/cbor".into()),
                ],
                b,
            )
        }
        _ => {
            let mut form = format!("Action={op}&Version=2010-08-01");
            if op == "DescribeAlarms" {
                for (i, n) in NAMES.iter().enumerate() {
                    form.push_str(&format!("&AlarmNames.member.{}={n}", i + 1));
                }
            } else {
                form.push_str("&AlarmName=payments-5xx-errors");
            }
            (
                "/".into(),
                vec![("content-type", "application/x-www-form-urlencoded".into())],
                form.into_bytes(),
            )
        }
    };
    let mut req = HttpRequest {
        method: "POST".into(),
        url: format!("http://127.0.0.1:4010{path}"),
        headers: headers
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
        body,
    };
    let creds = Credentials::new(DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY, None);
    let s = sign(
        &req,
        &creds,
        "us-east-1",
        "monitoring",
        SystemTime::now(),
        SigningOptions::default(),
    )
    .expect("signs");
    req.headers.extend(s.headers);
    let mut b = http::Request::post(path).header("host", "127.0.0.1:4010");
    for (k, v) in &req.headers {
        b = b.header(k, v);
    }
    let resp = sim.handle_request(
        b.body(Bytes::from(req.body)).expect("request"),
        DateTime::from_system_time(SystemTime::now()),
    );
    assert_eq!(resp.status(), 200, "{protocol} {op}: {:?}", resp.body());
    resp.body().to_vec()
}

/// CBOR into the typed output: timestamps are tag 1, which serde sees as an enum, so tags are
/// taken off first (what a smithy CBOR client does with the shape in hand).
fn from_cbor(bytes: &[u8]) -> DescribeAlarmsOutput {
    fn untag(v: ciborium::Value) -> ciborium::Value {
        use ciborium::Value as C;
        match v {
            C::Tag(_, inner) => untag(*inner),
            C::Array(a) => C::Array(a.into_iter().map(untag).collect()),
            C::Map(m) => C::Map(m.into_iter().map(|(k, v)| (k, untag(v))).collect()),
            other => other,
        }
    }
    let v: ciborium::Value = ciborium::de::from_reader(bytes).expect("cbor");
    untag(v).deserialized().expect("cbor into the output")
}

fn time_per_call(n: u32, mut f: impl FnMut()) -> f64 {
    for _ in 0..n / 10 {
        f();
    }
    let t = Instant::now();
    for _ in 0..n {
        f();
    }
    t.elapsed().as_secs_f64() * 1e6 / f64::from(n)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/cloudwatch-protocols".into());
    std::fs::create_dir_all(&dir).expect("output folder");
    let sim = Simulator::new(Config::for_tests()).expect("simulator");
    let mut bodies = std::collections::BTreeMap::new();
    for protocol in ["json", "cbor", "query"] {
        for op in ["DescribeAlarms", "DescribeAlarmHistory"] {
            let body = call(&sim, protocol, op);
            std::fs::write(format!("{dir}/{protocol}-{op}.bin"), &body).expect("write");
            println!("{protocol:5} {op:21} {:6} B", body.len());
            bodies.insert((protocol, op), body);
        }
    }
    let json = bodies[&("json", "DescribeAlarms")].clone();
    let cbor = bodies[&("cbor", "DescribeAlarms")].clone();
    let resp = HttpResponse {
        status: 200,
        headers: Vec::new(),
        body: json,
    };
    let from_json = parse_describe_alarms(&resp).expect("json parses");
    assert_eq!(
        from_json.statuses(),
        from_cbor(&cbor).statuses(),
        "the same alarms either way"
    );
    let j = time_per_call(20_000, || {
        std::hint::black_box(parse_describe_alarms(&resp).expect("json"));
    });
    let c = time_per_call(20_000, || {
        std::hint::black_box(from_cbor(&cbor));
    });
    println!("decode DescribeAlarms (3 alarms), native: json {j:.1} µs, cbor {c:.1} µs");
}
