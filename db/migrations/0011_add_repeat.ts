import { type Kysely, type Migration } from "kysely";
import { inTransaction } from "../in-transaction";

/**
 * Recurring tasks: a task's repeat as an RFC 5545 RRULE (`repeat_rule`, null: it does not repeat), counted
 * from the due date or from completion (`repeat_from_done`), in the user's time zone (`repeat_tz`). A
 * completed or skipped occurrence is a `task_occurrence` row (the due date and rule it had, so Undo can put
 * them back) while the task itself moves on to the next due date: one task row, its history beside it. Like
 * subtasks, an occurrence names its task without a foreign key and goes when a deleted task is pruned.
 */
export const addRepeat: Migration = {
  async up(db: Kysely<unknown>) {
    await inTransaction(db, async (trx) => {
      for (const table of ["task", "deleted_task"]) {
        await trx.schema.alterTable(table).addColumn("repeat_rule", "text").execute();
        await trx.schema.alterTable(table).addColumn("repeat_from_done", "integer", (col) => col.notNull().defaultTo(0)).execute();
        await trx.schema.alterTable(table).addColumn("repeat_tz", "text").execute();
      }
      await trx.schema
        .createTable("task_occurrence")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("user_id", "text", (col) => col.notNull().references("user.id").onDelete("cascade"))
        .addColumn("task_id", "text", (col) => col.notNull())
        .addColumn("due_date", "text", (col) => col.notNull())
        .addColumn("due_has_time", "integer", (col) => col.notNull())
        .addColumn("rule", "text", (col) => col.notNull())
        .addColumn("skipped", "integer", (col) => col.notNull().defaultTo(0))
        .addColumn("done_at", "text", (col) => col.notNull())
        .execute();
      await trx.schema.createIndex("task_occurrence_user_task_idx").on("task_occurrence").columns(["user_id", "task_id", "done_at"]).execute();
    });
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("task_occurrence").execute();
    for (const table of ["task", "deleted_task"]) {
      for (const column of ["repeat_rule", "repeat_from_done", "repeat_tz"]) await db.schema.alterTable(table).dropColumn(column).execute();
    }
  },
};
