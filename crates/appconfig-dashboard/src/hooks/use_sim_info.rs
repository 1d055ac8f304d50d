use yew::prelude::*;

use crate::api;
use crate::state::{Action, AppState};

/// Asks once whether this page is served by the simulator (`GET /_sim/info`) and reports the
/// answer as [`Action::SimChecked`].
#[hook]
pub fn use_sim_info(dispatch: UseReducerDispatcher<AppState>) {
    use_effect_with((), move |_| {
        wasm_bindgen_futures::spawn_local(async move {
            dispatch.dispatch(Action::SimChecked(api::sim_info().await));
        });
    });
}
