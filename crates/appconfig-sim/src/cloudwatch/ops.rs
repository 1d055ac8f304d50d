//! The CloudWatch operations the simulator serves, on its alarms: inputs as one JSON object
//! (any protocol), outputs as a [`Val`] tree.

use appconfig_core::DateTime;
use serde_json::{Map, Value};

use super::wire::{CwError, Val};
use crate::seed::{alarm_arn, metric_alarm};
use crate::store::{AlarmRec, Store, ALARM, INSUFFICIENT_DATA, OK};

/// What an operation needs besides its input.
pub(crate) struct Ctx<'a> {
    pub(crate) now: DateTime,
    pub(crate) speed: f64,
    pub(crate) region: &'a str,
}

type Input = Map<String, Value>;

fn text<'a>(input: &'a Input, key: &str) -> Option<&'a str> {
    input.get(key).and_then(Value::as_str)
}

fn required<'a>(input: &'a Input, key: &str) -> Result<&'a str, CwError> {
    text(input, key).ok_or_else(|| CwError::missing(key))
}

/// A number as JSON and CBOR send it, or as text (query).
fn number(input: &Input, key: &str) -> Result<Option<f64>, CwError> {
    match input.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(Value::String(s)) => {
            s.trim().parse::<f64>().map(Some).map_err(|_| {
                CwError::invalid_value(format!("The parameter {key} must be a number."))
            })
        }
        Some(_) => Err(CwError::invalid_value(format!(
            "The parameter {key} must be a number."
        ))),
    }
}

fn integer(input: &Input, key: &str) -> Result<Option<i64>, CwError> {
    match number(input, key)? {
        Some(f) if f.fract() == 0.0 && f.abs() < 9e15 => Ok(Some(f as i64)),
        Some(_) => Err(CwError::invalid_value(format!(
            "The parameter {key} must be an integer."
        ))),
        None => Ok(None),
    }
}

fn boolean(input: &Input, key: &str) -> Option<bool> {
    match input.get(key)? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => Some(s == "true"),
        _ => None,
    }
}

/// A timestamp: epoch seconds (json, cbor) or ISO 8601 (query).
fn time(input: &Input, key: &str) -> Result<Option<DateTime>, CwError> {
    match input.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n
            .as_f64()
            .map(|s| DateTime::from_epoch_millis((s * 1000.0).round() as i64))),
        Some(Value::String(s)) => DateTime::parse(s).map(Some).map_err(|_| {
            CwError::invalid_value(format!("The parameter {key} must be a timestamp."))
        }),
        Some(_) => Err(CwError::invalid_value(format!(
            "The parameter {key} must be a timestamp."
        ))),
    }
}

fn texts(input: &Input, key: &str) -> Vec<String> {
    input
        .get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn max_records(input: &Input, default: usize) -> Result<usize, CwError> {
    match integer(input, "MaxRecords")? {
        None => Ok(default),
        Some(n @ 1..=100) => Ok(n as usize),
        Some(n) => Err(CwError::validation(format!(
            "1 validation error detected: Value '{n}' at 'maxRecords' failed to satisfy constraint: Member must have value between 1 and 100"
        ))),
    }
}

/// Paging: the token is the offset of the next item, which a client must hand back unchanged.
fn page<T>(
    items: Vec<T>,
    input: &Input,
    default: usize,
) -> Result<(Vec<T>, Option<String>), CwError> {
    let size = max_records(input, default)?;
    let start = match text(input, "NextToken") {
        None => 0,
        Some(t) => t
            .strip_prefix("sim-")
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| *n <= items.len())
            .ok_or_else(|| {
                CwError::new(
                    400,
                    "InvalidNextToken",
                    "The service cannot process the NextToken.",
                )
            })?,
    };
    let end = (start + size).min(items.len());
    let next = (end < items.len()).then(|| format!("sim-{end}"));
    Ok((items.into_iter().skip(start).take(size).collect(), next))
}

