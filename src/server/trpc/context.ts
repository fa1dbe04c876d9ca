import type { Db } from "../db";
import type { AppLimits } from "../env";
import type { ApiRateLimiter } from "../rate-limit";
import { readBearerToken, TOKEN_FAILURE_MESSAGES, type TokenVerifier } from "@/shared/token-verifier";

/** The signed-in user, as protected procedures see it. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
}

/** What every procedure receives. `user` is null when the request carries no valid access token. */
export interface Context {
  db: Db;
  /** Configured limits (never secrets). */
  limits: AppLimits;
  /** The per-user budget of procedure calls, which `protectedProcedure` spends. */
  rateLimiter: ApiRateLimiter;
  user: AuthUser | null;
  /** Why `user` is null: the message an UNAUTHORIZED error carries. */
  authError: string | null;
}

/** What the context resolver needs from the world. */
export interface ContextDeps {
  db: Db;
  limits: AppLimits;
  rateLimiter: ApiRateLimiter;
  verifier: TokenVerifier;
}

/**
 * Builds the context resolver: verifies `Authorization: Bearer <jwt>` and loads the token's user.
 *
 * The user row is read on every authenticated call so that a token outliving its user (deleted
 * account) is refused, and so that `ctx.user` carries the current name and email.
 */
export function createContextResolver({ db, limits, rateLimiter, verifier }: ContextDeps) {
  return async function createContext({ headers }: { headers: Headers }): Promise<Context> {
    const anonymous = (authError: string): Context => ({ db, limits, rateLimiter, user: null, authError });
    const token = readBearerToken(headers.get("authorization"));
    if (token === null) return anonymous(TOKEN_FAILURE_MESSAGES.missing);
    if (token === undefined) return anonymous(TOKEN_FAILURE_MESSAGES.invalid);

    const result = await verifier.verify(token);
    if (!result.ok) return anonymous(TOKEN_FAILURE_MESSAGES[result.reason]);

    const user = await db
      .selectFrom("user")
      .select(["id", "email", "name"])
      .where("id", "=", result.userId)
      .executeTakeFirst();
    return user ? { db, limits, rateLimiter, user, authError: null } : anonymous(TOKEN_FAILURE_MESSAGES.invalid);
  };
}

/** The context resolver's type, as the HTTP handler and server-side callers use it. */
export type CreateContext = ReturnType<typeof createContextResolver>;
