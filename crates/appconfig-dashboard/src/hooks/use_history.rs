use yew::prelude::*;

use crate::platform::{self, Listener};
use crate::route::Route;
use crate::state::{Action, AppState};

/// Back and forward: each `popstate` becomes [`Action::Popstate`] with the URL's route.
#[hook]
pub fn use_history(dispatch: UseReducerDispatcher<AppState>) {
    use_effect_with((), move |_| {
        let listener = platform::window().map(|w| {
            Listener::new(&w, "popstate", move |_| {
                dispatch.dispatch(Action::Popstate(Route::parse(&platform::location_query())));
            })
        });
        move || drop(listener)
    });
}
