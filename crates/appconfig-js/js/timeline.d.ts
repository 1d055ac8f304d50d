// Type declarations of appconfig-wasm/timeline (the deployment timeline, in its own wasm module).
import type { Deployment, Timeline } from "./index.js";

export type {
  Timeline,
  TimelineEntry,
  TimelineStep,
  TimelinePoint,
  TimelineBake,
  TimelineRollback,
  TimelineProjection,
} from "./index.js";

/**
 * The deployment's timeline: events in time order, percentage steps and how long each took,
 * bake, rollback, and estimates while it runs. Takes a `getDeployment` result (ours or the AWS
 * SDK's, or one as JSON has it).
 * @throws {ValidationError}
 */
export declare function deploymentTimeline(deployment: Deployment, options?: { now?: Date | number }): Timeline;