fn state_value(s: &str) -> Result<&'static str, CwError> {
    match s {
        "OK" => Ok(OK),
        "ALARM" => Ok(ALARM),
        "INSUFFICIENT_DATA" => Ok(INSUFFICIENT_DATA),
        other => Err(CwError::validation(format!(
            "1 validation error detected: Value '{other}' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]"
        ))),
    }
}

fn opt_str(v: &Option<String>) -> Option<Val> {
    v.as_ref().map(|s| Val::Str(s.clone()))
}

fn strs(v: &[String]) -> Val {
    Val::List(v.iter().map(|s| Val::Str(s.clone())).collect())
}

/// A `MetricAlarm` as DescribeAlarms answers it.
fn metric_alarm_val(a: &AlarmRec) -> Val {
    let mut m: Vec<(&'static str, Val)> = vec![
        ("AlarmName", Val::Str(a.name.clone())),
        ("AlarmArn", Val::Str(a.arn.clone())),
    ];
    let mut push = |k: &'static str, v: Option<Val>| {
        if let Some(v) = v {
            m.push((k, v));
        }
    };
    push("AlarmDescription", opt_str(&a.description));
    push(
        "AlarmConfigurationUpdatedTimestamp",
        Some(Val::Time(a.config_updated)),
    );
    push("ActionsEnabled", Some(Val::Bool(a.actions_enabled)));
    push("OKActions", Some(strs(&a.ok_actions)));
    push("AlarmActions", Some(strs(&a.alarm_actions)));
    push(
        "InsufficientDataActions",
        Some(strs(&a.insufficient_data_actions)),
    );
    push("StateValue", Some(Val::Str(a.state.clone())));
    push("StateReason", Some(Val::Str(a.state_reason.clone())));
    push("StateUpdatedTimestamp", Some(Val::Time(a.state_updated)));
    push("MetricName", opt_str(&a.metric_name));
    push("Namespace", opt_str(&a.namespace));
    push("Statistic", opt_str(&a.statistic));
    push("ExtendedStatistic", opt_str(&a.extended_statistic));
    push(
        "Dimensions",
        Some(Val::List(
            a.dimensions
                .iter()
                .map(|(n, v)| {
                    Val::Map(vec![
                        ("Name", Val::Str(n.clone())),
                        ("Value", Val::Str(v.clone())),
                    ])
                })
                .collect(),
        )),
    );
    push("Period", a.period.map(Val::Int));
    push("Unit", opt_str(&a.unit));
    push("EvaluationPeriods", Some(Val::Int(a.evaluation_periods)));
    push("DatapointsToAlarm", a.datapoints_to_alarm.map(Val::Int));
    push("Threshold", a.threshold.map(Val::Num));
    push(
        "ComparisonOperator",
        Some(Val::Str(a.comparison_operator.clone())),
    );
    push("TreatMissingData", opt_str(&a.treat_missing_data));
    push(
        "StateTransitionedTimestamp",
        Some(Val::Time(a.state_updated)),
    );
    Val::Map(m)
}

/// `DescribeAlarms`: by names, prefix, state and action prefix, sorted by name, paged.
pub(crate) fn describe_alarms(store: &Store, input: &Input) -> Result<Option<Val>, CwError> {
    let names = texts(input, "AlarmNames");
    if names.len() > 100 {
        return Err(CwError::validation("1 validation error detected: Value at 'alarmNames' failed to satisfy constraint: Member must have length less than or equal to 100"));
    }
    let prefix = text(input, "AlarmNamePrefix");
    if prefix.is_some() && !names.is_empty() {
        return Err(CwError {
            shape: Some("InvalidParameterCombinationException"),
            ..CwError::new(
                400,
                "InvalidParameterCombination",
                "AlarmNames and AlarmNamePrefix cannot be given together.",
            )
        });
    }
    let state = text(input, "StateValue").map(state_value).transpose()?;
    let action_prefix = text(input, "ActionPrefix");
    let types = texts(input, "AlarmTypes");
    // CloudWatch answers metric alarms only unless AlarmTypes asks for them (the simulator has
    // metric alarms only).
    let metric = types.is_empty() || types.iter().any(|t| t == "MetricAlarm");
    let mut found: Vec<&AlarmRec> = store
        .alarms
        .iter()
        .filter(|_| metric)
        .filter(|a| names.is_empty() || names.contains(&a.name))
        .filter(|a| prefix.is_none_or(|p| a.name.starts_with(p)))
        .filter(|a| state.is_none_or(|s| a.state == s))
        .filter(|a| action_prefix.is_none_or(|p| a.alarm_actions.iter().any(|x| x.starts_with(p))))
        .collect();
    found.sort_by(|a, b| a.name.cmp(&b.name));
    let (items, next) = page(found, input, 50)?;
    let mut out = vec![
        (
            "MetricAlarms",
            Val::List(items.into_iter().map(metric_alarm_val).collect()),
        ),
        ("CompositeAlarms", Val::List(Vec::new())),
    ];
    if let Some(t) = next {
        out.push(("NextToken", Val::Str(t)));
    }
    Ok(Some(Val::Map(out)))
}

