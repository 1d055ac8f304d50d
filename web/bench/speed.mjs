// Speed of appconfig-wasm against the AWS SDK for JavaScript v3, in one Node run: signing one
// GetDeployment request, parsing a GetDeployment 200 response (7 and 1,000 events), a whole
// getDeployment call with a canned response (no network), and the deployment timeline (ours only).
// Each measurement: a warm-up, then ROUNDS rounds of a calibrated number of calls; the median
// round is printed in µs per call. It asserts nothing about speed; it exits non-zero only when the
// two peers disagree on the same input (Authorization header, parsed State/EventLog/dates).
// Uses the packages installed in web/pkg-tests (run web/pkg-tests/run.sh, or `npm ci` there and
// build-pkg.sh + install-pkg.sh, first).
//   node web/bench/speed.mjs [--json]
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

// The SDK warns once that later versions need Node 22: noise in a table printed on Node 20.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (w, ...rest) => {
  if (String(w?.message ?? w).startsWith("NodeVersionSupportWarning")) return;
  emitWarning(w, ...rest);
};

const testsDir = fileURLToPath(new URL("../pkg-tests/", import.meta.url));
const require = createRequire(join(testsDir, "package.json"));
const ours = require("appconfig-wasm");
const sdk = require("@aws-sdk/client-appconfig");
const { SignatureV4 } = require("@smithy/signature-v4");
const { HttpRequest, HttpResponse } = require("@smithy/protocol-http");
const { Hash } = require("@smithy/hash-node");
const { operation } = require("@smithy/core/schema");
const sdkVersion = require("@aws-sdk/client-appconfig/package.json").version;

const ROUNDS = Number(process.env.SPEED_ROUNDS ?? 7);
const ROUND_MS = Number(process.env.SPEED_ROUND_MS ?? 150);
const WARMUP_MS = Number(process.env.SPEED_WARMUP_MS ?? 300);

// ---- inputs -------------------------------------------------------------------------------
const REGION = "us-east-1";
const CREDENTIALS = {
  accessKeyId: "AKIDEXAMPLESPEED",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  sessionToken: "FwoGZXIvYXdzEXAMPLETOKEN//+==",
};
const SIGNING_DATE = new Date("2026-11-27T09:00:00Z");
const HOST = `appconfig.${REGION}.amazonaws.com`;
const INPUT = { ApplicationId: "339ohji", EnvironmentId: "54j1r29", DeploymentNumber: 1 };
const PATH = `/applications/${INPUT.ApplicationId}/environments/${INPUT.EnvironmentId}/deployments/${INPUT.DeploymentNumber}`;

// The botocore example (examples-1.json), as AppConfig sends it (timestamps are `iso8601` strings
// in the model).
const secs = (iso) => iso;
const EXAMPLE = {
  ApplicationId: "339ohji",
  CompletedAt: secs("2021-09-17T21:59:03.888Z"),
  ConfigurationLocationUri: "ssm-parameter://Example-Parameter",
  ConfigurationName: "Example-Configuration-Profile",
  ConfigurationProfileId: "ur8hx2f",
  ConfigurationVersion: "1",
  DeploymentDurationInMinutes: 15,
  DeploymentNumber: 1,
  DeploymentStrategyId: "1225qzk",
  EnvironmentId: "54j1r29",
  EventLog: [
    ["DEPLOYMENT_COMPLETED", "Deployment completed", "2021-09-17T21:59:03.888Z", "APPCONFIG"],
    ["BAKE_TIME_STARTED", "Deployment bake time started", "2021-09-17T21:58:57.722Z", "APPCONFIG"],
    ["PERCENTAGE_UPDATED", "Configuration available to 100.00% of clients", "2021-09-17T21:55:56.816Z", "APPCONFIG"],
    ["PERCENTAGE_UPDATED", "Configuration available to 75.00% of clients", "2021-09-17T21:52:56.567Z", "APPCONFIG"],
    ["PERCENTAGE_UPDATED", "Configuration available to 50.00% of clients", "2021-09-17T21:49:55.737Z", "APPCONFIG"],
    ["PERCENTAGE_UPDATED", "Configuration available to 25.00% of clients", "2021-09-17T21:46:55.187Z", "APPCONFIG"],
    ["DEPLOYMENT_STARTED", "Deployment started", "2021-09-17T21:43:54.205Z", "USER"],
  ].map(([EventType, Description, at, TriggeredBy]) => ({ EventType, TriggeredBy, Description, OccurredAt: secs(at) })),
  FinalBakeTimeInMinutes: 0,
  GrowthFactor: 25,
  GrowthType: "LINEAR",
  PercentageComplete: 100,
  StartedAt: secs("2021-09-17T21:43:54.205Z"),
  State: "COMPLETE",
};

