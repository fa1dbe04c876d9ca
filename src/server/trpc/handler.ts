import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import type { ApiLimits } from "../env";
import { RateLimitedError, type ApiRateLimiter } from "../rate-limit";
import type { StreamSlots } from "../sync/stream-slots";
import { bearerChallenge } from "./bearer-challenge";
import type { Context, CreateContext } from "./context";
import { tooManyRequests } from "./init";
import { appRouter } from "./routers/_app";

/** Where the tRPC API is mounted; the route handler lives at `src/app/api/trpc/[trpc]/route.ts`. */
export const TRPC_ENDPOINT = "/api/trpc";

/** What the API's HTTP handler needs from the world. */
export interface TrpcHandlerDeps {
  createContext: CreateContext;
  limits: ApiLimits;
  rateLimiter: ApiRateLimiter;
  /** Open subscription streams per user. */
  streams: StreamSlots;
}

/** Whether `path` names a subscription procedure of the root router (at run time `_def.procedures` is flat, by dotted path). */
const isSubscription = (path: string) =>
  (appRouter._def.procedures as unknown as Record<string, { _def: { type: string } } | undefined>)[path]?._def.type === "subscription";

/**
 * The client's address as the server in front of the app (`npm start`'s, or a trusted proxy) put it in
 * `X-Forwarded-For`: the first entry. `server.ts` replaces whatever a client sent there.
 */
export function clientIp(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}

/**
 * Builds the fetch handler serving the API: `Request` in, `Response` out.
 *
 * Before any procedure runs: bodies over `maxBodyBytes` are refused (413) unread, batches over
 * `maxBatchSize` are refused (400), and the client IP's budget is spent (429 with `Retry-After`).
 * Every response carries an `X-Request-Id` (the proxy's, or a new one); internal errors are logged
 * with it and their cause (never with request headers or input, so never a token or a password) and
 * reach the client only as a generic message (see the error formatter in init.ts).
 */
