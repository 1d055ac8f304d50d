//! CloudWatch for the simulator's alarms, in every protocol botocore may use for CloudWatch
//! (`wire`), SigV4-checked for the service `monitoring`: DescribeAlarms, DescribeAlarmHistory,
//! SetAlarmState, PutMetricAlarm, DeleteAlarms, EnableAlarmActions, DisableAlarmActions
//! (`ops`). What alarm states do to deployments is the store's (`store/alarms.rs`).

mod ops;
mod wire;

use appconfig_core::DateTime;
use bytes::Bytes;
use http::Request;

use crate::auth::{self, SignedRequest};
use crate::http::Outcome;
use crate::state::Shared;
pub(crate) use wire::detect;
use wire::{decode, encode_error, encode_output, CwError, Protocol};

/// The SigV4 service name CloudWatch requests are signed for.
const SERVICE: &str = "monitoring";

/// The operations served, as `'static` names for the request counts.
const OPERATIONS: &[&str] = &[
    "DescribeAlarms",
    "DescribeAlarmHistory",
    "SetAlarmState",
    "PutMetricAlarm",
    "DeleteAlarms",
    "EnableAlarmActions",
    "DisableAlarmActions",
];

/// Answers a CloudWatch request that [`detect`] recognised.
pub(crate) fn call(
    shared: &Shared,
    req: &Request<Bytes>,
    now: DateTime,
    protocol: Protocol,
    op: &str,
) -> Outcome {
    let request_id = uuid::Uuid::new_v4().to_string();
    match answer(shared, req, now, protocol, op) {
        Ok((name, output, changed)) => Outcome {
            response: encode_output(protocol, name, output, &request_id),
            changed,
        },
        Err(e) => Outcome::unchanged(encode_error(protocol, &e, &request_id)),
    }
}

fn answer(
    shared: &Shared,
    req: &Request<Bytes>,
    now: DateTime,
    protocol: Protocol,
    op: &str,
) -> Result<(&'static str, Option<wire::Val>, bool), CwError> {
    auth::verify(
        &shared.config.keys,
        &shared.config.region,
        SERVICE,
        &SignedRequest::of(req),
        now,
    )
    .map_err(|e| CwError::new(e.status, e.code, e.message))?;
    let (input, action) = decode(protocol, req.body())?;
    let op = action.as_deref().unwrap_or(op);
    let Some(name) = OPERATIONS.iter().copied().find(|o| *o == op) else {
        return Err(match protocol {
            Protocol::Query => CwError::new(
                400,
                "InvalidAction",
                format!("The action {op} is not valid for this web service."),
            ),
            _ => CwError::new(400, "UnknownOperationException", ""),
        });
    };
    shared.count(name);
    let ctx = ops::Ctx {
        now,
        speed: shared.config.speed,
        region: &shared.config.region,
    };
    let mut store = shared.store();
    let advanced = store.advance(now, ctx.speed);
    let (output, changed) = match name {
        "DescribeAlarms" => (ops::describe_alarms(&store, &input)?, false),
        "DescribeAlarmHistory" => (ops::describe_alarm_history(&store, &input)?, false),
        "SetAlarmState" => (ops::set_alarm_state(&mut store, &input, &ctx)?, true),
        "PutMetricAlarm" => (ops::put_metric_alarm(&mut store, &input, &ctx)?, true),
        "DeleteAlarms" => (ops::delete_alarms(&mut store, &input)?, true),
        "EnableAlarmActions" => {
            let out = ops::set_actions(&mut store, &input, true, &ctx)?;
            // An alarm that is not OK rolls back once its actions are enabled.
            store.advance(now, ctx.speed);
            (out, true)
        }
        _ => (ops::set_actions(&mut store, &input, false, &ctx)?, true),
    };
    Ok((name, output, changed || advanced))
}
