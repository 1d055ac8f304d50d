// No input makes the wasm trap: every entry point, fed odd values, either works or throws one of
// the package's typed errors (never a RuntimeError from a Rust panic).
import { test } from "node:test";
import assert from "node:assert/strict";
import { AppConfigClient, AppConfigError, signRequest, parseGetDeploymentResponse, waitUntilDeploymentComplete } from "appconfig-wasm";
import { deploymentTimeline } from "appconfig-wasm/timeline";

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000_007);
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const r = rng(SEED);
const pick = (a) => a[Math.floor(r() * a.length)];
const ODD = [
  undefined, null, 0, -1, 1.5, NaN, Infinity, -0, 2 ** 31, 2 ** 53, 1e308, "", " ", "x", "é☃", "\u0000", "a".repeat(3000),
  true, false, [], [1], {}, { a: 1 }, () => 1, Symbol.iterator, 10n, new Date(NaN), new Date(0), new Uint8Array([0xff, 0xfe]),
  "http://", "https://[::1", "https://h/%", "2024-13-01T00:00:00Z", "-1", "1e3",
];
const odd = () => (r() < 0.5 ? pick(ODD) : randomText());
function randomText() {
  const chars = "{}[]\":,0123456789.-+eE truefalsnul\\/aé\u0000\n";
  return Array.from({ length: Math.floor(r() * 40) }, () => pick([...chars])).join("");
}
const typed = (e) => {
  assert.ok(e instanceof AppConfigError, `expected a typed error, got ${e && e.name}: ${e && e.message}`);
  assert.ok(typeof e.message === "string" && e.message.length > 0);
};

function call(f) {
  try {
    return f();
  } catch (e) {
    typed(e);
  }
}

test(`client configuration and inputs never trap (FUZZ_SEED=${SEED})`, async () => {
  const ok = { accessKeyId: "AKID", secretAccessKey: "SECRET" };
  for (let i = 0; i < 300; i++) {
    const config = pick([
      odd(),
      { region: odd(), credentials: ok },
      { region: "us-east-1", credentials: { accessKeyId: odd(), secretAccessKey: odd(), sessionToken: odd(), expiration: odd() } },
      { region: "us-east-1", credentials: ok, endpoint: odd(), maxAttempts: odd(), requestTimeoutMs: odd() },
      { region: "us-east-1", credentials: ok, proxy: odd(), useFipsEndpoint: odd(), useDualstackEndpoint: odd() },
    ]);
    call(() => new AppConfigClient(config));
  }
  // Valid client, odd inputs: all must be refused before sending (the endpoint does not exist).
  const client = new AppConfigClient({ region: "us-east-1", endpoint: "http://127.0.0.1:9", credentials: ok, maxAttempts: 1 });
  for (let i = 0; i < 300; i++) {
    const input = pick([
      odd(),
      { ApplicationId: odd(), EnvironmentId: odd(), DeploymentNumber: odd() },
      { ApplicationId: "a", EnvironmentId: "e", DeploymentNumber: odd() },
      { ApplicationId: "a", EnvironmentId: "e", DeploymentNumber: 1, AllowRevert: odd() },
      { ApplicationId: odd(), ConfigurationProfileId: odd(), VersionNumber: odd(), VersionLabel: odd(), MaxResults: odd() },
    ]);
    const method = pick(["getDeployment", "stopDeployment", "getEnvironment", "getApplication", "listApplications", "listEnvironments", "listDeployments", "getDeploymentStrategy", "getHostedConfigurationVersion", "listHostedConfigurationVersions"]);
    try {
      await client[method](input, pick([undefined, {}, { abortSignal: odd() }]));
    } catch (e) {
      typed(e);
    }
  }
});

test(`signRequest, parseGetDeploymentResponse and deploymentTimeline never trap (FUZZ_SEED=${SEED})`, () => {
  const creds = { accessKeyId: "AKID", secretAccessKey: "SECRET" };
  for (let i = 0; i < 500; i++) {
    call(() =>
      signRequest(
        pick([odd(), { method: odd(), url: odd(), headers: pick([odd(), { [randomText()]: odd() }]), body: odd() }, { url: "https://h.amazonaws.com" + randomText() }]),
        pick([odd(), { region: odd(), service: odd(), credentials: pick([odd(), creds]), signingDate: odd() }, { region: "us-east-1", service: "s3", credentials: creds, signingDate: odd() }]),
      ),
    );
    call(() =>
      parseGetDeploymentResponse(
        pick([odd(), { statusCode: odd(), headers: odd(), body: odd() }, { statusCode: pick([200, 400, 404, 500, 503]), headers: { "x-amzn-errortype": odd(), date: odd() }, body: randomText() }]),
      ),
    );
    const d = pick([
      { StartedAt: odd(), EventLog: [{ OccurredAt: odd(), EventType: odd(), Description: odd() }], GrowthFactor: odd(), DeploymentDurationInMinutes: odd(), State: odd() },
      { State: "DEPLOYING", GrowthType: pick(["LINEAR", "EXPONENTIAL", odd()]), GrowthFactor: r() * 200 - 50, DeploymentDurationInMinutes: Math.floor(r() * 2000) - 10, FinalBakeTimeInMinutes: Math.floor(r() * 2000) - 10, StartedAt: new Date(Date.now() - r() * 1e9), EventLog: [{ EventType: "PERCENTAGE_UPDATED", Description: `Configuration available to ${r() * 150}% of clients`, OccurredAt: new Date() }] },
    ]);
    call(() => deploymentTimeline(d, pick([undefined, { now: odd() }, { now: new Date() }])));
    // Texts with the timeline's column separator, events of any shape.
    call(() => deploymentTimeline({ State: "DEPLOYING", EventLog: [pick([odd(), { Description: "a\u0001b", EventType: odd(), ActionInvocations: odd() }])] }, { now: new Date() }));
  }
});

test(`waiters refuse odd parameters with typed errors, never a trap (FUZZ_SEED=${SEED})`, async () => {
  const client = new AppConfigClient({ region: "us-east-1", endpoint: "http://127.0.0.1:9", credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" }, maxAttempts: 1 });
  for (let i = 0; i < 100; i++) {
    const params = pick([odd(), { client: odd(), maxWaitTime: odd() }, { client, maxWaitTime: odd(), minDelay: odd(), maxDelay: odd(), onProgress: odd() }]);
    // An aborted signal ends a valid configuration at once.
    if (params && typeof params === "object" && params.client === client) params.abortSignal = AbortSignal.abort();
    try {
      await waitUntilDeploymentComplete(params, pick([odd(), { ApplicationId: "a", EnvironmentId: "e", DeploymentNumber: 1 }]));
    } catch (e) {
      typed(e);
    }
  }
});
