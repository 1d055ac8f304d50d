// The client, the signer, the response parser and the timeline, in the AWS SDK's shapes.

/** Own property `k` of `o` (never one inherited from a polluted Object.prototype). */
function own(o, k) {
  return o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

function plainHeaders(h) {
  if (h && typeof h.forEach === "function" && typeof h.get === "function" && !(h instanceof Map)) {
    const o = {};
    h.forEach((v, k) => {
      o[k] = v;
    });
    return o;
  }
  if (h instanceof Map) return Object.fromEntries(h);
  return h;
}

// Concurrent calls that need credentials at the same time share one provider call.
function sharePending(provider) {
  let pending = null;
  return () => {
    if (!pending) {
      pending = Promise.resolve()
        .then(() => provider())
        .finally(() => {
          pending = null;
        });
    }
    return pending;
  };
}

/** A client for AWS AppConfig's deployment APIs, in the AWS SDK's shapes. */
class AppConfigClient {
  #client;
  constructor(config) {
    config = nodeDefaults(config);
    if (config && typeof config === "object" && typeof own(config, "credentials") === "function")
      config = Object.assign({}, config, { credentials: sharePending(config.credentials) });
    this.#client = guard(() => new wasm.Client(config));
  }
  /** The signing clock's correction in ms (server minus local), 0 until a skew error taught one. */
  get clockOffset() {
    return this.#client.clockOffset;
  }
  async #send(op, shape, input, options) {
    let r;
    try {
      r = await this.#client.call(op, input, options);
    } catch (e) {
      throw toError(e);
    }
    const $metadata = {
      httpStatusCode: r[1],
      requestId: r[2],
      extendedRequestId: undefined,
      cfId: undefined,
      attempts: r[3],
      totalRetryDelay: r[4],
    };
    if (r[5] !== undefined) $metadata.clockCorrection = r[5];
    const out = parseBody(r[0], r[1], shape, $metadata);
    out.$metadata = $metadata;
    return out;
  }
  getDeployment(input, options) {
    return this.#send(wasm.Op.GetDeployment, "Deployment", input, options);
  }
  /** Stops a running deployment (AppConfig rolls it back); with `AllowRevert: true`, reverts a completed one. */
  stopDeployment(input, options) {
    return this.#send(wasm.Op.StopDeployment, "Deployment", input, options);
  }
  listDeployments(input, options) {
    return this.#send(wasm.Op.ListDeployments, "Deployments", input, options);
  }
  getApplication(input, options) {
    return this.#send(wasm.Op.GetApplication, "Application", input, options);
  }
  listApplications(input, options) {
    return this.#send(wasm.Op.ListApplications, "Applications", input === undefined ? {} : input, options);
  }
  getEnvironment(input, options) {
    return this.#send(wasm.Op.GetEnvironment, "Environment", input, options);
  }
  listEnvironments(input, options) {
    return this.#send(wasm.Op.ListEnvironments, "Environments", input, options);
  }
  getDeploymentStrategy(input, options) {
    return this.#send(wasm.Op.GetDeploymentStrategy, "DeploymentStrategy", input, options);
  }
  /** For code written against the AWS SDK; there is nothing to close. */
  destroy() {}
}

function signRequest(request, options) {
  if (request && typeof request === "object") {
    request = Object.assign({}, request, { headers: plainHeaders(own(request, "headers")) });
    if (typeof URL === "function" && request.url instanceof URL) request.url = request.url.href;
  }
  return guard(() => wasm.signRequest(request, options));
}

function typeName(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  const t = typeof v;
  return t === "object" ? "an object" : t === "undefined" ? "undefined" : `a ${t}`;
}

const lossy = new TextDecoder();

