import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint, sensitiveSessionMiddleware } from "better-auth/api";
import { z } from "zod";

/** What a password is checked with: Better Auth's context (its adapter and hasher). */
interface PasswordContext {
  internalAdapter: { findAccounts(userId: string): Promise<{ providerId: string; password?: string | null }[]> };
  password: { verify(data: { hash: string; password: string }): Promise<boolean> };
}

/** Whether `password` is the one of `userId`'s email + password account. */
export async function passwordMatches(context: PasswordContext, userId: string, password: string): Promise<boolean> {
  const accounts = await context.internalAdapter.findAccounts(userId);
  const hash = accounts.find((account) => account.providerId === "credential")?.password;
  return Boolean(hash) && (await context.password.verify({ hash: hash!, password }));
}

/** The refusal of a wrong password, as Better Auth's own endpoints answer it. */
export const invalidPassword = () => new APIError("BAD_REQUEST", { message: "Invalid password", code: "INVALID_PASSWORD" });

/**
 * `POST /api/auth/check-password { password }`: whether the signed-in user's password is this one, so a
 * page can check it before asking "are you sure?" (deleting the account). Better Auth's own
 * `/verify-password` is server-only; this is the same check, for the session's own user, under the
 * sign-in rate limit (auth.ts), answering 400 `INVALID_PASSWORD` like the endpoints that use it.
 */
export function passwordCheck(): BetterAuthPlugin {
  return {
    id: "password-check",
    endpoints: {
      checkPassword: createAuthEndpoint(
        "/check-password",
        { method: "POST", body: z.object({ password: z.string().min(1).max(1_024) }), use: [sensitiveSessionMiddleware] },
        async (ctx) => {
          if (!(await passwordMatches(ctx.context, ctx.context.session.user.id, ctx.body.password))) throw invalidPassword();
          return ctx.json({ status: true });
        },
      ),
    },
  };
}
