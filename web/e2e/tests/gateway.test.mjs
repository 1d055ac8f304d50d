// The dashboard through a real appconfig-gateway in front of the simulator (which stands for an
// AWS account and checks every signature): the page is served from a portal's origin, holds no
// AWS key, and sends unsigned requests to the gateway with the optional gateway token as
// `Authorization: Bearer`; the gateway signs them (AppConfig and CloudWatch's alarm reads).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { launch, newPage, shot, startGateway, startPortal, startSim } from "../helpers.mjs";

const TOKEN = "portal-session-token-e2e-0123456789";
const AKID = "AKIDAPPCONFIGSIMDEMO";
const SECRET = "appconfig-sim-demo-secret-key";
const DEPLOYMENT = "app=pay0001&env=stg0001&deployment=2";

let sim;
let portal;
let gateway;
let browser;
before(async () => {
  sim = await startSim({ speed: 60 });
  portal = await startPortal();
  const sha = createHash("sha256").update(TOKEN).digest("hex");
  gateway = await startGateway((dir) => `allowed_origins = [${JSON.stringify(portal.url)}]
[auth]
tokens = [{ name = "e2e", sha256 = "${sha}" }]
[accounts.demo]
region = "us-east-1"
endpoint = ${JSON.stringify(sim.url)}
credentials = { profile = "demo", config_file = ${JSON.stringify(`${dir}/aws-config`)}, credentials_file = ${JSON.stringify(`${dir}/aws-credentials`)} }
`, {
    "aws-config": `[profile demo]\naws_access_key_id = ${AKID}\naws_secret_access_key = ${SECRET}\n`,
    "aws-credentials": "",
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await gateway?.stop();
  await portal?.stop();
  await sim?.stop();
});

const dashUrl = () => `${portal.url}/dash/index.html?gateway=${encodeURIComponent(gateway.url)}&account=demo&region=us-east-1&${DEPLOYMENT}`;

/** A page that records every request it makes, with all its headers. */
async function recordingPage() {
  const page = await newPage(browser);
  page.sent = [];
  page.failed = [];
  page.on("response", (r) => {
    if (r.status() >= 400) page.failed.push(`${r.status()} ${r.url().split("?")[0]}`);
  });
  page.on("request", (r) => {
    const headers = r.allHeaders().catch(() => r.headers());
    page.sent.push(headers.then((h) => ({ url: r.url(), method: r.method(), headers: h })));
  });
  return page;
}

async function simTotal() {
  return (await (await fetch(`${sim.url}/_sim/requests`)).json()).total;
}

/** Opens the Connection form and submits the gateway token (remembered when `remember`). */
async function giveToken(page, remember = false) {
  await page.locator("details.conn-details > summary").click();
  assert.equal(await page.locator("#mode").inputValue(), "gateway", "the link chose the gateway");
  assert.equal(await page.locator("#access-key-id").count(), 0, "no AWS key fields through a gateway");
  await page.fill("#gateway-token", TOKEN);
  if (remember) await page.check("#remember");
  await page.click('button[type="submit"]');
}

/** No AWS signature or key in the requests sent so far; the token (`bearer`) only to the gateway. */
async function assertNoAws(page, bearer) {
  const sent = await Promise.all(page.sent);
  for (const r of sent) {
    const awsHeaders = Object.keys(r.headers).filter((h) => h.startsWith("x-amz"));
    assert.deepEqual(awsHeaders, [], `no x-amz-* header on ${r.method} ${r.url}`);
    assert.ok(!/AWS4-HMAC/.test(r.headers.authorization ?? ""), `no signature on ${r.url}`);
    assert.ok(!r.url.includes(TOKEN) && !r.url.includes(SECRET), `no secret in ${r.url}`);
    assert.ok(!r.url.startsWith(sim.url), `the browser never reaches the account: ${r.url}`);
    if (!r.url.startsWith(`${gateway.url}/`)) {
      assert.equal(r.headers.authorization, undefined, `the token goes to the gateway only, not ${r.url}`);
    }
  }
  const calls = sent.filter((r) => r.url.startsWith(`${gateway.url}/`) && r.method !== "OPTIONS");
  assert.ok(calls.length >= 1, `requests to the gateway: ${sent.map((r) => r.url)}`);
  for (const r of calls) assert.equal(r.headers.authorization, bearer, `${r.method} ${r.url}`);
  const storage = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }) + document.cookie);
  assert.ok(!storage.includes(SECRET) && !storage.includes(AKID), `no AWS key in storage: ${storage}`);
  assert.ok(!page.url().includes(TOKEN), "the token is not in the page's URL");
  return { sent, storage };
}

