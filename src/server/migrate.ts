import { getMigrations } from "better-auth/db/migration";
import { sql } from "kysely";
import { migrateAppTables } from "@db/migrate";
import type { App } from "./app";

// Any number, as long as it is this app's alone: the PostgreSQL advisory lock migrations take.
const MIGRATION_LOCK = 7_263_001;

/**
 * Brings the database up to date: Better Auth's tables first (the app's reference `user`), then the
 * app's own migrations. Idempotent, so every start may run it. On PostgreSQL, instances starting
 * together take turns (an advisory lock), so two never create the same table at once.
 *
 * @returns the names of the app migrations applied by this call.
 */
export async function migrate({ auth, db, config }: Pick<App, "auth" | "db" | "config">): Promise<string[]> {
  const run = async () => {
    const { runMigrations } = await getMigrations(auth.options);
    await runMigrations();
    const applied = await migrateAppTables(db);
    // The first signing key is made now, not by the first token request, where two instances starting
    // on one database would each make their own.
    await auth.api.getJwks();
    return applied;
  };
  if (config.databaseDialect !== "postgres") return run();
  // The lock belongs to one connection, held while the migrations use others from the pool.
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(connection);
    try {
      return await run();
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(connection);
    }
  });
}
