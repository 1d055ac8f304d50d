// The timeline's declarations and result against the core, so the .d.ts cannot drift from it. The members of each
// object, and which hold a Date, are derived from the core's `Timeline` by
// crates/appconfig-js-timeline/tests/timeline_keys.rs into crates/appconfig-js/js/timeline-keys.json;
// here index.d.ts must declare exactly those (Dates where the core has times), deploymentTimeline
// must return exactly those, and on the core's own timeline vectors it must return what the
// core's tests expect. A member the core's Timeline gains fails the Rust test, then these.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { deploymentTimeline } from "appconfig-wasm/timeline";

const dts = readFileSync(createRequire(import.meta.url).resolve("appconfig-wasm/package.json").replace(/package\.json$/, "index.d.ts"), "utf8");
const KEYS = JSON.parse(readFileSync(new URL("../../../crates/appconfig-js/js/timeline-keys.json", import.meta.url), "utf8"));
const vectorsDir = new URL("../../../crates/appconfig-core/tests/data/timeline/", import.meta.url);
const vectors = readdirSync(vectorsDir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => ({ file: f, ...JSON.parse(readFileSync(new URL(f, vectorsDir), "utf8")) }));

/** The members of `interface name` in index.d.ts, with their declared types. */
function declared(name) {
  const m = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(dts);
  assert.ok(m, `interface ${name} in index.d.ts`);
  const body = m[1].replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
  return Object.fromEntries([...body.matchAll(/^\s*(\w+)\??:\s*([^;]+);/gm)].map((x) => [x[1], x[2].trim()]));
}
const keys = (o) => Object.keys(o).sort();

test("index.d.ts declares the members of the core's timeline, Dates where the core has times", () => {
  assert.deepEqual(Object.keys(KEYS).sort(), ["Timeline", "TimelineBake", "TimelineEntry", "TimelinePoint", "TimelineProjection", "TimelineRollback", "TimelineStep"]);
  for (const [name, { keys: want, dates }] of Object.entries(KEYS)) {
    const members = declared(name);
    assert.deepEqual(keys(members), want, `${name}: the members`);
    for (const [k, type] of Object.entries(members)) {
      const isDate = /\bDate\b/.test(type);
      assert.equal(isDate, dates.includes(k), `${name}.${k}: declared ${type}, the core ${dates.includes(k) ? "has a time" : "has no time"}`);
    }
  }
});

/** Checks `v` (an object the name says) and what it holds: exactly the core's members, Dates at times. */
function conforms(name, v, where) {
  const { keys: want, dates } = KEYS[name];
  assert.deepEqual(keys(v), want, `${where}: the members of ${name}`);
  for (const k of want) {
    const x = v[k];
    if (dates.includes(k)) assert.ok(x === null || (x instanceof Date && !Number.isNaN(x.getTime())), `${where}.${k}: a Date or null`);
    else assert.ok(!(x instanceof Date), `${where}.${k}: not a Date`);
  }
  const nested = { entries: "TimelineEntry", steps: "TimelineStep", chart: "TimelinePoint", nextSteps: "TimelinePoint", bake: "TimelineBake", rollback: "TimelineRollback", projection: "TimelineProjection" };
  for (const [k, inner] of Object.entries(nested)) {
    if (!(k in v) || v[k] === null) continue;
    if (Array.isArray(v[k])) v[k].forEach((x, i) => conforms(inner, x, `${where}.${k}[${i}]`));
    else conforms(inner, v[k], `${where}.${k}`);
  }
}

/** The JSON form with every time as epoch ms: `Date`s here, RFC 3339 strings at date keys there. */
function comparable(v, name) {
  if (Array.isArray(v)) return v.map((x) => comparable(x, name));
  if (v instanceof Date) return v.getTime();
  if (v === null || typeof v !== "object") return v;
  const inner = { entries: "TimelineEntry", steps: "TimelineStep", chart: "TimelinePoint", nextSteps: "TimelinePoint", bake: "TimelineBake", rollback: "TimelineRollback", projection: "TimelineProjection" };
  const dates = name ? KEYS[name].dates : [];
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [k, typeof x === "string" && dates.includes(k) ? Date.parse(x) : comparable(x, inner[k])]),
  );
}

test("deploymentTimeline gives what the core gives, on every one of the core's timeline vectors", () => {
  assert.ok(vectors.length >= 10, `only ${vectors.length} vectors`);
  const entryChecks = { Types: "eventType", LogIndexes: "logIndex", SincePreviousMs: "sincePreviousMs", SinceStartMs: "sinceStartMs", Percentages: "percentage" };
  for (const v of vectors) {
    const t = deploymentTimeline(v.deployment, v.now ? { now: new Date(v.now) } : undefined);
    conforms("Timeline", t, v.file);
    const got = comparable(t, "Timeline");
    const want = comparable(v.expect, "Timeline");
    for (const [key, expected] of Object.entries(want)) {
      const entry = key.startsWith("entry") ? entryChecks[key.slice(5)] : undefined;
      if (key.startsWith("entry")) assert.ok(entry, `${v.file}: unknown entry check ${key}`);
      const actual = entry ? got.entries.map((e) => e[entry]) : got[key];
      assert.deepEqual(actual, expected, `${v.file}: ${key}`);
    }
  }
});

const at = (min) => new Date(Date.UTC(2024, 4, 1, 12, min)).toISOString();
const ev = (EventType, min, Description, TriggeredBy = "APPCONFIG") => ({ EventType, TriggeredBy, Description, OccurredAt: at(min) });
const rolledBack = {
  State: "ROLLED_BACK", GrowthType: "LINEAR", GrowthFactor: 50, DeploymentDurationInMinutes: 10, FinalBakeTimeInMinutes: 5, StartedAt: at(0),
  EventLog: [ev("ROLLBACK_COMPLETED", 14, "Rollback completed"), ev("ROLLBACK_STARTED", 13, "alarm", "CLOUDWATCH_ALARM"), ev("BAKE_TIME_STARTED", 10, "Deployment bake time started"), ev("PERCENTAGE_UPDATED", 10, "Configuration available to 100.00% of clients"), ev("PERCENTAGE_UPDATED", 5, "Configuration available to 50.00% of clients"), ev("DEPLOYMENT_STARTED", 0, "Deployment started", "USER")],
};
const running = { ...rolledBack, State: "DEPLOYING", EventLog: rolledBack.EventLog.slice(4) };

test("the Timeline interfaces name exactly what deploymentTimeline returns", () => {
  const r = deploymentTimeline(rolledBack, { now: new Date(at(20)) });
  const p = deploymentTimeline(running, { now: new Date(at(6)) });
  assert.ok(r.rollback && r.bake && p.projection && p.projection.nextSteps.length, "the samples cover every part");
  conforms("Timeline", r, "rolled back");
  conforms("Timeline", p, "running");
  for (const d of [r.startedAt, r.bake.startedAt, r.steps[0].at, p.projection.nextSteps[0].at, r.entries[0].occurredAt]) assert.ok(d instanceof Date);
});
