/**
 * How procedures are built. A request's path: route handler -> context (context.ts) -> procedure
 * (below) -> router (routers/*). Read this file to know what a procedure can rely on.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { RateLimitedError } from "../rate-limit";
import type { Context } from "./context";

/**
 * 1. INITIALISATION
 * superjson carries Dates across the wire (clients must use it too). The error formatter is the
 * only place errors take their client shape: validation errors get a readable message and
 * flattened field errors in `data.zodError`; internal errors get a generic message (details go to
 * the server log); no stack traces, ever (`isDev: false`).
 */
/** How often an idle subscription stream sends a ping. */
export const SSE_PING_MS = 15_000;

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  isDev: false,
  // Subscriptions (sync.changes) over SSE: a ping every 15 s keeps idle streams open through proxies, and
  // a client hearing nothing for 40 s reconnects (with its lastEventId). A stream ends at its token's exp.
  sse: { ping: { enabled: true, intervalMs: SSE_PING_MS }, client: { reconnectAfterInactivityMs: SSE_PING_MS * 2 + 10_000 } },
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    const message = zodError
      ? describeZodError(zodError)
      : error.code === "INTERNAL_SERVER_ERROR"
        ? "Internal server error"
        : shape.message;
    return {
      ...shape,
      message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        zodError: zodError ? z.flattenError(zodError as ZodError<Record<string, unknown>>) : null,
      },
    };
  },
});

/** "title: Title must not be empty; limit: Too big" — readable, unlike zod's JSON message. */
function describeZodError(error: ZodError): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.map(String).join(".");
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  return `Invalid input: ${parts.join("; ")}`;
}

/** 2. ROUTERS AND CALLERS */
export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * 3. PROCEDURES
 * `publicProcedure` may be called by anyone: `ctx.user` may be null. Use it only for what is
 * meant to be public, and list it in the security suite's public allow-list.
 */
export const publicProcedure = t.procedure;

/**
 * `protectedProcedure` refuses a call without a valid access token (UNAUTHORIZED, with the reason)
 * and narrows `ctx.user` to a non-null `AuthUser`. Everything user-owned goes through it.
 */
export const protectedProcedure = t.procedure.use(async ({ ctx, next }) => {
  if (!ctx.user) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.authError ?? "Authentication required" });
  }
  // Each user has a budget of calls per window (API_RATE_LIMIT_*); the per-IP one is spent in handler.ts.
  const limit = await ctx.rateLimiter.consumeUser(ctx.user.id);
  if (!limit.ok) throw tooManyRequests(limit.retryAfterSeconds);
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** TOO_MANY_REQUESTS whose cause tells the handler what to put in `Retry-After`. */
export function tooManyRequests(retryAfterSeconds: number): TRPCError {
  const cause = new RateLimitedError(retryAfterSeconds);
  return new TRPCError({ code: "TOO_MANY_REQUESTS", message: cause.message, cause });
}
