/**
 * `npm start`: validates the configuration, migrates the database, then serves the production build
 * with Next behind a plain Node HTTP server, whose only job is to make the forwarding headers
 * trustworthy (see src/server/client-address.ts): `next start` passes a client's own
 * `X-Forwarded-For` through, which would let it dodge every per-IP limit.
 *
 * Options: `--port`/`-p` (or PORT, default 3000), `--hostname`/`-H` (or HOSTNAME, default all interfaces).
 * SIGTERM and SIGINT stop accepting connections and let requests in flight finish (10 s at most).
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { createForwardingSanitizer } from "../src/server/client-address";
import { migrate } from "../src/server/migrate";
import { withApp } from "./with-app";

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME;

let trustedProxies: readonly string[] = [];
await withApp("Database migration failed", async (app) => {
  const applied = await migrate(app);
  trustedProxies = app.config.trustedProxies;
  console.log(`Database ready (${app.config.databaseUrl})${applied.length ? `: applied ${applied.join(", ")}` : ""}`);
});

const nextApp = next({ dev: false, dir: process.cwd(), port, hostname });
await nextApp.prepare();
const handle = nextApp.getRequestHandler();
const sanitize = createForwardingSanitizer(trustedProxies);

const server = createServer((req, res) => {
  sanitize(req);
  void handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`Ready on http://${hostname ?? "localhost"}:${port}${trustedProxies.length ? ` (trusting proxies: ${trustedProxies.join(", ")})` : ""}`);
});

function shutdown(signal: string) {
  console.log(`${signal}: finishing requests in flight, then stopping`);
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));
