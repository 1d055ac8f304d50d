//! The dashboard page as a [`Host`]: its URL (read once, pushed, back and forward), the tab's
//! title and favicon, and the credentials it remembers in sessionStorage. Only the page's `App`
//! uses this file; a custom element brings a host of its own.

use std::rc::Rc;

use appconfig_core::Deployment;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::use_tab_status::{paint_tab, tab_status};
use crate::host::{Host, HostRef};
use crate::platform::{self, Listener};
use crate::route::Route;
use crate::state::{Action, AppState};

/// The page, for the route it shows.
pub(crate) struct Page {
    route: Route,
}

impl Page {
    /// The host for this route.
    pub(crate) fn host(route: &Route) -> HostRef {
        HostRef(Rc::new(Page {
            route: route.clone(),
        }))
    }

    /// The state for the page's URL, with the credentials the tab remembers.
    pub(crate) fn initial_state() -> AppState {
        AppState::new(&platform::location_query(), platform::page_origin(), |c| {
            c.load_remembered()
        })
    }
}

impl Host for Page {
    fn deployment_href(&self, app: &str, env: &str, number: i32) -> Option<String> {
        let mut r = self.route.clone();
        r.app = app.to_owned();
        r.env = env.to_owned();
        r.deployment = number.to_string();
        Some(r.to_query())
    }

    fn status(&self, deployment: Option<&Deployment>) {
        paint_tab(&tab_status(deployment));
    }

    fn overview_href(&self) -> Option<String> {
        Some("?".to_owned())
    }

    fn full_view_href(&self) -> Option<String> {
        let mut r = self.route.clone();
        if !r.embed {
            return None;
        }
        r.embed = false;
        r.origin.clear();
        r.actions = false;
        Some(format!(
            "{}{}",
            platform::window()
                .and_then(|w| w.location().pathname().ok())
                .unwrap_or_else(|| "/".into()),
            r.to_query()
        ))
    }

    fn copy_link(&self) -> bool {
        !self.route.embed
    }
}

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

/// Performs the browser effects the reducer asked for (`state::Effects`): pushes the URL, remembers
/// or forgets the credentials, focuses the first field in error (looked up under `root`, not
/// in the document, so that it works inside a shadow root too). One effect for the three: each
/// effect hook costs the wasm its own copy of yew's effect code.
///
/// Also puts the deployment `shown` in the tab's title and favicon (compared by pointer: a
/// new answer is a new `Rc`).
#[hook]
pub fn use_page_effects(state: &AppState, root: NodeRef, shown: Option<Rc<Deployment>>) {
    let done = use_mut_ref(crate::state::Effects::default);
    let (query, conn) = (state.route.to_query(), state.conn.clone());
    use_effect_with((state.effects, Shown(shown)), move |(e, shown)| {
        paint_tab(&tab_status(shown.0.as_deref()));
        let before = std::mem::replace(&mut *done.borrow_mut(), *e);
        if e.push_url != before.push_url {
            platform::push_query(&query);
        }
        if e.persist != before.persist {
            conn.persist();
        }
        let field = e.focus_field.filter(|_| e.focus != before.focus);
        let el = field
            .and_then(|f| root.cast::<web_sys::Element>().map(|r| (f, r)))
            .and_then(|(f, r)| r.query_selector(&format!("#{}", f.input_id())).ok())
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = el {
            let _ = el.focus();
        }
    });
}

/// A deployment compared by identity.
pub(crate) struct Shown(Option<Rc<Deployment>>);

impl PartialEq for Shown {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        }
    }
}

/// Tells the host which deployment is shown, when that (or its state) changes.
#[hook]
pub fn use_host_status(host: &HostRef, deployment: Option<Rc<Deployment>>) {
    use_effect_with((host.clone(), deployment), |(host, d)| {
        host.0.status(d.as_deref());
    });
}
