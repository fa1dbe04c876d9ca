import { REPEAT_RULE_HARD_MAX } from "@/shared/repeat-input";
import proxyaddr from "proxy-addr";
import { z } from "zod";
import { IMPORT_TASKS_HARD_MAX } from "@/shared/task-input";
import { SUBTASKS_HARD_MAX } from "@/shared/subtask-input";
import { LABEL_LIMITS } from "@/shared/label-input";

/**
 * The application's configuration, read once from the environment and validated.
 *
 * Every limit the app enforces lives here so that tests, benchmarks and operators change it through
 * the environment instead of code. Each variable is documented in `.env.example`.
 */
/** The databases the app runs on. */
export type DatabaseDialect = "sqlite" | "postgres";

/** Whether `url` names a PostgreSQL database (`postgres://` or `postgresql://`). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** `url` fit for a log line: a PostgreSQL URL's password (and query, which may carry one) left out. */
export function redactDatabaseUrl(url: string): string {
  if (!isPostgresUrl(url) || !URL.canParse(url)) return url;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  parsed.search = "";
  return parsed.toString();
}

export interface AppConfig {
  readonly nodeEnv: "development" | "test" | "production";
  /** Public origin of the app (`BETTER_AUTH_URL`); also the JWT issuer and audience. */
  readonly baseUrl: string;
  /**
   * Origins whose browser requests Better Auth accepts (its CSRF check). Production and tests: exactly
   * `baseUrl`. Development also the dev server's own loopback origins on its port (`PORT`, which
   * `next dev -p` sets), so `PORT=3300 npm run dev` works without set-up.
   */
  readonly trustedOrigins: readonly string[];
  /** SQLite file path, `file:` URL or `:memory:`; or a `postgres://` URL. */
  readonly databaseUrl: string;
  /** Which database `databaseUrl` names. */
  readonly databaseDialect: DatabaseDialect;
  /** Most connections one instance opens to PostgreSQL (`DATABASE_POOL_MAX`; SQLite: always one). */
  readonly databasePoolMax: number;
  /** How long a write waits for another connection's lock before failing (SQLite's busy_timeout). */
  readonly databaseBusyTimeoutMs: number;
  /** Current secret: encrypts signing keys and signs cookies. */
  readonly secret: string;
  /** Versioned secrets for rotation, newest first (`BETTER_AUTH_SECRETS="2:new,1:old"`). */
  readonly secrets: readonly { readonly version: number; readonly value: string }[] | undefined;
  /** Lifetime of access tokens (JWTs) in seconds. */
  readonly accessTokenTtlSeconds: number;
  /** Most access tokens the verifier remembers as verified (0: every call checks the signature). */
  readonly accessTokenCacheMaxEntries: number;
  /** Signing keys and how long their public halves are trusted. */
  readonly jwks: {
    /** A signing key is replaced after this many seconds (`null`: never). */
    readonly rotationIntervalSeconds: number | null;
    /** A replaced key stays in the published key set, verifying the tokens it signed, this long. */
    readonly gracePeriodSeconds: number;
    /** Minimum time between two key-set reloads triggered by an unknown `kid`. */
    readonly refreshCooldownSeconds: number;
    /** A verifier reloads its cached key set when it is older than this, so retired keys drop out. */
    readonly cacheMaxAgeSeconds: number;
  };
  /** Length bounds, and the zxcvbn score (0..4) a new password must reach (src/server/password-strength.ts). */
  readonly password: { readonly minLength: number; readonly maxLength: number; readonly minStrength: number };
  /** Limits procedures enforce (handed to them through the tRPC context). */
  readonly limits: AppLimits;
  /** Limits the API's HTTP handler and rate limiter enforce. */
  readonly api: ApiLimits;
  /** Proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`); empty: the socket's peer is the client. */
  readonly trustedProxies: readonly string[];
  /** Pages `npm start` renders at once; more wait their turn (memory stays flat under load). */
  readonly pageRenderConcurrency: number;
  /** Live sync (`sync.changes`). */
  readonly sync: {
    /** How long the change log keeps a change; a resume from before that gets `resync`. */
    readonly retentionSeconds: number;
    /** Open streams one user may have on one instance; one more is TOO_MANY_REQUESTS. */
    readonly maxStreamsPerUser: number;
    /** How long a woken stream waits before reading the log, so a burst of changes is read (and checked) once. */
    readonly coalesceMs: number;
  };
  /** Outgoing mail (src/server/mail): password reset and email verification links. */
  readonly mail: MailConfig;
  /** Password reset by mail. */
  readonly passwordReset: {
    /** How long a reset link is valid. */
    readonly ttlSeconds: number;
    /**
     * The least time a reset request takes to answer: a known address (a row written, a mail handed over)
     * and an unknown one (a read) then answer alike in time too, not only in content.
     */
    readonly minResponseMs: number;
  };
  /**
   * Proof of the address (`EMAIL_VERIFICATION`): `off`; `optional` (a link on sign-up, a banner until it is
   * followed); `required` (no access token, so no API, before it is). Needs mail: without any it is `off`.
   */
  readonly emailVerification: { readonly mode: "off" | "optional" | "required"; readonly ttlSeconds: number };
  /** Two-factor sign-in (TOTP, Better Auth's plugin). */
  readonly twoFactor: {
    /** How long "trust this device" skips the code on that browser. */
    readonly trustDeviceDays: number;
    /** How long the second step of a sign-in may take before the password must be given again. */
    readonly challengeSeconds: number;
  };
  /** Better Auth's own limiter for `/api/auth/*` (per client IP). */
  readonly authRateLimit: {
    readonly enabled: boolean;
    readonly windowSeconds: number;
    readonly max: number;
    /** Stricter limit for sign-in and sign-up, per window. */
    readonly signInMax: number;
  };
}

