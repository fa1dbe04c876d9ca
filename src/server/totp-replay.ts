import { APIError, getSessionFromCtx } from "better-auth/api";
import type { GenericEndpointContext } from "better-auth";
import { TOTP_PERIOD_SECONDS } from "./two-factor-code";

/** Endpoints that accept an authenticator code (`code`), whose use is recorded so it cannot be replayed. */
export const TOTP_PATHS = new Set(["/two-factor/verify-totp", "/two-factor/disable"]);

/**
 * A used code stays refused for the whole time it would otherwise be accepted: its own 30 s step and the
 * step either side that the verifier allows for clock drift.
 */
const USED_FOR_SECONDS = 3 * TOTP_PERIOD_SECONDS;

const usedCode = (userId: string, code: string) => `totp-used:${userId}:${code}`;

/** The 6-digit code of a request to a {@link TOTP_PATHS} endpoint, if it carries one (a backup code is single-use by itself). */
function totpOf(ctx: GenericEndpointContext): string | null {
  const code = (ctx.body as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && /^\d{6}$/.test(code.trim()) ? code.trim() : null;
}

/** Whose code it is: the signed-in user's, or, in a sign-in's second step, the user its signed `two_factor` cookie names. */
async function codeOwner(ctx: GenericEndpointContext): Promise<string | null> {
  const session = await getSessionFromCtx(ctx).catch(() => null);
  if (session) return session.user.id;
  const pending = await ctx.getSignedCookie(ctx.context.createAuthCookie("two_factor").name, ctx.context.secret);
  if (!pending) return null;
  const verification = await ctx.context.internalAdapter.findVerificationValue(pending);
  return verification && verification.expiresAt > new Date() ? verification.value : null;
}

/**
 * Before a code is checked: a code this user already used is refused (RFC 6238 section 5.2, OWASP ASVS 5
 * V6.5.1), as a wrong one would be, so a code seen over a shoulder or phished is worth nothing once used.
 */
export async function refuseReplayedCode(ctx: GenericEndpointContext): Promise<void> {
  const code = totpOf(ctx);
  const owner = code && (await codeOwner(ctx));
  if (!code || !owner) return;
  const used = await ctx.context.internalAdapter.findVerificationValue(usedCode(owner, code));
  if (used && used.expiresAt > new Date()) {
    const status = ctx.path === "/two-factor/disable" ? "BAD_REQUEST" : "UNAUTHORIZED";
    throw new APIError(status, { message: "This code was used already: wait for the next one", code: "INVALID_CODE" });
  }
}

/** After a code was accepted: remembered as used for as long as it would be valid. */
export async function rememberUsedCode(ctx: GenericEndpointContext): Promise<void> {
  const code = totpOf(ctx);
  // Hooks see the endpoint's answer as `returned` (an APIError when it refused the code).
  if (!code || (ctx.context as { returned?: unknown }).returned instanceof Error) return;
  const owner = ctx.context.newSession?.user.id ?? (await getSessionFromCtx(ctx).catch(() => null))?.user.id;
  if (!owner) return;
  await ctx.context.internalAdapter.createVerificationValue({
    identifier: usedCode(owner, code),
    value: owner,
    expiresAt: new Date(Date.now() + USED_FOR_SECONDS * 1000),
  });
}
