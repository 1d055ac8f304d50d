// Gateway mode (the recommended production setup): the element holds no AWS credentials and
// sends unsigned requests to {gateway}/v1/{account}/{region}/appconfig/…, with the portal's
// bearer token. A stand-in gateway here checks each request and answers from fixtures (a real
// gateway signs and forwards them to AppConfig).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HERE, PKG, ROOT, inShadow, launch, newPage, startHost } from "../helpers.mjs";

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
