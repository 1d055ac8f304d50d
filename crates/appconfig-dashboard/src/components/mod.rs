//! One piece of the page per file: a Yew component where it keeps state or must re-render on its
//! own (`#[function_component]`), else a plain function returning `Html`, because each component
//! costs the wasm its own copy of Yew's lifecycle code. Both render what they are given and
//! report user actions through `on*` callbacks; they never parse JSON (data comes from
//! [`crate::hooks`]).

pub(crate) mod browser;
pub(crate) mod chart;
pub(crate) mod connect_form;
pub(crate) mod deployment_actions;
pub(crate) mod deployment_view;
pub(crate) mod details;
pub(crate) mod embed_notice;
pub(crate) mod error_panel;
pub(crate) mod event_item;
pub(crate) mod event_log;
pub(crate) mod finder;
pub(crate) mod intro;
pub(crate) mod live_deployment;
pub(crate) mod live_status;
pub(crate) mod monitors;
pub(crate) mod overview;
pub(crate) mod overview_row;
pub(crate) mod paste_panel;
pub(crate) mod progress_bar;
pub(crate) mod result_area;
pub(crate) mod state_badge;
pub(crate) mod time_text;
pub(crate) mod what_changed;

pub(crate) use browser::Browser;
pub(crate) use chart::chart;
pub(crate) use connect_form::{connect_form, ConnectFormProps};
pub(crate) use deployment_actions::DeploymentActions;
pub(crate) use deployment_view::DeploymentView;
pub(crate) use details::details;
pub(crate) use embed_notice::embed_notice;
pub(crate) use error_panel::error_panel;
pub(crate) use event_item::event_item;
pub(crate) use event_log::EventLog;
pub(crate) use finder::{finder, FinderProps};
pub(crate) use intro::intro;
pub(crate) use live_deployment::LiveDeployment;
pub(crate) use live_status::LiveStatus;
pub(crate) use monitors::monitors;
pub(crate) use overview::Overview;
pub(crate) use overview_row::OverviewRow;
pub(crate) use paste_panel::PastePanel;
pub(crate) use progress_bar::progress_bar;
pub(crate) use result_area::ResultArea;
pub(crate) use state_badge::state_badge;
pub(crate) use time_text::time_text;
pub(crate) use what_changed::what_changed;
