//! Component tests in headless Chromium: `cargo test -p appconfig-dashboard --target wasm32-unknown-unknown`.
//!
//! Each test renders a component from a fixture deployment into a fresh `<div>` and asserts on
//! the DOM. How the timeline is counted: logs of more than 50 events collapse runs of 6 or more
//! consecutive PERCENTAGE_UPDATED events into one `<li class="event-group">`; "Show all events"
//! expands every group into one `<li>` per event.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use appconfig_core::timeline::percentage_description;
use appconfig_core::{DateTime, Deployment};
use appconfig_dashboard::parse_deployment_json;
use appconfig_dashboard::DETAIL_LABELS as LABELS;
use appconfig_dashboard::{DeploymentView, DeploymentViewProps};
use appconfig_dashboard::{LiveStatus, LiveStatusProps};
use appconfig_dashboard::{PastePanel, PastePanelProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::{Callback, Renderer};

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::{container, sleep};

const BOTOCORE: &str = include_str!("fixtures/botocore.json");
const ROLLBACK: &str = include_str!("fixtures/rollback.json");

/// Renders a deployment at `now` and waits for Yew to paint.
async fn render(d: Deployment, now: DateTime) -> Element {
    let root = container();
    Renderer::<DeploymentView>::with_root_and_props(
        root.clone(),
        DeploymentViewProps {
            deployment: Rc::new(d),
            live: None,
            source: None,
            now_ms: Some(now.epoch_millis() as f64),
            full_view: None,
            copy_link: false,
            monitors: None,
            alarms: None,
            what_changed: yew::Html::default(),
            children: yew::Html::default(),
        },
    )
    .render();
    sleep(30).await;
    root
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn text(e: &Element) -> String {
    e.text_content().unwrap_or_default()
}

fn events(root: &Element) -> usize {
    all(root, r#"ol[aria-label="Event timeline"] > li"#).len()
}

fn t(s: &str) -> DateTime {
    DateTime::parse(s).unwrap()
}

#[wasm_bindgen_test]
async fn botocore_example_shows_every_detail_and_seven_events() {
    let d = Deployment::from_json(BOTOCORE).unwrap();
    let root = render(d, t("2021-09-18T00:00:00Z")).await;

    let labels: Vec<String> = all(&root, "dl.details > .row > dt")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        labels,
        LABELS.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    );

    let status = text(&one(&root, r#"[role="status"]"#));
    assert!(status.contains("Complete"), "{status}");
    let bar = one(&root, r#"[role="progressbar"]"#);
    assert_eq!(bar.get_attribute("aria-valuenow").as_deref(), Some("100"));
    assert_eq!(bar.get_attribute("aria-valuemin").as_deref(), Some("0"));
    assert_eq!(bar.get_attribute("aria-valuemax").as_deref(), Some("100"));

    assert_eq!(events(&root), 7);
    let first = text(&all(&root, r#"ol[aria-label="Event timeline"] > li"#)[0]);
    assert!(
        first.contains("Deployment started") && first.contains("by a user"),
        "{first}"
    );

    let details = text(&one(&root, "dl.details"));
    for expected in [
        "Linear, 25% steps over 15 min, no bake time",
        "Example-Configuration-Profile",
        "ssm-parameter://Example-Parameter",
        "ur8hx2f",
        "1225qzk",
        "15 min 9 s",
    ] {
        assert!(
            details.contains(expected),
            "missing {expected:?} in {details}"
        );
    }
    let started = one(&root, "dl.details time");
    assert_eq!(
        started.get_attribute("title").as_deref(),
        Some("2021-09-17T21:43:54.205Z UTC")
    );

    let svg = one(&root, r#"svg[role="img"]"#);
    let label = svg.get_attribute("aria-label").unwrap_or_default();
    assert!(label.contains("4 steps reaching 100%"), "{label}");
    assert_eq!(all(&root, "svg .step").len(), 4);
    assert!(
        all(&root, "svg .projection").is_empty(),
        "a complete deployment has no estimate"
    );
}

#[wasm_bindgen_test]
async fn newest_first_toggle_reverses_the_list() {
    let d = Deployment::from_json(BOTOCORE).unwrap();
    let root = render(d, t("2021-09-18T00:00:00Z")).await;
    let button = all(&root, ".timeline-tools button")
        .into_iter()
        .find(|b| text(b).contains("newest first"))
        .unwrap();
    button.dyn_into::<HtmlElement>().unwrap().click();
    sleep(30).await;
    let items = all(&root, r#"ol[aria-label="Event timeline"] > li"#);
    assert_eq!(items.len(), 7);
    assert!(
        text(&items[0]).contains("Deployment completed"),
        "{}",
        text(&items[0])
    );
    assert!(text(&items[6]).contains("Deployment started"));
}

#[wasm_bindgen_test]
async fn rollback_with_failed_invocation_stands_out() {
    let d = parse_deployment_json(ROLLBACK).unwrap();
    let root = render(d, t("2024-05-02T11:00:00Z")).await;

    assert!(text(&one(&root, r#"[role="status"]"#)).contains("Rolled back"));
    let banner = text(&one(&root, ".banner.rollback"));
    assert!(
        banner.contains("by a CloudWatch alarm") && banner.contains("40%"),
        "{banner}"
    );
    assert_eq!(events(&root), 5);

    let failed = all(&root, "li.invocation.failed");
    assert_eq!(failed.len(), 1);
    let f = text(&failed[0]);
    assert!(
        f.contains("Lambda.FunctionError") && f.contains("Task timed out after 3.00 seconds"),
        "{f}"
    );
    assert_eq!(all(&root, "li.invocation:not(.failed)").len(), 1);
    assert_eq!(all(&root, "li.event.ev-rollback").len(), 2);
    assert_eq!(all(&root, "li.event.has-failure").len(), 1);

    let ext = text(&one(&root, "dl.details ul.extensions"));
    assert!(
        ext.contains("slackChannel") && ext.contains("#payments-oncall"),
        "{ext}"
    );
    assert!(!all(&root, "svg .rollback").is_empty());
    let label = one(&root, r#"svg[role="img"]"#)
        .get_attribute("aria-label")
        .unwrap();
    assert!(label.contains("rollback at 40% marked"), "{label}");

    // ARNs wrap after ':' and '/', never at the hyphen of "us-east-1", and copy as one string.
    let kms = all(&root, "dl.details code")
        .into_iter()
        .find(|c| text(c).starts_with("arn:aws:kms:"))
        .expect("the KMS key ARN");
    let parts: Vec<String> = all(&kms, "span.seg").iter().map(text).collect();
    assert!(parts.contains(&"us-east-1:".to_owned()), "{parts:?}");
    assert_eq!(parts.concat(), text(&kms));
    let width = |e: &Element| e.get_bounding_client_rect().width();
    let seg = all(&kms, "span.seg")
        .into_iter()
        .find(|s| text(s) == "us-east-1:")
        .unwrap();
    assert!(width(&seg) > 0.0);
    let role = all(&root, "li.invocation .inv-uri")
        .into_iter()
        .find(|e| text(e).starts_with("Role arn:aws:iam:"))
        .expect("a role ARN");
    assert!(!all(&role, "span.seg").is_empty());
}

fn running(now: DateTime) -> Deployment {
    // Linear 20% over 10 minutes (a step every 100 s), 2 min bake, started 4 min ago: two steps done.
    let start = now.add_millis(-240_000);
    let at = |ms: i64| start.add_millis(ms).to_rfc3339();
    let json = format!(
        r#"{{"ApplicationId":"pay0001","EnvironmentId":"stg0001","DeploymentNumber":2,"State":"DEPLOYING",
        "GrowthType":"LINEAR","GrowthFactor":20,"DeploymentDurationInMinutes":10,"FinalBakeTimeInMinutes":2,
        "PercentageComplete":40,"StartedAt":"{}","EventLog":[
          {{"EventType":"PERCENTAGE_UPDATED","TriggeredBy":"APPCONFIG","Description":"{}","OccurredAt":"{}"}},
          {{"EventType":"PERCENTAGE_UPDATED","TriggeredBy":"APPCONFIG","Description":"{}","OccurredAt":"{}"}},
          {{"EventType":"DEPLOYMENT_STARTED","TriggeredBy":"USER","Description":"Deployment started","OccurredAt":"{}"}}]}}"#,
        at(0),
        percentage_description(40.0),
        at(200_500),
        percentage_description(20.0),
        at(100_400),
        at(0)
    );
    Deployment::from_json(&json).unwrap()
}

#[wasm_bindgen_test]
async fn running_deployment_projects_the_remaining_steps_dashed() {
    let now = t("2026-01-01T12:00:00Z");
    let root = render(running(now), now).await;
    assert!(text(&one(&root, r#"[role="status"]"#)).contains("Deploying"));
    let path = one(&root, "svg .projection path");
    assert!(
        path.get_attribute("stroke-dasharray").is_some(),
        "projection must be dashed"
    );
    assert!(text(&one(&root, "svg .projection text")).contains("estimate"));
    let label = one(&root, r#"svg[role="img"]"#)
        .get_attribute("aria-label")
        .unwrap();
    assert!(label.contains("estimate: 3 more steps dashed"), "{label}");
    let headline = text(&one(&root, ".headline"));
    assert!(
        headline.contains("40%") && headline.contains("(estimate)"),
        "{headline}"
    );
    assert!(!all(&root, "svg line.now").is_empty());
    let completed = text(&one(&root, "dl.details"));
    // One parenthesis ("(in 6 min)"), not "(in 6 min) (estimate)".
    assert!(completed.contains("Not yet; estimated "), "{completed}");
    assert!(!completed.contains(") ("), "{completed}");
    assert!(completed.contains("4 min so far"), "{completed}");
}

#[wasm_bindgen_test]
async fn the_legend_names_the_basis_of_the_estimate() {
    let now = t("2026-01-01T12:00:00Z");
    // Two steps seen: their spacing projects the rest.
    let root = render(running(now), now).await;
    assert_eq!(
        text(&one(&root, ".key.projection")),
        "estimate (from the observed step spacing)",
        "legend with two steps seen"
    );
    // No step seen yet: only the strategy can say when they come.
    let started = Deployment::from_json(&format!(
        r#"{{"ApplicationId":"pay0001","EnvironmentId":"stg0001","DeploymentNumber":3,"State":"DEPLOYING",
        "GrowthType":"LINEAR","GrowthFactor":20,"DeploymentDurationInMinutes":10,"FinalBakeTimeInMinutes":2,
        "PercentageComplete":0,"StartedAt":"{0}","EventLog":[
          {{"EventType":"DEPLOYMENT_STARTED","TriggeredBy":"USER","Description":"Deployment started","OccurredAt":"{0}"}}]}}"#,
        now.add_millis(-30_000).to_rfc3339()
    ))
    .unwrap();
    let root = render(started, now).await;
    assert_eq!(
        text(&one(&root, ".key.projection")),
        "estimate (from the strategy)",
        "legend with no step seen"
    );
}

#[wasm_bindgen_test]
async fn a_deployment_started_a_moment_ago_says_so_not_milliseconds() {
    let now = t("2026-01-01T12:00:00Z");
    let started = now.add_millis(-172).to_rfc3339();
    let json = format!(
        r#"{{"ApplicationId":"pay0001","EnvironmentId":"stg0001","DeploymentNumber":3,"State":"DEPLOYING",
        "GrowthType":"LINEAR","GrowthFactor":20,"DeploymentDurationInMinutes":10,"FinalBakeTimeInMinutes":2,
        "PercentageComplete":0,"StartedAt":"{started}","EventLog":[
          {{"EventType":"DEPLOYMENT_STARTED","TriggeredBy":"USER","Description":"Deployment started","OccurredAt":"{started}"}}]}}"#
    );
    let root = render(Deployment::from_json(&json).unwrap(), now).await;
    let details = text(&one(&root, "dl.details"));
    assert!(details.contains("Just started"), "{details}");
    assert!(!details.contains(" ms"), "{details}");
    assert!(text(&root).contains("1 event"), "{}", text(&root));
    assert!(!text(&root).contains("1 events"), "{}", text(&root));
}

#[wasm_bindgen_test]
async fn events_at_the_same_instant_say_so_not_plus_zero_ms() {
    // AppConfig.AllAtOnce: started, 100% and bake all logged at one instant.
    let at = "2026-01-01T11:00:00Z";
    let json = format!(
        r#"{{"ApplicationId":"pay0001","EnvironmentId":"prd0001","DeploymentNumber":3,"State":"COMPLETE",
        "GrowthType":"LINEAR","GrowthFactor":100,"DeploymentDurationInMinutes":0,"FinalBakeTimeInMinutes":10,
        "PercentageComplete":100,"StartedAt":"{at}","CompletedAt":"2026-01-01T11:10:00Z","EventLog":[
          {{"EventType":"DEPLOYMENT_COMPLETED","TriggeredBy":"APPCONFIG","Description":"Deployment completed","OccurredAt":"2026-01-01T11:10:00Z"}},
          {{"EventType":"BAKE_TIME_STARTED","TriggeredBy":"APPCONFIG","Description":"Deployment bake time started","OccurredAt":"{at}"}},
          {{"EventType":"PERCENTAGE_UPDATED","TriggeredBy":"APPCONFIG","Description":"{}","OccurredAt":"{at}"}},
          {{"EventType":"DEPLOYMENT_STARTED","TriggeredBy":"USER","Description":"Deployment started","OccurredAt":"{at}"}}]}}"#,
        percentage_description(100.0)
    );
    let root = render(
        Deployment::from_json(&json).unwrap(),
        t("2026-01-01T12:00:00Z"),
    )
    .await;
    let gaps: Vec<String> = all(&root, ".ev-time .gap").iter().map(text).collect();
    assert_eq!(gaps, ["same time", "same time", "+10 min"]);
    assert!(text(&one(&root, ".dep-sub")).contains("All at once, 10 min bake time"));
}

fn thousand_events() -> Deployment {
    let start = t("2025-03-01T08:00:00Z");
    let mut log = Vec::new();
    log.push(format!(
        r#"{{"EventType":"DEPLOYMENT_STARTED","TriggeredBy":"USER","OccurredAt":"{}"}}"#,
        start.to_rfc3339()
    ));
    for i in 1..=997 {
        let p = (f64::from(i) * 100.0 / 997.0 * 100.0).round() / 100.0;
        log.push(format!(
            r#"{{"EventType":"PERCENTAGE_UPDATED","TriggeredBy":"APPCONFIG","Description":"{}","OccurredAt":"{}"}}"#,
            percentage_description(p),
            start.add_millis(i64::from(i) * 3_000).to_rfc3339()
        ));
    }
    let end = start.add_millis(998 * 3_000);
    log.push(format!(
        r#"{{"EventType":"BAKE_TIME_STARTED","TriggeredBy":"APPCONFIG","OccurredAt":"{}"}}"#,
        end.to_rfc3339()
    ));
    log.push(format!(
        r#"{{"EventType":"DEPLOYMENT_COMPLETED","TriggeredBy":"APPCONFIG","OccurredAt":"{}"}}"#,
        end.add_millis(1000).to_rfc3339()
    ));
    log.reverse();
    let json = format!(
        r#"{{"DeploymentNumber":4,"State":"COMPLETE","GrowthType":"LINEAR","GrowthFactor":0.1,"DeploymentDurationInMinutes":50,
        "FinalBakeTimeInMinutes":0,"PercentageComplete":100,"StartedAt":"{}","CompletedAt":"{}","EventLog":[{}]}}"#,
        start.to_rfc3339(),
        end.add_millis(1000).to_rfc3339(),
        log.join(",")
    );
    let d = Deployment::from_json(&json).unwrap();
    assert_eq!(d.event_log.as_ref().unwrap().len(), 1000);
    d
}

#[wasm_bindgen_test]
async fn a_thousand_events_collapse_and_expand_quickly() {
    let started = js_sys::Date::now();
    let root = render(thousand_events(), t("2025-03-02T00:00:00Z")).await;
    let first_paint = js_sys::Date::now() - started;
    // Started, one group of 997 percentage updates, bake, completed.
    assert_eq!(events(&root), 4);
    let group = one(&root, "li.event-group");
    assert_eq!(group.get_attribute("data-count").as_deref(), Some("997"));
    assert!(text(&group).contains("Show 997 percentage updates"));

    let expand = one(&root, r#"button[data-action="expand-all"]"#);
    let t0 = js_sys::Date::now();
    expand.dyn_into::<HtmlElement>().unwrap().click();
    sleep(10).await;
    let expanded = js_sys::Date::now() - t0;
    assert_eq!(events(&root), 1000);
    web_sys::console::log_1(
        &format!("1,000 events: first paint {first_paint:.0} ms, expand {expanded:.0} ms").into(),
    );
    assert!(first_paint < 3_000.0, "first paint took {first_paint} ms");
    assert!(expanded < 5_000.0, "expanding took {expanded} ms");
}

#[wasm_bindgen_test]
async fn untrusted_text_is_rendered_as_text() {
    let evil = r#"<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">"#;
    let json = serde_json::json!({
        "DeploymentNumber": 9,
        "State": "COMPLETE",
        "Description": evil,
        "ConfigurationLocationUri": evil,
        "EventLog": [{"EventType": "DEPLOYMENT_STARTED", "Description": evil, "OccurredAt": "2024-01-01T00:00:00Z",
            "ActionInvocations": [{"ErrorCode": evil, "ErrorMessage": evil}]}],
        "AppliedExtensions": [{"ExtensionId": "x", "Parameters": {"p": evil}}]
    });
    let d = Deployment::from_json(&json.to_string()).unwrap();
    let root = render(d, t("2024-01-02T00:00:00Z")).await;
    assert!(all(&root, "script").is_empty());
    assert!(all(&root, "img").is_empty());
    let body = text(&root);
    assert!(
        body.matches("<script>window.__pwned = 1</script>").count() >= 4,
        "{body}"
    );
    let pwned = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined());
}

#[wasm_bindgen_test]
async fn missing_members_show_a_dash_not_a_blank() {
    let d = Deployment::from_json("{}").unwrap();
    let root = render(d, t("2024-01-02T00:00:00Z")).await;
    assert_eq!(all(&root, "dl.details > .row").len(), LABELS.len());
    assert!(text(&one(&root, r#"[role="status"]"#)).contains("Unknown"));
    assert_eq!(events(&root), 0);
    assert!(text(&root).contains("No events recorded."));
}

#[wasm_bindgen_test]
async fn paste_panel_reports_bad_json_beside_the_box_and_loads_good_json() {
    let root = container();
    let loaded = Rc::new(std::cell::RefCell::new(None::<Rc<Deployment>>));
    let sink = loaded.clone();
    Renderer::<PastePanel>::with_root_and_props(
        root.clone(),
        PastePanelProps {
            onload: Callback::from(move |d| *sink.borrow_mut() = Some(d)),
        },
    )
    .render();
    sleep(30).await;
    let area: web_sys::HtmlTextAreaElement = one(&root, "textarea").dyn_into().unwrap();
    let set = |v: &str| {
        area.set_value(v);
        area.dispatch_event(&web_sys::InputEvent::new("input").unwrap())
            .unwrap();
    };
    let submit = || {
        one(&root, r#"button[type="submit"]"#)
            .dyn_into::<HtmlElement>()
            .unwrap()
            .click()
    };
    set(r#"{"State": "COMPLETE", "#);
    sleep(20).await;
    submit();
    sleep(30).await;
    let err = one(&root, ".field-error");
    assert_eq!(err.get_attribute("data-kind").as_deref(), Some("bad-json"));
    assert!(text(&err).contains("truncated JSON"), "{}", text(&err));
    // The advice's command is set as code, with no Markdown backquotes left in the text.
    assert!(!text(&err).contains('`'), "{}", text(&err));
    assert!(text(&one(&err, ".muted code")).starts_with("aws appconfig get-deployment"));
    assert_eq!(area.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(loaded.borrow().is_none());

    set(BOTOCORE);
    sleep(20).await;
    submit();
    sleep(30).await;
    assert!(root.query_selector(".field-error").unwrap().is_none());
    assert_eq!(
        loaded.borrow().as_ref().and_then(|d| d.deployment_number),
        Some(1)
    );
}

#[wasm_bindgen_test]
async fn a_failed_refresh_says_reconnecting_not_live() {
    let render_status = |stale: bool| {
        let root = container();
        Renderer::<LiveStatus>::with_root_and_props(
            root.clone(),
            LiveStatusProps {
                updated_ms: Some(js_sys::Date::now() - 12_000.0),
                live: true,
                loading: false,
                onrefresh: Callback::noop(),
                stale,
            },
        )
        .render();
        root
    };
    let (fresh, stale) = (render_status(false), render_status(true));
    sleep(30).await;
    assert_eq!(text(&one(&fresh, ".live-dot")), "Live");
    assert!(all(&fresh, ".live-dot.stale").is_empty());
    assert_eq!(text(&one(&stale, ".live-dot.stale")), "Reconnecting");
    assert!(
        text(&stale).contains("Updated 12 s ago"),
        "{}",
        text(&stale)
    );
}

#[wasm_bindgen_test]
async fn steps_show_their_time_against_the_plan_and_estimates_their_basis() {
    let now = t("2026-01-01T12:00:00Z");
    let root = render(running(now), now).await;
    let timings: Vec<String> = all(&root, ".ev-step").iter().map(text).collect();
    assert!(
        timings
            .iter()
            .any(|s| s.starts_with("Step took ") && s.contains("(plan ")),
        "step timing: {timings:?}"
    );
    let note = text(&one(&root, ".estimate-note"));
    assert!(
        note.contains("estimated from the"),
        "estimate basis: {note}"
    );
    assert!(
        all(&root, ".overdue-note").is_empty(),
        "nothing is overdue 40 s after a step"
    );

    // Ten minutes after its start, with two steps of five seen, the next step is long overdue.
    let late = running(now);
    let root = render(late, now.add_millis(360_000)).await;
    let overdue = text(&one(&root, ".overdue-note"));
    assert!(overdue.contains("overdue by"), "overdue note: {overdue}");
}

/// Renders the rollback fixture with two monitors and what CloudWatch said of them.
async fn render_with_alarms(alarms: appconfig_dashboard::Alarms) -> Element {
    use appconfig_core::model::Monitor;
    let d = parse_deployment_json(ROLLBACK).unwrap();
    let now = d.completed_at.unwrap().add_millis(60_000);
    let monitor = |name: &str| {
        let mut m = Monitor::default();
        m.alarm_arn = Some(format!(
            "arn:aws:cloudwatch:us-east-1:123456789012:alarm:{name}"
        ));
        m
    };
    let root = container();
    Renderer::<DeploymentView>::with_root_and_props(
        root.clone(),
        DeploymentViewProps {
            deployment: Rc::new(d),
            live: None,
            source: None,
            now_ms: Some(now.epoch_millis() as f64),
            full_view: None,
            copy_link: false,
            monitors: Some(Rc::new(vec![monitor("errors"), monitor("canary")])),
            alarms: Some(Rc::new(alarms)),
            what_changed: yew::Html::default(),
            children: yew::Html::default(),
        },
    )
    .render();
    sleep(30).await;
    root
}

fn status(
    name: &str,
    state: &str,
    actions_enabled: bool,
) -> appconfig_core::cloudwatch::AlarmStatus {
    let mut s = appconfig_core::cloudwatch::AlarmStatus::default();
    s.name = name.into();
    s.arn = Some(format!(
        "arn:aws:cloudwatch:us-east-1:123456789012:alarm:{name}"
    ));
    s.state = Some(state.into());
    s.actions_enabled = actions_enabled;
    s.condition = Some("Sum of 5XXError (AWS/ApiGateway) ≥ 5 for 3 periods of 1 min".into());
    s.reason = Some("Threshold Crossed".into());
    s
}

#[wasm_bindgen_test]
async fn monitors_show_alarm_states_and_what_they_mean() {
    let alarms = appconfig_dashboard::Alarms {
        statuses: vec![
            status("errors", "ALARM", true),
            status("canary", "INSUFFICIENT_DATA", false),
        ],
        ..Default::default()
    };
    let root = render_with_alarms(alarms).await;
    let badges: Vec<String> = all(&root, ".alarm-badge")
        .iter()
        .map(|e| e.text_content().unwrap())
        .collect();
    assert_eq!(
        badges,
        ["ALARM", "INSUFFICIENT_DATA"],
        "one state per monitor"
    );
    let meanings: Vec<String> = all(&root, ".alarm-meaning")
        .iter()
        .map(|e| e.text_content().unwrap())
        .collect();
    assert!(
        meanings[0]
            .starts_with("AppConfig rolls back when this alarm is in ALARM or INSUFFICIENT_DATA"),
        "{meanings:?}"
    );
    assert!(
        meanings[1].contains("not while its actions are disabled"),
        "{meanings:?}"
    );
    assert_eq!(
        all(&root, ".alarm-actions-off").len(),
        1,
        "only the disabled alarm says so"
    );
    assert!(one(&root, ".alarm-condition")
        .text_content()
        .unwrap()
        .contains("Sum of 5XXError"));
    assert_eq!(
        all(&root, "li.monitor.not-ok").len(),
        1,
        "only an alarm that would roll back is marked"
    );
}

#[wasm_bindgen_test]
async fn denied_alarms_name_the_missing_action() {
    let alarms = appconfig_dashboard::Alarms {
        denied: Some("cloudwatch:DescribeAlarms"),
        ..Default::default()
    };
    let root = render_with_alarms(alarms).await;
    assert!(one(&root, ".alarms-denied")
        .text_content()
        .unwrap()
        .contains("cloudwatch:DescribeAlarms"));
    assert!(all(&root, ".alarm-badge").is_empty());
    assert_eq!(
        all(&root, "li.monitor").len(),
        2,
        "the monitors are still listed"
    );
}
