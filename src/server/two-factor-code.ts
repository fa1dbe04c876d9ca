import { symmetricDecrypt, type SecretConfig } from "better-auth/crypto";
import { Secret, TOTP } from "otpauth";

/** What a second-factor code is checked with: Better Auth's context (its adapter and secrets). */
interface TwoFactorContext {
  adapter: { findOne<T>(query: { model: string; where: { field: string; value: string }[] }): Promise<T | null> };
  secretConfig: string | SecretConfig;
}

/** The `twoFactor` row Better Auth's plugin keeps per user: the TOTP secret and the backup codes, both encrypted. */
interface TwoFactorRow {
  secret: string;
  backupCodes: string;
  verified?: boolean | null;
}

/** How the plugin's TOTPs are made (its defaults: RFC 6238, SHA-1, 6 digits, 30 s). */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;

/**
 * Whether `code` is `userId`'s current authenticator code (one step either side, for clock drift) or one
 * of their unused backup codes. Better Auth's own endpoints check codes only while signing in or
 * confirming the setup; this is for the other moments a code is asked for (turning two-factor off).
 */
export async function twoFactorCodeMatches(context: TwoFactorContext, userId: string, code: string): Promise<boolean> {
  const row = await context.adapter.findOne<TwoFactorRow>({ model: "twoFactor", where: [{ field: "userId", value: userId }] });
  if (!row || row.verified === false) return false;
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed)) {
    const secret = await symmetricDecrypt({ key: context.secretConfig, data: row.secret });
    const totp = new TOTP({ secret: Secret.fromUTF8(secret), digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS });
    return totp.validate({ token: trimmed, window: 1 }) !== null;
  }
  const codes = JSON.parse(await symmetricDecrypt({ key: context.secretConfig, data: row.backupCodes })) as unknown;
  return Array.isArray(codes) && codes.includes(trimmed);
}
