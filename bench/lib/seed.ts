import type { Insertable } from "kysely";
import { generateNKeysBetween } from "fractional-indexing";
import { v7 as uuidv7 } from "uuid";
import type { TaskTable } from "../../db/schema";
import type { App } from "../../src/server/app";

/** Titles are drawn from these words; SEARCH_TERM is in about 1 % of them (search cost depends on it). */
const WORDS = ["write", "review", "call", "plan", "fix", "buy", "send", "book", "draft", "clean", "read", "check"];
const OBJECTS = ["report", "invoice", "email", "slides", "budget", "ticket", "garden", "car", "flight", "notes", "deck"];
/** The search the benchmark runs at 100,000 tasks: about 1 % of titles contain it. */
export const SEARCH_TERM = "quarterly";

/** The benchmark's password for every seeded user. */
export const PASSWORD = "bench-password-correct-horse-battery";

/**
 * Signs a user up through Better Auth (the same path as the API) and gives them `taskCount` tasks,
 * inserted in batches inside transactions: realistic rows (notes, due dates, priorities, a quarter
 * done) with creation times one minute apart, oldest first; with `labels`, that many labels, two on every task.
 */
export async function seedUser(app: App, email: string, taskCount: number, { labels = 0 }: { labels?: number } = {}): Promise<{ id: string; labelIds: string[] }> {
  const { user } = await app.auth.api.signUpEmail({ body: { email, password: PASSWORD, name: email.split("@")[0]! } });
  // With labels: every task carries the first and one of the others, so a filter by the first keeps every row.
  const now = new Date().toISOString();
  const labelRows = Array.from({ length: labels }, (_, i) => ({ id: uuidv7(), user_id: user.id, name: `label${i}`, color: "blue", created_at: now, updated_at: now }));
  if (labelRows.length > 0) await app.db.insertInto("label").values(labelRows).execute();
  const start = Date.now() - taskCount * 60_000;
  // "My order" as the app gives it: each new task last.
  const positions = generateNKeysBetween(null, null, taskCount);
  for (let offset = 0; offset < taskCount; offset += 1_000) {
    const rows: Insertable<TaskTable>[] = [];
    for (let i = offset; i < Math.min(taskCount, offset + 1_000); i++) {
      const created = new Date(start + i * 60_000).toISOString();
      const completed = i % 4 === 0 ? 1 : 0;
      rows.push({
        id: uuidv7(),
        user_id: user.id,
        title: `${WORDS[i % WORDS.length]} ${i % 100 === 7 ? SEARCH_TERM : ""} ${OBJECTS[i % OBJECTS.length]} #${i}`.replace("  ", " "),
        notes: i % 3 === 0 ? `Some notes for task ${i}, long enough to look like the real thing.` : null,
        completed,
        priority: i % 4,
        due_date: i % 5 === 0 ? new Date(start + (i + 2_880) * 60_000).toISOString() : null,
        created_at: created,
        updated_at: created,
        completed_at: completed ? created : null,
        position: positions[i]!,
      });
    }
    const links = labelRows.length === 0 ? [] : rows.flatMap((row, i) => [...new Set([labelRows[0]!, labelRows[1 + (i % (labelRows.length - 1 || 1))] ?? labelRows[0]!])].map((label) => ({ task_id: row.id, label_id: label.id, user_id: user.id })));
    // SQLite caps bound parameters per statement; 11 columns x 100 rows stays well under it.
    await app.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 100) await trx.insertInto("task").values(rows.slice(i, i + 100)).execute();
      for (let i = 0; i < links.length; i += 300) await trx.insertInto("task_label").values(links.slice(i, i + 300)).execute();
    });
  }
  return { id: user.id, labelIds: labelRows.map((label) => label.id) };
}
