//! CloudWatch's output shapes for the two reads, member for member as botocore's `cloudwatch`
//! `service-2.json` names them (only the members the deployment page reads; the others are
//! skipped when parsing).

use serde::{Deserialize, Serialize};

use crate::model::string_enum;
use crate::DateTime;

string_enum! {
    /// An alarm's state.
    StateValue {
        /// The metric is within its threshold.
        Ok = "OK",
        /// The metric breached its threshold.
        Alarm = "ALARM",
        /// Not enough data to decide (also the state of a new alarm).
        InsufficientData = "INSUFFICIENT_DATA",
    }
}

impl StateValue {
    /// True for the states that make AppConfig roll back a deployment whose monitor this alarm
    /// is (EVIDENCE.md: "ALARM or INSUFFICIENT_DATA", unless the alarm's actions are disabled).
    pub fn rolls_back(&self) -> bool {
        matches!(self, StateValue::Alarm | StateValue::InsufficientData)
    }
}

string_enum! {
    /// The kind of an alarm.
    AlarmType {
        /// An alarm over other alarms.
        CompositeAlarm = "CompositeAlarm",
        /// An alarm on a metric.
        MetricAlarm = "MetricAlarm",
        /// An alarm on a log query.
        LogAlarm = "LogAlarm",
    }
}

string_enum! {
    /// What an alarm history item records.
    HistoryItemType {
        /// The alarm was changed.
        ConfigurationUpdate = "ConfigurationUpdate",
        /// The alarm changed state.
        StateUpdate = "StateUpdate",
        /// An action ran.
        Action = "Action",
        /// A contributor changed state.
        AlarmContributorStateUpdate = "AlarmContributorStateUpdate",
        /// A contributor's action ran.
        AlarmContributorAction = "AlarmContributorAction",
    }
}

string_enum! {
    /// How the statistic is compared with the threshold.
    ComparisonOperator {
        /// `>=`
        GreaterThanOrEqualToThreshold = "GreaterThanOrEqualToThreshold",
        /// `>`
        GreaterThanThreshold = "GreaterThanThreshold",
        /// `<`
        LessThanThreshold = "LessThanThreshold",
        /// `<=`
        LessThanOrEqualToThreshold = "LessThanOrEqualToThreshold",
        /// Outside an anomaly detection band.
        LessThanLowerOrGreaterThanUpperThreshold = "LessThanLowerOrGreaterThanUpperThreshold",
        /// Below an anomaly detection band.
        LessThanLowerThreshold = "LessThanLowerThreshold",
        /// Above an anomaly detection band.
        GreaterThanUpperThreshold = "GreaterThanUpperThreshold",
    }
}

impl ComparisonOperator {
    /// The operator as a symbol (`>=`), or in words for the anomaly bands.
    pub fn symbol(&self) -> &str {
        match self {
            ComparisonOperator::GreaterThanOrEqualToThreshold => "≥",
            ComparisonOperator::GreaterThanThreshold => ">",
            ComparisonOperator::LessThanThreshold => "<",
            ComparisonOperator::LessThanOrEqualToThreshold => "≤",
            ComparisonOperator::LessThanLowerOrGreaterThanUpperThreshold => "outside the band",
            ComparisonOperator::LessThanLowerThreshold => "below the band",
            ComparisonOperator::GreaterThanUpperThreshold => "above the band",
            ComparisonOperator::Unknown(s) => s.as_str(),
        }
    }
}

/// A metric dimension.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Dimension {
    /// The name.
    pub name: Option<String>,
    /// The value.
    pub value: Option<String>,
}

deserialize_struct!(Dimension {
    name => "Name",
    value => "Value",
});

/// A metric alarm.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct MetricAlarm {
    /// The name.
    pub alarm_name: Option<String>,
    /// The ARN.
    pub alarm_arn: Option<String>,
    /// The description.
    pub alarm_description: Option<String>,
    /// Whether actions run on state changes (AppConfig does not roll back on an alarm whose
    /// actions are disabled).
    pub actions_enabled: Option<bool>,
    /// The state.
    pub state_value: Option<StateValue>,
    /// Why it is in this state, in CloudWatch's words.
    pub state_reason: Option<String>,
    /// When the state (or its reason) last changed.
    pub state_updated_timestamp: Option<DateTime>,
    /// When the state last changed.
    pub state_transitioned_timestamp: Option<DateTime>,
    /// The metric.
    pub metric_name: Option<String>,
    /// The metric's namespace (`AWS/ApplicationELB`).
    pub namespace: Option<String>,
    /// `Average`, `Sum`, ...
    pub statistic: Option<String>,
    /// A percentile (`p99`), instead of `statistic`.
    pub extended_statistic: Option<String>,
    /// The metric's dimensions.
    pub dimensions: Option<Vec<Dimension>>,
    /// Seconds per evaluated period.
    pub period: Option<i64>,
    /// The unit.
    pub unit: Option<String>,
    /// How many periods are evaluated.
    pub evaluation_periods: Option<i64>,
    /// How many of them must breach ("M out of N").
    pub datapoints_to_alarm: Option<i64>,
    /// The threshold.
    pub threshold: Option<f64>,
    /// How the statistic is compared with the threshold.
    pub comparison_operator: Option<ComparisonOperator>,
    /// `missing`, `ignore`, `breaching`, `notBreaching`.
    pub treat_missing_data: Option<String>,
}

