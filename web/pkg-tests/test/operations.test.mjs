// stopDeployment, getEnvironment and getApplication: SDK-shaped, signed and checked by the test
// server like the others; and a polluted Object.prototype never reaches the client.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { AppConfigClient, ValidationError, ResourceNotFoundException } from "appconfig-wasm";
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

test("getHostedConfigurationVersion: the body as Content (Uint8Array), the header members as SDK fields", async () => {
  const out = await client().getHostedConfigurationVersion({ ApplicationId: "app1", ConfigurationProfileId: "flags 1", VersionNumber: 3 });
  const req = server.log.at(-1);
  assert.equal(req.method, "GET");
  assert.equal(req.url, "/applications/app1/configurationprofiles/flags%201/hostedconfigurationversions/3");
  assert.equal(req.signatureError, null);
  assert.ok(out.Content instanceof Uint8Array, "Content is a Uint8Array");
  assert.deepEqual([...out.Content], [...Buffer.from('{"__type":"BadRequestException"}'), 0xff, 0x00, 0xfe], "the body byte for byte, not parsed");
  assert.deepEqual(
    { ...out, Content: undefined, $metadata: undefined },
    { ApplicationId: "app1", ConfigurationProfileId: "flags 1", VersionNumber: 3, Description: "turn on checkout-v2", ContentType: "application/json", VersionLabel: "v3.0", KmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/abc", Content: undefined, $metadata: undefined },
  );
  assert.equal(out.$metadata.requestId, "req-hosted");
  assert.equal(out.Content.transformToString("base64"), Buffer.from(out.Content).toString("base64"), "transformToString as the SDK's");
  assert.equal(out.Content.transformToString().slice(0, 12), '{"__type":"B');
  assert.equal(out.$metadata.httpStatusCode, 200);
});

test("getHostedConfigurationVersion: absent headers are absent members; an empty body is empty Content", async () => {
  const out = await client().getHostedConfigurationVersion({ ApplicationId: "app1", ConfigurationProfileId: "p", VersionNumber: 8 });
  assert.equal(out.Content.length, 0);
  assert.equal(out.VersionNumber, undefined);
  assert.equal(out.ContentType, undefined);
});

test("getHostedConfigurationVersion: errors are typed as for every operation; a bad Version-Number header is malformed", async () => {
  const c = client();
  await assert.rejects(c.getHostedConfigurationVersion({ ApplicationId: "a", ConfigurationProfileId: "p", VersionNumber: 404 }), (e) => e instanceof ResourceNotFoundException && e.ResourceName === "404");
  await assert.rejects(c.getHostedConfigurationVersion({ ApplicationId: "a", ConfigurationProfileId: "p", VersionNumber: 403 }), (e) => e.name === "AccessDeniedException" && /appconfig:GetHostedConfigurationVersion/.test(e.message));
  await assert.rejects(c.getHostedConfigurationVersion({ ApplicationId: "a", ConfigurationProfileId: "p", VersionNumber: 7 }), (e) => e.name === "MalformedResponseError" && e.message === 'malformed response (HTTP 200): header Version-Number is not a 32-bit integer: "seven"');
  await assert.rejects(c.getHostedConfigurationVersion({ ApplicationId: "a", ConfigurationProfileId: "p" }), (e) => e instanceof ValidationError && /VersionNumber/.test(e.message));
  await assert.rejects(c.getHostedConfigurationVersion({ ApplicationId: "a", ConfigurationProfileId: "p", VersionNumber: 2 ** 31 }), (e) => e instanceof ValidationError && /VersionNumber/.test(e.message));
  await assert.rejects(c.getHostedConfigurationVersion({ ApplicationId: "a", ConfigurationProfileId: "x".repeat(129), VersionNumber: 1 }), (e) => e instanceof ValidationError && /ConfigurationProfileId/.test(e.message));
});

test("listHostedConfigurationVersions: the query members, pages, unknown members left out", async () => {
  const c = client({ credentials: SESSION });
  const first = await c.listHostedConfigurationVersions({ ApplicationId: "app1", ConfigurationProfileId: "p1", MaxResults: 5, VersionLabel: "v2*" });
  const req = server.log.at(-1);
  assert.equal(req.url, "/applications/app1/configurationprofiles/p1/hostedconfigurationversions?max_results=5&version_label=v2%2A");
  assert.equal(req.signatureError, null);
  assert.deepEqual(first.Items, [{ ApplicationId: "app1", ConfigurationProfileId: "p1", VersionNumber: 2, ContentType: "application/json", VersionLabel: "v2*", Description: "max=5" }]);
  const second = await c.listHostedConfigurationVersions({ ApplicationId: "app1", ConfigurationProfileId: "p1", NextToken: first.NextToken });
  assert.equal(server.log.at(-1).url, "/applications/app1/configurationprofiles/p1/hostedconfigurationversions?next_token=page2");
  assert.equal(second.Items[0].VersionNumber, 1);
  assert.equal(second.NextToken, undefined);
  await assert.rejects(c.listHostedConfigurationVersions({ ApplicationId: "a", ConfigurationProfileId: "p", VersionLabel: "" }), (e) => e instanceof ValidationError && /VersionLabel/.test(e.message));
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
