// CommonJS consumers (require) get the same declarations (index.d.cts).
import appconfig = require("appconfig-wasm");
const client = new appconfig.AppConfigClient({ region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } });
export async function run(): Promise<number | undefined> {
  const out = await client.getDeployment({ ApplicationId: "a", EnvironmentId: "e", DeploymentNumber: 1 });
  return out.$metadata.attempts;
}
