// A React 19 app built by Vite from the packed tarball (npm pack → npm install, as a portal
// installs it), served from its own loopback origin, the simulator's API on another.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { build } from "vite";
import { HERE, inShadow, launch, newPage, shot, startHost, startSim } from "../helpers.mjs";

const OUT = join(HERE, ".build/react");
let sim;
let host;
let browser;
let page;
before(async () => {
  await build({
    root: join(HERE, "react-app"), logLevel: "warn", configFile: false,
    esbuild: { jsx: "automatic" },
    build: { outDir: OUT, emptyOutDir: true },
  });
  sim = await startSim({ speed: 120 });
  host = await startHost({ "/": OUT });
  browser = await launch();
  page = await newPage(browser);
  await page.goto(`${host.url}/?sim=${encodeURIComponent(sim.url)}`);
});
after(async () => {
  await browser?.close();
  await host?.stop();
  await sim?.stop();
});

const hostState = () => page.evaluate(() => ({
  url: location.href, title: document.title, session: sessionStorage.length, local: localStorage.length,
  card: getComputedStyle(document.getElementById("host-card")).backgroundColor,
}));

test("Vite bundled the wasm; both deployment elements and the environments render", async () => {
  const before = await hostState();
  await inShadow(page, "#fixed", ".headline");
  await inShadow(page, "#latest", ".headline");
  await inShadow(page, "#envs", "tr.ov-row");
  assert.equal(host.stats.wasm, 1, "one wasm download for three elements");
  const fixed = await page.evaluate(() => {
    const h = document.querySelector("#fixed").shadowRoot.querySelector(".headline");
    return { text: h.textContent, display: getComputedStyle(h).display };
  });
  assert.match(fixed.text, /Rolled back/);
  assert.equal(fixed.display, "block", "hostile host CSS stays outside");
  await page.screenshot({ path: shot("react-light.png") });
  assert.deepEqual(await hostState(), before, "host URL, title, storage and .card unchanged");
});

test("What changed: Vite emitted the comparison module, fetched only when the panel opens", async () => {
  const before = host.stats.wasm;
  await page.evaluate(() => document.querySelector("#fixed").shadowRoot.querySelector(".what-toggle").click());
  await inShadow(page, "#fixed", '#what-body[data-step="done"] .what-flag', 20_000);
  assert.equal(host.stats.wasm, before + 1, "one more wasm: the comparison module");
  await page.evaluate(() => document.querySelector("#fixed").shadowRoot.querySelector(".what-toggle").click());
});

test("latest switches when staging's next deployment starts; events reach React handlers", { timeout: 60_000 }, async () => {
  await page.waitForFunction(() => new Set(window.events.filter((e) => e.id === "latest" && e.type === "appconfig-state").map((e) => e.detail.deploymentNumber)).size >= 2, null, { timeout: 45_000 });
  assert.ok(await page.evaluate(() => window.events.some((e) => e.id === "fixed" && e.detail.state === "ROLLED_BACK")));
  assert.ok(await page.evaluate(() => window.providerCalls) > 2, "the provider was called again before expiry");
});

test("a cancelled appconfig-open leaves routing to the host", async () => {
  await page.evaluate(() => document.querySelector("#envs").shadowRoot.querySelector("tr.ov-row[data-env=prd0001]").click());
  const open = await page.evaluate(() => window.events.find((e) => e.type === "appconfig-open")?.detail);
  assert.equal(open?.environmentId, "prd0001");
  assert.equal(await page.evaluate(() => !!document.querySelector("#envs").shadowRoot.querySelector(".deployment")), false, "the table stays");
});

test("theme from React state changes the look", async () => {
  const bg = () => page.evaluate(() => getComputedStyle(document.querySelector("#fixed").shadowRoot.querySelector(".app")).backgroundColor);
  const light = await bg();
  await page.click("#dark");
  await page.waitForFunction((l) => getComputedStyle(document.querySelector("#fixed").shadowRoot.querySelector(".app")).backgroundColor !== l, light);
  await page.screenshot({ path: shot("react-dark.png") });
});

test("removing the latest element (React unmount) stops its requests", { timeout: 30_000 }, async () => {
  // Only the latest element polls while running: the fixed one is final, the table's rows
  // of pay0001 are at most every 5 s; remove them all and count.
  await page.click("#remove");
  await page.evaluate(() => { document.querySelector("#envs").remove(); });
  await page.waitForTimeout(500);
  const a = await sim.requests();
  await page.waitForTimeout(6_000);
  assert.equal(await sim.requests(), a, "no request after removal");
  assert.deepEqual(page.problems, []);
});
