// `cargo xtask bench`: appconfig-wasm against the AWS SDK for JavaScript v3, every row of the
// table in crates/appconfig-js/README.md ("Size and speed") in one run. Both peers run in this Node process, interleaved round by round, repeated;
// the medians and their ratios are printed as a table and as JSON (--json FILE writes it).
// Cold start runs fresh processes, alternating. The dashboard row measures what a page load is sent
// of dist/ (built by `cargo xtask dashboard`, with its precompressed .gz siblings) when it exists;
// the comparison module, loaded later, is in its note.
//   node web/bench/bench.mjs [--smoke] [--json FILE]
// --smoke: one short round of each row (the test command runs it to prove the bench works).
// Uses the packages installed in web/pkg-tests (the SDK, @smithy/signature-v4, esbuild).
import http from "node:http";
import { spawn } from "node:child_process";
import { gzipSync } from "node:zlib";
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, cpus } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { sizes as bundleSizes } from "./measure.mjs";

const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (w, ...rest) => {
  if (String(w?.message ?? w).startsWith("NodeVersionSupportWarning")) return;
  emitWarning(w, ...rest);
};

const args = process.argv.slice(2);
const SMOKE = args.includes("--smoke");
const jsonOut = args.includes("--json") ? args[args.indexOf("--json") + 1] : null;
const ROUNDS = SMOKE ? 1 : Number(process.env.BENCH_ROUNDS ?? 9);
const ROUND_MS = SMOKE ? 20 : Number(process.env.BENCH_ROUND_MS ?? 200);
const COLD_RUNS = SMOKE ? 1 : Number(process.env.BENCH_COLD_RUNS ?? 7);

const root = fileURLToPath(new URL("../../", import.meta.url));
const testsDir = join(root, "web/pkg-tests");
const require = createRequire(join(testsDir, "package.json"));
const ours = require("appconfig-wasm");
const oursTimeline = require("appconfig-wasm/timeline");
const sdk = require("@aws-sdk/client-appconfig");
const { SignatureV4 } = require("@smithy/signature-v4");
const { HttpRequest, HttpResponse } = require("@smithy/protocol-http");
const { Hash } = require("@smithy/hash-node");
const { operation } = require("@smithy/core/schema");
const versions = {
  node: process.version,
  sdk: require("@aws-sdk/client-appconfig/package.json").version,
  signer: require("@smithy/signature-v4/package.json").version,
  esbuild: require("esbuild/package.json").version,
  ours: require("appconfig-wasm/package.json").version,
};

// ---- inputs -------------------------------------------------------------------------------
const REGION = "us-east-1";
const CREDENTIALS = { accessKeyId: "AKIDEXAMPLEBENCH", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "FwoGZXIvYXdzEXAMPLETOKEN//+==" };
const SIGNING_DATE = new Date("2026-11-27T09:00:00Z");
const HOST = `appconfig.${REGION}.amazonaws.com`;
const INPUT = { ApplicationId: "339ohji", EnvironmentId: "54j1r29", DeploymentNumber: 1 };
const PATH = `/applications/${INPUT.ApplicationId}/environments/${INPUT.EnvironmentId}/deployments/${INPUT.DeploymentNumber}`;

// The botocore example (examples-1.json), as AppConfig sends it.
const EXAMPLE = {
  ApplicationId: "339ohji",
  CompletedAt: "2021-09-17T21:59:03.888Z",
  ConfigurationLocationUri: "ssm-parameter://Example-Parameter",
  ConfigurationName: "Example-Configuration-Profile",
  ConfigurationProfileId: "ur8hx2f",
  ConfigurationVersion: "1",
  DeploymentDurationInMinutes: 15,
  DeploymentNumber: 1,
  DeploymentStrategyId: "1225qzk",
  EnvironmentId: "54j1r29",
  EventLog: [
    ["DEPLOYMENT_COMPLETED", "Deployment completed", "2021-09-17T21:59:03.888Z", "APPCONFIG"],
    ["BAKE_TIME_STARTED", "Deployment bake time started", "2021-09-17T21:58:57.722Z", "APPCONFIG"],
    ["PERCENTAGE_UPDATED", "Configuration available to 100.00% of clients", "2021-09-17T21:55:56.816Z", "APPCONFIG"],
    ["PERCENTAGE_UPDATED", "Configuration available to 75.00% of clients", "2021-09-17T21:52:56.567Z", "APPCONFIG"],
    ["PERCENTAGE_UPDATED", "Configuration available to 50.00% of clients", "2021-09-17T21:49:55.737Z", "APPCONFIG"],
    ["PERCENTAGE_UPDATED", "Configuration available to 25.00% of clients", "2021-09-17T21:46:55.187Z", "APPCONFIG"],
    ["DEPLOYMENT_STARTED", "Deployment started", "2021-09-17T21:43:54.205Z", "USER"],
  ].map(([EventType, Description, OccurredAt, TriggeredBy]) => ({ EventType, TriggeredBy, Description, OccurredAt })),
  FinalBakeTimeInMinutes: 0,
  GrowthFactor: 25,
  GrowthType: "LINEAR",
  PercentageComplete: 100,
  StartedAt: "2021-09-17T21:43:54.205Z",
  State: "COMPLETE",
};

