import type { App } from "../../src/server/app";
import type { Context, CreateContext } from "../../src/server/trpc/context";
import { createTrpcHandler } from "../../src/server/trpc/handler";

/**
 * The common design this stack is measured against: the tRPC context looks the session up on every
 * request (session cookie -> `auth.api.getSession`, a database read), instead of verifying a JWT.
 * Same app, same routers, same handler; only the context resolver differs. Benchmark use only.
 */
export function withSessionLookup(app: App): App {
  const { db, config, rateLimiter, sync } = app;
  const createContext: CreateContext = async ({ headers }): Promise<Context> => {
    const session = await app.auth.api.getSession({ headers });
    if (!session) return { db, limits: config.limits, rateLimiter, sync, user: null, authError: "Not signed in", tokenExpiresAt: null, sessionId: null };
    const { id, email, name, emailVerified } = session.user;
    return { db, limits: config.limits, rateLimiter, sync, user: { id, email, name, emailVerified }, authError: null, tokenExpiresAt: new Date(session.session.expiresAt).getTime(), sessionId: session.session.id };
  };
  return { ...app, createContext, handleTrpc: createTrpcHandler({ createContext, limits: config.api, rateLimiter, streams: sync.streams }) };
}
