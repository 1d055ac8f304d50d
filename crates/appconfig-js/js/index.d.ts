// Type declarations of appconfig-wasm, written by hand to match the AWS SDK for JavaScript v3:
// code written against `GetDeploymentCommandOutput` (and the list outputs) compiles against these.

/** AWS credentials. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** When they expire; a provider is called again 5 minutes before. */
  expiration?: Date;
}

/** An async function returning credentials, called on first use and again before they expire. */
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

export interface AppConfigClientConfig {
  /**
   * The AWS region, e.g. `"us-east-1"`. Required unless `endpoint` is given (then `us-east-1` by
   * default). In Node, `AWS_REGION`, `AWS_DEFAULT_REGION` or the profile's `region` by default.
   */
  region?: string;
  /**
   * Fixed credentials or a provider (the AWS SDK's own providers fit, e.g.
   * `fromNodeProviderChain()`). Not with `gateway`; otherwise required in browsers; in Node, by default from the environment
   * (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), then the `AWS_PROFILE`
   * (or default) profile of `~/.aws/credentials` and `~/.aws/config` (static keys, session
   * tokens, `credential_process`).
   */
  credentials?: AwsCredentials | AwsCredentialsProvider;
  /** Send to AND sign for this URL (a simulator, a VPC endpoint), like the SDK's `endpoint`. */
  endpoint?: string;
  /**
   * Sign for the regional AWS host but send to this base URL, which must forward requests unchanged
   * (method, path, query, headers): what a browser needs, since AppConfig sends no CORS headers.
   * The proxy learns the AWS host from the `x-appconfig-upstream-host` header.
   */
  proxy?: string;
  /**
   * Send unsigned requests to this appconfig-gateway base URL, which signs them for `account`:
   * no AWS key in this client (`credentials` must be left out). Requests go to
   * `{gateway}/v1/{account}/{region}/appconfig{path}`, with the page's cookies for the gateway.
   * Exclusive with `endpoint` and `proxy`; needs `account` and `region`.
   */
  gateway?: string;
  /** The account alias in the gateway's configuration (`[A-Za-z0-9_-]{1,64}`). With `gateway`. */
  account?: string;
  /**
   * The portal's token for the gateway (not an AWS credential), sent as
   * `Authorization: Bearer …` to the gateway only: a string, or an async function asked before
   * every attempt.
   */
  gatewayToken?: string | (() => Promise<string>);
  useFipsEndpoint?: boolean;
  useDualstackEndpoint?: boolean;
  /** Attempts in all, the first included (standard retry mode). Default 3. */
  maxAttempts?: number;
  /** Per-attempt timeout in ms, covering the response body. No timeout by default. */
  requestTimeoutMs?: number;
  /**
   * How requests are sent: the global `fetch` in browsers and workers, `node:http(s)` with
   * keep-alive agents in Node. Any function of `(url, init)` resolving to an object with
   * `status`, `headers` (iterable of `[name, value]`) and `arrayBuffer()` will do.
   */
  fetch?: (url: string, init: RequestInit) => Promise<Response | FetchLikeResponse>;
}

/** What a custom `fetch` may resolve to instead of a `Response`. */
export interface FetchLikeResponse {
  status: number;
  headers: Iterable<[string, string]>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface CallOptions {
  abortSignal?: AbortSignal;
}

/** As `ResponseMetadata` of `@smithy/types`. */
export interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string;
  extendedRequestId?: string;
  cfId?: string;
  attempts?: number;
  totalRetryDelay?: number;
  /**
   * Only on a call that corrected the signing clock from a clock-skew error's `Date`: the
   * correction in ms (server minus local), at most 15 minutes either way.
   */
  clockCorrection?: number;
}

export interface MetadataBearer {
  $metadata: ResponseMetadata;
}

export type DeploymentState =
  | "BAKING"
  | "COMPLETE"
  | "DEPLOYING"
  | "REVERTED"
  | "ROLLED_BACK"
  | "ROLLING_BACK"
  | "VALIDATING";
