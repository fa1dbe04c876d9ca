import { inTransaction } from "@db/in-transaction";
import type { ImportedTask } from "@/shared/task-input";
import type { Db } from "../db";
import { listRepository, type ListRepositoryOptions } from "../lists/list-repository";
import { lockUser } from "../user-lock";
import { taskRepository, type TaskRepositoryOptions } from "./task-repository";

/** What an import did, for the client to say. */
export interface ImportResult {
  /** Tasks created, in the file's order. */
  imported: number;
  /** Lists the file named that the user did not have: made, with the file's spelling. */
  listsCreated: string[];
  /** Lists the file named that the user had (matched ignoring case), with the user's spelling. */
  listsMatched: string[];
}

/**
 * Imports `tasks` for `userId` in one transaction: their lists are matched by name (ignoring case) or
 * made, then every task is created in order. All or nothing: a quota reached half-way, or any other
 * failure, leaves the user's data as it was, so running the same import again cannot duplicate a part.
 *
 * @throws the repositories' quota errors (the router answers FORBIDDEN).
 */
export async function importTasks(
  db: Db,
  userId: string,
  tasks: readonly ImportedTask[],
  options: { tasks: TaskRepositoryOptions; lists: ListRepositoryOptions },
): Promise<ImportResult> {
  return inTransaction(db, async (trx) => {
    await lockUser(trx, userId);
    const lists = listRepository(trx, userId, options.lists);
    const byName = new Map((await lists.all()).lists.map((list) => [list.name.toLowerCase(), list]));
    const listsCreated: string[] = [];
    const listsMatched = new Set<string>();
    const listIds = new Map<string, string>();
    for (const name of new Set(tasks.flatMap((task) => (task.list ? [task.list] : [])))) {
      const key = name.toLowerCase();
      if (listIds.has(key)) continue;
      const found = byName.get(key);
      if (found) listsMatched.add(found.name);
      else listsCreated.push(name);
      listIds.set(key, found?.id ?? (await lists.create(name)).id);
    }
    const imported = await taskRepository(trx, userId, options.tasks).insertMany(
      tasks.map(({ list, ...task }) => ({ ...task, listId: list ? listIds.get(list.toLowerCase())! : null })),
    );
    return { imported, listsCreated, listsMatched: [...listsMatched] };
  });
}