// 1,000 events, newest first: percentage updates every minute, some with action invocations.
function bigDeployment(n) {
  const t0 = Date.parse("2026-11-20T00:00:00Z");
  const iso = (ms) => new Date(ms).toISOString();
  const events = [];
  for (let i = 0; i < n; i++) {
    let e;
    if (i === 0) e = { EventType: "DEPLOYMENT_STARTED", TriggeredBy: "USER", Description: "Deployment started" };
    else if (i === n - 1) e = { EventType: "BAKE_TIME_STARTED", TriggeredBy: "APPCONFIG", Description: "Deployment bake time started" };
    else {
      e = { EventType: "PERCENTAGE_UPDATED", TriggeredBy: "APPCONFIG", Description: `Configuration available to ${((i / (n - 1)) * 100).toFixed(2)}% of clients` };
      if (i % 50 === 0)
        e.ActionInvocations = [{ ExtensionIdentifier: "arn:aws:appconfig:us-east-1:111122223333:extension/notify/1", ActionName: "notify", Uri: "arn:aws:lambda:us-east-1:111122223333:function:notify", RoleArn: "arn:aws:iam::111122223333:role/notify", InvocationId: `inv-${i}` }];
    }
    e.OccurredAt = iso(t0 + i * 60_000 + (i % 7) * 125);
    events.push(e);
  }
  events.reverse();
  return { ...EXAMPLE, DeploymentNumber: 2, DeploymentDurationInMinutes: n, FinalBakeTimeInMinutes: 30, GrowthFactor: 0.1, State: "BAKING", CompletedAt: undefined, StartedAt: iso(t0), EventLog: events };
}
const BODY_7 = new TextEncoder().encode(JSON.stringify(EXAMPLE));
const BODY_1000 = new TextEncoder().encode(JSON.stringify(bigDeployment(1000)));
const RESPONSE_HEADERS = { "content-type": "application/json", "x-amzn-requestid": "0d5c4a2e-1f1b-4c1e-9a8e-3c9c8b6e1a11", date: new Date().toUTCString() };

// ---- the peers ----------------------------------------------------------------------------
const sdkSigner = new SignatureV4({ service: "appconfig", region: REGION, credentials: CREDENTIALS, sha256: Hash.bind(null, "sha256") });
const sdkRequest = new HttpRequest({ method: "GET", protocol: "https:", hostname: HOST, path: PATH, headers: { host: HOST, "content-type": "application/json" } });
const signSdk = () => sdkSigner.sign(sdkRequest, { signingDate: SIGNING_DATE });
const ourRequest = { method: "GET", url: `https://${HOST}${PATH}`, headers: { "content-type": "application/json" } };
// signBody: the SDK's signer signs x-amz-content-sha256 by default, so ours does too.
const ourSignOptions = { region: REGION, service: "appconfig", credentials: CREDENTIALS, signingDate: SIGNING_DATE, signBody: true };
const signOurs = () => ours.signRequest(ourRequest, ourSignOptions);

