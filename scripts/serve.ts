import { createServer } from "node:http";
import next from "next";
import type { App } from "../src/server/app";
import { createForwardingSanitizer } from "../src/server/client-address";
import { createPageLimiter } from "../src/server/page-limiter";
import { withNativeDate } from "../src/server/native-date";
import { installApp } from "../src/server/server";
import { createTrpcNodeListener, isTrpcRequest } from "../src/server/trpc/node-listener";

/** Where to listen. */
export interface ServeOptions {
  port: number;
  /** Default: every interface. */
  hostname?: string;
}

/**
 * Serves the production build with `app`: Next behind a plain Node HTTP server, which makes the
 * forwarding headers trustworthy (see src/server/client-address.ts: `next start` passes a client's own
 * `X-Forwarded-For` through, which would let it dodge every per-IP limit) and answers the tRPC API
 * itself (src/server/trpc/node-listener.ts: Next's routing cost more than the API calls).
 *
 * Pages are rendered at most `PAGE_RENDER_CONCURRENCY` at a time (src/server/page-limiter.ts). Next's
 * wrapper of the global `Date` is taken off once it has started (src/server/native-date.ts).
 *
 * The app is installed for Next's routes (one database connection per process). SIGTERM and SIGINT
 * stop accepting connections, let requests in flight finish (10 s at most), then close the app.
 */
export async function serve(app: App, { port, hostname }: ServeOptions): Promise<void> {
  installApp(app);
  const nextApp = next({ dev: false, dir: process.cwd(), port, hostname });
  await withNativeDate(() => nextApp.prepare());
  const handle = nextApp.getRequestHandler();
  const sanitize = createForwardingSanitizer(app.config.trustedProxies);
  const serveTrpc = createTrpcNodeListener(app.handleTrpc, { production: app.config.nodeEnv === "production" });
  const renderPage = createPageLimiter(handle, app.config.pageRenderConcurrency);

  const server = createServer((req, res) => {
    sanitize(req);
    if (isTrpcRequest(req.url)) void serveTrpc(req, res);
    else if (req.url?.startsWith("/api/") || req.url?.startsWith("/_next/static/")) void handle(req, res);
    else void renderPage(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  const proxies = app.config.trustedProxies;
  console.log(`Ready on http://${hostname ?? "localhost"}:${port}${proxies.length ? ` (trusting proxies: ${proxies.join(", ")})` : ""}`);

  const shutdown = (signal: string) => {
    console.log(`${signal}: finishing requests in flight, then stopping`);
    const exit = () => void app.close().finally(() => process.exit(0));
    server.close(exit);
    server.closeIdleConnections();
    setTimeout(exit, 10_000).unref();
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

