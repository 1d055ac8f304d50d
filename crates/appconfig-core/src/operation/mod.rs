//! AppConfig's operations: what each takes, how it validates, which request it becomes, and what
//! it answers.

mod config;
mod hosted;
mod inputs;

use serde::de::DeserializeOwned;

use crate::{Error, HttpResponse};

pub use config::{ClientConfig, Target, TargetMode, UPSTREAM_HOST_HEADER};
pub use hosted::{
    GetConfigurationProfileInput, GetHostedConfigurationVersionInput,
    ListHostedConfigurationVersionsInput, HOSTED_CONFIGURATION_VERSION_HEADERS,
};
pub use inputs::{
    GetApplicationInput, GetDeploymentInput, GetDeploymentStrategyInput, GetEnvironmentInput,
    ListApplicationsInput, ListDeploymentsInput, ListEnvironmentsInput, StopDeploymentInput,
};

/// The SigV4 service name of AppConfig.
pub const SERVICE: &str = "appconfig";

/// An AppConfig operation: how to build its request and what its output is.
pub trait Operation {
    /// The output shape.
    type Output: OperationOutput;
    /// The operation name as AWS spells it (`GetDeployment`).
    const NAME: &'static str;
    /// The HTTP method.
    const METHOD: &'static str = "GET";

    /// Checks the input against the model's rules.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the member and the rule.
    fn validate(&self) -> Result<(), Error>;

    /// The path and query (`/applications/a%2Fb/environments?max_results=5`), input already valid.
    fn path_and_query(&self) -> String;

    /// Headers the input is bound to (`Allow-Revert: true`), lower-case names; none by default.
    fn headers(&self) -> Vec<(String, String)> {
        Vec::new()
    }
}

/// How an operation's output is read from a 2xx response: the body as JSON for nearly every
/// output; the body as raw bytes and the other members from headers for a blob payload
/// (`HostedConfigurationVersion`). [`crate::parse_response`] and the transports call this, so
/// each output is read in one place.
pub trait OperationOutput: Sized {
    /// Reads the output from a 2xx response.
    ///
    /// # Errors
    /// [`Error::MalformedResponse`] naming what is wrong.
    fn from_response(response: &HttpResponse) -> Result<Self, Error>;

    /// Reads the output as [`OperationOutput::from_response`] does, a JSON body with the core's
    /// own reader ([`crate::json_tree`]) instead of serde_json: the same bodies accepted, the
    /// same errors, a fraction of the code in a wasm (the browser transport calls this).
    ///
    /// # Errors
    /// [`Error::MalformedResponse`] naming what is wrong.
    fn read_response(response: &HttpResponse) -> Result<Self, Error> {
        Self::from_response(response)
    }
}

impl<T: DeserializeOwned + crate::json_tree::FromJson> OperationOutput for T {
    fn from_response(response: &HttpResponse) -> Result<Self, Error> {
        crate::json::parse_json_body(response.status, &response.body)
    }

    fn read_response(response: &HttpResponse) -> Result<Self, Error> {
        crate::json_tree::read_json_body(response.status, &response.body)
    }
}

/// Everything but the unreserved characters of RFC 3986 (`A-Z a-z 0-9 - . _ ~`), as botocore's
/// `percent_encode` and the JavaScript SDK's `extendedEncodeURIComponent` encode labels and queries.
const ENCODE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes a path label or query value the way AWS does.
pub fn encode_label(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, ENCODE).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_encoded_like_botocore() {
        assert_eq!(encode_label("my app/prod"), "my%20app%2Fprod");
        assert_eq!(encode_label("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(encode_label("é+="), "%C3%A9%2B%3D");
    }
}
