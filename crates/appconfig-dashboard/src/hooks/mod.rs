//! Data hooks: the components below them only render.

mod use_deployment;
mod use_now;
mod use_paged;

pub use use_deployment::{use_deployment, DeploymentData, DeploymentRequest, REFRESH_MS};
pub use use_now::use_now;
pub use use_paged::{use_paged, PageFetch, Paged};
