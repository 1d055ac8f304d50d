//! CloudWatch alarms, and what their state does to deployments, as AppConfig does it
//! (EVIDENCE.md, "Monitoring deployments for automatic rollback"): a monitored alarm in ALARM
//! or INSUFFICIENT_DATA while a deployment is DEPLOYING or BAKING rolls it back, with a
//! ROLLBACK_STARTED event `TriggeredBy: CLOUDWATCH_ALARM` naming the alarm's ARN; an alarm
//! whose actions are disabled does not. A revert (of a COMPLETE deployment) ignores monitors.
//!
//! Like everything in the store, nothing ticks: [`Store::advance_alarms`] brings the alarms to
//! `now` on every request, writing each state change at the moment it happened, so a rollback
//! is dated when its alarm changed, not when the next request came.
//!
//! Two things change states besides the API:
//! - `SetAlarmState` and a new alarm (`PutMetricAlarm` starts in INSUFFICIENT_DATA) return to
//!   the state their metric gives after [`EVALUATION_MS`], as CloudWatch re-evaluates "often
//!   within seconds" (the SetAlarmState documentation);
//! - a `flapping` alarm (the demo's second staging monitor) goes to INSUFFICIENT_DATA for the
//!   last 30% of every [`FLAP_CYCLE_MS`] and back to OK. Its actions are disabled, so staging
//!   keeps deploying while the panel shows an alarm that is not OK; enable its actions and
//!   staging rolls back the next time it flips.

use super::alarm_records::{AlarmHistoryRec, AlarmRec, ALARM, INSUFFICIENT_DATA, OK};
use super::progression::scaled;
use super::records::{Stop, Store, ROLLBACK_MS};
use appconfig_core::{model::TriggeredBy, DateTime, DeploymentState};

/// How long a state set by hand (or a new alarm's INSUFFICIENT_DATA) lasts before the alarm is
/// evaluated again, at speed 1, ms.
pub(crate) const EVALUATION_MS: i64 = 60_000;
/// The flapping alarm's cycle at speed 1, ms: OK for 7 minutes, INSUFFICIENT_DATA for 3.
pub(crate) const FLAP_CYCLE_MS: i64 = 10 * 60_000;
/// How many alarm history items are kept (CloudWatch keeps two weeks).
const HISTORY_KEPT: usize = 2_000;

/// Why an alarm changed state, as CloudWatch words it.
fn evaluated_reason(state: &str) -> &'static str {
    match state {
        INSUFFICIENT_DATA => "Insufficient Data: 2 datapoints were unknown.",
        ALARM => "Threshold Crossed: 3 out of the last 3 datapoints were breaching the threshold.",
        _ => "Threshold Crossed: no datapoints were breaching the threshold.",
    }
}

/// The state a flapping alarm's metric gives at `t`.
fn flap_state(t: i64, cycle: i64) -> &'static str {
    if t.rem_euclid(cycle) >= cycle * 7 / 10 {
        INSUFFICIENT_DATA
    } else {
        OK
    }
}

impl AlarmRec {
    /// The state the alarm's metric gives at `t` (what it returns to after a state set by hand).
    fn metric_state(&self, t: DateTime, speed: f64) -> &'static str {
        if self.flapping {
            flap_state(t.epoch_millis(), scaled(FLAP_CYCLE_MS, speed).max(1000))
        } else {
            OK
        }
    }
}

impl Store {
    /// Changes an alarm's state at `at` (history written when the state changes), then rolls
    /// back what that state rolls back.
    pub(crate) fn change_alarm_state(&mut self, i: usize, state: &str, reason: &str, at: DateTime) {
        let a = &mut self.alarms[i];
        let old = std::mem::replace(&mut a.state, state.to_owned());
        a.state_reason = reason.to_owned();
        a.state_updated = at;
        if old != state {
            let data = serde_json::json!({
                "version": "1.0",
                "oldState": {"stateValue": old},
                "newState": {"stateValue": state, "stateReason": reason},
            });
            let item = AlarmHistoryRec {
                alarm_name: a.name.clone(),
                at,
                item_type: "StateUpdate".into(),
                summary: format!("Alarm updated from {old} to {state}"),
                data: data.to_string(),
            };
            self.alarm_history.push(item);
            if self.alarm_history.len() > HISTORY_KEPT {
                let extra = self.alarm_history.len() - HISTORY_KEPT;
                self.alarm_history.drain(..extra);
            }
            self.roll_back_for(i, at);
        }
    }

    /// `SetAlarmState`: the state for now; the metric's own again after [`EVALUATION_MS`].
    pub(crate) fn set_alarm_state(
        &mut self,
        i: usize,
        state: &str,
        reason: &str,
        now: DateTime,
        speed: f64,
    ) {
        self.change_alarm_state(i, state, reason, now);
        self.alarms[i].evaluate_at = Some(now.add_millis(scaled(EVALUATION_MS, speed)));
        self.quiet_until = None;
    }

