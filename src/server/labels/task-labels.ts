import type { Db } from "../db";
import { isForeignKeyViolation } from "../unique-violation";

/** Rows per `in (...)` list: well under SQLite's 32,766 bound parameters. */
const CHUNK = 500;

/**
 * The label ids of each of `taskIds` (the user's), in the labels' creation order (ids are UUIDv7): one
 * indexed query per 500 tasks (on `task_label_user_task_idx`), so a page of tasks costs one more query, not one a row.
 */
export async function labelsOf(db: Db, userId: string, taskIds: readonly string[]): Promise<Map<string, string[]>> {
  const byTask = new Map<string, string[]>();
  for (let i = 0; i < taskIds.length; i += CHUNK) {
    const links = await db
      .selectFrom("task_label")
      .select(["task_id", "label_id"])
      .where("user_id", "=", userId)
      .where("task_id", "in", taskIds.slice(i, i + CHUNK))
      .execute();
    for (const link of links) (byTask.get(link.task_id) ?? byTask.set(link.task_id, []).get(link.task_id)!).push(link.label_id);
  }
  // Sorted here, not by an ORDER BY: that made SQLite pick the (user_id, label_id) index and read every
  // link the user has. Code-unit order, as a created task's labels are, whatever the database's collation.
  for (const ids of byTask.values()) ids.sort();
  return byTask;
}

/**
 * In `trx`: makes `labelIds` the labels of task `taskId` (the caller has checked both are the user's).
 * Resolves `false` when a label is gone by now (deleted by a concurrent request after the check): the
 * foreign key refused the link, and the caller must end the transaction (PostgreSQL has aborted it).
 */
export async function setTaskLabels(trx: Db, userId: string, taskId: string, labelIds: readonly string[]): Promise<boolean> {
  await trx.deleteFrom("task_label").where("user_id", "=", userId).where("task_id", "=", taskId).execute();
  if (labelIds.length === 0) return true;
  try {
    await trx.insertInto("task_label").values(labelIds.map((labelId) => ({ task_id: taskId, label_id: labelId, user_id: userId }))).execute();
    return true;
  } catch (error) {
    if (isForeignKeyViolation(error)) return false;
    throw error;
  }
}

/** Whether every one of `labelIds` is one of the user's labels. */
export async function ownsLabels(db: Db, userId: string, labelIds: readonly string[]): Promise<boolean> {
  if (labelIds.length === 0) return true;
  const found = await db.selectFrom("label").select((eb) => eb.fn.countAll().as("n")).where("user_id", "=", userId).where("id", "in", labelIds).executeTakeFirstOrThrow();
  return Number(found.n) === labelIds.length;
}