/** Where mail goes: an SMTP server, the development outbox, or nowhere (features that need mail are off). */
export interface MailConfig {
  /**
   * `smtp`: `SMTP_URL` is set. `outbox`: development and tests without it: mails are kept in memory, shown
   * at `/dev/mail` and their links printed to the log. `none`: production without it: nothing is sent and
   * the pages say that reset and verification are unavailable.
   */
  readonly transport: "smtp" | "outbox" | "none";
  /** `smtp://user:pass@host:587` or `smtps://…:465` (nodemailer's URL form), when `transport` is `smtp`. */
  readonly smtpUrl: string | null;
  /** The From address (`MAIL_FROM`), e.g. `Tasks <tasks@example.com>`. */
  readonly from: string;
  /** Tries per mail before it is given up (and logged as lost). */
  readonly sendAttempts: number;
  /** Wait before the second try; doubled for each one after. */
  readonly retryDelayMs: number;
  /** Link mails (reset, verification) one address may be asked for per `perAddressWindowSeconds`, when auth rate limits are on. */
  readonly perAddressMax: number;
  readonly perAddressWindowSeconds: number;
}

/** Limits the API enforces, as procedures see them. */
export interface AppLimits {
  /** How long a deleted task can be restored (`task.restore`), in seconds. */
  readonly taskUndoWindowSeconds: number;
  /** How many tasks one user may have. */
  readonly taskQuotaPerUser: number;
  /** How many lists one user may have. */
  readonly listQuotaPerUser: number;
  /** Most tasks one `task.import` may carry (the request body cap, `API_MAX_BODY_BYTES`, also applies). */
  readonly taskImportMax: number;
  /** How many subtasks one task may have. */
  readonly subtasksPerTaskMax: number;
  /** How many labels one user may have. */
  readonly labelQuotaPerUser: number;
  /** How many labels one task may carry. */
  readonly labelsPerTaskMax: number;
  /** The longest repeat rule (RRULE) a task may have, in characters. */
  readonly repeatRuleMaxLength: number;
}

/** Limits on the tRPC API's HTTP requests (OWASP API4: unrestricted resource consumption). */
export interface ApiLimits {
  /** Larger request bodies are refused with 413 before they are parsed. */
  readonly maxBodyBytes: number;
  /** Most procedure calls one batched request may carry. */
  readonly maxBatchSize: number;
  /** Per-user and per-IP rate limits (procedure calls per window); `null` when off. */
  readonly rateLimit: { readonly windowSeconds: number; readonly perUser: number; readonly perIp: number } | null;
}