// 1,000 events, newest first as AppConfig lists them: a long linear deployment with percentage
// updates every minute, some carrying extension action invocations.
function bigDeployment(n) {
  const t0 = Date.parse("2026-11-20T00:00:00Z");
  const iso = (ms) => new Date(ms).toISOString();
  const events = [];
  for (let i = 0; i < n; i++) {
    const at = iso(t0 + i * 60_000 + (i % 7) * 125);
    let e;
    if (i === 0) e = { EventType: "DEPLOYMENT_STARTED", TriggeredBy: "USER", Description: "Deployment started" };
    else if (i === n - 1) e = { EventType: "BAKE_TIME_STARTED", TriggeredBy: "APPCONFIG", Description: "Deployment bake time started" };
    else {
      const pct = ((i / (n - 1)) * 100).toFixed(2);
      e = { EventType: "PERCENTAGE_UPDATED", TriggeredBy: "APPCONFIG", Description: `Configuration available to ${pct}% of clients` };
      if (i % 50 === 0)
        e.ActionInvocations = [
          {
            ExtensionIdentifier: "arn:aws:appconfig:us-east-1:111122223333:extension/notify/1",
            ActionName: "notify",
            Uri: "arn:aws:lambda:us-east-1:111122223333:function:notify",
            RoleArn: "arn:aws:iam::111122223333:role/notify",
            InvocationId: `inv-${i}`,
          },
        ];
    }
    e.OccurredAt = at;
    events.push(e);
  }
  events.reverse();
  return {
    ...EXAMPLE,
    DeploymentNumber: 2,
    DeploymentDurationInMinutes: n,
    FinalBakeTimeInMinutes: 30,
    GrowthFactor: 0.1,
    PercentageComplete: 100,
    State: "BAKING",
    CompletedAt: undefined,
    StartedAt: iso(t0),
    EventLog: events,
  };
}

const BODY_7 = new TextEncoder().encode(JSON.stringify(EXAMPLE));
const BODY_1000 = new TextEncoder().encode(JSON.stringify(bigDeployment(1000)));
const RESPONSE_HEADERS = {
  "content-type": "application/json",
  "x-amzn-requestid": "0d5c4a2e-1f1b-4c1e-9a8e-3c9c8b6e1a11",
  date: "Fri, 27 Nov 2026 09:00:00 GMT",
};

// ---- the peers ----------------------------------------------------------------------------
const sdkSigner = new SignatureV4({
  service: "appconfig",
  region: REGION,
  credentials: CREDENTIALS,
  sha256: Hash.bind(null, "sha256"),
});
const sdkRequest = new HttpRequest({
  method: "GET",
  protocol: "https:",
  hostname: HOST,
  path: PATH,
  headers: { host: HOST, "content-type": "application/json" },
});
const signSdk = () => sdkSigner.sign(sdkRequest, { signingDate: SIGNING_DATE });
const ourRequest = { method: "GET", url: `https://${HOST}${PATH}`, headers: { "content-type": "application/json" } };
// signBody: the SDK's signer signs x-amz-content-sha256 by default (applyChecksum), so ours does too.
const ourSignOptions = { region: REGION, service: "appconfig", credentials: CREDENTIALS, signingDate: SIGNING_DATE, signBody: true };
const signOurs = () => ours.signRequest(ourRequest, ourSignOptions);

// The SDK's deserializer is its schema-based protocol (AwsRestJsonProtocol in @aws-sdk/core),
// called the way its deserialization middleware calls it.
const parserClient = new sdk.AppConfigClient({ region: REGION, credentials: CREDENTIALS });
const [, ns, n, t, i, o] = sdk.GetDeployment$;
const opSchema = operation(ns, n, t, i, o);
const sdkContext = { ...parserClient.config };
const parseSdk = (body) =>
  parserClient.config.protocol.deserializeResponse(
    opSchema,
    sdkContext,
    new HttpResponse({ statusCode: 200, headers: { ...RESPONSE_HEADERS }, body }),
  );
const parseOurs = (body) => ours.parseGetDeploymentResponse({ statusCode: 200, headers: RESPONSE_HEADERS, body });

