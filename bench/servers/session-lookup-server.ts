/**
 * The production server (scripts/serve.ts) in session-lookup mode: see bench/lib/session-lookup.ts.
 * Expects a migrated database. Usage: tsx bench/servers/session-lookup-server.ts --port <n>
 */
import { parseArgs } from "node:util";
import { serve } from "../../scripts/serve";
import { openApp } from "../../scripts/with-app";
import { withSessionLookup } from "../lib/session-lookup";

const { values } = parseArgs({ options: { port: { type: "string" } } });
const app = await openApp("Could not start");
await serve(withSessionLookup(app), { port: Number(values.port) });
