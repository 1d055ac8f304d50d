use appconfig_core::cloudwatch::{AlarmStatus, StateValue};
use appconfig_core::model::Monitor;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use yew::prelude::*;

use crate::view::fixed;

use crate::api::Alarms;
use crate::format::{relative, visible, wrapped};

/// An alarm ARN's parts: (partition, region, name).
pub(crate) fn alarm_parts(arn: &str) -> Option<(&str, &str, &str)> {
    let mut it = arn.splitn(7, ':');
    let (_, partition, service, region, _account, kind, name) = (
        it.next()?,
        it.next()?,
        it.next()?,
        it.next()?,
        it.next()?,
        it.next()?,
        it.next()?,
    );
    (service == "cloudwatch" && kind == "alarm" && !name.is_empty() && !region.is_empty())
        .then_some((partition, region, name))
}

/// The alarm's page in the CloudWatch console of its own partition and region; `None` for an
/// ARN that names no CloudWatch alarm or a partition without a known console.
pub(crate) fn alarm_console_url(arn: &str) -> Option<String> {
    let (partition, region, name) = alarm_parts(arn)?;
    let host = match partition {
        "aws" => "console.aws.amazon.com",
        "aws-cn" => "console.amazonaws.cn",
        "aws-us-gov" => "console.amazonaws-us-gov.com",
        _ => return None,
    };
    if !region
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return None;
    }
    let name = utf8_percent_encode(name, NON_ALPHANUMERIC);
    Some(format!(
        "https://{host}/cloudwatch/home?region={region}#alarmsV2:alarm/{name}"
    ))
}

/// What CloudWatch says of one monitor's alarm: its state, since when, why, what it watches,
/// and what that means for the rollout.
fn alarm_state(status: &AlarmStatus, running: bool, now_ms: f64) -> Html {
    let state = status.state.as_ref();
    let (label, class) = match state {
        Some(StateValue::Ok) => ("OK", "alarm-ok"),
        Some(StateValue::Alarm) => ("ALARM", "alarm-alarm"),
        Some(StateValue::InsufficientData) => ("INSUFFICIENT_DATA", "alarm-insufficient"),
        Some(other) => (other.as_str(), "alarm-unknown"),
        None => ("unknown", "alarm-unknown"),
    };
    let bad = state.is_some_and(StateValue::rolls_back);
    let meaning = match (bad, status.actions_enabled, running) {
        (true, true, true) => Some("AppConfig rolls back when this alarm is in ALARM or INSUFFICIENT_DATA: this deployment is being rolled back, or will be at AppConfig's next check."),
        (true, true, false) => Some("AppConfig rolls back when this alarm is in ALARM or INSUFFICIENT_DATA: a deployment started now would be rolled back."),
        (true, false, _) => Some("AppConfig rolls back when this alarm is in ALARM or INSUFFICIENT_DATA, but not while its actions are disabled."),
        _ => None,
    };
    html! {
        <div class="alarm-status" data-state={label.to_owned()}>
            <span class={classes!("badge", "small", "alarm-badge", class)}>{ label.to_owned() }</span>
            if let Some(since) = status.since {
                <span class="muted small alarm-since">{ format!(" since {}", relative(&since, now_ms)) }</span>
            }
            if let Some(m) = meaning {
                <p class={classes!("alarm-meaning", status.actions_enabled.then_some("rolls-back"))}>{ m }</p>
            }
            if !status.actions_enabled {
                { fixed("<p class=\"alarm-actions-off small\">Actions disabled: AppConfig will not roll back on this alarm.</p>") }
            }
            if let Some(c) = &status.condition {
                <p class="alarm-condition small">{ "Watches " }{ visible(c) }</p>
            }
            if let Some(r) = &status.reason {
                <p class="alarm-reason muted small">{ visible(r) }</p>
            }
        </div>
    }
}

