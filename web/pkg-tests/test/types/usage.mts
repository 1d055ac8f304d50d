// Compiled by types.test.mjs with `tsc --noEmit --strict`: the whole public API, and our types
// against the AWS SDK's. Lines marked @ts-expect-error must fail to compile.
import {
  AppConfigClient,
  signRequest,
  parseGetDeploymentResponse,
  AppConfigError,
  AppConfigServiceException,
  ResourceNotFoundException,
  BadRequestException,
  NetworkError,
  TimeoutError,
  AbortError,
  ValidationError,
  WaiterError,
  WaiterState,
  waitUntilDeploymentComplete,
  waitForEnvironmentReadyForDeployment,
  type GetDeploymentInput,
  type GetDeploymentOutput,
  type GetHostedConfigurationVersionInput,
  type GetHostedConfigurationVersionOutput,
  type ListHostedConfigurationVersionsInput,
  type ListDeploymentsOutput,
  type Timeline,
  type AwsCredentials,
} from "appconfig-wasm";
import { deploymentTimeline, type TimelineStep } from "appconfig-wasm/timeline";
import type {
  GetDeploymentCommandInput,
  GetDeploymentCommandOutput,
  ListApplicationsCommandInput,
  ListApplicationsCommandOutput,
  ListEnvironmentsCommandOutput,
  ListDeploymentsCommandInput,
  ListDeploymentsCommandOutput,
  GetDeploymentStrategyCommandOutput,
  StopDeploymentCommandInput,
  StopDeploymentCommandOutput,
  GetEnvironmentCommandOutput,
  GetApplicationCommandOutput,
  GetHostedConfigurationVersionCommandInput,
  GetHostedConfigurationVersionCommandOutput,
  ListHostedConfigurationVersionsCommandInput,
  ListHostedConfigurationVersionsCommandOutput,
  Deployment as SdkDeployment,
} from "@aws-sdk/client-appconfig";

const provider = async (): Promise<AwsCredentials> => ({
  accessKeyId: "AKID",
  secretAccessKey: "SECRET",
  sessionToken: "TOKEN",
  expiration: new Date(),
});
const client = new AppConfigClient({
  region: "us-east-1",
  credentials: provider,
  endpoint: "http://127.0.0.1:4010",
  useFipsEndpoint: false,
  useDualstackEndpoint: false,
  maxAttempts: 3,
  requestTimeoutMs: 5000,
});
new AppConfigClient({ region: "eu-west-1", proxy: "https://portal.example/appconfig", credentials: { accessKeyId: "a", secretAccessKey: "b" } });
new AppConfigClient({ region: "eu-west-1", gateway: "https://gw.example", account: "prod" });
new AppConfigClient({ region: "eu-west-1", gateway: "https://gw.example", account: "prod", gatewayToken: "t" });
new AppConfigClient({ region: "eu-west-1", gateway: "https://gw.example", account: "prod", gatewayToken: async () => "t" });

// Our input is the SDK's input.
const input: GetDeploymentInput = { ApplicationId: "a", EnvironmentId: "e", DeploymentNumber: 1 };
const sdkInput: GetDeploymentCommandInput = input;
const listInput: ListApplicationsCommandInput = { MaxResults: 5 };
const listDeploymentsInput: ListDeploymentsCommandInput = { ApplicationId: "a", EnvironmentId: "e" };

// Code written against the SDK's output types.
function sdkStyle(out: GetDeploymentCommandOutput): string {
  const started: Date | undefined = out.StartedAt;
  const events = out.EventLog?.map((e) => `${e.EventType} ${e.OccurredAt?.toISOString()} ${e.ActionInvocations?.[0]?.ErrorCode}`);
  return `${out.$metadata.requestId} ${out.$metadata.attempts} ${out.State} ${started?.getTime()} ${events} ${out.AppliedExtensions?.[0]?.Parameters?.["k"]}`;
}
function sdkDeployment(d: SdkDeployment): number | undefined {
  return d.PercentageComplete;
}

