// Response bodies, read by the host: TextDecoder, JSON.parse, then one validating walk over the
// result that follows the core's shape table (SHAPES, generated from appconfig_core::shape and
// checked against it by crates/appconfig-js/tests/shapes.rs) and converts timestamps to Dates
// in place. As strict as the core's serde reader: a member of the wrong type is a
// MalformedResponseError naming its path; null and unknown members are left out;
// a duplicated key is refused (found by a key count, then located by a scan).

const T_STRING = 1, T_INT = 2, T_NUMBER = 3, T_TIME = 4, T_MAP = 5, T_STRUCT = 6, T_LIST = 7;
const compiled = Object.create(null);
for (const name of Object.keys(SHAPES)) compiled[name] = Object.create(null);
for (const name of Object.keys(SHAPES)) {
  const members = SHAPES[name];
  for (const k of Object.keys(members)) {
    const code = members[k];
    const simple = { s: T_STRING, i: T_INT, n: T_NUMBER, t: T_TIME, m: T_MAP }[code];
    compiled[name][k] = simple
      ? { t: simple, s: null }
      : code[0] === "["
        ? { t: T_LIST, s: compiled[code.slice(1, -1)], n: code.slice(1, -1) }
        : { t: T_STRUCT, s: compiled[code], n: code };
  }
}
const SHAPE_NAMES = new Map(Object.keys(compiled).map((n) => [compiled[n], n]));
const at = (path, k) => (path ? `${path}.${k}` : k);
const elem = (path, i) => (i < 0 ? path : `${path}[${i}]`);

let keyCount = 0;

// Keys of a value no shape describes, counted for the duplicate check.
function countKeys(v) {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (v[i] !== null && typeof v[i] === "object") countKeys(v[i]);
  } else {
    const keys = Object.keys(v);
    keyCount += keys.length;
    for (let i = 0; i < keys.length; i++) {
      const x = v[keys[i]];
      if (x !== null && typeof x === "object") countKeys(x);
    }
  }
}

function struct(o, shape, path, index) {
  if (o === null || typeof o !== "object" || Array.isArray(o)) {
    if (Array.isArray(o)) wrong(elem(path, index), "expected an object, got an array");
    wrongType(elem(path, index), o, `struct ${SHAPE_NAMES.get(shape)}`);
  }
  const keys = Object.keys(o);
  keyCount += keys.length;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const m = shape[k];
    const x = o[k];
    if (m === undefined) {
      // As the SDK and the core: a member this version does not know is left out.
      if (x !== null && typeof x === "object") countKeys(x);
      delete o[k];
      continue;
    }
    if (x === null) {
      delete o[k];
      continue;
    }
    switch (m.t) {
      case T_STRING:
        if (typeof x !== "string") wrongType(at(elem(path, index), k), x, "a string");
        break;
      case T_INT:
        if (typeof x !== "number" || !Number.isInteger(x)) wrongType(at(elem(path, index), k), x, "i32");
        if (x > 2147483647 || x < -2147483648) wrong(at(elem(path, index), k), `invalid value: integer \`${x}\`, expected i32`);
        break;
      case T_NUMBER:
        if (typeof x !== "number") wrongType(at(elem(path, index), k), x, "f64");
        break;
      case T_TIME:
        o[k] = timestamp(x, at(elem(path, index), k));
        break;
      case T_MAP:
        stringMap(x, at(elem(path, index), k));
        break;
      case T_STRUCT:
        struct(x, m.s, at(elem(path, index), k), -1);
        break;
      default: {
        if (!Array.isArray(x)) wrongType(at(elem(path, index), k), x, "a sequence");
        const p = at(elem(path, index), k);
        for (let j = 0; j < x.length; j++) struct(x[j], m.s, p, j);
      }
    }
  }
}

function stringMap(x, path) {
  if (x === null || typeof x !== "object" || Array.isArray(x)) wrongType(path, x, "a map");
  const keys = Object.keys(x);
  keyCount += keys.length;
  for (const k of keys) {
    const v = x[k];
    if (v === null) delete x[k];
    else if (typeof v !== "string") wrongType(at(path, k), v, "a string");
  }
}

/** The path of the first key repeated within one object, or null: the slow, exact scan. */
function duplicateKey(t) {
  const stack = [];
  const n = t.length;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c === 34) {
      let j = i + 1;
      while (j < n) {
        const d = t.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === 34) break;
        else j++;
      }
      let k = j + 1;
      while (k < n && t.charCodeAt(k) <= 32) k++;
      const top = stack[stack.length - 1];
      if (top && top.keys && t.charCodeAt(k) === 58) {
        const key = JSON.parse(t.slice(i, j + 1));
        if (top.keys.has(key)) {
          let p = "";
          for (let f = 0; f < stack.length - 1; f++) {
            const fr = stack[f];
            p = fr.keys ? at(p, fr.key) : `${p}[${fr.index}]`;
          }
          return { path: at(p, key), key };
        }
        top.keys.add(key);
        top.key = key;
      }
      i = j;
    } else if (c === 123) stack.push({ keys: new Set(), key: null });
    else if (c === 91) stack.push({ keys: null, index: 0 });
    else if (c === 125 || c === 93) stack.pop();
    else if (c === 44 && stack.length && !stack[stack.length - 1].keys) stack[stack.length - 1].index++;
  }
  return null;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function bodyText(body) {
  if (typeof body === "string") return body;
  if (body === undefined || body === null) return "";
  try {
    return utf8.decode(body);
  } catch (e) {
    throw new Malformed(`body is not UTF-8 text: ${e && e.message}`);
  }
}

/**
 * A 2xx body of shape `shapeName`, parsed and validated, timestamps as Dates. Throws a
 * MalformedResponseError carrying `$metadata` when it is not that shape.
 */
function parseBody(body, status, shapeName, $metadata) {
  try {
    const text = bodyText(body);
    if (text.trim() === "") throw new Malformed("empty body, expected a JSON object");
    let value;
    try {
      value = JSON.parse(text);
    } catch (e) {
      // A body that stops early (V8 says "end of JSON input", or names a position at the end).
      const m = String(e && e.message);
      const pos = /at position (\d+)/.exec(m);
      const truncated = /end of JSON input|Unterminated/.test(m) || (pos !== null && Number(pos[1]) >= text.trimEnd().length);
      throw new Malformed(truncated ? `truncated JSON body: ${m}` : `body is not valid JSON: ${m}`);
    }
    if (value === null || typeof value !== "object") throw new Malformed(`unexpected JSON: invalid type: ${describe(value)}, expected struct ${shapeName}`);
    if (Array.isArray(value)) throw new Malformed("unexpected JSON: expected an object, got an array");
    keyCount = 0;
    struct(value, compiled[shapeName], "", -1);
    // Every key is a string followed by a colon: fewer keys parsed than `":` in the text means
    // either a colon in a string or a key JSON.parse kept once of two. The scan tells which.
    if (keyCount !== text.split('":').length - 1) {
      const dup = duplicateKey(text);
      if (dup) throw new Malformed(`member ${dup.path} has the wrong type: duplicate field \`${dup.key}\``);
    }
    return value;
  } catch (e) {
    if (!(e instanceof Malformed)) throw e;
    throw makeError("MalformedResponseError", `malformed response (HTTP ${status}): ${e.reason}`, "server", $metadata);
  }
}
