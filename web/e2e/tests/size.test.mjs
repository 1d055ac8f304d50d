// The dashboard's transfer size (the dashboard README's "Browser glue and size"): the bytes appconfig-sim --serve actually sends for
// every file of dist/ (the `trunk build --release` that run.sh makes) to a client that accepts
// gzip, summed. Release builds carry a zopfli `.gz` beside each file that compresses (Trunk's
// post_build hook runs `cargo xtask precompress`), and the simulator sends it as
// `Content-Encoding: gzip`, as nginx gzip_static or Caddy's precompressed would. node:http does
// not decompress, so the body bytes counted here are the bytes on the wire (without headers).
// GNU gzip -9 of each file is printed beside it, for comparison with the gzip -9 numbers of
// the size history below. Size is deterministic for a given toolchain, so the budget is tight: a change that grows
// the page by more than the headroom fails here, and either pays for its bytes (raise BUDGET in
// the same commit, saying why) or is made smaller.
// The README of crates/appconfig-dashboard keeps the table of what each part costs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { execFileSync } from "node:child_process";
import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import { DIST, launch, newPage, startSim } from "../helpers.mjs";

// History (gzip -9 of dist/): 287,464 B; gloo-net's transport (+4,418 B) was tried and taken out
// again (a dependency is taken only where it is not larger); serde-wasm-bindgen for the embed messages,
// 290,394 B (+2,930 B). Sent with zopfli's .gz siblings (5 iterations): 278,713 B, -11,681 B
// (-4.0%) against gzip -9's 290,394 B; with main's talc allocator (d7c2bed), 275,975 B (gzip -9:
// 287,192 B); with main's sorted functions, minified loader and short import names (9c52af2),
// 266,230 B (gzip -9: 277,255 B, -11,025 B, -4.0%); stateless components as functions, one
// non-generic use_paged, Vecs for the overview's maps (slim), zopfli's 50 block splits, one
// reducer in use_paged, and no serde_json serializer or SimInfo reader: 249,061 B (gzip -9:
// 260,993 B).
// The budget is the measured total + ~0.3% (740 B): zopfli's output is a function of the bytes,
// so the headroom only absorbs what a toolchain's patch release may move, not a feature. It stays
// under the goal of 250,000 B (the dashboard README's "Browser glue and size"), so this test
// also keeps the goal met.
// 2026-12-05: 272,514 B, over the 250,000 B goal by 22.5 KB, for four features, each measured on
// its own branch as sent: the CloudWatch alarms card, chart marks and overview flags (+16.6 KB),
// the host interface that the custom elements share with the page (+4.2 KB), the gateway
// connection (+1.9 KB) and the hardened confirmation and embed bridge (+1.5 KB). The budget is
// that total + 0.3%, so it still stops any growth; winning the goal back is open work (the
// dashboard README's "Browser glue and size" lists where the bytes are).
// 2026-12-05, later: 271,766 B (-748 B): constant markup (labels, headings, notes, empty states,
// the intro) as HTML text the browser builds, not element by element in wasm. Still over the
// goal by 21.8 KB: the README says where the rest would come from.
// 2026-12-05, with "What changed" (the deployment's content diff: the core's diff with serde_json's
// Value and writer and `similar`'s Myers, ~22 KB as sent; the panel, its hook and the two hosted
// reads, ~16.4 KB): 310,933 B. The budget is that + 0.3%; the 250,000 B goal is further away
// (60.9 KB), and the dashboard README says where it could come back from (the diff as a module
// loaded when the panel opens; AppConfig's answers read member by member from JSON.parse).
// 2026-12-05, later: the diff moved into a module of its own (crates/appconfig-compare), fetched
// when "What changed" first compares, not with the page: a page load sends 293,989 B (-16,944 B).
// The module (~53 KB sent, with its own copy of serde_json's reader and of std's formatting) is
// measured by the next test, apart from the page.
// 2026-12-05, later still: the chart drawn at its card's width (a ResizeObserver hook), so that
// its text is readable in a narrow portal card and on a phone: 295,214 B (+1,152 B).
// 2026-12-06: every release build also writes a brotli `.br` beside each `.gz` (quality 11,
// `cargo xtask precompress`), and `appconfig-sim --serve` sends it to clients that offer `br`:
// every browser does (Chromium even to the demo's http://127.0.0.1). What a browser is sent is
// now the brotli total, and BUDGET, the goal of 249,800 B again, is on it. The same build sent
// 255,050 B as brotli (295,417 B as zopfli); with the answers read by the core's own JSON reader
// instead of serde_json (json_tree), 245,263 B as brotli (283,778 B as zopfli, the gzip-only
// client's total: GZIP_BUDGET is that + 0.3%, so gzip-only clients are held too); after the
// reader's review, 245,162 B as brotli and 283,834 B as zopfli.
const BUDGET = 249_800;
const GZIP_BUDGET = 284_630;
/** The comparison module: in dist/, sent only when "What changed" first compares (brotli). */
const LAZY_BUDGET = 47_520;
const LAZY = /^appconfig-compare-[0-9a-f]{16}\.wasm$/;

