// TypeScript: the installed package's declarations compile under --strict, have no `any`, and our
// output types are assignable to the AWS SDK's (test/types/usage.mts, usage.cts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const run = (args) => spawnSync(process.execPath, [tsc, ...args], { encoding: "utf8", cwd: here("..") });

test("tsc --strict: the whole API, SDK input/output assignability, ESM and CommonJS consumers", () => {
  const r = run(["-p", here("./types/tsconfig.json")]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test("the declarations compile on their own (no skipLibCheck) and contain no `any`", () => {
  const dir = require.resolve("appconfig-wasm/package.json").replace(/package\.json$/, "");
  for (const entry of ["index", "timeline"]) {
    const dts = `${dir}${entry}.d.ts`;
    const r = run(["--noEmit", "--strict", "--module", "nodenext", "--lib", "es2023,dom", dts, dts.replace(/\.ts$/, ".cts")]);
    assert.equal(r.status, 0, entry + ": " + r.stdout + r.stderr);
    const code = readFileSync(dts, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    assert.doesNotMatch(code, /\bany\b/, entry);
    // The CommonJS declarations are the same but for their imports.
    const cts = readFileSync(dts.replace(/\.ts$/, ".cts"), "utf8");
    assert.equal(cts.replaceAll('from "./index.cjs"', 'from "./index.js"'), readFileSync(dts, "utf8"), entry);
  }
});
