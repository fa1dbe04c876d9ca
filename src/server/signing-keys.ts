import { symmetricDecrypt } from "better-auth/crypto";
import type { App } from "./app";
import type { Db } from "./db";
import { ConfigError } from "./env";

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

/**
 * The ids of the live signing keys (those Better Auth may still sign with) that the configured secret
 * cannot decrypt. Better Auth finds out only when it signs, so every token request would fail while
 * sign-in still works.
 */
export async function undecryptableSigningKeys({ auth, db }: Pick<App, "auth" | "db">, now: Date = new Date()): Promise<string[]> {
  const { secretConfig } = await auth.$context;
  const at = now.toISOString();
  const live = await db
    .selectFrom("jwks")
    .select(["id", "privateKey"])
    .where((eb) => eb.or([eb("expiresAt", "is", null), eb("expiresAt", ">", at)]))
    .execute();
  const failed: string[] = [];
  for (const key of live) {
    // Stored as Better Auth stores it: the encrypted string, JSON-encoded (a row that is not counts as undecryptable).
    const decrypted = await Promise.resolve()
      .then(() => symmetricDecrypt({ key: secretConfig, data: JSON.parse(key.privateKey) as string }))
      .then(
        () => true,
        () => false,
      );
    if (!decrypted) failed.push(key.id);
  }
  return failed;
}

/**
 * Refuses to serve with a secret that cannot decrypt the live signing keys (`npm run dev`, `npm start`
 * and `npm run db:migrate` call it once the database is migrated): the secret was changed or lost.
 *
 * @throws ConfigError saying how to recover.
 */
export async function assertSigningKeysDecrypt(app: Pick<App, "auth" | "db">): Promise<void> {
  const failed = await undecryptableSigningKeys(app);
  if (failed.length === 0) return;
  throw new ConfigError(
    [
      `The configured secret cannot decrypt the JWT signing key${failed.length > 1 ? "s" : ""} in the database (kid ${failed.join(", ")}), so no access token could be signed.`,
      "BETTER_AUTH_SECRET (or BETTER_AUTH_SECRETS) is not the one the key was made with. Either:",
      "  - put the old secret back; to change it, keep the old one as docs/configuration.md says (\"Rotating the secret\"): BETTER_AUTH_SECRETS=\"2:<new>,1:<old>\";",
      "  - or, if the old secret is lost, run `npm run keys:rotate`: it retires the key (tokens it signed still verify until they expire) and the next token gets a new one. Every user signs in again.",
    ].join("\n"),
  );
}
