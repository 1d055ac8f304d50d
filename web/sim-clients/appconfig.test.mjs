// The AWS SDK for JavaScript v3 (@aws-sdk/client-appconfig, pinned) against appconfig-sim.
// SIM_URL is the simulator's base URL (run.sh starts it with --speed 60).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  AppConfigClient,
  GetApplicationCommand,
  GetDeploymentCommand,
  GetDeploymentStrategyCommand,
  GetEnvironmentCommand,
  GetConfigurationProfileCommand,
  GetHostedConfigurationVersionCommand,
  ListHostedConfigurationVersionsCommand,
  ListApplicationsCommand,
  ListDeploymentsCommand,
  ListDeploymentStrategiesCommand,
  ListEnvironmentsCommand,
  StartDeploymentCommand,
  StopDeploymentCommand,
  ResourceNotFoundException,
  ConflictException,
  BadRequestException,
  paginateListApplications,
  paginateListDeployments,
  paginateListDeploymentStrategies,
  paginateListEnvironments,
  waitUntilDeploymentComplete,
} from "@aws-sdk/client-appconfig";

const endpoint = process.env.SIM_URL;
assert.ok(endpoint, "SIM_URL must be set");
const DEMO = { accessKeyId: "AKIDAPPCONFIGSIMDEMO", secretAccessKey: "appconfig-sim-demo-secret-key" };

function client(credentials = DEMO) {
  return new AppConfigClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
}
const c = client();