export type DeploymentEventType =
  | "BAKE_TIME_STARTED"
  | "DEPLOYMENT_COMPLETED"
  | "DEPLOYMENT_STARTED"
  | "PERCENTAGE_UPDATED"
  | "REVERT_COMPLETED"
  | "ROLLBACK_COMPLETED"
  | "ROLLBACK_STARTED";
export type TriggeredBy = "APPCONFIG" | "CLOUDWATCH_ALARM" | "INTERNAL_ERROR" | "USER";
export type GrowthType = "EXPONENTIAL" | "LINEAR";
export type EnvironmentState =
  | "DEPLOYING"
  | "READY_FOR_DEPLOYMENT"
  | "REVERTED"
  | "ROLLED_BACK"
  | "ROLLING_BACK";
export type ReplicateTo = "NONE" | "SSM_DOCUMENT";
export type DeploymentType = "MANAGED" | "USER";

export interface ActionInvocation {
  ExtensionIdentifier?: string;
  ActionName?: string;
  Uri?: string;
  RoleArn?: string;
  ErrorMessage?: string;
  ErrorCode?: string;
  InvocationId?: string;
}

export interface DeploymentEvent {
  EventType?: DeploymentEventType;
  TriggeredBy?: TriggeredBy;
  Description?: string;
  ActionInvocations?: ActionInvocation[];
  OccurredAt?: Date;
}

export interface AppliedExtension {
  ExtensionId?: string;
  ExtensionAssociationId?: string;
  VersionNumber?: number;
  Parameters?: Record<string, string>;
}

/** The `GetDeployment` output (absent members are absent, timestamps are `Date`s). */
export interface Deployment {
  ApplicationId?: string;
  EnvironmentId?: string;
  DeploymentStrategyId?: string;
  ConfigurationProfileId?: string;
  DeploymentNumber?: number;
  ConfigurationName?: string;
  ConfigurationLocationUri?: string;
  ConfigurationVersion?: string;
  Description?: string;
  DeploymentDurationInMinutes?: number;
  GrowthType?: GrowthType;
  GrowthFactor?: number;
  FinalBakeTimeInMinutes?: number;
  State?: DeploymentState;
  EventLog?: DeploymentEvent[];
  PercentageComplete?: number;
  StartedAt?: Date;
  CompletedAt?: Date;
  AppliedExtensions?: AppliedExtension[];
  KmsKeyArn?: string;
  KmsKeyIdentifier?: string;
  VersionLabel?: string;
}

export interface GetDeploymentInput {
  ApplicationId: string;
  EnvironmentId: string;
  DeploymentNumber: number;
}
export interface GetDeploymentOutput extends Deployment, MetadataBearer {}

export interface StopDeploymentInput {
  ApplicationId: string;
  EnvironmentId: string;
  DeploymentNumber: number;
  /** Revert a COMPLETE deployment (the latest of its environment, within 72 hours) instead of refusing. */
  AllowRevert?: boolean;
}
/** AppConfig answers 202 with the deployment's numeric members only: read the state with getDeployment. */
export interface StopDeploymentOutput extends Deployment, MetadataBearer {}

export interface GetApplicationInput {
  ApplicationId: string;
}
export interface GetApplicationOutput extends Application, MetadataBearer {}

export interface GetEnvironmentInput {
  ApplicationId: string;
  EnvironmentId: string;
}
export interface GetEnvironmentOutput extends Environment, MetadataBearer {}

export interface Application {
  Id?: string;
  Name?: string;
  Description?: string;
}
export interface ListApplicationsInput {
  MaxResults?: number;
  NextToken?: string;
}
export interface ListApplicationsOutput extends MetadataBearer {
  Items?: Application[];
  NextToken?: string;
}

