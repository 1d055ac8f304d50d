//! Data hooks and browser glue: the components below them only render.

mod page;
mod use_alarms;
mod use_deployment;
mod use_embed_bridge;
mod use_environment;
mod use_live;
mod use_notify;
mod use_now;
mod use_overview;
mod use_paged;
mod use_sim_info;
mod use_tab_status;
mod use_what_changed;
mod use_width;

pub(crate) use page::{use_history, use_host_status, use_page_effects, Page};
pub(crate) use use_alarms::use_alarms;
pub(crate) use use_deployment::DeploymentData;
pub(crate) use use_embed_bridge::use_embed_bridge;
pub(crate) use use_environment::EnvironmentInfo;
pub(crate) use use_live::{use_live, LiveTarget};
pub(crate) use use_notify::use_notify;
pub(crate) use use_now::use_now;
pub(crate) use use_overview::use_overview;
pub(crate) use use_overview::version_text;
pub use use_overview::OverviewEntry;
pub(crate) use use_paged::{erased, use_paged, Paged};
pub(crate) use use_sim_info::use_sim_info;
pub(crate) use use_tab_status::tab_status;
pub(crate) use use_what_changed::use_what_changed;
pub(crate) use use_width::use_width;
