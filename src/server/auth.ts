import { betterAuth } from "better-auth";
import { jwt, twoFactor } from "better-auth/plugins";
import { APP_NAME } from "./app-name";
import { createAuthRules } from "./auth-rules";
import type { Db } from "./db";
import type { AppConfig } from "./env";
import type { Mailer } from "./mail/mailer";
import { passwordResetMail, verificationMail } from "./mail/messages";
import { passwordCheck } from "./password-check";
import type { RateLimitResult } from "./rate-limit";

export { APP_NAME } from "./app-name";

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
    hooks: createAuthRules({ config, limitMailTo }),
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

/** The Better Auth instance type the app is built with. */
export type Auth = ReturnType<typeof createAuth>;