deserialize_struct!(MetricAlarm {
    alarm_name => "AlarmName",
    alarm_arn => "AlarmArn",
    alarm_description => "AlarmDescription",
    actions_enabled => "ActionsEnabled",
    state_value => "StateValue",
    state_reason => "StateReason",
    state_updated_timestamp => "StateUpdatedTimestamp",
    state_transitioned_timestamp => "StateTransitionedTimestamp",
    metric_name => "MetricName",
    namespace => "Namespace",
    statistic => "Statistic",
    extended_statistic => "ExtendedStatistic",
    dimensions => "Dimensions",
    period => "Period",
    unit => "Unit",
    evaluation_periods => "EvaluationPeriods",
    datapoints_to_alarm => "DatapointsToAlarm",
    threshold => "Threshold",
    comparison_operator => "ComparisonOperator",
    treat_missing_data => "TreatMissingData",
});

/// A composite alarm: a rule over other alarms.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct CompositeAlarm {
    /// The name.
    pub alarm_name: Option<String>,
    /// The ARN.
    pub alarm_arn: Option<String>,
    /// The description.
    pub alarm_description: Option<String>,
    /// Whether actions run on state changes.
    pub actions_enabled: Option<bool>,
    /// The state.
    pub state_value: Option<StateValue>,
    /// Why it is in this state.
    pub state_reason: Option<String>,
    /// When the state last changed.
    pub state_updated_timestamp: Option<DateTime>,
    /// When the state last changed.
    pub state_transitioned_timestamp: Option<DateTime>,
    /// The rule (`ALARM(a) OR ALARM(b)`).
    pub alarm_rule: Option<String>,
}

deserialize_struct!(CompositeAlarm {
    alarm_name => "AlarmName",
    alarm_arn => "AlarmArn",
    alarm_description => "AlarmDescription",
    actions_enabled => "ActionsEnabled",
    state_value => "StateValue",
    state_reason => "StateReason",
    state_updated_timestamp => "StateUpdatedTimestamp",
    state_transitioned_timestamp => "StateTransitionedTimestamp",
    alarm_rule => "AlarmRule",
});

/// `DescribeAlarms`' output.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct DescribeAlarmsOutput {
    /// The metric alarms.
    pub metric_alarms: Option<Vec<MetricAlarm>>,
    /// The composite alarms.
    pub composite_alarms: Option<Vec<CompositeAlarm>>,
    /// The token of the next page.
    pub next_token: Option<String>,
}

deserialize_struct!(DescribeAlarmsOutput {
    metric_alarms => "MetricAlarms",
    composite_alarms => "CompositeAlarms",
    next_token => "NextToken",
});

/// One item of an alarm's history.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct AlarmHistoryItem {
    /// The alarm.
    pub alarm_name: Option<String>,
    /// Metric or composite.
    pub alarm_type: Option<AlarmType>,
    /// When.
    pub timestamp: Option<DateTime>,
    /// What kind of item.
    pub history_item_type: Option<HistoryItemType>,
    /// `Alarm updated from OK to ALARM`.
    pub history_summary: Option<String>,
    /// A JSON document with `oldState` and `newState` (each with `stateValue`).
    pub history_data: Option<String>,
}

deserialize_struct!(AlarmHistoryItem {
    alarm_name => "AlarmName",
    alarm_type => "AlarmType",
    timestamp => "Timestamp",
    history_item_type => "HistoryItemType",
    history_summary => "HistorySummary",
    history_data => "HistoryData",
});

/// `DescribeAlarmHistory`'s output.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DescribeAlarmHistoryOutput {
    /// The items.
    pub alarm_history_items: Option<Vec<AlarmHistoryItem>>,
    /// The token of the next page.
    pub next_token: Option<String>,
}

deserialize_struct!(DescribeAlarmHistoryOutput {
    alarm_history_items => "AlarmHistoryItems",
    next_token => "NextToken",
});
