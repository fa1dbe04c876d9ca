import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { jwt, twoFactor } from "better-auth/plugins";
import { LINE_CONTROLS } from "@/shared/text";
import { isCommonPassword } from "./common-passwords";
import { invalidPassword, passwordCheck, passwordMatches } from "./password-check";
import { contextWords, passwordWeakness } from "./password-strength";

/** The app's name: in mails and pages, and a word no password may be built from. */
export const APP_NAME = "Tasks";
import type { Db } from "./db";
import type { AppConfig } from "./env";
import type { Mailer } from "./mail/mailer";
import { passwordResetMail, verificationMail } from "./mail/messages";
import type { RateLimitResult } from "./rate-limit";
import { rememberUsedCode, refuseReplayedCode, TOTP_PATHS } from "./totp-replay";
import { twoFactorCodeMatches } from "./two-factor-code";

/** Better Auth endpoints that set a new password (in `newPassword`). */
const NEW_PASSWORD_PATHS = new Set(["/change-password", "/reset-password", "/set-password"]);

/** What the auth factory needs: the app's own database handle and its configuration. */
export interface AuthDeps {
  db: Db;
  config: AppConfig;
  /** Sends the reset (and verification) mails; when it is not `available`, those features are off. */
  mailer: Mailer;
  /** Spends one of the link mails an address may be sent per window (MAIL_PER_ADDRESS_MAX). */
  limitMailTo: (address: string) => Promise<RateLimitResult>;
  /** After a user's session ends (sign-out, revoked, a password reset, the account deleted): its live streams end. */
  onSessionEnded?: (session: { userId: string }) => Promise<void>;
}

/** Where a reset link leads: the app's page, which posts the new password with the token. */
export const RESET_PASSWORD_PATH = "/reset-password";

/** Where a verification link ends (Better Auth verifies, then redirects here, with `?error=` when it could not). */
export const EMAIL_VERIFIED_PATH = "/email-verified";

/** Endpoints that mail a link, and the body field naming the address it goes to. */
const MAILING_PATHS: Record<string, "email" | "newEmail"> = {
  "/request-password-reset": "email",
  "/send-verification-email": "email",
  "/change-email": "newEmail",
};

/** Why `/token` refuses a session whose address is not confirmed yet (EMAIL_VERIFICATION=required). */
export const EMAIL_NOT_VERIFIED_MESSAGE = "Confirm your email address first: open the link we mailed you, or send a new one from the app";

/**
 * Builds the Better Auth instance: email + password sign-in, cookie sessions, and the `jwt` plugin
 * that issues short-lived EdDSA access tokens at `GET /api/auth/token` with public keys at
 * `GET /api/auth/jwks`.
 *
 * @example const auth = createAuth({ db, config }); await auth.handler(request);
 */
