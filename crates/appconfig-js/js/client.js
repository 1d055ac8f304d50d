// The client, the signer and the response parser, in the AWS SDK's shapes. What the AWS SDK's
// rules decide is the wasm's, called synchronously (crates/appconfig-js/src): the model's input
// rules, endpoints, SigV4 with a signer that keeps its keys, reading error responses, and the
// standard retry mode's decisions (backoff, Retry-After, the clock-skew correction and its
// 15-minute bound). This file reads the caller's values, runs the attempts and builds results.

/** Credentials are asked for again this long before they expire, as the AWS SDKs do: the core's
 * appconfig_core::sign::EXPIRY_WINDOW_MS (tests/js_policy.rs fails when the two differ). */
const EXPIRY_WINDOW_MS = 5 * 60 * 1000;

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

// ---- error responses: the body parsed by JSON.parse, read by the core's rules ----------------

const lossy = new TextDecoder();
const ERROR_MEMBERS = ["__type", "code", "Code", "message", "Message", "errorMessage"];
// What crosses in lines and descriptors may not hold their separators (a header value from a
// custom fetch, an error body's text): they become U+FFFD.
const noSeparators = (s) => s.replace(/[\n\x01]/g, "\ufffd");
const noSep1 = (s) => (s.indexOf("\x01") === -1 ? s : s.replaceAll("\x01", "\ufffd"));

/** The error body as an object when it is a JSON object (else undefined). */
function errorBody(text) {
  let v;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  return v !== null && typeof v === "object" && !Array.isArray(v) ? v : undefined;
}

/** A scalar member as text (as serde_json writes it); undefined for objects, arrays, null. */
function scalarText(v) {
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
}

/** The members the core reads, as they cross (crates/appconfig-js/src/wire.rs). */
function memberLines(body) {
  return ERROR_MEMBERS.map((k) => {
    const t = scalarText(own(body, k));
    return t === undefined ? "" : "=" + noSep1(t);
  }).join("\x01");
}

/** Header pairs as `name\nvalue` lines. */
function headerLines(pairs) {
  let out = "";
  for (let i = 0; i < pairs.length; i++) out += (i ? "\n" : "") + noSeparators(pairs[i]);
  return out;
}

function requestIdOf(pairs) {
  let id;
  for (let i = 0; i < pairs.length; i += 2) {
    const k = pairs[i].toLowerCase();
    if (k === "x-amzn-requestid") return pairs[i + 1];
    if (k === "x-amz-request-id" && id === undefined) id = pairs[i + 1];
  }
  return id;
}

/** The typed error of a service error descriptor, with the modeled members of `body`. */
function serviceException(descriptor, $metadata, body) {
  const [code, message, fault, fallback] = descriptor.split("\x01");
  const err = makeError(code, message || fallback, fault, $metadata, true);
  if (message) err.Message = message;
  const resource = scalarText(own(body, "ResourceName"));
  if (resource !== undefined) err.ResourceName = resource;
  const reason = scalarText(own(body, "Reason"));
  if (reason !== undefined) err.Reason = reason;
  const details = own(body, "Details");
  const list = own(details, "InvalidConfiguration");
  if (list !== undefined && list !== null) {
    err.Details = {};
    if (Array.isArray(list))
      err.Details.InvalidConfiguration = list.map((item) => {
        const d = {};
        for (const k of ["Constraint", "Location", "Reason", "Type", "Value"]) {
          const v = own(item, k);
          if (typeof v === "string") d[k] = v;
        }
        return d;
      });
  }
  return err;
}

/**
 * GetHostedConfigurationVersion's output (the model's blob payload): `Content` the body's bytes,
 * the other members from the headers of HOSTED_HEADERS (generated from the core's table).
 */
function hostedVersion(res, m) {
  const out = { Content: blob(new Uint8Array(res.body)) };
  for (const [k, h, t] of HOSTED_HEADERS) {
    const v = headerOf(res.headers, h);
    if (v === undefined) continue;
    if (t === "i") {
      // As Rust's i32 parse of the trimmed value.
      const n = /^[+-]?\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
      if (!(n >= -2147483648 && n <= 2147483647))
        throw makeError("MalformedResponseError", `malformed response (HTTP ${res.status}): header ${h} is not a 32-bit integer: ${JSON.stringify(v)}`, "server", m);
      out[k] = n;
    } else out[k] = v;
  }
  return out;
}

