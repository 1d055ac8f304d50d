use yew::prelude::*;

use crate::platform;

/// The time now (`Date.now()`), updated every `period_ms` milliseconds.
#[hook]
pub fn use_now(period_ms: i32) -> f64 {
    let now = use_state(platform::now_ms);
    {
        let now = now.clone();
        use_effect_with(period_ms, move |&period| {
            let timer =
                platform::Interval::new(period.max(1) as u32, move || now.set(platform::now_ms()));
            move || drop(timer)
        });
    }
    *now
}
