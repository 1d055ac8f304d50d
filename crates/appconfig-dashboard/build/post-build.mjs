// Trunk's post_build hook. Trunk runs the hooks of one stage concurrently, and these steps all
// rewrite the staged index.html, so they are one hook that runs them in order.
import { minifyImports } from "./minify-imports.mjs";
import { minifyJs } from "./minify-js.mjs";
import { cspHash } from "./csp-hash.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (run me as a trunk post_build hook)");
  process.exit(1);
}
try {
  // Debug builds (trunk serve) keep the loader readable.
  if (process.env.TRUNK_PROFILE === "release") {
    minifyImports(dir);
    minifyJs(dir);
  }
  cspHash(dir);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
