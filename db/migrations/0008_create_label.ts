import { sql, type Kysely, type Migration } from "kysely";
import { inTransaction } from "../in-transaction";

/**
 * Labels: `label`, a user's tags with a name (unique per user, ignoring case) and a colour, and
 * `task_label`, which tasks carry which. A link names its task without a foreign key, as subtasks do: it
 * stays while the task sits in `deleted_task` and goes when that is pruned. Deleting a label deletes its
 * links (cascade). `(user_id, label_id, task_id)` serves the label filter and the counts.
 */
export const createLabel: Migration = {
  async up(db: Kysely<unknown>) {
    await inTransaction(db, async (trx) => {
      await trx.schema
        .createTable("label")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("user_id", "text", (col) => col.notNull().references("user.id").onDelete("cascade"))
        .addColumn("name", "text", (col) => col.notNull())
        .addColumn("color", "text", (col) => col.notNull())
        .addColumn("created_at", "text", (col) => col.notNull())
        .addColumn("updated_at", "text", (col) => col.notNull())
        .execute();
      await sql`create unique index label_user_name_idx on label (user_id, lower(name))`.execute(trx);
      await trx.schema
        .createTable("task_label")
        .addColumn("task_id", "text", (col) => col.notNull())
        .addColumn("label_id", "text", (col) => col.notNull().references("label.id").onDelete("cascade"))
        .addColumn("user_id", "text", (col) => col.notNull().references("user.id").onDelete("cascade"))
        .addPrimaryKeyConstraint("task_label_pk", ["task_id", "label_id"])
        .execute();
      await trx.schema.createIndex("task_label_user_label_idx").on("task_label").columns(["user_id", "label_id", "task_id"]).execute();
    });
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("task_label").execute();
    await db.schema.dropTable("label").execute();
  },
};
