//! Properties that hold for every input, checked on generated ones (proptest, native only):
//!
//! 1. serialize → parse gives back the same value, for any `Deployment` and any page of
//!    applications, environments or deployment summaries;
//! 2. the timeline never panics, never shows a percentage going down except to 0 when a
//!    rollback or revert completes, never projects anything before the last real event or
//!    before `now`, and marks every projection as an estimate;
//! 3. signing any valid request gives the signature and headers of an independent signer:
//!    `aws-sigv4`'s `http_request` layer, driven here directly.
//!
//! Case counts are modest (`CASES`) so the whole file runs in a few seconds; a failure prints
//! the smallest input proptest found, which then becomes a case of `tests/data/`.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::time::SystemTime;

use appconfig_core::{
    model::{
        ActionInvocation, Application, Applications, AppliedExtension, DeploymentEvent,
        DeploymentEventType, DeploymentSummary, DeploymentType, Deployments, Environment,
        EnvironmentState, Environments, GrowthType, Monitor, TriggeredBy,
    },
    response::parse_json_body,
    sign,
    sign::SigningOptions,
    timeline,
    timeline::{percentage_description, plan, StrategyParams},
    Credentials, DateTime, Deployment, DeploymentState, HttpRequest, Timeline,
};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Cases per property.
const CASES: u32 = 128;

fn config(cases: u32) -> Config {
    Config {
        cases,
        // Failures become data-file cases, not proptest-regressions files in the tree.
        failure_persistence: None,
        ..Config::default()
    }
}

// ------------------------------------------------------------------ strategies: the model

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ._:/-]{0,12}",
        proptest::collection::vec(any::<char>(), 0..8).prop_map(String::from_iter),
    ]
}

fn opt<T: std::fmt::Debug>(s: impl Strategy<Value = T>) -> impl Strategy<Value = Option<T>> {
    proptest::option::of(s)
}

/// A number as AppConfig writes one: up to ten significant digits (`25`, `33.333333`, `-0.5`).
///
/// Not any `f64`: serde_json's default parser is not correctly rounded for 17-digit values
/// (`-9.34060785211033e-105` comes back one unit in the last place off); its `float_roundtrip`
/// feature would fix that at a cost in the npm package's size, for values AppConfig never sends.
fn number() -> impl Strategy<Value = f64> {
    (any::<i32>(), 0i32..=6).prop_map(|(m, k)| f64::from(m) / 10f64.powi(k))
}

/// Any instant from the year 1 to 9999, to the nanosecond (built through `parse`, the one
/// constructor every implementation of `DateTime` has).
fn datetime() -> impl Strategy<Value = DateTime> {
    (
        (1u32..=9999, 1u32..=12, 1u32..=28),
        (0u32..24, 0u32..60, 0u32..60),
        opt(0u32..1_000_000_000),
    )
        .prop_map(|((y, mo, d), (h, mi, s), nanos)| {
            let fraction = nanos.map(|n| format!(".{n:09}")).unwrap_or_default();
            DateTime::parse(&format!(
                "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{fraction}Z"
            ))
            .expect("a valid timestamp")
        })
}

fn one_of_or_any(known: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(known).prop_map(str::to_owned),
        1 => text(),
    ]
}

const STATES: &[&str] = &[
    "BAKING",
    "VALIDATING",
    "DEPLOYING",
    "COMPLETE",
    "ROLLING_BACK",
    "ROLLED_BACK",
    "REVERTED",
];
const EVENT_TYPES: &[&str] = &[
    "PERCENTAGE_UPDATED",
    "ROLLBACK_STARTED",
    "ROLLBACK_COMPLETED",
    "BAKE_TIME_STARTED",
    "DEPLOYMENT_STARTED",
    "DEPLOYMENT_COMPLETED",
    "REVERT_COMPLETED",
];
const TRIGGERS: &[&str] = &["USER", "APPCONFIG", "CLOUDWATCH_ALARM", "INTERNAL_ERROR"];
const GROWTH: &[&str] = &["LINEAR", "EXPONENTIAL"];