function parseGetDeploymentResponse(response) {
  if (response === null || typeof response !== "object" || Array.isArray(response))
    throw validationError(`invalid response: must be an object, got ${typeName(response)}`);
  const status = own(response, "statusCode");
  if (typeof status !== "number" || !Number.isInteger(status) || status < 0 || status > 65535)
    throw validationError("invalid statusCode: must be an HTTP status");
  const h = plainHeaders(own(response, "headers"));
  const pairs = [];
  if (h !== undefined && h !== null) {
    if (typeof h !== "object" || Array.isArray(h)) throw validationError("invalid headers: must be an object of strings");
    for (const k of Object.keys(h)) {
      const v = h[k];
      if (typeof v !== "string" && typeof v !== "number") throw validationError(`invalid headers.${k}: must be a string`);
      pairs.push(k.toLowerCase(), String(v));
    }
  }
  let body = own(response, "body");
  if (body !== undefined && body !== null && typeof body !== "string" && !(body instanceof Uint8Array) && !(body instanceof ArrayBuffer))
    throw validationError(`invalid body: must be a string, Uint8Array or ArrayBuffer, got ${typeName(body)}`);
  let requestId;
  for (let i = 0; i < pairs.length; i += 2)
    if (pairs[i] === "x-amzn-requestid" || (pairs[i] === "x-amz-request-id" && requestId === undefined)) requestId = pairs[i + 1];
  if (status >= 200 && status < 300) {
    const $metadata = responseMetadata({ httpStatusCode: status, requestId });
    const out = parseBody(body, status, "Deployment", $metadata);
    out.$metadata = $metadata;
    return out;
  }
  const text = typeof body === "string" ? body : body ? lossy.decode(body) : "";
  throw toError(wasm.parseError(status, pairs, text));
}

// ---- deploymentTimeline ------------------------------------------------------------------

const TIMELINE_DATE_KEYS = new Set(["at", "startedAt", "plannedEnd", "endedAt", "completedAt", "bakeStartsAt", "completesAt"]);

// Dates of the timeline's small remainder (bake, rollback, projection), own keys at any depth.
function timelineDates(v) {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) timelineDates(v[i]);
  } else if (v !== null && typeof v === "object") {
    for (const k of Object.keys(v)) {
      const x = v[k];
      if (typeof x === "string") {
        if (TIMELINE_DATE_KEYS.has(k)) v[k] = new Date(x);
      } else if (x !== null && typeof x === "object") timelineDates(x);
    }
  }
  return v;
}

/** A deployment member for the timeline, checked: a Date (ours or the SDK's), or as JSON has it. */
function timeMs(x, path) {
  if (x === undefined || x === null) return NaN;
  if (x instanceof Date) {
    const t = x.getTime();
    if (Number.isNaN(t)) wrong(path, "invalid Date");
    return t;
  }
  return timestamp(x, path).getTime();
}
function text(x, path) {
  if (x === undefined || x === null) return undefined;
  if (typeof x !== "string") wrongType(path, x, "a string");
  return x;
}
function num(x, path, int) {
  if (x === undefined || x === null) return NaN;
  if (typeof x !== "number" || (int && !Number.isInteger(x))) wrongType(path, x, int ? "i32" : "f64");
  return x;
}
const nan = (x) => (Number.isNaN(x) ? null : x);
// The timeline reads a deployment as any property read would (it signs and sends nothing).
const get = (o, k) => o[k];

