// The elements on a plain HTML page without a bundler (pages/plain.html), served from one
// loopback origin, the simulator's API on another: two <appconfig-deployment> (one fixed, one
// following staging's latest, which the simulator replaces every few seconds at --speed 120) and
// an <appconfig-environments>, under hostile host CSS, with a credentials provider whose
// credentials expire soon.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { PKG, HERE, inShadow, launch, newPage, shot, startHost, startSim } from "../helpers.mjs";
import { join } from "node:path";

let sim;
let host;
let browser;
let page;
before(async () => {
  sim = await startSim({ speed: 120 });
  host = await startHost({ "/pkg/": PKG, "/": join(HERE, "pages") });
  browser = await launch();
  page = await newPage(browser);
  await page.goto(`${host.url}/plain.html?sim=${encodeURIComponent(sim.url)}`);
});
after(async () => {
  await browser?.close();
  await host?.stop();
  await sim?.stop();
});

const hostState = () => page.evaluate(() => ({
  url: location.href, title: document.title, session: sessionStorage.length, local: localStorage.length,
  card: getComputedStyle(document.getElementById("host-card")).backgroundColor,
  ids: [...document.querySelectorAll("[id]")].map((e) => e.id).join(","),
  headStyles: document.head.querySelectorAll("style, link").length,
  favicon: document.querySelectorAll("link[rel~=icon]").length,
}));

test("the fixed deployment shows its state, chart, timeline and details inside its shadow root", async () => {
  const before = await hostState();
  await inShadow(page, "#fixed", ".event-log li, .events li, ol li");
  const text = await page.evaluate(() => document.querySelector("#fixed").shadowRoot.textContent);
  assert.match(text, /Deployment 2/, "headline of deployment 2");
  for (const part of ["Progress", "Details", "Events"]) assert.ok(text.includes(part), `section ${part} rendered`);
  assert.ok(await page.evaluate(() => !!document.querySelector("#fixed").shadowRoot.querySelector("svg")), "the chart is drawn");
  // Hostile host CSS did not reach in: the headline is visible and laid out as a block.
  const headline = await page.evaluate(() => {
    const h = document.querySelector("#fixed").shadowRoot.querySelector(".headline");
    const s = getComputedStyle(h);
    return { display: s.display, font: s.fontFamily, h: h.getBoundingClientRect().height };
  });
  assert.equal(headline.display, "block", "host's display:none !important stays outside");
  assert.doesNotMatch(headline.font, /Comic/, "host's font stays outside");
  assert.ok(headline.h > 0 && headline.h < 80, `headline height ${headline.h}`);
  await page.screenshot({ path: shot("plain-light.png"), fullPage: true });
  await page.locator("#fixed").screenshot({ path: shot("deployment-light.png") });
  assert.deepEqual(await hostState(), before, "host URL, title, storage, ids, styles and .card unchanged");
});

test("events bubble out, composed: appconfig-state for each element, never a secret", async () => {
  await page.waitForFunction(() => window.events.filter((e) => e.type === "appconfig-state").length >= 2);
  const events = await page.evaluate(() => window.events);
  const fixed = events.find((e) => e.type === "appconfig-state" && e.id === "fixed");
  assert.ok(fixed, "appconfig-state from #fixed");
  assert.deepEqual(Object.keys(fixed.detail).sort(), ["applicationId", "deploymentNumber", "environmentId", "percentageComplete", "state"]);
  assert.equal(fixed.detail.applicationId, "pay0001");
  assert.equal(fixed.detail.deploymentNumber, 2);
  assert.ok(fixed.bubbles && fixed.composed, "bubbles and composed");
  assert.ok(!JSON.stringify(events).includes("secret"), "no secret in any event");
});

test("a wrong secret gives appconfig-error (a kind and a line, never the secret)", async () => {
  await page.waitForFunction(() => window.events.some((e) => e.type === "appconfig-error" && e.id === "bad"));
  const e = await page.evaluate(() => window.events.find((x) => x.type === "appconfig-error" && x.id === "bad"));
  assert.deepEqual(Object.keys(e.detail).sort(), ["message", "name"]);
  assert.equal(e.detail.name, "bad-credentials", JSON.stringify(e.detail));
  assert.ok(e.bubbles && e.composed);
  const shown = await page.evaluate(() => document.getElementById("bad").shadowRoot.textContent);
  assert.ok(!JSON.stringify(e).includes("wrong-secret") && !shown.includes("wrong-secret"), "the secret is nowhere");
});

