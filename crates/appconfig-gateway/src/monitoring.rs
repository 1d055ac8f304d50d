//! Which CloudWatch read a browser's request is: `POST /monitoring/{Operation}` with the `json`
//! protocol's body, as the core builds it for a gateway. Only `DescribeAlarms` and
//! `DescribeAlarmHistory` (the alarms that guard a rollout, and their state changes) are
//! forwarded; the body is parsed member by member into the core's typed input, checked by the
//! core's rules and rebuilt by the core, so nothing else of the browser's request reaches AWS.

use appconfig_core::cloudwatch::{
    AlarmType, CloudWatchOperation, DescribeAlarmHistoryInput, DescribeAlarmsInput, HistoryItemType,
};
use appconfig_core::DateTime;
use serde_json::{Map, Value};

use crate::awserror::AwsError;

/// A CloudWatch read the gateway forwards.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Read {
    DescribeAlarms(DescribeAlarmsInput),
    DescribeAlarmHistory(DescribeAlarmHistoryInput),
}

impl Read {
    /// The operation's AWS name.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Read::DescribeAlarms(_) => DescribeAlarmsInput::NAME,
            Read::DescribeAlarmHistory(_) => DescribeAlarmHistoryInput::NAME,
        }
    }

    /// The body the core writes for it: with the operation, the cache key.
    pub(crate) fn json_body(&self) -> Vec<u8> {
        match self {
            Read::DescribeAlarms(o) => o.json_body(),
            Read::DescribeAlarmHistory(o) => o.json_body(),
        }
    }

    /// A window that ends now (or later) ends at the next multiple of `step` seconds instead,
    /// so that viewers who load the same history a few seconds apart ask the same question and
    /// share one answer. Only the last `step` seconds, in which nothing more can have happened
    /// than the next refresh shows, are added; a window that ended earlier is left alone.
    pub(crate) fn align_end(&mut self, now: DateTime, step: i64) {
        let Read::DescribeAlarmHistory(h) = self else {
            return;
        };
        let Some(end) = h.end_date else { return };
        let (end_s, now_s) = (end.epoch_seconds(), now.epoch_seconds());
        if step <= 1 || end_s + step < now_s {
            return;
        }
        let aligned = end_s.div_euclid(step) * step + if end_s % step == 0 { 0 } else { step };
        h.end_date = Some(DateTime::from_epoch_millis(aligned.saturating_mul(1000)));
    }

    /// True when the answer can no longer change: a history window that ended before `now`.
    pub(crate) fn is_settled(&self, now: DateTime) -> bool {
        match self {
            Read::DescribeAlarms(_) => false,
            Read::DescribeAlarmHistory(h) => h
                .end_date
                .is_some_and(|end| end.epoch_millis() < now.epoch_millis()),
        }
    }

    fn validate(&self) -> Result<(), appconfig_core::Error> {
        match self {
            Read::DescribeAlarms(o) => o.validate(),
            Read::DescribeAlarmHistory(o) => o.validate(),
        }
    }
}

fn bad(message: impl Into<String>) -> AwsError {
    AwsError::new(400, "BadRequestException", message)
}

/// Anything but the two reads: 404, as for AppConfig calls the gateway does not forward.
pub(crate) fn unknown(method: &str, path: &str) -> AwsError {
    AwsError::new(
        404,
        "UnknownOperationException",
        format!(
            "the gateway forwards CloudWatch's DescribeAlarms and DescribeAlarmHistory only (POST /monitoring/{{Operation}}), not {method} {}",
            path.chars().take(200).collect::<String>()
        ),
    )
}

fn text(key: &str, v: &Value) -> Result<String, AwsError> {
    v.as_str()
        .map(str::to_owned)
        .ok_or_else(|| bad(format!("{key} must be a string")))
}

