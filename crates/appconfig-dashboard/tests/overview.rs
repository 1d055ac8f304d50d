//! The overview at scale, in headless Chromium (`cargo test -p appconfig-dashboard --target
//! wasm32-unknown-unknown --test overview`): 200 environments render in under 500 ms once their
//! data is in, and a refresh that changes one row re-renders and repaints that row only.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use appconfig_core::{
    model::{DeploymentSummary, GrowthType},
    DateTime, DeploymentState,
};
use appconfig_dashboard::render_count;
use appconfig_dashboard::OverviewEntry;
use appconfig_dashboard::{Overview, OverviewProps};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, MutationObserver, MutationObserverInit, MutationRecord};
use yew::{Callback, Renderer};

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::{container, sleep};

/// The bound for 200 rows "once their data is in" (the dashboard README's "Behaviour"). In the app the overview has
/// painted rows by then (they arrive in batches of 24 and show as they come), so the test paints
/// one batch first, as the app does, and times the 200 after it. Measured on the shared 2-core
/// machine: ~180 ms in an optimized build (`cargo test --release`); the very first paint of a
/// fresh page (cold wasm code) took 840 ms there. The default test build is unoptimized wasm
/// (516 ms measured): there the bound is 3× looser, so that the test still catches a render that
/// went quadratic.
const FIRST_RENDER_MS: f64 = if cfg!(debug_assertions) {
    1_500.0
} else {
    500.0
};
/// Rows of the app's first batch (`hooks/use_overview.rs` repaints once per 24 answers).
const FIRST_BATCH: usize = 24;
const ROWS: usize = 200;

fn now_ms() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

fn wall() -> f64 {
    DateTime::parse("2026-12-01T12:00:00Z")
        .unwrap()
        .epoch_millis() as f64
}

/// Environment `i`: every fifth one is rolling out at `pct`, the others completed.
fn row(i: usize, pct: f64) -> Rc<OverviewEntry> {
    let mut s = DeploymentSummary::default();
    s.deployment_number = Some(i as i32 + 1);
    s.configuration_name = Some(format!("config-{i}"));
    s.configuration_version = Some("3".into());
    s.deployment_duration_in_minutes = Some(20);
    s.growth_type = Some(GrowthType::Linear);
    s.growth_factor = Some(10.0);
    s.final_bake_time_in_minutes = Some(5);
    let running = i.is_multiple_of(5);
    s.state = Some(if running {
        DeploymentState::Deploying
    } else {
        DeploymentState::Complete
    });
    s.percentage_complete = Some(if running { pct } else { 100.0 });
    s.started_at = Some(DateTime::from_epoch_millis(wall() as i64 - 600_000));
    Rc::new(OverviewEntry {
        app_id: format!("app{:04}", i / 10),
        app_name: format!("application-{:02}", i / 10),
        env_id: format!("env{i:04}"),
        env_name: format!("environment-{i:03}"),
        latest: Some(Some(s)),
        problem: None,
        alarms: Vec::new(),
        alarm_flag: None,
        previous: None,
    })
}

fn props(rows: Vec<Rc<OverviewEntry>>, onopen: &Callback<(String, String, i32)>) -> OverviewProps {
    OverviewProps {
        rows: Rc::new(rows),
        listed: true,
        problem: None,
        only: None,
        now_ms: wall(),
        onopen: onopen.clone(),
        host: Default::default(),
    }
}

fn row_count(root: &Element) -> u32 {
    root.query_selector_all("tr.ov-row").unwrap().length()
}

/// The `data-env` of the row each mutation happened in.
fn changed_rows(records: &[MutationRecord]) -> BTreeSet<String> {
    records
        .iter()
        .filter_map(|r| r.target())
        .map(|n| {
            let el = n
                .dyn_ref::<Element>()
                .cloned()
                .or_else(|| n.parent_element());
            el.and_then(|e| e.closest("tr.ov-row").ok().flatten())
                .and_then(|tr| tr.get_attribute("data-env"))
                .unwrap_or_else(|| "(outside any row)".into())
        })
        .collect()
}

