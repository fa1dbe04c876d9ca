import type { Db } from "../db";
import type { AppLimits } from "../env";
import type { ApiRateLimiter } from "../rate-limit";
import { decodeJwt } from "jose";
import type { ChangeLog } from "../sync/change-log";
import type { ChangeNotifier } from "../sync/notifier";
import type { SharedReads } from "../sync/shared-reads";
import type { StreamSlots } from "../sync/stream-slots";
import { readBearerToken, TOKEN_FAILURE_MESSAGES, type TokenVerifier } from "@/shared/token-verifier";

/** Live sync: where mutations record their changes, and who wakes the streams. */
export interface SyncDeps {
  log: ChangeLog;
  notifier: ChangeNotifier;
  /** Open streams per user (`SYNC_MAX_STREAMS_PER_USER`), admitted by the HTTP handler. */
  streams: StreamSlots;
  /** Reads a user's streams share when one change wakes them all. */
  reads: SharedReads;
  /** How long a woken stream waits before reading (`SYNC_COALESCE_MS`). */
  coalesceMs: number;
}

/** The signed-in user, as protected procedures see it. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  /** Whether the address is confirmed (a followed verification link); see EMAIL_VERIFICATION. */
  emailVerified: boolean;
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
  /** When the access token expires (ms since the epoch): a subscription ends then. Null without a user. */
  tokenExpiresAt: number | null;
  /** The Better Auth session the token was issued for (its `sid`): a stream ends when it does. */
  sessionId: string | null;
  sync: SyncDeps;
}

/** What the context resolver needs from the world. */
export interface ContextDeps {
  db: Db;
  limits: AppLimits;
  rateLimiter: ApiRateLimiter;
  verifier: TokenVerifier;
  sync: SyncDeps;
}

/** The answer for a token whose session was signed out or revoked. */
export const SESSION_ENDED_MESSAGE = "Session ended: sign in again";

/**
 * Builds the context resolver: verifies `Authorization: Bearer <jwt>` and loads the token's user.
 *
 * The user row is read on every authenticated call so that a token outliving its user (deleted
 * account) is refused, and so that `ctx.user` carries the current name and email. In the same query,
 * the token's session (`sid`) must still exist: signing out, or revoking a device on the account page,
 * stops its tokens at once here, not when they expire (third-party verifiers only see the expiry).
 */
export function createContextResolver({ db, limits, rateLimiter, verifier, sync }: ContextDeps) {
  return async function createContext({ headers }: { headers: Headers }): Promise<Context> {
    const anonymous = (authError: string): Context => ({ db, limits, rateLimiter, sync, user: null, authError, tokenExpiresAt: null, sessionId: null });
    const token = readBearerToken(headers.get("authorization"));
    if (token === null) return anonymous(TOKEN_FAILURE_MESSAGES.missing);
    if (token === undefined) return anonymous(TOKEN_FAILURE_MESSAGES.invalid);

    const result = await verifier.verify(token);
    if (!result.ok) return anonymous(TOKEN_FAILURE_MESSAGES[result.reason]);

    const claims = decodeJwt(token);
    // Tokens signed before `sid` was added carry none; they expire within ACCESS_TOKEN_TTL_SECONDS.
    const sessionId = typeof claims.sid === "string" ? claims.sid : null;
    const row = await db
      .selectFrom("user")
      .select(["id", "email", "name", "emailVerified"])
      .$if(sessionId !== null, (query) =>
        query.select((eb) =>
          eb.exists(eb.selectFrom("session").select("session.id").where("session.id", "=", sessionId).where("session.userId", "=", eb.ref("user.id"))).as("sessionLive"),
        ),
      )
      .where("id", "=", result.userId)
      .executeTakeFirst();
    if (!row) return anonymous(TOKEN_FAILURE_MESSAGES.invalid);
    // SQLite answers 0/1, PostgreSQL a boolean.
    if (sessionId !== null && !Number(row.sessionLive)) return anonymous(SESSION_ENDED_MESSAGE);
    // SQLite answers 0/1, PostgreSQL a boolean.
    const user: AuthUser = { id: row.id, email: row.email, name: row.name, emailVerified: Boolean(row.emailVerified) };
    // The verifier has checked `exp`; a stream must not outlive it.
    return { db, limits, rateLimiter, sync, user, authError: null, tokenExpiresAt: (claims.exp ?? 0) * 1000, sessionId };
  };
}

/** The context resolver's type, as the HTTP handler and server-side callers use it. */
export type CreateContext = ReturnType<typeof createContextResolver>;
