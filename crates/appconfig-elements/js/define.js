// appconfig-elements without defining anything on import: call define({ wasm }) yourself.
export { define, load } from "./elements.js";