/// The environment's monitors (GetEnvironment's `Monitors`): each alarm with a link to its
/// CloudWatch page and the role AppConfig uses to read it; the one that triggered a rollback is
/// marked (found in `rollback_description`, "Rollback initiated by Amazon CloudWatch alarm ARN").
/// With `alarms` (DescribeAlarms), each shows its state and what it means while the deployment
/// is `running` (DEPLOYING or BAKING); access denied names the IAM action that is missing.
///
/// A plain function, not a component: it has no state, and each component costs the wasm its
/// own copy of yew's lifecycle code.
pub(crate) fn monitors(
    monitors: &[Monitor],
    rollback_description: Option<&str>,
    alarms: Option<&Alarms>,
    running: bool,
    now_ms: f64,
) -> Html {
    if monitors.is_empty() {
        return html! { { fixed("<p class=\"muted monitors-none\">No alarms watch this environment: a bad configuration is rolled back only by hand.</p>") } };
    }
    html! {
        <>
        if let Some(action) = alarms.and_then(|a| a.denied) {
            <p class="alarms-denied" data-kind="access-denied">
                { "Alarm states are not shown: these credentials may not call " }<code>{ action }</code>
                { ". Allow it in IAM (on the alarms' ARNs) to see them; the rest of the page works without it." }
            </p>
        }
        if let Some(p) = alarms.and_then(|a| a.problem.as_deref()) {
            <p class="alarms-problem muted small">{ format!("Alarm states could not be read: {p}") }</p>
        }
        <ul class="monitors">
            { for monitors.iter().map(|m| {
                let arn = m.alarm_arn.clone().unwrap_or_default();
                let name = alarm_parts(&arn).map_or(arn.as_str(), |p| p.2).to_owned();
                let triggered = !arn.is_empty()
                    && rollback_description.is_some_and(|d| d.contains(arn.as_str()));
                let status = alarms.and_then(|a| {
                    a.statuses.iter().find(|s| s.arn.as_deref() == Some(arn.as_str()))
                });
                let answered = alarms.is_some_and(|a| a.denied.is_none() && a.problem.is_none());
                let bad = status.is_some_and(AlarmStatus::would_roll_back);
                html! {
                    <li class={classes!("monitor", triggered.then_some("triggered"), bad.then_some("not-ok"))} data-alarm={arn.clone()}>
                        <span class="monitor-name">
                            if let Some(url) = alarm_console_url(&arn) {
                                <a href={url} target="_blank" rel="noopener noreferrer" class="alarm-link">{ visible(&name) }{ " ↗" }</a>
                            } else {
                                { visible(&name) }
                            }
                            if triggered { { fixed("<span class=\"badge small state-rolled-back trigger-badge\">Triggered the rollback</span>") } }
                        </span>
                        if let Some(st) = status {
                            { alarm_state(st, running, now_ms) }
                        } else if answered {
                            { fixed("<p class=\"muted small alarm-missing\">CloudWatch has no alarm by this name in its region (deleted, or in another account).</p>") }
                        }
                        <code class="wrap muted">{ wrapped(&arn) }</code>
                        if let Some(role) = &m.alarm_role_arn {
                            <span class="muted small">{ "Read with role " }<code class="wrap">{ wrapped(role) }</code></span>
                        }
                    </li>
                }
            }) }
        </ul>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn alarm_links_follow_the_alarms_partition_and_region() {
        assert_eq!(
            alarm_console_url("arn:aws:cloudwatch:eu-west-1:111122223333:alarm:payments 5xx").as_deref(),
            Some("https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/payments%205xx")
        );
        assert!(
            alarm_console_url("arn:aws-cn:cloudwatch:cn-north-1:1:alarm:a").is_some_and(|u| u
                .starts_with("https://console.amazonaws.cn/cloudwatch/home?region=cn-north-1#"))
        );
        assert!(
            alarm_console_url("arn:aws-us-gov:cloudwatch:us-gov-west-1:1:alarm:a")
                .is_some_and(|u| u.starts_with("https://console.amazonaws-us-gov.com/"))
        );
        assert_eq!(alarm_console_url("arn:aws:sns:us-east-1:1:topic"), None);
        assert_eq!(
            alarm_console_url("arn:aws-iso:cloudwatch:us-iso-east-1:1:alarm:a"),
            None
        );
        assert_eq!(
            alarm_console_url("arn:aws:cloudwatch:us-east-1/..:1:alarm:a"),
            None
        );
    }
}
