/**
 * The access-token cache every client uses (the browser's tRPC client, src/lib/access-token.ts, and the
 * Node client, src/client/task-client.ts): it depends on no side's code.
 */
import { decodeJwt } from "jose";

/** Raised when the client has no session to get an access token from: the user must sign in. */
export class NotSignedInError extends Error {
  override name = "NotSignedInError";
  constructor() {
    super("Not signed in");
  }
}

/** Fetches a fresh access token; resolves `null` when there is no session. */
export type TokenSource = () => Promise<string | null>;

/** A cache of the current access token (JWT) for attaching to API calls. */
export interface AccessTokenStore {
  /** The cached token, or a fresh one once the cached one is within its refresh margin of expiring. */
  get(): Promise<string>;
  /** Forgets the cached token: after a 401, or on sign-out. */
  clear(): void;
  /** Caches a token obtained elsewhere (the server-rendered page's), unless one is cached already. */
  seed(token: string): void;
}

/**
 * Caches the access token until shortly before it expires (a quarter of its lifetime, at most a
 * minute), and shares one request among concurrent callers so a burst of queries fetches one token.
 */
export function createAccessTokenStore(source: TokenSource, now: () => number = () => Date.now()): AccessTokenStore {
  let cached: { token: string; refreshAt: number } | null = null;
  let pending: Promise<string> | null = null;
  let generation = 0;

  /** When to fetch a new token instead of `token`: a quarter of its lifetime before expiry, at most a minute. */
  function refreshAt(token: string): number {
    const { iat, exp } = decodeJwt(token);
    const lifetime = (exp ?? 0) - (iat ?? 0);
    const margin = Math.min(60, Math.max(0, lifetime) / 4);
    return ((exp ?? 0) - margin) * 1000;
  }

  async function refresh(): Promise<string> {
    const started = generation;
    const token = await source();
    if (token === null) throw new NotSignedInError();
    // A clear() while this request was in flight (sign-out) wins over its result.
    if (started === generation) cached = { token, refreshAt: refreshAt(token) };
    return token;
  }

  return {
    get() {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
      pending ??= refresh().finally(() => {
        pending = null;
      });
      return pending;
    },
    clear() {
      cached = null;
      pending = null;
      generation += 1;
    },
    seed(token) {
      if (cached && now() < cached.refreshAt) return;
      try {
        cached = { token, refreshAt: refreshAt(token) };
      } catch {
        // Not a JWT: ignore it, the next call fetches one.
      }
    },
  };
}