fn invocation() -> impl Strategy<Value = ActionInvocation> {
    proptest::collection::vec(opt(text()), 7).prop_map(|f| {
        let mut a = ActionInvocation::default();
        a.extension_identifier = f[0].clone();
        a.action_name = f[1].clone();
        a.uri = f[2].clone();
        a.role_arn = f[3].clone();
        a.error_message = f[4].clone();
        a.error_code = f[5].clone();
        a.invocation_id = f[6].clone();
        a
    })
}

fn event() -> impl Strategy<Value = DeploymentEvent> {
    (
        opt(one_of_or_any(EVENT_TYPES)),
        opt(one_of_or_any(TRIGGERS)),
        opt(prop_oneof![
            (0u32..=10_000).prop_map(|p| percentage_description(f64::from(p) / 100.0)),
            text()
        ]),
        opt(proptest::collection::vec(invocation(), 0..3)),
        opt(datetime()),
    )
        .prop_map(|(ty, by, description, invocations, at)| {
            let mut e = DeploymentEvent::default();
            e.event_type = ty.as_deref().map(DeploymentEventType::from);
            e.triggered_by = by.as_deref().map(TriggeredBy::from);
            e.description = description;
            e.action_invocations = invocations;
            e.occurred_at = at;
            e
        })
}

fn extension() -> impl Strategy<Value = AppliedExtension> {
    (
        opt(text()),
        opt(text()),
        opt(any::<i32>()),
        opt(proptest::collection::btree_map(text(), text(), 0..3)),
    )
        .prop_map(
            |(id, assoc, version, parameters): (_, _, _, Option<BTreeMap<String, String>>)| {
                let mut x = AppliedExtension::default();
                x.extension_id = id;
                x.extension_association_id = assoc;
                x.version_number = version;
                x.parameters = parameters;
                x
            },
        )
}

fn deployment() -> impl Strategy<Value = Deployment> {
    let ids = proptest::collection::vec(opt(text()), 11);
    let numbers = (
        opt(any::<i32>()),
        opt(any::<i32>()),
        opt(any::<i32>()),
        opt(number()),
        opt(number()),
    );
    let kinds = (opt(one_of_or_any(GROWTH)), opt(one_of_or_any(STATES)));
    let times = (opt(datetime()), opt(datetime()));
    let lists = (
        opt(proptest::collection::vec(event(), 0..6)),
        opt(proptest::collection::vec(extension(), 0..3)),
    );
    (ids, numbers, kinds, times, lists).prop_map(|(ids, numbers, kinds, times, lists)| {
        let mut d = Deployment::default();
        d.application_id = ids[0].clone();
        d.environment_id = ids[1].clone();
        d.deployment_strategy_id = ids[2].clone();
        d.configuration_profile_id = ids[3].clone();
        d.configuration_name = ids[4].clone();
        d.configuration_location_uri = ids[5].clone();
        d.configuration_version = ids[6].clone();
        d.description = ids[7].clone();
        d.kms_key_arn = ids[8].clone();
        d.kms_key_identifier = ids[9].clone();
        d.version_label = ids[10].clone();
        (
            d.deployment_number,
            d.deployment_duration_in_minutes,
            d.final_bake_time_in_minutes,
        ) = (numbers.0, numbers.1, numbers.2);
        (d.growth_factor, d.percentage_complete) = (numbers.3, numbers.4);
        d.growth_type = kinds.0.as_deref().map(GrowthType::from);
        d.state = kinds.1.as_deref().map(DeploymentState::from);
        (d.started_at, d.completed_at) = times;
        (d.event_log, d.applied_extensions) = lists;
        d
    })
}

fn applications() -> impl Strategy<Value = Applications> {
    let app = (opt(text()), opt(text()), opt(text())).prop_map(|(id, name, description)| {
        let mut a = Application::default();
        (a.id, a.name, a.description) = (id, name, description);
        a
    });
    (opt(proptest::collection::vec(app, 0..4)), opt(text())).prop_map(|(items, next_token)| {
        let mut page = Applications::default();
        (page.items, page.next_token) = (items, next_token);
        page
    })
}

