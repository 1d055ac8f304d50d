// The package's crossOrigin (crates/appconfig-js/js/transport.js) against the table appconfig-fetch's
// runtime::cross_origin is tested against too (crates/appconfig-fetch/tests/data/cross_origin.json):
// both transports suspect CORS behind a network error in the same cases. transport.js is run alone
// in a fresh context whose globals (process, location) each case sets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const root = new URL("../../../", import.meta.url);
const TABLE = JSON.parse(readFileSync(new URL("crates/appconfig-fetch/tests/data/cross_origin.json", root), "utf8"));
const TRANSPORT = readFileSync(new URL("crates/appconfig-js/js/transport.js", root), "utf8");

function crossOriginIn(globals) {
  const context = vm.createContext({ URL, ...globals });
  return vm.runInContext(`${TRANSPORT}\n;crossOrigin`, context);
}

test("the shared table has its cases, each targetOrigin what URL gives", () => {
  assert.ok(TABLE.cases.length >= 8, "the table lost its cases");
  for (const c of TABLE.cases) {
    let origin = null;
    try {
      origin = new URL(c.url).origin;
    } catch {}
    assert.equal(origin, c.targetOrigin, `table: ${c.case}`);
  }
});

for (const c of TABLE.cases) {
  test(`crossOrigin: ${c.case}`, () => {
    const globals = {};
    if (c.node) globals.process = { versions: { node: "20.0.0" } };
    if (c.pageOrigin !== null) globals.location = { origin: c.pageOrigin };
    assert.equal(crossOriginIn(globals)(c.url), c.want, `decision: ${c.case}`);
  });
}