    /// `POST /_sim/alarm` with an alarm name: [`Store::set_alarm_state`] by name.
    ///
    /// # Errors
    /// 404 for an unknown alarm, 400 for a state that is not OK, ALARM or INSUFFICIENT_DATA.
    pub(crate) fn set_alarm_state_by_name(
        &mut self,
        name: &str,
        state: &str,
        now: DateTime,
        speed: f64,
    ) -> Result<(), crate::awserror::ApiError> {
        let state = [OK, ALARM, INSUFFICIENT_DATA]
            .into_iter()
            .find(|s| *s == state)
            .ok_or_else(|| {
                crate::awserror::ApiError::bad_request(
                    "StateValue must be OK, ALARM or INSUFFICIENT_DATA",
                )
            })?;
        let i = self
            .alarms
            .iter()
            .position(|a| a.name == name)
            .ok_or_else(|| {
                crate::awserror::ApiError::not_found(
                    "Alarm",
                    format!("Alarm {name} does not exist"),
                )
            })?;
        self.set_alarm_state(
            i,
            state,
            "Threshold Crossed: set by POST /_sim/alarm",
            now,
            speed,
        );
        Ok(())
    }

    /// Rolls back the running deployments that alarm `i`, in its state since `at`, stops: in
    /// every environment that monitors it, when its actions are enabled and its state is ALARM
    /// or INSUFFICIENT_DATA. Returns true when one was rolled back.
    fn roll_back_for(&mut self, i: usize, at: DateTime) -> bool {
        let a = &self.alarms[i];
        if !a.actions_enabled || !(a.state == ALARM || a.state == INSUFFICIENT_DATA) {
            return false;
        }
        let arn = a.arn.clone();
        let watching: Vec<(String, String)> = self
            .environments
            .iter()
            .filter(|e| {
                e.env
                    .monitors
                    .iter()
                    .flatten()
                    .any(|m| m.alarm_arn.as_deref() == Some(arn.as_str()))
            })
            .filter_map(|e| Some((e.env.application_id.clone()?, e.env.id.clone()?)))
            .collect();
        let mut rolled = false;
        for (app, env) in watching {
            let Some(number) = self
                .deployments_of(&app, &env)
                .last()
                .and_then(|d| d.base.deployment_number)
            else {
                continue;
            };
            let Some(idx) = self.deployment_index(&app, &env, i64::from(number)) else {
                continue;
            };
            let d = &self.deployments[idx];
            if d.frozen || d.stop.is_some() {
                continue;
            }
            // Rolled back when the alarm changed, or at the start of a deployment that began
            // while the alarm was already not OK.
            let when = if d.started_at() > at {
                d.started_at()
            } else {
                at
            };
            let running = matches!(
                d.render_summary(when).state,
                Some(DeploymentState::Deploying | DeploymentState::Baking)
            );
            if !running {
                continue;
            }
            let completes_at = when.add_millis(scaled(ROLLBACK_MS, d.speed));
            self.deployments[idx].stop = Some(Stop {
                at: when,
                triggered_by: TriggeredBy::CloudWatchAlarm,
                description: format!("Rollback initiated by Amazon CloudWatch alarm {arn}"),
                completes_at,
            });
            self.quiet_until = None;
            rolled = true;
        }
        rolled
    }

    /// Brings every alarm to `now`: states set by hand give way to the metric's, the flapping
    /// alarm flips, and an alarm that is not OK rolls back a deployment that started since.
    /// Returns true when anything changed.
    pub(crate) fn advance_alarms(&mut self, now: DateTime, speed: f64) -> bool {
        let mut changed = false;
        for i in 0..self.alarms.len() {
            if let Some(t) = self.alarms[i].evaluate_at.filter(|t| *t <= now) {
                self.alarms[i].evaluate_at = None;
                let state = self.alarms[i].metric_state(t, speed);
                if state != self.alarms[i].state {
                    self.change_alarm_state(i, state, evaluated_reason(state), t);
                }
                changed = true;
            }
            if self.alarms[i].flapping && self.alarms[i].evaluate_at.is_none() {
                changed |= self.flap(i, now, speed);
            }
            let (enabled, not_ok, since) = {
                let a = &self.alarms[i];
                (a.actions_enabled, a.state != OK, a.state_updated)
            };
            if enabled && not_ok {
                changed |= self.roll_back_for(i, since);
            }
        }
        changed
    }

    /// Writes the flapping alarm's state changes up to `now` (at most the last ten cycles).
    fn flap(&mut self, i: usize, now: DateTime, speed: f64) -> bool {
        let cycle = scaled(FLAP_CYCLE_MS, speed).max(1000);
        let now_ms = now.epoch_millis();
        let mut t = self.alarms[i]
            .state_updated
            .epoch_millis()
            .max(now_ms - 10 * cycle);
        let mut changed = false;
        loop {
            let base = t - t.rem_euclid(cycle);
            let bad_from = base + cycle * 7 / 10;
            let next = if t < bad_from { bad_from } else { base + cycle };
            if next > now_ms {
                break;
            }
            let state = flap_state(next, cycle);
            if state != self.alarms[i].state {
                let at = DateTime::from_epoch_millis(next);
                self.change_alarm_state(i, state, evaluated_reason(state), at);
                changed = true;
            }
            t = next;
        }
        changed
    }
}
