/**
 * `npm start`: validates the configuration, migrates the database and checks its signing keys
 * (scripts/prepare-database.ts), then serves the production build (scripts/serve.ts).
 *
 * Options: `--port`/`-p` (or PORT, default 3000), `--hostname`/`-H` (or HOSTNAME, default all interfaces).
 */
import { parseArgs } from "node:util";
import { prepareDatabase } from "./prepare-database";
import { serve } from "./serve";
import { openApp } from "./with-app";

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });

const app = await openApp("Database migration failed", prepareDatabase);
await serve(app, { port: Number(values.port ?? process.env.PORT ?? 3000), hostname: values.hostname ?? process.env.HOSTNAME });
