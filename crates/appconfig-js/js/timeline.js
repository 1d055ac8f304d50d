// appconfig-wasm/timeline: deploymentTimeline, over its own wasm module (crates/appconfig-js-
// timeline), apart from the client's. The deployment crosses as one Float64Array and one string,
// and the result comes back the same way; the objects and their Dates are built here, once.

/** A deployment member for the timeline, checked: a Date (ours or the SDK's), or as JSON has it. */
function timeMs(x, path) {
  if (x === undefined || x === null) return NaN;
  if (x instanceof Date) {
    const t = x.getTime();
    if (Number.isNaN(t)) wrong(path, "invalid Date");
    return t;
  }
  return timestamp(x, path).getTime();
}
function num(x, path, int) {
  if (x === undefined || x === null) return NaN;
  if (typeof x !== "number" || (int && !Number.isInteger(x))) wrongType(path, x, int ? "i32" : "f64");
  return x;
}

// Texts cross joined by U+0001, U+0002 for null; a text holding either (never in AWS's data) is
// passed with U+FFFD instead (the entries keep the texts as given).
const safe = (x) => (x.indexOf("\x01") === -1 && x.indexOf("\x02") === -1 ? x : x.replace(/[\x01\x02]/g, "\ufffd"));
const nan = (x) => (x !== x ? null : x);
const date = (x) => (x !== x ? null : new Date(x));
const textOf = (s) => (s === "\x02" ? null : s);

function deploymentTimeline(deployment, options) {
  if (!deployment || typeof deployment !== "object" || Array.isArray(deployment))
    throw validationError("invalid deployment: must be an object (a getDeployment result)");
  let now = Date.now();
  const n = options && typeof options === "object" ? own(options, "now") : undefined;
  if (n instanceof Date) now = n.getTime();
  else if (typeof n === "number") now = n;
  else if (n !== undefined && n !== null) throw validationError("invalid now: must be a Date or epoch milliseconds");
  if (!Number.isFinite(now)) throw validationError("invalid now: must be a valid Date");
  // The timeline reads a deployment as any property read would (it signs and sends nothing).
  const d = deployment;
  let log, texts, numbers;
  const text = (x, path) => {
    if (x === undefined || x === null) return "\x02";
    if (typeof x !== "string") wrongType(path, x, "a string");
    return safe(x);
  };
  try {
    log = d.EventLog;
    if (log === undefined || log === null) log = [];
    if (!Array.isArray(log)) wrongType("EventLog", log, "a sequence");
    const count = log.length;
    numbers = new Float64Array(7 + 2 * count);
    numbers[0] = num(d.DeploymentDurationInMinutes, "DeploymentDurationInMinutes", true);
    numbers[1] = num(d.GrowthFactor, "GrowthFactor", false);
    numbers[2] = num(d.FinalBakeTimeInMinutes, "FinalBakeTimeInMinutes", true);
    numbers[3] = num(d.PercentageComplete, "PercentageComplete", false);
    numbers[4] = timeMs(d.StartedAt, "StartedAt");
    numbers[5] = timeMs(d.CompletedAt, "CompletedAt");
    numbers[6] = now;
    texts = new Array(2 + 3 * count);
    texts[0] = text(d.State, "State");
    texts[1] = text(d.GrowthType, "GrowthType");
    for (let i = 0, t = 2, k = 7; i < count; i++, t += 3, k += 2) {
      const e = log[i];
      if (e === null || typeof e !== "object" || Array.isArray(e)) wrongType(`EventLog[${i}]`, e, "struct DeploymentEvent");
      texts[t] = text(e.EventType, `EventLog[${i}].EventType`);
      texts[t + 1] = text(e.TriggeredBy, `EventLog[${i}].TriggeredBy`);
      texts[t + 2] = text(e.Description, `EventLog[${i}].Description`);
      numbers[k] = timeMs(e.OccurredAt, `EventLog[${i}].OccurredAt`);
      const inv = e.ActionInvocations;
      let failed = 0;
      if (inv !== undefined && inv !== null) {
        if (!Array.isArray(inv)) wrongType(`EventLog[${i}].ActionInvocations`, inv, "a sequence");
        for (let j = 0; j < inv.length; j++) {
          const a = inv[j];
          if (a === null || typeof a !== "object") continue;
          const code = a.ErrorCode, msg = a.ErrorMessage;
          if ((code !== undefined && code !== null) || (msg !== undefined && msg !== null)) failed++;
        }
      }
      numbers[k + 1] = failed;
    }
  } catch (e) {
    if (e instanceof Malformed) throw validationError(`invalid deployment: ${e.reason}`);
    throw e;
  }
  const [o, outTexts] = guard(() => timelineWasm.deploymentTimeline(numbers, texts.join("\x01")));
  const s = outTexts.split("\x01");
  const nEntries = o[0], nSteps = o[1], nChart = o[2], nNext = o[3];
  let k = 25;
  const entries = new Array(nEntries);
  for (let i = 0; i < nEntries; i++, k += 5) {
    const li = o[k];
    const e = log[li];
    entries[i] = {
      logIndex: li,
      eventType: e.EventType ?? null,
      triggeredBy: e.TriggeredBy ?? null,
      description: e.Description ?? null,
      occurredAt: date(numbers[7 + 2 * li]),
      sincePreviousMs: nan(o[k + 1]),
      sinceStartMs: nan(o[k + 2]),
      percentage: nan(o[k + 3]),
      failedInvocations: o[k + 4],
    };
  }
  const steps = new Array(nSteps);
  for (let i = 0; i < nSteps; i++, k += 6)
    steps[i] = { logIndex: o[k], at: new Date(o[k + 1]), percentage: o[k + 2], tookMs: nan(o[k + 3]), plannedMs: nan(o[k + 4]), overdue: o[k + 5] === 1 };
  const points = (count) => {
    const out = new Array(count);
    for (let i = 0; i < count; i++, k += 2) out[i] = { at: new Date(o[k]), percentage: o[k + 1] };
    return out;
  };
  const chart = points(nChart);
  const nextSteps = points(nNext);
  return {
    entries,
    steps,
    chart,
    bake: o[9] === 1 ? { startedAt: new Date(o[10]), plannedEnd: date(o[11]), endedAt: date(o[12]) } : null,
    rollback:
      o[13] === 1
        ? { isRevert: o[14] === 1, startedAt: date(o[15]), completedAt: date(o[16]), triggeredBy: textOf(s[2]), description: textOf(s[3]), percentageReached: o[17] }
        : null,
    projection:
      o[18] === 1
        ? {
            estimate: o[19] === 1,
            basis: o[20] === 1 ? "observed" : "plan",
            basisText: s[4],
            intervalMs: o[21],
            nextSteps,
            bakeStartsAt: date(o[22]),
            completesAt: date(o[23]),
            overdueMs: nan(o[24]),
            overdueText: textOf(s[5]),
          }
        : null,
    startedAt: date(o[4]),
    endedAt: date(o[5]),
    durationMs: nan(o[6]),
    strategyText: textOf(s[0]),
    observedIntervalMs: nan(o[7]),
    cadenceText: textOf(s[1]),
    inProgress: o[8] === 1,
  };
}
