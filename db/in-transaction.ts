import type { Kysely, Transaction } from "kysely";

/**
 * Runs `fn` in a transaction unless `db` already is one.
 *
 * Kysely's migrator wraps migrations in a transaction only where DDL is transactional (PostgreSQL),
 * not on SQLite; wrapping each migration body here makes a failed migration leave nothing behind on both.
 */
export async function inTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB> | Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
