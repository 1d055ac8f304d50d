// A fault-injecting proxy in front of the simulator, for the fault matrix (tests/faults.test.mjs): it serves
// the dashboard and /_sim from the simulator unchanged, and breaks the next AWS API requests
// (paths under /applications) the way a network, a proxy or a server can. Loopback only.
import { createServer, request } from "node:http";

/**
 * Starts the proxy on a free loopback port in front of `target` (the simulator's URL).
 * `set(fault, { times, path })` breaks the next `times` API requests whose path contains `path`
 * (every one by default) with `fault(ctx)`, where ctx = { req, res, forward(transform?) }.
 * `refuse()` closes the port (connections refused) until `accept()`.
 */
export async function startFaultProxy(target) {
  const up = new URL(target);
  const sockets = new Set();
  const log = [];
  let current = null;

  const forward = (req, res, body, transform) => {
    // The simulator's /_sim answers only requests whose `Host` names it (against DNS rebinding):
    // those are addressed to it, as a reverse proxy would. The AWS API requests keep the `Host`
    // they were signed with (this proxy's: the page treats it as its endpoint).
    const headers = req.url.startsWith("/_sim") ? { ...req.headers, host: up.host } : req.headers;
    const out = request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers }, async (r) => {
      if (!transform) {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
        return;
      }
      const chunks = [];
      for await (const c of r) chunks.push(c);
      const changed = transform({ status: r.statusCode, headers: { ...r.headers }, body: Buffer.concat(chunks) });
      delete changed.headers["content-length"];
      delete changed.headers["transfer-encoding"];
      res.writeHead(changed.status, { ...changed.headers, "content-length": changed.body.length });
      res.end(changed.body);
    });
    out.on("error", () => res.destroy());
    out.end(body);
  };

  const server = createServer(async (req, res) => {
    res.on("error", () => {});
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks);
    const api = req.url.startsWith("/applications") && req.method !== "OPTIONS";
    const f = api && current && current.times > 0 && req.url.includes(current.path) ? current : null;
    if (f) f.times -= 1;
    log.push({ at: Date.now(), method: req.method, path: req.url, fault: f ? f.name : null });
    if (!f) return forward(req, res, body);
    f.fault({ req, res, forward: (transform) => forward(req, res, body, transform) });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const port = server.address().port;

  return {
    url: `http://127.0.0.1:${port}`,
    log,
    set(fault, { times = Infinity, path = "" } = {}) {
      current = { fault, name: fault.name || "fault", times, path };
    },
    clear() {
      current = null;
    },
    /** Closes the port and every open connection: new connections are refused. */
    refuse() {
      return new Promise((r) => {
        server.close(() => r());
        for (const s of sockets) s.destroy();
      });
    },
    /** Listens again on the same port. */
    accept() {
      return new Promise((r) => server.listen(port, "127.0.0.1", r));
    },
    stop() {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

const JSON_TYPE = "application/json";

/** An AWS JSON error answer. */
export function awsError(status, code, message, extra = {}) {
  return function awsErrorFault({ res }) {
    res.writeHead(status, { "content-type": JSON_TYPE, "x-amzn-errortype": code, "x-amzn-requestid": `fault-${status}`, ...extra });
    res.end(JSON.stringify({ __type: code, message }));
  };
}
