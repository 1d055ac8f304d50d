// The JavaScript face of appconfig-wasm. build-pkg.sh wraps this file twice: as an ES module over
// the `web` wasm-bindgen build (browsers, workers, bundlers) and as CommonJS over the `nodejs`
// build. In both, `wasm` is the wasm-bindgen module: { Client, signRequest,
// parseGetDeploymentResponse, deploymentTimeline }. The wasm side returns JSON text; this file
// turns it into the AWS SDK's shapes.

/** Base class of every error this package throws. */
class AppConfigError extends Error {
  constructor(opts) {
    super(opts.message);
    this.name = opts.name;
    this.$fault = opts.$fault;
    this.$metadata = opts.$metadata;
  }
}

/** An error response from AppConfig (or anything speaking its protocol), as in the AWS SDK. */
class AppConfigServiceException extends AppConfigError {}

const SERVICE_ERROR_NAMES = [
  "BadRequestException",
  "ConflictException",
  "InternalServerException",
  "PayloadTooLargeException",
  "ResourceNotFoundException",
  "ServiceQuotaExceededException",
  "AccessDeniedException",
  "ThrottlingException",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "ExpiredTokenException",
];
const CLIENT_ERROR_NAMES = [
  "ValidationError",
  "EndpointError",
  "SigningError",
  "CredentialsProviderError",
  "NetworkError",
  "TimeoutError",
  "AbortError",
  "MalformedResponseError",
];

function namedClass(base, name) {
  const C = class extends base {};
  Object.defineProperty(C, "name", { value: name });
  return C;
}
const errorClasses = Object.create(null);
for (const n of SERVICE_ERROR_NAMES) errorClasses[n] = namedClass(AppConfigServiceException, n);
for (const n of CLIENT_ERROR_NAMES) errorClasses[n] = namedClass(AppConfigError, n);

function responseMetadata(m) {
  m = m || {};
  return {
    httpStatusCode: m.httpStatusCode,
    requestId: m.requestId,
    extendedRequestId: undefined,
    cfId: undefined,
    attempts: m.attempts,
    totalRetryDelay: m.totalRetryDelay,
  };
}

// Errors cross from wasm as JSON text; anything else (a bug) is rethrown as it is.
function toError(e) {
  if (typeof e !== "string" || e[0] !== "{") return e;
  const d = JSON.parse(e);
  const C =
    errorClasses[d.name] || (d.kind === "service" ? AppConfigServiceException : AppConfigError);
  const err = new C({
    name: d.name,
    message: d.message,
    $fault: d.$fault,
    $metadata: responseMetadata(d.$metadata),
  });
  if (d.members) Object.assign(err, d.members);
  if (d.corsSuspected) err.corsSuspected = true;
  return err;
}

function guard(f) {
  try {
    return f();
  } catch (e) {
    throw toError(e);
  }
}

function toDate(o, k) {
  if (o && typeof o[k] === "string") o[k] = new Date(o[k]);
}
function deploymentDates(d) {
  toDate(d, "StartedAt");
  toDate(d, "CompletedAt");
  if (Array.isArray(d.EventLog)) for (const e of d.EventLog) toDate(e, "OccurredAt");
  return d;
}
function deploymentListDates(page) {
  if (Array.isArray(page.Items))
    for (const i of page.Items) {
      toDate(i, "StartedAt");
      toDate(i, "CompletedAt");
    }
  return page;
}
function withMetadata(text, convert) {
  const r = JSON.parse(text);
  return Object.assign({ $metadata: responseMetadata(r.$metadata) }, convert(r.output));
}
const same = (x) => x;

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
    if (config && typeof config === "object" && typeof config.credentials === "function")
      config = Object.assign({}, config, { credentials: sharePending(config.credentials) });
    this.#client = guard(() => new wasm.Client(config));
  }
  async #send(op, input, options, convert) {
    let text;
    try {
      text = await this.#client.call(op, input, options);
    } catch (e) {
      throw toError(e);
    }
    return withMetadata(text, convert);
  }
  getDeployment(input, options) {
    return this.#send("GetDeployment", input, options, deploymentDates);
  }
  listApplications(input, options) {
    return this.#send("ListApplications", input === undefined ? {} : input, options, same);
  }
  listEnvironments(input, options) {
    return this.#send("ListEnvironments", input, options, same);
  }
  listDeployments(input, options) {
    return this.#send("ListDeployments", input, options, deploymentListDates);
  }
  getDeploymentStrategy(input, options) {
    return this.#send("GetDeploymentStrategy", input, options, same);
  }
  /** For code written against the AWS SDK; there is nothing to close. */
  destroy() {}
}

function signRequest(request, options) {
  if (request && typeof request === "object") {
    request = Object.assign({}, request, { headers: plainHeaders(request.headers) });
    if (typeof URL === "function" && request.url instanceof URL) request.url = request.url.href;
  }
  return JSON.parse(guard(() => wasm.signRequest(request, options)));
}

function parseGetDeploymentResponse(response) {
  if (response && typeof response === "object")
    response = Object.assign({}, response, { headers: plainHeaders(response.headers) });
  return withMetadata(
    guard(() => wasm.parseGetDeploymentResponse(response)),
    deploymentDates,
  );
}

const TIMELINE_DATE_KEYS = new Set([
  "at",
  "occurredAt",
  "startedAt",
  "plannedEnd",
  "endedAt",
  "completedAt",
  "bakeStartsAt",
  "completesAt",
]);

function validationError(message) {
  return new errorClasses.ValidationError({
    name: "ValidationError",
    message,
    $fault: "client",
    $metadata: responseMetadata(),
  });
}

function deploymentTimeline(deployment, options) {
  if (!deployment || typeof deployment !== "object" || Array.isArray(deployment))
    throw validationError("invalid deployment: must be an object (a getDeployment result)");
  let now;
  const n = options && typeof options === "object" ? options.now : undefined;
  if (n instanceof Date) now = n.getTime();
  else if (typeof n === "number") now = n;
  else if (n !== undefined && n !== null) throw validationError("invalid now: must be a Date or epoch milliseconds");
  let json;
  try {
    json = JSON.stringify(deployment);
  } catch (e) {
    throw validationError(`invalid deployment: not serializable (${e && e.message})`);
  }
  const text = guard(() => wasm.deploymentTimeline(json, now));
  return timelineDates(JSON.parse(text));
}

// What a JSON.parse reviver turning TIMELINE_DATE_KEYS into Dates does (own keys, at any depth),
// in about a third of the time: V8's reviver path is slow (1,000 events: 3.6 ms → 1.3 ms with
// the parse, web/bench/speed.mjs).
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

const {
  BadRequestException,
  ConflictException,
  InternalServerException,
  PayloadTooLargeException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  AccessDeniedException,
  ThrottlingException,
  UnrecognizedClientException,
  InvalidSignatureException,
  ExpiredTokenException,
  ValidationError,
  EndpointError,
  SigningError,
  CredentialsProviderError,
  NetworkError,
  TimeoutError,
  AbortError,
  MalformedResponseError,
} = errorClasses;
