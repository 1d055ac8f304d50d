// Type-checked with tsc --strict (tests/tsc.test.mjs): the elements, their properties and events
// as a TypeScript React portal uses them. Not run.
import { useRef } from "react";
import { define, type AppConfigCredentials, type AppConfigStateDetail } from "appconfig-elements";
import { AppConfigDeployment, AppConfigEnvironments } from "appconfig-elements/react";

define({ wasm: new URL("https://cdn.example/appconfig_elements_bg.wasm") });

const el = document.querySelector("appconfig-deployment");
if (el) {
  el.credentials = async (): Promise<AppConfigCredentials> => ({ accessKeyId: "AKID", secretAccessKey: "s", expiration: new Date() });
  el.addEventListener("appconfig-state", (e) => {
    const d: AppConfigStateDetail = e.detail;
    const pct: number | null = d.percentageComplete;
    console.log(d.state, d.deploymentNumber + 1, pct);
  });
  el.addEventListener("appconfig-error", (e) => console.log(e.detail.name, e.detail.message));
}
document.querySelector("appconfig-environments")?.addEventListener("appconfig-open", (e) => {
  e.preventDefault();
  const n: number = e.detail.deploymentNumber;
  console.log(e.detail.applicationId, e.detail.environmentId, n);
});

export function Card({ app, env }: { app: string; env: string }) {
  const ref = useRef<HTMLElementTagNameMap["appconfig-deployment"]>(null);
  return (
    <div>
      <appconfig-deployment application={app} environment={env} gateway="https://gw.example" account="prod" theme="dark" />
      <AppConfigDeployment ref={ref} application={app} environment={env} deployment={3} actions
        onState={(e) => console.log(e.detail.percentageComplete)} />
      <AppConfigEnvironments application={app} onOpen={(e) => e.preventDefault()} />
    </div>
  );
}
