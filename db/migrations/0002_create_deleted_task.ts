import { type Kysely, type Migration } from "kysely";
import { inTransaction } from "../in-transaction";

/** Recently deleted tasks, kept for a short while so a delete can be undone with nothing lost. */
export const createDeletedTask: Migration = {
  async up(db: Kysely<unknown>) {
    await inTransaction(db, async (trx) => {
      await trx.schema
        .createTable("deleted_task")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("user_id", "text", (col) => col.notNull().references("user.id").onDelete("cascade"))
        .addColumn("title", "text", (col) => col.notNull())
        .addColumn("notes", "text")
        .addColumn("completed", "integer", (col) => col.notNull())
        .addColumn("priority", "integer", (col) => col.notNull())
        .addColumn("due_date", "text")
        .addColumn("created_at", "text", (col) => col.notNull())
        .addColumn("updated_at", "text", (col) => col.notNull())
        .addColumn("completed_at", "text")
        .addColumn("deleted_at", "text", (col) => col.notNull())
        .execute();
      await trx.schema.createIndex("deleted_task_user_deleted_idx").on("deleted_task").columns(["user_id", "deleted_at"]).execute();
    });
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("deleted_task").execute();
  },
};
