// Shared by the client (appconfig-wasm) and the timeline (appconfig-wasm/timeline): own-property
// reads, the error classes (one set for both entries, so `instanceof` holds across them), the
// wasm's thrown descriptors, and timestamps as the core reads them.

/** Own property `k` of `o` (never one inherited from a polluted Object.prototype). */
function own(o, k) {
  return o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

function typeName(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  const t = typeof v;
  return t === "object" ? "an object" : t === "undefined" ? "undefined" : `a ${t}`;
}

/** Base class of every error this package throws. */
class AppConfigError extends Error {
  constructor(opts) {
    super(opts.message);
    this.name = opts.name;
    this.$fault = opts.$fault;
    this.$metadata = opts.$metadata;
  }
}

/** An error response from AppConfig (or anything speaking its protocol), as in the AWS SDK. */
class AppConfigServiceException extends AppConfigError {}

const SERVICE_ERROR_NAMES = [
  "BadRequestException",
  "ConflictException",
  "InternalServerException",
  "PayloadTooLargeException",
  "ResourceNotFoundException",
  "ServiceQuotaExceededException",
  "AccessDeniedException",
  "ThrottlingException",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "ExpiredTokenException",
];
const CLIENT_ERROR_NAMES = [
  "ValidationError",
  "EndpointError",
  "SigningError",
  "CredentialsProviderError",
  "NetworkError",
  "TimeoutError",
  "AbortError",
  "MalformedResponseError",
  "WaiterError",
];

function namedClass(base, name) {
  const C = class extends base {};
  Object.defineProperty(C, "name", { value: name });
  return C;
}
const errorClasses = Object.create(null);
for (const n of SERVICE_ERROR_NAMES) errorClasses[n] = namedClass(AppConfigServiceException, n);
for (const n of CLIENT_ERROR_NAMES) errorClasses[n] = namedClass(AppConfigError, n);

function responseMetadata(m) {
  m = m || {};
  const out = {
    httpStatusCode: m.httpStatusCode,
    requestId: m.requestId,
    extendedRequestId: undefined,
    cfId: undefined,
    attempts: m.attempts,
    totalRetryDelay: m.totalRetryDelay,
  };
  // Only on a call that corrected the signing clock (a proxy's or AWS's Date): ms, server
  // minus local. The client's clockOffset says the correction in use.
  if (m.clockCorrection !== undefined) out.clockCorrection = m.clockCorrection;
  return out;
}

function makeError(name, message, $fault, $metadata, service) {
  const C = errorClasses[name] || (service ? AppConfigServiceException : AppConfigError);
  return new C({ name, message, $fault, $metadata: responseMetadata($metadata) });
}

function validationError(message, $metadata) {
  return makeError("ValidationError", message, "client", $metadata);
}

/** A ValidationError naming the member: `invalid <field>: <rule>`. */
function invalid(field, rule) {
  return validationError(`invalid ${field}: ${rule}`);
}

// The wasm throws its errors as "Name\u0001message" (crates/appconfig-js/src/wire.rs); anything
// else (a bug, a RuntimeError) is rethrown as it is.
function fromWasm(e, $metadata) {
  if (typeof e !== "string") return e;
  const i = e.indexOf("\x01");
  return makeError(e.slice(0, i), e.slice(i + 1), "client", $metadata);
}

function guard(f, $metadata) {
  try {
    return f();
  } catch (e) {
    throw fromWasm(e, $metadata);
  }
}

// ---- reading JSON values: the member checks of the body walk and of the timeline's input ----

class Malformed {
  constructor(reason) {
    this.reason = reason;
  }
}

function describe(x) {
  if (x === null) return "null";
  if (Array.isArray(x)) return "sequence";
  switch (typeof x) {
    case "string":
      return `string ${JSON.stringify(x.length > 60 ? x.slice(0, 60) + "…" : x)}`;
    case "number":
      return Number.isInteger(x) ? `integer \`${x}\`` : `floating point \`${x}\``;
    case "boolean":
      return `boolean \`${x}\``;
    default:
      return "map";
  }
}
function wrong(path, detail) {
  throw new Malformed(`member ${path} has the wrong type: ${detail}`);
}
function wrongType(path, x, expected) {
  wrong(path, `invalid type: ${describe(x)}, expected ${expected}`);
}

// RFC 3339 as the core reads it (appconfig-core's datetime/parse.rs): `T`, `t` or a space between
// date and time, and a leap second `:60`, which only ever ends a month in UTC and reads as the
// last millisecond before the next minute (the core: the last nanosecond).
const ISO_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
// The times the core holds: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z, in UTC (DateTime's
// MIN and MAX; a date past them in another offset is refused, as the core refuses it).
const MIN_TIME_MS = -62_135_596_800_000;
const MAX_TIME_MS = 253_402_300_799_999;

/** A timestamp member as the core reads it: an RFC 3339 string with an offset, or epoch seconds. */
function timestamp(x, path) {
  if (typeof x === "string") {
    let s = x;
    if (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32) s = s.trim();
    if (ISO_TIME.test(s)) {
      const day = (s.charCodeAt(8) - 48) * 10 + s.charCodeAt(9) - 48;
      if (day > 28) {
        const y = +s.slice(0, 4), m = +s.slice(5, 7);
        const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
        if (day > DAYS[m - 1] + (leap ? 1 : 0)) wrong(path, `invalid timestamp ${JSON.stringify(x)}: day out of range`);
      }
      const leapSecond = s.charCodeAt(17) === 54 && s.charCodeAt(18) === 48; // ":60"
      // `Date` takes no leap second and no space: read :59 with the fraction dropped, then add.
      const iso = (leapSecond ? s.slice(0, 17) + "59" + s.slice(19).replace(/^\.\d+/, "") : s).toUpperCase().replace(" ", "T");
      const d = new Date(iso);
      if (leapSecond) {
        d.setTime(d.getTime() + 999);
        const next = new Date(d.getTime() + 1);
        if (Number.isNaN(next.getTime()) || next.getTime() % 86_400_000 !== 0 || next.getUTCDate() !== 1) {
          wrong(path, `invalid timestamp ${JSON.stringify(x)}: second was not in range`);
        }
      }
      const t = d.getTime();
      if (t >= MIN_TIME_MS && t <= MAX_TIME_MS) return d;
      if (!Number.isNaN(t)) wrong(path, `invalid timestamp ${JSON.stringify(x)}: the year must be from 1 to 9999 (in UTC)`);
    }
    wrong(path, `invalid timestamp ${JSON.stringify(x)}`);
  }
  if (typeof x === "number") {
    const t = Number.isFinite(x) && Math.abs(x) <= 1e12 ? Math.round(x * 1e6) / 1e3 : NaN;
    if (!(t >= MIN_TIME_MS && t < MAX_TIME_MS + 1)) wrong(path, `epoch timestamp ${x} out of range`);
    return new Date(t);
  }
  wrongType(path, x, "an ISO 8601 timestamp string or epoch seconds");
}

const {
  BadRequestException,
  ConflictException,
  InternalServerException,
  PayloadTooLargeException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  AccessDeniedException,
  ThrottlingException,
  UnrecognizedClientException,
  InvalidSignatureException,
  ExpiredTokenException,
  ValidationError,
  EndpointError,
  SigningError,
  CredentialsProviderError,
  NetworkError,
  TimeoutError,
  AbortError,
  MalformedResponseError,
  WaiterError,
} = errorClasses;
