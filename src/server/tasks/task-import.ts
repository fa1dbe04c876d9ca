import { inTransaction } from "@db/in-transaction";
import type { z } from "zod";
import type { importTasksInput } from "@/shared/task-input";
import type { LabelColor } from "@/shared/label-input";
import { labelRepository, type LabelRepositoryOptions } from "../labels/label-repository";
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
  /** Labels the file named that the user did not have: made, with the file's spelling (and colour). */
  labelsCreated: string[];
}

/**
 * Imports a file's tasks for `userId` in one transaction: their lists and labels are matched by name
 * (ignoring case) or made, then every task is created in order, with its labels and checklist. All or nothing: a quota reached half-way, or any other
 * failure, leaves the user's data as it was, so running the same import again cannot duplicate a part.
 *
 * @throws the repositories' quota errors (the router answers FORBIDDEN).
 */
export async function importTasks(
  db: Db,
  userId: string,
  file: z.output<typeof importTasksInput>,
  options: { tasks: TaskRepositoryOptions; lists: ListRepositoryOptions; labels: LabelRepositoryOptions },
): Promise<ImportResult> {
  const { tasks } = file;
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
    const colors = new Map<string, LabelColor>((file.labels ?? []).flatMap((label) => (label.color ? [[label.name.toLowerCase(), label.color] as const] : [])));
    const labels = await labelRepository(trx, userId, options.labels).matchOrMake(new Set(tasks.flatMap((task) => task.labels ?? [])), colors);
    const labelIdsOf = (names: readonly string[] = []) => [...new Set(names.map((name) => labels.ids.get(name.toLowerCase())!))];
    const imported = await taskRepository(trx, userId, options.tasks).insertMany(
      tasks.map(({ list, labels: names, ...task }) => ({ ...task, listId: list ? listIds.get(list.toLowerCase())! : null, labelIds: labelIdsOf(names) })),
    );
    return { imported, listsCreated, listsMatched: [...listsMatched], labelsCreated: labels.made };
  });
}