async function rejectsWith(promise, name, status) {
  try {
    await promise;
  } catch (e) {
    assert.equal(e.name, name, `${e.name}: ${e.message}`);
    assert.equal(e.$metadata.httpStatusCode, status);
    assert.match(e.$metadata.requestId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    return e;
  }
  assert.fail(`expected ${name}`);
}

async function collect(paginator) {
  const out = [];
  for await (const page of paginator) out.push(...(page.Items ?? []));
  return out;
}

test("ListApplications and its paginator, GetApplication by id and name", async () => {
  const r = await c.send(new ListApplicationsCommand({}));
  assert.deepEqual(r.Items.map((a) => a.Id), ["339ohji", "pay0001", "web0001"]);
  const paged = await collect(paginateListApplications({ client: c, pageSize: 1 }, {}));
  assert.deepEqual(paged.map((a) => a.Id), ["339ohji", "pay0001", "web0001"]);
  const a = await c.send(new GetApplicationCommand({ ApplicationId: "payments-service" }));
  assert.equal(a.Id, "pay0001");
  assert.equal(a.Name, "payments-service");
});

test("ListEnvironments, GetEnvironment", async () => {
  const envs = await collect(paginateListEnvironments({ client: c, pageSize: 1 }, { ApplicationId: "pay0001" }));
  assert.deepEqual(envs.map((e) => e.Id), ["prd0001", "stg0001"]);
  assert.match(envs[0].Monitors[0].AlarmArn, /^arn:aws:cloudwatch:/);
  const e = await c.send(new GetEnvironmentCommand({ ApplicationId: "pay0001", EnvironmentId: "staging" }));
  assert.equal(e.Id, "stg0001");
  // CamelCase, as AppConfig sends it (waiters-2.json; the model's enum says READY_FOR_DEPLOYMENT).
  assert.ok(["Deploying", "ReadyForDeployment"].includes(e.State), e.State);
  const r = await c.send(new ListEnvironmentsCommand({ ApplicationId: "339ohji" }));
  assert.equal(r.Items[0].Name, "Example-Environment");
});

test("GetDeployment: the botocore example, timestamp for timestamp", async () => {
  const d = await c.send(new GetDeploymentCommand({ ApplicationId: "339ohji", EnvironmentId: "54j1r29", DeploymentNumber: 1 }));
  assert.equal(d.State, "COMPLETE");
  assert.equal(d.GrowthType, "LINEAR");
  assert.equal(d.GrowthFactor, 25);
  assert.equal(d.PercentageComplete, 100);
  assert.equal(d.DeploymentDurationInMinutes, 15);
  assert.equal(d.ConfigurationLocationUri, "ssm-parameter://Example-Parameter");
  assert.ok(d.StartedAt instanceof Date);
  assert.equal(d.StartedAt.toISOString(), "2021-09-17T21:43:54.205Z");
  assert.equal(d.CompletedAt.toISOString(), "2021-09-17T21:59:03.888Z");
  assert.deepEqual(
    d.EventLog.map((e) => [e.EventType, e.TriggeredBy, e.OccurredAt.toISOString()]),
    [
      ["DEPLOYMENT_COMPLETED", "APPCONFIG", "2021-09-17T21:59:03.888Z"],
      ["BAKE_TIME_STARTED", "APPCONFIG", "2021-09-17T21:58:57.722Z"],
      ["PERCENTAGE_UPDATED", "APPCONFIG", "2021-09-17T21:55:56.816Z"],
      ["PERCENTAGE_UPDATED", "APPCONFIG", "2021-09-17T21:52:56.567Z"],
      ["PERCENTAGE_UPDATED", "APPCONFIG", "2021-09-17T21:49:55.737Z"],
      ["PERCENTAGE_UPDATED", "APPCONFIG", "2021-09-17T21:46:55.187Z"],
      ["DEPLOYMENT_STARTED", "USER", "2021-09-17T21:43:54.205Z"],
    ],
  );
  const rolled = await c.send(new GetDeploymentCommand({ ApplicationId: "pay0001", EnvironmentId: "prd0001", DeploymentNumber: 2 }));
  assert.equal(rolled.State, "ROLLED_BACK");
  const started = rolled.EventLog.find((e) => e.EventType === "ROLLBACK_STARTED");
  assert.equal(started.TriggeredBy, "CLOUDWATCH_ALARM");
  assert.equal(started.ActionInvocations[0].ErrorCode, "Lambda.FunctionError");
  assert.equal(rolled.AppliedExtensions[1].Parameters.slackChannel, "#payments-oncall");
  const long = await c.send(new GetDeploymentCommand({ ApplicationId: "pay0001", EnvironmentId: "prd0001", DeploymentNumber: 4 }));
  assert.ok(long.EventLog.length >= 200, `${long.EventLog.length}`);
});

test("ListDeployments: newest first, paginated", async () => {
  const first = await c.send(new ListDeploymentsCommand({ ApplicationId: "web0001", EnvironmentId: "dev0001", MaxResults: 50 }));
  assert.equal(first.Items.length, 50);
  assert.ok(first.NextToken);
  const all = await collect(paginateListDeployments({ client: c, pageSize: 9 }, { ApplicationId: "web0001", EnvironmentId: "dev0001" }));
  const numbers = all.map((d) => d.DeploymentNumber);
  assert.ok(numbers.length >= 60, `${numbers.length}`);
  assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a));
  assert.equal(new Set(numbers).size, numbers.length);
  assert.ok(all.every((d) => d.StartedAt instanceof Date));
});

test("ListDeploymentStrategies, GetDeploymentStrategy", async () => {
  const all = await collect(paginateListDeploymentStrategies({ client: c, pageSize: 2 }, {}));
  const ids = all.map((s) => s.Id);
  for (const id of ["1225qzk", "AppConfig.AllAtOnce", "AppConfig.Linear50PercentEvery30Seconds", "AppConfig.Canary10Percent20Minutes", "AppConfig.Linear20PercentEvery6Minutes", "fast001"]) {
    assert.ok(ids.includes(id), id);
  }
  const s = await c.send(new GetDeploymentStrategyCommand({ DeploymentStrategyId: "AppConfig.Canary10Percent20Minutes" }));
  assert.equal(s.GrowthType, "EXPONENTIAL");
  assert.equal(s.GrowthFactor, 10);
  assert.equal(s.DeploymentDurationInMinutes, 20);
  assert.equal(s.FinalBakeTimeInMinutes, 10);
  const r = await c.send(new ListDeploymentStrategiesCommand({ MaxResults: 1 }));
  assert.equal(r.Items.length, 1);
});