export function createTrpcHandler({ createContext, limits, rateLimiter, streams }: TrpcHandlerDeps) {
  const refuse = (request: Request, requestId: string, status: number, code: string, message: string, headers: Record<string, string> = {}) => {
    const response = errorResponse(request, status, code, message);
    for (const [key, value] of Object.entries({ "X-Request-Id": requestId, "Cache-Control": "no-store", ...headers })) response.headers.set(key, value);
    return response;
  };
  const resolveContext = async (req: Request) => {
    const limit = await rateLimiter.consumeIp(clientIp(req.headers));
    if (!limit.ok) throw tooManyRequests(limit.retryAfterSeconds);
    return createContext({ headers: req.headers });
  };

  return async (request: Request) => {
    const requestId = requestIdOf(request.headers);
    const req = await withBodyLimit(request, limits.maxBodyBytes);
    if (!req) return refuse(request, requestId, 413, "PAYLOAD_TOO_LARGE", `Request body too large (at most ${limits.maxBodyBytes} bytes)`);

    // A subscription answers with a stream, whose status is sent before any procedure runs: tRPC would
    // report a bad token or a refusal inside a 200 stream. So the token is checked, and a slot taken, first.
    const path = new URL(req.url).pathname.slice(TRPC_ENDPOINT.length + 1);
    let admitted: { context: Context; release: () => void } | null = null;
    if (req.method === "GET" && isSubscription(path)) {
      let context: Context;
      try {
        context = await resolveContext(req);
      } catch (error) {
        if (error instanceof TRPCError && error.cause instanceof RateLimitedError) {
          return refuse(req, requestId, 429, "TOO_MANY_REQUESTS", error.message, { "Retry-After": String(error.cause.retryAfterSeconds) });
        }
        // An outage (the database, the key store): logged with the request id, never shown.
        console.error(`[trpc] request ${requestId}: subscription ${path} failed:`, error);
        return refuse(req, requestId, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
      }
      if (!context.user) {
        return refuse(req, requestId, 401, "UNAUTHORIZED", context.authError ?? "Authentication required", { "WWW-Authenticate": bearerChallenge(req.headers.get("authorization")) });
      }
      const release = streams.acquire(context.user.id);
      if (!release) {
        return refuse(req, requestId, 429, "TOO_MANY_REQUESTS", "Too many open streams for this account: close one (SYNC_MAX_STREAMS_PER_USER)", { "Retry-After": "5" });
      }
      admitted = { context, release };
    }

    const response = await fetchRequestHandler({
      endpoint: TRPC_ENDPOINT,
      req,
      router: appRouter,
      maxBatchSize: limits.maxBatchSize,
      createContext: () => (admitted ? Promise.resolve(admitted.context) : resolveContext(req)),
      onError({ error, path, type }) {
        // The cause goes to the log with the request id the client got; never the request's headers or input.
        if (error.code === "INTERNAL_SERVER_ERROR") {
          console.error(`[trpc] request ${requestId}: ${type} ${path ?? "(unknown)"} failed:`, error.cause ?? error);
        }
      },
      responseMeta({ errors }) {
        // Every answer is one user's private data, errors included (OWASP ASVS 5 V14.3): never stored.
        const headers = new Headers({ "X-Request-Id": requestId, "Cache-Control": "no-store" });
        // RFC 6750: a 401 tells the client which scheme to use.
        if (errors.some((error) => error.code === "UNAUTHORIZED")) headers.set("WWW-Authenticate", bearerChallenge(req.headers.get("authorization")));
        const waits = errors.map((error) => (error.cause instanceof RateLimitedError ? error.cause.retryAfterSeconds : 0));
        if (Math.max(0, ...waits) > 0) headers.set("Retry-After", String(Math.max(...waits)));
        // SSE through nginx and similar proxies: do not buffer the stream.
        if (admitted) headers.set("X-Accel-Buffering", "no");
        return { headers };
      },
    });
    if (!admitted) return response;
    return withStreamLifetime(response, { release: admitted.release, endsAt: admitted.context.tokenExpiresAt ?? Date.now() });
  };
}

/**
 * A subscription's `response` that ends when its token does: at `endsAt` the connection is closed as a
 * server going away closes it (no end-of-stream event), so an EventSource reconnects, with a fresh token
 * and its `Last-Event-ID`, and misses nothing. `release` runs once the body ends, fails or is cancelled.
 */
function withStreamLifetime(response: Response, { release, endsAt }: { release: () => void; endsAt: number }): Response {
  if (!response.body) {
    release();
    return response;
  }
  const reader = response.body.getReader();
  let expiry: NodeJS.Timeout | undefined;
  const finish = () => {
    clearTimeout(expiry);
    release();
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      expiry = setTimeout(() => {
        finish();
        void reader.cancel().catch(() => {}); // ends the procedure's generator
        try {
          controller.close();
        } catch {
          // already closed
        }
      }, Math.max(0, endsAt - Date.now()));
      expiry.unref?.();
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          finish();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        finish();
        try {
          controller.error(error);
        } catch {
          // closed at expiry meanwhile
        }
      }
    },
    cancel(reason) {
      finish();
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** The proxy's request id when it looks like one (no header injection through it), else a new one. */
function requestIdOf(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && /^[\w.-]{8,128}$/.test(given) ? given : randomUUID();
}

/**
 * The request with its body read into memory, or `null` when the body is larger than `maxBytes`:
 * refused by its `Content-Length` before reading, or while reading a body sent without one.
 */
async function withBodyLimit(req: Request, maxBytes: number): Promise<Request | null> {
  if (!req.body) return req;
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new Request(req.url, { method: req.method, headers: req.headers, body: Buffer.concat(chunks) });
}

/** An error in the shape tRPC clients read (one per call for a batch), for refusals made before tRPC runs. */
function errorResponse(req: Request, status: number, code: string, message: string): Response {
  const url = new URL(req.url);
  const error = superjson.serialize({ message, code: -32600, data: { code, httpStatus: status, path: null, zodError: null } });
  const calls = url.searchParams.get("batch") === "1" ? url.pathname.slice(TRPC_ENDPOINT.length + 1).split(",").length : 0;
  const body = calls > 0 ? Array.from({ length: calls }, () => ({ error })) : { error };
  return Response.json(body, { status });
}
