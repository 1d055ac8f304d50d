// CommonJS consumers (require) get the same declarations (index.d.cts, timeline.d.cts).
import appconfig = require("appconfig-wasm");
import timeline = require("appconfig-wasm/timeline");
const client = new appconfig.AppConfigClient({ region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } });
export async function run(): Promise<number | undefined> {
  const out = await client.getDeployment({ ApplicationId: "a", EnvironmentId: "e", DeploymentNumber: 1 });
  const t: timeline.Timeline = timeline.deploymentTimeline(out);
  return out.$metadata.attempts ?? t.entries.length;
}
