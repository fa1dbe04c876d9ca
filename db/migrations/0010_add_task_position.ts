import { PostgresAdapter, sql, type Kysely, type Migration } from "kysely";
import { generateNKeysBetween } from "fractional-indexing";
import { inTransaction } from "../in-transaction";

/** Rows per backfill statement (two bound values each, well under SQLite's limit). */
const CHUNK = 500;

/**
 * "My order": `position`, a fractional index (fractional-indexing) per user, so a move writes one row.
 * The keys compare as bytes: SQLite's default collation does; on PostgreSQL the column is `collate "C"`
 * (the database's own collation may be en_US, which puts "a" before "B"), and so is its index.
 * Existing tasks get positions in their creation order, deleted ones included (an Undo puts them back there).
 */
export const addTaskPosition: Migration = {
  async up(db: Kysely<unknown>) {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await inTransaction(db, async (trx) => {
      for (const table of ["task", "deleted_task"]) {
        await trx.schema
          .alterTable(table)
          .addColumn("position", "text", (col) => (postgres ? col.modifyFront(sql`collate "C"`) : col).notNull().defaultTo("a0"))
          .execute();
      }
      const rows = await sql<{ id: string; user_id: string; source: string }>`
        select id, user_id, 'task' as source, created_at from task
        union all select id, user_id, 'deleted_task' as source, created_at from deleted_task
        order by user_id, created_at, id`.execute(trx);
      const byUser = new Map<string, { id: string; source: string }[]>();
      for (const row of rows.rows) {
        const own = byUser.get(row.user_id) ?? [];
        if (own.length === 0) byUser.set(row.user_id, own);
        own.push(row);
      }
      const updates: { table: string; id: string; position: string }[] = [];
      for (const own of byUser.values()) {
        const positions = generateNKeysBetween(null, null, own.length);
        own.forEach((row, i) => updates.push({ table: row.source, id: row.id, position: positions[i]! }));
      }
      for (const table of ["task", "deleted_task"]) {
        const mine = updates.filter((update) => update.table === table);
        for (let i = 0; i < mine.length; i += CHUNK) {
          const chunk = mine.slice(i, i + CHUNK);
          const cases = sql.join(chunk.map((u) => sql`when ${u.id} then ${u.position}`), sql` `);
          await sql`update ${sql.table(table)} set position = case id ${cases} end where id in (${sql.join(chunk.map((u) => u.id))})`.execute(trx);
        }
      }
      // "My order" and its keyset paging.
      await trx.schema.createIndex("task_user_position_idx").on("task").columns(["user_id", "position", "id"]).execute();
    });
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex("task_user_position_idx").execute();
    for (const table of ["task", "deleted_task"]) await db.schema.alterTable(table).dropColumn("position").execute();
  },
};
