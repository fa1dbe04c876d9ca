import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import { apiResponseHeaders } from "../security-headers";
import { TRPC_ENDPOINT } from "./handler";

/** Whether a request's URL is under the tRPC endpoint. */
export function isTrpcRequest(url: string | undefined): boolean {
  return url !== undefined && (url.startsWith(`${TRPC_ENDPOINT}/`) || url.startsWith(`${TRPC_ENDPOINT}?`));
}

/**
 * Serves the tRPC API straight from Node's HTTP server, with the same fetch handler and headers as the
 * Next route (src/app/api/trpc/[trpc]/route.ts) but without Next's router, through which the same calls
 * ran 3.6 to 5 times slower (bench/README.md). `npm start` uses it; `next dev` keeps the route.
 *
 * Answers are sent whole, but for a subscription's event stream (`text/event-stream`), which is written
 * as it comes, at the pace the client reads (a slow reader makes the stream wait, not the server buffer),
 * and cancelled when the client goes away. A handler failure, which the tRPC handler never lets through,
 * would still end in a bare 500 and a log line, not a hung connection.
 */
export function createTrpcNodeListener(handleTrpc: (request: Request) => Promise<Response>, options: { production: boolean }) {
  const securityHeaders = apiResponseHeaders(options);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      // No size limit here: the handler enforces API_MAX_BODY_BYTES and answers 413 in tRPC's shape.
      const response = await handleTrpc(incomingMessageToRequest(req, res, { maxBodySize: null }));
      for (const [key, value] of securityHeaders) res.setHeader(key, value);
      response.headers.forEach((value, key) => {
        if (key !== "transfer-encoding") res.setHeader(key, value);
      });
      if (response.body && response.headers.get("content-type")?.startsWith("text/event-stream")) {
        await streamBody(response.body, res.writeHead(response.status));
        return;
      }
      const body = Buffer.from(await response.arrayBuffer());
      res.setHeader("content-length", body.byteLength);
      res.writeHead(response.status).end(body);
    } catch (error) {
      console.error("[trpc] unhandled error:", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "Internal server error" } }));
    }
  };
}

/** Writes `body` to `res` as it comes, waiting for `drain` when the client reads slowly; stops when it leaves. */
async function streamBody(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  res.flushHeaders();
  const reader = body.getReader();
  const gone = () => void reader.cancel().catch(() => {});
  res.once("close", gone);
  // tRPC hands over an event as several small chunks (its fields, then the blank line): they are corked
  // and sent together once the reads queued in this turn are done, one write to the socket per event.
  let corked = false;
  const uncork = () => {
    corked = false;
    res.uncork();
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!corked) {
        corked = true;
        res.cork();
        setImmediate(uncork);
      }
      if (!res.write(value)) await Promise.race([once(res, "drain"), once(res, "close")]);
      if (res.destroyed) break;
    }
  } catch {
    // The client left, or the stream failed: nothing more to send.
  } finally {
    res.off("close", gone);
    res.end();
  }
}
