//! A local AWS AppConfig-compatible simulator, faithful enough that the AWS SDKs cannot tell it
//! from AppConfig for the calls it serves, and a CORS proxy to the real service.
//!
//! - Every AWS-path request must carry a valid SigV4 signature, verified by recomputing it with
//!   the core's [`appconfig_core::sign`].
//! - Deployments progress in real time by the core's progression model
//!   ([`appconfig_core::plan`]), `speed` times faster. Timestamps stay real: at
//!   `--speed 60` a 15-minute strategy's events are stamped over 15 real seconds, while
//!   `DeploymentDurationInMinutes` still says 15. Signature checks and the `Date` header follow
//!   the real clock (shifted by `--skew-seconds`): an SDK that corrects its clock from `Date`
//!   (the JavaScript SDK does) would otherwise sign in the simulated future.
//!
//! ```no_run
//! # async fn demo() -> Result<(), appconfig_sim::SimError> {
//! let server = appconfig_sim::Server::start(appconfig_sim::Config::for_tests()).await?;
//! println!("listening on {}", server.url());
//! server.shutdown().await;
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

pub mod api;
pub mod auth;
pub mod awserror;
pub mod clock;
pub mod config;
mod error;
pub mod proxy;
pub mod seed;
pub mod server;
pub mod store;

pub use awserror::ApiError;
pub use clock::Clock;
pub use config::{
    parse_args, Command, Config, Key, Mode, DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY,
};
pub use error::SimError;
pub use server::{Server, ServerHandle};
