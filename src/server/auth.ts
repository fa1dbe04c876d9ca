import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { jwt } from "better-auth/plugins";
import { LINE_CONTROLS } from "@/shared/text";
import { isCommonPassword } from "./common-passwords";
import { passwordCheck } from "./password-check";
import { contextWords, passwordWeakness } from "./password-strength";

/** The app's name: in mails and pages, and a word no password may be built from. */
export const APP_NAME = "Tasks";
import type { Db } from "./db";
import type { AppConfig } from "./env";

/** Better Auth endpoints that set a new password (in `newPassword`). */
const NEW_PASSWORD_PATHS = new Set(["/change-password", "/reset-password", "/set-password"]);

/** What the auth factory needs: the app's own database handle and its configuration. */
export interface AuthDeps {
  db: Db;
  config: AppConfig;
  /** After a session ends (sign-out, revoked on the account page, the account deleted): its live streams end. */
  onSessionEnded?: (session: { id: string; userId: string }) => Promise<void>;
}

/**
 * Builds the Better Auth instance: email + password sign-in, cookie sessions, and the `jwt` plugin
 * that issues short-lived EdDSA access tokens at `GET /api/auth/token` with public keys at
 * `GET /api/auth/jwks`.
 *
 * @example const auth = createAuth({ db, config }); await auth.handler(request);
 */
export function createAuth({ db, config, onSessionEnded }: AuthDeps) {
  const { authRateLimit: limit } = config;
  return betterAuth({
    appName: APP_NAME,
    baseURL: config.baseUrl,
    secret: config.secret,
    secrets: config.secrets?.map((s) => ({ ...s })),
    // Auth and tasks share one Kysely instance: one SQLite writer per process, or one PostgreSQL pool.
    database: { db, type: config.databaseDialect },
    trustedOrigins: [...config.trustedOrigins],
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      minPasswordLength: config.password.minLength,
      maxPasswordLength: config.password.maxLength,
    },
    // Deleting an account always asks for the password (Better Auth would also accept a fresh session).
    user: { deleteUser: { enabled: true } },
    databaseHooks: {
      session: {
        delete: {
          after: async (session) => {
            // A failure here must not fail the sign-out: the streams find out at their next check anyway.
            await onSessionEnded?.(session).catch((error: unknown) => console.error("[auth] could not announce an ended session:", error));
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const body = ctx.body as { password?: unknown; newPassword?: unknown; currentPassword?: unknown; name?: unknown; email?: unknown } | undefined;
        // A name reaches other screens and terminals (`tasks whoami`): no control characters (src/shared/text.ts).
        if ((ctx.path === "/sign-up/email" || ctx.path === "/update-user") && typeof body?.name === "string" && LINE_CONTROLS.test(body.name)) {
          throw new APIError("BAD_REQUEST", { message: "Name must not contain control characters", code: "INVALID_NAME" });
        }
        if (ctx.path === "/delete-user" && (typeof body?.password !== "string" || body.password === "")) {
          throw new APIError("BAD_REQUEST", { message: "Enter your password to delete your account", code: "PASSWORD_REQUIRED" });
        }
        // Every way a password is chosen: the new one must not be on the common-password list.
        const chosen = ctx.path === "/sign-up/email" ? body?.password : NEW_PASSWORD_PATHS.has(ctx.path) ? body?.newPassword : undefined;
        // Outside the length bounds Better Auth refuses it with its own message (and nothing long is estimated).
        if (typeof chosen !== "string" || chosen.length < config.password.minLength || chosen.length > config.password.maxLength) return;
        if (await isCommonPassword(chosen)) {
          throw new APIError("BAD_REQUEST", { message: "This password is too common: choose another", code: "PASSWORD_TOO_COMMON" });
        }
        if (ctx.path === "/change-password" && chosen === body?.currentPassword) {
          throw new APIError("BAD_REQUEST", { message: "The new password must differ from the current one", code: "PASSWORD_UNCHANGED" });
        }
        // Not built from what an attacker knows first: the email, the name, the app's name.
        const user = ctx.path === "/sign-up/email" ? { email: body?.email, name: body?.name } : (await getSessionFromCtx(ctx).catch(() => null))?.user;
        const context = contextWords(APP_NAME, typeof user?.email === "string" ? user.email : null, typeof user?.name === "string" ? user.name : null);
        const weakness = await passwordWeakness(chosen, context, config.password.minStrength);
        if (weakness) throw new APIError("BAD_REQUEST", { message: weakness, code: "PASSWORD_TOO_WEAK" });
      }),
    },
    rateLimit: {
      enabled: limit.enabled,
      // On PostgreSQL, several instances serve one app: their counts must be one (the `rateLimit` table).
      storage: config.databaseDialect === "postgres" ? "database" : "memory",
      window: limit.windowSeconds,
      max: limit.max,
      customRules: {
        "/sign-in/*": { window: limit.windowSeconds, max: limit.signInMax },
        "/sign-up/*": { window: limit.windowSeconds, max: limit.signInMax },
        // A password guess like a sign-in (src/server/password-check.ts).
        "/check-password": { window: limit.windowSeconds, max: limit.signInMax },
      },
    },
    plugins: [
      passwordCheck(),
      jwt({
        jwks: {
          keyPairConfig: { alg: "EdDSA", crv: "Ed25519" },
          // A key signs for rotationInterval, then a new one is made on the next token; the old one stays
          // published (and verifying) for gracePeriod, which the configuration keeps >= the token lifetime.
          rotationInterval: config.jwks.rotationIntervalSeconds ?? undefined,
          gracePeriod: config.jwks.gracePeriodSeconds,
        },
        jwt: {
          // The default issuer and audience are derived from baseURL; pin them so the verifier agrees.
          issuer: config.baseUrl,
          audience: config.baseUrl,
          expirationTime: `${config.accessTokenTtlSeconds}s`,
          // The default payload is the whole user row; clients need only who they are. `sid` (the session,
          // as in OpenID Connect) lets the API refuse a token whose session was signed out or revoked.
          definePayload: ({ user, session }) => ({ email: user.email, name: user.name, sid: session.id }),
        },
        // Clients fetch tokens from /token; signing one on every get-session call halves its throughput.
        disableSettingJwtHeader: true,
      }),
    ],
  });
}

/** The Better Auth instance type the app is built with. */
export type Auth = ReturnType<typeof createAuth>;
