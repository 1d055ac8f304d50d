#![doc = include_str!("../README.md")]

mod credentials;
mod element;
mod events;

pub use element::AppConfigElement;

use wasm_bindgen::prelude::wasm_bindgen;

/// Where the comparison module ("What changed", crate `appconfig-compare`) is: `js/elements.js`
/// passes the file beside the package's own module, or the host's `define({ compare })`.
#[wasm_bindgen(js_name = setCompareModule)]
pub fn set_compare_module(url: &str) {
    appconfig_dashboard::set_compare_module(url, None);
}

/// The elements' stylesheet: the dashboard's, made for a shadow root (see `build.rs`).
pub const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/elements.css"));
