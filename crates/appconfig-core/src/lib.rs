#![doc = include_str!("../README.md")]

// The layers, bottom up; each module uses only those above it in this list:
//   de, strings         serde helpers; quoting and byte search (lean in wasm)
//   decimal             decimal text to f64 without std's float parser (lean in wasm)
//   datetime, url       timestamps, URLs
//   error               the crate's one error type, AWS error classification
//   json, http          JSON bodies into model types; plain requests and responses
//   json_tree           the same without serde: the core's own JSON parser and readers
//   error_body          AWS error responses read from their parts (any JSON parser)
//   model               the AppConfig shapes
//   validate            the model's rules for input members
//   endpoint, sign      region -> URL; SigV4
//   operation           inputs, paths, the client configuration and signed requests
//   cloudwatch          the alarms that guard a rollout: DescribeAlarms, DescribeAlarmHistory
//   response, retry     outputs and AWS errors from responses; retry and clock-skew decisions
//   retry_after         a server's Retry-After, bounded (re-exported by `retry`)
//   shape               the outputs' wire shapes as data (for hosts that parse JSON themselves)
//   timeline            steps, bake, rollback and projections of a deployment
//   diff                what a deployment changes: the two configuration versions compared
//
// The public API is one module per concern (the map at the top of README.md); each module's own
// `pub use` chooses what it shows. The root re-exports only the few names nearly every caller
// needs.

#[macro_use]
mod de;

pub mod cloudwatch;
mod datetime;
mod decimal;
pub mod diff;
pub mod endpoint;
pub mod error;
mod error_body;
pub mod http;
mod json;
pub mod json_tree;
pub mod model;
pub mod operation;
pub mod response;
pub mod retry;
mod retry_after;
pub mod shape;
pub mod sign;
mod strings;
pub mod timeline;
mod url;
pub mod validate;
mod xml_error;

pub use datetime::DateTime;
pub use error::Error;
pub use http::{HttpRequest, HttpResponse};
pub use model::{Deployment, DeploymentState};
pub use operation::{ClientConfig, GetDeploymentInput};
pub use response::parse_response;
pub use sign::{sign, Credentials};
pub use timeline::{timeline, Timeline};
