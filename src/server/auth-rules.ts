import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { LINE_CONTROLS } from "@/shared/text";
import { isCommonPassword } from "./common-passwords";
import type { AppConfig } from "./env";
import { invalidPassword, passwordMatches } from "./password-check";
import { contextWords, passwordWeakness } from "./password-strength";
import type { RateLimitResult } from "./rate-limit";
import { resetLinkUser } from "./reset-link";
import { rememberUsedCode, refuseReplayedCode, TOTP_PATHS } from "./totp-replay";
import { twoFactorCodeMatches } from "./two-factor-code";
import { APP_NAME } from "./app-name";

/** Better Auth endpoints that set a new password (in `newPassword`). */
const NEW_PASSWORD_PATHS = new Set(["/change-password", "/reset-password", "/set-password"]);

/** Endpoints that mail a link, and the body field naming the address it goes to. */
const MAILING_PATHS: Record<string, "email" | "newEmail"> = {
  "/request-password-reset": "email",
  "/send-verification-email": "email",
  "/change-email": "newEmail",
};

/** Why `/token` refuses a session whose address is not confirmed yet (EMAIL_VERIFICATION=required). */
export const EMAIL_NOT_VERIFIED_MESSAGE = "Confirm your email address first: open the link we mailed you, or send a new one from the app";

/**
 * The app's rules on Better Auth's endpoints, as its `hooks`: what Better Auth does not check itself.
 * Before: names without control characters, the mail limit per address, the password for an email change
 * and an account deletion, a code (never a used one) to turn two-factor off, no token for an unconfirmed
 * address under `EMAIL_VERIFICATION=required`, and the password policy for every new password. After: an
 * accepted authenticator code is remembered, so it cannot be used again.
 */
export function createAuthRules({ config, limitMailTo }: { config: AppConfig; limitMailTo: (address: string) => Promise<RateLimitResult> }) {
  return {
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
  };
}