// The types `cargo xtask precompress` compresses (xtask/src/precompress.rs).
const COMPRESSIBLE = new Set([".html", ".htm", ".js", ".mjs", ".css", ".wasm", ".svg", ".json", ".txt", ".map"]);

/** Every file under `dir` but the `.gz` and `.br` siblings (they are how a file is sent, not a file). */
function files(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith(".gz") && !e.name.endsWith(".br"))
    .map((e) => relative(DIST, join(e.parentPath ?? e.path, e.name)))
    .sort();
}

/** What Chromium offers, to https and to the demo's http://127.0.0.1 alike (checked in its requests). */
const BROWSER = "gzip, deflate, br, zstd";

/** GET `path` with `Accept-Encoding: acceptEncoding`: { status, encoding, body } as sent (never decoded). */
function fetchRaw(base, path, acceptEncoding = BROWSER) {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** `body` as sent with `encoding`, decoded. */
function decode(encoding, body) {
  if (encoding === "br") return brotliDecompressSync(body);
  if (encoding === "gzip") return gunzipSync(body);
  assert.equal(encoding, undefined, `content-encoding ${encoding}`);
  return body;
}

test(`a page load sends a browser at most ${BUDGET} bytes (brotli), a gzip-only client at most ${GZIP_BUDGET}: all of dist/ but the comparison module`, async () => {
  const names = files(DIST).filter((f) => !LAZY.test(f));
  assert.ok(names.some((f) => f.endsWith(".wasm")), `no .wasm in ${DIST}: build it with trunk build --release`);
  const sim = await startSim();
  try {
    const total = { br: 0, gz: 0, gzip9: 0, raw: 0 };
    const lines = [];
    for (const f of names) {
      const raw = readFileSync(join(DIST, f));
      // GNU gzip, as the size history was measured (node's zlib comes out ~2 KB larger on the wasm).
      const gzip9 = execFileSync("gzip", ["-9c", join(DIST, f)], { maxBuffer: 1 << 26 }).length;
      const path = "/" + f.split(/[/\\]/).map(encodeURIComponent).join("/");
      const sent = {};
      for (const [key, offer] of [["br", BROWSER], ["gz", "gzip"]]) {
        const r = await fetchRaw(sim.url, path, offer);
        assert.equal(r.status, 200, `GET ${path}`);
        assert.ok(raw.equals(decode(r.encoding, r.body)), `${f}: what is sent (${r.encoding ?? "identity"}) decodes to the file`);
        // A type that compresses goes out compressed unless compressing cannot make it smaller.
        assert.ok(r.encoding !== undefined || !COMPRESSIBLE.has(extname(f)) || gzip9 >= raw.length,
          `${f} went out uncompressed to "${offer}" (${raw.length} B; gzip -9 would be ${gzip9} B): no fresh .br/.gz beside it (cargo xtask precompress)`);
        sent[key] = r.body.length;
      }
      total.br += sent.br;
      total.gz += sent.gz;
      total.gzip9 += gzip9;
      total.raw += raw.length;
      lines.push(`${String(sent.br).padStart(8)} ${String(sent.gz).padStart(8)} ${String(gzip9).padStart(8)} ${String(raw.length).padStart(8)}  ${f}`);
    }
    const row = (t) => [t.br, t.gz, t.gzip9, t.raw].map((n) => String(n).padStart(8)).join(" ");
    console.log(`  brotli zopfli   gzip -9      raw  file\n${lines.join("\n")}\n${row(total)}  total`);
    assert.ok(total.br <= BUDGET, `a browser is sent ${total.br} B, over the budget of ${BUDGET} B by ${total.br - BUDGET} B`);
    assert.ok(total.gz <= GZIP_BUDGET, `a gzip-only client is sent ${total.gz} B, over its budget of ${GZIP_BUDGET} B by ${total.gz - GZIP_BUDGET} B`);
  } finally {
    await sim.stop();
  }
});

test(`the comparison module: one file, named in index.html with its integrity, no imports, at most ${LAZY_BUDGET} bytes sent`, async () => {
  const found = files(DIST).filter((f) => LAZY.test(f));
  assert.equal(found.length, 1, `one comparison module in dist/: ${JSON.stringify(found)}`);
  const [name] = found;
  const bytes = readFileSync(join(DIST, name));
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const meta = html.match(/<meta name="?appconfig-compare"?[^>]*>/)?.[0] ?? "";
  assert.ok(meta.includes(`./${name}`), `index.html names ${name}: ${meta}`);
  const digest = `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
  assert.ok(meta.includes(digest), `index.html carries its integrity ${digest}: ${meta}`);
  const module = new WebAssembly.Module(bytes);
  assert.deepEqual(WebAssembly.Module.imports(module), [], "it imports nothing (no glue to load)");
  const exports = WebAssembly.Module.exports(module).map((e) => e.name);
  for (const e of ["memory", "appconfig_alloc", "appconfig_compare", "appconfig_output"]) {
    assert.ok(exports.includes(e), `it exports ${e}: ${exports}`);
  }
  const sim = await startSim();
  try {
    const r = await fetchRaw(sim.url, `/${name}`);
    assert.equal(r.encoding, "br", "it goes out brotli-encoded");
    console.log(`  comparison module: ${r.body.length} B sent, ${bytes.length} B raw`);
    assert.ok(r.body.length <= LAZY_BUDGET, `the comparison module goes out in ${r.body.length} B, over ${LAZY_BUDGET} B`);
  } finally {
    await sim.stop();
  }
});

test("Chromium runs the dashboard from the brotli-encoded files, with their integrity hashes", async () => {
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  // Trunk's subresource integrity (no_sri = false): the hashes are of the files, which the
  // browser checks after decoding the brotli.
  for (const ext of ["_bg.wasm", ".js", ".css"]) {
    const tag = html.match(new RegExp(`<link[^>]*${ext.replace(".", "\\.")}[^>]*>`))?.[0] ?? "";
    assert.match(tag, /integrity="?sha384-/, `the ${ext} link has an integrity hash: ${tag}`);
  }
  const sim = await startSim();
  const browser = await launch();
  try {
    const page = await newPage(browser);
    const encodings = {};
    page.on("response", (r) => {
      const ext = extname(new URL(r.url()).pathname);
      if ([".wasm", ".js", ".css"].includes(ext)) encodings[ext] = r.headers()["content-encoding"];
    });
    await page.goto(`${sim.url}/?app=339ohji&env=54j1r29&deployment=1`);
    await page.locator('[role="status"]', { hasText: "Complete" }).waitFor();
    assert.deepEqual(encodings, { ".wasm": "br", ".js": "br", ".css": "br" }, "content-encoding per type");
    assert.deepEqual(page.problems, []);
  } finally {
    await browser.close();
    await sim.stop();
  }
});
