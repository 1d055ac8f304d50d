// The same from CommonJS: node web/examples/get-deployment.cjs <ApplicationId> <EnvironmentId> <DeploymentNumber>
const { AppConfigClient } = require("appconfig-wasm");

const [app, env, number] = process.argv.slice(2);
const client = new AppConfigClient({
  region: process.env.AWS_REGION || "us-east-1",
  endpoint: process.env.APPCONFIG_ENDPOINT,
  credentials: async () => ({
    accessKeyId: process.env.AWS_ACCESS_KEY_ID || "",
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY || "",
    sessionToken: process.env.AWS_SESSION_TOKEN,
  }),
});
client
  .getDeployment({ ApplicationId: app, EnvironmentId: env, DeploymentNumber: Number(number) })
  .then((d) => console.log(JSON.stringify(d, null, 2)))
  .catch((e) => {
    console.error(`${e.name}: ${e.message}`);
    process.exitCode = 1;
  });
