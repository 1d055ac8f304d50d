use std::cell::Cell;
use std::rc::Rc;

use appconfig_core::{Deployment, GetDeploymentInput};
use yew::prelude::*;

use crate::api::Api;
use crate::errors::Problem;
use crate::platform;

/// How often a running deployment is fetched again, ms.
pub(crate) const REFRESH_MS: u32 = 5_000;
/// The longest wait between attempts after errors, ms.
pub(super) const MAX_BACKOFF_MS: u32 = 60_000;

/// What to fetch. A new `nonce` fetches again at once ("Refresh now").
#[derive(Clone, PartialEq)]
pub(crate) struct DeploymentRequest {
    /// The client.
    pub api: Rc<Api>,
    /// The deployment.
    pub input: GetDeploymentInput,
    /// Bumped to force a new fetch.
    pub nonce: u32,
}

/// The deployment as last fetched, and how the live refresh is doing.
#[derive(Clone, PartialEq, Default)]
pub(crate) struct DeploymentData {
    /// The last good answer (kept while a refresh fails).
    pub deployment: Option<Rc<Deployment>>,
    /// The last failure, cleared by the next success.
    pub problem: Option<Problem>,
    /// A request is in flight.
    pub loading: bool,
    /// When the last good answer arrived (`Date.now()` ms).
    pub updated_ms: Option<f64>,
    /// The page refreshes itself (the deployment is running, or the last error is transient).
    pub live: bool,
    /// When the next attempt is due (`Date.now()` ms).
    pub next_ms: Option<f64>,
}

/// What happened to the request.
pub(crate) enum Action {
    /// A new request.
    Reset,
    /// A fetch started.
    Loading,
    /// Data arrived: the deployment, live or not, when, and when the next fetch is due.
    Loaded(Rc<Deployment>, bool, f64, Option<f64>),
    /// A fetch failed: the problem and when the next attempt is due.
    Failed(Problem, Option<f64>),
}

impl Reducible for DeploymentData {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Reset => next = DeploymentData::default(),
            Action::Loading => next.loading = true,
            Action::Loaded(d, live, at, next_ms) => {
                next.deployment = Some(d);
                next.problem = None;
                next.loading = false;
                next.updated_ms = Some(at);
                next.live = live;
                next.next_ms = next_ms;
            }
            Action::Failed(p, next_ms) => {
                next.problem = Some(p);
                next.loading = false;
                next.live = next_ms.is_some();
                next.next_ms = next_ms;
            }
        }
        Rc::new(next)
    }
}

/// Fetches a deployment and, while it is DEPLOYING, BAKING, VALIDATING or ROLLING_BACK, fetches
/// it again every [`REFRESH_MS`] (backing off on errors up to [`MAX_BACKOFF_MS`], paused while
/// the tab is hidden), stopping on a final state.
#[hook]
pub fn use_deployment(request: Option<DeploymentRequest>) -> UseReducerHandle<DeploymentData> {
    let data = use_reducer(DeploymentData::default);
    let dispatcher = data.dispatcher();
    let shown = use_mut_ref(|| None::<(Rc<Api>, GetDeploymentInput)>);
    use_effect_with(request, move |request| {
        let cancelled = Rc::new(Cell::new(false));
        let controller = web_sys::AbortController::new().ok();
        // "Refresh now" (a new nonce) keeps what is on screen; another deployment clears it.
        let key = request
            .as_ref()
            .map(|r| (Rc::clone(&r.api), r.input.clone()));
        if *shown.borrow() != key {
            dispatcher.dispatch(Action::Reset);
            *shown.borrow_mut() = key;
        }
        if let Some(req) = request.clone() {
            let cancelled = cancelled.clone();
            let signal = controller.as_ref().map(|c| c.signal());
            wasm_bindgen_futures::spawn_local(async move {
                poll(req, dispatcher, cancelled, signal).await;
            });
        }
        move || {
            cancelled.set(true);
            if let Some(c) = controller {
                c.abort();
            }
        }
    });
    data
}

async fn poll(
    req: DeploymentRequest,
    dispatch: UseReducerDispatcher<DeploymentData>,
    cancelled: Rc<Cell<bool>>,
    signal: Option<web_sys::AbortSignal>,
) {
    let mut failures: u32 = 0;
    let mut was_live = false;
    loop {
        platform::until_visible(cancelled.clone()).await;
        if cancelled.get() {
            return;
        }
        dispatch.dispatch(Action::Loading);
        let result = req.api.deployment(&req.input, signal.clone()).await;
        if cancelled.get() {
            return;
        }
        let now = platform::now_ms();
        let delay = match result {
            Ok(d) => {
                failures = 0;
                let live = d.state.as_ref().is_some_and(|s| s.is_in_progress());
                was_live = live;
                let next = live.then_some(now + f64::from(REFRESH_MS));
                dispatch.dispatch(Action::Loaded(Rc::new(d), live, now, next));
                if !live {
                    return;
                }
                REFRESH_MS
            }
            Err(p) => {
                failures += 1;
                if !(p.transient || was_live) {
                    dispatch.dispatch(Action::Failed(p, None));
                    return;
                }
                let delay = REFRESH_MS
                    .saturating_mul(1 << (failures - 1).min(5))
                    .min(MAX_BACKOFF_MS);
                dispatch.dispatch(Action::Failed(p, Some(now + f64::from(delay))));
                delay
            }
        };
        platform::sleep(delay, cancelled.clone()).await;
    }
}
