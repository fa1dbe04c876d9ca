import { type Kysely, type Migration } from "kysely";
import { inTransaction } from "../in-transaction";

/**
 * Subtasks: a task's ordered checklist (one level). A subtask names its task by id without a foreign
 * key, because a deleted task moves to `deleted_task` and back: its subtasks stay where they are and
 * come back with it; they go when the deleted task is pruned. `position` is a fractional index
 * (fractional-indexing), compared as bytes by the repository. The task keeps the checklist's counts
 * (`subtask_count`, `subtask_done`) so `task.list` reads them with the row.
 */
export const createSubtask: Migration = {
  async up(db: Kysely<unknown>) {
    await inTransaction(db, async (trx) => {
      await trx.schema
        .createTable("subtask")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("user_id", "text", (col) => col.notNull().references("user.id").onDelete("cascade"))
        .addColumn("task_id", "text", (col) => col.notNull())
        .addColumn("title", "text", (col) => col.notNull())
        .addColumn("completed", "integer", (col) => col.notNull().defaultTo(0))
        .addColumn("position", "text", (col) => col.notNull())
        .addColumn("created_at", "text", (col) => col.notNull())
        .addColumn("updated_at", "text", (col) => col.notNull())
        .execute();
      await trx.schema.createIndex("subtask_user_task_idx").on("subtask").columns(["user_id", "task_id"]).execute();
      for (const table of ["task", "deleted_task"]) {
        await trx.schema.alterTable(table).addColumn("subtask_count", "integer", (col) => col.notNull().defaultTo(0)).execute();
        await trx.schema.alterTable(table).addColumn("subtask_done", "integer", (col) => col.notNull().defaultTo(0)).execute();
      }
    });
  },
  async down(db: Kysely<unknown>) {
    for (const table of ["task", "deleted_task"]) {
      await db.schema.alterTable(table).dropColumn("subtask_done").execute();
      await db.schema.alterTable(table).dropColumn("subtask_count").execute();
    }
    await db.schema.dropTable("subtask").execute();
  },
};
