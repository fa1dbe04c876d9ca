import { generateNKeysBetween } from "fractional-indexing";
import { v7 as uuidv7 } from "uuid";
import type { ImportedSubtask } from "@/shared/subtask-input";

/**
 * Fractional indexes compare as bytes. In JavaScript, `<` on these ASCII strings is byte order; SQL's
 * `order by` would follow the database's collation (PostgreSQL's en_US puts "a" before "B"), so the
 * checklist is ordered here.
 */
export const byPosition = (a: { position: string }, b: { position: string }) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0);

/** Rows for a new checklist of `taskId` (an import), in the given order. */
export function newSubtaskRows(userId: string, taskId: string, items: readonly ImportedSubtask[], now: string) {
  const positions = generateNKeysBetween(null, null, items.length);
  return items.map((item, i) => ({
    id: uuidv7(),
    user_id: userId,
    task_id: taskId,
    title: item.title,
    completed: item.completed ? 1 : 0,
    position: positions[i]!,
    created_at: now,
    updated_at: now,
  }));
}

