// The core's error-path vectors (crates/appconfig-core/tests/data/errors/responses.json), which
// the Rust reader passes, through the package's JavaScript reader: JSON.parse and the walk over
// the core's shape table must refuse the same bodies with the same members named, and read the
// same AWS errors. Once without a network (parseGetDeploymentResponse) and once through a client.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { readFileSync } from "node:fs";
import { AppConfigClient, AppConfigServiceException, MalformedResponseError, parseGetDeploymentResponse } from "appconfig-wasm";

const { cases } = JSON.parse(readFileSync(new URL("../../../crates/appconfig-core/tests/data/errors/responses.json", import.meta.url), "utf8"));
const body = (c) => (c.body_hex !== undefined ? Buffer.from(c.body_hex, "hex") : Buffer.from(c.body ?? "", "utf8"));

let current;
let server, url;
before(async () => {
  server = http.createServer((req, res) => {
    res.writeHead(current.status, Object.fromEntries(current.headers));
    res.end(body(current));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${server.address().port}`;
});
after(() => new Promise((r) => server.close(r)));

// serde_json's position suffix and the details of its and `time`'s messages are the Rust
// reader's own; the part before them (the stage and the member) must be the same.
const stage = (display) => {
  const d = display.replace(/ at line \d+ column \d+$/, "");
  const m = /^(malformed response \(HTTP \d+\): (?:member \S+ has the wrong type|[^:]+))/.exec(d);
  return m ? m[1] : d;
};

function check(c, e) {
  const x = c.expect;
  if (x.kind === "Service") {
    assert.ok(e instanceof AppConfigServiceException, `${c.name}: ${e}`);
    assert.equal(e.name, x.code, c.name);
    assert.equal(e.$fault, x.fault, c.name);
    // AWS's message as the SDK shows it; without one, the error's own text.
    if (x.message) assert.equal(e.message, x.message, c.name);
    else assert.ok(e.message.startsWith(x.display), `${c.name}: ${e.message}`);
    if (x.request_id) assert.equal(e.$metadata.requestId, x.request_id, c.name);
    if (x.resource_name) assert.equal(e.ResourceName, x.resource_name, c.name);
    return "exact";
  }
  assert.ok(e instanceof MalformedResponseError, `${c.name}: ${e && e.name}: ${e && e.message}`);
  const want = x.display.replace(/ at line \d+ column \d+$/, "");
  if (e.message === want) return "exact";
  assert.ok(e.message.startsWith(stage(x.display)), `${c.name}: "${e.message}" does not start with "${stage(x.display)}"`);
  return "stage";
}

test("every GetDeployment vector, with no network", () => {
  const tally = { exact: 0, stage: 0 };
  for (const c of cases.filter((c) => c.operation === "GetDeployment")) {
    let e;
    try {
      parseGetDeploymentResponse({ statusCode: c.status, headers: Object.fromEntries(c.headers), body: new Uint8Array(body(c)) });
    } catch (err) {
      e = err;
    }
    tally[check(c, e)]++;
  }
  console.log(`# ${tally.exact} messages identical to the Rust reader's, ${tally.stage} with the same stage and member`);
});

test("every vector, through a client", async () => {
  const client = new AppConfigClient({ region: "us-east-1", endpoint: url, credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" }, maxAttempts: 1 });
  const call = {
    GetDeployment: () => client.getDeployment({ ApplicationId: "a", EnvironmentId: "e", DeploymentNumber: 1 }),
    ListApplications: () => client.listApplications({}),
    ListDeployments: () => client.listDeployments({ ApplicationId: "a", EnvironmentId: "e" }),
  };
  for (const c of cases) {
    current = c;
    const e = await call[c.operation]().then(
      () => undefined,
      (err) => err,
    );
    check(c, e);
  }
});

// The ends of the core's DateTime (years 1 to 9999 in UTC), on both sides of each, as strings in
// any offset and as epoch seconds: the JavaScript reader holds the same range as the Rust one.
test("timestamps at the ends of the years 1 to 9999 (UTC): inside kept, outside refused", () => {
  const parse = (v) =>
    parseGetDeploymentResponse({ statusCode: 200, headers: {}, body: new TextEncoder().encode(JSON.stringify({ StartedAt: v })) }).StartedAt;
  for (const [v, iso] of [
    ["0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z"],
    ["0001-01-01T01:00:00+01:00", "0001-01-01T00:00:00.000Z"],
    ["9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59.999Z"],
    ["9999-12-31T22:59:59-01:00", "9999-12-31T23:59:59.000Z"],
    [-62135596800, "0001-01-01T00:00:00.000Z"],
    [253402300799.999, "9999-12-31T23:59:59.999Z"],
  ]) {
    assert.equal(parse(v).toISOString(), iso, `kept: ${v}`);
  }
  for (const v of ["0001-01-01T00:59:59+01:00", "9999-12-31T23:00:00-01:00", "0000-06-01T00:00:00Z", -62135596801, 253402300800]) {
    assert.throws(() => parse(v), (e) => e instanceof MalformedResponseError && /member StartedAt has the wrong type: .*(the year must be from 1 to 9999 \(in UTC\)|out of range)/.test(e.message), `refused: ${v}`);
  }
});

// What the core's reader also takes (appconfig-core datetime/parse.rs): a space or `t` between
// date and time, and a leap second that ends a month in UTC, read as the instant just before the
// next minute. A leap second anywhere else is refused, as the core refuses it.
test("timestamps: the separators and the leap seconds the core accepts, and no others", () => {
  const parse = (v) =>
    parseGetDeploymentResponse({ statusCode: 200, headers: {}, body: new TextEncoder().encode(JSON.stringify({ StartedAt: v })) }).StartedAt;
  for (const [v, iso] of [
    ["2016-12-31 23:59:60Z", "2016-12-31T23:59:59.999Z"],
    ["2016-12-31t23:59:60.5z", "2016-12-31T23:59:59.999Z"],
    ["2017-01-01T00:59:60+01:00", "2016-12-31T23:59:59.999Z"],
    ["2015-06-30T23:59:60Z", "2015-06-30T23:59:59.999Z"],
    ["2024-05-01 12:00:00Z", "2024-05-01T12:00:00.000Z"],
  ]) {
    assert.equal(parse(v).toISOString(), iso, `kept: ${v}`);
  }
  for (const v of ["2016-12-31T23:58:60Z", "2016-12-15T23:59:60Z", "2016-12-31T23:59:60+01:00", "2016-12-31T23:59:61Z", "2016-12-31_23:59:59Z"]) {
    assert.throws(() => parse(v), (e) => e instanceof MalformedResponseError && /member StartedAt has the wrong type: invalid timestamp/.test(e.message), `refused: ${v}`);
  }
});
