//! The app's state and everything that changes it: one [`Action`] per user or browser event,
//! reduced in one place (as in yew's `function_todomvc`). Listeners dispatch actions and never
//! read state captured when they were set up.
//!
//! The reducer is pure: it reads nothing from the browser and writes nothing to it. The few
//! effects that belong to a transition (pushing the URL, remembering the credentials on opt-in,
//! focusing the first field in error) are asked for by bumping a counter in [`Effects`]; the
//! page's host performs them (`hooks::use_page_effects`).

use std::rc::Rc;

use appconfig_core::{Deployment, GetDeploymentInput};
use yew::prelude::*;

use crate::api::SimInfo;
use crate::form::FindDraft;
use crate::form::{Field, FieldErrors};
use crate::origin::same_origin;
use crate::route::Route;
use crate::settings::{Connection, Mode};
use crate::validate::{validate_connection, validate_find};

/// Everything the page shows, apart from fetched data (which lives in hooks).
#[derive(Clone, PartialEq)]
pub(crate) struct AppState {
    /// What the URL says.
    pub route: Route,
    /// The Connection form as edited.
    pub draft_conn: Connection,
    /// The connection in use.
    pub conn: Connection,
    /// The Deployment form as edited.
    pub find: FindDraft,
    /// Field errors of both forms.
    pub errors: Rc<FieldErrors>,
    /// The simulator that serves this page, if one does.
    pub sim: Option<SimInfo>,
    /// `/_sim/info` has answered (or failed).
    pub sim_checked: bool,
    /// The application / environment / deployment browser is open.
    pub browsing: bool,
    /// A deployment pasted as JSON, shown instead of a fetched one.
    pub pasted: Option<Rc<Deployment>>,
    /// Bumped to fetch again now.
    pub nonce: u32,
    /// The Connection section is open.
    pub conn_open: bool,
    /// The page's own origin (`location.origin`), read once by the host.
    pub page_origin: Option<String>,
    /// Browser effects the last transitions asked for.
    pub effects: Effects,
}

/// Browser effects asked for by the reducer: each counter is bumped once per request, and the
/// host performs the effect when it changes.
#[derive(Clone, Copy, PartialEq, Default, Debug)]
pub(crate) struct Effects {
    /// Push `route` as a new history entry.
    pub push_url: u32,
    /// Remember (or forget) `conn`'s credentials as `conn.remember` says.
    pub persist: u32,
    /// Focus `focus_field`.
    pub focus: u32,
    /// The first field in error.
    pub focus_field: Option<Field>,
}

/// What the page shows in its result area, decided from the route alone (the one place that
/// turns a link into a view).
#[derive(Clone, PartialEq, Debug)]
pub(crate) enum Target {
    /// The overview of every environment, or of one application.
    Overview(Option<String>),
    /// A deployment named by valid fields.
    Deployment(GetDeploymentInput),
    /// A link naming a deployment with invalid fields: what is wrong with them.
    Invalid(String),
    /// Only an environment (its list of deployments is browsed) or nothing usable.
    Nothing,
}

impl Target {
    /// The target of a route; `embed` pages never show the overview.
    pub(crate) fn of(route: &Route) -> Target {
        if route.names_deployment() {
            let mut errs = FieldErrors::new();
            return match validate_find(&draft_of(route), &mut errs) {
                Some(input) => Target::Deployment(input),
                None => Target::Invalid(errs.values().cloned().collect::<Vec<_>>().join("; ")),
            };
        }
        if !route.embed && route.env.is_empty() && route.deployment.is_empty() {
            return Target::Overview(Some(route.app.clone()).filter(|a| !a.is_empty()));
        }
        Target::Nothing
    }

    /// The deployment to fetch, if any.
    pub(crate) fn input(&self) -> Option<&GetDeploymentInput> {
        match self {
            Target::Deployment(input) => Some(input),
            _ => None,
        }
    }
}

