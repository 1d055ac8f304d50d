// The waiters against the simulator (target/debug/appconfig-sim) at --speed: success, rollback
// by a CloudWatch alarm is FAILURE, timeout, abort; the environment waiter both ways.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  AppConfigClient,
  WaiterState,
  WaiterError,
  TimeoutError,
  AbortError,
  waitUntilDeploymentComplete,
  waitForDeploymentComplete,
  waitUntilEnvironmentReadyForDeployment,
  waitForEnvironmentReadyForDeployment,
} from "appconfig-wasm";

const SIM = fileURLToPath(new URL("../../../target/debug/appconfig-sim", import.meta.url));
const DEMO = { accessKeyId: "AKIDAPPCONFIGSIMDEMO", secretAccessKey: "appconfig-sim-demo-secret-key" };
const STAGING = { ApplicationId: "pay0001", EnvironmentId: "stg0001", DeploymentNumber: 2 };
const sims = [];

async function startSim(speed) {
  const child = spawn(SIM, ["--port", "0", "--speed", String(speed)], { stdio: ["ignore", "pipe", "inherit"] });
  sims.push(child);
  const url = await new Promise((resolve, reject) => {
    let buf = "";
    child.stdout.on("data", (d) => {
      buf += d;
      const m = /listening on (http:\/\/\S+)/.exec(buf);
      if (m) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`appconfig-sim exited with ${code}`)));
  });
  return { url, client: new AppConfigClient({ region: "us-east-1", endpoint: url, credentials: DEMO }) };
}

const fireAlarm = (url, app, env) =>
  fetch(`${url}/_sim/alarm`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ApplicationId: app, EnvironmentId: env }) });

before(() => {
  if (!existsSync(SIM)) throw new Error(`${SIM} is missing: cargo build -p appconfig-sim`);
});
after(() => {
  for (const s of sims) s.kill();
});

test("a live deployment completes: SUCCESS, with progress and a timeline on each poll", async () => {
  // live001 takes 12 minutes at speed 1: 1.2 s at 600.
  const { client } = await startSim(600);
  const seen = [];
  const result = await waitUntilDeploymentComplete(
    { client, maxWaitTime: 30, minDelay: 0.1, maxDelay: 0.3, onProgress: (d, t) => seen.push([d.State, d.PercentageComplete, t.entries.length]) },
    STAGING,
  );
  assert.equal(result.state, WaiterState.SUCCESS);
  assert.equal(result.reason.State, "COMPLETE");
  assert.ok(seen.length >= 2, `${seen.length} polls`);
  assert.equal(seen.at(-1)[0], "COMPLETE");
  assert.ok(seen.every(([, , n]) => n >= 1));
});

test("a rollback by a CloudWatch alarm is FAILURE (waitUntil rejects with WaiterError)", async () => {
  const { url, client } = await startSim(30);
  const r = await fireAlarm(url, "pay0001", "stg0001");
  assert.equal(r.status, 200, await r.text());
  const result = await waitForDeploymentComplete({ client, maxWaitTime: 30, minDelay: 0.1, maxDelay: 0.3 }, STAGING);
  assert.equal(result.state, WaiterState.FAILURE);
  assert.equal(result.reason.State, "ROLLED_BACK");
  const alarm = result.reason.EventLog.find((e) => e.EventType === "ROLLBACK_STARTED");
  assert.equal(alarm.TriggeredBy, "CLOUDWATCH_ALARM");
  await assert.rejects(waitUntilDeploymentComplete({ client, maxWaitTime: 5, minDelay: 0.1, maxDelay: 0.3 }, STAGING), (e) => {
    assert.ok(e instanceof WaiterError, `${e}`);
    assert.equal(e.state, "FAILURE");
    assert.equal(e.reason.State, "ROLLED_BACK");
    return true;
  });
  // The environment waiter sees the rollback too (RolledBack or ROLLED_BACK: both spellings).
  const env = await waitForEnvironmentReadyForDeployment({ client, maxWaitTime: 5, minDelay: 0.1, maxDelay: 0.2 }, { ApplicationId: "pay0001", EnvironmentId: "stg0001" });
  assert.ok(env.state === WaiterState.FAILURE || env.state === WaiterState.SUCCESS, env.state);
});

test("a deployment that outlasts maxWaitTime is TIMEOUT, in about maxWaitTime", async () => {
  const { client } = await startSim(1);
  const t0 = Date.now();
  const result = await waitForDeploymentComplete({ client, maxWaitTime: 1, minDelay: 0.2, maxDelay: 0.4 }, STAGING);
  assert.equal(result.state, WaiterState.TIMEOUT);
  assert.equal(result.reason.State, "DEPLOYING");
  assert.ok(Date.now() - t0 < 2_000, `${Date.now() - t0} ms`);
  await assert.rejects(waitUntilDeploymentComplete({ client, maxWaitTime: 0.5, minDelay: 0.1, maxDelay: 0.2 }, STAGING), (e) => e instanceof TimeoutError && e.state === "TIMEOUT");
});

test("an abort signal ends the wait at once: ABORTED", async () => {
  const { client } = await startSim(1);
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 300);
  const t0 = Date.now();
  const result = await waitForDeploymentComplete({ client, maxWaitTime: 60, minDelay: 5, maxDelay: 10, abortSignal: ac.signal }, STAGING);
  assert.equal(result.state, WaiterState.ABORTED);
  assert.ok(Date.now() - t0 < 2_000, "did not sleep out the 5 s delay");
  await assert.rejects(waitUntilDeploymentComplete({ client, maxWaitTime: 60, abortSignal: AbortSignal.abort() }, STAGING), (e) => e instanceof AbortError && e.state === "ABORTED");
});

test("an environment with nothing running is ready: SUCCESS", async () => {
  const { client } = await startSim(1);
  const result = await waitUntilEnvironmentReadyForDeployment({ client, maxWaitTime: 10, minDelay: 0.1, maxDelay: 0.2 }, { ApplicationId: "pay0001", EnvironmentId: "prd0001" });
  assert.equal(result.state, WaiterState.SUCCESS);
});

test("waiter parameters are checked as the SDK checks them", async () => {
  const { client } = await startSim(1);
  for (const [params, re] of [
    [{ client, maxWaitTime: 0 }, /maxWaitTime/],
    [{ client, maxWaitTime: 10, minDelay: 5, maxDelay: 1 }, /minDelay/],
    [{ client: {}, maxWaitTime: 10 }, /client/],
  ])
    await assert.rejects(waitUntilDeploymentComplete(params, STAGING), (e) => e.name === "ValidationError" && re.test(e.message));
});