/** As `assertNoAws`, with the token on every call, and the alarms read through the gateway. */
async function assertClean(page) {
  const { sent, storage } = await assertNoAws(page, `Bearer ${TOKEN}`);
  assert.ok(sent.some((r) => r.method === "POST" && r.url === `${gateway.url}/v1/demo/us-east-1/monitoring/DescribeAlarms`), `alarms read through the gateway: ${sent.map((r) => r.url)}`);
  return storage;
}

test("the deployment page and its alarms through the gateway: no AWS key or signature in the browser, the token only to the gateway", async () => {
  const page = await recordingPage();
  await page.goto(dashUrl());
  // Without the token the gateway refuses before anything reaches the account.
  await page.locator('.error-panel[data-kind]').first().waitFor();
  assert.match(await page.locator(".error-panel").first().textContent(), /Bearer|authenticat/i);
  assert.equal(await simTotal(), 0, "nothing reached the account without an identity");
  await assertNoAws(page, undefined);
  page.sent = [];
  await giveToken(page);
  await page.locator('[role="status"]').first().waitFor();
  const latency = page.locator('li.monitor[data-alarm$=":alarm:payments-staging-latency"]');
  await latency.locator(".alarm-badge", { hasText: "OK" }).waitFor({ timeout: 20_000 });
  assert.match(await latency.locator(".alarm-condition").textContent(), /TargetResponseTime/);
  await page.locator('li.monitor[data-alarm$=":alarm:payments-staging-canary"] .alarm-badge').waitFor();
  const storage = await assertClean(page);
  assert.ok(!storage.includes(TOKEN), "the token is kept in memory only unless remembered");
  const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
  assert.match(metrics, /appconfig_gateway_requests_total\{operation="DescribeAlarms",status="200"\} [1-9]/);
  assert.match(metrics, /appconfig_gateway_requests_total\{operation="GetDeployment",status="200"\} [1-9]/);
  await page.screenshot({ path: shot("e2e-gateway-alarms.png"), fullPage: true });
  // The gateway's 401 before the token, and the portal's 404 for /_sim/info (the dashboard asks
  // whether a simulator serves it), are the only failed loads.
  assert.deepEqual([...new Set(page.failed)].filter((f) => f !== `404 ${portal.url}/_sim/info` && !f.startsWith(`401 ${gateway.url}/v1/demo/`)), []);
  assert.deepEqual(page.problems.filter((p) => !/status of (401|404)/.test(p)), []);
  await page.close();
});

test("a remembered gateway token stays in this tab's sessionStorage, bound to the gateway, and works after a reload", async () => {
  const page = await recordingPage();
  await page.goto(dashUrl());
  await page.locator('.error-panel[data-kind]').first().waitFor();
  page.sent = [];
  await giveToken(page, true);
  await page.locator('li.monitor .alarm-badge').first().waitFor({ timeout: 20_000 });
  const stored = JSON.parse(await page.evaluate(() => sessionStorage.getItem("appconfig-dashboard:credentials")));
  assert.equal(stored.gatewayToken, TOKEN);
  assert.equal(stored.origin, gateway.url, "bound to the gateway it was given for");
  assert.equal(stored.accessKeyId, "", "no AWS key stored through a gateway");
  assert.equal(await page.evaluate(() => localStorage.length), 0, "never localStorage");
  page.sent = [];
  await page.reload();
  await page.locator('li.monitor .alarm-badge').first().waitFor({ timeout: 20_000 });
  await assertClean(page);
  await page.close();
});
