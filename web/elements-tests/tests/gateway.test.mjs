// Gateway mode (the recommended production setup): the element holds no AWS credentials and
// sends unsigned requests to {gateway}/v1/{account}/{region}/appconfig/…, with the portal's
// bearer token. A stand-in gateway checks each request and answers from fixtures; then a real
// appconfig-gateway in front of the simulator (which checks every signature) serves staging's
// running deployment and its CloudWatch alarms to the element.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { HERE, PKG, ROOT, inShadow, launch, newPage, startGateway, startHost, startSim } from "../helpers.mjs";

const DEPLOYMENT = readFileSync(join(ROOT, "crates/appconfig-dashboard/tests/fixtures/botocore.json"), "utf8");
const seen = [];
let gateway;
let host;
let browser;
before(async () => {
  gateway = createServer((req, res) => {
    const cors = { "access-control-allow-origin": req.headers.origin || "*", "access-control-allow-headers": "authorization, content-type", "access-control-allow-credentials": "true" };
    if (req.method === "OPTIONS") return res.writeHead(204, cors).end();
    seen.push({ url: req.url, headers: req.headers });
    const base = "/v1/prod/us-east-1/appconfig/applications/339ohji/environments/54j1r29";
    const body = req.url === `${base}/deployments/1` ? DEPLOYMENT
      : req.url === base ? JSON.stringify({ ApplicationId: "339ohji", Id: "54j1r29", Name: "Example-Environment", State: "ReadyForDeployment", Monitors: [] })
      : req.url.startsWith(`${base}/deployments?`) ? JSON.stringify({ Items: [{ DeploymentNumber: 1, State: "COMPLETE" }] })
      : null;
    if (!body) return res.writeHead(404, { ...cors, "x-amzn-errortype": "ResourceNotFoundException" }).end(JSON.stringify({ message: "no such fixture" }));
    res.writeHead(200, { ...cors, "content-type": "application/json" }).end(body);
  });
  await new Promise((r) => gateway.listen(0, "127.0.0.1", r));
  host = await startHost({ "/pkg/": PKG, "/": join(HERE, "pages") });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await host?.stop();
  gateway?.close();
});

test("gateway + account: unsigned requests with the portal's token, no AWS credentials in the page", async () => {
  const page = await newPage(browser);
  await page.goto(`${host.url}/gateway.html?gw=${encodeURIComponent(`http://127.0.0.1:${gateway.address().port}`)}`);
  await inShadow(page, "#d", "li.event");
  assert.match(await page.evaluate(() => document.getElementById("d").shadowRoot.textContent), /Deployment 1/);
  assert.ok(seen.length >= 3, `requests: ${seen.map((s) => s.url)}`);
  for (const { url, headers } of seen) {
    assert.equal(headers.authorization, "Bearer portal-session-token", url);
    assert.deepEqual(Object.keys(headers).filter((h) => h.startsWith("x-amz")), [], `no x-amz-* header on ${url}`);
  }
  assert.deepEqual(page.problems, []);
});

test("through a real gateway: staging's running deployment and its alarm states, signed by the gateway, no AWS key in the page", { timeout: 60_000 }, async () => {
  const sim = await startSim({ speed: 60 });
  const token = "portal-session-token-live";
  const real = await startGateway((dir) => `allowed_origins = [${JSON.stringify(host.url)}]
[auth]
tokens = [{ name = "elements", sha256 = "${createHash("sha256").update(token).digest("hex")}" }]
[accounts.demo]
region = "us-east-1"
endpoint = ${JSON.stringify(sim.url)}
credentials = { profile = "demo", config_file = ${JSON.stringify(`${dir}/aws-config`)}, credentials_file = ${JSON.stringify(`${dir}/aws-credentials`)} }
`, {
    "aws-config": "[profile demo]\naws_access_key_id = AKIDAPPCONFIGSIMDEMO\naws_secret_access_key = appconfig-sim-demo-secret-key\n",
    "aws-credentials": "",
  });
  const page = await newPage(browser);
  const sent = [];
  page.on("request", (r) => { if (r.url().startsWith(real.url)) sent.push(r.allHeaders().then((h) => ({ url: r.url(), method: r.method(), headers: h }))); });
  try {
    await page.goto(`${host.url}/gateway-live.html?gw=${encodeURIComponent(real.url)}`);
    await inShadow(page, "#live", "li.event", 20_000);
    await inShadow(page, "#live", 'li.monitor[data-alarm$=":alarm:payments-staging-latency"] .alarm-badge', 20_000);
    const text = await page.evaluate(() => document.getElementById("live").shadowRoot.textContent);
    assert.match(text, /TargetResponseTime/, "the alarm's metric, read through the gateway");
    const requests = await Promise.all(sent);
    assert.ok(requests.some((r) => r.method === "POST" && r.url === `${real.url}/v1/demo/us-east-1/monitoring/DescribeAlarms`), `alarms through the gateway: ${requests.map((r) => r.url)}`);
    for (const r of requests.filter((x) => x.method !== "OPTIONS")) {
      assert.equal(r.headers.authorization, `Bearer ${token}`, r.url);
      assert.deepEqual(Object.keys(r.headers).filter((h) => h.startsWith("x-amz")), [], `no x-amz-* header on ${r.url}`);
    }
    const kept = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
    assert.doesNotMatch(kept, /AKID|secret/i, "no AWS key in the page's storage");
    assert.deepEqual(page.problems, []);
  } finally {
    await page.close();
    await real.stop();
    await sim.stop();
  }
});
