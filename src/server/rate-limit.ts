import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
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

/**
 * Builds the limiter from the configuration (`API_RATE_LIMIT_*`): fixed windows kept in this process's
 * memory, so each instance counts its own requests (a shared store replaces it when several run).
 */
export function createApiRateLimiter(limits: ApiLimits["rateLimit"]): ApiRateLimiter {
  if (!limits) return unlimited;
  const perUser = new RateLimiterMemory({ keyPrefix: "user", points: limits.perUser, duration: limits.windowSeconds });
  const perIp = new RateLimiterMemory({ keyPrefix: "ip", points: limits.perIp, duration: limits.windowSeconds });
  const consume = async (limiter: RateLimiterMemory, key: string): Promise<RateLimitResult> => {
    try {
      await limiter.consume(key);
      return { ok: true };
    } catch (rejection) {
      // The limiter rejects with its state when the budget is spent; anything else is a real error.
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
  };
  return { consumeUser: (userId) => consume(perUser, userId), consumeIp: (ip) => consume(perIp, ip) };
}
