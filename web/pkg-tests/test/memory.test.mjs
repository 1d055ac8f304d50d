// The client .wasm's allocator frees: its linear memory stops growing once a workload has run,
// however often the workload repeats. A bump allocator that never frees fails this at once (the
// workload moves some 60 MB through the wasm each round). Uses the browser build (web/), whose
// glue hands out the module's exports, memory included; the same .wasm serves Node.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { startServer, CREDENTIALS, SESSION } from "./support/server.mjs";

const pkgDir = dirname(createRequire(import.meta.url).resolve("appconfig-wasm/package.json"));
const web = (file) => pathToFileURL(join(pkgDir, "web", file)).href;

let server;
before(async () => {
  server = await startServer();
});
after(() => server.close());

test("the client wasm's memory stays flat over repeated signatures and calls (the allocator frees)", async () => {
  // Instantiated here, synchronously, so that web/index.js's top-level init finds it ready.
  const glue = await import(web("appconfig_js.js"));
  const { memory } = glue.initSync({ module: readFileSync(join(pkgDir, "web", "appconfig_js_bg.wasm")) });
  const { AppConfigClient, signRequest, ResourceNotFoundException, BadRequestException } = await import(web("index.js"));

  const client = new AppConfigClient({ region: "us-east-1", endpoint: server.url, credentials: SESSION });
  let envs = 0;
  const bodies = [1, 100, 4096, 65536, 300_000].map((n) => "x".repeat(n));
  let moved = 0;
  async function round() {
    for (let i = 0; i < 200; i++) {
      const body = bodies[i % bodies.length];
      moved += body.length;
      const signed = signRequest(
        { method: "POST", url: `https://appconfig.us-east-1.amazonaws.com/applications/a${i}?b=${i}&a=z`, headers: { "x-amz-meta": `v${i}` }, body },
        { region: "us-east-1", service: "appconfig", credentials: CREDENTIALS, signingDate: new Date(1_700_000_000_000 + i * 86_400_000), signBody: i % 2 === 0 },
      );
      assert.match(signed.authorization, /^AWS4-HMAC-SHA256 /, "signRequest");
    }
    for (let i = 0; i < 20; i++) {
      const input = (app) => ({ ApplicationId: app, EnvironmentId: `mem${++envs}`, DeploymentNumber: 7 });
      const out = await client.getDeployment(input("ok"));
      assert.equal(out.DeploymentNumber, 7, "getDeployment");
      await assert.rejects(client.getDeployment(input("notfound")), ResourceNotFoundException);
      await assert.rejects(client.getDeployment(input("badrequest")), BadRequestException);
    }
  }

  await round();
  await round();
  const warm = memory.buffer.byteLength;
  for (let i = 0; i < 6; i++) await round();
  const grown = memory.buffer.byteLength - warm;
  assert.ok(moved > 50_000_000, `the workload moved only ${moved} bytes through the wasm`);
  assert.ok(grown <= 256 * 1024, `the wasm memory grew by ${grown} bytes over six more rounds (from ${warm})`);
});
