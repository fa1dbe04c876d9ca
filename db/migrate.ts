import { Migrator, type Kysely } from "kysely";
import { migrations } from "./migrations";

/**
 * Applies every pending app migration. Idempotent.
 *
 * @throws the first migration error, after logging which migration failed.
 */
export async function migrateAppTables<DB>(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((result) => result.status === "Error");
  if (error) {
    throw new Error(`Migration ${failed?.migrationName ?? "(unknown)"} failed`, { cause: error });
  }
  return results.filter((result) => result.status === "Success").map((result) => result.migrationName);
}
