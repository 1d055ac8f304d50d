// Allows Trunk's inline loader script in the Content-Security-Policy by its sha256 (instead of
// 'unsafe-inline'): replaces TRUNK_INLINE_HASHES in the staged index.html (a step of
// post-build.mjs).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Fills in the CSP hashes of the inline scripts of `dir/index.html`. */
export function cspHash(dir) {
  const file = join(dir, "index.html");
  const html = readFileSync(file, "utf8");
  const hashes = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    hashes.push(`'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`);
  }
  if (!html.includes("TRUNK_INLINE_HASHES")) {
    throw new Error("csp-hash: no TRUNK_INLINE_HASHES placeholder in index.html");
  }
  writeFileSync(file, html.replaceAll("TRUNK_INLINE_HASHES", hashes.join(" ")));
  console.log(`csp-hash: allowed ${hashes.length} inline script(s)`);
}
