// appconfig-elements: <appconfig-deployment> and <appconfig-environments>. Each element's
// lifecycle is forwarded to its Rust side (AppConfigElement); every element of the page shares
// one wasm instance, loaded when the first one connects.
import init, { AppConfigElement, setCompareModule } from "./appconfig_elements.js";

let wasm;
let compare;
let ready;

/**
 * Loads the wasm once: the host's module or URL (see define), else the file beside this module.
 * The comparison module ("What changed") is only located here: it is fetched when a panel opens.
 */
export function load() {
  ready ??= init({ module_or_path: wasm ?? new URL("./appconfig_elements_bg.wasm", import.meta.url) })
    .then((exports) => {
      setCompareModule(String(compare ?? new URL("./appconfig_compare.wasm", import.meta.url)));
      return exports;
    });
  return ready;
}

const ATTRIBUTES = ["application", "environment", "deployment", "region", "endpoint", "proxy", "gateway", "account", "actions"];

function elementClass(kind) {
  return class extends HTMLElement {
    static observedAttributes = ATTRIBUTES;
    #impl;
    #credentials;
    #gatewayToken;
    constructor() {
      super();
      // A property set before the element was defined (frameworks do) shadows the setter.
      for (const name of ["credentials", "gatewayToken"]) {
        if (Object.prototype.hasOwnProperty.call(this, name)) {
          const value = this[name];
          delete this[name];
          this[name] = value;
        }
      }
    }
    /** AWS credentials, or a function giving them (called again before `expiration`). */
    get credentials() { return this.#credentials; }
    set credentials(value) { this.#credentials = value; this.#impl?.changed(); }
    /** With `gateway`: the caller's bearer token toward the gateway, or a function giving it. */
    get gatewayToken() { return this.#gatewayToken; }
    set gatewayToken(value) { this.#gatewayToken = value; this.#impl?.changed(); }
    connectedCallback() {
      load().then(() => {
        if (!this.isConnected) return;
        this.#impl ??= new AppConfigElement(this, kind);
        this.#impl.connected();
      }, (e) => this.dispatchEvent(new CustomEvent("appconfig-error", {
        bubbles: true, composed: true, detail: { name: "wasm-load", message: String(e?.message ?? e) },
      })));
    }
    disconnectedCallback() { this.#impl?.disconnected(); }
    attributeChangedCallback() { this.#impl?.changed(); }
  };
}

/**
 * Defines the elements (once; later calls only set options that are still unused). `wasm`: a
 * URL, `Response` or `WebAssembly.Module` of `appconfig_elements_bg.wasm`, for hosts that serve
 * it themselves; `compare`: the URL of `appconfig_compare.wasm` (fetched when "What changed"
 * first opens); both taken if given before the first element connects.
 */
export function define({ wasm: module, compare: compareUrl } = {}) {
  if (module && !ready) wasm = module;
  if (compareUrl && !ready) compare = compareUrl;
  for (const [name, kind] of [["appconfig-deployment", "deployment"], ["appconfig-environments", "environments"]]) {
    if (!customElements.get(name)) customElements.define(name, elementClass(kind));
  }
}