/// `DescribeAlarmHistory`: by alarm, type and window, newest first unless asked otherwise.
pub(crate) fn describe_alarm_history(store: &Store, input: &Input) -> Result<Option<Val>, CwError> {
    let name = text(input, "AlarmName");
    let item_type = text(input, "HistoryItemType");
    let start = time(input, "StartDate")?;
    let end = time(input, "EndDate")?;
    let types = texts(input, "AlarmTypes");
    let metric = types.is_empty() || types.iter().any(|t| t == "MetricAlarm");
    let mut items: Vec<_> = store
        .alarm_history
        .iter()
        .filter(|_| metric)
        .filter(|h| name.is_none_or(|n| h.alarm_name == n))
        .filter(|h| item_type.is_none_or(|t| h.item_type == t))
        .filter(|h| start.is_none_or(|s| h.at >= s))
        .filter(|h| end.is_none_or(|e| h.at <= e))
        .collect();
    items.sort_by_key(|h| h.at.epoch_millis());
    if text(input, "ScanBy") != Some("TimestampAscending") {
        items.reverse();
    }
    let (items, next) = page(items, input, 50)?;
    let list = items
        .into_iter()
        .map(|h| {
            Val::Map(vec![
                ("AlarmName", Val::Str(h.alarm_name.clone())),
                ("AlarmType", Val::Str("MetricAlarm".into())),
                ("Timestamp", Val::Time(h.at)),
                ("HistoryItemType", Val::Str(h.item_type.clone())),
                ("HistorySummary", Val::Str(h.summary.clone())),
                ("HistoryData", Val::Str(h.data.clone())),
            ])
        })
        .collect();
    let mut out = vec![("AlarmHistoryItems", Val::List(list))];
    if let Some(t) = next {
        out.push(("NextToken", Val::Str(t)));
    }
    Ok(Some(Val::Map(out)))
}

/// `SetAlarmState`: the state for now, which rolls back what it rolls back.
pub(crate) fn set_alarm_state(
    store: &mut Store,
    input: &Input,
    ctx: &Ctx<'_>,
) -> Result<Option<Val>, CwError> {
    let name = required(input, "AlarmName")?;
    let state = state_value(required(input, "StateValue")?)?;
    let reason = required(input, "StateReason")?;
    if reason.chars().count() > 1023 {
        return Err(CwError::validation("1 validation error detected: Value at 'stateReason' failed to satisfy constraint: Member must have length less than or equal to 1023"));
    }
    if let Some(data) = text(input, "StateReasonData") {
        if serde_json::from_str::<Value>(data).is_err() {
            return Err(CwError {
                shape: Some("InvalidFormatFault"),
                ..CwError::new(400, "InvalidFormat", "StateReasonData is not valid JSON.")
            });
        }
    }
    let i = store
        .alarms
        .iter()
        .position(|a| a.name == name)
        .ok_or_else(|| {
            CwError::new(
                404,
                "ResourceNotFound",
                format!("Alarm {name} does not exist."),
            )
        })?;
    store.set_alarm_state(i, state, reason, ctx.now, ctx.speed);
    Ok(None)
}

