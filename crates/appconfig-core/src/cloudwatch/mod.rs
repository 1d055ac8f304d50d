//! CloudWatch, as far as the deployment page needs it: the state of the alarms that guard a
//! rollout (`DescribeAlarms` by name) and their state changes in a window
//! (`DescribeAlarmHistory`), in the alarms' own region and partition, signed for `monitoring`.
//!
//! The protocol is `json` (awsJson1_0, as botocore prefers for CloudWatch): the browser parses
//! it with the JSON parser it already has, where `smithy-rpc-v2-cbor` would need a CBOR decoder
//! in the wasm and `query` an XML reader (the measured sizes and times are in the crate README).

mod arn;
mod input;
mod model;
mod response;
mod target;

pub use arn::{group_by_region, AlarmArn, AlarmArnError, RegionAlarms};
pub use input::{CloudWatchOperation, DescribeAlarmHistoryInput, DescribeAlarmsInput};
pub use model::{
    AlarmHistoryItem, AlarmType, ComparisonOperator, CompositeAlarm, DescribeAlarmHistoryOutput,
    DescribeAlarmsOutput, Dimension, HistoryItemType, MetricAlarm, StateValue,
};
pub use response::{
    insert_in_order, parse_describe_alarm_history, parse_describe_alarms, AlarmStatus, StateChange,
};
pub use target::{
    resolve_cloudwatch_endpoint, CloudWatchTarget, CLOUDWATCH_SERVICE, JSON_CONTENT_TYPE,
    TARGET_PREFIX,
};
