//! `Simulator::handle_request`, the network-free entry point a libFuzzer target will drive:
//! 10,000 generated hostile requests (auth headers, paths, queries, bodies), signed and
//! unsigned, and none panics; every answer is an HTTP answer with a request id.

use std::time::{Duration, SystemTime};

use appconfig_core::{sign, sign::SigningOptions, Credentials, DateTime, HttpRequest};
use appconfig_sim::{Config, Simulator};
use bytes::Bytes;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PATHS: &[&str] = &[
    "/applications",
    "/applications/pay0001",
    "/applications/pay0001/environments",
    "/applications/pay0001/environments/stg0001",
    "/applications/pay0001/environments/stg0001/deployments",
    "/applications/pay0001/environments/stg0001/deployments/2",
    "/applications/web0001/environments/dev0001/deployments",
    "/applications/web0001/environments/dev0001/deployments/60",
    "/applications/web0001/environments/dev0001/deployments/-1",
    "/applications/web0001/environments/dev0001/deployments/99999999999999999999",
    "/applications/%",
    "/applications/%zz/environments",
    "/applications/%C3%28",
    "/applications//environments//deployments/",
    "/deploymentstrategies",
    "/deploymentstrategies/AppConfig.AllAtOnce",
    "/deploymentstrategies/%F0%9F%92%A9",
    "/deployementstrategies/fast001",
    "/applications/web0001/configurationprofiles",
    "/applications/web0001/configurationprofiles/wcfg001",
    "/applications/web0001/configurationprofiles/wcfg001/hostedconfigurationversions",
    "/applications/web0001/configurationprofiles/wcfg001/hostedconfigurationversions/1",
    "/applications/pay0001/configurationprofiles/pflags1/hostedconfigurationversions",
    "/applications/pay0001/configurationprofiles/pflags1/hostedconfigurationversions/-2147483648",
    "/applications/pay0001/configurationprofiles/pflags1/hostedconfigurationversions/99999999999",
    "/tags/arn%3Aaws%3Aappconfig%3Aus-east-1%3A123456789012%3Aapplication%2Fpay0001",
    "/tags/arn%3Aaws%3Aappconfig%3Aus-east-1%3A123456789012%3Aapplication%2Fpay0001%2Fenvironment%2Fstg0001%2Fdeployment%2F99999999999",
    "/tags/arn:::::",
    "/tags/",
    "/_sim/health",
    "/_sim/info",
    "/_sim/alarm",
    "/_sim/faults",
    "/_sim/requests",
    "/_sim/requests/reset",
    "/_sim",
    "/",
    "/../../etc/passwd",
];

const QUERIES: &[&str] = &[
    "",
    "?max_results=1",
    "?max_results=0",
    "?max_results=99999999999999999999",
    "?next_token=%25",
    "?next_token=YXBwY29uZmlnLXNpbXx2MXxhcHBzfDk5OTk5OTk5OTk5OTk5OTk5OTk5",
    "?next_token=",
    "?a=%ZZ&b",
    "?&&&=",
    "?tagKeys=a&tagKeys=",
    "?version_label=&type=AWS.Freeform",
];

const BODIES: &[&str] = &[
    "",
    "{",
    "[]",
    "null",
    "{\"DeploymentStrategyId\":\"fast001\",\"ConfigurationProfileId\":\"wcfg001\",\"ConfigurationVersion\":\"1\"}",
    "{\"DeploymentStrategyId\":\"fast001\",\"ConfigurationProfileId\":\"pflags1\",\"ConfigurationVersion\":\"18446744073709551615\"}",
    "{\"DeploymentStrategyId\":\"AppConfig.AllAtOnce\",\"ConfigurationProfileId\":\"wcfg001\",\"ConfigurationVersion\":\"v1\",\"Tags\":{\"\":\"\"},\"LatestDeploymentNumber\":1e300}",
    "{\"DeploymentStrategyId\":1,\"DynamicExtensionParameters\":{},\"KmsKeyIdentifier\":\"\"}",
    "{\"ApplicationId\":\"pay0001\",\"EnvironmentId\":\"stg0001\"}",
    "{\"ApplicationId\":[],\"EnvironmentId\":{}}",
    "{\"InternalServerErrors\":18446744073709551615,\"Throttles\":-1}",
    "\u{0}\u{1}\u{ff}",
    "{\"Name\":\"x\",\"LocationUri\":\"hosted\",\"Monitors\":[1,{},{\"AlarmArn\":5}],\"Validators\":[{\"Type\":\"LAMBDA\"}],\"Tags\":[]}",
    "{\"Name\":\"s\",\"DeploymentDurationInMinutes\":1e300,\"GrowthFactor\":-0.0,\"GrowthType\":7,\"FinalBakeTimeInMinutes\":-9223372036854775808}",
    "{\"version\":\"1\",\"flags\":{\"a\":{}},\"values\":{\"a\":{\"enabled\":true}}}",
    "{\"Tags\":{\"k\":\"v\"},\"KmsKeyIdentifier\":\"\",\"RetrievalRoleArn\":\"arn:aws:iam::1:role\"}",
];