export function createAuth({ db, config, mailer, limitMailTo, onSessionEnded }: AuthDeps) {
  const { authRateLimit: limit } = config;
  // A failure here must not fail the sign-out: the streams find out at their next check anyway.
  const announceSessionEnded = (userId: string) =>
    onSessionEnded?.({ userId }).catch((error: unknown) => console.error("[auth] could not announce an ended session:", error));
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
      // Whoever resets the password is the one who has it now: every session (and so every token's `sid`) ends.
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: config.passwordReset.ttlSeconds,
      // Without a way to send mail, Better Auth answers RESET_PASSWORD_DISABLED: nothing pretends to have sent.
      ...(mailer.available && {
        sendResetPassword: async ({ user, token }) => {
          // Not awaited: the answer, and its timing, must not depend on the mail server (nor tell that the account exists).
          void mailer.send(
            passwordResetMail({
              appName: APP_NAME,
              to: user.email,
              name: user.name,
              url: `${config.baseUrl}${RESET_PASSWORD_PATH}?token=${encodeURIComponent(token)}`,
              validForSeconds: config.passwordReset.ttlSeconds,
            }),
          );
        },
      }),
      onPasswordReset: async ({ user }) => announceSessionEnded(user.id),
    },
    ...(config.emailVerification.mode !== "off" && {
      emailVerification: {
        sendOnSignUp: true,
        expiresIn: config.emailVerification.ttlSeconds,
        // A mailed link proves the address, not the person: it does not sign anyone in (two-factor would be skipped).
        autoSignInAfterVerification: false,
        sendVerificationEmail: async ({ user, token }) => {
          // Better Auth's own link, ending on the app's page; not awaited (sign-up must not wait for the mail server).
          const url = `${config.baseUrl}/api/auth/verify-email?token=${encodeURIComponent(token)}&callbackURL=${encodeURIComponent(EMAIL_VERIFIED_PATH)}`;
          void mailer.send(
            verificationMail({
              appName: APP_NAME,
              to: user.email,
              name: user.name,
              url,
              validForSeconds: config.emailVerification.ttlSeconds,
              change: token.length > 0 && isEmailChange(token),
            }),
          );
        },
      },
    }),
    user: {
      // Deleting an account always asks for the password (Better Auth would also accept a fresh session).
      deleteUser: { enabled: true },
      // A confirmed address changes only once the new one is confirmed (its link goes there); an unconfirmed one
      // proves nothing, so it changes at once and the new address gets the verification mail.
      ...(mailer.available && { changeEmail: { enabled: true, updateEmailWithoutVerification: true } }),
    },
    databaseHooks: {
      session: {
        delete: {
          after: async (session) => announceSessionEnded(session.userId),
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
        const mailedField = MAILING_PATHS[ctx.path];
        const mailedTo = mailedField && (body as Record<string, unknown> | undefined)?.[mailedField];
        if (typeof mailedTo === "string") {
          // Per address, whether or not it has an account (so the limit tells nothing): no mail-bombing one inbox.
          const spent = await limitMailTo(mailedTo.trim().toLowerCase());
          if (!spent.ok) {
            throw new APIError(
              "TOO_MANY_REQUESTS",
              { message: "Too many mails to this address: check its inbox (and spam folder), or try again later", code: "TOO_MANY_MAILS" },
              { "Retry-After": String(spent.retryAfterSeconds) },
            );
          }
        }
        if (ctx.path === "/change-email") {
          // Whoever holds a session must not move the account (and its password resets) to their own address.
          const session = await getSessionFromCtx(ctx).catch(() => null);
          if (session && (typeof body?.password !== "string" || !(await passwordMatches(ctx.context, session.user.id, body.password)))) {
            throw body?.password ? invalidPassword() : new APIError("BAD_REQUEST", { message: "Enter your password to change the email address", code: "PASSWORD_REQUIRED" });
          }
        }
        if (TOTP_PATHS.has(ctx.path)) await refuseReplayedCode(ctx);
        if (ctx.path === "/two-factor/disable") {
          // Better Auth asks for the password only; turning the second factor off also takes a code (or a backup code).
          const session = await getSessionFromCtx(ctx).catch(() => null);
          const code = (body as { code?: unknown } | undefined)?.code;
          if (session && (typeof code !== "string" || code.length > 64 || !(await twoFactorCodeMatches(ctx.context, session.user.id, code)))) {
            throw new APIError("BAD_REQUEST", {
              message: typeof code === "string" && code !== "" ? "Invalid code" : "Enter a code from your authenticator app (or a backup code)",
              code: typeof code === "string" && code !== "" ? "INVALID_CODE" : "CODE_REQUIRED",
            });
          }
        }
        if (ctx.path === "/token" && config.emailVerification.mode === "required") {
          const session = await getSessionFromCtx(ctx).catch(() => null);
          if (session && !session.user.emailVerified) throw new APIError("FORBIDDEN", { message: EMAIL_NOT_VERIFIED_MESSAGE, code: "EMAIL_NOT_VERIFIED" });
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
        const user =
          ctx.path === "/sign-up/email"
            ? { email: body?.email, name: body?.name }
            : ctx.path === "/reset-password"
              ? await resetLinkUser(ctx.context.internalAdapter, (body as { token?: unknown }).token)
              : (await getSessionFromCtx(ctx).catch(() => null))?.user;
        const context = contextWords(APP_NAME, typeof user?.email === "string" ? user.email : null, typeof user?.name === "string" ? user.name : null);
        const weakness = await passwordWeakness(chosen, context, config.password.minStrength);
        if (weakness) throw new APIError("BAD_REQUEST", { message: weakness, code: "PASSWORD_TOO_WEAK" });
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (TOTP_PATHS.has(ctx.path)) await rememberUsedCode(ctx);
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
        // Each sends a mail, or tries a reset token (or a password).
        "/request-password-reset": { window: limit.windowSeconds, max: limit.signInMax },
        "/reset-password": { window: limit.windowSeconds, max: limit.signInMax },
        "/send-verification-email": { window: limit.windowSeconds, max: limit.signInMax },
        "/change-email": { window: limit.windowSeconds, max: limit.signInMax },
        // Every code guess (sign-in's second step, enabling, disabling) counts like a password guess.
        "/two-factor/*": { window: limit.windowSeconds, max: limit.signInMax },
      },
    },
    plugins: [
      passwordCheck(),
      // A sign-in with two-factor on ends with no session (so no token from /token) until the code is given.
      twoFactor({
        issuer: APP_NAME,
        trustDeviceMaxAge: config.twoFactor.trustDeviceDays * 86_400,
        twoFactorCookieMaxAge: config.twoFactor.challengeSeconds,
        backupCodeOptions: { amount: 10, length: 10, storeBackupCodes: "encrypted" },
      }),
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

/** Whether a verification token (a JWT Better Auth signs) confirms a new address rather than a new account's. */
function isEmailChange(token: string): boolean {
  try {
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { updateTo?: unknown };
    return typeof payload.updateTo === "string";
  } catch {
    return false;
  }
}

/** The internal adapter's calls a reset link is looked up with. */
interface ResetLinkLookup {
  findVerificationValue(identifier: string): Promise<{ value: string; expiresAt: Date } | null>;
  findUserById(id: string): Promise<{ email: string; name: string } | null>;
}

/** The user a reset token belongs to while it is valid (unused and unexpired), else `null`. */
export async function resetLinkUser(adapter: ResetLinkLookup, token: unknown): Promise<{ email: string; name: string } | null> {
  if (typeof token !== "string" || token === "") return null;
  const verification = await adapter.findVerificationValue(`reset-password:${token}`);
  if (!verification || verification.expiresAt < new Date()) return null;
  return adapter.findUserById(verification.value);
}

/** The Better Auth instance type the app is built with. */
export type Auth = ReturnType<typeof createAuth>;