async function main(signal: AbortSignal): Promise<void> {
  const out: GetDeploymentOutput = await client.getDeployment(input, { abortSignal: signal });
  const asSdk: GetDeploymentCommandOutput = out;
  sdkStyle(out);
  sdkDeployment(out);
  await client.getDeployment(sdkInput as GetDeploymentInput);
  const apps: ListApplicationsCommandOutput = await client.listApplications(listInput);
  await client.listApplications();
  const envs: ListEnvironmentsCommandOutput = await client.listEnvironments({ ApplicationId: "a", MaxResults: 10, NextToken: apps.NextToken });
  const deps: ListDeploymentsCommandOutput = await client.listDeployments({ ...listDeploymentsInput, ApplicationId: "a", EnvironmentId: "e" });
  const ours: ListDeploymentsOutput = deps as ListDeploymentsOutput;
  const strat: GetDeploymentStrategyCommandOutput = await client.getDeploymentStrategy({ DeploymentStrategyId: "AppConfig.AllAtOnce" });
  const hostedInput: GetHostedConfigurationVersionInput = { ApplicationId: "a", ConfigurationProfileId: "p", VersionNumber: 3 };
  const sdkHostedInput: GetHostedConfigurationVersionCommandInput = hostedInput;
  const version: GetHostedConfigurationVersionOutput = await client.getHostedConfigurationVersion(hostedInput);
  const sdkVersion: GetHostedConfigurationVersionCommandOutput = version;
  const bytes: Uint8Array | undefined = sdkVersion.Content;
  const text: string = new TextDecoder().decode(version.Content) + version.Content?.transformToString("base64");
  const listHostedInput: ListHostedConfigurationVersionsInput = { ApplicationId: "a", ConfigurationProfileId: "p", VersionLabel: "v2*" };
  const sdkListHostedInput: ListHostedConfigurationVersionsCommandInput = listHostedInput;
  const versions: ListHostedConfigurationVersionsCommandOutput = await client.listHostedConfigurationVersions({ ...listHostedInput, MaxResults: 5 });
  const labels = versions.Items?.map((v) => `${v.VersionNumber} ${v.VersionLabel} ${v.ContentType}`);
  void [sdkHostedInput, bytes, text, sdkListHostedInput, labels];
  const t: Timeline = deploymentTimeline(out, { now: new Date() });
  const percent: number | undefined = t.chart.at(-1)?.percentage;
  const at: Date | null = t.projection?.completesAt ?? null;
  const late: boolean = t.steps.some((step: TimelineStep) => step.overdue && (step.tookMs ?? 0) > (step.plannedMs ?? 0));
  const basis: "plan" | "observed" | undefined = t.projection?.basis;
  deploymentTimeline(asSdk);
  const headers: Record<string, string> = signRequest(
    { method: "POST", url: new URL("https://sts.amazonaws.com/"), headers: { "content-type": "application/x-www-form-urlencoded" }, body: "Action=GetCallerIdentity&Version=2011-06-15" },
    { region: "us-east-1", service: "sts", credentials: { accessKeyId: "a", secretAccessKey: "b" }, signingDate: new Date() },
  );
  const parsed: GetDeploymentCommandOutput = parseGetDeploymentResponse({ statusCode: 200, headers: { "x-amzn-requestid": "r" }, body: new Uint8Array() });
  client.destroy();
  void [envs, ours, strat, percent, at, late, basis, headers, parsed];
}

async function errors(): Promise<string> {
  try {
    await client.getDeployment(input);
  } catch (e) {
    if (e instanceof ResourceNotFoundException) return `${e.ResourceName} ${e.$fault} ${e.$metadata.httpStatusCode}`;
    if (e instanceof BadRequestException) return `${e.Reason} ${e.Details?.InvalidConfiguration?.[0]?.Constraint}`;
    if (e instanceof AppConfigServiceException) return `${e.name} ${e.Message} ${e.message}`;
    if (e instanceof NetworkError) return `${e.corsSuspected}`;
    if (e instanceof TimeoutError || e instanceof AbortError || e instanceof ValidationError) return e.name;
    if (e instanceof AppConfigError) return `${e.$metadata.attempts}`;
  }
  return "";
}

// @ts-expect-error VersionNumber is a number
client.getHostedConfigurationVersion({ ApplicationId: "a", ConfigurationProfileId: "p", VersionNumber: "3" });
// @ts-expect-error DeploymentNumber is a number
client.getDeployment({ ApplicationId: "a", EnvironmentId: "e", DeploymentNumber: "1" });
// @ts-expect-error EnvironmentId is required
client.getDeployment({ ApplicationId: "a", DeploymentNumber: 1 });
// In Node, region and credentials may come from the environment and ~/.aws (the SDK's defaults).
new AppConfigClient({ region: "us-east-1" });
// @ts-expect-error credentials are credentials or a provider
new AppConfigClient({ region: "us-east-1", credentials: "AKID:SECRET" });

async function newOperations(): Promise<number> {
  const stopIn = { ApplicationId: "a", EnvironmentId: "e", DeploymentNumber: 1, AllowRevert: true };
  const sdkStopIn: StopDeploymentCommandInput = stopIn;
  const stopped = await client.stopDeployment(stopIn);
  const sdkStopped: StopDeploymentCommandOutput = stopped;
  const env: GetEnvironmentCommandOutput = await client.getEnvironment({ ApplicationId: "a", EnvironmentId: "e" });
  const app: GetApplicationCommandOutput = await client.getApplication({ ApplicationId: "a" });
  const offset: number = client.clockOffset;
  const corrected: number | undefined = stopped.$metadata.clockCorrection;
  const done = await waitUntilDeploymentComplete(
    { client, maxWaitTime: 600, minDelay: 5, onProgress: (d, t) => void [d.PercentageComplete, t.projection?.completesAt] },
    { ApplicationId: "a", EnvironmentId: "e", DeploymentNumber: 1 },
  ).catch((e: unknown) => (e instanceof WaiterError ? { state: e.state } : { state: WaiterState.TIMEOUT }));
  const ready = await waitForEnvironmentReadyForDeployment({ client, maxWaitTime: 60 }, { ApplicationId: "a", EnvironmentId: "e" });
  return [env.State, app.Name, done.state, ready.state, sdkStopIn, sdkStopped].length + offset + (corrected ?? 0);
}
// @ts-expect-error State is a known value, not any string
const s: GetDeploymentOutput = { $metadata: {}, State: "NOPE" };

void [main, errors, s, newOperations];
