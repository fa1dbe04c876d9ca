import type { Db } from "./db";

/**
 * Retires the current signing key now, instead of waiting for `JWKS_ROTATION_INTERVAL_SECONDS`
 * (`npm run keys:rotate`; do it when a key may have leaked, or to test rotation).
 *
 * Better Auth signs the next token with a new key. The retired key stays in the published key set
 * for `JWKS_GRACE_PERIOD_SECONDS`, so tokens it already signed verify until they expire; after that it
 * is dropped from `/api/auth/jwks` and from every verifier's cache (within `JWKS_CACHE_MAX_AGE_SECONDS`).
 *
 * @returns how many keys were retired (0 when none was signing).
 */
export async function rotateSigningKey(db: Db, now: Date = new Date()): Promise<number> {
  const at = now.toISOString();
  const result = await db
    .updateTable("jwks")
    .set({ expiresAt: at })
    .where((eb) => eb.or([eb("expiresAt", "is", null), eb("expiresAt", ">", at)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
