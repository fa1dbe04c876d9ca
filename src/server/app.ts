import type { JSONWebKeySet } from "jose";
import { createAuth, type Auth } from "./auth";
import { authCacheControl, withCacheControl, withStandardRetryAfter } from "./auth-cache-control";
import { createDb, createPostgresPool, type Db } from "./db";
import type { AppConfig } from "./env";
import { healthResponse } from "./health";
import { createMailer, type Mailer } from "./mail/mailer";
import { createApiRateLimiter, createKeyedLimiter, type ApiRateLimiter } from "./rate-limit";
import { createTokenVerifier, type TokenVerifier, type TokenVerifierOptions } from "@/shared/token-verifier";
import { createChangeLog } from "./sync/change-log";
import { createLocalNotifier, createPostgresNotifier } from "./sync/notifier";
import { createSharedReads } from "./sync/shared-reads";
import { createStreamSlots } from "./sync/stream-slots";
import { createContextResolver, type CreateContext, type SyncDeps } from "./trpc/context";
import { createTrpcHandler } from "./trpc/handler";

/** Everything the server runs on, built from one configuration. */
export interface App {
  config: AppConfig;
  db: Db;
  auth: Auth;
  verifier: TokenVerifier;
  /** Outgoing mail (reset and verification links). */
  mailer: Mailer;
  /** The API's per-user and per-IP budgets. */
  rateLimiter: ApiRateLimiter;
  createContext: CreateContext;
  /** Live sync: the change log and the wake-ups of `sync.changes` streams. */
  sync: SyncDeps;
  /** Serves `/api/trpc/*`. */
  handleTrpc: (req: Request) => Promise<Response>;
  /** Serves `/api/auth/*` (private answers `no-store`, the public key set cacheable briefly). */
  handleAuth: (req: Request) => Promise<Response>;
  /** Serves `GET /api/health`. */
  handleHealth: () => Promise<Response>;
  /** Closes the database (SQLite's connection, or PostgreSQL's pool). */
  close: () => Promise<void>;
}

/** The app's token verifier's options, from its configuration: tokens it issued, checked against its own keys. */
export function tokenVerifierOptions(config: AppConfig, auth: Auth): TokenVerifierOptions {
  return {
    issuer: config.baseUrl,
    audience: config.baseUrl,
    // In process: the keys come straight from Better Auth's key table (creating the first pair if none exists).
    loadKeys: async () => (await auth.api.getJwks()) as JSONWebKeySet,
    refreshCooldownMs: config.jwks.refreshCooldownSeconds * 1000,
    maxKeySetAgeMs: config.jwks.cacheMaxAgeSeconds * 1000,
    maxTokenAgeSeconds: config.accessTokenTtlSeconds,
    cacheMaxEntries: config.accessTokenCacheMaxEntries,
  };
}

/** `run`'s result, answered no sooner than `ms` after the call (so its timing says nothing of what it did). */
async function atLeast<T>(ms: number, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  const left = ms - (performance.now() - started);
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  return result;
}

/**
 * Builds the app from its configuration: database, Better Auth, token verifier and tRPC handler.
 * Opens the database but runs no query; call `migrate(app)` before serving a new database.
 *
 * `npm start` builds one and installs it for Next (`installApp`, server.ts); tests and scripts build their own.
 */
export function createApp(config: AppConfig): App {
  const pool = config.databaseDialect === "postgres" ? createPostgresPool(config.databaseUrl, config.databasePoolMax) : undefined;
  const db = createDb(config.databaseUrl, { busyTimeoutMs: config.databaseBusyTimeoutMs, pool });
  const sync: SyncDeps = {
    log: createChangeLog({ dialect: config.databaseDialect, retentionSeconds: config.sync.retentionSeconds }),
    // PostgreSQL: LISTEN reaches every instance; SQLite: one process serves the file (docs/sync.md).
    notifier: config.databaseDialect === "postgres" ? createPostgresNotifier(config.databaseUrl) : createLocalNotifier(),
    streams: createStreamSlots(config.sync.maxStreamsPerUser),
    reads: createSharedReads(),
    coalesceMs: config.sync.coalesceMs,
  };
  const mailer = createMailer(config.mail, { printLinks: config.nodeEnv === "development" });
  const auth = createAuth({
    db,
    config,
    mailer,
    // Link mails per address: on PostgreSQL counted by every instance together, like the API's limits.
    limitMailTo: config.authRateLimit.enabled
      ? createKeyedLimiter({ keyPrefix: "mail-to", points: config.mail.perAddressMax, windowSeconds: config.mail.perAddressWindowSeconds, pool })
      : async () => ({ ok: true }),
    // The session's streams (on any instance) check it at once and end; their clients find they are signed out.
    onSessionEnded: async ({ userId }) => {
      sync.notifier.notify(userId);
      await sync.log.wakeEverywhere(db, userId);
    },
  });
  const verifier = createTokenVerifier(tokenVerifierOptions(config, auth));
  const rateLimiter = createApiRateLimiter(config.api.rateLimit, { pool });
  const createContext = createContextResolver({ db, limits: config.limits, rateLimiter, verifier, sync });
  return {
    config,
    db,
    auth,
    verifier,
    mailer,
    rateLimiter,
    sync,
    createContext,
    handleTrpc: createTrpcHandler({ createContext, limits: config.api, rateLimiter, streams: sync.streams }),
    handleAuth: async (req) => {
      const { pathname } = new URL(req.url);
      const answer = () => auth.handler(req);
      const res = pathname === "/api/auth/request-password-reset" ? await atLeast(config.passwordReset.minResponseMs, answer) : await answer();
      return withStandardRetryAfter(withCacheControl(res, authCacheControl(pathname, config.jwks.cacheMaxAgeSeconds)));
    },
    handleHealth: () => healthResponse(db),
    close: async () => {
      await sync.notifier.close();
      mailer.close();
      await db.destroy();
    },
  };
}
