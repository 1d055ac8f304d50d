//! Sans-IO AWS AppConfig `GetDeployment`: the model, input validation, endpoints, SigV4 signing,
//! response and error parsing, retry decisions and a deployment timeline.
//!
//! The crate never reads the clock or the network: time is a parameter and a transport of your
//! choice sends the [`HttpRequest`] it builds. It compiles unchanged for `wasm32-unknown-unknown`.
//!
//! ```
//! use appconfig_core::{ClientConfig, Credentials, DateTime, GetDeploymentInput, HttpResponse, parse_response, timeline};
//!
//! let target = ClientConfig { region: Some("us-east-1".into()), ..Default::default() }.resolve()?;
//! let creds = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None);
//! let now = DateTime::parse("2021-09-17T22:00:00Z").unwrap();
//! let input = GetDeploymentInput { application_id: "339ohji".into(), environment_id: "54j1r29".into(), deployment_number: 1 };
//! let request = target.build_request(&input, &creds, now.to_system_time())?;
//! assert_eq!(request.url, "https://appconfig.us-east-1.amazonaws.com/applications/339ohji/environments/54j1r29/deployments/1");
//!
//! // ... a transport sends `request` and gets back:
//! let response = HttpResponse { status: 200, headers: vec![], body: br#"{"State":"DEPLOYING","GrowthType":"LINEAR","GrowthFactor":25,"DeploymentDurationInMinutes":15,"StartedAt":"2021-09-17T21:43:54Z"}"#.to_vec() };
//! let deployment = parse_response::<GetDeploymentInput>(&response)?;
//! let t = timeline(&deployment, Some(now));
//! assert!(t.projection.unwrap().estimate);
//! # Ok::<(), appconfig_core::Error>(())
//! ```

#![warn(missing_docs)]

#[macro_use]
mod de;

pub mod datetime;
pub mod endpoint;
pub mod error;
pub mod model;
pub mod operation;
pub mod response;
pub mod retry;
pub mod sign;
pub mod timeline;

pub use datetime::DateTime;
pub use endpoint::{resolve_endpoint, EndpointParams};
pub use error::{Error, Fault, InputRule, ServiceError};
pub use model::*;
pub use operation::{
    encode_label, parse_deployment_number, ClientConfig, GetDeploymentInput,
    GetDeploymentStrategyInput, ListApplicationsInput, ListDeploymentsInput, ListEnvironmentsInput,
    Operation, Target, SERVICE,
};
pub use response::{parse_error, parse_response, HttpResponse};
pub use retry::{RetryDecision, RetryPolicy, TransportFailure};
pub use sign::{sign, Credentials, HttpRequest, SignedHeaders, SigningOptions};
pub use timeline::{timeline, Timeline};