test("latest follows staging: it switches to the new deployment when the simulator starts one", { timeout: 60_000 }, async () => {
  await page.waitForFunction(() => {
    const n = new Set(window.events.filter((e) => e.type === "appconfig-state" && e.id === "latest").map((e) => e.detail.deploymentNumber));
    return n.size >= 2;
  }, null, { timeout: 45_000 });
  const numbers = await page.evaluate(() => window.events.filter((e) => e.id === "latest").map((e) => e.detail.deploymentNumber));
  assert.ok(numbers[numbers.length - 1] > numbers[0], `numbers rise: ${numbers}`);
  // A guest does not ask for the page's notification permission, nor offer a link of the page.
  const extras = await page.evaluate(() => document.querySelector("#latest").shadowRoot.querySelectorAll(".notify-toggle, .copy-link, .full-view").length);
  assert.equal(extras, 0);
});

test("the credentials provider was called again before its credentials expired", async () => {
  // Each element's client calls it once, then again within the five-minute window (1 s in).
  await page.waitForFunction(() => window.providerCalls > 3, null, { timeout: 20_000 });
});

test("theme and a custom property visibly change it", async () => {
  const colours = () => page.evaluate(() => {
    const r = document.querySelector("#fixed").shadowRoot;
    return { bg: getComputedStyle(r.querySelector(".app")).backgroundColor, link: getComputedStyle(r.querySelector(".card")).backgroundColor };
  });
  const light = await colours();
  await page.evaluate(() => document.querySelector("#fixed").setAttribute("theme", "dark"));
  const dark = await colours();
  assert.notEqual(dark.bg, light.bg, "theme=dark changes the background");
  await page.locator("#fixed").screenshot({ path: shot("deployment-dark.png") });
  await page.evaluate(() => { const e = document.querySelector("#fixed"); e.removeAttribute("theme"); e.classList.add("themed"); });
  const themed = await colours();
  assert.equal(themed.bg, "rgb(255, 240, 246)", "--appconfig-surface reaches into the shadow root");
});

test("a row click fires a cancelable appconfig-open; not cancelled, the deployment opens in place", async () => {
  await inShadow(page, "#envs", "tr.ov-row[data-env=prd0001]");
  await page.evaluate(() => document.querySelector("#envs").shadowRoot.querySelector("tr.ov-row[data-env=prd0001]").click());
  const open = await page.evaluate(() => window.events.find((e) => e.type === "appconfig-open"));
  assert.deepEqual({ ...open.detail, deploymentNumber: typeof open.detail.deploymentNumber }, { applicationId: "pay0001", environmentId: "prd0001", deploymentNumber: "number" });
  await inShadow(page, "#envs", ".deployment .headline");
});

test("in a 450 px card of a wide page the chart is drawn at the card's width, its text not shrunk", async () => {
  const drawn = () => page.evaluate(() => {
    const root = document.querySelector("#fixed").shadowRoot;
    const svg = root.querySelector(".chart svg");
    const label = root.querySelector(".chart .tick text");
    return { units: svg.viewBox.baseVal.width, px: svg.getBoundingClientRect().width, text: label.getBoundingClientRect().height };
  });
  await page.evaluate(() => { document.querySelector("#fixed").style.width = "450px"; });
  await page.waitForFunction(() => {
    const svg = document.querySelector("#fixed").shadowRoot.querySelector(".chart svg");
    return Math.abs(svg.viewBox.baseVal.width - svg.getBoundingClientRect().width) < 2;
  }, null, { timeout: 5_000 });
  const narrow = await drawn();
  assert.ok(narrow.units < 450 && narrow.text >= 10, `drawn ${narrow.units} units in ${narrow.px} px; label ${narrow.text} px high`);
  await page.evaluate(() => { document.querySelector("#fixed").style.width = ""; });
});

test("360 px wide: no horizontal overflow of the page", async () => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForTimeout(200);
  const over = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  await page.screenshot({ path: shot("plain-360.png") });
  await page.evaluate(() => document.querySelector("#envs").scrollIntoView());
  await page.screenshot({ path: shot("environments-360.png") });
  assert.ok(over <= 0, `page overflows by ${over}px`);
  await page.setViewportSize({ width: 1100, height: 900 });
});

test("removing the elements stops their requests (counted at the simulator)", { timeout: 30_000 }, async () => {
  await page.evaluate(() => document.querySelectorAll("appconfig-deployment, appconfig-environments").forEach((e) => e.remove()));
  await page.waitForTimeout(500);
  const a = await sim.requests();
  await page.waitForTimeout(7_000);
  const b = await sim.requests();
  assert.equal(b, a, `requests after removal: ${b - a}`);
  // The wrong secret's three 403s are logged by Chromium itself; nothing else may be.
  assert.deepEqual(page.problems.filter((p) => !p.includes("403 (Forbidden)")), []);
});
