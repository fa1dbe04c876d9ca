import { sql, type Kysely, type Migration } from "kysely";
import { inTransaction } from "../in-transaction";

/**
 * `create_key`: the idempotency key a client may send with `task.create`, so a create sent again (a
 * retry, or the next visit sending what a closed tab may already have sent) returns the task it made the
 * first time instead of a second one. Unique per user among live tasks (null: none); deleted tasks keep
 * theirs while they are kept (the undo window), so a late repeat does not bring back a task deleted since.
 */
export const addTaskCreateKey: Migration = {
  async up(db: Kysely<unknown>) {
    await inTransaction(db, async (trx) => {
      for (const table of ["task", "deleted_task"]) await trx.schema.alterTable(table).addColumn("create_key", "text").execute();
      await trx.schema
        .createIndex("task_user_create_key_idx")
        .on("task")
        .columns(["user_id", "create_key"])
        .unique()
        .where(sql.ref("create_key"), "is not", null)
        .execute();
      await trx.schema
        .createIndex("deleted_task_user_create_key_idx")
        .on("deleted_task")
        .columns(["user_id", "create_key"])
        .where(sql.ref("create_key"), "is not", null)
        .execute();
    });
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex("deleted_task_user_create_key_idx").execute();
    await db.schema.dropIndex("task_user_create_key_idx").execute();
    for (const table of ["task", "deleted_task"]) await db.schema.alterTable(table).dropColumn("create_key").execute();
  },
};
