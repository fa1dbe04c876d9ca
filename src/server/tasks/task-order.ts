import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import { z } from "zod";
import type { Database, TaskRow } from "@db/schema";
import type { TaskSort } from "@/shared/task-fields";

type TaskEb = ExpressionBuilder<Database, "task">;
type KeyValue = string | number;

/** One column of a sort order: how to select it, which way it runs, and its value in a row. */
interface SortKey {
  expr: (eb: TaskEb) => Expression<KeyValue>;
  type: "string" | "number";
  desc: boolean;
  value: (row: TaskRow) => KeyValue;
}


const createdAt: SortKey = { expr: (eb) => eb.ref("created_at"), type: "string", desc: false, value: (r) => r.created_at };
const id: SortKey = { expr: (eb) => eb.ref("id"), type: "string", desc: false, value: (r) => r.id };
const desc = (key: SortKey): SortKey => ({ ...key, desc: true });

/** Every order ends in `id`, so rows are totally ordered and a keyset cursor never skips or repeats one. */
const SORT_KEYS: Record<TaskSort, SortKey[]> = {
  created: [createdAt, id],
  newest: [desc(createdAt), desc(id)],
  // Undated tasks last: by a 0/1 key, not a sentinel string, whose place would depend on the database's
  // collation (PostgreSQL's en_US puts "~" before digits; SQLite's binary order after).
  due: [
    { expr: () => sql<number>`case when due_date is null then 1 else 0 end`, type: "number", desc: false, value: (r) => (r.due_date === null ? 1 : 0) },
    { expr: () => sql<string>`coalesce(due_date, '')`, type: "string", desc: false, value: (r) => r.due_date ?? "" },
    createdAt,
    id,
  ],
  priority: [{ expr: (eb) => eb.ref("priority"), type: "number", desc: true, value: (r) => r.priority }, createdAt, id],
  // Fractional indexes, compared as bytes (the column is `collate "C"` on PostgreSQL).
  manual: [{ expr: (eb) => eb.ref("position"), type: "string", desc: false, value: (r) => r.position }, id],
};

/** `ORDER BY` terms for a sort, to apply in sequence. */
export function orderTerms(sort: TaskSort) {
  return SORT_KEYS[sort].map((key) => ({ expr: key.expr, direction: key.desc ? ("desc" as const) : ("asc" as const) }));
}

/**
 * The keyset condition "after the row the cursor points at", for any mix of directions:
 * `(k1 > v1) OR (k1 = v1 AND k2 > v2) OR …`, which PostgreSQL and SQLite both plan on the index.
 */
export function afterCursor(eb: TaskEb, sort: TaskSort, values: KeyValue[]): Expression<SqlBool> {
  const keys = SORT_KEYS[sort];
  return eb.or(
    keys.map((key, i) =>
      eb.and([
        ...keys.slice(0, i).map((prev, j) => eb(prev.expr(eb), "=", values[j]!)),
        eb(key.expr(eb), key.desc ? "<" : ">", values[i]!),
      ]),
    ),
  );
}

const cursorSchema = z.object({ s: z.string(), v: z.array(z.union([z.string().max(1000), z.number()])) });

/** An opaque cursor for the row a page ended at: the sort it belongs to and that row's key values. */
export function encodeCursor(sort: TaskSort, row: TaskRow): string {
  const values = SORT_KEYS[sort].map((key) => key.value(row));
  return Buffer.from(JSON.stringify({ s: sort, v: values })).toString("base64url");
}

/** The key values in `cursor`, or `null` when it is malformed or was made for another sort. */
export function decodeCursor(sort: TaskSort, cursor: string): KeyValue[] | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (!parsed.success || parsed.data.s !== sort) return null;
    const keys = SORT_KEYS[sort];
    const values = parsed.data.v;
    if (values.length !== keys.length) return null;
    // Each value must have its column's type, or the comparison would be meaningless.
    return values.every((value, i) => typeof value === keys[i]!.type) ? values : null;
  } catch {
    return null;
  }
}
