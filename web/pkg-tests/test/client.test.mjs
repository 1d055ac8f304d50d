// AppConfigClient of the installed package against a canned AppConfig on 127.0.0.1 that checks
// every signature with @smithy/signature-v4.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as pkg from "appconfig-wasm";
import { deploymentTimeline } from "appconfig-wasm/timeline";
import { startServer, CREDENTIALS, SESSION, FULL_DEPLOYMENT } from "./support/server.mjs";

const {
  AppConfigClient,
  AppConfigError,
  AppConfigServiceException,
  ResourceNotFoundException,
  BadRequestException,
  InternalServerException,
  ValidationError,
  NetworkError,
  TimeoutError,
  AbortError,
  MalformedResponseError,
  parseGetDeploymentResponse,
} = pkg;

let server;
let envCounter = 0;
const env = () => `env${++envCounter}`;
before(async () => {
  server = await startServer();
});
after(() => server.close());

const client = (extra = {}) => new AppConfigClient({ region: "us-east-1", endpoint: server.url, credentials: CREDENTIALS, ...extra });
const input = (app, e = env()) => ({ ApplicationId: app, EnvironmentId: e, DeploymentNumber: 7 });
const lastRequestFor = (e) => server.log.filter((r) => r.url.includes(`/environments/${e}/`)).at(-1);

async function rejects(promise, check) {
  try {
    await promise;
  } catch (e) {
    check(e);
    return e;
  }
  assert.fail("expected a rejection");
}

const metadataKeys = ["attempts", "cfId", "extendedRequestId", "httpStatusCode", "requestId", "totalRetryDelay"];

test("require() and import give the same API with no init call", () => {
  const cjs = createRequire(import.meta.url)("appconfig-wasm");
  assert.equal(cjs.AppConfigClient, AppConfigClient, "one instance for import and require");
  assert.deepEqual(Object.keys(cjs).sort(), Object.keys(pkg).filter((k) => k !== "default").sort());
});

test("getDeployment returns the SDK shape: PascalCase, Dates, $metadata", async () => {
  const e = env();
  const out = await client().getDeployment(input("ok", e));
  assert.deepEqual(Object.keys(out.$metadata).sort(), metadataKeys);
  assert.equal(out.$metadata.httpStatusCode, 200);
  assert.match(out.$metadata.requestId, /^req-/);
  assert.equal(out.$metadata.attempts, 1);
  assert.equal(out.$metadata.totalRetryDelay, 0);
  assert.ok("extendedRequestId" in out.$metadata && out.$metadata.extendedRequestId === undefined);
  assert.ok(out.StartedAt instanceof Date);
  assert.equal(out.StartedAt.toISOString(), "2024-05-01T12:00:00.000Z");
  assert.ok(out.EventLog.every((ev) => ev.OccurredAt instanceof Date));
  assert.equal(out.EventLog[0].OccurredAt.getTime(), Date.parse("2024-05-01T12:20:00.123Z"));
  assert.equal(out.EventLog[1].ActionInvocations[0].ErrorCode, "Lambda.Failed");
  // A map value named like a timestamp member stays a string.
  assert.equal(out.AppliedExtensions[0].Parameters.StartedAt, "not a date");
  const { $metadata, ...rest } = out;
  const expected = { ...FULL_DEPLOYMENT, ApplicationId: "ok", EnvironmentId: e, DeploymentNumber: 7 };
  assert.deepEqual(JSON.parse(JSON.stringify(rest)), JSON.parse(JSON.stringify({
    ...expected,
    StartedAt: new Date(expected.StartedAt),
    EventLog: expected.EventLog.map((ev) => ({ ...ev, OccurredAt: new Date(ev.OccurredAt) })),
  })));
  assert.ok(!("CompletedAt" in out), "absent members are absent, not undefined");
  const req = lastRequestFor(e);
  assert.equal(req.signatureError, null);
  assert.equal(req.method, "GET");
  assert.equal(req.url, `/applications/ok/environments/${e}/deployments/7`);
  assert.equal(req.headers["x-appconfig-upstream-host"], undefined, "no proxy header without a proxy");
});

