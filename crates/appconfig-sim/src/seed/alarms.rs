//! The seeded CloudWatch alarms: the ones the payments environments monitor, with realistic
//! metrics and thresholds, and the history of the production alarm that rolled deployment 2
//! back.

use appconfig_core::DateTime;

use crate::store::{AlarmHistoryRec, AlarmRec, ACCOUNT_ID, ALARM, INSUFFICIENT_DATA, OK};

/// The ARN of alarm `name` in `region`.
pub(crate) fn alarm_arn(region: &str, name: &str) -> String {
    let partition = if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    };
    format!("arn:{partition}:cloudwatch:{region}:{ACCOUNT_ID}:alarm:{name}")
}

/// A metric alarm in OK since `since`, actions enabled, notifying the on-call topic.
pub(crate) fn metric_alarm(region: &str, name: &str, since: DateTime) -> AlarmRec {
    AlarmRec {
        name: name.to_owned(),
        arn: alarm_arn(region, name),
        description: None,
        actions_enabled: true,
        alarm_actions: vec![format!("arn:aws:sns:{region}:{ACCOUNT_ID}:payments-oncall")],
        ok_actions: Vec::new(),
        insufficient_data_actions: Vec::new(),
        metric_name: None,
        namespace: None,
        statistic: Some("Average".into()),
        extended_statistic: None,
        dimensions: Vec::new(),
        period: Some(60),
        unit: None,
        evaluation_periods: 3,
        datapoints_to_alarm: None,
        threshold: Some(0.0),
        comparison_operator: "GreaterThanOrEqualToThreshold".into(),
        treat_missing_data: Some("missing".into()),
        state: OK.into(),
        state_reason: "Threshold Crossed: no datapoints were breaching the threshold.".into(),
        state_updated: since,
        config_updated: since,
        evaluate_at: None,
        flapping: false,
    }
}

fn change(name: &str, at: DateTime, old: &str, new: &str, reason: &str) -> AlarmHistoryRec {
    let data = serde_json::json!({
        "version": "1.0",
        "oldState": {"stateValue": old},
        "newState": {"stateValue": new, "stateReason": reason},
    });
    AlarmHistoryRec {
        alarm_name: name.to_owned(),
        at,
        item_type: "StateUpdate".into(),
        summary: format!("Alarm updated from {old} to {new}"),
        data: data.to_string(),
    }
}

/// The alarms and their history. `rollback_at` is when production's alarm rolled back
/// deployment 2.
pub(crate) fn seed_alarms(
    region: &str,
    t0: DateTime,
    rollback_at: DateTime,
) -> (Vec<AlarmRec>, Vec<AlarmHistoryRec>) {
    const MIN: i64 = 60_000;
    let created = rollback_at.add_millis(-30 * 24 * 60 * MIN);

    let mut prod = metric_alarm(
        region,
        "payments-5xx-errors",
        rollback_at.add_millis(9 * MIN),
    );
    prod.description = Some("5xx responses of the payments API".into());
    prod.metric_name = Some("5XXError".into());
    prod.namespace = Some("AWS/ApiGateway".into());
    prod.statistic = Some("Sum".into());
    prod.dimensions = vec![("ApiName".into(), "payments-api".into())];
    prod.threshold = Some(5.0);
    prod.config_updated = created;

    let mut latency = metric_alarm(region, "payments-staging-latency", t0.add_millis(-60 * MIN));
    latency.description = Some("p99 latency of the staging load balancer".into());
    latency.metric_name = Some("TargetResponseTime".into());
    latency.namespace = Some("AWS/ApplicationELB".into());
    latency.statistic = None;
    latency.extended_statistic = Some("p99".into());
    latency.dimensions = vec![(
        "LoadBalancer".into(),
        "app/payments-staging/5f1c2d3e4a6b7c8d".into(),
    )];
    latency.unit = Some("Seconds".into());
    latency.evaluation_periods = 5;
    latency.datapoints_to_alarm = Some(3);
    latency.threshold = Some(0.5);
    latency.comparison_operator = "GreaterThanThreshold".into();
    latency.config_updated = created;

    // The demo's flapping alarm: a synthetic canary that sometimes reports nothing. Its actions
    // are disabled, so it never rolls staging back (store/alarms.rs explains the flips).
    let mut canary = metric_alarm(region, "payments-staging-canary", t0.add_millis(-60 * MIN));
    canary.description =
        Some("Synthetic checkout canary (actions disabled while it is tuned)".into());
    canary.actions_enabled = false;
    canary.metric_name = Some("SuccessPercent".into());
    canary.namespace = Some("CloudWatchSynthetics".into());
    canary.dimensions = vec![("CanaryName".into(), "payments-checkout".into())];
    canary.unit = Some("Percent".into());
    canary.evaluation_periods = 2;
    canary.threshold = Some(90.0);
    canary.comparison_operator = "LessThanThreshold".into();
    canary.treat_missing_data = Some("missing".into());
    canary.config_updated = created;
    canary.flapping = true;

    let breach = "Threshold Crossed: 3 out of the last 3 datapoints [14.0, 9.0, 6.0] were greater than or equal to the threshold (5.0) (minimum 3 datapoints for OK -> ALARM transition).";
    let history = vec![
        change("payments-5xx-errors", created, INSUFFICIENT_DATA, OK, "Threshold Crossed: no datapoints were breaching the threshold."),
        change("payments-5xx-errors", rollback_at, OK, ALARM, breach),
        change("payments-5xx-errors", rollback_at.add_millis(9 * MIN), ALARM, OK, "Threshold Crossed: 3 out of the last 3 datapoints [1.0, 0.0, 0.0] were not greater than or equal to the threshold (5.0) (minimum 1 datapoint for ALARM -> OK transition)."),
        change("payments-staging-latency", created, INSUFFICIENT_DATA, OK, "Threshold Crossed: no datapoints were breaching the threshold."),
        change("payments-staging-canary", created, INSUFFICIENT_DATA, OK, "Threshold Crossed: no datapoints were breaching the threshold."),
    ];
    (vec![prod, latency, canary], history)
}
