import type pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { ApiLimits } from "./env";

/** Outcome of one call against a limit. */
export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** The API's rate limits: one budget per user and one per client IP, counted in procedure calls. */
export interface ApiRateLimiter {
  consumeUser(userId: string): Promise<RateLimitResult>;
  consumeIp(ip: string): Promise<RateLimitResult>;
}

/** Raised (as the cause of a TOO_MANY_REQUESTS error) so the handler can answer `Retry-After`. */
export class RateLimitedError extends Error {
  override name = "RateLimitedError";
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests: try again in ${retryAfterSeconds} s`);
  }
}

const unlimited: ApiRateLimiter = { consumeUser: async () => ({ ok: true }), consumeIp: async () => ({ ok: true }) };

/** The table the shared counters live in on PostgreSQL (created by migration 0004). */
export const RATE_LIMIT_TABLE = "api_rate_limit";

/**
 * Builds the limiter from the configuration (`API_RATE_LIMIT_*`): fixed windows, counted in this
 * process's memory on SQLite (one instance), or in the database's `api_rate_limit` table when given a
 * PostgreSQL `pool`, so that every instance behind one URL spends the same budget. Once a key's budget is
 * spent, an instance refuses it from memory until the window ends, without asking the database.
 */
export function createApiRateLimiter(limits: ApiLimits["rateLimit"], { pool }: { pool?: pg.Pool } = {}): ApiRateLimiter {
  if (!limits) return unlimited;
  const perUser = createKeyedLimiter({ keyPrefix: "user", points: limits.perUser, windowSeconds: limits.windowSeconds, pool });
  const perIp = createKeyedLimiter({ keyPrefix: "ip", points: limits.perIp, windowSeconds: limits.windowSeconds, pool });
  return { consumeUser: perUser, consumeIp: perIp };
}

/**
 * One fixed-window budget of `points` per key, in memory or (given a PostgreSQL `pool`) in the shared
 * `api_rate_limit` table under `keyPrefix`: call it with a key to spend one point.
 */
export function createKeyedLimiter({ keyPrefix, points, windowSeconds, pool }: { keyPrefix: string; points: number; windowSeconds: number; pool?: pg.Pool }) {
  const limiter: RateLimiterAbstract = pool
    ? new RateLimiterPostgres({
        storeClient: pool,
        storeType: "pool",
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        keyPrefix,
        points,
        duration: windowSeconds,
        inMemoryBlockOnConsumed: points,
      })
    : new RateLimiterMemory({ keyPrefix, points, duration: windowSeconds });
  return async (key: string): Promise<RateLimitResult> => {
    try {
      await limiter.consume(key);
      return { ok: true };
    } catch (rejection) {
      // The limiter rejects with its state when the budget is spent; anything else is a real error.
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
  };
}