test("absent members are absent and unknown enum values pass through", async () => {
  const min = await client().getDeployment(input("minimal"));
  assert.deepEqual(Object.keys(min).sort(), ["$metadata", "State"]);
  const unk = await client().getDeployment(input("unknownenum"));
  assert.equal(unk.State, "TELEPORTING");
  assert.equal(unk.GrowthType, "QUADRATIC");
  assert.deepEqual(unk.EventLog, [{ EventType: "WORMHOLE_OPENED", TriggeredBy: "ALIENS" }]);
});

test("session credentials are sent and signed", async () => {
  const e = env();
  await client({ credentials: SESSION }).getDeployment(input("ok", e));
  const req = lastRequestFor(e);
  assert.equal(req.headers["x-amz-security-token"], SESSION.sessionToken);
  assert.match(req.headers.authorization, /SignedHeaders=host;x-amz-date;x-amz-security-token,/);
  assert.equal(req.signatureError, null);
});

test("names are percent-encoded in the path and still verify", async () => {
  const e = "prod env/é";
  await rejects(client().getDeployment({ ApplicationId: "my app", EnvironmentId: e, DeploymentNumber: 0 }), (err) => {
    assert.equal(err.name, "ResourceNotFoundException");
  });
  const req = server.log.at(-1);
  assert.equal(req.url, "/applications/my%20app/environments/prod%20env%2F%C3%A9/deployments/0");
  assert.equal(req.signatureError, null);
});

const errorCases = [
  ["notfound", ResourceNotFoundException, 404, "client", { ResourceName: "Deployment", Message: "Deployment 7 not found" }, "Deployment 7 not found"],
  ["badrequest", BadRequestException, 400, "client", { Reason: "InvalidConfiguration", Details: { InvalidConfiguration: [{ Constraint: "required", Location: "#/x", Reason: "missing", Type: "Syntactic" }] } }, "Configuration is invalid"],
  ["accessdenied", pkg.AccessDeniedException, 403, "client", {}, "AccessDeniedException message"],
  ["unrecognized", pkg.UnrecognizedClientException, 403, "client", {}, "The security token included in the request is invalid."],
  ["expired", pkg.ExpiredTokenException, 403, "client", {}, "The security token included in the request is expired"],
  ["invalidsig", pkg.InvalidSignatureException, 403, "client", {}, "The request signature we calculated does not match the signature you provided."],
];
for (const [app, Class, status, fault, members, message] of errorCases) {
  test(`${Class.name}: typed error with $fault, $metadata and modeled members`, async () => {
    await rejects(client().getDeployment(input(app)), (e) => {
      assert.ok(e instanceof Class, `${e}`);
      assert.ok(e instanceof AppConfigServiceException && e instanceof AppConfigError && e instanceof Error);
      assert.equal(e.name, Class.name);
      assert.equal(e.message, message);
      assert.equal(e.$fault, fault);
      assert.deepEqual(Object.keys(e.$metadata).sort(), metadataKeys);
      assert.equal(e.$metadata.httpStatusCode, status);
      assert.equal(e.$metadata.attempts, 1, "client errors are not retried");
      assert.match(e.$metadata.requestId, /^req-/);
      for (const [k, v] of Object.entries(members)) assert.deepEqual(e[k], v, k);
      assert.ok(typeof e.stack === "string");
    });
  });
}

test("InternalServerException: retried up to maxAttempts, then thrown with $fault server", async () => {
  const e = env();
  await rejects(client({ maxAttempts: 3 }).getDeployment(input("internal", e)), (err) => {
    assert.ok(err instanceof InternalServerException);
    assert.equal(err.$fault, "server");
    assert.equal(err.$metadata.attempts, 3);
    assert.equal(err.$metadata.httpStatusCode, 500);
    assert.ok(err.$metadata.totalRetryDelay >= 0 && err.$metadata.totalRetryDelay < 300);
  });
  assert.equal(server.calls.get(e), 3);
});

