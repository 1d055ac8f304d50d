// Errors: every error this package throws is an AppConfigError subclass, named as the AWS SDK
// names them. The wasm side hands failures over as plain descriptors; toError makes the Error.

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
  return new C({ name, message, $fault, $metadata });
}

// Descriptors from wasm are plain objects with a string `kind`; anything else (a bug, a
// RuntimeError) is rethrown as it is.
function toError(d) {
  if (d === null || typeof d !== "object" || d instanceof Error || typeof d.kind !== "string") return d;
  const err = makeError(d.name, d.message, d.$fault, responseMetadata(d.$metadata), d.kind === "service");
  if (d.members) Object.assign(err, d.members);
  if (d.corsSuspected) err.corsSuspected = true;
  return err;
}

function guard(f) {
  try {
    return f();
  } catch (e) {
    throw toError(e);
  }
}

function validationError(message) {
  return makeError("ValidationError", message, "client", responseMetadata());
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
