// Release builds: gives the wasm's imports short names, in the `.wasm` and in wasm-bindgen's JS
// loader alike, and updates both files' integrity in index.html (a step of post-build.mjs).
//
// wasm-bindgen names each of the ~200 imports `__wbg_<name>_<16 hex digits>` under the module
// "./<crate>_bg.js", and each name is written twice, once in the wasm and once as a key of the
// loader's import object. Hex digits are what gzip packs worst. Short names (`a`, `b`, ... `aZ`)
// under the module `a`: 4.1 KB less gzip in the wasm and 2.6 KB in the loader (crates/appconfig-dashboard/README.md,
// "Browser glue and size").
//
// Nothing else changes: the code, the exports and the loader's logic stay as they were. Any
// surprise in either file (a name that is not exactly one object key of the loader, an import
// that is not a function, a second import module) stops the build rather than ship a page that
// cannot start.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { replaceIntegrity } from "./integrity.mjs";

function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
    if (shift > 35) throw new Error("minify-imports: bad LEB128 in the wasm");
  }
}

function u32(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

const utf8 = (s) => [...u32(Buffer.byteLength(s)), ...Buffer.from(s)];

/** `a` ... `z`, `A` ... `Z`, then `aa`, `ab` ...: the k-th short name. */
function shortName(k) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let s = "";
  for (k += 1; k > 0; k = Math.floor((k - 1) / 52)) s = letters[(k - 1) % 52] + s;
  return s;
}

/** The wasm with its import section renamed, the one import module and the renames. */
function renameImports(wasm) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error("minify-imports: not a wasm module");
  // Pieces of the new module (a section can be too large to spread into an array).
  const out = [wasm.subarray(0, 8)];
  const renames = new Map();
  let module = null;
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at++];
    let size;
    [size, at] = readU32(wasm, at);
    const end = at + size;
    if (id !== 2) {
      out.push(Buffer.from([id, ...u32(size)]), wasm.subarray(at, end));
      at = end;
      continue;
    }
    const body = [];
    let count;
    [count, at] = readU32(wasm, at);
    body.push(...u32(count));
    for (let k = 0; k < count; k++) {
      let len;
      [len, at] = readU32(wasm, at);
      const mod = wasm.toString("utf8", at, (at += len));
      [len, at] = readU32(wasm, at);
      const name = wasm.toString("utf8", at, (at += len));
      if (module !== null && mod !== module) {
        throw new Error(`minify-imports: a second import module ${mod} (besides ${module})`);
      }
      module = mod;
      if (wasm[at] !== 0) throw new Error(`minify-imports: import ${name} is not a function`);
      const start = at;
      [, at] = readU32(wasm, at + 1);
      const short = shortName(k);
      renames.set(name, short);
      body.push(...utf8("a"), ...utf8(short), ...wasm.subarray(start, at));
    }
    if (at !== end) throw new Error("minify-imports: the import section has trailing bytes");
    out.push(Buffer.from([id, ...u32(body.length), ...body]));
  }
  return { wasm: Buffer.concat(out), module, renames };
}

/** `text` with `from` replaced by `to`, where `from` must occur exactly once (`what` names it). */
function replaceOnce(text, from, to, what) {
  const first = text.indexOf(from);
  if (first < 0 || text.indexOf(from, first + 1) >= 0) {
    throw new Error(`minify-imports: ${what} ${from} is not exactly once in the loader`);
  }
  return text.slice(0, first) + to + text.slice(first + from.length);
}

/** Renames the imports of every `.wasm` of `dir` and of its loader; rewrites their integrity. */
export function minifyImports(dir) {
  const page = join(dir, "index.html");
  let html = readFileSync(page, "utf8");
  for (const name of readdirSync(dir).filter((f) => f.endsWith("_bg.wasm"))) {
    const loaderName = name.replace(/_bg\.wasm$/, ".js");
    const original = readFileSync(join(dir, name));
    const { wasm, module, renames } = renameImports(original);
    if (module === null) continue;
    const loader = readFileSync(join(dir, loaderName), "utf8");
    let js = replaceOnce(loader, JSON.stringify(module), '"a"', "the import module");
    for (const [from, to] of renames) {
      // An object key: `name: function` (as wasm-bindgen writes it) or `name:function`.
      const key = new RegExp(`(?<![\\w$])${from}(?=\\s*:)`, "g");
      const found = js.match(key)?.length ?? 0;
      if (found !== 1 || js.split(from).length !== 2) {
        throw new Error(`minify-imports: import ${from} is not exactly one key of ${loaderName}`);
      }
      js = js.replace(key, to);
    }
    writeFileSync(join(dir, name), wasm);
    writeFileSync(join(dir, loaderName), js);
    html = replaceIntegrity(html, original, wasm, "minify-imports", name);
    html = replaceIntegrity(html, Buffer.from(loader), Buffer.from(js), "minify-imports", loaderName);
    console.log(`minify-imports: ${renames.size} imports of ${name} renamed`);
  }
  writeFileSync(page, html);
}
