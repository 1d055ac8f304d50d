// appconfig-elements: importing this module defines <appconfig-deployment> and
// <appconfig-environments>. For control over the wasm, import "appconfig-elements/define" and
// call define({ wasm }) instead.
import { define, load } from "./elements.js";

define();
export { define, load };
