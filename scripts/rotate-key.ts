/**
 * `npm run keys:rotate`: retires the current JWT signing key at once; the next token gets a new one.
 * Tokens already issued keep working until they expire (the old key stays published for the grace period).
 */
import { rotateSigningKey } from "../src/server/signing-keys";
import { withApp } from "./with-app";

await withApp("Key rotation failed", async (app) => {
  const retired = await rotateSigningKey(app.db);
  console.log(
    retired > 0
      ? `Retired ${retired} signing key(s); the next token is signed with a new key. Tokens already issued verify for ${app.config.jwks.gracePeriodSeconds} s at most.`
      : "No key was signing; the next token creates one.",
  );
});
