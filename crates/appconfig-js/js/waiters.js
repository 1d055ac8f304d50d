// Waiters, as the AWS SDK for JavaScript has them (@smithy/util-waiter): the acceptors of
// botocore's waiters-2.json, polling at once and then after a delay that grows exponentially
// from minDelay to maxDelay with jitter, until success, failure, maxWaitTime or the abort
// signal. Beyond the SDK: onProgress(deployment, timeline) after each poll of a deployment, the
// timeline from appconfig-wasm/timeline, loaded then (`loadTimeline`, per build).

const WAITER_STATES = { SUCCESS: "SUCCESS", FAILURE: "FAILURE", TIMEOUT: "TIMEOUT", ABORTED: "ABORTED" };

function waiterParams(params, defaults) {
  if (params === null || typeof params !== "object") throw validationError("invalid waiter parameters: must be an object");
  const client = own(params, "client");
  if (!(client instanceof AppConfigClient)) throw validationError("invalid client: must be an AppConfigClient");
  const p = {
    client,
    maxWaitTime: own(params, "maxWaitTime"),
    minDelay: own(params, "minDelay") ?? defaults.minDelay,
    maxDelay: own(params, "maxDelay") ?? defaults.maxDelay,
    abortSignal: own(params, "abortSignal"),
    onProgress: own(params, "onProgress"),
  };
  // The SDK's validateWaiterOptions, in seconds.
  for (const k of ["maxWaitTime", "minDelay", "maxDelay"])
    if (typeof p[k] !== "number" || !(p[k] > 0)) throw validationError(`invalid ${k}: must be a number of seconds greater than 0`);
  if (p.minDelay > p.maxDelay) throw validationError("invalid minDelay: must not exceed maxDelay");
  if (p.maxWaitTime <= p.minDelay) throw validationError("invalid maxWaitTime: must exceed minDelay");
  if (p.onProgress !== undefined && typeof p.onProgress !== "function") throw validationError("invalid onProgress: must be a function");
  return p;
}

// @smithy/util-waiter's exponentialBackoffWithJitter, seconds.
function waiterDelay(minDelay, maxDelay, attempt) {
  const ceiling = Math.log(maxDelay / minDelay) / Math.log(2) + 1;
  if (attempt > ceiling) return maxDelay;
  const delay = minDelay * 2 ** (attempt - 1);
  return minDelay + Math.random() * (delay - minDelay);
}

async function runWaiter(p, poll) {
  const deadline = Date.now() + p.maxWaitTime * 1000;
  const aborted = () => p.abortSignal && p.abortSignal.aborted;
  let reason;
  for (let attempt = 1; ; attempt++) {
    if (aborted()) return { state: WAITER_STATES.ABORTED, reason };
    let state;
    try {
      const out = await poll({ abortSignal: p.abortSignal });
      reason = out.reason;
      state = out.state;
    } catch (e) {
      // As the SDK: an error no acceptor matches is retried, and becomes the reason. Bad input
      // and an abort cannot get better by waiting.
      if (e instanceof errorClasses.ValidationError) throw e;
      if (e instanceof errorClasses.AbortError) return { state: WAITER_STATES.ABORTED, reason: e };
      reason = e;
    }
    if (state) return { state, reason };
    const delay = waiterDelay(p.minDelay, p.maxDelay, attempt) * 1000;
    if (Date.now() + delay > deadline) return { state: WAITER_STATES.TIMEOUT, reason };
    if (!(await sleepUnlessAborted(delay, p.abortSignal))) return { state: WAITER_STATES.ABORTED, reason };
  }
}

// The SDK's checkExceptions: waitUntil* resolves on success and rejects otherwise.
function checkWaiterResult(result) {
  if (result.state === WAITER_STATES.SUCCESS) return result;
  const what = { ABORTED: "the waiter was aborted", TIMEOUT: "the waiter timed out", FAILURE: "the waiter reached a failure state" }[result.state];
  const name = result.state === WAITER_STATES.ABORTED ? "AbortError" : result.state === WAITER_STATES.TIMEOUT ? "TimeoutError" : "WaiterError";
  const r = result.reason;
  const detail = r && r.State ? ` (State ${r.State})` : r instanceof Error ? ` (${r.name}: ${r.message})` : "";
  const err = makeError(name, `${what}${detail}`, "client", responseMetadata(r && r.$metadata));
  err.state = result.state;
  err.reason = r;
  throw err;
}

const DEPLOYMENT_DONE = { COMPLETE: WAITER_STATES.SUCCESS, ROLLED_BACK: WAITER_STATES.FAILURE, REVERTED: WAITER_STATES.FAILURE };

/** Polls GetDeployment until COMPLETE (SUCCESS), ROLLED_BACK or REVERTED (FAILURE), maxWaitTime or abort. */
async function waitForDeploymentComplete(params, input) {
  const p = waiterParams(params, { minDelay: 30, maxDelay: 120 });
  // The timeline's own wasm module is loaded for onProgress only, at the first poll.
  let timeline;
  return runWaiter(p, async (options) => {
    const d = await p.client.getDeployment(input, options);
    if (p.onProgress) {
      timeline = timeline || (await loadTimeline());
      p.onProgress(d, timeline.deploymentTimeline(d));
    }
    return { state: DEPLOYMENT_DONE[d.State], reason: d };
  });
}

/** As waitForDeploymentComplete, but rejects unless the result is SUCCESS (the SDK's waitUntil). */
async function waitUntilDeploymentComplete(params, input) {
  return checkWaiterResult(await waitForDeploymentComplete(params, input));
}

// Environment states compare by kind: AppConfig sends `ReadyForDeployment`, the model's enum
// says `READY_FOR_DEPLOYMENT`; both are accepted (appconfig_core::EnvironmentStateKind).
const ENVIRONMENT_DONE = { ReadyForDeployment: WAITER_STATES.SUCCESS, RolledBack: WAITER_STATES.FAILURE, Reverted: WAITER_STATES.FAILURE };

/** Polls GetEnvironment until ReadyForDeployment (SUCCESS), RolledBack or Reverted (FAILURE), maxWaitTime or abort. */
async function waitForEnvironmentReadyForDeployment(params, input) {
  const p = waiterParams(params, { minDelay: 30, maxDelay: 120 });
  return runWaiter(p, async (options) => {
    const e = await p.client.getEnvironment(input, options);
    if (p.onProgress) p.onProgress(e);
    const kind = typeof e.State === "string" ? wasm.environmentStateKind(e.State) : undefined;
    return { state: ENVIRONMENT_DONE[kind], reason: e };
  });
}

/** As waitForEnvironmentReadyForDeployment, but rejects unless the result is SUCCESS. */
async function waitUntilEnvironmentReadyForDeployment(params, input) {
  return checkWaiterResult(await waitForEnvironmentReadyForDeployment(params, input));
}
