// A canned AppConfig on 127.0.0.1 for the tests: it checks every request's SigV4 signature with
// @smithy/signature-v4 (the AWS SDK for JavaScript's signer) and answers by scenario, chosen by
// the ApplicationId in the path. The EnvironmentId keys the per-call attempt counter, so each
// test uses its own.
import http from "node:http";
import { SignatureV4 } from "@smithy/signature-v4";
import { HttpRequest } from "@smithy/protocol-http";
import { Hash } from "@smithy/hash-node";

export const CREDENTIALS = {
  accessKeyId: "AKIDTESTPKG",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
export const SESSION = { ...CREDENTIALS, sessionToken: "FwoGZXIvYXdzEXAMPLETOKEN//+==" };

export const FULL_DEPLOYMENT = {
  ApplicationId: "app1234",
  EnvironmentId: "env5678",
  DeploymentStrategyId: "str9012",
  ConfigurationProfileId: "pro3456",
  DeploymentNumber: 7,
  ConfigurationName: "flags",
  ConfigurationLocationUri: "hosted",
  ConfigurationVersion: "3",
  Description: "turn on the thing",
  DeploymentDurationInMinutes: 20,
  GrowthType: "LINEAR",
  GrowthFactor: 25,
  FinalBakeTimeInMinutes: 10,
  State: "BAKING",
  EventLog: [
    { EventType: "BAKE_TIME_STARTED", TriggeredBy: "APPCONFIG", Description: "Deployment bake time started", OccurredAt: "2024-05-01T12:20:00.123Z" },
    {
      EventType: "PERCENTAGE_UPDATED",
      TriggeredBy: "APPCONFIG",
      Description: "Configuration available to 100.00% of clients",
      OccurredAt: "2024-05-01T12:20:00Z",
      ActionInvocations: [
        {
          ExtensionIdentifier: "ext1",
          ActionName: "notify",
          Uri: "arn:aws:lambda:us-east-1:111122223333:function:n",
          RoleArn: "arn:aws:iam::111122223333:role/r",
          ErrorMessage: "boom",
          ErrorCode: "Lambda.Failed",
          InvocationId: "inv1",
        },
      ],
    },
    { EventType: "DEPLOYMENT_STARTED", TriggeredBy: "USER", Description: "Deployment started", OccurredAt: "2024-05-01T12:00:00Z" },
  ],
  PercentageComplete: 100,
  StartedAt: "2024-05-01T12:00:00Z",
  AppliedExtensions: [
    { ExtensionId: "ext1", ExtensionAssociationId: "assoc1", VersionNumber: 2, Parameters: { StartedAt: "not a date", k: "v" } },
  ],
  KmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k",
  KmsKeyIdentifier: "alias/k",
  VersionLabel: "v3",
};

const signer = (creds, region, service) =>
  new SignatureV4({ service, region, credentials: creds, sha256: Hash.bind(null, "sha256"), applyChecksum: false });

/** Checks the SigV4 signature of a received request; returns why it is wrong, or null. */
export async function verifySignature(req, creds) {
  const auth = req.headers.authorization ?? "";
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return `malformed authorization header: ${auth}`;
  const [, akid, , region, service, signedHeaders] = m;
  if (akid !== creds.accessKeyId) return `unknown access key ${akid}`;
  const amzDate = req.headers["x-amz-date"];
  const dm = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate ?? "");
  if (!dm) return `bad x-amz-date ${amzDate}`;
  const signingDate = new Date(`${dm[1]}-${dm[2]}-${dm[3]}T${dm[4]}:${dm[5]}:${dm[6]}Z`);
  if ((req.headers["x-amz-security-token"] ?? undefined) !== creds.sessionToken)
    return "session token mismatch";
  // Through a proxy the signature covers the AWS host, which the proxy learns from this header.
  const host = req.headers["x-appconfig-upstream-host"] ?? req.headers.host;
  const headers = {};
  for (const name of signedHeaders.split(";")) {
    if (name === "x-amz-security-token") continue; // the signer adds it from the credentials
    headers[name] = name === "host" ? host : req.headers[name];
  }
  const url = new URL(req.url, "http://placeholder");
  const query = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? [].concat(query[k], v) : v;
  const expected = await signer(creds, region, service).sign(
    new HttpRequest({ method: req.method, protocol: "https:", hostname: host, path: url.pathname, query, headers }),
    { signingDate },
  );
  return expected.headers.authorization === auth ? null : `signature mismatch: got ${auth}, expected ${expected.headers.authorization}`;
}

