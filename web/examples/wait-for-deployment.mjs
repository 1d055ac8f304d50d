// node web/examples/wait-for-deployment.mjs <ApplicationId> <EnvironmentId> <DeploymentNumber>
// A CI step: waits until the deployment completes, printing its progress; exits 1 on a rollback,
// a revert or after an hour. Region and credentials as the AWS SDK finds them in Node; for a
// local simulator, APPCONFIG_ENDPOINT (e.g. `cargo run -p appconfig-sim -- --speed 60`).
import { AppConfigClient, waitUntilDeploymentComplete } from "appconfig-wasm";

const [app, env, number] = process.argv.slice(2);
const client = new AppConfigClient({ endpoint: process.env.APPCONFIG_ENDPOINT });
try {
  const { reason } = await waitUntilDeploymentComplete(
    {
      client,
      maxWaitTime: 3600,
      minDelay: 5,
      maxDelay: 30,
      onProgress: (d, t) => {
        const next = t.projection?.nextSteps[0];
        console.log(`${d.State} ${d.PercentageComplete ?? 0}%${next ? `; next step ~${next.at.toISOString()} (estimate)` : ""}`);
      },
    },
    { ApplicationId: app, EnvironmentId: env, DeploymentNumber: Number(number) },
  );
  console.log(`complete at ${reason.CompletedAt?.toISOString()}`);
} catch (e) {
  console.error(`not complete: ${e.state ?? e.name}${e.reason?.State ? ` (${e.reason.State})` : ""}: ${e.message}`);
  process.exitCode = 1;
}