fn texts(key: &str, v: &Value) -> Result<Vec<String>, AwsError> {
    let Some(items) = v.as_array() else {
        return Err(bad(format!("{key} must be a list of strings")));
    };
    items.iter().map(|i| text(key, i)).collect()
}

fn integer(key: &str, v: &Value) -> Result<i64, AwsError> {
    v.as_i64()
        .ok_or_else(|| bad(format!("{key} must be a whole number")))
}

/// A timestamp as the `json` protocol writes it: epoch seconds (botocore may add a fraction).
fn time(key: &str, v: &Value) -> Result<DateTime, AwsError> {
    let s = v
        .as_f64()
        .filter(|s| s.is_finite() && s.abs() < 1e11)
        .ok_or_else(|| bad(format!("{key} must be a time in epoch seconds")))?;
    Ok(DateTime::from_epoch_millis((s * 1000.0).round() as i64))
}

fn alarm_types(v: &Value) -> Result<Vec<AlarmType>, AwsError> {
    texts("AlarmTypes", v)?
        .into_iter()
        .map(|t| match AlarmType::from(t) {
            AlarmType::Unknown(t) => Err(bad(format!(
                "AlarmTypes: {} is not one of {}",
                t.chars().take(64).collect::<String>(),
                AlarmType::KNOWN.join(", ")
            ))),
            known => Ok(known),
        })
        .collect()
}

fn unknown_member(op: &str, key: &str) -> AwsError {
    bad(format!(
        "{op} through the gateway takes no member {}",
        key.chars().take(64).collect::<String>()
    ))
}

fn describe_alarms(body: &Map<String, Value>) -> Result<Read, AwsError> {
    let mut input = DescribeAlarmsInput::default();
    for (key, v) in body {
        match key.as_str() {
            "AlarmNames" => input.alarm_names = texts(key, v)?,
            "AlarmTypes" => input.alarm_types = alarm_types(v)?,
            "MaxRecords" => input.max_records = Some(integer(key, v)?),
            "NextToken" => input.next_token = Some(text(key, v)?),
            _ => return Err(unknown_member(DescribeAlarmsInput::NAME, key)),
        }
    }
    Ok(Read::DescribeAlarms(input))
}

fn describe_alarm_history(body: &Map<String, Value>) -> Result<Read, AwsError> {
    let mut input = DescribeAlarmHistoryInput::default();
    for (key, v) in body {
        match key.as_str() {
            "AlarmName" => input.alarm_name = Some(text(key, v)?),
            "AlarmTypes" => input.alarm_types = alarm_types(v)?,
            "HistoryItemType" => {
                input.history_item_type = Some(match HistoryItemType::from(text(key, v)?) {
                    HistoryItemType::Unknown(_) => {
                        return Err(bad(format!(
                            "HistoryItemType must be one of {}",
                            HistoryItemType::KNOWN.join(", ")
                        )))
                    }
                    known => known,
                })
            }
            "StartDate" => input.start_date = Some(time(key, v)?),
            "EndDate" => input.end_date = Some(time(key, v)?),
            "MaxRecords" => input.max_records = Some(integer(key, v)?),
            "NextToken" => input.next_token = Some(text(key, v)?),
            "ScanBy" => {
                input.scan_ascending = match text(key, v)?.as_str() {
                    "TimestampAscending" => true,
                    "TimestampDescending" => false,
                    _ => {
                        return Err(bad(
                            "ScanBy must be TimestampAscending or TimestampDescending",
                        ))
                    }
                }
            }
            _ => return Err(unknown_member(DescribeAlarmHistoryInput::NAME, key)),
        }
    }
    Ok(Read::DescribeAlarmHistory(input))
}