test("500 then 200: retried and succeeds with attempts 2", async () => {
  const e = env();
  const out = await client().getDeployment(input("flaky500", e));
  assert.equal(out.$metadata.attempts, 2);
  assert.equal(out.State, "BAKING");
  assert.equal(server.calls.get(e), 2);
  const reqs = server.log.filter((r) => r.url.includes(`/${e}/`));
  assert.ok(reqs.every((r) => r.signatureError === null));
});

test("throttling then 200: retried after a throttling backoff", async () => {
  const e = env();
  const out = await client().getDeployment(input("throttled", e));
  assert.equal(out.$metadata.attempts, 2);
  assert.ok(out.$metadata.totalRetryDelay < 500, "first throttling retry waits under 500 ms");
  const [a, b] = server.log.filter((r) => r.url.includes(`/${e}/`));
  assert.ok(b.at - a.at >= out.$metadata.totalRetryDelay - 5, "the delay was really waited");
});

test("a proxy's HTML 502 is retried, then succeeds", async () => {
  const out = await client().getDeployment(input("html502"));
  assert.equal(out.$metadata.attempts, 2);
});

test("maxAttempts 1 disables retries", async () => {
  await rejects(client({ maxAttempts: 1 }).getDeployment(input("flaky500")), (e) => {
    assert.equal(e.name, "InternalServerException");
    assert.equal(e.$metadata.attempts, 1);
  });
});

