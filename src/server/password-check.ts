import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint, sensitiveSessionMiddleware } from "better-auth/api";
import { z } from "zod";

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
          const accounts = await ctx.context.internalAdapter.findAccounts(ctx.context.session.user.id);
          const hash = accounts.find((account) => account.providerId === "credential")?.password;
          if (!hash || !(await ctx.context.password.verify({ hash, password: ctx.body.password }))) {
            throw new APIError("BAD_REQUEST", { message: "Invalid password", code: "INVALID_PASSWORD" });
          }
          return ctx.json({ status: true });
        },
      ),
    },
  };
}
