// The dashboard's minify-imports step (crates/appconfig-dashboard/build/minify-imports.mjs) on
// the elements' wasm and loader: short import names in both (a few KB less gzip). That step
// checks the files against a page's integrity; here a page is written for it and removed after.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minifyImports } from "../../crates/appconfig-dashboard/build/minify-imports.mjs";
import { sri } from "../../crates/appconfig-dashboard/build/integrity.mjs";

const dir = process.argv[2];
const files = ["appconfig_elements_bg.wasm", "appconfig_elements.js"];
const page = join(dir, "index.html");
writeFileSync(page, files.map((f) => `<link integrity="${sri(readFileSync(join(dir, f)))}">`).join("\n"));
try {
  minifyImports(dir);
} finally {
  rmSync(page);
}