export interface Monitor {
  /** Required by the model (the AWS SDK types it so). */
  AlarmArn: string | undefined;
  AlarmRoleArn?: string;
}
export interface Environment {
  ApplicationId?: string;
  Id?: string;
  Name?: string;
  Description?: string;
  State?: EnvironmentState;
  Monitors?: Monitor[];
}
export interface ListEnvironmentsInput {
  ApplicationId: string;
  MaxResults?: number;
  NextToken?: string;
}
export interface ListEnvironmentsOutput extends MetadataBearer {
  Items?: Environment[];
  NextToken?: string;
}

export interface DeploymentSummary {
  DeploymentNumber?: number;
  ConfigurationName?: string;
  ConfigurationVersion?: string;
  DeploymentDurationInMinutes?: number;
  GrowthType?: GrowthType;
  GrowthFactor?: number;
  FinalBakeTimeInMinutes?: number;
  State?: DeploymentState;
  PercentageComplete?: number;
  StartedAt?: Date;
  CompletedAt?: Date;
  VersionLabel?: string;
  Type?: DeploymentType;
}
export interface ListDeploymentsInput {
  ApplicationId: string;
  EnvironmentId: string;
  MaxResults?: number;
  NextToken?: string;
}
export interface ListDeploymentsOutput extends MetadataBearer {
  Items?: DeploymentSummary[];
  NextToken?: string;
}

export interface GetDeploymentStrategyInput {
  DeploymentStrategyId: string;
}
export interface GetDeploymentStrategyOutput extends MetadataBearer {
  Id?: string;
  Name?: string;
  Description?: string;
  DeploymentDurationInMinutes?: number;
  GrowthType?: GrowthType;
  GrowthFactor?: number;
  FinalBakeTimeInMinutes?: number;
  ReplicateTo?: ReplicateTo;
}

/** Bytes with the AWS SDK's `transformToString` (its `Uint8ArrayBlobAdapter`). */
export interface BlobContent extends Uint8Array {
  /** The bytes as text: `encoding` is a TextDecoder label (default `"utf-8"`) or `"base64"`. */
  transformToString(encoding?: string): string;
}
export interface GetHostedConfigurationVersionInput {
  ApplicationId: string;
  ConfigurationProfileId: string;
  VersionNumber: number;
}
/** One hosted configuration version: `Content` is the response body, the other members its headers. */
export interface GetHostedConfigurationVersionOutput extends MetadataBearer {
  ApplicationId?: string;
  ConfigurationProfileId?: string;
  VersionNumber?: number;
  Description?: string;
  /** The configuration's bytes; `Content.transformToString()` decodes UTF-8 (or `"base64"`), as the AWS SDK's. */
  Content?: BlobContent;
  ContentType?: string;
  VersionLabel?: string;
  KmsKeyArn?: string;
}

export interface HostedConfigurationVersionSummary {
  ApplicationId?: string;
  ConfigurationProfileId?: string;
  VersionNumber?: number;
  Description?: string;
  ContentType?: string;
  VersionLabel?: string;
  KmsKeyArn?: string;
}
export interface ListHostedConfigurationVersionsInput {
  ApplicationId: string;
  ConfigurationProfileId: string;
  MaxResults?: number;
  NextToken?: string;
  /** A label, or a prefix ending in `*` (`v2*`). */
  VersionLabel?: string;
}
export interface ListHostedConfigurationVersionsOutput extends MetadataBearer {
  Items?: HostedConfigurationVersionSummary[];
  NextToken?: string;
}

