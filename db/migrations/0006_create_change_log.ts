import { type Kysely, type Migration } from "kysely";
import { inTransaction } from "../in-transaction";

/**
 * The per-user change log that `sync.changes` replays and streams (src/server/sync/). Each user's
 * changes are numbered 1, 2, 3… by `sync_cursor.last_seq`, taken in the writing transaction (its row
 * lock orders one user's writers on PostgreSQL), so ids tell nothing about other users' activity.
 */
export const createChangeLog: Migration = {
  async up(db: Kysely<unknown>) {
    await inTransaction(db, async (trx) => {
      await trx.schema
        .createTable("sync_cursor")
        .addColumn("user_id", "text", (col) => col.primaryKey().references("user.id").onDelete("cascade"))
        .addColumn("last_seq", "integer", (col) => col.notNull())
        .execute();
      await trx.schema
        .createTable("change_log")
        .addColumn("user_id", "text", (col) => col.notNull().references("user.id").onDelete("cascade"))
        .addColumn("seq", "integer", (col) => col.notNull())
        .addColumn("event", "text", (col) => col.notNull())
        .addColumn("created_at", "text", (col) => col.notNull())
        .addPrimaryKeyConstraint("change_log_pk", ["user_id", "seq"])
        .execute();
      await trx.schema.createIndex("change_log_user_created_idx").on("change_log").columns(["user_id", "created_at"]).execute();
    });
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("change_log").execute();
    await db.schema.dropTable("sync_cursor").execute();
  },
};
