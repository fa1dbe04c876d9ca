import { sql, type Kysely, type Migration } from "kysely";
import { inTransaction } from "../in-transaction";

/** The `task` table, owned per user, with an index for every per-user access path. */
export const createTask: Migration = {
  async up(db: Kysely<unknown>) {
    await inTransaction(db, async (trx) => {
      await trx.schema
        .createTable("task")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("user_id", "text", (col) => col.notNull().references("user.id").onDelete("cascade"))
        .addColumn("title", "text", (col) => col.notNull())
        .addColumn("notes", "text")
        .addColumn("completed", "integer", (col) => col.notNull().defaultTo(0))
        .addColumn("priority", "integer", (col) => col.notNull().defaultTo(0))
        .addColumn("due_date", "text")
        .addColumn("created_at", "text", (col) => col.notNull())
        .addColumn("updated_at", "text", (col) => col.notNull())
        .addColumn("completed_at", "text")
        .addCheckConstraint("task_completed_check", sql`completed in (0, 1)`)
        .addCheckConstraint("task_priority_check", sql`priority between 0 and 3`)
        .execute();
      // Default order (creation) and keyset pagination.
      await trx.schema.createIndex("task_user_created_idx").on("task").columns(["user_id", "created_at", "id"]).execute();
      // Active / completed filters, counts and toggle-all.
      await trx.schema
        .createIndex("task_user_completed_created_idx")
        .on("task")
        .columns(["user_id", "completed", "created_at", "id"])
        .execute();
      // Due-date order and the overdue count.
      await trx.schema.createIndex("task_user_due_idx").on("task").columns(["user_id", "due_date"]).execute();
    });
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("task").execute();
  },
};
