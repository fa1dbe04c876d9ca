import { type Kysely, type Migration } from "kysely";
import { inTransaction } from "../in-transaction";

/**
 * The API's shared rate-limit counters (rate-limiter-flexible's layout), used on PostgreSQL where several
 * instances must spend one budget; SQLite instances count in memory and leave it empty.
 */
export const createApiRateLimit: Migration = {
  async up(db: Kysely<unknown>) {
    await inTransaction(db, async (trx) => {
      await trx.schema
        .createTable("api_rate_limit")
        .addColumn("key", "varchar(255)", (col) => col.primaryKey())
        .addColumn("points", "integer", (col) => col.notNull().defaultTo(0))
        .addColumn("expire", "bigint")
        .execute();
    });
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("api_rate_limit").execute();
  },
};
