/**
 * `npm start`: validates the configuration, migrates the database, then serves the production build
 * (scripts/serve.ts).
 *
 * Options: `--port`/`-p` (or PORT, default 3000), `--hostname`/`-H` (or HOSTNAME, default all interfaces).
 */
import { parseArgs } from "node:util";
import { redactDatabaseUrl } from "../src/server/env";
import { migrate } from "../src/server/migrate";
import { serve } from "./serve";
import { openApp } from "./with-app";

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });

const app = await openApp("Database migration failed", async (app) => {
  const applied = await migrate(app);
  console.log(`Database ready (${redactDatabaseUrl(app.config.databaseUrl)})${applied.length ? `: applied ${applied.join(", ")}` : ""}`);
});
await serve(app, { port: Number(values.port ?? process.env.PORT ?? 3000), hostname: values.hostname ?? process.env.HOSTNAME });
