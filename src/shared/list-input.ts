import { z } from "zod";
import { LIST_LIMITS } from "./task-fields";
import { listId, withoutControls } from "./task-input";

const name = z
  .string()
  .trim()
  .min(1, "List name must not be empty")
  .max(LIST_LIMITS.nameMax, `List name must be at most ${LIST_LIMITS.nameMax} characters`)
  .refine(...withoutControls("List name"));

export const createListInput = z.object({ name });
export const renameListInput = z.object({ id: listId.unwrap(), name });
export const deleteListInput = z.object({
  id: listId.unwrap(),
  /** Delete the list's tasks with it; by default they move to the Inbox. */
  deleteTasks: z.boolean().default(false),
});
export type DeleteListInput = z.output<typeof deleteListInput>;
