//! The two reads the deployment page makes, and their bodies in CloudWatch's `json` protocol
//! (awsJson1_0): members in the model's order, written as botocore writes them (`json.dumps`:
//! `", "` and `": "` separators, non-ASCII as `\uXXXX`), so that the same input gives the same
//! bytes and the same signature.

use crate::{error::InputRule, DateTime, Error};

use super::model::{AlarmType, HistoryItemType};

/// `DescribeAlarms` by name: the state of the given alarms, metric and composite.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DescribeAlarmsInput {
    /// The alarm names, 1 to 100, each 1 to 255 characters.
    pub alarm_names: Vec<String>,
    /// Which kinds to return. CloudWatch returns only metric alarms when this is empty, so
    /// [`DescribeAlarmsInput::by_names`] asks for both.
    pub alarm_types: Vec<AlarmType>,
    /// 1 to 100.
    pub max_records: Option<i64>,
    /// The token of the previous page.
    pub next_token: Option<String>,
}

impl DescribeAlarmsInput {
    /// The alarms named, metric and composite.
    pub fn by_names<S: Into<String>>(names: impl IntoIterator<Item = S>) -> Self {
        DescribeAlarmsInput {
            alarm_names: names.into_iter().map(Into::into).collect(),
            alarm_types: vec![AlarmType::CompositeAlarm, AlarmType::MetricAlarm],
            max_records: None,
            next_token: None,
        }
    }
}

/// `DescribeAlarmHistory`: what happened to an alarm (or to all alarms) in a time window.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DescribeAlarmHistoryInput {
    /// One alarm; `None` asks for the history of every alarm of `alarm_types`.
    pub alarm_name: Option<String>,
    /// Which kinds (CloudWatch's default is metric alarms only).
    pub alarm_types: Vec<AlarmType>,
    /// `StateUpdate` for the state changes.
    pub history_item_type: Option<HistoryItemType>,
    /// The start of the window.
    pub start_date: Option<DateTime>,
    /// The end of the window.
    pub end_date: Option<DateTime>,
    /// 1 to 100.
    pub max_records: Option<i64>,
    /// The token of the previous page.
    pub next_token: Option<String>,
    /// Oldest first (`TimestampAscending`) or newest first (the default).
    pub scan_ascending: bool,
}

impl DescribeAlarmHistoryInput {
    /// The state changes of `alarm_name` (metric or composite) from `start` to `end`, oldest
    /// first, 100 a page.
    pub fn state_updates(alarm_name: Option<String>, start: DateTime, end: DateTime) -> Self {
        DescribeAlarmHistoryInput {
            alarm_name,
            alarm_types: vec![AlarmType::CompositeAlarm, AlarmType::MetricAlarm],
            history_item_type: Some(HistoryItemType::StateUpdate),
            start_date: Some(start),
            end_date: Some(end),
            max_records: Some(100),
            next_token: None,
            scan_ascending: true,
        }
    }
}

fn name_rule(field: &'static str, name: &str) -> Result<(), Error> {
    let n = name.chars().count();
    if (1..=255).contains(&n) {
        Ok(())
    } else {
        Err(Error::InvalidInput {
            field,
            rule: InputRule::Length {
                min: 1,
                max: 255,
                actual: n,
            },
        })
    }
}

fn max_records_rule(v: Option<i64>) -> Result<(), Error> {
    match v {
        Some(v) if !(1..=100).contains(&v) => Err(Error::InvalidInput {
            field: "MaxRecords",
            rule: InputRule::Range {
                min: 1,
                max: 100,
                actual: v.to_string(),
            },
        }),
        _ => Ok(()),
    }
}

/// A JSON object written as Python's `json.dumps` writes one.
struct Body(String);

impl Body {
    fn new() -> Self {
        Body(String::from("{"))
    }
    fn key(&mut self, key: &str) {
        if self.0.len() > 1 {
            self.0.push_str(", ");
        }
        string(&mut self.0, key);
        self.0.push_str(": ");
    }
    fn text(&mut self, key: &str, value: &str) {
        self.key(key);
        string(&mut self.0, value);
    }
    fn number(&mut self, key: &str, value: i64) {
        self.key(key);
        self.0.push_str(&value.to_string());
    }
    fn list<'a>(&mut self, key: &str, values: impl IntoIterator<Item = &'a str>) {
        self.key(key);
        self.0.push('[');
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.0.push_str(", ");
            }
            string(&mut self.0, v);
        }
        self.0.push(']');
    }
    fn finish(mut self) -> Vec<u8> {
        self.0.push('}');
        self.0.into_bytes()
    }
}

