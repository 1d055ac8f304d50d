use std::rc::Rc;

use appconfig_core::DateTime;
use yew::prelude::*;

use crate::api::{Alarms, Api};

/// The alarms of `arns` (an environment's monitors), fetched again each time `refresh`
/// changes (the deployment page gives the time of each refresh while it is DEPLOYING or
/// BAKING, a fixed key otherwise): one DescribeAlarms per region for all of them. The state
/// changes of `window` are fetched when `history_key` changes (on the first load and when the
/// deployment changes state), not on every refresh.
#[hook]
pub fn use_alarms(
    api: Option<Rc<Api>>,
    arns: Rc<Vec<String>>,
    window: Option<(DateTime, DateTime)>,
    refresh: u64,
    history_key: u32,
) -> UseStateHandle<Option<Rc<Alarms>>> {
    let alarms = use_state(|| None::<Rc<Alarms>>);
    {
        let alarms = alarms.clone();
        let changes = use_mut_ref(|| (u32::MAX, Vec::new()));
        use_effect_with(
            (api, arns, refresh, history_key),
            move |(api, arns, _, history_key)| {
                let live = Rc::new(std::cell::Cell::new(true));
                if let Some(api) = api.clone().filter(|_| !arns.is_empty()) {
                    let (arns, live, key) = (Rc::clone(arns), live.clone(), *history_key);
                    let window = (changes.borrow().0 != key).then_some(window).flatten();
                    wasm_bindgen_futures::spawn_local(async move {
                        let mut next = api.alarms(&arns, window).await;
                        if !live.get() {
                            return;
                        }
                        let mut kept = changes.borrow_mut();
                        if window.is_some() {
                            *kept = (key, next.changes.clone());
                        } else {
                            next.changes = kept.1.clone();
                        }
                        alarms.set(Some(Rc::new(next)));
                    });
                }
                move || live.set(false)
            },
        );
    }
    alarms
}