function deploymentTimeline(deployment, options) {
  if (!deployment || typeof deployment !== "object" || Array.isArray(deployment))
    throw validationError("invalid deployment: must be an object (a getDeployment result)");
  let now = Date.now();
  const n = options && typeof options === "object" ? own(options, "now") : undefined;
  if (n instanceof Date) now = n.getTime();
  else if (typeof n === "number") now = n;
  else if (n !== undefined && n !== null) throw validationError("invalid now: must be a Date or epoch milliseconds");
  if (!Number.isFinite(now)) throw validationError("invalid now: must be a valid Date");
  const d = deployment;
  const texts = [];
  const present = [];
  // The texts cross as one string joined by U+0001; one inside a text (never in AWS's data)
  // would split it, so it is replaced for the wasm (the entries keep the original texts).
  let separatorInside = false;
  const put = (s) => {
    if (s !== undefined && s.indexOf("\x01") !== -1) separatorInside = true;
    texts.push(s === undefined ? "" : s);
    present.push(s === undefined ? 0 : 1);
  };
  const joined = () => (separatorInside ? texts.map((t) => t.replaceAll("\x01", "\ufffd")) : texts).join("\x01");
  let scalars, log, times, failed;
  try {
    scalars = [
      num(get(d, "DeploymentDurationInMinutes"), "DeploymentDurationInMinutes", true),
      num(get(d, "GrowthFactor"), "GrowthFactor", false),
      num(get(d, "FinalBakeTimeInMinutes"), "FinalBakeTimeInMinutes", true),
      num(get(d, "PercentageComplete"), "PercentageComplete", false),
      timeMs(get(d, "StartedAt"), "StartedAt"),
      timeMs(get(d, "CompletedAt"), "CompletedAt"),
    ];
    put(text(get(d, "State"), "State"));
    put(text(get(d, "GrowthType"), "GrowthType"));
    log = get(d, "EventLog");
    if (log === undefined || log === null) log = [];
    if (!Array.isArray(log)) wrongType("EventLog", log, "a sequence");
    times = new Float64Array(log.length);
    failed = new Uint32Array(log.length);
    for (let i = 0; i < log.length; i++) {
      const e = log[i];
      const p = `EventLog[${i}]`;
      if (e === null || typeof e !== "object" || Array.isArray(e)) wrongType(p, e, "struct DeploymentEvent");
      put(text(get(e, "EventType"), `${p}.EventType`));
      put(text(get(e, "TriggeredBy"), `${p}.TriggeredBy`));
      put(text(get(e, "Description"), `${p}.Description`));
      times[i] = timeMs(get(e, "OccurredAt"), `${p}.OccurredAt`);
      const inv = get(e, "ActionInvocations");
      if (inv !== undefined && inv !== null) {
        if (!Array.isArray(inv)) wrongType(`${p}.ActionInvocations`, inv, "a sequence");
        for (const a of inv) {
          if (a === null || typeof a !== "object") continue;
          const code = get(a, "ErrorCode"), msg = get(a, "ErrorMessage");
          if ((code !== undefined && code !== null) || (msg !== undefined && msg !== null)) failed[i]++;
        }
      }
    }
  } catch (e) {
    if (e instanceof Malformed) throw validationError(`invalid deployment: ${e.reason}`);
    throw e;
  }
  const [rest, ent, steps, chart] = guard(() => wasm.deploymentTimeline(scalars, joined(), new Uint8Array(present), times, failed, now));
  timelineDates(rest);
  const entries = new Array(ent.length / 5);
  for (let i = 0, j = 0; j < ent.length; i++, j += 5) {
    const li = ent[j];
    const t = 2 + 3 * li;
    entries[i] = {
      logIndex: li,
      eventType: present[t] ? texts[t] : null,
      triggeredBy: present[t + 1] ? texts[t + 1] : null,
      description: present[t + 2] ? texts[t + 2] : null,
      occurredAt: Number.isNaN(times[li]) ? null : new Date(times[li]),
      sincePreviousMs: nan(ent[j + 1]),
      sinceStartMs: nan(ent[j + 2]),
      percentage: nan(ent[j + 3]),
      failedInvocations: ent[j + 4],
    };
  }
  const points = (a) => {
    const out = new Array(a.length / 2);
    for (let i = 0; i < a.length; i += 2) out[i / 2] = { at: new Date(a[i]), percentage: a[i + 1] };
    return out;
  };
  rest.entries = entries;
  rest.steps = points(steps);
  rest.chart = points(chart);
  return rest;
}