test("clock skew: a 403 'Signature expired' with a Date 10 min ahead corrects the clock and retries once", async () => {
  const c = client();
  const e = env();
  const out = await c.getDeployment(input("skew", e));
  assert.equal(out.$metadata.attempts, 2);
  const [first, second] = server.log.filter((r) => r.url.includes(`/${e}/`));
  const toMs = (d) => Date.parse(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(9, 11)}:${d.slice(11, 13)}:${d.slice(13, 15)}Z`);
  const shift = toMs(second.headers["x-amz-date"]) - toMs(first.headers["x-amz-date"]);
  assert.ok(Math.abs(shift - 600_000) < 10_000, `signed 10 minutes later, shift ${shift}`);
  assert.equal(second.signatureError, null);
  // A proxied client shows that it corrected: on the call and on the client.
  assert.ok(Math.abs(out.$metadata.clockCorrection - 600_000) < 10_000, `${out.$metadata.clockCorrection}`);
  assert.ok(Math.abs(c.clockOffset - 600_000) < 10_000, `${c.clockOffset}`);
  // The client keeps the correction: the next call succeeds at once.
  const again = await c.getDeployment(input("skew"));
  assert.equal(again.$metadata.attempts, 1);
});

test("timeout: a slow response past requestTimeoutMs is a TimeoutError after the retries", async () => {
  const started = Date.now();
  await rejects(client({ requestTimeoutMs: 200, maxAttempts: 2 }).getDeployment(input("slow")), (e) => {
    assert.ok(e instanceof TimeoutError, `${e}`);
    assert.equal(e.name, "TimeoutError");
    assert.equal(e.$metadata.attempts, 2);
    assert.match(e.message, /no response within 200 ms/);
    assert.match(e.message, /requestTimeoutMs/);
  });
  assert.ok(Date.now() - started < 1400, "did not wait for the slow server");
});

test("timeout covers a body that stalls after the headers", async () => {
  await rejects(client({ requestTimeoutMs: 200, maxAttempts: 1 }).getDeployment(input("slowbody")), (e) => {
    assert.equal(e.name, "TimeoutError");
  });
});

test("truncated and mistyped bodies are MalformedResponseError, not retried", async () => {
  await rejects(client().getDeployment(input("truncated")), (e) => {
    assert.ok(e instanceof MalformedResponseError, `${e}`);
    assert.match(e.message, /truncated JSON body/);
    assert.equal(e.$metadata.attempts, 1);
    assert.equal(e.$metadata.httpStatusCode, 200);
  });
  await rejects(client().getDeployment(input("wrongtype")), (e) => {
    assert.equal(e.name, "MalformedResponseError");
    assert.match(e.message, /DeploymentNumber/);
  });
});

test("abort: an AbortSignal stops a slow call with AbortError", async () => {
  const ac = new AbortController();
  const started = Date.now();
  setTimeout(() => ac.abort(), 100);
  await rejects(client().getDeployment(input("slow"), { abortSignal: ac.signal }), (e) => {
    assert.ok(e instanceof AbortError, `${e}`);
    assert.equal(e.name, "AbortError");
    assert.equal(e.$metadata.attempts, 1);
  });
  assert.ok(Date.now() - started < 1000);
});

test("abort: an already aborted signal sends nothing", async () => {
  const e = env();
  await rejects(client().getDeployment(input("ok", e), { abortSignal: AbortSignal.abort() }), (err) => {
    assert.equal(err.name, "AbortError");
    assert.equal(err.$metadata.attempts, 0);
  });
  assert.equal(server.calls.get(e), undefined);
});

test("abort during the backoff between retries", async () => {
  const ac = new AbortController();
  const c = client({ maxAttempts: 5 });
  const p = c.getDeployment(input("internal"), { abortSignal: ac.signal });
  setTimeout(() => ac.abort(), 30);
  await rejects(p, (e) => assert.equal(e.name, "AbortError"));
});

test("network failure: NetworkError after retries, no CORS talk in Node", async () => {
  const dead = await startServer();
  const url = dead.url;
  await dead.close();
  await rejects(new AppConfigClient({ region: "us-east-1", endpoint: url, credentials: CREDENTIALS }).getDeployment(input("ok")), (e) => {
    assert.ok(e instanceof NetworkError, `${e}`);
    assert.equal(e.$metadata.attempts, 3);
    assert.match(e.message, /network error: .*(ECONNREFUSED|fetch failed)/);
    assert.doesNotMatch(e.message, /CORS/);
    assert.notEqual(e.corsSuspected, true);
  });
  await rejects(client({ maxAttempts: 2 }).getDeployment(input("dropped")), (e) => {
    assert.equal(e.name, "NetworkError");
    assert.equal(e.$metadata.attempts, 2);
  });
});

test("bad input throws ValidationError naming the field, before anything is sent", async () => {
  const before = server.log.length;
  const c = client();
  const cases = [
    [{ ApplicationId: "", EnvironmentId: "e", DeploymentNumber: 1 }, /invalid ApplicationId: a value is required/],
    [{ ApplicationId: "a".repeat(65), EnvironmentId: "e", DeploymentNumber: 1 }, /invalid ApplicationId: must be 1 to 64 characters long, got 65/],
    [{ ApplicationId: "a", DeploymentNumber: 1 }, /invalid EnvironmentId: a value is required/],
    [{ ApplicationId: "a", EnvironmentId: 5, DeploymentNumber: 1 }, /invalid EnvironmentId: must be a string, got a number/],
    [{ ApplicationId: "a", EnvironmentId: "e", DeploymentNumber: -1 }, /invalid DeploymentNumber: must be an integer from 0 to 2147483647, got -1/],
    [{ ApplicationId: "a", EnvironmentId: "e", DeploymentNumber: 1.5 }, /invalid DeploymentNumber: must be a whole number/],
    [{ ApplicationId: "a", EnvironmentId: "e", DeploymentNumber: "3" }, /invalid DeploymentNumber: must be a whole number, got a string/],
    [{ ApplicationId: "a", EnvironmentId: "e", DeploymentNumber: 2 ** 31 }, /invalid DeploymentNumber/],
    [{ ApplicationId: "a", EnvironmentId: "e" }, /invalid DeploymentNumber: a value is required/],
    [undefined, /invalid input: must be an object, got undefined/],
  ];
  for (const [i, re] of cases) {
    await rejects(c.getDeployment(i), (e) => {
      assert.ok(e instanceof ValidationError, `${e}`);
      assert.equal(e.name, "ValidationError");
      assert.equal(e.$fault, "client");
      assert.equal(e.$metadata.attempts, 0);
      assert.match(e.message, re);
    });
  }
  await rejects(c.getDeployment(input("ok"), { abortSignal: "nope" }), (e) => assert.match(e.message, /invalid abortSignal: must be an AbortSignal/));
  await rejects(c.listApplications({ MaxResults: 51 }), (e) => assert.match(e.message, /invalid MaxResults: must be an integer from 1 to 50, got 51/));
  await rejects(c.listDeployments({ ApplicationId: "a", EnvironmentId: "e", NextToken: "" }), (e) => assert.match(e.message, /invalid NextToken/));
  await rejects(c.getDeploymentStrategy({ DeploymentStrategyId: "NOPE" }), (e) => assert.match(e.message, /invalid DeploymentStrategyId/));
  assert.equal(server.log.length, before, "nothing was sent");
});

test("bad configuration throws ValidationError or EndpointError from the constructor", () => {
  const cases = [
    [{ credentials: CREDENTIALS }, "ValidationError", /invalid region: a value is required/],
    [{ region: "us east 1", credentials: CREDENTIALS }, "ValidationError", /invalid region/],
    [{ region: "us-east-1" }, "ValidationError", /invalid credentials: a value is required/],
    [{ region: "us-east-1", credentials: { accessKeyId: "A" } }, "ValidationError", /invalid credentials\.secretAccessKey: a value is required/],
    [{ region: "us-east-1", credentials: "AKID:SECRET" }, "ValidationError", /invalid credentials: must be an object, got a string/],
    [{ region: "us-east-1", credentials: CREDENTIALS, maxAttempts: 0 }, "ValidationError", /invalid maxAttempts/],
    [{ region: "us-east-1", credentials: CREDENTIALS, requestTimeoutMs: -5 }, "ValidationError", /invalid requestTimeoutMs/],
    [{ region: "us-east-1", credentials: CREDENTIALS, endpoint: "ftp://x" }, "EndpointError", /endpoint "ftp:\/\/x" must start with http/],
    [{ region: "us-east-1", credentials: CREDENTIALS, endpoint: "http://a", proxy: "http://b" }, "EndpointError", /either endpoint or proxy/],
    [{ region: "us-east-1", credentials: CREDENTIALS, endpoint: "http://a", useFipsEndpoint: true }, "EndpointError", /FIPS and custom endpoint/],
    [null, "ValidationError", /invalid config: must be an object, got null/],
  ];
  for (const [config, name, re] of cases) {
    assert.throws(() => new AppConfigClient(config), (e) => {
      assert.equal(e.name, name, `${e}`);
      assert.ok(e instanceof AppConfigError);
      assert.match(e.message, re);
      return true;
    });
  }
});

test("secrets never appear in errors", async () => {
  const secretCreds = { accessKeyId: "AKIDSECRETTEST", secretAccessKey: "TOPSECRETKEYVALUE", sessionToken: "TOPSECRETTOKEN" };
  const errs = [];
  const c = new AppConfigClient({ region: "us-east-1", endpoint: server.url, credentials: secretCreds });
  await c.getDeployment(input("ok")).catch((e) => errs.push(e));
  await c.getDeployment(input("")).catch((e) => errs.push(e));
  assert.ok(errs.length >= 1);
  for (const e of errs) {
    const text = `${e.message} ${e.stack} ${JSON.stringify(e)}`;
    assert.doesNotMatch(text, /TOPSECRET/);
  }
});

test("a credentials provider is called lazily and again when its credentials near expiry", async () => {
  let calls = 0;
  const c = client({
    credentials: async () => {
      calls++;
      return { ...SESSION, expiration: new Date(Date.now() + 10 * 60_000) };
    },
  });
  assert.equal(calls, 0, "not called by the constructor");
  const e = env();
  await c.getDeployment(input("ok", e));
  await c.getDeployment(input("ok"));
  assert.equal(calls, 1, "cached while more than 5 minutes from expiry");
  assert.equal(lastRequestFor(e).headers["x-amz-security-token"], SESSION.sessionToken);
  let n = 0;
  const soon = client({
    credentials: () => {
      n++;
      return Promise.resolve({ ...CREDENTIALS, expiration: new Date(Date.now() + 60_000) });
    },
  });
  await soon.getDeployment(input("ok"));
  await soon.getDeployment(input("ok"));
  assert.equal(n, 2, "credentials within 5 minutes of expiry are fetched again");
  let shared = 0;
  const burst = client({
    credentials: async () => {
      shared++;
      await new Promise((r) => setTimeout(r, 20));
      return { ...CREDENTIALS, expiration: new Date(Date.now() + 3600_000) };
    },
  });
  await Promise.all(Array.from({ length: 10 }, () => burst.getDeployment(input("ok"))));
  assert.equal(shared, 1, "concurrent first calls share one provider call");
  const sync = await client({ credentials: () => CREDENTIALS }).getDeployment(input("ok"));
  assert.equal(sync.$metadata.attempts, 1, "a provider may return plain credentials");
});

test("a failing or bad credentials provider gives CredentialsProviderError", async () => {
  await rejects(client({ credentials: async () => { throw new Error("SSO session expired"); } }).getDeployment(input("ok")), (e) => {
    assert.equal(e.name, "CredentialsProviderError");
    assert.match(e.message, /could not get credentials: SSO session expired/);
    assert.equal(e.$metadata.attempts, 0);
  });
  await rejects(client({ credentials: async () => ({ accessKeyId: "A" }) }).getDeployment(input("ok")), (e) => {
    assert.equal(e.name, "CredentialsProviderError");
    assert.match(e.message, /secretAccessKey/);
  });
  await rejects(client({ credentials: async () => ({ ...CREDENTIALS, expiration: new Date(Date.now() - 1000) }) }).getDeployment(input("ok")), (e) => {
    assert.match(e.message, /already expired/);
  });
});

test("proxy option: signed for the AWS host, sent to the proxy with x-appconfig-upstream-host", async () => {
  const e = env();
  const c = new AppConfigClient({ region: "eu-west-1", proxy: `${server.url}/`, credentials: CREDENTIALS });
  const out = await c.getDeployment(input("ok", e));
  assert.equal(out.$metadata.attempts, 1);
  const req = lastRequestFor(e);
  assert.equal(req.headers["x-appconfig-upstream-host"], "appconfig.eu-west-1.amazonaws.com");
  assert.match(req.headers.authorization, /\/eu-west-1\/appconfig\/aws4_request/);
  assert.equal(req.signatureError, null, "the signature covers the AWS host");
});

test("list operations and getDeploymentStrategy", async () => {
  const c = client();
  const apps = await c.listApplications({ MaxResults: 5 });
  assert.equal(apps.Items[0].Description, "max=5");
  assert.equal(apps.NextToken, "page2");
  const page2 = await c.listApplications({ NextToken: apps.NextToken });
  assert.deepEqual(page2.Items, [{ Id: "app2", Name: "second" }]);
  assert.ok(!("NextToken" in page2));
  const none = await c.listApplications();
  assert.equal(none.$metadata.httpStatusCode, 200);
  const envs = await c.listEnvironments({ ApplicationId: "app1" });
  assert.equal(envs.Items[0].State, "READY_FOR_DEPLOYMENT");
  const deps = await c.listDeployments({ ApplicationId: "app1", EnvironmentId: "env1", MaxResults: 1 });
  assert.ok(deps.Items[0].StartedAt instanceof Date && deps.Items[0].CompletedAt instanceof Date);
  assert.equal(deps.Items[0].GrowthFactor, 12.5);
  const s = await c.getDeploymentStrategy({ DeploymentStrategyId: "AppConfig.Linear50PercentEvery30Seconds" });
  assert.equal(s.ReplicateTo, "NONE");
  assert.ok(server.log.slice(-6).every((r) => r.signatureError === null));
  assert.ok(server.log.some((r) => r.url === "/applications?max_results=5"));
});

test("concurrent calls on one client", async () => {
  const c = client();
  const outs = await Promise.all(Array.from({ length: 20 }, () => c.getDeployment(input("ok"))));
  assert.equal(outs.length, 20);
  assert.ok(outs.every((o) => o.State === "BAKING"));
});

test("parseGetDeploymentResponse: no network, same shape, typed errors", () => {
  const ok = parseGetDeploymentResponse({ statusCode: 200, headers: { "x-amzn-RequestId": "r-1" }, body: JSON.stringify(FULL_DEPLOYMENT) });
  assert.equal(ok.$metadata.requestId, "r-1");
  assert.equal(ok.$metadata.httpStatusCode, 200);
  assert.ok(ok.CompletedAt === undefined && !("CompletedAt" in ok));
  assert.ok(ok.StartedAt instanceof Date);
  const bytes = parseGetDeploymentResponse({ statusCode: 200, headers: new Headers(), body: new TextEncoder().encode('{"State":"COMPLETE"}') });
  assert.equal(bytes.State, "COMPLETE");
  assert.throws(
    () => parseGetDeploymentResponse({ statusCode: 404, headers: { "x-amzn-errortype": "ResourceNotFoundException" }, body: '{"Message":"nope","ResourceName":"Deployment"}' }),
    (e) => e instanceof ResourceNotFoundException && e.ResourceName === "Deployment" && e.message === "nope" && e.$metadata.httpStatusCode === 404,
  );
  assert.throws(
    () => parseGetDeploymentResponse({ statusCode: 503, body: "" }),
    (e) => e instanceof AppConfigServiceException && e.name === "UnknownError" && e.$fault === "server",
  );
  assert.throws(() => parseGetDeploymentResponse({ statusCode: 200, body: "{" }), (e) => e.name === "MalformedResponseError");
  assert.throws(() => parseGetDeploymentResponse({ statusCode: "200" }), (e) => e.name === "ValidationError" && /statusCode/.test(e.message));
  assert.throws(() => parseGetDeploymentResponse({ statusCode: 70000 }), (e) => e.name === "ValidationError");
});

test("deploymentTimeline: plain objects with Dates, from our output or the SDK's", async () => {
  const out = await client().getDeployment(input("ok"));
  const t = deploymentTimeline(out, { now: new Date("2024-05-01T12:25:00Z") });
  assert.equal(t.entries.length, 3);
  assert.ok(t.entries.every((x) => x.occurredAt instanceof Date));
  assert.equal(t.entries[0].eventType, "DEPLOYMENT_STARTED");
  assert.ok(t.startedAt instanceof Date);
  assert.ok(t.bake.startedAt instanceof Date);
  assert.equal(t.bake.plannedEnd.toISOString(), "2024-05-01T12:30:00.123Z");
  assert.equal(t.inProgress, true);
  assert.ok(t.projection.estimate);
  assert.ok(t.chart.every((p) => p.at instanceof Date && typeof p.percentage === "number"));
  assert.equal(typeof t.strategyText, "string");
  const fromNumber = deploymentTimeline(out, { now: Date.parse("2024-05-01T12:25:00Z") });
  assert.deepEqual(fromNumber, t);
  assert.throws(() => deploymentTimeline(null), (e) => e.name === "ValidationError");
  assert.throws(() => deploymentTimeline({ StartedAt: "yesterday" }), (e) => e.name === "ValidationError" && /StartedAt/.test(e.message));
});

// ---- gateway: no AWS key in the client ------------------------------------------------------

/** A `fetch` that records what it was given and answers `status` with `body`. */
function recordingFetch(seen, status = 200, body = FULL_DEPLOYMENT) {
  return async (url, init) => {
    seen.push({ url, init });
    const bytes = new TextEncoder().encode(JSON.stringify(body));
    return { status, headers: [["content-type", "application/json"], ["x-amzn-errortype", status === 200 ? "" : "GatewayForbidden"]].filter((h) => h[1]), arrayBuffer: async () => bytes.buffer };
  };
}

test("gateway option: unsigned, to {gateway}/v1/{account}/{region}/appconfig, with the bearer token and the page's cookies", async () => {
  const seen = [];
  let asked = 0;
  const c = new AppConfigClient({
    region: "eu-west-1",
    gateway: "https://gw.example/portal",
    account: "prod",
    gatewayToken: async () => `portal-token-${++asked}`,
    fetch: recordingFetch(seen),
  });
  const out = await c.getDeployment({ ApplicationId: "my app", EnvironmentId: "env5678", DeploymentNumber: 7 });
  assert.equal(out.State, "BAKING");
  assert.equal(seen.length, 1);
  assert.equal(seen[0].url, "https://gw.example/portal/v1/prod/eu-west-1/appconfig/applications/my%20app/environments/env5678/deployments/7");
  assert.deepEqual(seen[0].init.headers, [["authorization", "Bearer portal-token-1"]], "no x-amz-* header, no signature");
  assert.equal(seen[0].init.credentials, "include");
  await c.stopDeployment({ ApplicationId: "a", EnvironmentId: "e", DeploymentNumber: 1, AllowRevert: true });
  assert.equal(seen[1].init.method, "DELETE");
  assert.deepEqual(seen[1].init.headers, [["allow-revert", "true"], ["authorization", "Bearer portal-token-2"]], "a token per attempt");
});

test("gateway option: a fixed token, none at all, and the gateway's refusals as typed errors", async () => {
  const seen = [];
  await new AppConfigClient({ region: "us-east-1", gateway: "http://127.0.0.1:1", account: "a_b-1", gatewayToken: "t", fetch: recordingFetch(seen) }).listApplications();
  assert.deepEqual(seen[0].init.headers, [["authorization", "Bearer t"]]);
  await new AppConfigClient({ region: "us-east-1", gateway: "http://127.0.0.1:1", account: "a", fetch: recordingFetch(seen) }).listApplications();
  assert.deepEqual(seen[1].init.headers, [], "cookies only");
  const refused = new AppConfigClient({ region: "us-east-1", gateway: "http://127.0.0.1:1", account: "a", fetch: recordingFetch(seen, 403, { message: "read-only there" }) });
  await rejects(refused.stopDeployment({ ApplicationId: "a", EnvironmentId: "e", DeploymentNumber: 1 }), (e) => {
    assert.equal(e.name, "GatewayForbidden");
    assert.equal(e.message, "read-only there");
    assert.equal(e.$metadata.httpStatusCode, 403);
  });
  // AWS credentials given anyway are never read nor sent.
  await new AppConfigClient({ region: "us-east-1", gateway: "http://127.0.0.1:1", account: "a", credentials: CREDENTIALS, fetch: recordingFetch(seen) }).listApplications();
  assert.deepEqual(seen.at(-1).init.headers, []);
  assert.ok(!JSON.stringify(seen.at(-1)).includes(CREDENTIALS.accessKeyId));
  const failing = new AppConfigClient({ region: "us-east-1", gateway: "http://127.0.0.1:1", account: "a", gatewayToken: async () => { throw new Error("signed out"); }, fetch: recordingFetch(seen) });
  await rejects(failing.listApplications(), (e) => {
    assert.equal(e.name, "CredentialsProviderError");
    assert.match(e.message, /signed out/);
    assert.equal(e.$metadata.attempts, 0);
  });
});

test("gateway option: a missing or malformed account, or another mode, are refused", () => {
  for (const [config, name, message] of [
    [{ region: "us-east-1", gateway: "https://gw.example" }, "ValidationError", /invalid gateway/],
    [{ region: "us-east-1", gateway: "https://gw.example", account: "a/b" }, "ValidationError", /invalid gateway/],
    [{ region: "us-east-1", gateway: "https://gw.example", account: "a".repeat(65) }, "ValidationError", /invalid gateway/],
    [{ region: "us-east-1", gateway: "https://gw.example", account: "a", proxy: "https://p.example" }, "ValidationError", /invalid gateway/],
    [{ gateway: "https://gw.example", account: "a" }, "ValidationError", /invalid region/],
    [{ region: "us-east-1", gateway: "gw.example", account: "a" }, "EndpointError", /http/],
    [{ region: "US", gateway: "https://gw.example", account: "a" }, "ValidationError", /region/],
  ]) {
    assert.throws(() => new AppConfigClient(config), (e) => e.name === name && message.test(e.message), JSON.stringify(config));
  }
});