/** A client for AWS AppConfig's deployment APIs, in the AWS SDK's shapes. Works in Node, browsers and workers. */
export declare class AppConfigClient {
  /** @throws {ValidationError | EndpointError} when the configuration is unusable. */
  constructor(config: AppConfigClientConfig);
  /** The signing clock's correction in ms (server minus local): 0 until a clock-skew error taught one, at most 15 minutes. */
  readonly clockOffset: number;
  getDeployment(input: GetDeploymentInput, options?: CallOptions): Promise<GetDeploymentOutput>;
  /** Stops a running deployment (AppConfig rolls it back); with `AllowRevert: true`, reverts a completed one. */
  stopDeployment(input: StopDeploymentInput, options?: CallOptions): Promise<StopDeploymentOutput>;
  getApplication(input: GetApplicationInput, options?: CallOptions): Promise<GetApplicationOutput>;
  getEnvironment(input: GetEnvironmentInput, options?: CallOptions): Promise<GetEnvironmentOutput>;
  listApplications(input?: ListApplicationsInput, options?: CallOptions): Promise<ListApplicationsOutput>;
  listEnvironments(input: ListEnvironmentsInput, options?: CallOptions): Promise<ListEnvironmentsOutput>;
  listDeployments(input: ListDeploymentsInput, options?: CallOptions): Promise<ListDeploymentsOutput>;
  getDeploymentStrategy(
    input: GetDeploymentStrategyInput,
    options?: CallOptions,
  ): Promise<GetDeploymentStrategyOutput>;
  /** A hosted configuration version's content and members (`Content` as a `Uint8Array`). */
  getHostedConfigurationVersion(
    input: GetHostedConfigurationVersionInput,
    options?: CallOptions,
  ): Promise<GetHostedConfigurationVersionOutput>;
  listHostedConfigurationVersions(
    input: ListHostedConfigurationVersionsInput,
    options?: CallOptions,
  ): Promise<ListHostedConfigurationVersionsOutput>;
  /** For code written against the AWS SDK; there is nothing to close. */
  destroy(): void;
}

/** Any HTTP request to sign. */
export interface SignableRequest {
  method?: string;
  url: string | URL;
  headers?: Record<string, string> | Headers;
  body?: string | Uint8Array | ArrayBuffer;
}

export interface SignRequestOptions {
  region: string;
  service: string;
  credentials: AwsCredentials;
  /** The signing time; now by default. */
  signingDate?: Date;
  /** Normalize `.`/`..`/`//` in the path before signing (default true; false for S3). */
  normalizePath?: boolean;
  /** Add and sign `x-amz-content-sha256` (default false; S3 needs it). */
  signBody?: boolean;
  /** Add `x-amz-security-token` without signing it (default false). */
  omitSessionToken?: boolean;
}

/** The headers to add: lower-case names (`authorization`, `x-amz-date`, and when applicable `x-amz-security-token`, `x-amz-content-sha256`). */
export type SignedHeaders = Record<string, string>;

/**
 * Signs any AWS request with SigV4. The signature covers the URL's host and every given header
 * (except `user-agent`, `x-amzn-trace-id`, `transfer-encoding`, `authorization`).
 * @throws {ValidationError | SigningError}
 */
export declare function signRequest(request: SignableRequest, options: SignRequestOptions): SignedHeaders;

export interface RawResponse {
  statusCode: number;
  headers?: Record<string, string> | Headers;
  body?: string | Uint8Array | ArrayBuffer;
}

/**
 * Reads a `GetDeployment` HTTP response with no network.
 * @throws {AppConfigServiceException} for an error response, {MalformedResponseError} for an unreadable one.
 */
export declare function parseGetDeploymentResponse(response: RawResponse): GetDeploymentOutput;

