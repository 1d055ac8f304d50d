// Trunk post_build hook: allows Trunk's inline loader script in the Content-Security-Policy by
// its sha256 (instead of 'unsafe-inline'). Replaces TRUNK_INLINE_HASHES in the staged index.html.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("csp-hash: TRUNK_STAGING_DIR is not set (run me as a trunk post_build hook)");
  process.exit(1);
}
const file = join(dir, "index.html");
const html = readFileSync(file, "utf8");
const hashes = [];
for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`);
}
if (!html.includes("TRUNK_INLINE_HASHES")) {
  console.error("csp-hash: no TRUNK_INLINE_HASHES placeholder in index.html");
  process.exit(1);
}
writeFileSync(file, html.replaceAll("TRUNK_INLINE_HASHES", hashes.join(" ")));
console.log(`csp-hash: allowed ${hashes.length} inline script(s)`);