/// Parses `method`, the path after `/monitoring`, the query and the body.
///
/// # Errors
/// 404 `UnknownOperationException` for another operation or method (`SetAlarmState`,
/// `PutMetricAlarm`, ...), 400 `BadRequestException` for a body that is not the operation's
/// input or that the core's rules refuse.
pub(crate) fn parse(
    method: &str,
    path: &str,
    query: Option<&str>,
    body: &[u8],
) -> Result<Read, AwsError> {
    let parse_body = match (method, path) {
        ("POST", "/DescribeAlarms") => describe_alarms,
        ("POST", "/DescribeAlarmHistory") => describe_alarm_history,
        _ => return Err(unknown(method, path)),
    };
    if query.is_some_and(|q| !q.is_empty()) {
        return Err(bad(
            "CloudWatch reads take their input in the body, not the query",
        ));
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|_| bad("the body is not a JSON object (CloudWatch's json protocol)"))?;
    let Value::Object(members) = value else {
        return Err(bad(
            "the body is not a JSON object (CloudWatch's json protocol)",
        ));
    };
    let read = parse_body(&members)?;
    read.validate().map_err(|e| bad(e.to_string()))?;
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> DateTime {
        DateTime::from_epoch_millis(s * 1000)
    }

    #[test]
    fn the_core_body_round_trips() {
        let input = DescribeAlarmsInput::by_names(["a", "b\u{e9}"]);
        let read = parse("POST", "/DescribeAlarms", None, &input.json_body()).unwrap();
        assert_eq!(read, Read::DescribeAlarms(input));
        let input = DescribeAlarmHistoryInput::state_updates(Some("a".into()), at(100), at(200));
        let read = parse("POST", "/DescribeAlarmHistory", None, &input.json_body()).unwrap();
        assert_eq!(read.json_body(), input.json_body());
        assert_eq!(read, Read::DescribeAlarmHistory(input));
    }

    #[test]
    fn other_operations_and_members_are_refused() {
        for (m, p) in [
            ("POST", "/SetAlarmState"),
            ("POST", "/PutMetricAlarm"),
            ("POST", "/DeleteAlarms"),
            ("POST", "/"),
            ("GET", "/DescribeAlarms"),
            ("POST", "/DescribeAlarms/x"),
        ] {
            let e = parse(m, p, None, br#"{"AlarmNames": ["a"]}"#).unwrap_err();
            assert_eq!(e.code, "UnknownOperationException", "{m} {p}");
        }
        for body in [
            &br#"{"AlarmNames": ["a"], "StateValue": "ALARM"}"#[..],
            br#"{"AlarmNames": []}"#,
            br#"{"AlarmNames": "a"}"#,
            br#"{"AlarmNames": ["a"], "AlarmTypes": ["Nope"]}"#,
            br#"{"AlarmNames": ["a"], "MaxRecords": 0}"#,
            br#"["a"]"#,
            b"not json",
        ] {
            let e = parse("POST", "/DescribeAlarms", None, body).unwrap_err();
            assert_eq!(
                e.code,
                "BadRequestException",
                "{}",
                String::from_utf8_lossy(body)
            );
        }
        let e = parse(
            "POST",
            "/DescribeAlarms",
            Some("Action=SetAlarmState"),
            b"{}",
        )
        .unwrap_err();
        assert_eq!(e.code, "BadRequestException");
    }

    #[test]
    fn a_window_ending_now_is_aligned_and_a_past_one_is_not() {
        let history = |end| {
            Read::DescribeAlarmHistory(DescribeAlarmHistoryInput::state_updates(
                Some("a".into()),
                at(0),
                at(end),
            ))
        };
        let mut now = history(1001);
        now.align_end(at(1002), 5);
        assert_eq!(
            now,
            history(1005),
            "a window ending now ends at the next step"
        );
        let mut exact = history(1005);
        exact.align_end(at(1005), 5);
        assert_eq!(exact, history(1005), "a multiple stays");
        let mut past = history(900);
        past.align_end(at(1002), 5);
        assert_eq!(past, history(900), "a finished window is not widened");
        assert!(past.is_settled(at(1002)) && !now.is_settled(at(1002)));
    }
}