/// What happened.
pub(crate) enum Action {
    /// `/_sim/info` answered (`Some`) or not: fill in the simulator's settings.
    SimChecked(Option<SimInfo>),
    /// Back or forward to this URL.
    Popstate(Route),
    /// The Connection form changed.
    EditConnection(Connection),
    /// The Deployment form changed.
    EditFind(FindDraft),
    /// Show this deployment (validate, then put it in the URL); closes the browser when asked.
    Show(FindDraft, bool),
    /// The form was submitted: show what the Deployment form says.
    Submit,
    /// A deployment was picked in the browser: show it and close the browser.
    PickDeployment(i32),
    /// Use the Connection form as it is (validate, then connect): the overview appears.
    Connect,
    /// Open or close the browser.
    ToggleBrowse,
    /// An application was picked in the browser.
    PickApp(String),
    /// An environment was picked in the browser.
    PickEnv(String),
    /// Show pasted JSON, or close it.
    Paste(Option<Rc<Deployment>>),
    /// Fetch again now.
    Refresh,
    /// The Connection section was opened or closed by the user.
    ConnToggled(bool),
    /// The user agreed to send remembered credentials to the target named by the link.
    Continue,
    /// Credentials, where to send requests and whether to offer actions, posted by the
    /// embedding page.
    Posted(Connection, bool),
}

fn draft_of(route: &Route) -> FindDraft {
    FindDraft {
        app: route.app.clone(),
        env: route.env.clone(),
        deployment: route.deployment.clone(),
    }
}

impl AppState {
    /// The state for this URL query on a page at `page_origin`; `remembered` fills in the
    /// credentials the tab remembers (called outside embed mode only).
    pub(crate) fn new(
        query: &str,
        page_origin: Option<String>,
        remembered: impl FnOnce(&mut Connection),
    ) -> AppState {
        let mut route = Route::parse(query);
        if route.embed {
            // An embedded page sends requests only where its portal says (or to the simulator
            // that serves it): a page above the portal can navigate this frame to any URL.
            route.region.clear();
            route.endpoint.clear();
            route.proxy.clear();
            route.gateway.clear();
            route.account.clear();
        }
        let mut conn = Connection {
            region: "us-east-1".into(),
            ..Default::default()
        };
        conn.apply_route(&route);
        if !route.embed {
            remembered(&mut conn);
        }
        AppState {
            find: draft_of(&route),
            // A link naming an application and environment but no deployment opens their list.
            browsing: !route.embed
                && !route.app.is_empty()
                && !route.env.is_empty()
                && route.deployment.is_empty(),
            draft_conn: conn.clone(),
            conn,
            route,
            errors: Rc::default(),
            sim: None,
            sim_checked: false,
            pasted: None,
            nonce: 0,
            conn_open: false,
            page_origin,
            effects: Effects::default(),
        }
    }

    /// Fills in what the simulator serving this page says: its region, its origin as the
    /// endpoint, and its demo keys (for the simulator only, never a link's endpoint).
    fn fill_from_sim(&self, c: &Connection, info: &SimInfo) -> Connection {
        let mut c = c.clone();
        if self.route.region.is_empty() && !info.region.is_empty() {
            c.region = info.region.clone();
        }
        let posted = self.route.embed && !c.url.trim().is_empty();
        if self.route.endpoint.is_empty()
            && self.route.proxy.is_empty()
            && self.route.gateway.is_empty()
            && !posted
        {
            c.mode = Mode::Endpoint;
            c.url = self.page_origin.clone().unwrap_or_default();
        }
        let to_sim = c.mode == Mode::Endpoint
            && self
                .page_origin
                .as_ref()
                .is_some_and(|o| same_origin(o, &c.url));
        if !c.has_credentials() && to_sim {
            c.access_key_id = info.access_key_id.clone();
            c.secret_access_key = info.secret_access_key.clone();
            c.session_token.clear();
        }
        c
    }

    /// Validates the Connection form; on success it becomes the connection in use, confirmed
    /// for its target (and remembered when asked, outside embed mode).
    fn apply_connection(&mut self, errs: &mut FieldErrors) -> bool {
        validate_connection(&self.draft_conn, errs);
        if !errs.is_empty() {
            return false;
        }
        let mut c = self.draft_conn.clone();
        c.confirm();
        if !self.route.embed {
            self.effects.persist = self.effects.persist.wrapping_add(1);
        }
        self.draft_conn = c.clone();
        self.conn = c;
        true
    }

