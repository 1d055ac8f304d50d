// Generated from appconfig_core::shape by crates/appconfig-js/tests/shapes.rs: do not edit.
// Member codes: s string, i 32-bit integer, n number, t timestamp, m map of strings,
// a shape name for a structure, [Shape] for a list of them.
const SHAPES = {
  Deployment: { ApplicationId: "s", EnvironmentId: "s", DeploymentStrategyId: "s", ConfigurationProfileId: "s", DeploymentNumber: "i", ConfigurationName: "s", ConfigurationLocationUri: "s", ConfigurationVersion: "s", Description: "s", DeploymentDurationInMinutes: "i", GrowthType: "s", GrowthFactor: "n", FinalBakeTimeInMinutes: "i", State: "s", EventLog: "[DeploymentEvent]", PercentageComplete: "n", StartedAt: "t", CompletedAt: "t", AppliedExtensions: "[AppliedExtension]", KmsKeyArn: "s", KmsKeyIdentifier: "s", VersionLabel: "s" },
  DeploymentEvent: { EventType: "s", TriggeredBy: "s", Description: "s", ActionInvocations: "[ActionInvocation]", OccurredAt: "t" },
  ActionInvocation: { ExtensionIdentifier: "s", ActionName: "s", Uri: "s", RoleArn: "s", ErrorMessage: "s", ErrorCode: "s", InvocationId: "s" },
  AppliedExtension: { ExtensionId: "s", ExtensionAssociationId: "s", VersionNumber: "i", Parameters: "m" },
  Application: { Id: "s", Name: "s", Description: "s" },
  Applications: { Items: "[Application]", NextToken: "s" },
  Monitor: { AlarmArn: "s", AlarmRoleArn: "s" },
  Environment: { ApplicationId: "s", Id: "s", Name: "s", Description: "s", State: "s", Monitors: "[Monitor]" },
  Environments: { Items: "[Environment]", NextToken: "s" },
  DeploymentSummary: { DeploymentNumber: "i", ConfigurationProfileId: "s", ConfigurationName: "s", ConfigurationVersion: "s", DeploymentDurationInMinutes: "i", GrowthType: "s", GrowthFactor: "n", FinalBakeTimeInMinutes: "i", State: "s", PercentageComplete: "n", StartedAt: "t", CompletedAt: "t", VersionLabel: "s", Type: "s" },
  Deployments: { Items: "[DeploymentSummary]", NextToken: "s" },
  DeploymentStrategy: { Id: "s", Name: "s", Description: "s", DeploymentDurationInMinutes: "i", GrowthType: "s", GrowthFactor: "n", FinalBakeTimeInMinutes: "i", ReplicateTo: "s" },
  HostedConfigurationVersionSummary: { ApplicationId: "s", ConfigurationProfileId: "s", VersionNumber: "i", Description: "s", ContentType: "s", VersionLabel: "s", KmsKeyArn: "s" },
  HostedConfigurationVersions: { Items: "[HostedConfigurationVersionSummary]", NextToken: "s" },
};
const OUTPUT_SHAPES = {
  GetDeployment: "Deployment",
  StopDeployment: "Deployment",
  ListDeployments: "Deployments",
  GetApplication: "Application",
  ListApplications: "Applications",
  GetEnvironment: "Environment",
  ListEnvironments: "Environments",
  GetDeploymentStrategy: "DeploymentStrategy",
  ListHostedConfigurationVersions: "HostedConfigurationVersions",
};
const HOSTED_HEADERS = [["ApplicationId", "Application-Id", "s"], ["ConfigurationProfileId", "Configuration-Profile-Id", "s"], ["VersionNumber", "Version-Number", "i"], ["Description", "Description", "s"], ["ContentType", "Content-Type", "s"], ["VersionLabel", "VersionLabel", "s"], ["KmsKeyArn", "KmsKeyArn", "s"]];