fn environments() -> impl Strategy<Value = Environments> {
    let monitor = (opt(text()), opt(text())).prop_map(|(alarm, role)| {
        let mut m = Monitor::default();
        (m.alarm_arn, m.alarm_role_arn) = (alarm, role);
        m
    });
    let env = (
        proptest::collection::vec(opt(text()), 4),
        opt(one_of_or_any(&[
            "ReadyForDeployment",
            "Deploying",
            "RollingBack",
            "RolledBack",
            "READY_FOR_DEPLOYMENT",
        ])),
        opt(proptest::collection::vec(monitor, 0..3)),
    )
        .prop_map(|(f, state, monitors)| {
            let mut e = Environment::default();
            (e.application_id, e.id, e.name, e.description) =
                (f[0].clone(), f[1].clone(), f[2].clone(), f[3].clone());
            e.state = state.map(EnvironmentState::from);
            e.monitors = monitors;
            e
        });
    (opt(proptest::collection::vec(env, 0..4)), opt(text())).prop_map(|(items, next_token)| {
        let mut page = Environments::default();
        (page.items, page.next_token) = (items, next_token);
        page
    })
}

fn deployments() -> impl Strategy<Value = Deployments> {
    let summary =
        (deployment(), opt(one_of_or_any(&["DEPLOYMENT", "REVERT"]))).prop_map(|(d, ty)| {
            let mut s = DeploymentSummary::from(&d);
            s.r#type = ty.as_deref().map(DeploymentType::from);
            s
        });
    (opt(proptest::collection::vec(summary, 0..4)), opt(text())).prop_map(|(items, next_token)| {
        let mut page = Deployments::default();
        (page.items, page.next_token) = (items, next_token);
        page
    })
}

// ------------------------------------------------------------------ 1. round trips

fn round_trip<T>(value: &T) -> Result<(), TestCaseError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_vec(value).expect("serializes");
    let again: T = parse_json_body(200, &json).map_err(|e| {
        TestCaseError::fail(format!("parse of {}: {e}", String::from_utf8_lossy(&json)))
    })?;
    prop_assert_eq!(
        &again,
        value,
        "round trip changed the value: {}",
        String::from_utf8_lossy(&json)
    );
    Ok(())
}

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn any_deployment_round_trips(d in deployment()) {
        let again = Deployment::from_json(&d.to_json())
            .map_err(|e| TestCaseError::fail(format!("from_json of to_json: {e}\n{}", d.to_json())))?;
        prop_assert_eq!(again, d);
    }

    #[test]
    fn any_page_of_applications_round_trips(page in applications()) {
        round_trip(&page)?;
    }

    #[test]
    fn any_page_of_environments_round_trips(page in environments()) {
        round_trip(&page)?;
    }

    #[test]
    fn any_page_of_deployments_round_trips(page in deployments()) {
        round_trip(&page)?;
    }
}

// ------------------------------------------------------------------ 2. the timeline

