//! Reading CloudWatch's answers: the outputs of 2xx bodies (`json` protocol), typed errors
//! otherwise (the same classification as AppConfig's, `x-amzn-query-error` first), and what the
//! deployment page needs of them: each alarm's status and the state changes of its history.

use super::model::{
    AlarmHistoryItem, CompositeAlarm, DescribeAlarmHistoryOutput, DescribeAlarmsOutput,
    MetricAlarm, StateValue,
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

/// `5`, not `5.0`; `0.25`; at most three decimals (thresholds), by integer arithmetic: no float
/// formatting code in the wasm for it.
fn number(v: f64) -> String {
    if !v.is_finite() || v.abs() >= 1e15 {
        return String::from("?");
    }
    let milli = (v.abs() * 1000.0).round() as i64;
    let (whole, frac) = (milli / 1000, milli % 1000);
    let sign = if v < 0.0 && milli != 0 { "-" } else { "" };
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        let f = format!("{frac:03}");
        format!("{sign}{whole}.{}", f.trim_end_matches('0'))
    }
}

fn period(seconds: i64) -> String {
    match seconds {
        s if s % 3600 == 0 && s > 0 => format!("{} h", s / 3600),
        s if s % 60 == 0 && s > 0 => format!("{} min", s / 60),
        s => format!("{s} s"),
    }
}

impl MetricAlarm {
    /// What the alarm watches, in words: `Sum of 5XXError (AWS/ApiGateway) ≥ 5 for 3 periods of
    /// 1 min`.
    pub fn condition(&self) -> String {
        let m = self;
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
        condition
    }

    /// The alarm as the deployment page shows it.
    pub fn status(&self) -> AlarmStatus {
        AlarmStatus {
            name: self.alarm_name.clone().unwrap_or_default(),
            arn: self.alarm_arn.clone(),
            state: self.state_value.clone(),
            reason: self.state_reason.clone(),
            since: self.state_updated_timestamp,
            actions_enabled: self.actions_enabled.unwrap_or(true),
            condition: Some(self.condition()),
        }
    }
}

impl CompositeAlarm {
    /// The alarm as the deployment page shows it.
    pub fn status(&self) -> AlarmStatus {
        AlarmStatus {
            name: self.alarm_name.clone().unwrap_or_default(),
            arn: self.alarm_arn.clone(),
            state: self.state_value.clone(),
            reason: self.state_reason.clone(),
            since: self.state_updated_timestamp,
            actions_enabled: self.actions_enabled.unwrap_or(true),
            condition: self.alarm_rule.as_ref().map(|r| format!("composite: {r}")),
        }
    }
}

impl DescribeAlarmsOutput {
    /// Every alarm of the answer, metric alarms first.
    pub fn statuses(&self) -> Vec<AlarmStatus> {
        let metric = self.metric_alarms.iter().flatten().map(MetricAlarm::status);
        let composite = self
            .composite_alarms
            .iter()
            .flatten()
            .map(CompositeAlarm::status);
        metric.chain(composite).collect()
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

/// `oldState`/`newState` of `HistoryData` (`{"oldState":{"stateValue":"OK",..},"newState":{..}}`),
/// by a text search: CloudWatch writes the values as plain identifiers, and a JSON reader of
/// its own would cost the browser's wasm more than the whole feature.
fn from_history_data(data: &str) -> Option<(Option<StateValue>, StateValue)> {
    let state = |key: &str| {
        let rest = &data[data.find(key)? + key.len()..];
        let rest = &rest[rest.find("\"stateValue\"")? + 12..];
        let rest = rest
            .trim_start()
            .strip_prefix(':')?
            .trim_start()
            .strip_prefix('"')?;
        Some(StateValue::from(&rest[..rest.find('"')?]))
    };
    Some((state("\"oldState\""), state("\"newState\"")?))
}

/// Inserts `c` after every change not later than it: oldest first, equal times in arrival
/// order (no generic sort in the wasm for a handful of items).
pub fn insert_in_order(list: &mut Vec<StateChange>, c: StateChange) {
    let at = list.partition_point(|x| x.at.epoch_millis() <= c.at.epoch_millis());
    list.insert(at, c);
}

impl DescribeAlarmHistoryOutput {
    /// The state changes of the alarms named, oldest first (any page order).
    pub fn state_changes(&self, names: &[&str]) -> Vec<StateChange> {
        let mut out = Vec::new();
        for c in self
            .alarm_history_items
            .iter()
            .flatten()
            .filter_map(AlarmHistoryItem::state_change)
            .filter(|c| names.is_empty() || names.contains(&c.alarm_name.as_str()))
        {
            insert_in_order(&mut out, c);
        }
        out
    }
}
