// A React 19 portal page using the packed appconfig-elements: the React wrapper for a
// `latest` deployment (removable), the element itself for a fixed one (React 19 sets
// `credentials` as a property), and the environments table.
import { StrictMode, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import "appconfig-elements";
import { AppConfigDeployment, AppConfigEnvironments } from "appconfig-elements/react";

const sim = new URLSearchParams(location.search).get("sim");
window.events = [];
window.providerCalls = 0;
const record = (e) => window.events.push({ type: e.type, id: e.target.id, detail: e.detail });
// Short-lived credentials, as an SDK provider of temporary credentials gives them.
const provider = async () => {
  window.providerCalls += 1;
  return { accessKeyId: "AKIDAPPCONFIGSIMDEMO", secretAccessKey: "appconfig-sim-demo-secret-key", expiration: new Date(Date.now() + 5 * 60_000 + 1_000) };
};

function Portal() {
  const [latest, setLatest] = useState(true);
  const [theme, setTheme] = useState("light");
  const fixedCredentials = useMemo(() => ({ accessKeyId: "AKIDAPPCONFIGSIMDEMO", secretAccessKey: "appconfig-sim-demo-secret-key" }), []);
  return (
    <main>
      <p className="card" id="host-card">A card of the portal</p>
      <button id="remove" onClick={() => setLatest(false)}>Remove the latest element</button>
      <button id="dark" onClick={() => setTheme("dark")}>Dark</button>
      {latest && (
        <AppConfigDeployment id="latest" application="payments-service" environment="staging" region="us-east-1"
          endpoint={sim} credentials={provider} onState={record} onError={record} />
      )}
      <appconfig-deployment id="fixed" application="pay0001" environment="prd0001" deployment="2" region="us-east-1"
        endpoint={sim} credentials={fixedCredentials} theme={theme} />
      <AppConfigEnvironments id="envs" application="pay0001" region="us-east-1" endpoint={sim} credentials={provider}
        onOpen={(e) => { record(e); e.preventDefault(); }} />
    </main>
  );
}

for (const type of ["appconfig-state", "appconfig-error"]) document.addEventListener(type, (e) => e.target.id === "fixed" && record(e));
createRoot(document.getElementById("root")).render(<StrictMode><Portal /></StrictMode>);
