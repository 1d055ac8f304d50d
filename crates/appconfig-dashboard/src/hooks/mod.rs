//! Data hooks and browser glue: the components below them only render.

mod use_deployment;
mod use_embed_bridge;
mod use_environment;
mod use_history;
mod use_notify;
mod use_now;
mod use_overview;
mod use_paged;
mod use_sim_info;
mod use_tab_status;

pub use use_deployment::{use_deployment, DeploymentData, DeploymentRequest, REFRESH_MS};
pub use use_embed_bridge::use_embed_bridge;
pub use use_environment::{use_environment, EnvironmentInfo};
pub use use_history::use_history;
pub use use_notify::use_notify;
pub use use_now::use_now;
pub use use_overview::{
    use_overview, OverviewAction, OverviewData, OverviewRow, MAX_IN_FLIGHT, RUNNING_MS, SETTLED_MS,
};
pub use use_paged::{use_paged, PageFetch, Paged};
pub use use_sim_info::use_sim_info;
pub use use_tab_status::{state_colour, tab_status, use_tab_status, TabStatus};
