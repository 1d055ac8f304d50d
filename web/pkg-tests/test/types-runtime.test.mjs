// index.d.ts against what the wasm returns: the timeline's interfaces name exactly the members
// deploymentTimeline gives (issue 11 item 9). A field the core's Timeline gains fails here until
// the declarations have it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { deploymentTimeline } from "appconfig-wasm/timeline";

const dts = readFileSync(createRequire(import.meta.url).resolve("appconfig-wasm/package.json").replace(/package\.json$/, "index.d.ts"), "utf8");
function members(name) {
  const m = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(dts);
  assert.ok(m, `interface ${name} in index.d.ts`);
  const body = m[1].replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
  return [...body.matchAll(/^\s*(\w+)\??:/gm)].map((x) => x[1]).sort();
}
const keys = (o) => Object.keys(o).sort();

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
  assert.deepEqual(keys(r), members("Timeline"), "Timeline");
  assert.deepEqual(keys(r.entries[0]), members("TimelineEntry"), "TimelineEntry");
  assert.deepEqual(keys(r.steps[0]), members("TimelineStep"), "TimelineStep");
  assert.deepEqual(keys(r.bake), members("TimelineBake"), "TimelineBake");
  assert.deepEqual(keys(r.rollback), members("TimelineRollback"), "TimelineRollback");
  assert.deepEqual(keys(p.projection), members("TimelineProjection"), "TimelineProjection");
  for (const d of [r.startedAt, r.bake.startedAt, r.steps[0].at, p.projection.nextSteps[0].at, r.entries[0].occurredAt]) assert.ok(d instanceof Date);
});