/** Raised when the environment does not describe a runnable app; the message lists every problem. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Shortest secret accepted: 32 characters, as `openssl rand -base64 32` gives 44. */
export const MIN_SECRET_LENGTH = 32;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const secretSchema = z
  .string()
  .min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters (generate one with: openssl rand -base64 32)`);

const versionedSecretsSchema = z
  .string()
  .transform((raw, ctx) => {
    const entries = raw.split(",").map((part) => {
      const [version, ...rest] = part.trim().split(":");
      return { version: Number(version), value: rest.join(":") };
    });
    for (const entry of entries) {
      if (!Number.isInteger(entry.version) || entry.version < 1) {
        ctx.addIssue({ code: "custom", message: 'entries must look like "2:secret,1:old-secret"' });
        return z.NEVER;
      }
      if (entry.value.length < MIN_SECRET_LENGTH) {
        ctx.addIssue({ code: "custom", message: `version ${entry.version} must be at least ${MIN_SECRET_LENGTH} characters` });
        return z.NEVER;
      }
    }
    return entries;
  });

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    BETTER_AUTH_SECRET: secretSchema.optional(),
    BETTER_AUTH_SECRETS: versionedSecretsSchema.optional(),
    BETTER_AUTH_URL: z.url({ protocol: /^https?$/, message: "must be an http(s) URL such as http://localhost:3000" }).optional(),
    /** The port the server listens on; `next dev -p` and `npm start -- --port` set it. */
    PORT: int(1, 65_535).optional(),
    DATABASE_URL: z
      .string()
      .default("./data/app.db")
      .refine((url) => !isPostgresUrl(url) || URL.canParse(url), "must be a valid postgres:// URL, or a SQLite path"),
    DATABASE_POOL_MAX: int(2, 1_000).default(10),
    DATABASE_BUSY_TIMEOUT_MS: int(0, 600_000).default(5_000),
    ACCESS_TOKEN_TTL_SECONDS: int(10, 86_400).default(900),
    ACCESS_TOKEN_CACHE_MAX_ENTRIES: int(0, 1_000_000).default(10_000),
    JWKS_REFRESH_COOLDOWN_SECONDS: int(0, 3_600).default(30),
    JWKS_ROTATION_INTERVAL_SECONDS: int(0, 31_536_000).default(2_592_000),
    JWKS_GRACE_PERIOD_SECONDS: int(10, 31_536_000).default(86_400),
    JWKS_CACHE_MAX_AGE_SECONDS: int(1, 86_400).default(300),
    TASK_UNDO_WINDOW_SECONDS: int(0, 86_400).default(60),
    TASK_QUOTA_PER_USER: int(1, 10_000_000).default(10_000),
    LIST_QUOTA_PER_USER: int(1, 100_000).default(100),
    TASK_IMPORT_MAX: int(1, IMPORT_TASKS_HARD_MAX).default(1_000),
    SUBTASKS_PER_TASK_MAX: int(1, SUBTASKS_HARD_MAX).default(100),
    LABEL_QUOTA_PER_USER: int(1, 10_000).default(200),
    LABELS_PER_TASK_MAX: int(1, LABEL_LIMITS.perTaskHardMax).default(20),
    REPEAT_RULE_MAX_LENGTH: int(10, REPEAT_RULE_HARD_MAX).default(200),
    API_MAX_BODY_BYTES: int(1_024, 100 * 1_048_576).default(262_144),
    API_MAX_BATCH_SIZE: int(1, 1_000).default(20),
    API_RATE_LIMIT_ENABLED: flag.optional(),
    API_RATE_LIMIT_WINDOW_SECONDS: int(1, 86_400).default(60),
    API_RATE_LIMIT_PER_USER: int(1, 100_000_000).default(300),
    API_RATE_LIMIT_PER_IP: int(1, 100_000_000).default(1_000),
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform((raw) => raw.split(",").map((entry) => entry.trim()).filter(Boolean))
      .superRefine((entries, ctx) => {
        try {
          proxyaddr.compile(entries);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: `${(error as Error).message} (use addresses, CIDR ranges, loopback, linklocal or uniquelocal)` });
        }
      }),
    PAGE_RENDER_CONCURRENCY: int(1, 1_000).default(4),
    SYNC_RETENTION_SECONDS: int(60, 31_536_000).default(86_400),
    SYNC_MAX_STREAMS_PER_USER: int(1, 1_000).default(10),
    SYNC_COALESCE_MS: int(0, 1_000).default(5),
    PASSWORD_MIN_LENGTH: int(8, 128).default(12),
    PASSWORD_MAX_LENGTH: int(8, 1_024).default(128),
    PASSWORD_MIN_STRENGTH: int(0, 4).default(3),
    SMTP_URL: z
      .url({ protocol: /^smtps?$/, message: "must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.com:587" })
      .optional(),
    MAIL_FROM: z
      .string()
      .regex(/^(?:[^\r\n<>"]+ <[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'must be an address such as tasks@example.com or "Tasks <tasks@example.com>"')
      .optional(),
    MAIL_SEND_ATTEMPTS: int(1, 10).default(3),
    MAIL_RETRY_DELAY_MS: int(0, 600_000).default(2_000),
    PASSWORD_RESET_TTL_SECONDS: int(60, 86_400).default(3_600),
    PASSWORD_RESET_MIN_RESPONSE_MS: int(0, 5_000).default(250),
    MAIL_PER_ADDRESS_MAX: int(1, 1_000).default(5),
    MAIL_PER_ADDRESS_WINDOW_SECONDS: int(1, 86_400).default(3_600),
    EMAIL_VERIFICATION: z.enum(["off", "optional", "required"]).default("optional"),
    EMAIL_VERIFICATION_TTL_SECONDS: int(60, 604_800).default(86_400),
    TWO_FACTOR_TRUST_DEVICE_DAYS: int(1, 365).default(30),
    TWO_FACTOR_CHALLENGE_SECONDS: int(60, 3_600).default(600),
    AUTH_RATE_LIMIT_ENABLED: flag.optional(),
    AUTH_RATE_LIMIT_WINDOW_SECONDS: int(1, 86_400).default(60),
    AUTH_RATE_LIMIT_MAX: int(1, 1_000_000).default(100),
    AUTH_SIGN_IN_RATE_LIMIT_MAX: int(1, 1_000_000).default(5),
  })
  .superRefine((env, ctx) => {
    if (!env.BETTER_AUTH_SECRET && !env.BETTER_AUTH_SECRETS) {
      ctx.addIssue({
        code: "custom",
        path: ["BETTER_AUTH_SECRET"],
        message: "is required (generate one with: openssl rand -base64 32; `npm run dev` creates one in .env.local)",
      });
    }
    if (env.JWKS_GRACE_PERIOD_SECONDS < env.ACCESS_TOKEN_TTL_SECONDS) {
      ctx.addIssue({
        code: "custom",
        path: ["JWKS_GRACE_PERIOD_SECONDS"],
        message: "must be at least ACCESS_TOKEN_TTL_SECONDS, or tokens signed just before a rotation are refused before they expire",
      });
    }
    if (env.EMAIL_VERIFICATION === "required" && !env.SMTP_URL && env.NODE_ENV === "production") {
      ctx.addIssue({
        code: "custom",
        path: ["EMAIL_VERIFICATION"],
        message: "cannot be required without SMTP_URL: without mail nobody could confirm an address, so nobody could use the API",
      });
    }
    if (env.PASSWORD_MIN_LENGTH > env.PASSWORD_MAX_LENGTH) {
      ctx.addIssue({ code: "custom", path: ["PASSWORD_MIN_LENGTH"], message: "must not exceed PASSWORD_MAX_LENGTH" });
    }
  });

/** Loopback names a dev server answers to; a browser on the developer's machine may use any of them. */
const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/**
 * `baseUrl` and the loopback origins of the dev server's ports (BETTER_AUTH_URL's and the one it really
 * listens on): a page served by `next dev` on this machine may sign in, a foreign origin still may not.
 */
function developmentOrigins(baseUrl: string, port: number | undefined): string[] {
  const ports = new Set([new URL(baseUrl).port || "80", ...(port ? [String(port)] : [])]);
  return [...new Set([baseUrl, ...[...ports].flatMap((p) => LOOPBACK_HOSTS.map((host) => `http://${host}:${p}`))])];
}