#[wasm_bindgen_test]
async fn two_hundred_environments_render_in_time_and_a_refresh_repaints_one_row() {
    let rows: Vec<_> = (0..ROWS).map(|i| row(i, 40.0)).collect();
    let onopen = Callback::from(|_: (String, String, i32)| ());
    let root = container();

    // The first batch, as the app paints it before the rest is in.
    let early = container();
    let first = Renderer::<Overview>::with_root_and_props(
        early.clone(),
        props((0..FIRST_BATCH).map(|i| row(i, 40.0)).collect(), &onopen),
    )
    .render();
    while row_count(&early) < FIRST_BATCH as u32 {
        sleep(0).await;
    }
    first.destroy();

    let renders_before = render_count();
    let start = now_ms();
    let mut app =
        Renderer::<Overview>::with_root_and_props(root.clone(), props(rows.clone(), &onopen))
            .render();
    while row_count(&root) < ROWS as u32 && now_ms() - start < 5_000.0 {
        sleep(0).await;
    }
    let took = now_ms() - start;
    console_log!("first render of {ROWS} rows: {took:.0} ms (bound {FIRST_RENDER_MS} ms)");
    assert_eq!(
        row_count(&root),
        ROWS as u32,
        "first render: every row is in the table"
    );
    assert!(
        took < FIRST_RENDER_MS,
        "first render: 200 rows took {took:.0} ms (bound {FIRST_RENDER_MS} ms)"
    );
    assert_eq!(
        render_count() - renders_before,
        ROWS as u64,
        "first render: each row rendered once"
    );

    // Watch every change under the table, then refresh with one running row at a new percentage.
    let records: Rc<RefCell<Vec<MutationRecord>>> = Rc::default();
    let sink = Rc::clone(&records);
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |list: js_sys::Array| {
        sink.borrow_mut().extend(
            list.iter()
                .filter_map(|r| r.dyn_into::<MutationRecord>().ok()),
        );
    });
    let observer = MutationObserver::new(callback.as_ref().unchecked_ref()).unwrap();
    let init = MutationObserverInit::new();
    init.set_subtree(true);
    init.set_child_list(true);
    init.set_attributes(true);
    init.set_character_data(true);
    let tbody = root.query_selector("tbody").unwrap().unwrap();
    observer.observe_with_options(&tbody, &init).unwrap();

    let mut refreshed = rows.clone();
    refreshed[10] = row(10, 50.0);
    // A refresh hands over new Rc's of equal data for the others only when they changed: the
    // rest keep their Rc (as the overview's reducer does).
    let renders_before = render_count();
    let start = now_ms();
    app.update(props(refreshed, &onopen));
    sleep(50).await;
    let mut all = records.borrow().clone();
    all.extend(
        observer
            .take_records()
            .iter()
            .filter_map(|r| r.dyn_into::<MutationRecord>().ok()),
    );
    observer.disconnect();
    let took = now_ms() - start;
    console_log!("refresh of one row: {took:.0} ms");

    assert_eq!(
        render_count() - renders_before,
        1,
        "refresh: only the changed row re-rendered"
    );
    assert!(!all.is_empty(), "refresh: the changed row was repainted");
    let changed = changed_rows(&all);
    assert_eq!(
        changed.into_iter().collect::<Vec<_>>(),
        vec!["env0010".to_owned()],
        "refresh: only the changed row's DOM changed"
    );
    let pct = root
        .query_selector(r#"tr[data-env="env0010"] .ov-pct"#)
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap_or_default();
    assert_eq!(pct, "50%", "refresh: the new percentage is shown");
    assert!(took < 500.0, "refresh took {took:.0} ms");
    drop(callback);
}

#[wasm_bindgen_test]
async fn running_rows_show_the_next_step_and_the_estimated_end() {
    let onopen = Callback::from(|_: (String, String, i32)| ());
    let root = container();
    let _app = Renderer::<Overview>::with_root_and_props(
        root.clone(),
        props((0..10).map(|i| row(i, 40.0)).collect(), &onopen),
    )
    .render();
    sleep(30).await;
    let next = root
        .query_selector(r#"tr[data-env="env0000"] .ov-next"#)
        .unwrap()
        .expect("a running row says what comes next");
    let said = next.text_content().unwrap_or_default();
    assert!(
        said.contains("next 50%") && said.contains("ends ") && said.ends_with("(estimate)"),
        "running row: {said}"
    );
    assert!(
        root.query_selector(r#"tr[data-env="env0001"] .ov-next"#)
            .unwrap()
            .is_none(),
        "a completed row has no estimate"
    );
}

#[wasm_bindgen_test]
async fn a_running_row_names_the_version_change_and_a_settled_row_does_not() {
    let onopen = Callback::from(|_: (String, String, i32)| ());
    let root = container();
    // Row 0 runs (deployment 1, version 3) and knows the version it replaces; row 1 completed
    // and carries a stale previous version, which must not show.
    let mut running = (*row(0, 40.0)).clone();
    running.previous = Some((1, "v2".into()));
    let mut settled = (*row(1, 100.0)).clone();
    settled.previous = Some((2, "v1".into()));
    // A previous version of an older deployment of the row is not this one's.
    let mut older = (*row(5, 40.0)).clone();
    older.previous = Some((1, "v1".into()));
    let rows = vec![Rc::new(running), Rc::new(settled), Rc::new(older)];
    let app =
        Renderer::<Overview>::with_root_and_props(root.clone(), props(rows, &onopen)).render();
    while row_count(&root) < 3 {
        sleep(0).await;
    }
    let config = |env: &str| {
        root.query_selector(&format!("tr.ov-row[data-env='{env}'] .ov-config"))
            .unwrap()
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    };
    assert_eq!(
        config("env0000"),
        "config-0 v2 → v3",
        "running row: the change"
    );
    assert_eq!(
        config("env0001"),
        "config-1 v3",
        "settled row: its version only"
    );
    assert_eq!(
        config("env0005"),
        "config-5 v3",
        "another deployment's previous version is not shown"
    );
    app.destroy();
}