// Whole calls, no network: the SDK with a request handler answering a canned HttpResponse; ours
// with globalThis.fetch answering a canned Response (the wasm glue looks `fetch` up per call).
let sdkCalls = 0;
const sdkClient = new sdk.AppConfigClient({
  region: REGION,
  credentials: CREDENTIALS,
  maxAttempts: 1,
  requestHandler: {
    handle: async (request) => {
      sdkCalls++;
      if (!request.headers.authorization) throw new Error("SDK request not signed");
      return { response: new HttpResponse({ statusCode: 200, headers: { ...RESPONSE_HEADERS }, body: BODY_7 }) };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  },
});
const callSdk = () => sdkClient.send(new sdk.GetDeploymentCommand(INPUT));
let ourCalls = 0;
const realFetch = globalThis.fetch;
const cannedFetch = async (url, init) => {
  ourCalls++;
  if (!new Headers(init.headers).get("authorization")) throw new Error("our request not signed");
  return new Response(BODY_7, { status: 200, headers: RESPONSE_HEADERS });
};
const ourClient = new ours.AppConfigClient({ region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
const callOurs = () => ourClient.getDeployment(INPUT);

// ---- equivalence (the only thing that can fail) -------------------------------------------
const problems = [];
function same(what, a, b) {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  if (x !== y) problems.push(`${what}: ours ${x} vs SDK ${y}`);
}
function summary(d) {
  return {
    State: d.State,
    DeploymentNumber: d.DeploymentNumber,
    StartedAt: d.StartedAt?.toISOString(),
    CompletedAt: d.CompletedAt?.toISOString(),
    events: d.EventLog?.length,
    firstEvent: d.EventLog?.[0]?.OccurredAt?.toISOString(),
    lastEvent: d.EventLog?.at(-1)?.OccurredAt?.toISOString(),
    invocations: d.EventLog?.reduce((s, e) => s + (e.ActionInvocations?.length ?? 0), 0),
    requestId: d.$metadata?.requestId,
  };
}

{
  const a = signOurs();
  const b = (await signSdk()).headers;
  same("sign: authorization", a.authorization, b.authorization);
  same("sign: x-amz-date", a["x-amz-date"], b["x-amz-date"]);
  same("sign: x-amz-security-token", a["x-amz-security-token"], b["x-amz-security-token"]);
  for (const [label, body] of [["parse 7", BODY_7], ["parse 1000", BODY_1000]])
    same(label, summary(parseOurs(body)), summary(await parseSdk(body)));
  globalThis.fetch = cannedFetch;
  try {
    same("call", summary(await callOurs()), summary(await callSdk()));
  } finally {
    globalThis.fetch = realFetch;
  }
  if (ourCalls !== 1 || sdkCalls !== 1) problems.push(`call: transports called ${ourCalls} (ours) and ${sdkCalls} (SDK) times, 1 expected`);
}

// ---- measuring ----------------------------------------------------------------------------
const now = () => Number(process.hrtime.bigint()) / 1000; // µs

async function runFor(fn, isAsync, count) {
  const t0 = now();
  if (isAsync) for (let k = 0; k < count; k++) await fn();
  else for (let k = 0; k < count; k++) fn();
  return now() - t0;
}

/** Median µs per call over ROUNDS rounds of about ROUND_MS each, after a warm-up. */
async function measure(fn) {
  const isAsync = fn() instanceof Promise;
  let count = 1;
  const warmEnd = now() + WARMUP_MS * 1000;
  let perCall = Infinity;
  while (now() < warmEnd) {
    const us = await runFor(fn, isAsync, count);
    perCall = us / count;
    if (us < 20_000) count *= 2;
  }
  count = Math.max(1, Math.round((ROUND_MS * 1000) / perCall));
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) rounds.push((await runFor(fn, isAsync, count)) / count);
  rounds.sort((a, b) => a - b);
  return rounds[Math.floor(rounds.length / 2)];
}

const rows = [];
async function compare(label, oursFn, sdkFn) {
  const a = await measure(oursFn);
  const b = sdkFn ? await measure(sdkFn) : undefined;
  rows.push({ label, ours: a, sdk: b, ratio: b === undefined ? undefined : b / a });
}

if (problems.length === 0) {
  await compare("sign GetDeployment request", signOurs, signSdk);
  await compare("parse GetDeployment, 7 events", () => parseOurs(BODY_7), () => parseSdk(BODY_7));
  await compare("parse GetDeployment, 1,000 events", () => parseOurs(BODY_1000), () => parseSdk(BODY_1000));
  globalThis.fetch = cannedFetch;
  try {
    await compare("getDeployment call, canned response (7 ev.)", callOurs, callSdk);
  } finally {
    globalThis.fetch = realFetch;
  }
  const big = parseOurs(BODY_1000);
  const timelineNow = new Date("2026-11-20T17:00:00Z");
  const tl = ours.deploymentTimeline(big, { now: timelineNow });
  if (!tl || !Array.isArray(tl.entries) || tl.entries.length !== 1000)
    problems.push(`timeline: ${tl?.entries?.length} events, 1000 expected`);
  await compare("deploymentTimeline, 1,000 events (ours only)", () => ours.deploymentTimeline(big, { now: timelineNow }));
}

if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ node: process.version, sdk: sdkVersion, rows, problems }));
} else {
  const f = (v) => (v === undefined ? "-" : v >= 100 ? v.toFixed(0) : v.toFixed(1));
  console.log(
    `Node ${process.version}, @aws-sdk/client-appconfig ${sdkVersion}; median of ${ROUNDS} rounds of ~${ROUND_MS} ms, µs per call; ratio = SDK / ours (>1: ours faster)`,
  );
  console.log(`${"operation".padEnd(46)} ${"ours µs".padStart(10)} ${"SDK µs".padStart(10)} ${"ratio".padStart(7)}`);
  for (const r of rows)
    console.log(
      `${r.label.padEnd(46)} ${f(r.ours).padStart(10)} ${f(r.sdk).padStart(10)} ${(r.ratio === undefined ? "-" : r.ratio.toFixed(2) + "x").padStart(7)}`,
    );
}
if (problems.length) {
  for (const p of problems) console.error(`speed.mjs: peers disagree: ${p}`);
  process.exit(1);
}
