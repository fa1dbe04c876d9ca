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
  return migrateAppTables(db);
}
