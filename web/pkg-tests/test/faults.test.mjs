// The fault matrix (what networks, proxies and servers do wrong) against the package's client through a test server on 127.0.0.1:
// each fault ends in bounded time with the right error, or with a correct result after a retry.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { AppConfigClient, MalformedResponseError } from "appconfig-wasm";
import { startServer, CREDENTIALS } from "./support/server.mjs";

let server;
let n = 0;
before(async () => {
  server = await startServer();
});
after(() => server.close());

const client = (extra = {}) => new AppConfigClient({ region: "us-east-1", endpoint: server.url, credentials: CREDENTIALS, ...extra });
const input = (app) => ({ ApplicationId: app, EnvironmentId: `fault${++n}`, DeploymentNumber: 3 });

/** Runs `f`, which must settle within `ms`; returns [value, error, elapsed]. */
async function bounded(ms, f) {
  const t0 = Date.now();
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not settled within ${ms} ms`)), ms);
  });
  try {
    const v = await Promise.race([f(), limit]);
    return [v, null, Date.now() - t0];
  } catch (e) {
    if (e.message?.startsWith("not settled")) throw e;
    return [null, e, Date.now() - t0];
  } finally {
    clearTimeout(timer);
  }
}

test("refused connection: NetworkError after the retries", async () => {
  const dead = await startServer();
  const url = dead.url;
  await dead.close();
  const [, e] = await bounded(5_000, () => new AppConfigClient({ region: "us-east-1", endpoint: url, credentials: CREDENTIALS }).getDeployment(input("ok")));
  assert.equal(e.name, "NetworkError");
  assert.equal(e.$metadata.attempts, 3);
});

test("connection reset mid-body: NetworkError, retried", async () => {
  const [, e] = await bounded(5_000, () => client().getDeployment(input("resetbody")));
  assert.equal(e.name, "NetworkError", `${e}`);
  assert.equal(e.$metadata.attempts, 3);
});

test("a 30 s stall ends at the request timeout", async () => {
  const [, e, ms] = await bounded(5_000, () => client({ requestTimeoutMs: 300, maxAttempts: 2 }).getDeployment(input("stall")));
  assert.equal(e.name, "TimeoutError");
  assert.equal(e.$metadata.attempts, 2);
  assert.ok(ms < 2_000, `${ms} ms`);
});

test("500s: retried, then InternalServerException; 500 then 200 succeeds", async () => {
  const [, e] = await bounded(5_000, () => client().getDeployment(input("internal")));
  assert.equal(e.name, "InternalServerException");
  assert.equal(e.$fault, "server");
  assert.equal(e.$metadata.attempts, 3);
  const [out] = await bounded(5_000, () => client().getDeployment(input("flaky500")));
  assert.equal(out.$metadata.attempts, 2);
});

test("429 without Retry-After: retried after a throttling backoff, then succeeds", async () => {
  const [out, , ms] = await bounded(5_000, () => client().getDeployment(input("throttle429")));
  assert.equal(out.State, "BAKING");
  assert.equal(out.$metadata.attempts, 2);
  assert.ok(out.$metadata.totalRetryDelay < 500 && ms < 2_000, `${out.$metadata.totalRetryDelay} ms`);
});

test("429 with Retry-After: 1 waits the second the server asks for, then succeeds", async () => {
  const [out, , ms] = await bounded(5_000, () => client().getDeployment(input("retryafter")));
  assert.equal(out.$metadata.attempts, 2);
  assert.ok(out.$metadata.totalRetryDelay >= 1_000, `${out.$metadata.totalRetryDelay}`);
  assert.ok(ms >= 1_000 && ms < 3_000, `${ms} ms`);
});

test("an HTML page from a proxy: MalformedResponseError (200) or a retried server error (502)", async () => {
  const [, e] = await bounded(5_000, () => client().getDeployment(input("html200")));
  assert.ok(e instanceof MalformedResponseError, `${e}`);
  assert.match(e.message, /^malformed response \(HTTP 200\): body is not valid JSON/);
  assert.equal(e.$metadata.attempts, 1);
  const [out] = await bounded(5_000, () => client().getDeployment(input("html502")));
  assert.equal(out.$metadata.attempts, 2);
});

test("a 10 MB body is read whole, in bounded time", async () => {
  const [out, e, ms] = await bounded(10_000, () => client().getDeployment(input("big")));
  assert.equal(e, null, `${e}`);
  assert.equal(out.Description.length, 10 * 1024 * 1024);
  assert.ok(ms < 8_000, `${ms} ms`);
});

test("invalid UTF-8: MalformedResponseError, not a mangled string", async () => {
  const [, e] = await bounded(5_000, () => client().getDeployment(input("badutf8")));
  assert.ok(e instanceof MalformedResponseError, `${e}`);
  assert.match(e.message, /body is not UTF-8 text/);
});

test("duplicate keys: MalformedResponseError naming the member, not the last value", async () => {
  const [, e] = await bounded(5_000, () => client().getDeployment(input("dupkeys")));
  assert.ok(e instanceof MalformedResponseError, `${e}`);
  assert.match(e.message, /member EventLog\[0\]\.EventType has the wrong type: duplicate field `EventType`/);
});

test("a clock 10 minutes off is corrected, and the client says so", async () => {
  const c = client();
  const [out] = await bounded(5_000, () => c.getDeployment(input("skew")));
  assert.equal(out.$metadata.attempts, 2);
  assert.ok(Math.abs(out.$metadata.clockCorrection - 600_000) < 10_000);
  assert.ok(Math.abs(c.clockOffset - 600_000) < 10_000);
});

test("a clock 20 minutes off is past the 15-minute bound: reported, not corrected", async () => {
  const c = client();
  const [, e] = await bounded(5_000, () => c.getDeployment(input("skew20m")));
  assert.equal(e.name, "InvalidSignatureException");
  assert.match(e.message, /Signature expired/);
  assert.equal(e.$metadata.attempts, 1, "a clock error is not retried without a correction");
  assert.equal(c.clockOffset, 0);
  assert.equal(e.$metadata.clockCorrection, undefined);
});

test("a Date a year off is not believed (the 15-minute bound)", async () => {
  const c = client();
  const [, e] = await bounded(5_000, () => c.getDeployment(input("skewyear")));
  assert.equal(e.name, "InvalidSignatureException");
  assert.equal(c.clockOffset, 0);
  // The next request is still signed with the local clock.
  await c.getDeployment(input("ok"));
  const d = server.log.at(-1).headers["x-amz-date"];
  const signed = Date.parse(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(9, 11)}:${d.slice(11, 13)}:${d.slice(13, 15)}Z`);
  assert.ok(Math.abs(signed - Date.now()) < 60_000);
});