/** `bytes` with the AWS SDK's `transformToString(encoding = "utf-8")` (its Uint8ArrayBlobAdapter's). */
function blob(bytes) {
  bytes.transformToString = (encoding) => {
    if (encoding !== "base64") return new TextDecoder(encoding).decode(bytes);
    let s = "";
    for (let i = 0; i < bytes.length; i += 32768) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 32768));
    return btoa(s);
  };
  return bytes;
}

/** The first value of header `name` (any case) in `[name, value, ...]` pairs. */
function headerOf(pairs, name) {
  name = name.toLowerCase();
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i].toLowerCase() === name) return pairs[i + 1];
}

// ---- the client ----------------------------------------------------------------------------

/** A client for AWS AppConfig's deployment APIs, in the AWS SDK's shapes. */
class AppConfigClient {
  #wasm;
  #fixed;
  #provider;
  #cached;
  #fetch;
  #timeoutMs;
  #offset = 0;
  #gw;
  #token;
  constructor(config) {
    const c = object(nodeDefaults(config), "config");
    const region = member(c, "region", S);
    const useFips = member(c, "useFipsEndpoint", B) || false;
    const useDualstack = member(c, "useDualstackEndpoint", B) || false;
    const endpoint = member(c, "endpoint", S);
    const proxy = member(c, "proxy", S);
    const gateway = member(c, "gateway", S);
    if (region === undefined && endpoint === undefined) throw invalid("region", "a value is required");
    const credentials = own(c, "credentials");
    // Through a gateway the browser holds no AWS key: the gateway signs; the caller's identity
    // toward it is an optional bearer token (a string or an async function; and its cookies).
    // The wasm checks the gateway's URL and the region as an endpoint's; the request goes to
    // {gateway}/v1/{account}/{region}/appconfig{path}, built here (the core's Target does the
    // same for the dashboard) so that the package's .wasm stays within its size budget.
    if (gateway) {
      const account = member(c, "account", S);
      // Credentials, if given, are never read: nothing is signed here.
      if (!/^[\w-]{1,64}$/.test(account || "/") || endpoint || proxy) throw invalid("gateway", "needs account [\\w-]{1,64}, no endpoint or proxy");
      // A trailing slash of `gateway` gives `//v1/`, which the gateway takes as `/v1/`.
      this.#gw = `${gateway}/v1/${account}/${region}/appconfig`;
      this.#token = own(c, "gatewayToken");
    } else if (credentials === undefined || credentials === null)
      throw invalid("credentials", "a value is required: { accessKeyId, secretAccessKey, sessionToken? } or an async function returning one");
    else if (typeof credentials === "function") this.#provider = sharePending(credentials);
    else this.#fixed = readCredentials(credentials, "credentials");
    const maxAttempts = member(c, "maxAttempts", I);
    if (maxAttempts !== undefined && !(maxAttempts >= 1 && maxAttempts <= 100)) throw invalid("maxAttempts", "must be from 1 to 100");
    const timeout = member(c, "requestTimeoutMs", I);
    if (timeout !== undefined && !(timeout >= 1 && timeout <= 2147483647)) throw invalid("requestTimeoutMs", "must be a positive number of ms");
    this.#timeoutMs = timeout;
    const f = own(c, "fetch");
    if (f !== undefined && f !== null && typeof f !== "function") throw invalid("fetch", `must be a function, got ${typeName(f)}`);
    this.#fetch = f || ((url, init) => fetch(url, init));
    this.#wasm = guard(() => new wasm.Client(region, gateway || endpoint, proxy, useFips, useDualstack, maxAttempts || 3)); // 3: appconfig_core::retry::DEFAULT_MAX_ATTEMPTS (tests/js_policy.rs)
  }
  /** The signing clock's correction in ms (server minus local), 0 until a skew error taught one. */
  get clockOffset() {
    return this.#offset;
  }
  async #credentials(now) {
    if (this.#fixed) return this.#fixed;
    const c = this.#cached;
    if (c && (c.expiration === undefined || c.expiration - EXPIRY_WINDOW_MS > now)) return c;
    let v, fresh;
    try {
      v = await this.#provider();
    } catch (e) {
      throw typeof e === "string" ? e : (e !== null && typeof e === "object" && typeof e.message === "string" && e.message) || "the credentials provider failed";
    }
    try {
      fresh = readCredentials(v, "credentials()");
    } catch (e) {
      throw e.message;
    }
    if (fresh.expiration !== undefined && fresh.expiration <= now) throw "the provider returned credentials that have already expired";
    this.#cached = fresh;
    return fresh;
  }
  async #send(op, shape, input, options) {
    const m = { httpStatusCode: undefined, requestId: undefined, attempts: 0, totalRetryDelay: 0 };
    // Read and validated now, synchronously: nothing is asked of a provider, signed or sent for
    // bad input, and later changes to the caller's objects do not matter.
    let line, signal;
    try {
      line = prepareInput(wasm, op, input);
      signal = abortSignalOf(options);
    } catch (e) {
      if (e instanceof AppConfigError) e.$metadata = responseMetadata(m);
      throw e;
    }
    const method = line.slice(0, line.indexOf("\n"));
    const aborted = () => makeError("AbortError", "the request was aborted", "client", m);
    let skewCorrected = false;
    for (;;) {
      if (signal && signal.aborted) throw aborted();
      const local = Date.now();
      let cr, token = this.#token;
      try {
        if (!this.#gw) cr = await this.#credentials(local);
        else if (typeof token == "function") token = await token();
      } catch (e) {
        throw makeError("CredentialsProviderError", `could not get credentials: ${e}`, "client", m);
      }
      if (signal && signal.aborted) throw aborted();
      const signed = (this.#gw ? this.#gw + line.slice(line.indexOf("\n") + 1) : guard(() => this.#wasm.sign(line, cr.accessKeyId, cr.secretAccessKey, cr.sessionToken, local + this.#offset), m)).split("\n");
      const headers = [];
      for (let i = 1; i < signed.length; i += 2) headers.push([signed[i], signed[i + 1]]);
      if (token) headers.push(["authorization", "Bearer " + token]);
      m.attempts++;
      let res, failure = 0, why;
      try {
        res = await attempt(this.#fetch, signed[0], method, headers, signal, this.#timeoutMs, this.#gw);
      } catch (f) {
        failure = f.kind;
        why = f.message;
      }
      let text = "", body, d;
      if (res) {
        m.httpStatusCode = res.status;
        m.requestId = requestIdOf(res.headers);
        if (res.status >= 200 && res.status < 300) {
          const out = shape ? parseBody(res.body, res.status, shape, m) : hostedVersion(res, m);
          out.$metadata = responseMetadata(m);
          return out;
        }
        text = lossy.decode(res.body);
        body = errorBody(text);
        d = this.#wasm.decide(m.attempts, skewCorrected, Math.random(), Date.now(), 0, res.status, headerLines(res.headers), noSep1(text), memberLines(body));
      } else {
        d = this.#wasm.decide(m.attempts, skewCorrected, Math.random(), Date.now(), failure, 0, "", "", "");
      }
      const sep = d.indexOf("\x01");
      const n = Number(sep < 0 ? d.slice(1) : d.slice(1, sep));
      if (d[0] === "G") {
        if (res) throw serviceException(d.slice(sep + 1), m, body);
        if (failure === TIMEOUT)
          throw makeError("TimeoutError", `no response within ${this.#timeoutMs} ms (attempt ${m.attempts} of the call); raise requestTimeoutMs or check the network`, "client", m);
        if (failure === ABORTED) throw aborted();
        const cors = crossOrigin(signed[0]);
        const err = makeError("NetworkError", `network error: ${why}${cors ? `; ${CORS_HINT}` : ""}`, "client", m);
        if (cors) err.corsSuspected = true;
        throw err;
      }
      if (d[0] === "C") {
        skewCorrected = true;
        this.#offset = n;
        m.clockCorrection = n;
        continue;
      }
      if (!(await sleepUnlessAborted(n, signal))) throw aborted();
      m.totalRetryDelay += n;
    }
  }
  getDeployment(input, options) {
    return this.#send(0, "Deployment", input, options);
  }
  /** Stops a running deployment (AppConfig rolls it back); with `AllowRevert: true`, reverts a completed one. */
  stopDeployment(input, options) {
    return this.#send(1, "Deployment", input, options);
  }
  listDeployments(input, options) {
    return this.#send(2, "Deployments", input, options);
  }
  getApplication(input, options) {
    return this.#send(3, "Application", input, options);
  }
  listApplications(input, options) {
    return this.#send(4, "Applications", input === undefined ? {} : input, options);
  }
  getEnvironment(input, options) {
    return this.#send(5, "Environment", input, options);
  }
  listEnvironments(input, options) {
    return this.#send(6, "Environments", input, options);
  }
  getDeploymentStrategy(input, options) {
    return this.#send(7, "DeploymentStrategy", input, options);
  }
  listHostedConfigurationVersions(input, options) {
    return this.#send(8, "HostedConfigurationVersions", input, options);
  }
  /** One hosted version: `Content` is the body's bytes, the other members its headers. */
  getHostedConfigurationVersion(input, options) {
    return this.#send(9, null, input, options);
  }
  /** For code written against the AWS SDK; there is nothing to close. */
  destroy() {}
}

// ---- signRequest ---------------------------------------------------------------------------

const utf8Encoder = new TextEncoder();
const NO_BODY = new Uint8Array(0);
// "\n" separates what crosses; in a URL or a header it becomes "\r", which the core refuses (or,
// in a fragment, ignores) exactly as it would the "\n".
const crLines = (s) => (s.indexOf("\n") === -1 ? s : s.replaceAll("\n", "\r"));

function signRequest(request, options) {
  const req = object(request, "request");
  const opts = object(options, "options");
  const m = member(req, "method", S);
  const method = m === undefined ? "GET" : oneLine(m, "method").toUpperCase();
  let url = own(req, "url");
  if (typeof URL === "function" && url instanceof URL) url = url.href;
  else url = required(req, "url", S);
  const fields = [method, crLines(url), "", "", "", "", ""];
  const h = plainHeaders(own(req, "headers"));
  if (h !== undefined && h !== null) {
    if (typeof h !== "object" || Array.isArray(h)) throw invalid("headers", `must be an object of strings, got ${typeName(h)}`);
    for (const k of Object.keys(h)) {
      const v = h[k];
      if (typeof v !== "string" && typeof v !== "number") throw invalid(`headers.${k}`, "must be a string");
      fields.push(crLines(k), crLines(String(v)));
    }
  }
  const b = own(req, "body");
  let body = NO_BODY;
  if (typeof b === "string") body = utf8Encoder.encode(b);
  else if (b instanceof Uint8Array) body = b;
  else if (b instanceof ArrayBuffer) body = new Uint8Array(b);
  else if (b !== undefined && b !== null) throw invalid("body", `must be a string, Uint8Array or ArrayBuffer, got ${typeName(b)}`);
  fields[2] = oneLine(required(opts, "region", S), "region");
  fields[3] = oneLine(required(opts, "service", S), "service");
  const cr = readCredentials(own(opts, "credentials"), "credentials");
  fields[4] = cr.accessKeyId;
  fields[5] = oneLine(cr.secretAccessKey, "credentials.secretAccessKey");
  fields[6] = cr.sessionToken === undefined ? "" : crLines(cr.sessionToken);
  let time = dateMs(opts, "signingDate");
  // SigV4 dates have four-digit years, and signing starts in 1970.
  if (time === undefined) time = Date.now();
  else if (!(time >= 0 && time <= 253402300799999)) throw invalid("signingDate", "must be between 1970 and 9999");
  const normalize = member(opts, "normalizePath", B);
  const flags = (normalize === false ? 0 : 1) | (member(opts, "signBody", B) ? 2 : 0) | (member(opts, "omitSessionToken", B) ? 4 : 0);
  const out = guard(() => wasm.signRequest(fields.join("\n"), body, time, flags)).split("\n");
  const headers = {};
  for (let i = 0; i < out.length; i += 2) headers[out[i]] = out[i + 1];
  return headers;
}

// ---- parseGetDeploymentResponse ------------------------------------------------------------

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
  const body = own(response, "body");
  if (body !== undefined && body !== null && typeof body !== "string" && !(body instanceof Uint8Array) && !(body instanceof ArrayBuffer))
    throw validationError(`invalid body: must be a string, Uint8Array or ArrayBuffer, got ${typeName(body)}`);
  const $metadata = { httpStatusCode: status, requestId: requestIdOf(pairs) };
  if (status >= 200 && status < 300) {
    const out = parseBody(body, status, "Deployment", $metadata);
    out.$metadata = responseMetadata($metadata);
    return out;
  }
  const text = typeof body === "string" ? body : body ? lossy.decode(body) : "";
  const parsed = errorBody(text);
  throw serviceException(wasm.serviceError(status, headerLines(pairs), noSep1(text), memberLines(parsed)), $metadata, parsed);
}
