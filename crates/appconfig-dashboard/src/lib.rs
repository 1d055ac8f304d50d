//! A Yew dashboard for AWS AppConfig deployments: the details of one deployment, its event
//! timeline and a progress chart, refreshed live while it runs, linkable by URL and embeddable
//! in an iframe.
//!
//! Components only render: parsing, signing and fetching happen in `hooks` and `api` through
//! `appconfig-core` and `appconfig-fetch`.

mod api;
mod app;
mod compare;
mod components;
mod errors;
mod form;
mod format;
mod hooks;
mod host;
mod origin;
mod parts;
mod platform;
mod route;
mod settings;
mod state;
mod validate;
mod view;
mod words;

pub use api::{parse_deployment_json, Alarms, Api};
pub use app::App;
pub use compare::set_compare_module;
pub use errors::{Problem, ProblemKind};
pub use host::{Host, HostRef};
pub use parts::{
    ApiResult, DeploymentPart, DeploymentPartProps, EnvironmentsPart, EnvironmentsPartProps,
};
// The components and data the component tests render and check (tests/), chosen here.
pub use components::deployment_view::{DeploymentView, DeploymentViewProps};
pub use components::details::LABELS as DETAIL_LABELS;
pub use components::live_status::{LiveStatus, LiveStatusProps};
pub use components::overview::{Overview, OverviewProps};
#[cfg(feature = "render-count")]
pub use components::overview_row::render_count;
pub use components::paste_panel::{PastePanel, PastePanelProps};
pub use hooks::OverviewEntry;

/// Installs the friendly panic hook and mounts the app on `#app` (or `<body>`).
pub fn start() {
    platform::install_panic_hook();
    compare::from_page();
    let document = platform::document();
    let root = document
        .as_ref()
        .and_then(|d| d.get_element_by_id("app"))
        .or_else(|| document.and_then(|d| d.body().map(Into::into)));
    if let Some(root) = root {
        yew::Renderer::<App>::with_root(root).render();
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

// Talc instead of the default dlmalloc: a binned allocator (constant-time, so a page kept open
// for a day does not slow down as its heap fragments) that is 3.2 KB gzip smaller (dist/ wasm
// 275,316 -> 272,074 B). Measured interleaved on the 200-row overview test (release, 5 runs
// each, median): dlmalloc 224 ms, talc 259 ms, lol_alloc's free list 334 ms (its first-fit list
// grows with fragmentation; it is the package's allocator, where a call makes a few allocations).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
