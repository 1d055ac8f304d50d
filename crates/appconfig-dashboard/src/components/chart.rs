use appconfig_core::cloudwatch::{StateChange, StateValue};
use appconfig_core::{
    timeline::{format_duration, EstimateBasis},
    Timeline,
};
use yew::prelude::*;

use crate::view::fixed;

use crate::format::{local_clock, percent};

const ML: f64 = 44.0;
const MR: f64 = 18.0;
const MT: f64 = 14.0;
const MB: f64 = 34.0;

/// Steps between time ticks, smallest first: round seconds, minutes, hours and days.
const TICK_STEPS_MS: [f64; 23] = [
    1e3,
    2e3,
    5e3,
    10e3,
    15e3,
    30e3,
    60e3,
    120e3,
    300e3,
    600e3,
    900e3,
    1_800e3,
    3_600e3,
    7_200e3,
    10_800e3,
    21_600e3,
    43_200e3,
    86_400e3,
    172_800e3,
    345_600e3,
    604_800e3,
    1_209_600e3,
    2_592_000e3,
];

/// Time ticks for an axis from `t0` to `t1` (epoch ms): at most `max` of them, on round local
/// times (every 1, 2, 5, 10, 15 or 30 s or min, 1, 2, 3, 6 or 12 h, or whole days), so an
/// engineer reads 09:00, 09:10, 09:20 instead of 08:53, 09:01, 09:10. `offset_ms` is local time
/// minus UTC. Returns the step too (seconds are shown only under a minute).
pub(crate) fn time_ticks(t0: f64, t1: f64, max: usize, offset_ms: f64) -> (Vec<f64>, f64) {
    let span = (t1 - t0).max(1.0);
    let max = max.max(2) as f64;
    let step = TICK_STEPS_MS
        .iter()
        .copied()
        .find(|&s| (span / s).floor() + 1.0 <= max)
        .unwrap_or_else(|| (span / (max - 1.0) / 86_400e3).ceil() * 86_400e3);
    let mut at = ((t0 + offset_ms) / step).ceil() * step - offset_ms;
    let mut ticks = Vec::new();
    while at <= t1 && ticks.len() < max as usize {
        ticks.push(at);
        at += step;
    }
    (ticks, step)
}

/// The summary read out instead of the picture.
pub(crate) fn chart_summary(t: &Timeline, now_ms: f64) -> String {
    let mut parts = Vec::new();
    let last = t.chart.last().map_or(0.0, |p| p.percentage);
    let peak = t.steps.iter().map(|s| s.percentage).fold(0.0, f64::max);
    match (t.steps.len(), t.started_at) {
        (0, _) => parts.push("Percentage of clients over time: no steps yet".to_owned()),
        (n, Some(start)) => {
            let end_ms = t.steps.last().map_or(0, |s| s.at.epoch_millis());
            parts.push(format!(
                "Percentage of clients over time: {n} step{} reaching {} within {} of the start",
                if n == 1 { "" } else { "s" },
                percent(peak),
                format_duration(end_ms - start.epoch_millis())
            ));
        }
        (n, None) => parts.push(format!("{n} steps reaching {}", percent(peak))),
    }
    if let Some(b) = &t.bake {
        let end = b.ended_at.or(b.planned_end);
        parts.push(match end {
            Some(e) => format!(
                "bake period of {} shaded",
                format_duration(e.millis_since(&b.started_at))
            ),
            None => "bake period shaded".to_owned(),
        });
    }
    if let Some(r) = &t.rollback {
        parts.push(format!(
            "{} at {} marked, now at {}",
            if r.is_revert { "revert" } else { "rollback" },
            percent(r.percentage_reached),
            percent(last)
        ));
    }
    if let Some(p) = &t.projection {
        let next = p.next_steps.len();
        let done = p
            .completes_at
            .map(|c| {
                format!(
                    ", completing in about {}",
                    format_duration((c.epoch_millis() as f64 - now_ms).max(0.0) as i64)
                )
            })
            .unwrap_or_default();
        parts.push(format!(
            "estimate: {next} more step{} dashed{done}",
            if next == 1 { "" } else { "s" }
        ));
    }
    parts.join("; ")
}

