// node web/examples/get-deployment.mjs <ApplicationId> <EnvironmentId> <DeploymentNumber>
// Region and credentials as the AWS SDK finds them in Node (AWS_REGION, AWS_ACCESS_KEY_ID, ...,
// AWS_PROFILE and ~/.aws); for a local simulator, APPCONFIG_ENDPOINT (e.g. http://127.0.0.1:4010).
// Needs `appconfig-wasm` installed (npm install <repo>/pkg).
import { AppConfigClient, AppConfigError } from "appconfig-wasm";
// The timeline is its own module (and .wasm): a client that only calls AppConfig never loads it.
import { deploymentTimeline } from "appconfig-wasm/timeline";

const [app, env, number] = process.argv.slice(2);
const client = new AppConfigClient({ endpoint: process.env.APPCONFIG_ENDPOINT, requestTimeoutMs: 10_000 });
try {
  const d = await client.getDeployment({ ApplicationId: app, EnvironmentId: env, DeploymentNumber: Number(number) });
  console.log(`${d.ConfigurationName} v${d.ConfigurationVersion}: ${d.State} ${d.PercentageComplete}%`);
  for (const e of deploymentTimeline(d).entries) console.log(`  ${e.occurredAt?.toISOString()}  ${e.eventType}  ${e.description ?? ""}`);
} catch (e) {
  if (!(e instanceof AppConfigError)) throw e;
  console.error(`${e.name}: ${e.message}`);
  process.exitCode = 1;
}