export interface TimelineEntry {
  /** Position in `EventLog` as AWS returned it (0 = newest). */
  logIndex: number;
  eventType: string | null;
  triggeredBy: string | null;
  description: string | null;
  occurredAt: Date | null;
  sincePreviousMs: number | null;
  sinceStartMs: number | null;
  percentage: number | null;
  failedInvocations: number;
}
/** A percentage step seen in the log, with how long it took against the plan. */
export interface TimelineStep {
  /** Its event's position in `EventLog` (as `TimelineEntry.logIndex`). */
  logIndex: number;
  at: Date;
  percentage: number;
  /** Since the previous step (the highest one first reached), or the start for the first. */
  tookMs: number | null;
  /** What the strategy gives for the same stretch; null without a strategy or for a repeated percentage. */
  plannedMs: number | null;
  /** Later than expected by more than one interval (and more than a minute). */
  overdue: boolean;
}
/** A point of the percentage-over-time chart, or a step still to come. */
export interface TimelinePoint {
  at: Date;
  percentage: number;
}
export interface TimelineBake {
  startedAt: Date;
  plannedEnd: Date | null;
  endedAt: Date | null;
}
export interface TimelineRollback {
  isRevert: boolean;
  startedAt: Date | null;
  completedAt: Date | null;
  triggeredBy: string | null;
  description: string | null;
  percentageReached: number;
}
export interface TimelineProjection {
  /** Always true: estimates, not promises. */
  estimate: boolean;
  /** From the strategy until two different steps are seen, then from their spacing. */
  basis: "plan" | "observed";
  /** The same in words: "estimated from the strategy", "estimated from the observed spacing". */
  basisText: string;
  /** The interval between steps the estimate uses, ms. */
  intervalMs: number;
  nextSteps: TimelinePoint[];
  bakeStartsAt: Date | null;
  completesAt: Date | null;
  /** How late the next step (or the bake start, or completion while baking) is, ms. */
  overdueMs: number | null;
  /** The same in words: "next step overdue by 4 min". */
  overdueText: string | null;
}
export interface Timeline {
  /** The events, oldest first. */
  entries: TimelineEntry[];
  steps: TimelineStep[];
  chart: TimelinePoint[];
  bake: TimelineBake | null;
  rollback: TimelineRollback | null;
  projection: TimelineProjection | null;
  startedAt: Date | null;
  endedAt: Date | null;
  durationMs: number | null;
  /** The strategy in words, without an interval. */
  strategyText: string | null;
  /** The spacing of the steps seen, once two different steps are seen apart in time. */
  observedIntervalMs: number | null;
  /** The same in words: "a step every 5 min (observed)". */
  cadenceText: string | null;
  inProgress: boolean;
}

export interface ErrorOptions {
  name: string;
  message: string;
  $fault: "client" | "server";
  $metadata: ResponseMetadata;
}

/** Base class of every error thrown by this package. `name` says which error it is. */
export declare class AppConfigError extends Error {
  constructor(options: ErrorOptions);
  readonly $fault: "client" | "server";
  readonly $metadata: ResponseMetadata;
}

/** An error response from AppConfig; `name` is the AWS error code. */
export declare class AppConfigServiceException extends AppConfigError {
  /** The message as AWS sent it, when it did. */
  Message?: string;
}
export declare class BadRequestException extends AppConfigServiceException {
  Reason?: "InvalidConfiguration" | string;
  Details?: {
    InvalidConfiguration?: {
      Constraint?: string;
      Location?: string;
      Reason?: string;
      Type?: string;
      Value?: string;
    }[];
  };
}
export declare class ResourceNotFoundException extends AppConfigServiceException {
  ResourceName?: string;
}
export declare class ConflictException extends AppConfigServiceException {}
export declare class InternalServerException extends AppConfigServiceException {}
export declare class PayloadTooLargeException extends AppConfigServiceException {}
export declare class ServiceQuotaExceededException extends AppConfigServiceException {}
export declare class AccessDeniedException extends AppConfigServiceException {}
export declare class ThrottlingException extends AppConfigServiceException {}
export declare class UnrecognizedClientException extends AppConfigServiceException {}
export declare class InvalidSignatureException extends AppConfigServiceException {}
export declare class ExpiredTokenException extends AppConfigServiceException {}

