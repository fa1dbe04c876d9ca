import { Migrator, PostgresAdapter, sql, type Kysely } from "kysely";
import { migrations } from "./migrations";

/**
 * Applies every pending app migration. Idempotent.
 *
 * On PostgreSQL the migrator's own tables are pinned to the connection's current schema: unpinned,
 * Kysely looks for `kysely_migration` in every schema of the database, takes another schema's for its
 * own (two apps, or two test runs, side by side), and then fails to find it in its `search_path`.
 *
 * @throws the first migration error, after logging which migration failed.
 */
export async function migrateAppTables<DB>(db: Kysely<DB>): Promise<string[]> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const schema = postgres ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((result) => result.status === "Error");
  if (error) {
    throw new Error(`Migration ${failed?.migrationName ?? "(unknown)"} failed`, { cause: error });
  }
  return results.filter((result) => result.status === "Success").map((result) => result.migrationName);
}