    fn show_errors(&mut self, errs: FieldErrors) {
        if errs.keys().any(|f| f.is_connection()) {
            self.conn_open = true;
        }
        if let Some(&field) = errs.keys().next() {
            self.effects.focus = self.effects.focus.wrapping_add(1);
            self.effects.focus_field = Some(field);
        }
        self.errors = Rc::new(errs);
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let action = match action {
            Action::Submit => Action::Show(self.find.clone(), false),
            Action::PickDeployment(n) => Action::Show(
                FindDraft {
                    deployment: n.to_string(),
                    ..self.find.clone()
                },
                true,
            ),
            other => other,
        };
        let mut s = (*self).clone();
        match action {
            Action::SimChecked(info) => {
                if let Some(info) = info {
                    if !s.conn.has_credentials() || s.conn.url.trim().is_empty() && s.route.embed {
                        s.conn = s.fill_from_sim(&s.conn, &info);
                    }
                    s.draft_conn = s.fill_from_sim(&s.draft_conn, &info);
                    s.sim = Some(info);
                }
                if !s.conn.has_credentials() && !s.draft_conn.has_credentials() {
                    s.conn_open = true;
                }
                s.sim_checked = true;
            }
            // Embedded, the page never pushes history: the connection and actions stay the
            // portal's, whatever a history entry says.
            Action::Popstate(_) if s.route.embed => {}
            Action::Popstate(r) => {
                s.find = draft_of(&r);
                s.draft_conn.apply_route(&r);
                s.conn.apply_route(&r);
                s.pasted = None;
                s.route = r;
            }
            Action::EditConnection(c) => s.draft_conn = c,
            Action::EditFind(d) => s.find = d,
            Action::Show(d, close_browser) => {
                let mut errs = FieldErrors::new();
                validate_connection(&s.draft_conn, &mut errs);
                let input = validate_find(&d, &mut errs);
                if !errs.is_empty() || input.is_none() || !s.apply_connection(&mut errs) {
                    s.show_errors(errs);
                    return Rc::new(s);
                }
                s.errors = Rc::default();
                let mut r = s.route.clone();
                s.conn.write_route(&mut r);
                r.app = d.app.trim().to_owned();
                r.env = d.env.trim().to_owned();
                r.deployment = d.deployment.trim().to_owned();
                s.effects.push_url = s.effects.push_url.wrapping_add(1);
                s.route = r;
                s.find = d;
                s.pasted = None;
                s.nonce = s.nonce.wrapping_add(1);
                if close_browser {
                    s.browsing = false;
                }
            }
            Action::Connect => {
                let mut errs = FieldErrors::new();
                if s.apply_connection(&mut errs) {
                    s.errors = Rc::default();
                    s.nonce = s.nonce.wrapping_add(1);
                } else {
                    s.show_errors(errs);
                }
            }
            Action::ToggleBrowse => {
                if s.browsing {
                    s.browsing = false;
                } else {
                    let mut errs = FieldErrors::new();
                    if s.apply_connection(&mut errs) {
                        s.errors = Rc::new(errs);
                        s.browsing = true;
                    } else {
                        s.show_errors(errs);
                    }
                }
            }
            Action::PickApp(app) => {
                s.find = FindDraft {
                    app,
                    ..Default::default()
                }
            }
            Action::PickEnv(env) => {
                s.find = FindDraft {
                    env,
                    deployment: String::new(),
                    ..s.find.clone()
                }
            }
            Action::Paste(d) => s.pasted = d,
            Action::Refresh => s.nonce = s.nonce.wrapping_add(1),
            Action::ConnToggled(open) => s.conn_open = open,
            Action::Continue => {
                s.conn.confirm();
                s.effects.persist = s.effects.persist.wrapping_add(1);
                s.draft_conn.confirmed_origin = s.conn.confirmed_origin.clone();
            }
            Action::Posted(c, actions) => {
                s.route.actions = actions;
                s.draft_conn = c.clone();
                s.conn = c;
            }
            Action::Submit | Action::PickDeployment(_) => {}
        }
        Rc::new(s)
    }
}

/// The "What changed" panel of a deployment page: closed until the user opens it; each opening
/// fetches and compares once (`hooks::use_what_changed`), and closing drops what it showed, so
/// configuration content stays in memory only while it is on screen.
#[derive(Clone, PartialEq, Default, Debug)]
pub(crate) struct WhatChanged {
    /// The panel is open.
    pub open: bool,
    /// Bumped by each opening: the hook's work of an earlier opening is ignored.
    pub opened: u32,
    /// What the panel shows.
    pub step: WhatStep,
}

