import { sql, type Kysely, type Migration } from "kysely";
import { inTransaction } from "../in-transaction";

/**
 * Task lists (projects): `list`, owned per user with names unique per user (ignoring case), and
 * `task.list_id` (null: the Inbox). Deleting a list is the app's job (its tasks move to the Inbox or go
 * with it); the foreign key's `set null` is only a backstop.
 */
export const createList: Migration = {
  async up(db: Kysely<unknown>) {
    await inTransaction(db, async (trx) => {
      await trx.schema
        .createTable("list")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("user_id", "text", (col) => col.notNull().references("user.id").onDelete("cascade"))
        .addColumn("name", "text", (col) => col.notNull())
        .addColumn("created_at", "text", (col) => col.notNull())
        .addColumn("updated_at", "text", (col) => col.notNull())
        .execute();
      await sql`create unique index list_user_name_idx on list (user_id, lower(name))`.execute(trx);
      await trx.schema.createIndex("list_user_created_idx").on("list").columns(["user_id", "created_at", "id"]).execute();

      await trx.schema.alterTable("task").addColumn("list_id", "text", (col) => col.references("list.id").onDelete("set null")).execute();
      await trx.schema.alterTable("deleted_task").addColumn("list_id", "text").execute();
      // A list's tasks in creation order, and its counts.
      await trx.schema.createIndex("task_user_list_created_idx").on("task").columns(["user_id", "list_id", "created_at", "id"]).execute();
    });
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex("task_user_list_created_idx").execute();
    await db.schema.alterTable("deleted_task").dropColumn("list_id").execute();
    await db.schema.alterTable("task").dropColumn("list_id").execute();
    await db.schema.dropTable("list").execute();
  },
};
