// Node defaults as the AWS SDK has them: region and credentials from the environment, then the
// shared ~/.aws files (static keys, session tokens, credential_process); the SDK's own
// providers fit the credentials option. Each case runs in a fresh Node with its own HOME and env.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { startServer, CREDENTIALS, SESSION } from "./support/server.mjs";

let server;
let home;
before(async () => {
  server = await startServer();
  home = mkdtempSync(join(tmpdir(), "appconfig-home-"));
});
after(() => {
  rmSync(home, { recursive: true, force: true });
  return server.close();
});

const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));

/** Runs `body` (an async function body; `pkg` is the package) in a fresh Node; its JSON result. */
function inNode(body, env) {
  const script = `const pkg = require("appconfig-wasm"); (async () => { ${body} })().then((r) => console.log(JSON.stringify(r)), (e) => console.log(JSON.stringify({ error: e.name, message: e.message })));`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["-e", script], { cwd: new URL("..", import.meta.url).pathname, env: { ...clean, HOME: home, ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${err.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split("\n").at(-1)));
    });
  });
}
const call = `const c = new pkg.AppConfigClient({ endpoint: "${"$"}{URL}" }); const out = await c.getDeployment({ ApplicationId: "ok", EnvironmentId: process.env.ENV_ID, DeploymentNumber: 1 }); return { attempts: out.$metadata.attempts };`;
const run = (envId, env) => inNode(call.replace("${URL}", server.url), { ENV_ID: envId, ...env });
const last = (envId) => server.log.filter((r) => r.url.includes(`/${envId}/`)).at(-1);

test("credentials and region from the environment, with AWS_SESSION_TOKEN", async () => {
  const out = await run("envcreds", { AWS_ACCESS_KEY_ID: SESSION.accessKeyId, AWS_SECRET_ACCESS_KEY: SESSION.secretAccessKey, AWS_SESSION_TOKEN: SESSION.sessionToken, AWS_REGION: "eu-central-1" });
  assert.equal(out.attempts, 1, JSON.stringify(out));
  const req = last("envcreds");
  assert.equal(req.signatureError, null);
  assert.equal(req.headers["x-amz-security-token"], SESSION.sessionToken);
  assert.match(req.headers.authorization, /\/eu-central-1\/appconfig\//);
});

test("AWS_DEFAULT_REGION when AWS_REGION is unset", async () => {
  const out = await run("defregion", { AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey, AWS_DEFAULT_REGION: "ap-south-1" });
  assert.equal(out.attempts, 1, JSON.stringify(out));
  assert.match(last("defregion").headers.authorization, /\/ap-south-1\/appconfig\//);
});

test("~/.aws/credentials with AWS_PROFILE, region from ~/.aws/config", async () => {
  mkdirSync(join(home, ".aws"), { recursive: true });
  writeFileSync(join(home, ".aws", "credentials"), `[default]\naws_access_key_id = AKIDWRONG\naws_secret_access_key = wrong\n\n[ci]\naws_access_key_id = ${SESSION.accessKeyId}\naws_secret_access_key = ${SESSION.secretAccessKey}\naws_session_token = ${SESSION.sessionToken}\n`);
  writeFileSync(join(home, ".aws", "config"), `[profile ci]\nregion = sa-east-1\n`);
  try {
    const out = await run("profile", { AWS_PROFILE: "ci" });
    assert.equal(out.attempts, 1, JSON.stringify(out));
    const req = last("profile");
    assert.equal(req.signatureError, null);
    assert.equal(req.headers["x-amz-security-token"], SESSION.sessionToken);
    assert.match(req.headers.authorization, /\/sa-east-1\/appconfig\//);
  } finally {
    rmSync(join(home, ".aws"), { recursive: true, force: true });
  }
});

test("credential_process in ~/.aws/config", async () => {
  mkdirSync(join(home, ".aws"), { recursive: true });
  const printer = join(home, "creds.js");
  writeFileSync(printer, `console.log(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(CREDENTIALS.accessKeyId)}, SecretAccessKey: ${JSON.stringify(CREDENTIALS.secretAccessKey)}, Expiration: new Date(Date.now() + 3600e3).toISOString() }));`);
  writeFileSync(join(home, ".aws", "config"), `[default]\nregion = us-west-2\ncredential_process = "${process.execPath}" "${printer}"\n`);
  try {
    const out = await run("process", {});
    assert.equal(out.attempts, 1, JSON.stringify(out));
    assert.equal(last("process").signatureError, null);
    assert.match(last("process").headers.authorization, /\/us-west-2\/appconfig\//);
  } finally {
    rmSync(join(home, ".aws"), { recursive: true, force: true });
  }
});

test("a failing credential_process names its profile and exit status, never its command line", async () => {
  // A token passed as an argument must not reach the error (and from there, logs).
  mkdirSync(join(home, ".aws"), { recursive: true });
  const failer = join(home, "fail-creds.js");
  writeFileSync(failer, `console.error("refused"); process.exit(3);`);
  writeFileSync(join(home, ".aws", "config"), `[profile ops]\nregion = us-west-2\ncredential_process = "${process.execPath}" "${failer}" --token tok-4f9a-SECRET\n`);
  try {
    const out = await run("process-fails", { AWS_PROFILE: "ops" });
    assert.equal(out.error, "CredentialsProviderError", JSON.stringify(out));
    assert.match(out.message, /credential_process of profile ops failed/);
    assert.match(out.message, /exit status 3/);
    for (const leak of ["tok-4f9a-SECRET", "--token", failer, process.execPath]) {
      assert.ok(!out.message.includes(leak), `the error repeats ${leak}: ${out.message}`);
    }
  } finally {
    rmSync(join(home, ".aws"), { recursive: true, force: true });
  }
});

test("nothing anywhere: the error says which sources were tried", async () => {
  const out = await run("none", {});
  assert.equal(out.error, "ValidationError");
  assert.match(out.message, /invalid credentials: a value is required/);
  assert.match(out.message, /AWS_ACCESS_KEY_ID/);
  assert.match(out.message, /\.aws\/credentials/);
  assert.match(out.message, /\.aws\/config/);
  assert.match(out.message, /fromNodeProviderChain/);
});

test("the AWS SDK's own provider chain fits the credentials option", async () => {
  // @aws-sdk/credential-provider-node's defaultProvider is what fromNodeProviderChain() returns.
  const req = createRequire(import.meta.url);
  const { defaultProvider } = req("@aws-sdk/credential-provider-node");
  const { AppConfigClient } = req("appconfig-wasm");
  const saved = { ...process.env };
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: SESSION.accessKeyId, AWS_SECRET_ACCESS_KEY: SESSION.secretAccessKey, AWS_SESSION_TOKEN: SESSION.sessionToken });
  try {
    const c = new AppConfigClient({ region: "us-east-1", endpoint: server.url, credentials: defaultProvider() });
    const out = await c.getDeployment({ ApplicationId: "ok", EnvironmentId: "sdkchain", DeploymentNumber: 1 });
    assert.equal(out.$metadata.attempts, 1);
    assert.equal(last("sdkchain").headers["x-amz-security-token"], SESSION.sessionToken);
    assert.equal(last("sdkchain").signatureError, null);
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
});

test("the browser build has no Node defaults", async () => {
  const { readFileSync } = await import("node:fs");
  const dir = new URL(".", "file://" + createRequire(import.meta.url).resolve("appconfig-wasm/package.json")).pathname;
  const web = readFileSync(join(dir, "web", "index.js"), "utf8");
  assert.doesNotMatch(web, /AWS_ACCESS_KEY_ID|readFileSync|process\.env|child_process/);
});
