import { getMigrations } from "better-auth/db/migration";
import { migrateAppTables } from "@db/migrate";
import type { App } from "./app";

/**
 * Brings the database up to date: Better Auth's tables first (the app's reference `user`), then the
 * app's own migrations. Idempotent, so every start may run it.
 *
 * @returns the names of the app migrations applied by this call.
 */
export async function migrate({ auth, db }: Pick<App, "auth" | "db">): Promise<string[]> {
  const { runMigrations } = await getMigrations(auth.options);
  await runMigrations();
  const applied = await migrateAppTables(db);
  // The first signing key is made now, not by the first token request, where two instances starting
  // on one database would each make their own.
  await auth.api.getJwks();
  return applied;
}
