import type { App } from "../src/server/app";
import { redactDatabaseUrl } from "../src/server/env";
import { migrate } from "../src/server/migrate";
import { assertSigningKeysDecrypt } from "../src/server/signing-keys";

/**
 * What runs before the app serves (`npm run db:migrate`, and so `npm run dev`, and `npm start`): the
 * migrations, then a check that the configured secret decrypts the signing keys.
 *
 * @throws ConfigError when it does not (see assertSigningKeysDecrypt).
 */
export async function prepareDatabase(app: App): Promise<void> {
  const applied = await migrate(app);
  console.log(`Database ready (${redactDatabaseUrl(app.config.databaseUrl)})${applied.length ? `: applied ${applied.join(", ")}` : ""}`);
  await assertSigningKeysDecrypt(app);
}
