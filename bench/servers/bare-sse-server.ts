/**
 * The baseline for a stream's memory: tRPC's own SSE subscription with nothing else. The same tRPC
 * version, ping settings and Node listener as the app (src/server/trpc/node-listener.ts), one
 * subscription that waits for events that never come; no auth, no database, no change log. What the
 * app's `sync.changes` costs per open stream beyond this is the app's.
 * Usage: tsx bench/servers/bare-sse-server.ts --port <n>
 */
import { once } from "node:events";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { initTRPC } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { SSE_PING_MS } from "../../src/server/trpc/init";
import { createTrpcNodeListener } from "../../src/server/trpc/node-listener";

const { values } = parseArgs({ options: { port: { type: "string" } } });
const t = initTRPC.create({ sse: { ping: { enabled: true, intervalMs: SSE_PING_MS }, client: { reconnectAfterInactivityMs: SSE_PING_MS * 2 + 10_000 } } });
const router = t.router({
  sync: t.router({
    changes: t.procedure.subscription(async function* ({ signal }) {
      if (signal && !signal.aborted) await once(signal, "abort");
      yield* [];
    }),
  }),
});
const listener = createTrpcNodeListener((req) => fetchRequestHandler({ endpoint: "/api/trpc", req, router, createContext: () => ({}) }), { production: true });
createServer((req, res) => void listener(req, res)).listen(Number(values.port), "127.0.0.1");