// The SDK's deserializer: its schema-based protocol, called as its deserialization middleware calls it.
const parserClient = new sdk.AppConfigClient({ region: REGION, credentials: CREDENTIALS });
const [, ns, nm, tr, inp, outp] = sdk.GetDeployment$;
const opSchema = operation(ns, nm, tr, inp, outp);
const sdkContext = { ...parserClient.config };
const parseSdk = (body) => parserClient.config.protocol.deserializeResponse(opSchema, sdkContext, new HttpResponse({ statusCode: 200, headers: { ...RESPONSE_HEADERS }, body }));
const parseOurs = (body) => ours.parseGetDeploymentResponse({ statusCode: 200, headers: RESPONSE_HEADERS, body });
const utf8 = new TextDecoder();
// The floor: what the host does natively and nothing else.
function parseFloor(body) {
  const d = JSON.parse(utf8.decode(body));
  if (d.StartedAt) d.StartedAt = new Date(d.StartedAt);
  if (d.CompletedAt) d.CompletedAt = new Date(d.CompletedAt);
  for (const e of d.EventLog) e.OccurredAt = new Date(e.OccurredAt);
  return d;
}

// ---- a real local AppConfig over loopback ---------------------------------------------------
const server = http.createServer((req, res) => {
  const big = req.url.includes("/deployments/2");
  if (!req.headers.authorization) {
    res.writeHead(403, { "x-amzn-errortype": "MissingAuthenticationTokenException" });
    return res.end("{}");
  }
  const body = big ? BODY_1000 : BODY_7;
  res.writeHead(200, { ...RESPONSE_HEADERS, date: new Date().toUTCString(), "content-length": body.length });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const ENDPOINT = `http://127.0.0.1:${server.address().port}`;
const sdkClient = new sdk.AppConfigClient({ region: REGION, endpoint: ENDPOINT, credentials: CREDENTIALS, maxAttempts: 1 });
const ourClient = new ours.AppConfigClient({ region: REGION, endpoint: ENDPOINT, credentials: CREDENTIALS, maxAttempts: 1 });
const callSdk = (n) => sdkClient.send(new sdk.GetDeploymentCommand({ ...INPUT, DeploymentNumber: n }));
const callOurs = (n) => ourClient.getDeployment({ ...INPUT, DeploymentNumber: n });

// ---- equivalence: both peers must give the same results ------------------------------------
const problems = [];
function same(what, a, b) {
  const x = JSON.stringify(a), y = JSON.stringify(b);
  if (x !== y) problems.push(`${what}: ours ${x.slice(0, 300)} vs SDK ${y.slice(0, 300)}`);
}
const summary = (d) => ({
  State: d.State,
  DeploymentNumber: d.DeploymentNumber,
  StartedAt: d.StartedAt?.toISOString(),
  CompletedAt: d.CompletedAt?.toISOString(),
  events: d.EventLog?.length,
  firstEvent: d.EventLog?.[0]?.OccurredAt?.toISOString(),
  lastEvent: d.EventLog?.at(-1)?.OccurredAt?.toISOString(),
  invocations: d.EventLog?.reduce((s, e) => s + (e.ActionInvocations?.length ?? 0), 0),
  requestId: d.$metadata?.requestId,
});
{
  const a = signOurs(), b = (await signSdk()).headers;
  for (const h of ["authorization", "x-amz-date", "x-amz-security-token"]) same(`sign: ${h}`, a[h], b[h]);
  for (const [label, body] of [["parse 7", BODY_7], ["parse 1000", BODY_1000]]) same(label, summary(parseOurs(body)), summary(await parseSdk(body)));
  for (const n of [1, 2]) same(`call ${n}`, summary(await callOurs(n)), summary(await callSdk(n)));
}

// ---- measuring ------------------------------------------------------------------------------
const now = () => Number(process.hrtime.bigint()) / 1000; // µs
async function runFor(fn, isAsync, count) {
  const t0 = now();
  if (isAsync) for (let k = 0; k < count; k++) await fn();
  else for (let k = 0; k < count; k++) fn();
  return (now() - t0) / count;
}
async function calibrate(fn) {
  const isAsync = fn() instanceof Promise;
  if (isAsync) await fn();
  let count = 1, per = Infinity;
  const end = now() + (SMOKE ? 20_000 : 300_000);
  while (now() < end) {
    per = await runFor(fn, isAsync, count);
    if (per * count < 20_000) count *= 2;
  }
  return { isAsync, count: Math.max(1, Math.round((ROUND_MS * 1000) / per)) };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Interleaved rounds of each peer; medians in µs per call. */
async function compare(peers) {
  const cal = {};
  for (const [k, fn] of Object.entries(peers)) cal[k] = await calibrate(fn);
  const times = Object.fromEntries(Object.keys(peers).map((k) => [k, []]));
  const keys = Object.keys(peers);
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? [...keys].reverse() : keys;
    for (const k of order) times[k].push(await runFor(peers[k], cal[k].isAsync, cal[k].count));
  }
  return Object.fromEntries(keys.map((k) => [k, median(times[k])]));
}

const rows = [];
function row(id, label, unit, oursV, theirs, goal, note) {
  const ratio = theirs === undefined ? undefined : theirs / oursV;
  rows.push({ id, label, unit, ours: oursV, theirs, ratio, goal: goal.text, met: goal.check(oursV, theirs, ratio), note });
}
const atLeast = (x) => ({ text: `>= ${x}x`, check: (o, t, r) => r >= x });

if (problems.length === 0) {
  // Transfer size: esbuild bundles for the browser, minified, gzip -9.
  const s = await bundleSizes();
  row("transfer", "transfer, .wasm + JS, gzip -9", "B", s.ours.gzip, s.sdk.gzip, { text: "< 1.0x the SDK (stretch 0.75x)", check: (o, t) => o < t }, `wasm ${s.oursWasm.gzip} + JS ${s.oursJs.gzip}; ratio here is SDK/ours`);

  let m = await compare({ ours: signOurs, sdk: signSdk });
  row("sign", "sign a GetDeployment request vs @smithy/signature-v4", "µs", m.ours, m.sdk, atLeast(2));
  m = await compare({ ours: () => parseOurs(BODY_7), sdk: () => parseSdk(BODY_7) });
  row("parse7", "parse 7 events vs the SDK's deserializer", "µs", m.ours, m.sdk, atLeast(2));
  m = await compare({ ours: () => parseOurs(BODY_1000), sdk: () => parseSdk(BODY_1000), floor: () => parseFloor(BODY_1000) });
  row("parse1000", "parse 1,000 events vs the SDK", "µs", m.ours, m.sdk, atLeast(1.2));
  row("floor1000", "parse 1,000 events vs TextDecoder + JSON.parse + new Date alone", "µs", m.ours, m.floor, { text: ">= 0.5x the floor's speed", check: (o, t, r) => r >= 0.5 });
  m = await compare({ ours: () => callOurs(1), sdk: () => callSdk(1) });
  row("call7", "getDeployment over loopback, 7 events", "µs", m.ours, m.sdk, atLeast(1.5));
  m = await compare({ ours: () => callOurs(2), sdk: () => callSdk(2) });
  row("call1000", "getDeployment over loopback, 1,000 events", "µs", m.ours, m.sdk, atLeast(1.5));

  // Cold start: a fresh Node per run, alternating; import + client + first signed call.
  const cold = { ours: [], sdk: [] };
  const script = {
    ours: `const t0 = performance.now(); const { AppConfigClient } = require("appconfig-wasm"); new AppConfigClient({ region: "us-east-1", endpoint: process.env.EP, credentials: ${JSON.stringify(CREDENTIALS)} }).getDeployment(${JSON.stringify(INPUT)}).then(() => console.log(performance.now() - t0));`,
    sdk: `const t0 = performance.now(); const { AppConfigClient, GetDeploymentCommand } = require("@aws-sdk/client-appconfig"); new AppConfigClient({ region: "us-east-1", endpoint: process.env.EP, credentials: ${JSON.stringify(CREDENTIALS)} }).send(new GetDeploymentCommand(${JSON.stringify(INPUT)})).then(() => console.log(performance.now() - t0));`,
  };
  const once = (code) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ["--no-warnings", "-e", code], { cwd: testsDir, env: { ...process.env, EP: ENDPOINT } });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.on("exit", (c) => (c === 0 ? resolve(Number(out.trim())) : reject(new Error(`cold start exited ${c}`))));
    });
  for (let i = 0; i < COLD_RUNS; i++) for (const k of i % 2 ? ["sdk", "ours"] : ["ours", "sdk"]) cold[k].push((await once(script[k])) * 1000);
  row("cold", "cold start: import + first signed request, fresh process", "µs", median(cold.ours), median(cold.sdk), { text: "<= 0.5x the SDK's time", check: (o, t) => o <= 0.5 * t });

  const big = parseOurs(BODY_1000);
  const tnow = new Date("2026-11-20T17:00:00Z");
  const tl = oursTimeline.deploymentTimeline(big, { now: tnow });
  if (tl.entries.length !== 1000) problems.push(`timeline: ${tl.entries.length} entries`);
  m = await compare({ ours: () => oursTimeline.deploymentTimeline(big, { now: tnow }) });
  row("timeline", "deploymentTimeline, 1,000 events (ours only)", "µs", m.ours, undefined, { text: "<= 2 ms", check: (o) => o <= 2000 });

  // What a server of precompressed files (appconfig-sim --serve, nginx brotli_static) sends to a
  // browser: a file's .br sibling (cargo xtask precompress, brotli 11) when it is there and not
  // older than the file, otherwise the file. web/e2e/tests/size.test.mjs counts the same bytes off
  // the simulator's wire. The zopfli .gz total (gzip-only clients) and zlib level 9 of every file
  // are in the note, for comparison.
  const dist = join(root, "dist");
  if (existsSync(dist)) {
    // The comparison module (appconfig-compare-*.wasm) is fetched when "What changed" first
    // opens, not with the page: counted apart, as size.test.mjs does.
    let sent = 0, gzSent = 0, zlib9 = 0, wasm = 0, lazy = 0;
    const walk = (d) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        const st = statSync(p);
        if (st.isDirectory()) { if (f !== ".stage") walk(p); continue; }
        if (f.endsWith(".gz") || f.endsWith(".br")) continue;
        const sibling = (ext) => {
          const s = existsSync(`${p}.${ext}`) && statSync(`${p}.${ext}`);
          return s && s.mtimeMs >= st.mtimeMs ? s.size : st.size;
        };
        const n = sibling("br");
        if (/^appconfig-compare-[0-9a-f]+\.wasm$/.test(f)) { lazy += n; continue; }
        sent += n;
        gzSent += sibling("gz");
        zlib9 += gzipSync(readFileSync(p), { level: 9 }).length;
        if (f.endsWith(".wasm")) wasm += n;
      }
    };
    walk(dist);
    row("dashboard", "dashboard transfer of a page load, as served (brotli .br)", "B", sent, undefined, { text: "<= 250 KB (stretch 180 KB)", check: (o) => o <= 250_000 }, `wasm ${wasm}; zopfli .gz to gzip-only clients ${gzSent}; zlib -9 would be ${zlib9}; the comparison module, fetched when "What changed" opens: ${lazy}`);
  }
}
server.close();
server.closeAllConnections?.();