const json = (res, status, body, headers = {}) => {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "x-amzn-requestid": `req-${Math.random().toString(36).slice(2, 10)}`, ...headers });
  res.end(text);
};
const awsError = (res, status, code, body = {}, headers = {}) =>
  json(res, status, { Message: `${code} message`, ...body }, { "x-amzn-errortype": `${code}:http://internal.amazon.com/coral/com.amazonaws.appconfig/`, ...headers });

/**
 * Starts the server. `cors`: answer preflights and add CORS headers (as a proxy must).
 * Returns { url, port, calls: Map(env -> count), log: [{method, url, headers, signatureError}], close() }.
 */
export async function startServer({ cors = false, credentials = [CREDENTIALS, SESSION] } = {}) {
  const calls = new Map();
  const log = [];
  const corsHeaders = cors
    ? {
        "access-control-allow-origin": "*",
        "access-control-expose-headers": "x-amzn-requestid, x-amzn-errortype, date",
      }
    : {};
  const server = http.createServer(async (req, res) => {
    const send = (fn) => {
      const orig = res.writeHead.bind(res);
      res.writeHead = (s, h = {}) => orig(s, { ...corsHeaders, ...h });
      fn();
    };
    if (req.method === "OPTIONS") {
      if (!cors) return void res.writeHead(403).end();
      res.writeHead(204, {
        ...corsHeaders,
        "access-control-allow-methods": "GET, POST, OPTIONS",
        "access-control-allow-headers": "authorization, x-amz-date, x-amz-security-token, x-amz-content-sha256, x-appconfig-upstream-host",
        "access-control-max-age": "600",
      });
      return void res.end();
    }
    const creds = credentials.find((c) => (req.headers.authorization ?? "").includes(`Credential=${c.accessKeyId}/`) && (c.sessionToken ?? undefined) === (req.headers["x-amz-security-token"] ?? undefined)) ?? credentials[0];
    const signatureError = await verifySignature(req, creds);
    const entry = { method: req.method, url: req.url, headers: req.headers, signatureError, at: Date.now() };
    log.push(entry);
    const path = new URL(req.url, "http://x").pathname.split("/").map(decodeURIComponent);
    // ["", "applications", app, "environments", env, "deployments", n]
    const [, kind, app, , env, , num] = path;
    const key = env ?? kind;
    const n = (calls.get(key) ?? 0) + 1;
    calls.set(key, n);
    send(() => respond(req, res, { kind, app, env, num, n, signatureError, path, entry }));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const port = server.address().port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    calls,
    log,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}

/** ListHostedConfigurationVersions and GetHostedConfigurationVersion: `num` picks the scenario. */
function hosted(req, res, app, profile, num, path) {
  if (path.length === 6) {
    const q = new URL(req.url, "http://x").searchParams;
    const label = q.get("version_label") ?? undefined;
    if (q.get("next_token") === "page2") return json(res, 200, { Items: [{ ApplicationId: app, ConfigurationProfileId: profile, VersionNumber: 1, ContentType: "text/plain" }] });
    return json(res, 200, { Items: [{ ApplicationId: app, ConfigurationProfileId: profile, VersionNumber: 2, ContentType: "application/json", VersionLabel: label, Description: `max=${q.get("max_results")}`, Surprise: 1 }], NextToken: "page2" });
  }
  if (num === "404") return awsError(res, 404, "ResourceNotFoundException", { Message: "Version 404 not found", ResourceName: "404" });
  if (num === "403")
    return awsError(res, 403, "AccessDeniedException", { Message: "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: appconfig:GetHostedConfigurationVersion" });
  if (num === "7") return void (res.writeHead(200, { "content-type": "text/plain", "version-number": "seven" }), res.end("x"));
  if (num === "8") return void (res.writeHead(200, {}), res.end());
  // Bytes that are not UTF-8, and JSON that looks like an error: content all the same.
  const body = Buffer.concat([Buffer.from('{"__type":"BadRequestException"}'), Buffer.from([0xff, 0x00, 0xfe])]);
  res.writeHead(200, {
    "content-type": "application/json",
    "application-id": app,
    "configuration-profile-id": profile,
    "version-number": num,
    description: "turn on checkout-v2",
    versionlabel: `v${num}.0`,
    kmskeyarn: "arn:aws:kms:us-east-1:123456789012:key/abc",
    "x-amzn-requestid": "req-hosted",
  });
  res.end(body);
}

function respond(req, res, { kind, app, env, num, n, signatureError, path }) {
  if (signatureError) return awsError(res, 403, "InvalidSignatureException", { Message: signatureError });
  if (kind === "applications" && path.length === 2) {
    const q = new URL(req.url, "http://x").searchParams;
    if (q.get("next_token") === "page2") return json(res, 200, { Items: [{ Id: "app2", Name: "second" }] });
    return json(res, 200, { Items: [{ Id: "app1", Name: "first", Description: `max=${q.get("max_results")}` }], NextToken: "page2" });
  }
  if (kind === "applications" && path[3] === "configurationprofiles" && path[5] === "hostedconfigurationversions") return hosted(req, res, app, env, num, path);
  if (kind === "applications" && path.length === 3)
    return json(res, 200, { Id: app, Name: "payments", Description: "the app" });
  if (kind === "applications" && path[3] === "environments" && path.length === 5)
    return json(res, 200, { ApplicationId: app, Id: env, Name: "prod", State: "ReadyForDeployment", Monitors: [{ AlarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:x", AlarmRoleArn: "arn:aws:iam::123456789012:role/r" }] });
  if (req.method === "DELETE" && kind === "applications" && path[5] === "deployments" && path.length === 7)
    // AppConfig answers StopDeployment with 202 and the numeric members only (the AWS CLI's example).
    return json(res, 202, { DeploymentNumber: Number(num), DeploymentDurationInMinutes: 0, GrowthFactor: 0.0, FinalBakeTimeInMinutes: 0, PercentageComplete: 0.0 });
  if (kind === "applications" && path[3] === "environments" && path.length === 4)
    return json(res, 200, { Items: [{ ApplicationId: app, Id: "env1", Name: "prod", State: "READY_FOR_DEPLOYMENT", Monitors: [{ AlarmArn: "arn:a" }] }] });
  if (kind === "applications" && path[5] === "deployments" && path.length === 6)
    return json(res, 200, { Items: [{ DeploymentNumber: 2, State: "COMPLETE", StartedAt: "2024-05-01T12:00:00Z", CompletedAt: "2024-05-01T12:30:00Z", GrowthType: "LINEAR", GrowthFactor: 12.5 }] });
  if (kind === "deploymentstrategies")
    return json(res, 200, { Id: app, Name: "AppConfig.Linear50PercentEvery30Seconds", DeploymentDurationInMinutes: 1, GrowthType: "LINEAR", GrowthFactor: 50, FinalBakeTimeInMinutes: 0, ReplicateTo: "NONE" });
  if (kind !== "applications" || path[5] !== "deployments") return awsError(res, 404, "UnknownOperationException");
  const ok = () => json(res, 200, { ...FULL_DEPLOYMENT, ApplicationId: app, EnvironmentId: env, DeploymentNumber: Number(num) });
  switch (app) {
    case "ok":
      return ok();
    case "minimal":
      return json(res, 200, { State: "COMPLETE", Surprise: { nested: true } });
    case "unknownenum":
      return json(res, 200, { State: "TELEPORTING", GrowthType: "QUADRATIC", EventLog: [{ EventType: "WORMHOLE_OPENED", TriggeredBy: "ALIENS" }] });
    case "notfound":
      return awsError(res, 404, "ResourceNotFoundException", { Message: "Deployment 7 not found", ResourceName: "Deployment" });
    case "badrequest":
      return awsError(res, 400, "BadRequestException", {
        Message: "Configuration is invalid",
        Reason: "InvalidConfiguration",
        Details: { InvalidConfiguration: [{ Constraint: "required", Location: "#/x", Reason: "missing", Type: "Syntactic" }] },
      });
    case "internal":
      return awsError(res, 500, "InternalServerException");
    case "accessdenied":
      return awsError(res, 403, "AccessDeniedException");
    case "unrecognized":
      return json(res, 403, { message: "The security token included in the request is invalid." }, { "x-amzn-errortype": "UnrecognizedClientException" });
    case "expired":
      return json(res, 403, { message: "The security token included in the request is expired" }, { "x-amzn-errortype": "ExpiredTokenException" });
    case "invalidsig":
      return json(res, 403, { message: "The request signature we calculated does not match the signature you provided." }, { "x-amzn-errortype": "InvalidSignatureException" });
    case "flaky500":
      return n === 1 ? awsError(res, 500, "InternalServerException") : ok();
    case "throttled":
      return n === 1 ? awsError(res, 400, "ThrottlingException", { Message: "Rate exceeded" }) : ok();
    case "html502":
      return n === 1
        ? (res.writeHead(502, { "content-type": "text/html" }), res.end("<html><body>Bad Gateway</body></html>"))
        : ok();
    case "skew":
    case "skew20m":
    case "skewyear": {
      // The server's clock is 10 minutes (20 minutes, a year) ahead: requests dated more than 5
      // minutes off are refused. The client corrects by at most 15 minutes (core's
      // MAX_CLOCK_CORRECTION_MS), so only the first is corrected.
      const ahead = { skew: 600_000, skew20m: 1_200_000, skewyear: 365 * 86_400_000 }[app];
      const server = Date.now() + ahead;
      const d = req.headers["x-amz-date"];
      const signed = Date.parse(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(9, 11)}:${d.slice(11, 13)}:${d.slice(13, 15)}Z`);
      if (Math.abs(signed - server) > 5 * 60_000)
        return json(res, 403, { message: `Signature expired: ${d} is now earlier than ${new Date(server - 300_000).toISOString()} (${new Date(server).toISOString()} - 5 min.)` }, { "x-amzn-errortype": "InvalidSignatureException", date: new Date(server).toUTCString() });
      return ok();
    }
    case "slow":
      return void setTimeout(() => { if (!res.destroyed) ok(); }, 1500);
    case "slowbody":
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"State":"DEPLOY');
      return void setTimeout(() => { if (!res.destroyed) res.end('ING"}'); }, 1500);
    case "truncated":
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end('{"State":"DEPLOYING","EventLog":[{"EventType":"DEPLOY');
    case "wrongtype":
      return json(res, 200, { State: "COMPLETE", DeploymentNumber: "seven" });
    case "dropped":
      return void res.socket.destroy();
    // ---- the fault matrix (test/faults.test.mjs) ----
    case "resetbody":
      // Headers and half the body, then the connection is reset.
      res.writeHead(200, { "content-type": "application/json", "content-length": "4000" });
      res.write('{"State":"DEPLOYING","Description":"');
      return void setTimeout(() => res.socket.destroy(), 20);
    case "stall":
      return; // never answers: only a request timeout ends this
    case "throttle429":
      return n === 1 ? json(res, 429, { message: "Too Many Requests" }) : ok();
    case "retryafter":
      return n === 1 ? json(res, 429, { message: "slow down" }, { "retry-after": "1" }) : ok();
    case "html200":
      res.writeHead(200, { "content-type": "text/html" });
      return void res.end("<!doctype html><html><body><h1>Proxy login</h1></body></html>");
    case "big": {
      // 10 MB of JSON: a valid deployment with a very long description.
      const body = JSON.stringify({ State: "COMPLETE", Description: "x".repeat(10 * 1024 * 1024) });
      res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
      return void res.end(body);
    }
    case "badutf8":
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(Buffer.from([...Buffer.from('{"State":"'), 0xff, 0xfe, ...Buffer.from('"}')]));
    case "dupkeys":
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end('{"State":"DEPLOYING","EventLog":[{"EventType":"DEPLOYMENT_STARTED","EventType":"DEPLOYMENT_COMPLETED"}]}');
    default:
      return awsError(res, 404, "ResourceNotFoundException", { Message: `no scenario ${app}`, ResourceName: "Application" });
  }
}