/// Percentage over time as an SVG step chart: the observed steps, the bake period shaded, a
/// rollback marked, and for a running deployment the projected steps dashed ("estimate"). `t` is
/// the core's timeline of the deployment, `now_ms` (`Date.now()` ms) the right edge of a running
/// one.
///
/// A plain function, not a component: it has no state, and each component costs the wasm its
/// own copy of yew's lifecycle code.
///
/// `width`: the width the chart is shown at (its card's content box), when known: it is drawn at
/// that width (300 to 720 units), so that its text is not scaled down; before the first layout,
/// by the window's width.
#[allow(non_snake_case)]
pub(crate) fn chart(
    t: &Timeline,
    now_ms: f64,
    alarm_changes: &[StateChange],
    width: Option<f64>,
) -> Html {
    let summary = chart_summary(t, now_ms);
    let Some(t0) = t.started_at.or_else(|| t.chart.first().map(|p| p.at)) else {
        return html! { { fixed("<p class=\"muted chart-empty\">No start time: nothing to chart.</p>") } };
    };
    let t0 = t0.epoch_millis() as f64;
    let now = now_ms;
    // Drawn at the width it is shown at, so its text keeps the stylesheet's size; fewer ticks
    // where it is narrow. Before the card is laid out, phones get the narrow drawing.
    let W = width.map_or_else(
        || {
            let phone = crate::platform::window()
                .and_then(|w| w.inner_width().ok())
                .and_then(|v| v.as_f64())
                .is_some_and(|w| w < 600.0);
            if phone {
                380.0
            } else {
                720.0
            }
        },
        |w| w.clamp(300.0, 720.0),
    );
    let narrow = W < 460.0;
    let (H, n_x) = if narrow {
        (210.0, 3usize)
    } else if W < 600.0 {
        (220.0, 4)
    } else {
        (220.0, 5)
    };
    let mut t1 = t0;
    let mut widen = |ms: f64| {
        if ms > t1 {
            t1 = ms;
        }
    };
    for p in &t.chart {
        widen(p.at.epoch_millis() as f64);
    }
    if let Some(e) = t.ended_at {
        widen(e.epoch_millis() as f64);
    }
    if let Some(b) = &t.bake {
        widen(
            b.ended_at
                .or(b.planned_end)
                .map_or(t0, |x| x.epoch_millis() as f64),
        );
    }
    if t.in_progress {
        widen(now);
    }
    if let Some(p) = &t.projection {
        widen(p.completes_at.map_or(t0, |c| c.epoch_millis() as f64));
        for s in &p.next_steps {
            widen(s.at.epoch_millis() as f64);
        }
    }
    if t1 - t0 < 60_000.0 {
        t1 = t0 + 60_000.0;
    }
    let span = t1 - t0;
    let x = |ms: f64| ML + (ms - t0).clamp(0.0, span) / span * (W - ML - MR);
    let y = |p: f64| MT + (100.0 - p.clamp(0.0, 100.0)) / 100.0 * (H - MT - MB);
    let px = |ms: f64| format!("{:.1}", x(ms));
    let py = |p: f64| format!("{:.1}", y(p));

    // Observed steps.
    let mut d = String::new();
    let mut last_pct = 0.0;
    let mut last_x = t0;
    for (i, p) in t.chart.iter().enumerate() {
        let at = p.at.epoch_millis() as f64;
        if i == 0 {
            d.push_str(&format!("M{} {}", px(at), py(0.0)));
        }
        d.push_str(&format!(" H{} V{}", px(at), py(p.percentage)));
        last_pct = p.percentage;
        last_x = at;
    }
    let observed_end = if t.in_progress {
        now.max(last_x)
    } else {
        t.ended_at
            .map_or(last_x, |e| e.epoch_millis() as f64)
            .max(last_x)
    };
    if !d.is_empty() {
        d.push_str(&format!(" H{}", px(observed_end)));
    }

    // Projection.
    let projection = t.projection.as_ref().map(|p| {
        let mut pd = format!("M{} {}", px(observed_end), py(last_pct));
        let mut end_pct = last_pct;
        for s in &p.next_steps {
            pd.push_str(&format!(
                " H{} V{}",
                px(s.at.epoch_millis() as f64),
                py(s.percentage)
            ));
            end_pct = s.percentage;
        }
        let end = p
            .completes_at
            .map_or(observed_end, |c| c.epoch_millis() as f64);
        pd.push_str(&format!(" H{}", px(end.max(observed_end))));
        let label_x = x(p
            .next_steps
            .first()
            .map_or(end, |s| s.at.epoch_millis() as f64))
        .min(W - MR - 50.0);
        (pd, label_x, end_pct)
    });

    // Axes.
    let y_ticks = [0.0, 25.0, 50.0, 75.0, 100.0];
    let offset_ms =
        -js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t0)).get_timezone_offset() * 60_000.0;

    // Dates on the axis when it crosses midnight (local time).
    let day = |ms: f64| js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms)).to_date_string();
    let with_date = day(t0) != day(t1);
    // As many labels as fit the plot's width: "26 Nov 12:00" takes ~110 units with its gap,
    // "12:00" ~70 (13 px text on a phone; 11 px elsewhere).
    let per_label = if with_date { 110.0 } else { 70.0 };
    let fit = ((W - ML - MR) / per_label).floor() as usize;
    let max_ticks = fit.clamp(2, n_x + 1);
    let (x_ticks, tick_step) = time_ticks(t0, t1, max_ticks, offset_ms);
    let with_seconds = tick_step < 60_000.0;

    html! {
        <figure class="chart">
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={summary.clone()} preserveAspectRatio="xMidYMid meet">
                <title>{ summary.clone() }</title>
                if let Some(b) = &t.bake {
                    {{
                        let bs = b.started_at.epoch_millis() as f64;
                        let be = b.ended_at.or(b.planned_end).map_or(if t.in_progress { now } else { observed_end }, |e| e.epoch_millis() as f64);
                        let w = (x(be) - x(bs)).max(2.0);
                        html! {
                            <g class="bake">
                                <rect x={px(bs)} y={format!("{MT}")} width={format!("{w:.1}")} height={format!("{}", H - MT - MB)} />
                                if x(bs) > W - MR - 40.0 {
                                    <text x={format!("{:.1}", x(bs) - 4.0)} y={format!("{}", H - MB - 6.0)} text-anchor="end">{ "bake" }</text>
                                } else {
                                    <text x={format!("{:.1}", x(bs) + 4.0)} y={format!("{}", H - MB - 6.0)}>{ "bake" }</text>
                                }
                            </g>
                        }
                    }}
                }
                { for y_ticks.iter().map(|&p| html! {
                    <g class="tick y">
                        <line x1={format!("{ML}")} x2={format!("{}", W - MR)} y1={py(p)} y2={py(p)} />
                        <text x={format!("{}", ML - 6.0)} y={format!("{:.1}", y(p) + 4.0)} text-anchor="end">{ format!("{}%", p as i64) }</text>
                    </g>
                }) }
                { for x_ticks.iter().map(|&ms| {
                    // A label centred on a tick near an edge would stick out of the drawing.
                    let half = if with_date { 48.0 } else { 20.0 };
                    let anchor = if x(ms) - half < 0.0 { "start" } else if x(ms) + half > W { "end" } else { "middle" };
                    html! {
                        <g class="tick x">
                            <line x1={px(ms)} x2={px(ms)} y1={format!("{}", H - MB)} y2={format!("{}", H - MB + 4.0)} />
                            <text x={px(ms)} y={format!("{}", H - MB + 16.0)} text-anchor={anchor}>{ if with_date { crate::format::local_day_clock(ms) } else { local_clock(ms, with_seconds) } }</text>
                        </g>
                    }
                }) }
                <text class="axis-label" x={format!("{}", W - MR)} y={format!("{}", H - 2.0)} text-anchor="end">{ "local time" }</text>
                <line class="axis" x1={format!("{ML}")} x2={format!("{ML}")} y1={format!("{MT}")} y2={format!("{}", H - MB)} />
                <line class="axis" x1={format!("{ML}")} x2={format!("{}", W - MR)} y1={format!("{}", H - MB)} y2={format!("{}", H - MB)} />
                if let Some(p) = t.projection.as_ref().filter(|_| t.bake.is_none()) {
                    if let (Some(bs), Some(ce)) = (p.bake_starts_at, p.completes_at) {
                        if ce > bs {
                            <rect class="bake-projected" x={px(bs.epoch_millis() as f64)} y={format!("{MT}")}
                                width={format!("{:.1}", (x(ce.epoch_millis() as f64) - x(bs.epoch_millis() as f64)).max(2.0))}
                                height={format!("{}", H - MT - MB)} stroke-dasharray="4 4" />
                        }
                    }
                }
                if let Some((pd, lx, _)) = &projection {
                    <g class="projection">
                        <path d={pd.clone()} stroke-dasharray="6 5" />
                        <text x={format!("{lx:.1}")} y={format!("{}", MT + 12.0)}>{ "estimate" }</text>
                    </g>
                }
                <path class="observed" d={d} />
                // Dots help read a few steps; hundreds would only blur the line.
                { for t.steps.iter().filter(|_| t.steps.len() <= 40).map(|s| {
                    let at = s.at.epoch_millis() as f64;
                    html! {
                        <circle class="step" cx={px(at)} cy={py(s.percentage)} r="3">
                            <title>{ format!("{} at {}", percent(s.percentage), local_clock(at, true)) }</title>
                        </circle>
                    }
                }) }
                if let Some(r) = &t.rollback {
                    if let Some(at) = r.started_at {
                        {{
                            let rx = x(at.epoch_millis() as f64);
                            html! {
                                <g class={if r.is_revert { "rollback revert" } else { "rollback" }}>
                                    <line x1={format!("{rx:.1}")} x2={format!("{rx:.1}")} y1={format!("{MT}")} y2={format!("{}", H - MB)} />
                                    <text x={format!("{:.1}", (rx - 4.0).max(ML + 4.0))} y={format!("{}", MT + 26.0)} text-anchor="end">
                                        { if r.is_revert { "Revert" } else { "Rollback" } }
                                    </text>
                                </g>
                            }
                        }}
                    }
                }
                // The monitors' state changes in the window (DescribeAlarmHistory): when an
                // alarm fired, against the steps.
                { for alarm_changes.iter().filter(|c| {
                    let at = c.at.epoch_millis() as f64;
                    at >= t0 && at <= t1
                }).map(|c| {
                    let cx = x(c.at.epoch_millis() as f64);
                    let class = match c.to {
                        StateValue::Ok => "alarm-mark to-ok",
                        StateValue::Alarm => "alarm-mark to-alarm",
                        _ => "alarm-mark to-insufficient",
                    };
                    let points = format!("{:.1},{} {:.1},{} {:.1},{}", cx - 5.0, H - MB, cx + 5.0, H - MB, cx, H - MB - 8.0);
                    html! {
                        <g class={class}>
                            <polygon {points} />
                            <title>{ format!("{} → {} at {}", c.alarm_name, c.to.as_str(), local_clock(c.at.epoch_millis() as f64, true)) }</title>
                        </g>
                    }
                }) }
                if t.in_progress {
                    <line class="now" x1={px(now)} x2={px(now)} y1={format!("{MT}")} y2={format!("{}", H - MB)} />
                }
            </svg>
            <figcaption class="legend">
                { fixed("<span class=\"key observed\">observed</span>") }
                if t.bake.is_some() { { fixed("<span class=\"key bake\">bake time</span>") } }
                if let Some(r) = &t.rollback {
                    <span class={if r.is_revert { "key rollback revert" } else { "key rollback" }}>{ if r.is_revert { "revert" } else { "rollback" } }</span>
                }
                if alarm_changes.iter().any(|c| { let at = c.at.epoch_millis() as f64; at >= t0 && at <= t1 }) {
                    { fixed("<span class=\"key alarm-mark\">alarm state change</span>") }
                }
                if let Some(p) = &t.projection {
                    <span class="key projection">{ match p.basis {
                        EstimateBasis::Observed => "estimate (from the observed step spacing)",
                        _ => "estimate (from the strategy)",
                    } }</span>
                }
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::time_ticks;

    const MIN: f64 = 60_000.0;
    const HOUR: f64 = 3_600_000.0;

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn ticks_fall_on_round_times() {
        // 08:53:21 to 09:35:56 UTC (the seeded rollback): every 10 min from 09:00.
        let t0 = 1_763_455_000_000.0 + 53.0 * MIN + 21_000.0 - (1_763_455_000_000.0 % HOUR);
        let t1 = t0 + 42.0 * MIN + 35_000.0;
        let (ticks, step) = time_ticks(t0, t1, 6, 0.0);
        assert_eq!(step, 10.0 * MIN);
        assert_eq!(ticks.len(), 4);
        assert!(ticks.iter().all(|t| t % (10.0 * MIN) == 0.0), "{ticks:?}");
        assert!(ticks[0] >= t0 && ticks[0] - t0 < 10.0 * MIN);
        assert!(*ticks.last().unwrap() <= t1);
        // 17 h 15 min fits 6 ticks every 3 h, at round local hours in UTC+5:30.
        let offset = 5.5 * HOUR;
        let (ticks, step) = time_ticks(t0, t0 + 17.25 * HOUR, 6, offset);
        assert_eq!(step, 3.0 * HOUR);
        assert!(ticks.len() <= 6 && ticks.len() >= 5, "{ticks:?}");
        assert!(ticks.iter().all(|t| (t + offset) % (3.0 * HOUR) == 0.0));
        // Phones get fewer; a minute-long chart gets seconds; years fall back to whole days.
        assert!(time_ticks(t0, t0 + 42.0 * MIN, 4, 0.0).0.len() <= 4);
        assert_eq!(time_ticks(t0, t0 + MIN, 6, 0.0).1, 15_000.0);
        let (ticks, step) = time_ticks(t0, t0 + 1_900.0 * 24.0 * HOUR, 6, 0.0);
        assert!(ticks.len() <= 6 && step % (24.0 * HOUR) == 0.0);
    }
}
