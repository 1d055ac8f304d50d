// Subresource integrity of the staged page, for the build steps that rewrite a file index.html
// loads (minify-imports.mjs, minify-js.mjs): the digest Trunk writes, and its replacement.
import { createHash } from "node:crypto";

/** The `integrity` value Trunk writes for `bytes` (sha384, base64). */
export const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

/**
 * `html` with the integrity of `before` replaced by that of `after`. Throws (naming `step` and
 * `file`) when the page carries no integrity for `before`: a step that rewrote a file the page
 * does not check, or checks by another digest, would ship a page the browser refuses.
 */
export function replaceIntegrity(html, before, after, step, file) {
  const old = sri(before);
  if (!html.includes(old)) {
    throw new Error(`${step}: index.html carries no integrity ${old} for ${file}`);
  }
  return html.replaceAll(old, sri(after));
}
