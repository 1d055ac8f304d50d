// Types of appconfig-elements: the elements, their properties and events.

/** AWS credentials, as the AWS SDK's credential providers give them. */
export interface AppConfigCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** When they expire: the provider is called again five minutes before. */
  expiration?: Date | string | number;
}

/** A function giving credentials (an AWS SDK credential provider fits). */
export type AppConfigCredentialsProvider = () => AppConfigCredentials | Promise<AppConfigCredentials>;

/** `appconfig-state`: the shown deployment changed (another one, its state or its progress). */
export interface AppConfigStateDetail {
  applicationId: string;
  environmentId: string;
  deploymentNumber: number;
  state: string;
  percentageComplete: number | null;
}

/** `appconfig-error`: something could not be shown. Never carries a secret. */
export interface AppConfigErrorDetail {
  /** A stable kind: `not-found`, `access-denied`, `bad-credentials`, `network`, `no-credentials`, … */
  name: string;
  message: string;
}

/** `appconfig-open` (cancelable): a row of `<appconfig-environments>` was clicked. */
export interface AppConfigOpenDetail {
  applicationId: string;
  environmentId: string;
  deploymentNumber: number;
}

interface AppConfigElementBase extends HTMLElement {
  /** Credentials or a provider; not needed with `gateway`. */
  credentials: AppConfigCredentials | AppConfigCredentialsProvider | undefined;
  /** With `gateway`: the caller's bearer token toward the gateway (not an AWS credential). */
  gatewayToken: string | (() => string | Promise<string>) | undefined;
}

/** `<appconfig-deployment application environment deployment? region endpoint|proxy theme actions>` */
export interface AppConfigDeploymentElement extends AppConfigElementBase {}

/** `<appconfig-environments application? region endpoint|proxy theme actions>` */
export interface AppConfigEnvironmentsElement extends AppConfigElementBase {}

export interface DefineOptions {
  /** The wasm, served by the host: a URL, a `Response` or a compiled `WebAssembly.Module`. */
  wasm?: string | URL | Response | Promise<Response> | WebAssembly.Module;
  /** Where the host serves `appconfig_compare.wasm` ("What changed", fetched when it opens). */
  compare?: string | URL;
}

/** Defines the elements (importing the package already does, with the wasm beside it). */
export function define(options?: DefineOptions): void;
/** Loads the wasm now (elements load it when the first one connects). */
export function load(): Promise<unknown>;

/** The attributes, as JSX sees them. */
export interface AppConfigElementAttributes {
  application?: string;
  environment?: string;
  /** A number, or `latest` (the default). */
  deployment?: string | number;
  region?: string;
  endpoint?: string;
  proxy?: string;
  gateway?: string;
  account?: string;
  theme?: "light" | "dark";
  actions?: boolean | "";
  credentials?: AppConfigCredentials | AppConfigCredentialsProvider;
  gatewayToken?: string | (() => string | Promise<string>);
  id?: string;
  class?: string;
  className?: string;
  style?: unknown;
  ref?: unknown;
  key?: string | number;
  children?: unknown;
}

declare global {
  interface HTMLElementTagNameMap {
    "appconfig-deployment": AppConfigDeploymentElement;
    "appconfig-environments": AppConfigEnvironmentsElement;
  }
  interface HTMLElementEventMap {
    "appconfig-state": CustomEvent<AppConfigStateDetail>;
    "appconfig-error": CustomEvent<AppConfigErrorDetail>;
    "appconfig-open": CustomEvent<AppConfigOpenDetail>;
  }
  namespace JSX {
    interface IntrinsicElements {
      "appconfig-deployment": AppConfigElementAttributes;
      "appconfig-environments": AppConfigElementAttributes;
    }
  }
}