/// A deployment as AppConfig writes one: steps of its plan reached a little late, maybe the bake,
/// maybe a rollback, the log newest first; and a `now` after it (or a little before: a skewed
/// clock).
fn realistic() -> impl Strategy<Value = (Deployment, Option<DateTime>)> {
    (
        any::<bool>(),
        1u32..=200,
        0i32..=120,
        0i32..=60,
        0usize..=12,
        proptest::collection::vec(0i64..5_000, 12),
        0u8..4,
        -300_000i64..10_800_000,
        any::<bool>(),
    )
        .prop_map(
            |(exponential, g, duration, bake, reached, lags, ending, after, has_now)| {
                let growth_factor = f64::from(g) / 2.0;
                let growth_type = if exponential {
                    GrowthType::Exponential
                } else {
                    GrowthType::Linear
                };
                let strategy = StrategyParams {
                    growth_type: growth_type.clone(),
                    growth_factor,
                    duration_minutes: i64::from(duration),
                    final_bake_minutes: i64::from(bake),
                };
                let p = plan(&strategy);
                let start = DateTime::parse("2024-05-01T12:00:00Z").expect("valid");
                let ev =
                    |ty, by, text: String, at: DateTime| DeploymentEvent::new(ty, by, text, at);
                let mut log = vec![ev(
                    DeploymentEventType::DeploymentStarted,
                    TriggeredBy::User,
                    "Deployment started".into(),
                    start,
                )];
                let mut last = start;
                let reached = reached.min(p.steps.len());
                for (s, lag) in p.steps.iter().take(reached).zip(&lags) {
                    last = last.max(start.add_millis(s.offset_ms + lag));
                    log.push(ev(
                        DeploymentEventType::PercentageUpdated,
                        TriggeredBy::AppConfig,
                        percentage_description(s.percentage),
                        last,
                    ));
                }
                let all_reached = reached == p.steps.len();
                let mut state = DeploymentState::Deploying;
                if all_reached && ending >= 1 {
                    last = last.max(start.add_millis(p.bake_start_offset_ms + 1000));
                    log.push(ev(
                        DeploymentEventType::BakeTimeStarted,
                        TriggeredBy::AppConfig,
                        "Bake time started".into(),
                        last,
                    ));
                    state = DeploymentState::Baking;
                }
                if ending >= 2 {
                    last = last.add_millis(30_000);
                    log.push(ev(
                        DeploymentEventType::RollbackStarted,
                        TriggeredBy::CloudWatchAlarm,
                        "Rollback initiated by alarm".into(),
                        last,
                    ));
                    state = DeploymentState::RollingBack;
                    if ending == 3 {
                        last = last.add_millis(30_000);
                        log.push(ev(
                            DeploymentEventType::RollbackCompleted,
                            TriggeredBy::AppConfig,
                            "Rollback completed".into(),
                            last,
                        ));
                        state = DeploymentState::RolledBack;
                    }
                }
                log.reverse();
                let mut d = Deployment::default();
                d.growth_type = Some(growth_type);
                d.growth_factor = Some(growth_factor);
                d.deployment_duration_in_minutes = Some(duration);
                d.final_bake_time_in_minutes = Some(bake);
                d.started_at = Some(start);
                d.state = Some(state);
                d.event_log = Some(log);
                (d, has_now.then(|| last.add_millis(after)))
            },
        )
}

/// What holds for the timeline of any deployment.
fn check_timeline(d: &Deployment, now: Option<DateTime>) -> Result<Timeline, TestCaseError> {
    let t = timeline(d, now);
    prop_assert!(serde_json::to_string(&t).is_ok(), "the timeline serializes");
    if let Some(p) = &t.projection {
        prop_assert!(p.estimate, "a projection not marked as an estimate");
        let highest = t.steps.iter().map(|s| s.percentage).fold(0.0, f64::max);
        let mut previous = highest;
        for s in &p.next_steps {
            prop_assert!(
                s.percentage > previous,
                "projected {}% after {}%",
                s.percentage,
                previous
            );
            previous = s.percentage;
        }
        let mut times: Vec<DateTime> = p.next_steps.iter().map(|s| s.at).collect();
        times.extend(p.bake_starts_at);
        times.extend(p.completes_at);
        prop_assert!(
            times.windows(2).all(|w| w[0] <= w[1]),
            "projection out of order: {:?}",
            p
        );
        let last_event = d
            .event_log
            .iter()
            .flatten()
            .filter_map(|e| e.occurred_at)
            .max();
        for at in times {
            if let Some(n) = now {
                prop_assert!(at >= n, "projected {} before now {}", at, n);
            }
            if let Some(e) = last_event {
                prop_assert!(
                    at >= e,
                    "projected {} before the last real event at {}",
                    at,
                    e
                );
            }
        }
    }
    Ok(t)
}

