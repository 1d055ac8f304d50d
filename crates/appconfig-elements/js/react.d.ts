import type { ForwardRefExoticComponent, RefAttributes, CSSProperties } from "react";
import type {
  AppConfigCredentials, AppConfigCredentialsProvider, AppConfigDeploymentElement, AppConfigElementAttributes,
  AppConfigEnvironmentsElement, AppConfigErrorDetail, AppConfigOpenDetail, AppConfigStateDetail,
} from "./index.js";

export interface AppConfigReactProps {
  application?: string;
  environment?: string;
  deployment?: string | number;
  region?: string;
  endpoint?: string;
  proxy?: string;
  gateway?: string;
  account?: string;
  theme?: "light" | "dark";
  actions?: boolean;
  credentials?: AppConfigCredentials | AppConfigCredentialsProvider;
  gatewayToken?: string | (() => string | Promise<string>);
  className?: string;
  style?: CSSProperties;
  onState?: (e: CustomEvent<AppConfigStateDetail>) => void;
  onError?: (e: CustomEvent<AppConfigErrorDetail>) => void;
  onOpen?: (e: CustomEvent<AppConfigOpenDetail>) => void;
}

export const AppConfigDeployment: ForwardRefExoticComponent<AppConfigReactProps & RefAttributes<AppConfigDeploymentElement>>;
export const AppConfigEnvironments: ForwardRefExoticComponent<AppConfigReactProps & RefAttributes<AppConfigEnvironmentsElement>>;

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "appconfig-deployment": AppConfigElementAttributes;
      "appconfig-environments": AppConfigElementAttributes;
    }
  }
}
