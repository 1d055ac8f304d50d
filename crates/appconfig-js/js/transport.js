// One attempt: a signed request through `fetch` (the global one, node:http in Node, or the
// `fetch` option), with the per-attempt timeout and the caller's abort signal; the whole body
// is read (the timeout covers it) as an ArrayBuffer. Also the wait between attempts.

// How an attempt failed, as the wasm's `decide` numbers it (0 is a response; src/client.rs's
// constants, checked equal by tests/js_policy.rs).
const NETWORK = 1, TIMEOUT = 2, ABORTED = 3;

/** `TypeError: fetch failed (connect ECONNREFUSED 127.0.0.1:9)`: the name, message and cause. */
function describeFailure(e) {
  if (e === null || typeof e !== "object") return typeof e === "string" ? e : "fetch failed";
  const text = (v, k) => {
    const x = v[k];
    return typeof x === "string" && x !== "" ? x : undefined;
  };
  const n = text(e, "name"), m = text(e, "message");
  let out = n && m ? `${n}: ${m}` : m || n || "fetch failed";
  const cause = e.cause;
  if (cause !== null && typeof cause === "object") {
    const c = text(cause, "message") || text(cause, "code");
    if (c) out += ` (${c})`;
  }
  return out;
}

/**
 * Sends once (with the page's cookies for a `gateway`): resolves to `{ status, headers: [name, value, ...], body: ArrayBuffer }`, rejects
 * with `{ kind, message }` (NETWORK, TIMEOUT or ABORTED).
 */
async function attempt(fetchFn, url, method, headers, signal, timeoutMs, gateway) {
  const controller = new AbortController();
  let state = 0;
  const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
    state = state || TIMEOUT;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => {
    state = state || ABORTED;
    controller.abort();
  };
  if (signal) signal.addEventListener("abort", onAbort, { once: true });
  try {
    // Headers as [name, value] pairs (no Headers object: in Node its first use loads undici).
    // A gateway gets the page's cookies for it (a same-site portal's session); nothing else does.
    const r = await fetchFn(url, { method, headers, body: undefined, signal: controller.signal, credentials: gateway && "include" });
    const h = [];
    const rh = r.headers;
    if (rh !== null && typeof rh === "object" && typeof rh[Symbol.iterator] === "function")
      for (const pair of rh) if (typeof pair[0] === "string" && typeof pair[1] === "string") h.push(pair[0], pair[1]);
    const body = await r.arrayBuffer();
    if (!(body instanceof ArrayBuffer)) throw new TypeError("arrayBuffer() did not give an ArrayBuffer");
    return { status: typeof r.status === "number" ? r.status : 0, headers: h, body };
  } catch (e) {
    throw { kind: state || NETWORK, message: describeFailure(e) };
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener("abort", onAbort);
  }
}

/** Waits `ms`; false when `signal` aborts first (or already has). */
function sleepUnlessAborted(ms, signal) {
  return new Promise((resolve) => {
    if (signal && signal.aborted) return resolve(false);
    if (ms <= 0) return resolve(true);
    const t = setTimeout(() => {
      if (signal) signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, Math.min(ms, 2147483647));
    function onAbort() {
      clearTimeout(t);
      resolve(false);
    }
    if (signal) signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** The sentence that explains a suspected CORS failure and how to fix it: the core's
 * appconfig_core::http::CORS_HINT word for word (tests/js_policy.rs fails when the two differ). */
const CORS_HINT =
  "the browser most likely blocked the request by CORS: AWS AppConfig sends no CORS headers, so a web page cannot call it directly. " +
  "Use the `gateway` option (appconfig-gateway, no AWS key in the page) or the `proxy` option (a forwarding proxy such as `appconfig-gateway proxy`)";

/** True when a browser page or worker would make a cross-origin request to `url` (never in Node).
 * The same rule as appconfig-fetch's runtime::cross_origin: both are tested against
 * crates/appconfig-fetch/tests/data/cross_origin.json (web/pkg-tests/test/policy.test.mjs). */
function crossOrigin(url) {
  if (typeof process !== "undefined" && process.versions && process.versions.node) return false;
  const loc = globalThis.location;
  if (loc === undefined || loc === null) return false;
  const origin = loc.origin;
  // A page without an origin (file:, sandboxed) makes every request cross-origin.
  if (typeof origin !== "string" || origin === "null") return true;
  try {
    return new URL(url).origin !== origin;
  } catch {
    return false;
  }
}