const AUTHS: &[&str] = &[
    "",
    "AWS4-HMAC-SHA256",
    "AWS4-HMAC-SHA256 ",
    "AWS4-HMAC-SHA256 Credential=",
    "AWS4-HMAC-SHA256 Credential=AKIDAPPCONFIGSIMDEMO/2024/us-east-1/appconfig/aws4_request, SignedHeaders=host, Signature=00",
    "AWS4-HMAC-SHA256 Credential=AKIDAPPCONFIGSIMDEMO//////, SignedHeaders=;;;, Signature=",
    "AWS4-HMAC-SHA256 Credential=AKIDAPPCONFIGSIMDEMO/20240101/us-east-1/appconfig/aws4_request, SignedHeaders=HOST;X-AMZ-DATE, Signature=zz",
    "AWS4-HMAC-SHA256 Credential=AKIDAPPCONFIGSIMDEMO/20240101/us-east-1/appconfig/aws4_request, SignedHeaders=host;x-amz-date;nothere, Signature=abc",
    "AWS4-HMAC-SHA256 Credential=AKIDAPPCONFIGSIMDEMO/20240101/é/appconfig/aws4_request,SignedHeaders=host,Signature=1",
    "AWS AKIDAPPCONFIGSIMDEMO:abc",
    "Bearer x",
];

const DATES: &[&str] = &[
    "",
    "20240101T000000Z",
    "20241301T250000Z",
    "2024",
    "99999999T999999Z",
    "20240101T000000",
];

fn request(
    method: &str,
    uri: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> Option<http::Request<Bytes>> {
    let mut b = http::Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        b = b.header(k.as_str(), v.as_str());
    }
    b.body(Bytes::copy_from_slice(body)).ok()
}

#[test]
fn no_generated_request_panics_the_simulator() {
    let sim = Simulator::new(Config {
        speed: 100_000.0,
        extra_environments: 20,
        ..Config::for_tests()
    })
    .unwrap();
    let creds = Credentials::new(
        "AKIDAPPCONFIGSIMDEMO",
        "appconfig-sim-demo-secret-key",
        None,
    );
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut statuses = std::collections::BTreeMap::new();
    let started = std::time::Instant::now();
    let mut now = SystemTime::now();
    let mut n = 0;
    while n < 10_000 && started.elapsed() < Duration::from_secs(60) {
        n += 1;
        // The simulator's clock jumps forward at times (deployments progress, chains run).
        if rng.below(50) == 0 {
            now += Duration::from_secs(rng.below(3600) as u64);
        }
        let method = rng.pick(&["GET", "POST", "DELETE", "PUT", "OPTIONS", "HEAD", "PATCH"]);
        let mut path = rng.pick(PATHS).to_owned();
        if rng.below(20) == 0 {
            path.push_str(&"x".repeat(rng.below(3000)));
        }
        let mut uri = format!("{path}{}", rng.pick(QUERIES));
        let mut body = rng.pick(BODIES).as_bytes().to_vec();
        if method == "POST" && rng.below(4) == 0 {
            // Often enough a StartDeployment that succeeds, minutes after the last one.
            uri = "/applications/web0001/environments/dev0001/deployments".into();
            body = BODIES[4].as_bytes().to_vec();
            now += Duration::from_secs(600);
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        for (name, values) in [
            (
                "content-type",
                &[
                    "application/json",
                    "text/plain",
                    "application/json; charset=utf-8",
                ][..],
            ),
            (
                "origin",
                &[
                    "http://localhost:8080",
                    "https://evil.example",
                    "null",
                    "http://[::1",
                    "x",
                ][..],
            ),
            ("allow-revert", &["true", "false", "maybe", ""][..]),
            ("accept", &["text/html", "*/*"][..]),
            ("x-amz-security-token", &["", "tok"][..]),
            ("versionlabel", &["", "123", "v1", "\u{7f}"][..]),
            (
                "latest-version-number",
                &["0", "x", "99999999999999999999", "-1"][..],
            ),
            ("description", &["", "d"][..]),
        ] {
            if rng.below(3) == 0 {
                headers.push((name.into(), rng.pick(values).into()));
            }
        }
        let signed = rng.below(2) == 0;
        if signed {
            // A valid signature, so that the request reaches the handlers.
            let req = HttpRequest {
                method: method.into(),
                url: format!("http://127.0.0.1:4010{uri}"),
                headers: headers.clone(),
                body: body.clone(),
            };
            if let Ok(s) = sign(
                &req,
                &creds,
                "us-east-1",
                "appconfig",
                now,
                SigningOptions::default(),
            ) {
                headers.extend(s.headers);
                headers.push(("host".into(), "127.0.0.1:4010".into()));
            }
        } else {
            let auth = rng.pick(AUTHS);
            if !auth.is_empty() {
                headers.push(("authorization".into(), auth.into()));
            }
            let date = rng.pick(DATES);
            if !date.is_empty() {
                headers.push(("x-amz-date".into(), date.into()));
            }
        }
        let Some(req) = request(method, &uri, &headers, &body) else {
            continue;
        };
        let resp = sim.handle_request(req, DateTime::from_system_time(now));
        assert!(
            resp.headers().contains_key("x-amzn-requestid"),
            "{method} {uri}"
        );
        *statuses.entry(resp.status().as_u16()).or_insert(0u32) += 1;
    }
    eprintln!("{n} requests in {:?}: {statuses:?}", started.elapsed());
    for s in [200, 201, 400, 403, 404] {
        assert!(statuses.contains_key(&s), "no {s} among {statuses:?}");
    }
}