/** Bad input or configuration; nothing was sent. The message names the member. */
export declare class ValidationError extends AppConfigError {}
/** The region/endpoint/proxy configuration cannot give an endpoint. */
export declare class EndpointError extends AppConfigError {}
/** The request could not be signed. */
export declare class SigningError extends AppConfigError {}
/** The credentials provider failed or returned unusable credentials. */
export declare class CredentialsProviderError extends AppConfigError {}
/** No response: network down, refused, DNS, or in a browser most likely CORS (see `corsSuspected`). */
export declare class NetworkError extends AppConfigError {
  /** A browser made a cross-origin request: AppConfig needs a proxy (the `proxy` option). */
  corsSuspected?: boolean;
}
/** No complete response within `requestTimeoutMs` (after the retries). */
export declare class TimeoutError extends AppConfigError {}
/** The caller's `abortSignal` fired. */
export declare class AbortError extends AppConfigError {}
/** A 2xx response that could not be read as the operation's output. */
export declare class MalformedResponseError extends AppConfigError {}
/** A waiter ended in FAILURE (`waitUntil*`); `state` and `reason` as in the result. */
export declare class WaiterError extends AppConfigError {
  readonly state: WaiterState;
  readonly reason: unknown;
}

/** How a waiter ended, as `WaiterState` of `@smithy/util-waiter`. */
export declare const WaiterState: {
  readonly SUCCESS: "SUCCESS";
  readonly FAILURE: "FAILURE";
  readonly TIMEOUT: "TIMEOUT";
  readonly ABORTED: "ABORTED";
};
export type WaiterState = "SUCCESS" | "FAILURE" | "TIMEOUT" | "ABORTED";

/** The AWS SDK's `WaiterConfiguration`, plus `onProgress`. Times in seconds. */
export interface WaiterConfiguration<P extends unknown[]> {
  client: AppConfigClient;
  /** How long to wait in all, seconds. */
  maxWaitTime: number;
  /** The first delay between polls, seconds (default 30); later ones grow with jitter. */
  minDelay?: number;
  /** The longest delay between polls, seconds (default 120). */
  maxDelay?: number;
  abortSignal?: AbortSignal;
  /** Called after each successful poll. */
  onProgress?: (...args: P) => void;
}

export interface WaiterResult<R> {
  state: WaiterState;
  /** The last response, or the last error when the call failed. */
  reason?: R | unknown;
}

/**
 * Polls GetDeployment until COMPLETE (SUCCESS), ROLLED_BACK or REVERTED (FAILURE), `maxWaitTime`
 * (TIMEOUT) or the abort signal (ABORTED). As the SDK's `waitUntilDeploymentComplete`: resolves
 * on SUCCESS, rejects otherwise (`WaiterError`, `TimeoutError`, `AbortError`, with `state` and `reason`).
 */
export declare function waitUntilDeploymentComplete(
  params: WaiterConfiguration<[GetDeploymentOutput, Timeline]>,
  input: GetDeploymentInput,
): Promise<WaiterResult<GetDeploymentOutput>>;
/** As `waitUntilDeploymentComplete`, but resolves with every result (the SDK's `waitForDeploymentComplete`). */
export declare function waitForDeploymentComplete(
  params: WaiterConfiguration<[GetDeploymentOutput, Timeline]>,
  input: GetDeploymentInput,
): Promise<WaiterResult<GetDeploymentOutput>>;
/**
 * Polls GetEnvironment until ReadyForDeployment (SUCCESS; `READY_FOR_DEPLOYMENT` too), RolledBack
 * or Reverted (FAILURE), `maxWaitTime` or abort. Resolves on SUCCESS, rejects otherwise.
 */
export declare function waitUntilEnvironmentReadyForDeployment(
  params: WaiterConfiguration<[GetEnvironmentOutput]>,
  input: GetEnvironmentInput,
): Promise<WaiterResult<GetEnvironmentOutput>>;
/** As `waitUntilEnvironmentReadyForDeployment`, but resolves with every result. */
export declare function waitForEnvironmentReadyForDeployment(
  params: WaiterConfiguration<[GetEnvironmentOutput]>,
  input: GetEnvironmentInput,
): Promise<WaiterResult<GetEnvironmentOutput>>;
