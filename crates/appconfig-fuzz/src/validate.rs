//! Input validation with any strings and numbers: every `validate::*` rule,
//! `parse_deployment_number`, every operation's `validate` and `path_and_query`, and
//! `ClientConfig::resolve` + `Target::build_request`.
//!
//! What must hold: a path has every label percent-encoded so that it parses as a URI and decodes
//! back to the label; an input that validates, sent to a configuration that resolves, builds a
//! signed request (with valid credentials at a valid time); a number that parses is in range.

use std::time::{Duration, SystemTime};

use appconfig_core::{
    parse_deployment_number, validate, ClientConfig, ConfigField, Credentials, GetApplicationInput,
    GetDeploymentInput, GetDeploymentStrategyInput, GetEnvironmentInput, ListApplicationsInput,
    ListDeploymentsInput, ListEnvironmentsInput, Operation, StopDeploymentInput, Target,
};
use arbitrary::{Arbitrary, Unstructured};

#[derive(Arbitrary, Debug)]
struct Input {
    app: String,
    env: String,
    number: i64,
    number_text: String,
    strategy: String,
    max_results: Option<i64>,
    next_token: Option<String>,
    allow_revert: bool,
    region: Option<String>,
    endpoint: Option<String>,
    proxy: Option<String>,
    gateway: Option<String>,
    account: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    time_secs: u64,
    field_text: String,
    min: usize,
    max: usize,
}

/// Runs one input.
pub fn run(data: &[u8]) {
    let Ok(i) = Input::arbitrary(&mut Unstructured::new(data)) else {
        return;
    };
    rules(&i);
    let config = ClientConfig {
        region: i.region.clone(),
        use_fips: i.use_fips,
        use_dual_stack: i.use_dual_stack,
        endpoint: i.endpoint.clone(),
        proxy: i.proxy.clone(),
        gateway: i.gateway.clone(),
        account: i.account.clone(),
    };
    let target = config.resolve().ok();
    if let Some(t) = &target {
        for base in [&t.signing_base, &t.send_base] {
            let uri: http::Uri = base
                .parse()
                .unwrap_or_else(|e| panic!("resolved base {base:?} is not a URI: {e}"));
            assert!(matches!(uri.scheme_str(), Some("http" | "https")), "{base}");
        }
    }
    let (app, env, n) = (i.app.clone(), i.env.clone(), i.number);
    let page = (i.max_results, i.next_token.clone());
    operation(
        &GetDeploymentInput {
            application_id: app.clone(),
            environment_id: env.clone(),
            deployment_number: n,
        },
        &[&app, &env],
        target.as_ref(),
        i.time_secs,
    );
    operation(
        &StopDeploymentInput {
            application_id: app.clone(),
            environment_id: env.clone(),
            deployment_number: n,
            allow_revert: i.allow_revert,
        },
        &[&app, &env],
        target.as_ref(),
        i.time_secs,
    );
    operation(
        &GetApplicationInput {
            application_id: app.clone(),
        },
        &[&app],
        target.as_ref(),
        i.time_secs,
    );
    operation(
        &GetEnvironmentInput {
            application_id: app.clone(),
            environment_id: env.clone(),
        },
        &[&app, &env],
        target.as_ref(),
        i.time_secs,
    );
    operation(
        &GetDeploymentStrategyInput {
            deployment_strategy_id: i.strategy.clone(),
        },
        &[&i.strategy],
        target.as_ref(),
        i.time_secs,
    );
    operation(
        &ListApplicationsInput {
            max_results: page.0,
            next_token: page.1.clone(),
        },
        &[],
        target.as_ref(),
        i.time_secs,
    );
    operation(
        &ListEnvironmentsInput {
            application_id: app.clone(),
            max_results: page.0,
            next_token: page.1.clone(),
        },
        &[&app],
        target.as_ref(),
        i.time_secs,
    );
    operation(
        &ListDeploymentsInput {
            application_id: app.clone(),
            environment_id: env.clone(),
            max_results: page.0,
            next_token: page.1.clone(),
        },
        &[&app, &env],
        target.as_ref(),
        i.time_secs,
    );
}

fn rules(i: &Input) {
    let _ = validate::name("ApplicationId", &i.app);
    let _ = validate::length("Description", &i.field_text, i.min, i.max);
    let _ = validate::range("MaxResults", i.number, i.min as i64, i.max as i64);
    let _ = validate::deployment_number(i.number);
    let _ = validate::parse_integer("MaxResults", &i.number_text, i.min as i64, i.max as i64);
    if let Ok(n) = parse_deployment_number(&i.number_text) {
        assert!(n >= 0, "parsed a negative deployment number {n}");
        assert_eq!(i.number_text.trim().parse::<i64>().ok(), Some(i64::from(n)));
    }
    let _ = validate::max_results(i.number);
    let _ = validate::page(i.max_results, i.next_token.as_deref());
    let _ = validate::deployment_strategy_id(&i.strategy);
    let _ = validate::is_generated_id(&i.strategy);
    let _ = validate::region(&i.field_text);
    if validate::account_alias(&i.field_text).is_ok() {
        // One path segment as it is: nothing to encode.
        assert_eq!(appconfig_core::encode_label(&i.field_text), i.field_text);
    }
    for field in [ConfigField::Endpoint, ConfigField::Proxy, ConfigField::Gateway] {
        let _ = validate::base_url(&i.field_text, field);
    }
}

fn operation<O: Operation>(op: &O, labels: &[&str], target: Option<&Target>, time_secs: u64) {
    let valid = op.validate().is_ok();
    let _ = op.headers();
    if !valid {
        return;
    }
    let path = op.path_and_query();
    let uri: http::Uri = format!("https://h{path}")
        .parse()
        .unwrap_or_else(|e| panic!("{}: path {path:?} is not a URI: {e}", O::NAME));
    // Labels are the odd segments: /applications/{app}/environments/{env}/...
    let segments: Vec<&str> = uri.path().split('/').skip(2).step_by(2).collect();
    for (label, raw) in labels.iter().zip(&segments) {
        let decoded = percent_decode(raw);
        assert_eq!(&decoded, label, "{}: label {raw:?} in {path:?}", O::NAME);
    }
    let Some(target) = target else {
        return;
    };
    let creds = Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        None,
    );
    let valid_time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_714_564_800);
    if let Err(e) = target.build_request(op, &creds, valid_time) {
        panic!(
            "{}: a valid input for {target:?} did not build: {e}",
            O::NAME
        );
    }
    if let Some(t) = SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(time_secs)) {
        let _ = target.build_request(op, &creds, t);
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).expect("an encoded label decodes to UTF-8")
}
