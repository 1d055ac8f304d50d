export { define, load } from "./index.js";
export type * from "./index.js";
