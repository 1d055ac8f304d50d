#![doc = include_str!("../README.md")]

mod credentials;
mod element;
mod events;

pub use element::AppConfigElement;

/// The elements' stylesheet: the dashboard's, made for a shadow root (see `build.rs`).
pub const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/elements.css"));