test("StartDeployment, waiter DeploymentComplete, StopDeployment with AllowRevert", async () => {
  const started = await c.send(new StartDeploymentCommand({
    ApplicationId: "339ohji",
    EnvironmentId: "54j1r29",
    DeploymentStrategyId: "fast001",
    ConfigurationProfileId: "ur8hx2f",
    ConfigurationVersion: "2",
    Description: "from the JavaScript SDK",
    Tags: { by: "node" },
    DynamicExtensionParameters: { ticket: "JS-1" },
  }));
  assert.equal(started.$metadata.httpStatusCode, 201);
  assert.equal(started.State, "DEPLOYING");
  assert.equal(started.EventLog[0].EventType, "DEPLOYMENT_STARTED");
  const n = started.DeploymentNumber;
  await rejectsWith(c.send(new StartDeploymentCommand({
    ApplicationId: "339ohji", EnvironmentId: "54j1r29", DeploymentStrategyId: "fast001", ConfigurationProfileId: "ur8hx2f", ConfigurationVersion: "3",
  })), "ConflictException", 409);
  const w = await waitUntilDeploymentComplete(
    { client: c, maxWaitTime: 60, minDelay: 1, maxDelay: 1 },
    { ApplicationId: "339ohji", EnvironmentId: "54j1r29", DeploymentNumber: n },
  );
  assert.equal(w.state, "SUCCESS");
  const done = await c.send(new GetDeploymentCommand({ ApplicationId: "339ohji", EnvironmentId: "54j1r29", DeploymentNumber: n }));
  assert.deepEqual(done.EventLog.map((e) => e.EventType), [
    "DEPLOYMENT_COMPLETED", "BAKE_TIME_STARTED", "PERCENTAGE_UPDATED", "PERCENTAGE_UPDATED", "DEPLOYMENT_STARTED",
  ]);
  const reverted = await c.send(new StopDeploymentCommand({ ApplicationId: "339ohji", EnvironmentId: "54j1r29", DeploymentNumber: n, AllowRevert: true }));
  assert.equal(reverted.$metadata.httpStatusCode, 202);
  // Numeric members only, all zero, as the AWS CLI's stop-deployment example prints.
  const { $metadata, ...members } = reverted;
  assert.deepEqual(members, { DeploymentNumber: 0, DeploymentDurationInMinutes: 0, GrowthFactor: 0, FinalBakeTimeInMinutes: 0, PercentageComplete: 0 });
  const after = await c.send(new GetDeploymentCommand({ ApplicationId: "339ohji", EnvironmentId: "54j1r29", DeploymentNumber: n }));
  assert.equal(after.State, "REVERTED");
  assert.equal(after.EventLog[0].EventType, "REVERT_COMPLETED");
  const env = await c.send(new GetEnvironmentCommand({ ApplicationId: "339ohji", EnvironmentId: "54j1r29" }));
  assert.equal(env.State, "Reverted");
});

test("StopDeployment rolls a running deployment back", async () => {
  const started = await c.send(new StartDeploymentCommand({
    ApplicationId: "339ohji", EnvironmentId: "54j1r29", DeploymentStrategyId: "1225qzk", ConfigurationProfileId: "ur8hx2f", ConfigurationVersion: "4",
  }));
  const stopped = await c.send(new StopDeploymentCommand({ ApplicationId: "339ohji", EnvironmentId: "54j1r29", DeploymentNumber: started.DeploymentNumber }));
  assert.equal(stopped.$metadata.httpStatusCode, 202);
  assert.equal(stopped.State, undefined);
  const rolling = await c.send(new GetDeploymentCommand({ ApplicationId: "339ohji", EnvironmentId: "54j1r29", DeploymentNumber: started.DeploymentNumber }));
  assert.ok(["ROLLING_BACK", "ROLLED_BACK"].includes(rolling.State), rolling.State);
  assert.equal(rolling.EventLog.find((e) => e.EventType === "ROLLBACK_STARTED").TriggeredBy, "USER");
  const w = await waitUntilDeploymentComplete(
    { client: c, maxWaitTime: 10, minDelay: 1, maxDelay: 1 },
    { ApplicationId: "339ohji", EnvironmentId: "54j1r29", DeploymentNumber: started.DeploymentNumber },
  ).catch((e) => e);
  // The waiter fails on ROLLED_BACK, as its model says.
  assert.match(String(w.message ?? w.state), /FAILURE|ROLLED_BACK/);
  const d = await c.send(new GetDeploymentCommand({ ApplicationId: "339ohji", EnvironmentId: "54j1r29", DeploymentNumber: started.DeploymentNumber }));
  assert.equal(d.State, "ROLLED_BACK");
  assert.equal(d.EventLog[0].EventType, "ROLLBACK_COMPLETED");
});

