// Screenshots for looking at the UI by eye (not a test): node web/e2e/shots.mjs
import { launch, newPage, startSim, shot } from "./helpers.mjs";
const sim = await startSim({ speed: Number(process.env.SPEED || 60) });
const browser = await launch();
try {
  for (const [name, q, opts, full] of [
    ["botocore-light", "?app=339ohji&env=54j1r29&deployment=1", {}, true],
    ["rollback-dark", "?app=pay0001&env=prd0001&deployment=2&theme=dark", {}, true],
    ["live-light", "?app=pay0001&env=stg0001&deployment=2", {}, false],
    ["big-light", "?app=pay0001&env=prd0001&deployment=4", {}, false],
    ["phone", "?app=pay0001&env=prd0001&deployment=2", { viewport: { width: 360, height: 780 } }, false],
    ["phone-dark", "?app=pay0001&env=stg0001&deployment=2&theme=dark", { viewport: { width: 360, height: 780 }, colorScheme: "dark" }, false],
    ["home", "", {}, false],
    ["embed", "?app=339ohji&env=54j1r29&deployment=1&embed=1&theme=dark", { viewport: { width: 700, height: 600 } }, false],
  ]) {
    const page = await newPage(browser, opts);
    await page.goto(sim.url + "/" + q);
    await page.waitForTimeout(2500);
    await page.screenshot({ path: shot(`look-${name}.png`), fullPage: full });
    console.log(name, page.problems);
    await page.close();
  }
} finally {
  await browser.close();
  await sim.stop();
}
