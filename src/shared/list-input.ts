import { z } from "zod";
import { listId, listName as name } from "./task-input";

export const createListInput = z.object({ name });
export const listIdInput = z.object({ id: listId.unwrap() });
export const renameListInput = z.object({ id: listId.unwrap(), name });
export const deleteListInput = z.object({
  id: listId.unwrap(),
  /** Delete the list's tasks with it; by default they move to the Inbox. */
  deleteTasks: z.boolean().default(false),
});
export type DeleteListInput = z.output<typeof deleteListInput>;
