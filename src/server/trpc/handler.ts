import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { CreateContext } from "./context";
import { appRouter } from "./routers/_app";

/** Where the tRPC API is mounted; the route handler lives at `src/app/api/trpc/[trpc]/route.ts`. */
export const TRPC_ENDPOINT = "/api/trpc";

/**
 * Builds the fetch handler serving the API: `Request` in, `Response` out.
 *
 * Internal errors are logged here with their cause (never with request headers, so never a token)
 * and reach the client only as a generic message (see the error formatter in init.ts).
 */
export function createTrpcHandler(createContext: CreateContext) {
  return (req: Request) =>
    fetchRequestHandler({
      endpoint: TRPC_ENDPOINT,
      req,
      router: appRouter,
      createContext: () => createContext({ headers: req.headers }),
      onError({ error, path, type }) {
        if (error.code === "INTERNAL_SERVER_ERROR") {
          console.error(`[trpc] ${type} ${path ?? "(unknown)"} failed:`, error.cause ?? error);
        }
      },
      responseMeta({ errors }) {
        // RFC 6750: a 401 tells the client which scheme to use.
        if (errors.some((error) => error.code === "UNAUTHORIZED")) {
          return { headers: new Headers({ "WWW-Authenticate": 'Bearer realm="api", error="invalid_token"' }) };
        }
        return {};
      },
    });
}