proptest! {
    #![proptest_config(config(CASES))]

    /// Deployments as AppConfig writes them: the chart only goes up, except to 0 when a rollback
    /// completes.
    #[test]
    fn timeline_of_a_real_deployment((d, now) in realistic()) {
        let t = check_timeline(&d, now)?;
        let rolled_back_at = t.rollback.as_ref().and_then(|r| r.completed_at);
        for w in t.chart.windows(2) {
            if w[1].percentage < w[0].percentage {
                prop_assert!(
                    w[1].percentage == 0.0 && Some(w[1].at) == rolled_back_at,
                    "the chart goes down from {}% to {}% at {} outside a rollback",
                    w[0].percentage, w[1].percentage, w[1].at
                );
            }
        }
        prop_assert!(t.steps.windows(2).all(|w| w[0].percentage <= w[1].percentage), "steps go down");
    }

    /// Any deployment at all (events in any order, any states, any `now`): no panic, and the
    /// projection's properties still hold.
    #[test]
    fn timeline_of_any_deployment(d in deployment(), now in opt(datetime())) {
        check_timeline(&d, now)?;
    }
}

// ------------------------------------------------------------------ 3. signing

const EXCLUDED_BY_BOTH: &[&str] = &["user-agent", "x-amzn-trace-id"];

#[derive(Debug, Clone)]
struct SignCase {
    request: HttpRequest,
    access_key_id: String,
    secret: String,
    token: Option<String>,
    region: String,
    service: String,
    secs: u64,
    options: [bool; 4],
}

fn sign_case() -> impl Strategy<Value = SignCase> {
    let segment = prop_oneof![
        "[A-Za-z0-9._~-]{1,8}",
        "(%[0-9A-F]{2}){1,3}",
        Just(".".to_owned()),
        Just("..".to_owned()),
        Just(String::new()),
    ];
    let path = proptest::collection::vec(segment, 0..5).prop_map(|s| format!("/{}", s.join("/")));
    let query = opt(proptest::collection::vec(
        ("[a-zA-Z0-9_-]{1,6}", "[a-zA-Z0-9%._-]{0,6}"),
        0..4,
    ))
    .prop_map(|q| match q {
        Some(pairs) => format!(
            "?{}",
            pairs
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("&")
        ),
        None => String::new(),
    });
    let host = (
        "[a-z][a-z0-9-]{0,8}(\\.[a-z][a-z0-9]{0,8}){0,3}",
        opt(prop_oneof![Just(443u16), Just(80), 1u16..]),
    );
    let header_name = prop_oneof![
        "x-[a-z0-9-]{1,12}",
        "[a-z][a-z0-9-]{0,12}",
        proptest::sample::select(EXCLUDED_BY_BOTH).prop_map(str::to_owned),
        Just("content-type".to_owned()),
    ]
    .prop_filter("headers the signer sets itself", |n| {
        !matches!(
            n.as_str(),
            "host"
                | "authorization"
                | "x-amz-date"
                | "x-amz-security-token"
                | "x-amz-content-sha256"
                | "transfer-encoding"
        )
    });
    let headers = proptest::collection::vec((header_name, "[!-~]([ !-~]{0,10}[!-~])?"), 0..4);
    (
        (
            proptest::sample::select(&["GET", "POST", "PUT", "DELETE"][..]),
            any::<bool>(),
            host,
            path,
            query,
            headers,
            proptest::collection::vec(any::<u8>(), 0..32),
        ),
        (
            "[A-Z0-9]{16,20}",
            "[A-Za-z0-9/+]{40}",
            opt("[A-Za-z0-9/+=]{16,64}"),
        ),
        (
            proptest::sample::select(
                &["us-east-1", "eu-central-1", "us-gov-west-1", "cn-north-1"][..],
            ),
            "[a-z][a-z0-9-]{1,11}",
        ),
        (0u64..253_402_300_799, any::<[bool; 4]>()),
    )
        .prop_map(
            |(
                (method, https, (host, port), path, query, headers, body),
                (akid, secret, token),
                (region, service),
                (secs, options),
            )| {
                let scheme = if https { "https" } else { "http" };
                let authority = match port {
                    Some(p) => format!("{host}:{p}"),
                    None => host,
                };
                SignCase {
                    request: HttpRequest {
                        method: method.to_owned(),
                        url: format!("{scheme}://{authority}{path}{query}"),
                        headers,
                        body,
                    },
                    access_key_id: akid,
                    secret,
                    token,
                    region: region.to_owned(),
                    service,
                    secs,
                    options,
                }
            },
        )
}

