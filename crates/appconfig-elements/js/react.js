// A thin React wrapper (React 18 and 19): properties and events through a ref, so that
// `credentials` (an object or a function) and the callbacks work in both versions.
import { createElement, forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import "./index.js";

function wrap(tag) {
  return forwardRef(function AppConfigElement({ credentials, gatewayToken, onState, onError, onOpen, actions, ...attributes }, ref) {
    const el = useRef(null);
    useImperativeHandle(ref, () => el.current);
    useEffect(() => { el.current.credentials = credentials; }, [credentials]);
    useEffect(() => { el.current.gatewayToken = gatewayToken; }, [gatewayToken]);
    useEffect(() => {
      const node = el.current;
      const pairs = [["appconfig-state", onState], ["appconfig-error", onError], ["appconfig-open", onOpen]].filter(([, f]) => f);
      for (const [type, f] of pairs) node.addEventListener(type, f);
      return () => { for (const [type, f] of pairs) node.removeEventListener(type, f); };
    }, [onState, onError, onOpen]);
    return createElement(tag, { ...attributes, actions: actions ? "" : undefined, ref: el });
  });
}

export const AppConfigDeployment = wrap("appconfig-deployment");
export const AppConfigEnvironments = wrap("appconfig-environments");
