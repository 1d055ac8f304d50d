// The whole of a portal's use: import the package, put an element on the page.
import "appconfig-elements";

const sim = new URLSearchParams(location.search).get("sim");
const el = document.createElement("appconfig-deployment");
Object.assign(el, { id: "d", credentials: { accessKeyId: "AKIDAPPCONFIGSIMDEMO", secretAccessKey: "appconfig-sim-demo-secret-key" } });
for (const [k, v] of Object.entries({ application: "pay0001", environment: "prd0001", deployment: "2", region: "us-east-1", endpoint: sim })) el.setAttribute(k, v);
document.body.append(el);
