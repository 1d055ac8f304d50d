// The package's declarations (index.d.ts: HTMLElementTagNameMap, HTMLElementEventMap,
// JSX.IntrinsicElements; react.d.ts) checked by tsc --strict on ts/portal.tsx, and a wrong use
// must fail.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { HERE } from "../helpers.mjs";

const tsc = (project) => spawnSync(process.execPath, [join(HERE, "node_modules/typescript/bin/tsc"), "-p", project], { encoding: "utf8" });

test("tsc --strict accepts a React portal using the elements", { timeout: 60_000 }, () => {
  const r = tsc(join(HERE, "ts"));
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test("tsc --strict rejects a wrong event detail", { timeout: 60_000 }, () => {
  const bad = join(HERE, "ts/bad.tsx");
  writeFileSync(bad, 'import "appconfig-elements";\ndocument.querySelector("appconfig-deployment")?.addEventListener("appconfig-state", (e) => { const s: number = e.detail.state; console.log(s); });\nexport {};\n');
  writeFileSync(join(HERE, "ts/tsconfig.bad.json"), JSON.stringify({ extends: "./tsconfig.json", files: ["bad.tsx"] }));
  try {
    const r = tsc(join(HERE, "ts/tsconfig.bad.json"));
    assert.notEqual(r.status, 0, "a string detail assigned to a number must not type-check");
    assert.match(r.stdout, /TS2322/);
  } finally {
    rmSync(bad);
    rmSync(join(HERE, "ts/tsconfig.bad.json"));
  }
});
