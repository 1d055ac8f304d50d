// node web/examples/get-deployment.mjs <ApplicationId> <EnvironmentId> <DeploymentNumber>
// Uses AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and, for a local
// simulator, APPCONFIG_ENDPOINT (e.g. http://127.0.0.1:4010). Needs `appconfig-wasm` installed
// (npm install <repo>/pkg).
import { AppConfigClient, deploymentTimeline, AppConfigError } from "appconfig-wasm";

const [app, env, number] = process.argv.slice(2);
const client = new AppConfigClient({
  region: process.env.AWS_REGION ?? "us-east-1",
  endpoint: process.env.APPCONFIG_ENDPOINT,
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? "",
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? "",
    sessionToken: process.env.AWS_SESSION_TOKEN,
  },
  requestTimeoutMs: 10_000,
});
try {
  const d = await client.getDeployment({ ApplicationId: app, EnvironmentId: env, DeploymentNumber: Number(number) });
  console.log(`${d.ConfigurationName} v${d.ConfigurationVersion}: ${d.State} ${d.PercentageComplete}%`);
  for (const e of deploymentTimeline(d).entries) console.log(`  ${e.occurredAt?.toISOString()}  ${e.eventType}  ${e.description ?? ""}`);
} catch (e) {
  if (!(e instanceof AppConfigError)) throw e;
  console.error(`${e.name}: ${e.message}`);
  process.exitCode = 1;
}
