// Subresource integrity as the page claims it: a wasm that is not the one the page was built
// with (here: the real one with an extra custom section, still a valid module) is refused, and
// the page says so instead of staying blank or running it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { DIST, launch, newPage, startSim } from "../helpers.mjs";

let browser;
let dir;
before(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), "appconfig-tampered-"));
});
after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A copy of dist/ whose file ending in `suffix` is changed by `tamper` (its .gz too). */
function tampered(name, suffix, tamper) {
  const out = join(dir, name);
  cpSync(DIST, out, { recursive: true });
  const file = readdirSync(out).find((f) => f.endsWith(suffix));
  const bytes = tamper(readFileSync(join(out, file)));
  writeFileSync(join(out, file), bytes);
  if (existsSync(join(out, `${file}.gz`))) writeFileSync(join(out, `${file}.gz`), gzipSync(bytes, { level: 9 }));
  return out;
}

test("a tampered wasm is refused and the page says so", async () => {
  // A custom section "x" with one byte: the module stays valid, its digest changes.
  const served = tampered("wasm", "_bg.wasm", (wasm) => Buffer.concat([wasm, Buffer.from([0, 3, 1, 0x78, 0x21])]));
  const sim = await startSim({ extra: ["--serve", served] });
  const page = await newPage(browser);
  try {
    await page.goto(`${sim.url}/`);
    await page.locator("#app", { hasText: "The dashboard could not load its code" }).waitFor({ timeout: 15_000 });
    assert.equal(await page.locator(".app").count(), 0, "the tampered code did not run");
    assert.ok(page.problems.some((p) => /integrity/i.test(p)), `the browser names the failed check: ${page.problems}`);
  } finally {
    await page.close();
    await sim.stop();
  }
});