test("errors: wrong secret, unknown key, missing resources, bad input", async () => {
  const wrong = client({ accessKeyId: DEMO.accessKeyId, secretAccessKey: "not-the-secret" });
  const e1 = await rejectsWith(wrong.send(new ListApplicationsCommand({})), "InvalidSignatureException", 403);
  assert.match(e1.message, /^The request signature we calculated does not match/);
  const unknown = client({ accessKeyId: "AKIDNOBODY", secretAccessKey: "x" });
  const e2 = await rejectsWith(unknown.send(new ListApplicationsCommand({})), "UnrecognizedClientException", 403);
  assert.equal(e2.message, "The security token included in the request is invalid.");
  const e3 = await rejectsWith(c.send(new GetDeploymentCommand({ ApplicationId: "pay0001", EnvironmentId: "prd0001", DeploymentNumber: 999 })), "ResourceNotFoundException", 404);
  assert.ok(e3 instanceof ResourceNotFoundException);
  assert.equal(e3.ResourceName, "Deployment");
  await rejectsWith(c.send(new GetApplicationCommand({ ApplicationId: "nope123" })), "ResourceNotFoundException", 404);
  await rejectsWith(c.send(new GetDeploymentStrategyCommand({ DeploymentStrategyId: "zzzz999" })), "ResourceNotFoundException", 404);
  const e4 = await rejectsWith(c.send(new ListDeploymentsCommand({ ApplicationId: "web0001", EnvironmentId: "dev0001", NextToken: "garbage" })), "BadRequestException", 400);
  assert.ok(e4 instanceof BadRequestException);
  const e5 = await rejectsWith(c.send(new StartDeploymentCommand({
    ApplicationId: "pay0001", EnvironmentId: "stg0001", DeploymentStrategyId: "fast001", ConfigurationProfileId: "pflags1", ConfigurationVersion: "1",
  })), "ConflictException", 409);
  assert.ok(e5 instanceof ConflictException);
});

test("a seeded hosted version: Content as bytes, members from headers, listed newest first", async () => {
  const d = await c.send(new GetDeploymentCommand({ ApplicationId: "pay0001", EnvironmentId: "stg0001", DeploymentNumber: 2 }));
  const v = await c.send(new GetHostedConfigurationVersionCommand({
    ApplicationId: "pay0001", ConfigurationProfileId: d.ConfigurationProfileId, VersionNumber: Number(d.ConfigurationVersion),
  }));
  assert.ok(v.Content instanceof Uint8Array, "Content is a Uint8Array");
  assert.equal(v.ContentType, "application/json");
  assert.equal(v.VersionNumber, Number(d.ConfigurationVersion));
  assert.match(v.KmsKeyArn, /^arn:aws:kms:us-east-1:123456789012:key\//);
  const doc = JSON.parse(new TextDecoder().decode(v.Content));
  assert.equal(doc.values["checkout-v2"].enabled, true, "staging's running version turns checkout-v2 on");
  const p = await c.send(new GetConfigurationProfileCommand({ ApplicationId: "pay0001", ConfigurationProfileId: "pflags1" }));
  assert.equal(p.Type, "AWS.AppConfig.FeatureFlags");
  const list = await c.send(new ListHostedConfigurationVersionsCommand({ ApplicationId: "web0001", ConfigurationProfileId: "wrbt001", MaxResults: 2 }));
  assert.deepEqual(list.Items.map((i) => i.VersionNumber), [12, 11]);
  assert.equal(list.Items[0].ContentType, "text/plain");
  assert.ok(list.NextToken);
  await rejectsWith(c.send(new GetHostedConfigurationVersionCommand({ ApplicationId: "web0001", ConfigurationProfileId: "wrbt001", VersionNumber: 999 })), "ResourceNotFoundException", 404);
});