/// Where the comparison is.
#[derive(Clone, PartialEq, Default, Debug)]
pub(crate) enum WhatStep {
    /// Nothing asked yet.
    #[default]
    Idle,
    /// Working: what it is doing now ("Reading both versions").
    Busy(&'static str),
    /// The configuration does not live in AppConfig's hosted store: its location URI.
    Elsewhere(String),
    /// Compared.
    Done(Rc<Comparison>),
    /// A read failed.
    Failed(crate::errors::Problem),
}

/// What happened to the panel.
pub(crate) enum WhatAction {
    /// The user opened (`true`) or closed it.
    Toggle(bool),
    /// The hook's progress for the opening numbered so.
    Step(u32, WhatStep),
}

impl Reducible for WhatChanged {
    type Action = WhatAction;

    fn reduce(self: Rc<Self>, action: WhatAction) -> Rc<Self> {
        match action {
            WhatAction::Toggle(open) if open == self.open => self,
            WhatAction::Toggle(true) => Rc::new(WhatChanged {
                open: true,
                opened: self.opened.wrapping_add(1),
                step: WhatStep::Busy("Finding the version live before this deployment"),
            }),
            WhatAction::Toggle(false) => Rc::new(WhatChanged {
                open: false,
                opened: self.opened,
                step: WhatStep::Idle,
            }),
            // Late news of an earlier opening, or of a closed panel, changes nothing.
            WhatAction::Step(n, _) if n != self.opened || !self.open => self,
            WhatAction::Step(_, step) => Rc::new(WhatChanged {
                step,
                ..(*self).clone()
            }),
        }
    }
}

#[cfg(test)]
mod what_tests {
    use std::rc::Rc;

    use yew::Reducible;

    use super::{WhatAction, WhatChanged, WhatStep};

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn each_opening_compares_once_and_closing_forgets() {
        let s = Rc::new(WhatChanged::default());
        let s = s.reduce(WhatAction::Toggle(true));
        assert!(s.open && s.opened == 1, "opening");
        assert!(matches!(s.step, WhatStep::Busy(_)), "busy at once");
        let again = Rc::clone(&s).reduce(WhatAction::Toggle(true));
        assert!(
            Rc::ptr_eq(&s, &again),
            "a second open event is no new opening"
        );
        let s = s.reduce(WhatAction::Step(1, WhatStep::Elsewhere("s3://b/k".into())));
        assert_eq!(
            s.step,
            WhatStep::Elsewhere("s3://b/k".into()),
            "step applied"
        );
        let s = s.reduce(WhatAction::Toggle(false));
        assert_eq!(s.step, WhatStep::Idle, "closing drops what was shown");
        let s = s.reduce(WhatAction::Step(1, WhatStep::Busy("late")));
        assert_eq!(s.step, WhatStep::Idle, "nothing arrives in a closed panel");
        let s = s.reduce(WhatAction::Toggle(true));
        assert_eq!(s.opened, 2, "reopening compares again");
        let s = s.reduce(WhatAction::Step(1, WhatStep::Busy("late")));
        assert_ne!(
            s.step,
            WhatStep::Busy("late"),
            "an earlier opening's news is ignored"
        );
    }
}

/// What the deployment replaced, as far as the search went.
#[derive(Clone, PartialEq, Debug)]
pub(crate) enum Before {
    /// The deployment live before it: its number and configuration version.
    Deployment(i32, String),
    /// None: this is the first deployment of the configuration to the environment.
    First,
    /// None within the deployments searched (this many).
    NotWithin(usize),
}

/// A comparison as the panel shows it. Holds the core's diff only, never the content itself.
pub(crate) struct Comparison {
    /// What it is compared with.
    pub before: Before,
    /// The version this deployment rolls out.
    pub version: String,
    /// The content's kind as the core detected it.
    pub kind: appconfig_core::diff::ContentKind,
    /// The core's diff.
    pub diff: appconfig_core::diff::ConfigDiff,
    /// How long the diff itself took, ms (measured; shown on hover).
    pub took_ms: f64,
}

// Compared by identity: a new comparison is a new `Rc`, and the diff need not be comparable.
impl PartialEq for Comparison {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

// No content, not even the diff's values, in Debug output.
impl std::fmt::Debug for Comparison {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Comparison({:?}, v{})", self.before, self.version)
    }
}