/// The same request signed by `aws-sigv4`'s `http_request` layer alone: the host header from the
/// URL (without the scheme's default port), the settings the options name.
fn independent_signature(c: &SignCase, time: SystemTime) -> (String, Vec<(String, String)>) {
    use aws_sigv4::http_request::{
        PayloadChecksumKind, PercentEncodingMode, SessionTokenMode, SignableBody, SignableRequest,
        SigningSettings, UriPathNormalizationMode,
    };
    let uri: http::Uri = c.request.url.parse().expect("a generated URL parses");
    let host = match (uri.scheme_str(), uri.port_u16()) {
        (Some("https"), Some(443)) | (Some("http"), Some(80)) | (_, None) => {
            uri.host().unwrap().to_owned()
        }
        (_, Some(p)) => format!("{}:{p}", uri.host().unwrap()),
    };
    let identity = aws_credential_types::Credentials::new(
        c.access_key_id.clone(),
        c.secret.clone(),
        c.token.clone(),
        None,
        "properties",
    )
    .into();
    let [normalize, sign_body, omit_token, single] = c.options;
    let mut settings = SigningSettings::default();
    settings.uri_path_normalization_mode = if normalize {
        UriPathNormalizationMode::Enabled
    } else {
        UriPathNormalizationMode::Disabled
    };
    settings.percent_encoding_mode = if single {
        PercentEncodingMode::Single
    } else {
        PercentEncodingMode::Double
    };
    settings.payload_checksum_kind = if sign_body {
        PayloadChecksumKind::XAmzSha256
    } else {
        PayloadChecksumKind::NoHeader
    };
    settings.session_token_mode = if omit_token {
        SessionTokenMode::Exclude
    } else {
        SessionTokenMode::Include
    };
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(&c.region)
        .name(&c.service)
        .time(time)
        .settings(settings)
        .build()
        .expect("signing params")
        .into();
    let headers = c
        .request
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .chain(std::iter::once(("host", host.as_str())));
    let signable = SignableRequest::new(
        &c.request.method,
        c.request.url.as_str(),
        headers,
        SignableBody::Bytes(&c.request.body),
    )
    .expect("a signable request");
    let (instructions, signature) = aws_sigv4::http_request::sign(signable, &params)
        .expect("signs")
        .into_parts();
    let mut added: Vec<(String, String)> = instructions
        .headers()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.to_owned()))
        .collect();
    added.sort();
    (signature, added)
}

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn signing_matches_an_independent_signer(c in sign_case()) {
        let time = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(c.secs);
        let mut options = SigningOptions::default();
        [options.normalize_path, options.sign_body, options.omit_session_token] = [c.options[0], c.options[1], c.options[2]];
        options.double_uri_encode = !c.options[3];
        let creds = Credentials::new(c.access_key_id.clone(), c.secret.clone(), c.token.clone());
        let ours = sign(&c.request, &creds, &c.region, &c.service, time, options)
            .map_err(|e| TestCaseError::fail(format!("a valid request did not sign: {e}")))?;
        let (signature, theirs) = independent_signature(&c, time);
        prop_assert_eq!(&ours.signature, &signature, "signature differs");
        let mut ours_headers = ours.headers.clone();
        ours_headers.sort();
        prop_assert_eq!(ours_headers, theirs, "added headers differ");
    }
}