/// A JSON string with `json.dumps`'s escapes (`ensure_ascii`: UTF-16 `\uXXXX`, lower-case hex).
fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
        }
    }
    out.push('"');
}

/// A CloudWatch read: its operation name, checks and JSON body.
pub trait CloudWatchOperation {
    /// The operation name (`DescribeAlarms`).
    const NAME: &'static str;
    /// Checks the input against the model's rules.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the member and the rule.
    fn validate(&self) -> Result<(), Error>;
    /// The `json` protocol body, input already valid.
    fn json_body(&self) -> Vec<u8>;
}

impl CloudWatchOperation for DescribeAlarmsInput {
    const NAME: &'static str = "DescribeAlarms";

    fn validate(&self) -> Result<(), Error> {
        if self.alarm_names.is_empty() || self.alarm_names.len() > 100 {
            return Err(Error::InvalidInput {
                field: "AlarmNames",
                rule: InputRule::Range {
                    min: 1,
                    max: 100,
                    actual: self.alarm_names.len().to_string(),
                },
            });
        }
        for name in &self.alarm_names {
            name_rule("AlarmNames", name)?;
        }
        max_records_rule(self.max_records)
    }

    fn json_body(&self) -> Vec<u8> {
        let mut b = Body::new();
        b.list("AlarmNames", self.alarm_names.iter().map(String::as_str));
        if !self.alarm_types.is_empty() {
            b.list("AlarmTypes", self.alarm_types.iter().map(AlarmType::as_str));
        }
        if let Some(m) = self.max_records {
            b.number("MaxRecords", m);
        }
        if let Some(t) = &self.next_token {
            b.text("NextToken", t);
        }
        b.finish()
    }
}

impl CloudWatchOperation for DescribeAlarmHistoryInput {
    const NAME: &'static str = "DescribeAlarmHistory";

    fn validate(&self) -> Result<(), Error> {
        if let Some(name) = &self.alarm_name {
            name_rule("AlarmName", name)?;
        }
        max_records_rule(self.max_records)
    }

    fn json_body(&self) -> Vec<u8> {
        let mut b = Body::new();
        if let Some(n) = &self.alarm_name {
            b.text("AlarmName", n);
        }
        if !self.alarm_types.is_empty() {
            b.list("AlarmTypes", self.alarm_types.iter().map(AlarmType::as_str));
        }
        if let Some(t) = &self.history_item_type {
            b.text("HistoryItemType", t.as_str());
        }
        // awsJson writes timestamps as whole epoch seconds, as botocore does.
        if let Some(d) = &self.start_date {
            b.number("StartDate", d.epoch_seconds());
        }
        if let Some(d) = &self.end_date {
            b.number("EndDate", d.epoch_seconds());
        }
        if let Some(m) = self.max_records {
            b.number("MaxRecords", m);
        }
        if let Some(t) = &self.next_token {
            b.text("NextToken", t);
        }
        if self.scan_ascending {
            b.text("ScanBy", "TimestampAscending");
        }
        b.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_json_dumps_escapes_them() {
        let mut s = String::new();
        string(&mut s, "a\"b\\c\n\u{1}ü😀");
        assert_eq!(s, r#""a\"b\\c\n\u0001\u00fc\ud83d\ude00""#);
    }

    #[test]
    fn describe_alarms_needs_one_to_a_hundred_names() {
        let none = DescribeAlarmsInput::by_names(Vec::<String>::new());
        assert!(matches!(
            none.validate(),
            Err(Error::InvalidInput {
                field: "AlarmNames",
                ..
            })
        ));
        let long = DescribeAlarmsInput::by_names(["x".repeat(256)]);
        assert!(matches!(
            long.validate(),
            Err(Error::InvalidInput {
                field: "AlarmNames",
                ..
            })
        ));
        let many = DescribeAlarmsInput::by_names((0..101).map(|i| i.to_string()));
        assert!(many.validate().is_err());
        assert!(DescribeAlarmsInput::by_names(["a"]).validate().is_ok());
    }
}
