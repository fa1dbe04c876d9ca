import { type Kysely, type Migration } from "kysely";
import { inTransaction } from "../in-transaction";

/**
 * Due times: `due_date` stays the UTC instant; `due_has_time` says whether the user set a time (1) or
 * only a day (0, the instant is then the last moment of that local day, as before).
 */
export const addDueTime: Migration = {
  async up(db: Kysely<unknown>) {
    await inTransaction(db, async (trx) => {
      for (const table of ["task", "deleted_task"]) {
        await trx.schema.alterTable(table).addColumn("due_has_time", "integer", (col) => col.notNull().defaultTo(0)).execute();
      }
    });
  },
  async down(db: Kysely<unknown>) {
    for (const table of ["task", "deleted_task"]) await db.schema.alterTable(table).dropColumn("due_has_time").execute();
  },
};
