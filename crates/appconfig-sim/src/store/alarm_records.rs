//! The CloudWatch alarms as the store keeps them (and saves in the state file): plain records,
//! below both `records` (which holds them) and `alarms` (which changes them).

use appconfig_core::DateTime;
use serde::{Deserialize, Serialize};

/// The alarm states.
pub(crate) const OK: &str = "OK";
/// Breaching.
pub(crate) const ALARM: &str = "ALARM";
/// Not enough data.
pub(crate) const INSUFFICIENT_DATA: &str = "INSUFFICIENT_DATA";

/// A metric alarm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct AlarmRec {
    pub(crate) name: String,
    pub(crate) arn: String,
    pub(crate) description: Option<String>,
    pub(crate) actions_enabled: bool,
    pub(crate) alarm_actions: Vec<String>,
    pub(crate) ok_actions: Vec<String>,
    pub(crate) insufficient_data_actions: Vec<String>,
    pub(crate) metric_name: Option<String>,
    pub(crate) namespace: Option<String>,
    pub(crate) statistic: Option<String>,
    pub(crate) extended_statistic: Option<String>,
    pub(crate) dimensions: Vec<(String, String)>,
    pub(crate) period: Option<i64>,
    pub(crate) unit: Option<String>,
    pub(crate) evaluation_periods: i64,
    pub(crate) datapoints_to_alarm: Option<i64>,
    pub(crate) threshold: Option<f64>,
    pub(crate) comparison_operator: String,
    pub(crate) treat_missing_data: Option<String>,
    pub(crate) state: String,
    pub(crate) state_reason: String,
    pub(crate) state_updated: DateTime,
    pub(crate) config_updated: DateTime,
    /// When a state set by hand gives way to the metric's own again.
    #[serde(default)]
    pub(crate) evaluate_at: Option<DateTime>,
    /// The demo's flapping alarm.
    #[serde(default)]
    pub(crate) flapping: bool,
}

/// One alarm history item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct AlarmHistoryRec {
    pub(crate) alarm_name: String,
    pub(crate) at: DateTime,
    /// `StateUpdate`, `ConfigurationUpdate`, `Action`.
    pub(crate) item_type: String,
    pub(crate) summary: String,
    pub(crate) data: String,
}
