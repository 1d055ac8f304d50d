// Screenshots for looking at the UI by eye (not a test): node web/e2e/shots.mjs
// Every view in light, dark and at 360 px wide: look-<view>-<look>.png in SHOTS_DIR (default
// web/artifacts), e.g. SHOTS_DIR=/tmp/shots node web/e2e/shots.mjs
// SPEED (default 1) is the simulator's --speed: at 1 the staging deployment is still running.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launch, newPage, startSim, shot as artifact } from "./helpers.mjs";
import { startFaultProxy, awsError } from "./fault-proxy.mjs";

const OUT = process.env.SHOTS_DIR;
if (OUT) mkdirSync(OUT, { recursive: true });
const shot = (name) => (OUT ? join(OUT, name) : artifact(name));

const sim = await startSim({ speed: Number(process.env.SPEED || 1) });
const proxy = await startFaultProxy(sim.url);
const browser = await launch();
const LOOKS = {
  light: { viewport: { width: 1280, height: 900 }, colorScheme: "light" },
  dark: { viewport: { width: 1280, height: 900 }, colorScheme: "dark" },
  phone: { viewport: { width: 360, height: 780 }, colorScheme: "light" },
};
// [view, url base, query, what to do before the shot, full page?]
const VIEWS = [
  ["overview", sim.url, "", (p) => p.locator(".ov-row[data-state]").first().waitFor(), true],
  ["running", sim.url, "?app=pay0001&env=stg0001&deployment=2", (p) => p.locator("dl.details").waitFor(), true],
  ["what-changed", sim.url, "?app=pay0001&env=stg0001&deployment=2", async (p) => {
    await p.locator(".what-toggle").click();
    await p.locator('#what-body:not([data-step="busy"])').waitFor({ timeout: 30_000 });
  }, true],
  ["what-changed-text", sim.url, "?app=web0001&env=dev0001&deployment=56", async (p) => {
    await p.locator(".what-toggle").click();
    await p.locator('#what-body:not([data-step="busy"])').waitFor({ timeout: 30_000 });
  }, false],
  ["rollback", sim.url, "?app=pay0001&env=prd0001&deployment=2", (p) => p.locator(".monitors, dl.details").first().waitFor(), true],
  ["stop-dialog", sim.url, "?app=pay0001&env=stg0001&deployment=2", async (p) => {
    await p.locator("button", { hasText: "Stop deployment…" }).click();
    await p.locator('[role="alertdialog"]').waitFor();
    // The confirm button is disabled for its first second (ARM_MS): shoot it armed.
    await p.locator(".confirm-action:not([disabled])").waitFor();
  }, false],
  ["connection", sim.url, "", async (p) => {
    await p.locator("details.conn-details").waitFor();
    await p.evaluate(() => { document.querySelector("details.conn-details").open = true; });
  }, true],
  ["error", sim.url, "?app=pay0001&env=nothere&deployment=1", (p) => p.locator(".error-panel").waitFor(), false],
  ["fault-banner", proxy.url, "?app=pay0001&env=stg0001&deployment=2", async (p) => {
    await p.locator("dl.details").waitFor();
    proxy.set(awsError(500, "InternalServerException", "the service failed"));
    await p.locator('.error-panel[data-kind="service"]').waitFor({ timeout: 60_000 });
    proxy.clear();
  }, false],
];
let written = 0;
try {
  for (const [view, base, q, prepare, full] of VIEWS) {
    for (const [look, opts] of Object.entries(LOOKS)) {
      const page = await newPage(browser, opts);
      const theme = look === "dark" ? `${q ? "&" : "?"}theme=dark` : "";
      await page.goto(`${base}/${q}${theme}`);
      await prepare(page);
      await page.waitForTimeout(500);
      const path = shot(`look-${view}-${look}.png`);
      await page.screenshot({ path, fullPage: full });
      written += 1;
      console.log(path, page.problems.length ? page.problems : "");
      if (look === "phone" && full) {
        // A long page at 360 px shrinks to nothing in an image viewer: also one screen at a time.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let i = 0, y = 0; y < height && i < 6; i += 1, y += 780) {
          await page.screenshot({ path: shot(`look-${view}-${look}-${i + 1}.png`), fullPage: true, clip: { x: 0, y, width: 360, height: Math.min(780, height - y) } });
          written += 1;
        }
      }
      await page.close();
    }
  }
} finally {
  console.log(`${written} screenshots`);
  await browser.close();
  await proxy.stop();
  await sim.stop();
}
