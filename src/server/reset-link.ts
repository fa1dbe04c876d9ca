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
