// Node only (never in the browser build): the AWS SDK's defaults for a client configured without
// a region or credentials. The region from AWS_REGION, AWS_DEFAULT_REGION, then the profile in
// ~/.aws/config; credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (with
// AWS_SESSION_TOKEN), then the profile (AWS_PROFILE, else "default") in ~/.aws/credentials and
// ~/.aws/config: static keys, session tokens, or credential_process. For SSO, web identity or
// instance roles, pass the SDK's own provider: `credentials: fromNodeProviderChain()`.
const nodeFs = require("node:fs");
const nodePath = require("node:path");
const nodeOs = require("node:os");

/** The sections of an AWS shared config or credentials file: { name: { key: value } }. */
function parseIni(text) {
  const out = Object.create(null);
  let section = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+/, "");
    if (line === "" || line[0] === "#" || line[0] === ";") continue;
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      section = out[header[1].trim()] = out[header[1].trim()] || Object.create(null);
      continue;
    }
    const eq = line.indexOf("=");
    if (section && eq > 0 && !/^\s/.test(raw)) section[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  return out;
}

function readIni(file) {
  if (typeof file !== "string") return null;
  try {
    return parseIni(nodeFs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function sharedFiles(env) {
  const home = own(env, "HOME") || own(env, "USERPROFILE") || nodeOs.homedir();
  return {
    credentials: own(env, "AWS_SHARED_CREDENTIALS_FILE") || nodePath.join(home, ".aws", "credentials"),
    config: own(env, "AWS_CONFIG_FILE") || nodePath.join(home, ".aws", "config"),
  };
}

/** The profile's section of each file (config names it `[profile x]`, except default). */
function profileSections(env) {
  const profile = own(env, "AWS_PROFILE") || "default";
  const files = sharedFiles(env);
  const creds = readIni(files.credentials);
  const config = readIni(files.config);
  return {
    profile,
    files,
    credentials: creds && creds[profile],
    config: config && (config[`profile ${profile}`] || (profile === "default" ? config.default : undefined)),
  };
}

function staticKeys(s) {
  if (!s || !s.aws_access_key_id || !s.aws_secret_access_key) return null;
  const c = { accessKeyId: s.aws_access_key_id, secretAccessKey: s.aws_secret_access_key };
  if (s.aws_session_token) c.sessionToken = s.aws_session_token;
  return c;
}

/** credential_process: run the command, read its JSON (Version 1), as the SDKs do. */
function processProvider(command, where) {
  return () =>
    new Promise((resolve, reject) => {
      require("node:child_process").exec(command, { timeout: 60_000, windowsHide: true }, (err, stdout) => {
        // Never the command line (it may carry a token as an argument), nor its output: which
        // profile, and how the process ended.
        if (err) {
          const how = err.killed || err.signal ? `was stopped (${err.signal || "timeout"})` : typeof err.code === "number" ? `exit status ${err.code}` : `could not run (${err.code})`;
          return reject(new Error(`credential_process of ${where} failed: ${how}`));
        }
        let j;
        try {
          j = JSON.parse(stdout);
        } catch {
          return reject(new Error(`credential_process of ${where} printed no JSON`));
        }
        const f = (k) => own(j, k);
        if (f("Version") !== 1 || !f("AccessKeyId") || !f("SecretAccessKey"))
          return reject(new Error(`credential_process of ${where} printed no Version 1 AccessKeyId and SecretAccessKey`));
        const c = { accessKeyId: f("AccessKeyId"), secretAccessKey: f("SecretAccessKey") };
        if (f("SessionToken")) c.sessionToken = f("SessionToken");
        if (f("Expiration")) c.expiration = new Date(f("Expiration"));
        resolve(c);
      });
    });
}

/** Credentials from the environment and the shared files, or a ValidationError naming what was tried. */
function defaultCredentials(env) {
  if (own(env, "AWS_ACCESS_KEY_ID") && own(env, "AWS_SECRET_ACCESS_KEY")) {
    const c = { accessKeyId: own(env, "AWS_ACCESS_KEY_ID"), secretAccessKey: own(env, "AWS_SECRET_ACCESS_KEY") };
    if (own(env, "AWS_SESSION_TOKEN")) c.sessionToken = own(env, "AWS_SESSION_TOKEN");
    if (own(env, "AWS_CREDENTIAL_EXPIRATION")) c.expiration = new Date(own(env, "AWS_CREDENTIAL_EXPIRATION"));
    return c;
  }
  const s = profileSections(env);
  const fromFile = staticKeys(s.credentials) || staticKeys(s.config);
  if (fromFile) return fromFile;
  const proc = (s.credentials && s.credentials.credential_process) || (s.config && s.config.credential_process);
  if (proc) return processProvider(proc, `profile ${s.profile}`);
  throw validationError(
    "invalid credentials: a value is required: { accessKeyId, secretAccessKey, sessionToken? } or an async function returning one; " +
      `none found in the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), in ${s.files.credentials} or in ${s.files.config} ` +
      `(profile ${s.profile}: static keys, session token or credential_process). For SSO, web identity or instance roles pass ` +
      "`credentials: fromNodeProviderChain()` from @aws-sdk/credential-providers",
  );
}

// Requests go through node:http(s) with keep-alive agents, as the SDK's NodeHttpHandler sends
// them: Node's global fetch (undici) costs more per request and loads on first use. The wasm's
// transport takes any fetch-like function (the `fetch` option overrides this one).
const nodeHttp = require("node:http");
let nodeHttps; // loaded with TLS on the first https request
const agents = { "http:": new nodeHttp.Agent({ keepAlive: true }) };

function nodeFetch(url, init) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    if (u.protocol === "https:" && !nodeHttps) {
      nodeHttps = require("node:https");
      agents["https:"] = new nodeHttps.Agent({ keepAlive: true });
    }
    const mod = u.protocol === "https:" ? nodeHttps : u.protocol === "http:" ? nodeHttp : null;
    if (!mod) return reject(new TypeError(`unsupported URL scheme ${u.protocol}`));
    const headers = {};
    if (init.headers) for (const [k, v] of init.headers) headers[k] = v;
    const signal = init.signal;
    if (signal && signal.aborted) return reject(new DOMException("This operation was aborted", "AbortError"));
    let done = false;
    const finish = (f, v) => {
      if (done) return;
      done = true;
      if (signal) signal.removeEventListener("abort", onAbort);
      f(v);
    };
    const req = mod.request(u, { method: init.method, headers, agent: agents[u.protocol] }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("error", (e) => finish(reject, e));
      res.on("close", () => {
        if (!res.complete) return finish(reject, new Error("the connection closed before the whole body arrived"));
        const b = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        const pairs = [];
        for (const k of Object.keys(res.headers)) {
          const v = res.headers[k];
          pairs.push([k, Array.isArray(v) ? v.join(", ") : String(v)]);
        }
        const body = b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
        finish(resolve, { status: res.statusCode, headers: pairs, arrayBuffer: () => Promise.resolve(body) });
      });
    });
    function onAbort() {
      req.destroy();
      finish(reject, new DOMException("This operation was aborted", "AbortError"));
    }
    if (signal) signal.addEventListener("abort", onAbort, { once: true });
    req.on("error", (e) => finish(reject, e));
    if (init.body) req.end(Buffer.from(init.body));
    else req.end();
  });
}

function nodeDefaults(config) {
  if (config === null || typeof config !== "object" || Array.isArray(config)) return config;
  const env = process.env;
  const region = own(config, "region");
  const credentials = own(config, "credentials");
  const endpoint = own(config, "endpoint");
  // Through a gateway no AWS key is read from anywhere: the gateway signs.
  const gateway = own(config, "gateway") !== undefined;
  const out = Object.assign({}, config);
  if (own(config, "fetch") === undefined) out.fetch = nodeFetch;
  if (region !== undefined && region !== null && (gateway || (credentials !== undefined && credentials !== null))) return out;
  if (region === undefined || region === null) {
    const r = own(env, "AWS_REGION") || own(env, "AWS_DEFAULT_REGION") || own(profileSections(env).config, "region");
    if (r) out.region = r;
    else if (endpoint === undefined || endpoint === null) delete out.region;
  }
  if (!gateway && (credentials === undefined || credentials === null)) out.credentials = defaultCredentials(env);
  return out;
}
