#![doc = include_str!("../README.md")]

// The layers, bottom up; each module uses only those above it in this list:
//   de, strings         serde helpers; quoting and byte search (lean in wasm)
//   datetime, url       timestamps, URLs
//   error               the crate's one error type, AWS error classification
//   json, http          JSON bodies into model types; plain requests and responses
//   error_body          AWS error responses read from their parts (any JSON parser)
//   model               the AppConfig shapes
//   validate            the model's rules for input members
//   endpoint, sign      region -> URL; SigV4
//   operation           inputs, paths, the client configuration and signed requests
//   response, retry     outputs and AWS errors from responses; retry and clock-skew decisions
//   shape               the outputs' wire shapes as data (for hosts that parse JSON themselves)
//   timeline            steps, bake, rollback and projections of a deployment

#[macro_use]
mod de;

mod datetime;
mod endpoint;
mod error;
mod error_body;
mod http;
mod json;
mod model;
mod operation;
mod response;
mod retry;
mod retry_after;
pub mod shape;
mod sign;
mod strings;
mod timeline;
mod url;
pub mod validate;
mod xml_error;

pub use datetime::DateTime;
pub use endpoint::{resolve_endpoint, EndpointParams, KNOWN_REGIONS};
pub use error::{
    BadRequestDetails, ConfigField, Error, ErrorCategory, Fault, InputRule,
    InvalidConfigurationDetail, ServiceError, SigningField, CLOCK_SKEW_THRESHOLD_MS,
};
pub use error_body::{service_error_from_parts, ErrorBody, NoMembers};
pub use http::{HttpRequest, HttpResponse};
pub use json::parse_json_body;
pub use model::{
    ActionInvocation, Application, Applications, AppliedExtension, Deployment, DeploymentEvent,
    DeploymentEventType, DeploymentState, DeploymentStrategies, DeploymentStrategy,
    DeploymentSummary, DeploymentType, Deployments, Environment, EnvironmentState,
    EnvironmentStateKind, Environments, GrowthType, Monitor, ReplicateTo, TriggeredBy,
};
pub use operation::{
    encode_label, ClientConfig, GetApplicationInput, GetDeploymentInput,
    GetDeploymentStrategyInput, GetEnvironmentInput, ListApplicationsInput, ListDeploymentsInput,
    ListEnvironmentsInput, Operation, StopDeploymentInput, Target, TargetMode, SERVICE,
    UPSTREAM_HOST_HEADER,
};
pub use response::{parse_error, parse_response};
pub use retry::{
    clock_skew_offset, Failure, RetryDecision, RetryPolicy, TransportFailure,
    MAX_CLOCK_CORRECTION_MS,
};
pub use retry_after::retry_after_ms;
pub use sign::{canonical_request, sign, Credentials, SignedHeaders, Signer, SigningOptions};
pub use timeline::{
    cadence_text, describe_strategy, format_duration, parse_percentage, percentage_description,
    plan, step_percentages, summary_progress, timeline, triggered_by_text, Bake, ChartPoint,
    EstimateBasis, Plan, PlannedStep, ProjectedStep, Projection, Rollback, Step, StrategyParams,
    SummaryProgress, Timeline, TimelineEntry, MIN_OVERDUE_MS,
};
pub use url::UrlError;
pub use validate::parse_deployment_number;
