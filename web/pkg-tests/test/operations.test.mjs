// stopDeployment, getEnvironment and getApplication: SDK-shaped, signed and checked by the test
// server like the others; and a polluted Object.prototype never reaches the client.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { AppConfigClient, ValidationError } from "appconfig-wasm";
import { startServer, CREDENTIALS, SESSION } from "./support/server.mjs";

let server;
before(async () => {
  server = await startServer();
});
after(() => server.close());
const client = (extra = {}) => new AppConfigClient({ region: "us-east-1", endpoint: server.url, credentials: CREDENTIALS, ...extra });

test("stopDeployment: DELETE, signed, 202 with the numeric members", async () => {
  const out = await client().stopDeployment({ ApplicationId: "app1", EnvironmentId: "stopenv", DeploymentNumber: 4 });
  assert.equal(out.$metadata.httpStatusCode, 202);
  assert.equal(out.DeploymentNumber, 4);
  assert.equal(out.PercentageComplete, 0);
  assert.equal(out.State, undefined);
  const req = server.log.at(-1);
  assert.equal(req.method, "DELETE");
  assert.equal(req.url, "/applications/app1/environments/stopenv/deployments/4");
  assert.equal(req.headers["allow-revert"], undefined, "no Allow-Revert unless asked");
  assert.equal(req.signatureError, null);
});

test("stopDeployment with AllowRevert sends a signed Allow-Revert: true", async () => {
  await client({ credentials: SESSION }).stopDeployment({ ApplicationId: "app1", EnvironmentId: "revertenv", DeploymentNumber: 2, AllowRevert: true });
  const req = server.log.at(-1);
  assert.equal(req.headers["allow-revert"], "true");
  assert.match(req.headers.authorization, /SignedHeaders=[^,]*allow-revert/);
  assert.equal(req.signatureError, null);
  await assert.rejects(client().stopDeployment({ ApplicationId: "a", EnvironmentId: "e", DeploymentNumber: 1, AllowRevert: "yes" }), (e) => e instanceof ValidationError && /AllowRevert/.test(e.message));
});

test("getEnvironment keeps AppConfig's state spelling and the monitors", async () => {
  const out = await client().getEnvironment({ ApplicationId: "app1", EnvironmentId: "prd" });
  assert.equal(out.State, "ReadyForDeployment");
  assert.equal(out.Monitors[0].AlarmArn, "arn:aws:cloudwatch:us-east-1:123456789012:alarm:x");
  assert.equal(server.log.at(-1).url, "/applications/app1/environments/prd");
  assert.equal(server.log.at(-1).signatureError, null);
});

test("getApplication", async () => {
  const out = await client().getApplication({ ApplicationId: "app9" });
  assert.deepEqual({ ...out, $metadata: undefined }, { Id: "app9", Name: "payments", Description: "the app", $metadata: undefined });
  await assert.rejects(client().getApplication({}), (e) => e instanceof ValidationError && /ApplicationId/.test(e.message));
});

test("a polluted Object.prototype is never read: no proxy, endpoint or token from it", async () => {
  // Polluted while the client reads its configuration and inputs (synchronously, in the
  // constructor and the call); cleaned before the test server, which reads inherited
  // properties itself, checks the signature.
  const polluted = { proxy: "http://127.0.0.1:9/evil", endpoint: "http://127.0.0.1:9/evil", sessionToken: "STOLEN", region: "eu-west-3", abortSignal: AbortSignal.abort(), AllowRevert: true, maxAttempts: 0 };
  let c, get, stop;
  for (const [k, v] of Object.entries(polluted)) Object.prototype[k] = v;
  try {
    c = new AppConfigClient({ endpoint: server.url, credentials: { accessKeyId: CREDENTIALS.accessKeyId, secretAccessKey: CREDENTIALS.secretAccessKey } });
    get = c.getDeployment({ ApplicationId: "ok", EnvironmentId: "pollution", DeploymentNumber: 1 }, {});
    stop = c.stopDeployment({ ApplicationId: "app1", EnvironmentId: "pollution2", DeploymentNumber: 1 }, {});
  } finally {
    for (const k of Object.keys(polluted)) delete Object.prototype[k];
  }
  const out = await get;
  assert.equal(out.$metadata.attempts, 1);
  const req = server.log.find((r) => r.url.includes("/pollution/"));
  assert.equal(req.url, "/applications/ok/environments/pollution/deployments/1", "sent to the endpoint, not the polluted proxy");
  assert.equal(req.headers["x-amz-security-token"], undefined);
  assert.equal(req.headers["x-appconfig-upstream-host"], undefined);
  assert.match(req.headers.authorization, /\/us-east-1\/appconfig\//, "the endpoint's default region, not the polluted one");
  assert.equal(req.signatureError, null);
  await stop;
  assert.equal(server.log.find((r) => r.url.includes("/pollution2/")).headers["allow-revert"], undefined);
});
