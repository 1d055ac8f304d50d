//! The wire shapes of the operations' outputs, as data, for clients that parse JSON with their
//! host's own parser and validate the result themselves: the npm package runs `JSON.parse` and a
//! validating walk driven by this table, so the body never crosses into wasm. The table is
//! checked against the model's `Deserialize` impls by `tests/shapes.rs` (every member of every
//! structure, its wire name and its type), so the two readers accept the same bodies.

use crate::operation::{
    GetApplicationInput, GetDeploymentInput, GetDeploymentStrategyInput, GetEnvironmentInput,
    ListApplicationsInput, ListDeploymentsInput, ListEnvironmentsInput,
    ListHostedConfigurationVersionsInput, Operation, StopDeploymentInput,
};

/// The type of one member, as the model has it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MemberType {
    /// A string, or a string enum (any value: unknown values are kept).
    String,
    /// A whole number that fits in 32 bits (`integer` in the model).
    Integer,
    /// Any number (`float` in the model).
    Double,
    /// An ISO 8601 timestamp string with an offset, or epoch seconds.
    Timestamp,
    /// A map of strings to strings.
    StringMap,
    /// A structure, by shape name.
    Structure(&'static str),
    /// A list of structures, by shape name.
    List(&'static str),
}

impl MemberType {
    /// The one-word code the JavaScript table uses: `s`, `i`, `n`, `t`, `m`, a shape name, or
    /// `[Shape]` for a list.
    pub fn code(&self) -> String {
        match self {
            MemberType::String => "s".into(),
            MemberType::Integer => "i".into(),
            MemberType::Double => "n".into(),
            MemberType::Timestamp => "t".into(),
            MemberType::StringMap => "m".into(),
            MemberType::Structure(s) => (*s).into(),
            MemberType::List(s) => format!("[{s}]"),
        }
    }
}

/// A structure: its name as the model spells it and its members' wire names and types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    /// The structure's name (`DeploymentEvent`).
    pub name: &'static str,
    /// Members, in model order.
    pub members: &'static [(&'static str, MemberType)],
}

use MemberType::{Double as N, Integer as I, String as S, Timestamp as T};

/// Every structure the outputs contain.
pub const SHAPES: &[Shape] = &[
    Shape {
        name: "Deployment",
        members: &[
            ("ApplicationId", S),
            ("EnvironmentId", S),
            ("DeploymentStrategyId", S),
            ("ConfigurationProfileId", S),
            ("DeploymentNumber", I),
            ("ConfigurationName", S),
            ("ConfigurationLocationUri", S),
            ("ConfigurationVersion", S),
            ("Description", S),
            ("DeploymentDurationInMinutes", I),
            ("GrowthType", S),
            ("GrowthFactor", N),
            ("FinalBakeTimeInMinutes", I),
            ("State", S),
            ("EventLog", MemberType::List("DeploymentEvent")),
            ("PercentageComplete", N),
            ("StartedAt", T),
            ("CompletedAt", T),
            ("AppliedExtensions", MemberType::List("AppliedExtension")),
            ("KmsKeyArn", S),
            ("KmsKeyIdentifier", S),
            ("VersionLabel", S),
        ],
    },
    Shape {
        name: "DeploymentEvent",
        members: &[
            ("EventType", S),
            ("TriggeredBy", S),
            ("Description", S),
            ("ActionInvocations", MemberType::List("ActionInvocation")),
            ("OccurredAt", T),
        ],
    },
    Shape {
        name: "ActionInvocation",
        members: &[
            ("ExtensionIdentifier", S),
            ("ActionName", S),
            ("Uri", S),
            ("RoleArn", S),
            ("ErrorMessage", S),
            ("ErrorCode", S),
            ("InvocationId", S),
        ],
    },
    Shape {
        name: "AppliedExtension",
        members: &[
            ("ExtensionId", S),
            ("ExtensionAssociationId", S),
            ("VersionNumber", I),
            ("Parameters", MemberType::StringMap),
        ],
    },
    Shape {
        name: "Application",
        members: &[("Id", S), ("Name", S), ("Description", S)],
    },
    Shape {
        name: "Applications",
        members: &[("Items", MemberType::List("Application")), ("NextToken", S)],
    },
    Shape {
        name: "Monitor",
        members: &[("AlarmArn", S), ("AlarmRoleArn", S)],
    },
    Shape {
        name: "Environment",
        members: &[
            ("ApplicationId", S),
            ("Id", S),
            ("Name", S),
            ("Description", S),
            ("State", S),
            ("Monitors", MemberType::List("Monitor")),
        ],
    },
    Shape {
        name: "Environments",
        members: &[("Items", MemberType::List("Environment")), ("NextToken", S)],
    },
    Shape {
        name: "DeploymentSummary",
        members: &[
            ("DeploymentNumber", I),
            ("ConfigurationProfileId", S),
            ("ConfigurationName", S),
            ("ConfigurationVersion", S),
            ("DeploymentDurationInMinutes", I),
            ("GrowthType", S),
            ("GrowthFactor", N),
            ("FinalBakeTimeInMinutes", I),
            ("State", S),
            ("PercentageComplete", N),
            ("StartedAt", T),
            ("CompletedAt", T),
            ("VersionLabel", S),
            ("Type", S),
        ],
    },
    Shape {
        name: "Deployments",
        members: &[
            ("Items", MemberType::List("DeploymentSummary")),
            ("NextToken", S),
        ],
    },
    Shape {
        name: "DeploymentStrategy",
        members: &[
            ("Id", S),
            ("Name", S),
            ("Description", S),
            ("DeploymentDurationInMinutes", I),
            ("GrowthType", S),
            ("GrowthFactor", N),
            ("FinalBakeTimeInMinutes", I),
            ("ReplicateTo", S),
        ],
    },
    Shape {
        name: "HostedConfigurationVersionSummary",
        members: &[
            ("ApplicationId", S),
            ("ConfigurationProfileId", S),
            ("VersionNumber", I),
            ("Description", S),
            ("ContentType", S),
            ("VersionLabel", S),
            ("KmsKeyArn", S),
        ],
    },
    Shape {
        name: "HostedConfigurationVersions",
        members: &[
            (
                "Items",
                MemberType::List("HostedConfigurationVersionSummary"),
            ),
            ("NextToken", S),
        ],
    },
];

/// The shape named `name`.
pub fn shape(name: &str) -> Option<&'static Shape> {
    SHAPES.iter().find(|s| s.name == name)
}

/// `GetHostedConfigurationVersion`'s header members: (member, header, type code).
pub use crate::operation::HOSTED_CONFIGURATION_VERSION_HEADERS;

/// Each operation the clients call with a JSON output and the shape of that output
/// (`GetHostedConfigurationVersion`'s output is its body and headers, not JSON; the package does
/// not call `GetConfigurationProfile`).
pub const OPERATION_OUTPUTS: &[(&str, &str)] = &[
    (GetDeploymentInput::NAME, "Deployment"),
    (StopDeploymentInput::NAME, "Deployment"),
    (ListDeploymentsInput::NAME, "Deployments"),
    (GetApplicationInput::NAME, "Application"),
    (ListApplicationsInput::NAME, "Applications"),
    (GetEnvironmentInput::NAME, "Environment"),
    (ListEnvironmentsInput::NAME, "Environments"),
    (GetDeploymentStrategyInput::NAME, "DeploymentStrategy"),
    (
        ListHostedConfigurationVersionsInput::NAME,
        "HostedConfigurationVersions",
    ),
];
