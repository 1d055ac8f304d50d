//! Reading CloudWatch's answers: the outputs of 2xx bodies (`json` protocol), typed errors
//! otherwise (the same classification as AppConfig's, `x-amzn-query-error` first), and what the
//! deployment page needs of them: each alarm's status and the state changes of its history.

use super::model::{
    AlarmHistoryItem, DescribeAlarmHistoryOutput, DescribeAlarmsOutput, StateValue,
};
use crate::http::HttpResponse;
use crate::json::parse_json_body;
use crate::response::parse_error;
use crate::{DateTime, Error};

/// Reads a `DescribeAlarms` response.
///
/// # Errors
/// [`Error::Service`] for an error response, [`Error::MalformedResponse`] for a bad 2xx body.
pub fn parse_describe_alarms(response: &HttpResponse) -> Result<DescribeAlarmsOutput, Error> {
    if !(200..300).contains(&response.status) {
        return Err(parse_error(response).into());
    }
    parse_json_body(response.status, &response.body)
}

/// Reads a `DescribeAlarmHistory` response.
///
/// # Errors
/// As [`parse_describe_alarms`].
pub fn parse_describe_alarm_history(
    response: &HttpResponse,
) -> Result<DescribeAlarmHistoryOutput, Error> {
    if !(200..300).contains(&response.status) {
        return Err(parse_error(response).into());
    }
    parse_json_body(response.status, &response.body)
}

/// One alarm as the deployment page shows it, metric or composite.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct AlarmStatus {
    /// The name.
    pub name: String,
    /// The ARN.
    pub arn: Option<String>,
    /// The state.
    pub state: Option<StateValue>,
    /// Why, in CloudWatch's words.
    pub reason: Option<String>,
    /// Since when.
    pub since: Option<DateTime>,
    /// False when the alarm's actions are disabled: AppConfig then does not roll back on it.
    pub actions_enabled: bool,
    /// What it watches, in words (`Sum of 5XXError (AWS/ApiGateway) ≥ 5 ...`), or the rule
    /// of a composite alarm.
    pub condition: Option<String>,
}

impl AlarmStatus {
    /// True when this alarm, in its present state, makes AppConfig roll back a deployment in
    /// DEPLOYING or BAKING that it monitors.
    pub fn would_roll_back(&self) -> bool {
        self.actions_enabled && self.state.as_ref().is_some_and(StateValue::rolls_back)
    }
}

fn number(v: f64) -> String {
    // `5`, not `5.0`; `0.25` as it is.
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        v.to_string()
    }
}

fn period(seconds: i64) -> String {
    match seconds {
        s if s % 3600 == 0 && s > 0 => format!("{} h", s / 3600),
        s if s % 60 == 0 && s > 0 => format!("{} min", s / 60),
        s => format!("{s} s"),
    }
}

impl DescribeAlarmsOutput {
    /// Every alarm of the answer, metric alarms first.
    pub fn statuses(&self) -> Vec<AlarmStatus> {
        let mut out = Vec::new();
        for m in self.metric_alarms.iter().flatten() {
            let stat = m.extended_statistic.as_deref().or(m.statistic.as_deref());
            let mut what = match (&m.metric_name, &m.namespace) {
                (Some(n), Some(ns)) => format!("{n} ({ns})"),
                (Some(n), None) => n.clone(),
                _ => "a metric query".to_owned(),
            };
            if let Some(s) = stat {
                what = format!("{s} of {what}");
            }
            let mut condition = what;
            if let (Some(op), Some(t)) = (&m.comparison_operator, m.threshold) {
                condition = format!("{condition} {} {}", op.symbol(), number(t));
                if let Some(u) = m.unit.as_deref().filter(|u| *u != "None") {
                    condition = format!("{condition} {u}");
                }
            }
            if let (Some(n), Some(p)) = (m.evaluation_periods, m.period) {
                let m_of_n = m.datapoints_to_alarm.filter(|d| *d != n);
                condition = match m_of_n {
                    Some(d) => format!("{condition} for {d} of {n} periods of {}", period(p)),
                    None if n == 1 => format!("{condition} for 1 period of {}", period(p)),
                    None => format!("{condition} for {n} periods of {}", period(p)),
                };
            }
            out.push(AlarmStatus {
                name: m.alarm_name.clone().unwrap_or_default(),
                arn: m.alarm_arn.clone(),
                state: m.state_value.clone(),
                reason: m.state_reason.clone(),
                since: m.state_updated_timestamp,
                actions_enabled: m.actions_enabled.unwrap_or(true),
                condition: Some(condition),
            });
        }
        for c in self.composite_alarms.iter().flatten() {
            out.push(AlarmStatus {
                name: c.alarm_name.clone().unwrap_or_default(),
                arn: c.alarm_arn.clone(),
                state: c.state_value.clone(),
                reason: c.state_reason.clone(),
                since: c.state_updated_timestamp,
                actions_enabled: c.actions_enabled.unwrap_or(true),
                condition: c.alarm_rule.as_ref().map(|r| format!("composite: {r}")),
            });
        }
        out
    }
}

/// A state change of an alarm, from its history.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StateChange {
    /// The alarm.
    pub alarm_name: String,
    /// When.
    pub at: DateTime,
    /// The state before, when known.
    pub from: Option<StateValue>,
    /// The state after.
    pub to: StateValue,
}

impl AlarmHistoryItem {
    /// The state change this item records: from its summary (`Alarm updated from OK to
    /// ALARM`), else from `HistoryData`'s `oldState`/`newState`; `None` for other items.
    pub fn state_change(&self) -> Option<StateChange> {
        let at = self.timestamp?;
        let alarm_name = self.alarm_name.clone()?;
        let (from, to) = self
            .history_summary
            .as_deref()
            .and_then(|s| s.split_once(" from "))
            .and_then(|(_, rest)| rest.split_once(" to "))
            .map(|(a, b)| (Some(StateValue::from(a.trim())), StateValue::from(b.trim())))
            .filter(|(_, to)| !matches!(to, StateValue::Unknown(_)))
            .or_else(|| from_history_data(self.history_data.as_deref()?))?;
        Some(StateChange {
            alarm_name,
            at,
            from,
            to,
        })
    }
}

fn from_history_data(data: &str) -> Option<(Option<StateValue>, StateValue)> {
    let v: serde_json::Value = serde_json::from_str(data).ok()?;
    let state = |k: &str| v.get(k)?.get("stateValue")?.as_str().map(StateValue::from);
    Some((state("oldState"), state("newState")?))
}

impl DescribeAlarmHistoryOutput {
    /// The state changes of the alarms named, oldest first (any page order).
    pub fn state_changes(&self, names: &[&str]) -> Vec<StateChange> {
        let mut out: Vec<StateChange> = self
            .alarm_history_items
            .iter()
            .flatten()
            .filter_map(AlarmHistoryItem::state_change)
            .filter(|c| names.is_empty() || names.contains(&c.alarm_name.as_str()))
            .collect();
        out.sort_by_key(|c| c.at.epoch_millis());
        out
    }
}
