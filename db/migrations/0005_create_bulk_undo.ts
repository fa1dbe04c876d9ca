import { type Kysely, type Migration } from "kysely";
import { inTransaction } from "../in-transaction";

/**
 * Undo for the bulk deletes, as for single ones: `deleted_task.batch_id` groups the tasks one
 * "Clear completed" (a new id) or one list deletion (the list's id) removed, and `deleted_list` keeps
 * a deleted list restorable for the same undo window.
 */
export const createBulkUndo: Migration = {
  async up(db: Kysely<unknown>) {
    await inTransaction(db, async (trx) => {
      await trx.schema.alterTable("deleted_task").addColumn("batch_id", "text").execute();
      await trx.schema.createIndex("deleted_task_user_batch_idx").on("deleted_task").columns(["user_id", "batch_id"]).execute();
      await trx.schema
        .createTable("deleted_list")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("user_id", "text", (col) => col.notNull().references("user.id").onDelete("cascade"))
        .addColumn("name", "text", (col) => col.notNull())
        .addColumn("created_at", "text", (col) => col.notNull())
        .addColumn("updated_at", "text", (col) => col.notNull())
        .addColumn("deleted_at", "text", (col) => col.notNull())
        .execute();
      await trx.schema.createIndex("deleted_list_user_deleted_idx").on("deleted_list").columns(["user_id", "deleted_at"]).execute();
    });
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("deleted_list").execute();
    await db.schema.dropIndex("deleted_task_user_batch_idx").execute();
    await db.schema.alterTable("deleted_task").dropColumn("batch_id").execute();
  },
};
