// Reading the caller's values: own properties only (a polluted Object.prototype is never read),
// types checked here with errors that name the member; the model's rules (lengths, patterns,
// ranges) are the wasm's (`prepare`, appconfig_core::validate).

const S = 1, I = 2, B = 3;

/** `v` as an object whose members are read, or a ValidationError naming `what`. */
function object(v, what) {
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw invalid(what, `must be an object, got ${typeName(v)}`);
  return v;
}

/** Own member `k` of `o` of `type` (S string, I whole number, B boolean); undefined when absent or null. */
function member(o, k, type, field) {
  const v = own(o, k);
  if (v === undefined || v === null) return undefined;
  field = field || k;
  if (type === S) {
    if (typeof v !== "string") throw invalid(field, `must be a string, got ${typeName(v)}`);
  } else if (type === B) {
    if (typeof v !== "boolean") throw invalid(field, `must be a boolean, got ${typeName(v)}`);
  } else {
    if (typeof v !== "number") throw invalid(field, `must be a whole number, got ${typeName(v)}`);
    if (!Number.isInteger(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER) throw invalid(field, `must be a whole number, got ${v}`);
  }
  return v;
}

function required(o, k, type, field) {
  const v = member(o, k, type, field);
  if (v === undefined) throw invalid(field || k, "a value is required");
  return v;
}

/** A Date or epoch milliseconds, as epoch milliseconds; undefined when absent. */
function dateMs(o, k, field) {
  const v = own(o, k);
  if (v === undefined || v === null) return undefined;
  const ms = v instanceof Date ? v.getTime() : typeof v === "number" ? v : undefined;
  if (ms === undefined) throw invalid(field || k, `must be a Date, got ${typeName(v)}`);
  if (!Number.isFinite(ms)) throw invalid(field || k, "must be a valid Date");
  return ms;
}

/** A line of what crosses to the wasm as `\n`-separated lines: it may not hold a line break. */
function oneLine(s, field) {
  if (s.indexOf("\n") !== -1) throw invalid(field, "must not contain a line break");
  return s;
}

/** `{ accessKeyId, secretAccessKey, sessionToken?, expiration? }`, read and checked. */
function readCredentials(v, what) {
  const o = object(v, what);
  const akid = member(o, "accessKeyId", S, `${what}.accessKeyId`);
  if (akid === undefined || akid.trim() === "") throw invalid(`${what}.accessKeyId`, "a value is required");
  const secret = member(o, "secretAccessKey", S, `${what}.secretAccessKey`);
  if (!secret) throw invalid(`${what}.secretAccessKey`, "a value is required");
  const token = member(o, "sessionToken", S, `${what}.sessionToken`);
  const expiration = dateMs(o, "expiration", `${what}.expiration`);
  return { accessKeyId: oneLine(akid, `${what}.accessKeyId`), secretAccessKey: secret, sessionToken: token || undefined, expiration };
}

// The operations: their number in the wasm's `prepare`, and the members read, in order:
// [name, type, slot, required]; slots 0 ApplicationId (or DeploymentStrategyId), 1 EnvironmentId
// (or ConfigurationProfileId), 2 NextToken, 3 DeploymentNumber, VersionNumber or MaxResults,
// 4 AllowRevert, 5 VersionLabel.
const APP = ["ApplicationId", S, 0, 1], ENV = ["EnvironmentId", S, 1, 1], MAX = ["MaxResults", I, 3, 0], NEXT = ["NextToken", S, 2, 0], PROFILE = ["ConfigurationProfileId", S, 1, 1];
const OPS = [
  [APP, ENV, ["DeploymentNumber", I, 3, 1]],
  [APP, ENV, ["DeploymentNumber", I, 3, 1], ["AllowRevert", B, 4, 0]],
  [APP, ENV, MAX, NEXT],
  [APP],
  [MAX, NEXT],
  [APP, ENV],
  [APP, MAX, NEXT],
  [["DeploymentStrategyId", S, 0, 1]],
  [APP, PROFILE, MAX, NEXT, ["VersionLabel", S, 5, 0]],
  [APP, PROFILE, ["VersionNumber", I, 3, 1]],
];

/** The request line of operation `op` for `input` (validated by the wasm), or a ValidationError. */
function prepareInput(wasm, op, input) {
  const o = object(input, "input");
  const slots = ["", "", undefined, undefined, false, undefined];
  for (const [k, type, slot, req] of OPS[op]) {
    const v = req ? required(o, k, type) : member(o, k, type);
    if (v !== undefined) slots[slot] = v;
  }
  return guard(() => wasm.prepare(op, ...slots));
}

/** `options.abortSignal`: absent, or an AbortSignal. */
function abortSignalOf(options) {
  if (options === undefined || options === null) return undefined;
  const s = own(object(options, "options"), "abortSignal");
  if (s === undefined || s === null) return undefined;
  if (typeof AbortSignal !== "function" || !(s instanceof AbortSignal)) throw invalid("abortSignal", `must be an AbortSignal, got ${typeName(s)}`);
  return s;
}