/// `PutMetricAlarm`: creates (in INSUFFICIENT_DATA, evaluated soon after) or replaces.
pub(crate) fn put_metric_alarm(
    store: &mut Store,
    input: &Input,
    ctx: &Ctx<'_>,
) -> Result<Option<Val>, CwError> {
    let name = required(input, "AlarmName")?;
    if name.is_empty() || name.chars().count() > 255 {
        return Err(CwError::validation("1 validation error detected: Value at 'alarmName' failed to satisfy constraint: Member must have length between 1 and 255"));
    }
    let evaluation_periods = integer(input, "EvaluationPeriods")?
        .ok_or_else(|| CwError::missing("EvaluationPeriods"))?;
    let operator = required(input, "ComparisonOperator")?;
    let mut a = metric_alarm(ctx.region, name, ctx.now);
    a.arn = alarm_arn(ctx.region, name);
    a.description = text(input, "AlarmDescription").map(str::to_owned);
    a.actions_enabled = boolean(input, "ActionsEnabled").unwrap_or(true);
    a.alarm_actions = texts(input, "AlarmActions");
    a.ok_actions = texts(input, "OKActions");
    a.insufficient_data_actions = texts(input, "InsufficientDataActions");
    a.metric_name = text(input, "MetricName").map(str::to_owned);
    a.namespace = text(input, "Namespace").map(str::to_owned);
    a.statistic = text(input, "Statistic").map(str::to_owned);
    a.extended_statistic = text(input, "ExtendedStatistic").map(str::to_owned);
    a.dimensions = input
        .get("Dimensions")
        .and_then(Value::as_array)
        .map(|d| {
            d.iter()
                .filter_map(|x| {
                    Some((
                        x.get("Name")?.as_str()?.to_owned(),
                        x.get("Value")?.as_str()?.to_owned(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    a.period = integer(input, "Period")?;
    a.unit = text(input, "Unit").map(str::to_owned);
    a.evaluation_periods = evaluation_periods;
    a.datapoints_to_alarm = integer(input, "DatapointsToAlarm")?;
    a.threshold = number(input, "Threshold")?;
    a.comparison_operator = operator.to_owned();
    a.treat_missing_data = text(input, "TreatMissingData").map(str::to_owned);
    match store.alarms.iter().position(|x| x.name == name) {
        Some(i) => {
            // An update keeps the state (the PutMetricAlarm documentation).
            let old = &store.alarms[i];
            a.state = old.state.clone();
            a.state_reason = old.state_reason.clone();
            a.state_updated = old.state_updated;
            a.evaluate_at = old.evaluate_at;
            a.flapping = old.flapping;
            store.alarms[i] = a;
        }
        None => {
            a.state = INSUFFICIENT_DATA.into();
            a.state_reason = "Unchecked: Initial alarm creation".into();
            store.alarms.push(a);
            let i = store.alarms.len() - 1;
            // Evaluated soon: to OK, as a metric within its threshold.
            store.set_alarm_state(
                i,
                INSUFFICIENT_DATA,
                "Unchecked: Initial alarm creation",
                ctx.now,
                ctx.speed,
            );
        }
    }
    Ok(None)
}

/// `DeleteAlarms`: the named alarms that exist (the others are ignored, as on AWS).
pub(crate) fn delete_alarms(store: &mut Store, input: &Input) -> Result<Option<Val>, CwError> {
    let names = texts(input, "AlarmNames");
    if names.is_empty() {
        return Err(CwError::missing("AlarmNames"));
    }
    store.alarms.retain(|a| !names.contains(&a.name));
    Ok(None)
}

/// `EnableAlarmActions` / `DisableAlarmActions`.
pub(crate) fn set_actions(
    store: &mut Store,
    input: &Input,
    enabled: bool,
    ctx: &Ctx<'_>,
) -> Result<Option<Val>, CwError> {
    let names = texts(input, "AlarmNames");
    if names.is_empty() {
        return Err(CwError::missing("AlarmNames"));
    }
    for a in store.alarms.iter_mut().filter(|a| names.contains(&a.name)) {
        a.actions_enabled = enabled;
        a.config_updated = ctx.now;
    }
    store.quiet_until = None;
    Ok(None)
}
