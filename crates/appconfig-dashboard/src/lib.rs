//! A Yew dashboard for AWS AppConfig deployments: the details of one deployment, its event
//! timeline and a progress chart, refreshed live while it runs, linkable by URL and embeddable
//! in an iframe.
//!
//! Components only render: parsing, signing and fetching happen in [`hooks`] and [`api`] through
//! `appconfig-core` and `appconfig-fetch`.

pub mod api;
pub mod app;
pub mod components;
pub mod errors;
pub mod format;
pub mod hooks;
pub mod origin;
pub mod platform;
pub mod route;
pub mod settings;
pub mod state;
pub mod validate;
pub mod view;
pub mod words;

pub use app::App;

/// Installs the friendly panic hook and mounts the app on `#app` (or `<body>`).
pub fn start() {
    platform::install_panic_hook();
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