const result = { date: new Date().toISOString(), machine: `${cpus().length} × ${cpus()[0]?.model ?? "?"}`, versions, rounds: ROUNDS, roundMs: ROUND_MS, rows, problems };
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(result, null, 2));
const f = (v, unit) => (v === undefined ? "-" : unit === "B" ? `${v}` : v >= 100 ? v.toFixed(0) : v.toFixed(1));
console.log(`${result.date}, ${result.machine}; Node ${versions.node}, @aws-sdk/client-appconfig ${versions.sdk}, @smithy/signature-v4 ${versions.signer}, esbuild ${versions.esbuild}${SMOKE ? " (smoke run: numbers mean nothing)" : ""}`);
console.log(`median of ${ROUNDS} interleaved rounds of ~${ROUND_MS} ms; ratio = theirs / ours (> 1: ours faster or smaller)`);
console.log(`${"row".padEnd(66)} ${"ours".padStart(9)} ${"theirs".padStart(9)} ${"ratio".padStart(7)}  goal`);
for (const r of rows)
  console.log(`${`${r.label} (${r.unit})`.padEnd(66)} ${f(r.ours, r.unit).padStart(9)} ${f(r.theirs, r.unit).padStart(9)} ${(r.ratio === undefined ? "-" : r.ratio.toFixed(2) + "x").padStart(7)}  ${r.goal} ${r.met ? "met" : "SHORT"}${r.note ? ` (${r.note})` : ""}`);
console.log(JSON.stringify(result));
if (problems.length) {
  for (const p of problems) console.error(`bench: peers disagree: ${p}`);
  process.exit(1);
}
