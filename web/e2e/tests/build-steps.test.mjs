// The release build's own steps (crates/appconfig-dashboard/build/): short import names, the
// minified loader and subresource integrity, checked on the dist/ that run.sh built and on a
// small module made here, where a wrong rename would fail to instantiate.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIST, ROOT } from "../helpers.mjs";

const { minifyImports } = await import(join(ROOT, "crates/appconfig-dashboard/build/minify-imports.mjs"));

const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

test("every file of dist/ that index.html loads matches its integrity attribute", () => {
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const links = [...html.matchAll(/href=["']?\.\/([^"' >]+)["']?[^>]*?integrity=["']?(sha384-[^"' >]+)/g)];
  const names = links.map((m) => m[1]);
  assert.ok(names.some((n) => n.endsWith(".wasm")) && names.some((n) => n.endsWith(".js")), `links: ${names}`);
  for (const [, name, integrity] of links) {
    assert.equal(sri(readFileSync(join(DIST, name))), integrity, `integrity of ${name}`);
  }
});

test("the shipped loader is minified and carries no long import names", () => {
  const js = readdirSync(DIST).find((f) => f.endsWith(".js"));
  const text = readFileSync(join(DIST, js), "utf8");
  assert.doesNotMatch(text, /__wbg_\w+_[0-9a-f]{16}/, "an import name of wasm-bindgen is left");
  assert.ok(text.split("\n").length < 20, `the loader has ${text.split("\n").length} lines`);
});

// A module importing two functions from "./demo_bg.js" and exporting `run`, which calls both:
// (func (import "./demo_bg.js" "__wbg_one_0123456789abcdef") (result i32))
// (func (import "./demo_bg.js" "__wbg_two_fedcba9876543210") (param i32) (result i32))
// (func (export "run") (result i32) call 0 call 1)
function demoWasm() {
  const str = (s) => [s.length, ...Buffer.from(s)];
  const section = (id, body) => [id, body.length, ...body];
  const mod = "./demo_bg.js";
  const types = section(1, [2, 0x60, 0, 1, 0x7f, 0x60, 1, 0x7f, 1, 0x7f]);
  const imports = section(2, [
    2,
    ...str(mod), ...str("__wbg_one_0123456789abcdef"), 0, 0,
    ...str(mod), ...str("__wbg_two_fedcba9876543210"), 0, 1,
  ]);
  const funcs = section(3, [1, 0]);
  const exports = section(7, [1, ...str("run"), 0, 2]);
  const code = section(10, [1, 6, 0, 0x10, 0, 0x10, 1, 0x0b]);
  return Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...types, ...imports, ...funcs, ...exports, ...code]);
}

function demoDir(loader) {
  const dir = mkdtempSync(join(tmpdir(), "minify-imports-"));
  const wasm = demoWasm();
  writeFileSync(join(dir, "demo_bg.wasm"), wasm);
  writeFileSync(join(dir, "demo.js"), loader);
  writeFileSync(
    join(dir, "index.html"),
    `<link href=./demo.js integrity=${sri(Buffer.from(loader))}><link href=./demo_bg.wasm integrity=${sri(wasm)}>`,
  );
  return dir;
}

const LOADER = `export function imports() {
  const import0 = {
    __wbg_one_0123456789abcdef: function() { return 40; },
    __wbg_two_fedcba9876543210: function(x) { return x + 2; },
  };
  return { "./demo_bg.js": import0 };
}
`;

test("renamed imports still meet their functions, and the integrity follows the files", async () => {
  const dir = demoDir(LOADER);
  minifyImports(dir);
  const js = readFileSync(join(dir, "demo.js"), "utf8");
  assert.doesNotMatch(js, /__wbg_/, "loader keys renamed");
  const { imports } = await import(`data:text/javascript,${encodeURIComponent(js)}`);
  const wasm = readFileSync(join(dir, "demo_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(wasm, imports());
  assert.equal(instance.exports.run(), 42, "the renamed module runs with the renamed loader");
  const html = readFileSync(join(dir, "index.html"), "utf8");
  assert.ok(html.includes(sri(wasm)) && html.includes(sri(Buffer.from(js))), "integrity rewritten");
});

test("a name the loader uses twice stops the build instead of shipping a broken page", () => {
  const dir = demoDir(`${LOADER}\nconst again = "__wbg_two_fedcba9876543210";\n`);
  assert.throws(() => minifyImports(dir), /__wbg_two_fedcba9876543210 is not exactly one key/);
  assert.equal(readFileSync(join(dir, "demo_bg.wasm")).toString("hex"), demoWasm().toString("hex"), "wasm untouched");
});