/** The variables `loadConfig` reads; anything else in the environment is ignored. */
export type ConfigEnv = Partial<Record<keyof z.input<typeof envSchema>, string>>;

/**
 * Validates the environment and returns a frozen {@link AppConfig}.
 *
 * Empty strings count as unset, so a blank line in `.env` falls back to the default.
 *
 * @throws {ConfigError} listing every invalid or missing variable.
 * @example const config = loadConfig(process.env);
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join(".") || "environment"} ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const secrets = e.BETTER_AUTH_SECRETS?.toSorted((a, b) => b.version - a.version);
  const development = e.NODE_ENV === "development";
  // Unset in development: the dev server's own origin. Elsewhere the documented default.
  const baseUrl = new URL(e.BETTER_AUTH_URL ?? `http://localhost:${development && e.PORT ? e.PORT : 3000}`).origin;
  const mailTransport: MailConfig["transport"] = e.SMTP_URL ? "smtp" : e.NODE_ENV === "production" ? "none" : "outbox";
  return Object.freeze({
    nodeEnv: e.NODE_ENV,
    baseUrl,
    trustedOrigins: development ? developmentOrigins(baseUrl, e.PORT) : [baseUrl],
    databaseUrl: e.DATABASE_URL,
    databaseDialect: isPostgresUrl(e.DATABASE_URL) ? "postgres" : "sqlite",
    databasePoolMax: e.DATABASE_POOL_MAX,
    databaseBusyTimeoutMs: e.DATABASE_BUSY_TIMEOUT_MS,
    // Better Auth uses `secret` only to decrypt data written before versioned secrets were enabled.
    secret: e.BETTER_AUTH_SECRET ?? secrets![0]!.value,
    secrets,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    accessTokenCacheMaxEntries: e.ACCESS_TOKEN_CACHE_MAX_ENTRIES,
    jwks: {
      rotationIntervalSeconds: e.JWKS_ROTATION_INTERVAL_SECONDS || null,
      gracePeriodSeconds: e.JWKS_GRACE_PERIOD_SECONDS,
      refreshCooldownSeconds: e.JWKS_REFRESH_COOLDOWN_SECONDS,
      cacheMaxAgeSeconds: e.JWKS_CACHE_MAX_AGE_SECONDS,
    },
    password: { minLength: e.PASSWORD_MIN_LENGTH, maxLength: e.PASSWORD_MAX_LENGTH, minStrength: e.PASSWORD_MIN_STRENGTH },
    trustedProxies: e.TRUSTED_PROXIES,
    pageRenderConcurrency: e.PAGE_RENDER_CONCURRENCY,
    limits: {
      taskUndoWindowSeconds: e.TASK_UNDO_WINDOW_SECONDS,
      taskQuotaPerUser: e.TASK_QUOTA_PER_USER,
      listQuotaPerUser: e.LIST_QUOTA_PER_USER,
      taskImportMax: e.TASK_IMPORT_MAX,
      subtasksPerTaskMax: e.SUBTASKS_PER_TASK_MAX,
      labelQuotaPerUser: e.LABEL_QUOTA_PER_USER,
      labelsPerTaskMax: e.LABELS_PER_TASK_MAX,
      repeatRuleMaxLength: e.REPEAT_RULE_MAX_LENGTH,
    },
    api: {
      maxBodyBytes: e.API_MAX_BODY_BYTES,
      maxBatchSize: e.API_MAX_BATCH_SIZE,
      rateLimit:
        (e.API_RATE_LIMIT_ENABLED ?? e.NODE_ENV === "production")
          ? { windowSeconds: e.API_RATE_LIMIT_WINDOW_SECONDS, perUser: e.API_RATE_LIMIT_PER_USER, perIp: e.API_RATE_LIMIT_PER_IP }
          : null,
    },
    sync: {
      retentionSeconds: e.SYNC_RETENTION_SECONDS,
      maxStreamsPerUser: e.SYNC_MAX_STREAMS_PER_USER,
      coalesceMs: e.SYNC_COALESCE_MS,
    },
    mail: {
      transport: mailTransport,
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM ?? `Tasks <no-reply@${new URL(baseUrl).hostname}>`,
      sendAttempts: e.MAIL_SEND_ATTEMPTS,
      retryDelayMs: e.MAIL_RETRY_DELAY_MS,
      perAddressMax: e.MAIL_PER_ADDRESS_MAX,
      perAddressWindowSeconds: e.MAIL_PER_ADDRESS_WINDOW_SECONDS,
    },
    passwordReset: { ttlSeconds: e.PASSWORD_RESET_TTL_SECONDS, minResponseMs: e.PASSWORD_RESET_MIN_RESPONSE_MS },
    emailVerification: { mode: mailTransport === "none" ? "off" : e.EMAIL_VERIFICATION, ttlSeconds: e.EMAIL_VERIFICATION_TTL_SECONDS },
    twoFactor: { trustDeviceDays: e.TWO_FACTOR_TRUST_DEVICE_DAYS, challengeSeconds: e.TWO_FACTOR_CHALLENGE_SECONDS },
    authRateLimit: {
      enabled: e.AUTH_RATE_LIMIT_ENABLED ?? e.NODE_ENV === "production",
      windowSeconds: e.AUTH_RATE_LIMIT_WINDOW_SECONDS,
      max: e.AUTH_RATE_LIMIT_MAX,
      signInMax: e.AUTH_SIGN_IN_RATE_LIMIT_MAX,
    },
  });
}
